"""The trained CRF name tagger: PER / ORG / LOC / MISC over the document's own tokens.

The model (``marsad/models/ner.crfsuite``) and its gazetteer ship inside the package; nothing is fetched.
They are loaded lazily, once per process and model path, on the first call. ``find_entities`` tags each
sentence of ``doc.sentences`` from ``doc.tokens`` (made by :mod:`marsad.segment`) and never re-tokenizes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycrfsuite

from marsad.doc import Document, Token
from marsad.ner.conll import layer_spans
from marsad.ner.features import Lexicon, load_cues, load_gazetteer, sentence_features

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
MODEL_FILE = MODELS_DIR / "ner.crfsuite"
GAZETTEER_FILE = "ner_gazetteer.txt"  # looked up beside the model file


class ModelMissing(FileNotFoundError):
    """The model file is not where it should be (run ``make train-ner``)."""


@dataclass(slots=True)
class NerModel:
    tagger: pycrfsuite.Tagger
    lexicon: Lexicon
    path: Path

    def tag(self, tokens: list[Token]) -> list[str]:
        if not tokens:
            return []
        return self.tagger.tag(sentence_features(tokens, self.lexicon))


@cache
def load_model(path: str | Path | None = None) -> NerModel:
    """Open the CRF model and its lexicon (cached: the second call costs nothing)."""
    path = Path(path) if path else MODEL_FILE
    if not path.is_file():
        raise ModelMissing(f"NER model {path} not found; train it with `make train-ner`")
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    lex = load_cues()
    gaz = path.parent / GAZETTEER_FILE
    if gaz.is_file():
        load_gazetteer(gaz, lex)
    return NerModel(tagger, lex, path)


def tag_tokens(tokens: list[Token], model: str | Path | None = None) -> list[str]:
    """BIO labels (``B-PER``, ``I-LOC``, ``O``...) for one sentence's tokens."""
    return load_model(model).tag(tokens)


def find_entities(doc: Document, model: str | Path | None = None) -> list[tuple[int, int, str]]:
    """Entity spans ``(start, end, label)`` in ``doc.text`` (labels PER/ORG/LOC/MISC), sentence by sentence.

    Uses ``doc.tokens``/``doc.sentences`` as the segment stage left them; a document without sentences is
    tagged as one sequence.
    """
    m = load_model(model)
    ranges = [(s.first_token, s.last_token) for s in doc.sentences] or [(0, len(doc.tokens))]
    out: list[tuple[int, int, str]] = []
    for first, last in ranges:
        toks = doc.tokens[first:last]
        for s, e, label in layer_spans(m.tag(toks)):
            out.append((toks[s].start, toks[e - 1].end, label))
    return out
