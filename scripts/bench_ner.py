#!/usr/bin/env python
"""Benchmark the NER tagger: model load time and tagging speed (tokens/s, one core), median of runs.

Text: the SaudiNewsNet bench zips of ../shared (real news, research use) when present, else our own
samples/. Documents are segmented first (not timed); the timed part is ``find_entities`` = features +
both CRF passes, exactly what the pipeline pays. Load time is measured in a fresh interpreter each run
(the model is cached once loaded). Speed is reported per wall-clock second and per CPU second of this
process (``time.process_time``): on a shared, busy machine only the second is a fair one-core figure.

    python scripts/bench_ner.py [--runs 5] [--max-tokens 200000]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

BENCH = REPO.parent / "shared" / "bench" / "saudinewsnet"


def corpus(max_tokens: int) -> tuple[str, list]:
    from marsad.doc import Document
    from marsad.segment import segment

    texts: list[str] = []
    source = "samples/"
    zips = sorted(BENCH.glob("*.zip")) if BENCH.is_dir() else []
    if zips:
        source = f"../shared/bench/saudinewsnet ({zips[0].name})"
        with zipfile.ZipFile(zips[0]) as zf:
            for name in zf.namelist():
                if name.endswith(".json"):
                    texts += [a.get("content") or "" for a in json.loads(zf.read(name))]
    else:
        texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "samples").glob("**/*.txt"))]
    docs, n = [], 0
    for text in texts:
        if n >= max_tokens:
            break
        doc = segment(Document(text=text))
        docs.append(doc)
        n += len(doc.tokens)
    return source, docs


def load_time() -> float:
    code = ("import time; t=time.perf_counter(); from marsad.ner.tagger import load_model; load_model(); "
            "print(time.perf_counter()-t)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    return float(out.stdout.strip())


def run(runs: int = 5, max_tokens: int = 200_000) -> dict:
    from marsad.ner.tagger import find_entities, load_model

    loads = [load_time() for _ in range(runs)]
    load_model()
    source, docs = corpus(max_tokens)
    n_tokens = sum(len(d.tokens) for d in docs)
    speeds, cpu_speeds, n_ent = [], [], 0
    for _ in range(runs):
        for d in docs:
            d.entities = None  # find_entities keeps its spans on the document: make every run tag afresh
        t, c = time.perf_counter(), time.process_time()
        n_ent = sum(len(find_entities(d)) for d in docs)
        speeds.append(n_tokens / (time.perf_counter() - t))
        cpu_speeds.append(n_tokens / (time.process_time() - c))
    return {"source": source, "documents": len(docs), "tokens": n_tokens, "entities": n_ent, "runs": runs,
            "bytes": sum(len(d.text.encode("utf-8")) for d in docs),
            "load_s_median": round(statistics.median(loads), 3),
            "tokens_per_s_median": round(statistics.median(speeds)),
            "cpu_tokens_per_s_median": round(statistics.median(cpu_speeds))}


def bench_section(opts) -> dict:
    """The ``ner`` section of ``scripts/bench.py`` (same keys as its other sections, plus tokens/s and
    load time)."""
    import resource

    r = run(getattr(opts, "runs", 3))
    nbytes = r.pop("bytes")
    secs = r["tokens"] / r["tokens_per_s_median"]
    return {"articles": r["documents"], "MB": round(nbytes / 1e6, 2), "articles_per_s": round(r["documents"] / secs, 1),
            "MB_per_s": round(nbytes / 1e6 / secs, 3), "seconds_all": [round(secs, 2)], "share_segment": 0.0,
            "share_store": 0.0, "kept_by_dedup": "n/a",
            "peak_rss_MB": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1), **r}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--max-tokens", type=int, default=200_000)
    args = ap.parse_args()
    r = run(args.runs, args.max_tokens)
    r.pop("bytes")
    print(f"NER tagger on {r['source']}: {r['documents']} docs, {r['tokens']} tokens, {r['entities']} entities")
    print(f"  model load (fresh process, median of {r['runs']}): {r['load_s_median']:.3f} s")
    print(f"  tagging, one core (median of {r['runs']}): {r['tokens_per_s_median']:,} tokens/s wall clock, "
          f"{r['cpu_tokens_per_s_median']:,} tokens/s of CPU time (the fair figure on a busy machine)")


if __name__ == "__main__":
    main()
