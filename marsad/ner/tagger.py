"""The trained CRF name tagger: PER / ORG / LOC / MISC over the document's own tokens.

The model (``marsad/models/ner.crfsuite``) and its gazetteer ship inside the package; nothing is fetched.
A second CRF pass adds document-level evidence. They are loaded lazily, once per process and model path, on the first call. ``find_entities`` tags each
sentence of ``doc.sentences`` from ``doc.tokens`` (made by :mod:`marsad.segment`) and never re-tokenizes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycrfsuite

from marsad.doc import Document, Token
from marsad.ner.conll import layer_spans
from marsad.ner.features import (
    Lexicon,
    doc_features,
    load_cues,
    load_freq,
    load_gazetteer,
    sentence_features,
)

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
MODEL_FILE = MODELS_DIR / "ner.crfsuite"
FIRST_PASS = "ner1.crfsuite"  # looked up beside the model file
GAZETTEER_FILE = "ner_gazetteer.txt"  # looked up beside the model file
FREQ_FILE = "ner_freq.txt"  # frequency bands, beside the model file (when trained with them)
META_FILE = "ner.json"  # training record; its "features" lists the optional feature groups used


class ModelMissing(FileNotFoundError):
    """The model file is not where it should be (run ``make train-ner``)."""


@dataclass(slots=True)
class NerModel:
    """Two CRFs: a sentence-level first pass, and a second pass that also sees document-level features
    (how the first pass labelled the other mentions of each word, see :func:`doc_features`). A model
    directory without ``ner1.crfsuite`` is a single-pass model."""

    final: pycrfsuite.Tagger
    first: pycrfsuite.Tagger | None
    lexicon: Lexicon
    path: Path

    def tag_document(self, sentences: list[list[Token]]) -> list[list[str]]:
        """BIO labels for every sentence of one document."""
        base = [sentence_features(toks, self.lexicon) for toks in sentences]
        if self.first is None:
            return [self.final.tag(f) if f else [] for f in base]
        p1 = [self.first.tag(f) if f else [] for f in base]
        extra = doc_features(sentences, p1, self.lexicon)
        return [self.final.tag([a + b for a, b in zip(f, e, strict=True)]) if f else []
                for f, e in zip(base, extra, strict=True)]

    def tag(self, tokens: list[Token]) -> list[str]:
        return self.tag_document([tokens])[0] if tokens else []


def _open(path: Path) -> pycrfsuite.Tagger:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


@cache
def load_model(path: str | Path | None = None) -> NerModel:
    """Open the CRF model(s) and the lexicon (cached: the second call costs nothing)."""
    path = Path(path) if path else MODEL_FILE
    if not path.is_file():
        raise ModelMissing(f"NER model {path} not found; train it with `make train-ner`")
    first = path.parent / FIRST_PASS
    lex = load_cues()
    gaz = path.parent / GAZETTEER_FILE
    if gaz.is_file():
        load_gazetteer(gaz, lex)
    meta = path.parent / META_FILE
    if meta.is_file():  # the feature groups must be the ones the model was trained with
        lex.features = frozenset(json.loads(meta.read_text(encoding="utf-8")).get("features", ()))
    freq = path.parent / FREQ_FILE
    if "freq" in lex.features:
        if not freq.is_file():
            raise ModelMissing(f"{freq} not found; the model {path} was trained with frequency bands")
        load_freq(freq, lex)
    return NerModel(_open(path), _open(first) if first.is_file() else None, lex, path)


def tag_tokens(tokens: list[Token], model: str | Path | None = None) -> list[str]:
    """BIO labels (``B-PER``, ``I-LOC``, ``O``...) for one sentence's tokens."""
    return load_model(model).tag(tokens)


def find_entities(doc: Document, model: str | Path | None = None) -> list[tuple[int, int, str]]:
    """Entity spans ``(start, end, label)`` in ``doc.text`` (labels PER/ORG/LOC/MISC), sentence by sentence.

    Uses ``doc.tokens``/``doc.sentences`` as the segment stage left them; a document without sentences is
    tagged as one sequence. With the shipped model the spans are kept on ``doc.entities``, so the actors
    and places stages, which both read them, pay for tagging once.
    """
    if model is None and doc.entities is not None:
        return doc.entities
    ranges = [(s.first_token, s.last_token) for s in doc.sentences] or [(0, len(doc.tokens))]
    sentences = [doc.tokens[first:last] for first, last in ranges]
    out: list[tuple[int, int, str]] = []
    for toks, labels in zip(sentences, load_model(model).tag_document(sentences), strict=True):
        for s, e, label in layer_spans(labels):
            out.append((toks[s].start, toks[e - 1].end, label))
    if model is None:
        doc.entities = out
    return out
