"""Wall time of ``marsad process`` serially and on a local Dask cluster (``--workers N``), same documents.

The documents: the first ``--n`` (default 200) SaudiNewsNet articles when ``../shared/bench/saudinewsnet``
is present (read as ``scripts/bench.py`` reads them), else ``--n`` articles recombined from ``samples/``.
They are ingested once into a template SQLite store; each run copies it and runs the real command in a
subprocess, so a run includes start-up, knowledge loading and (for the cluster) starting the scheduler and
workers. Each mode runs ``--runs`` times (default 3), alternating, and the median is reported, with the
processing time the command itself prints ("in X s", which leaves out start-up) the CPU time of
the command and every process it started (``RUSAGE_CHILDREN``: the driver, the scheduler and the worker
processes it spawned), and the machine's load average, since other jobs may share the cores: on a busy
machine the wall-clock speed-up understates what the workers give on idle cores. The extraction counts of both modes must agree.

    .venv/bin/python scripts/bench_scale.py [--n 200] [--runs 3] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path
from statistics import median

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench import SAMPLES, generate, paragraphs, saudi_articles  # noqa: E402

from marsad.doc import Document, Source  # noqa: E402
from marsad.ingest import read_paths  # noqa: E402
from marsad.store import Store  # noqa: E402

SUMMARY = re.compile(r"processed (\d+) documents \((\d+) events, (\d+) statements\) in ([\d.]+) s; (\d+) failed")


def corpus(n: int) -> tuple[str, list[Document]]:
    """``n`` documents and a name for where they came from."""
    docs = list(islice((d for d in saudi_articles() if isinstance(d, Document)), n))
    if docs:
        return "SaudiNewsNet", docs
    paras = paragraphs(d for d in read_paths([SAMPLES]) if isinstance(d, Document))
    return "synthetic (recombined samples)", [
        Document(text=r["text"], source=Source(outlet=r["outlet"], title=r["title"], path=f"synthetic/{i}"))
        for i, r in enumerate(generate(paras, n))]


def run_once(template: Path, args: list[str]) -> dict:
    """Copy the template store, run ``marsad process ARGS`` on it, return wall time and the summary."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "run.db"
        shutil.copy(template, db)
        load0 = os.getloadavg()[0]
        ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        res = subprocess.run([str(REPO / ".venv" / "bin" / "marsad"), "--db", str(db), "process",
                              "--no-progress", *args], capture_output=True, text=True)
        wall = time.perf_counter() - t0
        ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (ru1.ru_utime + ru1.ru_stime) - (ru0.ru_utime + ru0.ru_stime)
    m = SUMMARY.search(res.stderr)
    if m is None:
        raise SystemExit(f"marsad process {' '.join(args)} failed:\n{res.stderr[-2000:]}")
    docs, events, statements, secs, failed = m.groups()
    return {"wall": wall, "process_s": float(secs), "docs": int(docs), "events": int(events),
            "statements": int(statements), "failed": int(failed), "load": load0,
            "cpu": cpu}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=200, help="documents (default 200)")
    ap.add_argument("--runs", type=int, default=3, help="runs per mode; the median is reported")
    ap.add_argument("--workers", type=int, default=2, help="local Dask worker processes (default 2)")
    opts = ap.parse_args(argv)
    name, docs = corpus(opts.n)
    with tempfile.TemporaryDirectory() as tmp:
        template = Path(tmp) / "template.db"
        with Store(str(template)) as store:
            added = sum(store.add_document(d).status == "added" for d in docs)
        mb = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
        print(f"{name}: {added} documents stored ({mb:.2f} MB); {os.cpu_count()} cores, "
              f"load average {os.getloadavg()[0]:.1f} at start (other jobs share this machine)", flush=True)
        modes = {"serial": [], f"--workers {opts.workers}": []}
        for _ in range(opts.runs):
            for mode, results in modes.items():
                results.append(run_once(template, [] if mode == "serial" else mode.split()))
                r = results[-1]
                print(f"  {mode}: {r['wall']:.1f} s wall ({r['process_s']:.1f} s processing), "
                      f"{r['cpu']:.1f} s CPU in all processes, load {r['load']:.1f}", flush=True)
    summary = {}
    for mode, results in modes.items():
        wall = median(r["wall"] for r in results)
        proc = median(r["process_s"] for r in results)
        cpu = median(r["cpu"] for r in results)
        r = results[0]
        summary[mode] = (wall, proc)
        print(f"{mode}: median {wall:.1f} s wall = {r['docs'] / wall:.1f} docs/s end to end; "
              f"{proc:.1f} s processing = {r['docs'] / proc:.1f} docs/s; {cpu:.1f} s CPU; {r['docs']} documents, "
              f"{r['events']} events, {r['statements']} statements, {r['failed']} failed")
    counts = {mode: {(r["docs"], r["events"], r["statements"]) for r in results} for mode, results in modes.items()}
    same = len(set().union(*counts.values())) == 1
    (sw, sp), (cw, cp) = summary.values()
    print(f"speed-up with {opts.workers} workers: {sw / cw:.2f}x end to end, {sp / cp:.2f}x processing "
          f"(median of {opts.runs}); extraction counts {'identical' if same else 'DIFFER: ' + str(counts)}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
