"""Sentence-level PLOVER detection and actor attribution against the OEDA Arabic gold standard (GSR).

The GSR (``*_gsr.csv``) gives sentences judged by annotators for one event type (ASSAULT or PROTEST) with
a label: ``yes`` (unanimous), ``easy no`` (unanimous reject), ``difficult no`` (mostly reject) and
``ambiguous`` (too few votes, left out here). A sentence is predicted positive when the pipeline finds an
asserted (not negated, not hypothetical) event of that type in it. We report precision, recall and F1 of
``yes`` against ``easy no`` and against all ``no`` labels.

``*_spans.json`` gives, for some sentences, the gold source and target words (``source_gold``,
``target_gold``). Attribution is scored on the sentences where we found an event of the type and the gold
span is not empty: the predicted actor is right when one of its mention words in the sentence shares a
word (compared on clitic-stripped keys) with the gold span.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from marsad.doc import Document, Event
from marsad.segment import tokenize

TYPES = ("ASSAULT", "PROTEST")


@dataclass
class Detection:
    """Confusion counts of one comparison (yes against some set of no labels)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, gold: bool, pred: bool) -> None:
        if gold and pred:
            self.tp += 1
        elif gold:
            self.fn += 1
        elif pred:
            self.fp += 1
        else:
            self.tn += 1

    def as_dict(self) -> dict:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "tp": self.tp,
                "fp": self.fp, "fn": self.fn, "tn": self.tn}


@dataclass
class Attribution:
    """Source/target attribution counts over sentences with a gold span."""

    gold: int = 0  # sentences with a gold span where we found the event
    found: int = 0  # ... where we named an actor
    correct: int = 0

    def as_dict(self) -> dict:
        return {"gold_spans": self.gold, "predicted": self.found, "correct": self.correct,
                "accuracy": round(self.correct / self.gold, 3) if self.gold else None,
                "precision": round(self.correct / self.found, 3) if self.found else None}


@dataclass
class TypeReport:
    event_type: str
    vs_easy: Detection = field(default_factory=Detection)
    vs_all: Detection = field(default_factory=Detection)
    source: Attribution = field(default_factory=Attribution)
    target: Attribution = field(default_factory=Attribution)
    sentences: int = 0

    def as_dict(self) -> dict:
        return {"type": self.event_type, "sentences": self.sentences,
                "yes_vs_easy_no": self.vs_easy.as_dict(), "yes_vs_all_no": self.vs_all.as_dict(),
                "source": self.source.as_dict(), "target": self.target.as_dict()}


def read_gsr(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def read_spans(path: Path) -> dict[str, dict]:
    """Gold spans by sentence text (ids repeat across outlets in the spans file; texts do not)."""
    if not path.is_file():
        return {}
    with open(path, encoding="utf-8") as fh:
        return {item["text"].strip(): item for item in json.load(fh)}


def asserted(doc: Document, event_type: str) -> list[Event]:
    return [e for e in doc.events if e.type == event_type and not e.negated and not e.hypothetical]


def _keys(text: str) -> set[str]:
    """Clitic-stripped keys of every word, for a forgiving word overlap ("المارينز" ~ "للمارينز")."""
    return {k for t in tokenize(text) if t.is_word for k in t.keys if len(k) > 1}


def _actor_words(doc: Document, actor_id: str | None, near: int) -> str | None:
    """The actor's mention text nearest the trigger (the words we attributed)."""
    actor = doc.actor(actor_id)
    if actor is None or not actor.mentions:
        return None
    s, e = min(actor.mentions, key=lambda m: abs(m[0] - near))
    return doc.text[s:e]


def score_type(rows: Iterable[dict], spans: dict[str, dict], event_type: str,
               process: Callable[[str], Document]) -> TypeReport:
    report = TypeReport(event_type)
    for row in rows:
        label = row["label"].strip()
        if label == "ambiguous":
            continue
        report.sentences += 1
        doc = process(row["text"])
        events = asserted(doc, event_type)
        pred = bool(events)
        gold = label == "yes"
        if label in ("yes", "easy no"):
            report.vs_easy.add(gold, pred)
        report.vs_all.add(gold, pred)
        gspan = spans.get(row["text"].strip())
        if not (gspan and events):
            continue
        ev = events[0]
        for role, attr in (("source", report.source), ("target", report.target)):
            gold_words = (gspan.get(f"{role}_gold") or "").strip()
            if not gold_words:
                continue
            attr.gold += 1
            words = _actor_words(doc, getattr(ev, role), ev.trigger[0])
            if words:
                attr.found += 1
                attr.correct += bool(_keys(words) & _keys(gold_words))
    return report


def evaluate_gsr(directory: str | Path, process: Callable[[str], Document] | None = None,
                 limit: int | None = None) -> list[TypeReport]:
    """Score every ``<type>_gsr.csv`` found in ``directory`` (ASSAULT and PROTEST)."""
    if process is None:
        from marsad.pipeline import process_text

        process = process_text
    base = Path(directory)
    reports = []
    for etype in TYPES:
        csv_path = base / f"{etype.lower()}_gsr.csv"
        if not csv_path.is_file():
            continue
        rows = read_gsr(csv_path)[:limit] if limit else read_gsr(csv_path)
        reports.append(score_type(rows, read_spans(base / f"{etype.lower()}_spans.json"), etype, process))
    return reports
