"""Scoring extraction records against gold files, exactly as ``../shared/eval/FORMAT.md`` specifies.

Pure functions over plain dicts (a gold file as loaded from JSON, a record as ``Document.to_record()``
returns it), so the scorer can be tested on tiny hand-made pairs and reused on any folder:

- **actors**: the set of predicted ``name_en`` against gold ``name_en``/``aliases_en``. Precision is the
  share of distinct predicted names that name some gold actor, recall the share of gold actors named by
  some prediction.
- **places**: one-to-one matching, first by English name, then the nearest unmatched gold place within
  25 km in the same country. A gold place whose name is also a gold actor's name (or alias) is optional
  unless it is the place of a gold event: found, it counts; missed, it does not. Geocode accuracy is the
  share of matched places within 25 km of the gold coordinates.
- **events**: same type and predicted ``sentence`` containing gold ``at``, one-to-one, greedy by distance
  of the predicted trigger to ``at``; over matched pairs, source, target, place (same name or within
  25 km) and date (exact; null equals null) accuracy. An actor is acceptable when its name, or the gold
  actor it names, is in the gold list. Predicted events marked ``negated`` or ``hypothetical`` are left
  out before matching: the gold annotates only events asserted as happening, so a denied or conditional
  event ("لم تقصف"، "إذا هاجمت") is neither a hit nor a false positive. Date accuracy is on days: a predicted
  date of week or month precision names no day and counts as null (the gold is null when the text gives
  no day).
- **statements**: the speaker acceptable and the predicted ``sentence`` containing ``at``; one-to-one,
  greedy by distance.

Names are compared ignoring case, accents, hyphens, apostrophes and spaces ("Ghassan Salamé" =
"ghassan salame", "Al-Jazeera" = "Al Jazeera").
"""

from __future__ import annotations

import json
import os
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from math import asin, cos, radians, sin, sqrt

RADIUS_KM = 25.0
_DROP = {"-", "‐", "‑", "–", "—", "'", "’", "‘", "ʼ", "ʻ", "`", "´", " ", "\t", "\n"}


