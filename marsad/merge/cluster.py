"""Linking reports into story events, and what a story says (pure functions over event rows).

A report joins a story only when it is compatible with *every* report already in it (complete linkage:
no chains where A~B and B~C glue A to a different C); among several such stories it joins the closest
(:func:`marsad.merge.rules.closeness`, then the story with more documents, then the older story).
Reports are taken in a fixed order (type, date or publication date, document, index), so the same
input gives the same stories; new reports are added to the existing stories the same way, which is
how the store layer recomputes incrementally without moving a report that is already linked.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from marsad.merge.rules import (
    EXACT_PLACE,
    PLACE_ORDER,
    Affiliation,
    as_date,
    closeness,
    compatible,
    mergeable,
)


@dataclass
class Story:
    """A story event under construction: its reports (event rows) and, once stored, its id."""

    reports: list[Mapping] = field(default_factory=list)
    story_id: int | None = None
    dirty: bool = True  # summary must be (re)written

    @property
    def documents(self) -> set[str]:
        return {r["doc_id"] for r in self.reports}


def report_order(r: Mapping) -> tuple:
    """Deterministic processing order of reports."""
    when = as_date(r.get("date")) or as_date(r.get("published"))
    idx = r.get("idx")
    if idx is None and ":" in str(r.get("event_id", "")):
        idx = int(str(r["event_id"]).rsplit(":", 1)[1])
    return (r.get("type") or "", when.isoformat() if when else "9999", str(r.get("published") or ""),
            r.get("doc_id") or "", idx or 0)


#: Reports whose date or publication days are further apart than this can never be compatible (the
#: widest window is "the same month"); stories are indexed by week to find candidates quickly.
REACH_DAYS = 35
BUCKET_DAYS = 7


def _days(r: Mapping) -> set[int]:
    """Day ordinals a report can be compared on: its event date and its publication date."""
    out = set()
    for k in ("date", "published"):
        d = as_date(r.get(k))
        if d is not None:
            out.add(d.toordinal())
    return out


def _buckets(days: set[int], reach: int = 0) -> set[int]:
    return {b for d in days for b in range((d - reach) // BUCKET_DAYS, (d + reach) // BUCKET_DAYS + 1)}


def assign(stories: list[Story], reports: Iterable[Mapping], affiliation: Affiliation) -> list[Story]:
    """Add ``reports`` to ``stories`` (in place; new stories appended) and return the list.

    Candidate stories are looked up in a (type, week) index of their reports' dates and publication
    dates, so linking stays near-linear in the number of reports; the rule itself is checked in full.
    """
    index: dict[tuple[str, int], list[Story]] = {}

    def add_to_index(story: Story, r: Mapping) -> None:
        for b in _buckets(_days(r)):
            bucket = index.setdefault((r["type"], b), [])
            if not bucket or bucket[-1] is not story:
                bucket.append(story)

    for s in stories:
        if s.reports and mergeable(s.reports[0]):
            for r in s.reports:
                add_to_index(s, r)
    for r in sorted(reports, key=report_order):
        best: Story | None = None
        best_key: tuple = ()
        if mergeable(r):
            seen: set[int] = set()
            for b in _buckets(_days(r), REACH_DAYS):
                for s in index.get((r["type"], b), ()):
                    if id(s) in seen:
                        continue
                    seen.add(id(s))
                    places = frozenset(o["place"] for o in s.reports
                                       if o.get("place") and o.get("place_precision") in EXACT_PLACE)
                    if not all(compatible(r, o, affiliation, places) for o in s.reports):
                        continue
                    key = (sum(closeness(r, o) for o in s.reports) / len(s.reports), len(s.documents),
                           -(s.story_id or 0))
                    if best is None or key > best_key:
                        best, best_key = s, key
        if best is None:
            best = Story()
            stories.append(best)
        best.reports.append(r)
        best.dirty = True
        if mergeable(r):
            add_to_index(best, r)
    return stories


def _most_common(values: list):
    """Most frequent non-null value; ties go to the one reported first."""
    vals = [v for v in values if v is not None]
    if not vals:
        return None
    counts = Counter(vals)
    top = max(counts.values())
    return next(v for v in vals if counts[v] == top)


def _earliest(reports: list[Mapping]) -> Mapping:
    return min(reports, key=lambda r: (str(r.get("published") or "9999"), report_order(r)))


def _values(reports: list[Mapping], key: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in reports:
        v = r.get(key)
        if v is not None:
            out.setdefault(str(v), []).append(r["event_id"])
    return {k: sorted(v) for k, v in out.items()}


def agreement(reports: list[Mapping]) -> dict:
    """Whether the reports agree on the target, the place and the fatality figure.

    ``{field: {"agree": bool, "values": {value: [event_id, …]}}}`` over the reports that state a value;
    one value or none is agreement. ``disagreements`` lists the fields that disagree.
    """
    out: dict = {}
    for name, key in (("target", "target"), ("place", "place"), ("fatalities", "fatalities")):
        vals = _values(reports, key)
        out[name] = {"agree": len(vals) <= 1, "values": vals}
    out["disagreements"] = [k for k in ("target", "place", "fatalities") if not out[k]["agree"]]
    return out


def summarize(story: Story) -> dict:
    """The story's own fields, from its reports (none is rewritten)."""
    rs = story.reports
    first = _earliest(rs)
    day = [as_date(r["date"]) for r in rs if r.get("date") and (r.get("date_precision") or "day") == "day"]
    if day:
        when, precision = _most_common(day), "day"
    else:
        dated = sorted((r for r in rs if r.get("date")), key=lambda r: (
            ("day", "week", "month", "year").index(r.get("date_precision") or "day")
            if (r.get("date_precision") or "day") in ("day", "week", "month", "year") else 9,
            str(r["date"])))
        when, precision = (as_date(dated[0]["date"]), dated[0].get("date_precision")) if dated else (None, None)
    placed = [r for r in rs if r.get("place")]
    place_row = None
    if placed:
        finest = min(PLACE_ORDER.index(r["place_precision"]) if r.get("place_precision") in PLACE_ORDER else 9
                     for r in placed)
        candidates = [r for r in placed if (PLACE_ORDER.index(r["place_precision"])
                                            if r.get("place_precision") in PLACE_ORDER else 9) == finest]
        pid = _most_common([r["place"] for r in candidates])
        place_row = next(r for r in candidates if r["place"] == pid)
    fat = [r["fatalities"] for r in rs if r.get("fatalities") is not None]
    src = _most_common([r.get("source") for r in rs])
    tgt = _most_common([r.get("target") for r in rs])
    src_row = next((r for r in rs if src and r.get("source") == src), {})
    tgt_row = next((r for r in rs if tgt and r.get("target") == tgt), {})
    outlets = sorted({r.get("outlet") or "" for r in rs} - {""})
    return {
        "type": rs[0]["type"],
        "mode": _most_common([r.get("mode") for r in rs]),
        "source": src,
        "source_name_en": src_row.get("source_name_en"),
        "source_name_ar": src_row.get("source_name_ar"),
        "target": tgt,
        "target_name_en": tgt_row.get("target_name_en"),
        "target_name_ar": tgt_row.get("target_name_ar"),
        "acled_type": _most_common([r.get("acled_type") for r in rs]),
        "acled_subtype": _most_common([r.get("acled_subtype") for r in rs]),
        "cameo": _most_common([r.get("cameo") for r in rs]),
        "place": place_row["place"] if place_row else None,
        "place_name_en": place_row.get("place_name_en") if place_row else None,
        "place_name_ar": place_row.get("place_name_ar") if place_row else None,
        "lat": place_row.get("lat") if place_row else None,
        "lon": place_row.get("lon") if place_row else None,
        "place_precision": place_row.get("place_precision") if place_row else None,
        "date": when.isoformat() if when else None,
        "date_precision": precision,
        "fatalities": min(fat) if fat else None,  # the most conservative stated figure, as ACLED codes it
        "n_reports": len(rs),
        "sources": len({r["doc_id"] for r in rs}),
        "outlets": outlets,
        "first_event_id": first["event_id"],
        "first_doc_id": first["doc_id"],
        "first_published": first.get("published"),
        "first_outlet": first.get("outlet"),
        "first_url": first.get("url"),
        "notes": first.get("sentence_text"),
        "report_ids": sorted(r["event_id"] for r in rs),
        "confidence": max(float(r.get("confidence") or 0) for r in rs),
        "agreement": agreement(rs),
    }


def merge_rows(rows: Iterable[Mapping], affiliation: Affiliation) -> list[Story]:
    """All reports at once into stories (what an empty store's first refresh does)."""
    return assign([], rows, affiliation)
