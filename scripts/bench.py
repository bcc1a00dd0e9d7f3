"""``make bench``: throughput and peak memory of marsad's stages.

Sections are named functions in :data:`BENCHES`; each takes the options and returns a result dict that
is printed as one line (and, with ``--json``, as JSON). Add a section (extraction throughput, the full
pipeline...) by writing a function and listing it there.

- ``synthetic``: >= 5,000 articles generated from ``samples/`` by recombining paragraphs (so duplicate
  detection keeps them), written as JSON Lines, then ingested into a fresh SQLite store (read, exact and
  near-duplicate checks, search index, one transaction per document) and segmented (normalization,
  clitic analysis, sentences). Median of ``--runs`` runs (default 3).
- ``saudinewsnet``: the same on ``../shared/bench/saudinewsnet`` (zips of JSON arrays) when present
  (``--saudi-runs``, default 1, to keep ``make bench`` near three minutes).

Peak memory is the process's maximum resident set size (``getrusage``), after each section.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from marsad.doc import Document  # noqa: E402
from marsad.ingest import IngestError, read_paths  # noqa: E402
from marsad.ingest.jsonl import read_array  # noqa: E402
from marsad.segment import segment  # noqa: E402
from marsad.store import ADDED, Store  # noqa: E402

SAMPLES = REPO / "samples"
SAUDI = REPO.parent / "shared" / "bench" / "saudinewsnet"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def paragraphs(docs: Iterable[Document], min_words: int = 8) -> list[str]:
    """Distinct paragraphs (non-empty lines) of running text from the sample documents."""
    seen: dict[str, None] = {}
    for d in docs:
        for line in d.text.split("\n"):
            line = line.strip()
            if len(line.split()) >= min_words:
                seen.setdefault(line, None)
    return list(seen)


def generate(paras: list[str], n: int, seed: int = 7) -> Iterator[dict]:
    """``n`` articles of 3-6 paragraphs drawn without replacement, each set of paragraphs used once."""
    rng = random.Random(seed)
    outlets = ["صحيفة الميدان", "وكالة النهار", "شبكة الساحل", "راديو الجنوب", "بوابة الواحة"]
    used: set[tuple[int, ...]] = set()
    made = 0
    while made < n:
        k = rng.randint(3, 6)
        pick = tuple(rng.sample(range(len(paras)), k))
        if tuple(sorted(pick)) in used:
            continue
        used.add(tuple(sorted(pick)))
        made += 1
        yield {"outlet": outlets[made % len(outlets)],
               "published": f"20{19 + made % 2}-{1 + made % 12:02d}-{1 + made % 28:02d}",
               "title": f"تقرير {made}", "text": "\n".join(paras[i] for i in pick)}


def ingest_and_segment(docs: Iterable[Document | IngestError], db: str) -> dict:
    """Segment each document and store it (the order ``marsad ingest`` + ``process`` would run)."""
    counts: dict[str, int] = {}
    n_bytes = n_tokens = n_sent = 0
    t_store = t_seg = 0.0
    with Store(db) as store:
        t0, c0 = time.perf_counter(), time.process_time()
        for d in docs:
            if isinstance(d, IngestError):
                counts["errors"] = counts.get("errors", 0) + 1
                continue
            t1 = time.perf_counter()
            segment(d)
            t2 = time.perf_counter()
            status = store.add_document(d).status
            t_store += time.perf_counter() - t2
            t_seg += t2 - t1
            counts[status] = counts.get(status, 0) + 1
            n_bytes += len(d.text.encode("utf-8"))
            n_tokens += len(d.tokens)
            n_sent += len(d.sentences)
        total, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"seconds": total, "cpu_seconds": cpu, "docs": sum(v for k, v in counts.items() if k != "errors"), "bytes": n_bytes,
            "tokens": n_tokens, "sentences": n_sent, "counts": counts, "store_s": t_store, "segment_s": t_seg}


def median_runs(make_docs: Callable[[], Iterable[Document | IngestError]], runs: int) -> dict:
    results = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            results.append(ingest_and_segment(make_docs(), str(Path(tmp) / "bench.db")))
    med = sorted(results, key=lambda r: r["seconds"])[len(results) // 2]
    secs = med["seconds"]
    return {
        "articles": med["docs"], "MB": round(med["bytes"] / 1e6, 2),
        "articles_per_s": round(med["docs"] / secs, 1), "MB_per_s": round(med["bytes"] / 1e6 / secs, 3),
        # CPU time of the process: the fair figure when other jobs share the cores
        "cpu_articles_per_s": round(med["docs"] / med["cpu_seconds"], 1),
        "cpu_MB_per_s": round(med["bytes"] / 1e6 / med["cpu_seconds"], 3),
        "seconds_median": round(secs, 2), "seconds_all": [round(r["seconds"], 2) for r in results],
        "share_segment": round(med["segment_s"] / secs, 2), "share_store": round(med["store_s"] / secs, 2),
        "tokens": med["tokens"], "sentences": med["sentences"], "outcome": med["counts"],
        "peak_rss_MB": round(peak_mb(), 1),
    }


def bench_synthetic(opts) -> dict:
    """Ingest+normalize+segment on articles recombined from the samples."""
    sample_docs = [d for d in read_paths([SAMPLES]) if isinstance(d, Document)]
    if not sample_docs:
        return {"skipped": f"no samples under {SAMPLES}"}
    paras = paragraphs(sample_docs)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        rows = list(generate(paras, opts.n))
        per_file = 500
        for i in range(0, len(rows), per_file):
            with open(folder / f"part{i // per_file:03d}.jsonl", "w", encoding="utf-8") as fh:
                for r in rows[i:i + per_file]:
                    fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        res = median_runs(lambda: read_paths([folder]), opts.runs)
        res["runs"] = opts.runs
    res["source_paragraphs"] = len(paras)
    res["kept_by_dedup"] = f"{res['outcome'].get(ADDED, 0)}/{res['articles']}"
    return res


def saudi_articles() -> Iterator[Document | IngestError]:
    """Every SaudiNewsNet article under ``../shared/bench/saudinewsnet``, zip by zip, as the JSON reader
    gives them (nothing when the folder is absent)."""
    for z in sorted(SAUDI.glob("*.zip")) if SAUDI.is_dir() else []:
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                if name.endswith(".json"):
                    yield from read_array(zf.read(name).decode("utf-8"), f"{z.name}/{name}")


def bench_saudinewsnet(opts) -> dict:
    """The same on real Saudi news (two days of SaudiNewsNet), when ../shared is present."""
    if not (SAUDI.is_dir() and any(SAUDI.glob("*.zip"))):
        return {"skipped": f"{SAUDI} not present"}
    res = median_runs(saudi_articles, opts.saudi_runs)
    res["runs"] = opts.saudi_runs
    res["kept_by_dedup"] = f"{res['outcome'].get(ADDED, 0)}/{res['articles']}"
    return res


def bench_extraction(opts) -> dict:
    """Extraction throughput: the full default pipeline (segment, dates, actors, places, events) on up to
    500 SaudiNewsNet articles (else the samples); knowledge loading is timed apart, once."""
    from marsad.pipeline import default_stages

    if SAUDI.is_dir() and sorted(SAUDI.glob("*.zip")):
        with zipfile.ZipFile(sorted(SAUDI.glob("*.zip"))[0]) as zf:
            name = next(n for n in zf.namelist() if n.endswith(".json"))
            docs = [d for d in read_array(zf.read(name).decode("utf-8"), name) if isinstance(d, Document)][:500]
    else:
        docs = [d for d in read_paths([SAMPLES]) if isinstance(d, Document)]
    if not docs:
        return {"skipped": "no articles"}
    t = time.perf_counter()
    stages = default_stages()
    warm = Document(text="قالت الأمم المتحدة إن القتال في طرابلس توقف.")
    for _n, st in stages:
        warm = st(warm)
    load_s = time.perf_counter() - t
    runs, per_stage = [], {n: 0.0 for n, _ in stages}
    for _ in range(opts.runs):
        t0 = time.perf_counter()
        for d in docs:
            doc = Document(text=d.text, source=d.source)
            for n, st in stages:
                ts = time.perf_counter()
                doc = st(doc)
                per_stage[n] += time.perf_counter() - ts
        runs.append(time.perf_counter() - t0)
    secs = sorted(runs)[len(runs) // 2]
    total_stage = sum(per_stage.values()) or 1.0
    nbytes = sum(len(d.text.encode("utf-8")) for d in docs)
    return {"articles": len(docs), "MB": round(nbytes / 1e6, 2), "articles_per_s": round(len(docs) / secs, 1),
            "MB_per_s": round(nbytes / 1e6 / secs, 3), "seconds_all": [round(r, 2) for r in runs],
            "share_segment": round(per_stage.get("segment", 0) / total_stage, 2), "share_store": 0.0,
            "stage_shares": {n: round(v / total_stage, 2) for n, v in per_stage.items()},
            "knowledge_load_s": round(load_s, 2), "kept_by_dedup": "n/a", "peak_rss_MB": round(peak_mb(), 1)}


BENCHES: list[tuple[str, Callable]] = [
    ("synthetic", bench_synthetic),
    ("saudinewsnet", bench_saudinewsnet),
    ("extraction", bench_extraction),  # extraction throughput (articles/s), full pipeline
    ("ner", lambda opts: __import__("bench_ner").bench_section(opts)),  # NER tagger: tokens/s, model load
]


def _line(name: str, res: dict, opts, took: float) -> str:
    """One summary line; sections may leave out keys that do not apply to them."""
    g = res.get
    parts = [f"{name}: {g('articles')} articles, {g('MB')} MB: {g('articles_per_s')} articles/s, "
             f"{g('MB_per_s')} MB/s wall clock (median of {g('runs', opts.runs)}: {g('seconds_all')} s)"]
    if "cpu_articles_per_s" in res:
        parts.append(f"{res['cpu_articles_per_s']} articles/s, {res['cpu_MB_per_s']} MB/s of CPU time")
    if g("share_store"):
        parts.append(f"segment {g('share_segment', 0):.0%}, store {g('share_store', 0):.0%}")
    if g("kept_by_dedup") not in (None, "n/a"):
        parts.append(f"kept {g('kept_by_dedup')}")
    parts.append(f"peak RSS {g('peak_rss_MB')} MB  [{took:.0f} s]")
    return "; ".join(parts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=5000, help="synthetic articles (default 5000)")
    ap.add_argument("--runs", type=int, default=3, help="runs per section; the median is reported")
    ap.add_argument("--saudi-runs", type=int, default=1,
                    help="runs on SaudiNewsNet (default 1: ~5,000 real articles take ~1 min per run)")
    ap.add_argument("--only", nargs="*", help="section names to run")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    opts = ap.parse_args(argv)
    results = {}
    for name, fn in BENCHES:
        if opts.only and name not in opts.only:
            continue
        t0 = time.perf_counter()
        res = fn(opts)
        results[name] = res
        if "skipped" in res:
            print(f"{name}: skipped ({res['skipped']})", flush=True)
            continue
        print(_line(name, res, opts, time.perf_counter() - t0), flush=True)
    if opts.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