def norm_name(name: str | None) -> str:
    """Comparison form of an English name: no case, accents, hyphens, apostrophes or spaces."""
    if not name:
        return ""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch) and ch not in _DROP).casefold()


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = radians(lat1), radians(lat2)
    a = sin((p2 - p1) / 2) ** 2 + cos(p1) * cos(p2) * sin(radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * asin(min(1.0, sqrt(a)))


def _near(a: dict, b: dict) -> float | None:
    """Distance between two places with coordinates, else None."""
    if a.get("lat") is None or a.get("lon") is None or b.get("lat") is None or b.get("lon") is None:
        return None
    return haversine_km(float(a["lat"]), float(a["lon"]), float(b["lat"]), float(b["lon"]))


# ------------------------------------------------------------------------------------------- counts


@dataclass
class PRF:
    """True positives counted on each side, so precision and recall can differ in what they count."""

    tp_pred: int = 0
    n_pred: int = 0
    tp_gold: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp_pred / self.n_pred if self.n_pred else (1.0 if not self.n_gold else 0.0)

    @property
    def recall(self) -> float:
        return self.tp_gold / self.n_gold if self.n_gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __iadd__(self, other: PRF) -> PRF:
        self.tp_pred += other.tp_pred
        self.n_pred += other.n_pred
        self.tp_gold += other.tp_gold
        self.n_gold += other.n_gold
        return self

    def as_dict(self) -> dict:
        return {"tp_pred": self.tp_pred, "n_pred": self.n_pred, "tp_gold": self.tp_gold, "n_gold": self.n_gold,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Ratio:
    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None

    def add(self, ok: bool) -> None:
        self.correct += int(ok)
        self.total += 1

    def __iadd__(self, other: Ratio) -> Ratio:
        self.correct += other.correct
        self.total += other.total
        return self

    def as_dict(self) -> dict:
        v = self.value
        return {"correct": self.correct, "total": self.total, "accuracy": None if v is None else round(v, 4)}


@dataclass
class Score:
    """All figures of one file (or, summed, of a folder: micro-averaged)."""

    actors: PRF = field(default_factory=PRF)
    places: PRF = field(default_factory=PRF)
    geocode: Ratio = field(default_factory=Ratio)
    events: PRF = field(default_factory=PRF)
    event_source: Ratio = field(default_factory=Ratio)
    event_target: Ratio = field(default_factory=Ratio)
    event_place: Ratio = field(default_factory=Ratio)
    event_date: Ratio = field(default_factory=Ratio)
    statements: PRF = field(default_factory=PRF)

    def __iadd__(self, other: Score) -> Score:
        for name in self.__dataclass_fields__:
            part = getattr(self, name)
            part += getattr(other, name)
        return self

    def as_dict(self) -> dict:
        return {name: getattr(self, name).as_dict() for name in self.__dataclass_fields__}


# ------------------------------------------------------------------------------------------- actors


class GoldActors:
    """Gold actors and their alias sets, for deciding whether a predicted name is acceptable."""

    def __init__(self, gold_actors: Iterable[dict]) -> None:
        self.entities: list[set[str]] = []
        for a in gold_actors:
            names = {norm_name(a.get("name_en"))} | {norm_name(x) for x in a.get("aliases_en") or []}
            names.discard("")
            self.entities.append(names)
        self.all_names = set().union(*self.entities) if self.entities else set()

    def entity_of(self, name: str) -> int | None:
        n = norm_name(name)
        return next((i for i, names in enumerate(self.entities) if n in names), None)

    def acceptable(self, listed: Iterable[str]) -> set[str]:
        """Every name that counts as one of ``listed``: the names themselves and the aliases of the gold
        actors they name."""
        out: set[str] = set()
        for name in listed:
            n = norm_name(name)
            out.add(n)
            for names in self.entities:
                if n in names:
                    out |= names
        return out


def score_actors(gold: dict, record: dict) -> PRF:
    actors = GoldActors(gold.get("actors") or [])
    predicted = {norm_name(a.get("name_en")) for a in record.get("actors") or []} - {""}
    found = {actors.entity_of(n) for n in predicted} - {None}
    return PRF(tp_pred=sum(1 for n in predicted if n in actors.all_names), n_pred=len(predicted),
               tp_gold=len(found), n_gold=len(actors.entities))


# ------------------------------------------------------------------------------------------- places


def score_places(gold: dict, record: dict) -> tuple[PRF, Ratio]:
    actors = GoldActors(gold.get("actors") or [])
    event_places = {norm_name(e.get("place")) for e in gold.get("events") or [] if e.get("place")}
    gold_places = list(gold.get("places") or [])
    optional = [norm_name(p.get("name_en")) in actors.all_names and norm_name(p.get("name_en")) not in event_places
                for p in gold_places]
    predicted = _distinct_places(record.get("places") or [])
    pairs = match_places(gold_places, predicted)
    geocode = Ratio()
    for gi, pi in pairs.items():
        d = _near(gold_places[gi], predicted[pi])
        geocode.add(d is not None and d <= RADIUS_KM)
    required = sum(1 for o in optional if not o)
    found_optional = sum(1 for gi in pairs if optional[gi])
    prf = PRF(tp_pred=len(pairs), n_pred=len(predicted), tp_gold=len(pairs), n_gold=required + found_optional)
    return prf, geocode


def _distinct_places(places: list[dict]) -> list[dict]:
    seen, out = set(), []
    for p in places:
        key = p.get("id") or (norm_name(p.get("name_en")), p.get("lat"), p.get("lon"))
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def match_places(gold_places: list[dict], predicted: list[dict]) -> dict[int, int]:
    """One-to-one gold index -> predicted index: same English name first, then the nearest gold place
    within 25 km in the same country (closest pairs first)."""
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for pi, p in enumerate(predicted):
        n = norm_name(p.get("name_en"))
        gi = next((g for g, gp in enumerate(gold_places) if g not in pairs and norm_name(gp.get("name_en")) == n), None)
        if gi is not None and n:
            pairs[gi] = pi
            used.add(pi)
    candidates = []
    for pi, p in enumerate(predicted):
        if pi in used:
            continue
        for gi, gp in enumerate(gold_places):
            if gi in pairs or (gp.get("country") or "").upper() != (p.get("country") or "").upper():
                continue
            d = _near(gp, p)
            if d is not None and d <= RADIUS_KM:
                candidates.append((d, pi, gi))
    for _d, pi, gi in sorted(candidates):
        if pi not in used and gi not in pairs:
            pairs[gi] = pi
            used.add(pi)
    return pairs


# ------------------------------------------------------------------------------- events, statements


def _contains(span, at: int) -> bool:
    return bool(span) and len(span) == 2 and span[0] <= at < span[1]


def _greedy(cands: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """One-to-one pairs from (distance, pred, gold) candidates, closest first."""
    pairs, used_p, used_g = [], set(), set()
    for _d, pi, gi in sorted(cands):
        if pi not in used_p and gi not in used_g:
            pairs.append((pi, gi))
            used_p.add(pi)
            used_g.add(gi)
    return pairs


def _actor_ok(actor_id: str | None, listed: list[str], names_by_id: dict[str, str], actors: GoldActors) -> bool:
    if not listed:
        return actor_id is None
    if actor_id is None:
        return False
    return norm_name(names_by_id.get(actor_id)) in actors.acceptable(listed)


def score_events(gold: dict, record: dict) -> tuple[PRF, Ratio, Ratio, Ratio, Ratio]:
    gold_events = gold.get("events") or []
    pred = [e for e in record.get("events") or [] if not (e.get("negated") or e.get("hypothetical"))]
    cands = []
    for pi, p in enumerate(pred):
        trigger = p.get("trigger") or [0, 0]
        for gi, g in enumerate(gold_events):
            if p.get("type") == g.get("type") and _contains(p.get("sentence"), int(g["at"])):
                cands.append((abs(int(trigger[0]) - int(g["at"])), pi, gi))
    pairs = _greedy(cands)
    actors = GoldActors(gold.get("actors") or [])
    names_by_id = {a.get("id"): a.get("name_en") for a in record.get("actors") or []}
    places_by_id = {p.get("id"): p for p in record.get("places") or []}
    gold_places = {norm_name(p.get("name_en")): p for p in gold.get("places") or []}
    src, tgt, plc, dat = Ratio(), Ratio(), Ratio(), Ratio()
    for pi, gi in pairs:
        p, g = pred[pi], gold_events[gi]
        src.add(_actor_ok(p.get("source"), g.get("source") or [], names_by_id, actors))
        tgt.add(_actor_ok(p.get("target"), g.get("target") or [], names_by_id, actors))
        plc.add(_place_ok(p.get("place"), g.get("place"), places_by_id, gold_places))
        dat.add(_day(p) == (g.get("date") or None))
    prf = PRF(tp_pred=len(pairs), n_pred=len(pred), tp_gold=len(pairs), n_gold=len(gold_events))
    return prf, src, tgt, plc, dat


def _day(event: dict) -> str | None:
    """The predicted day: a date of coarser precision (a week, a month) names no day, like a null gold date."""
    return (event.get("date") or None) if event.get("date_precision") in (None, "day") else None


def _place_ok(place_id: str | None, gold_name: str | None, places_by_id: dict, gold_places: dict) -> bool:
    if not gold_name:
        return place_id is None
    place = places_by_id.get(place_id) if place_id else None
    if place is None:
        return False
    if norm_name(place.get("name_en")) == norm_name(gold_name):
        return True
    gp = gold_places.get(norm_name(gold_name))
    d = _near(gp, place) if gp else None
    return d is not None and d <= RADIUS_KM


def score_statements(gold: dict, record: dict) -> PRF:
    gold_st = gold.get("statements") or []
    pred = record.get("statements") or []
    actors = GoldActors(gold.get("actors") or [])
    names_by_id = {a.get("id"): a.get("name_en") for a in record.get("actors") or []}
    cands = []
    for pi, p in enumerate(pred):
        trigger = p.get("trigger") or [0, 0]
        for gi, g in enumerate(gold_st):
            if _contains(p.get("sentence"), int(g["at"])) and _actor_ok(p.get("speaker"), g.get("speaker") or [],
                                                                        names_by_id, actors):
                cands.append((abs(int(trigger[0]) - int(g["at"])), pi, gi))
    pairs = _greedy(cands)
    return PRF(tp_pred=len(pairs), n_pred=len(pred), tp_gold=len(pairs), n_gold=len(gold_st))


def score_file(gold: dict, record: dict) -> Score:
    """Every figure for one article."""
    s = Score()
    s.actors = score_actors(gold, record)
    s.places, s.geocode = score_places(gold, record)
    s.events, s.event_source, s.event_target, s.event_place, s.event_date = score_events(gold, record)
    s.statements = score_statements(gold, record)
    return s


# ------------------------------------------------------------------------------------------ folders


def load_gold(gold_dir: str) -> list[tuple[str, dict]]:
    """(file name, gold dict) for every ``*.json`` of ``gold_dir``, sorted."""
    out = []
    for name in sorted(os.listdir(gold_dir)):
        if name.endswith(".json"):
            with open(os.path.join(gold_dir, name), encoding="utf-8") as fh:
                out.append((name, json.load(fh)))
    return out


def extract_record(article_path: str, published: str | None, outlet: str | None = None) -> dict:
    """Run the default pipeline over one article file and return its record."""
    from datetime import date

    from marsad.doc import Document, Source, read_text
    from marsad.pipeline import run

    text = read_text(article_path)
    pub = date.fromisoformat(published) if published else None
    doc = Document(text=text, source=Source(path=os.path.basename(article_path), outlet=outlet, published=pub))
    return run(doc).to_record()


def _metadata(articles_dir: str) -> dict[str, dict]:
    path = os.path.join(articles_dir, "metadata.csv")
    if not os.path.exists(path):
        return {}
    import csv

    with open(path, encoding="utf-8-sig", newline="") as fh:
        return {row.get("file", ""): row for row in csv.DictReader(fh)}


def evaluate_dirs(gold_dir: str, articles_dir: str) -> tuple[list[tuple[str, Score]], Score]:
    """Extract every article that has a gold file and score it: per-file scores and their micro sum."""
    meta = _metadata(articles_dir)
    per_file, total = [], Score()
    for name, gold in load_gold(gold_dir):
        fname = gold.get("file") or name[:-5] + ".txt"
        row = meta.get(fname, {})
        published = row.get("published") or gold.get("published")
        record = extract_record(os.path.join(articles_dir, fname), published, row.get("outlet") or None)
        s = score_file(gold, record)
        per_file.append((fname, s))
        total += s
    return per_file, total


def format_table(per_file: list[tuple[str, Score]], total: Score) -> str:
    """A plain-text table: one line per file, then the micro average."""
    cols = ["actors F1", "places P", "places R", "places F1", "geocode", "events F1", "src", "tgt", "place",
            "date", "stmts F1"]

    def cells(s: Score) -> list[str]:
        def f(v: float | None) -> str:
            return "  -  " if v is None else f"{v:.3f}"
        return [f(s.actors.f1), f(s.places.precision), f(s.places.recall), f(s.places.f1), f(s.geocode.value),
                f(s.events.f1), f(s.event_source.value), f(s.event_target.value), f(s.event_place.value),
                f(s.event_date.value), f(s.statements.f1)]

    width = max([len(n) for n, _ in per_file] + [5])
    lines = ["file".ljust(width) + "  " + "  ".join(c.rjust(9) for c in cols)]
    for name, s in per_file:
        lines.append(name.ljust(width) + "  " + "  ".join(c.rjust(9) for c in cells(s)))
    lines.append("micro".ljust(width) + "  " + "  ".join(c.rjust(9) for c in cells(total)))
    a, p = total.actors, total.places
    lines.append(f"actors P {a.precision:.3f} R {a.recall:.3f} ({a.tp_gold}/{a.n_gold} gold found, "
                 f"{a.tp_pred}/{a.n_pred} predicted right); places P {p.precision:.3f} R {p.recall:.3f} "
                 f"({p.tp_pred} matched of {p.n_pred} predicted, {p.n_gold} gold counted); "
                 f"events P {total.events.precision:.3f} R {total.events.recall:.3f}; "
                 f"statements P {total.statements.precision:.3f} R {total.statements.recall:.3f}")
    return "\n".join(lines)
