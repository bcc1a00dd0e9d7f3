"""When two event reports can be the same event (the merge rule, documented in docs/merge.md).

Reports are event rows as :meth:`marsad.store.Store.list_events` returns them (flat dicts: ``type``,
``source``, ``target``, ``place``, ``lat``, ``lon``, ``place_precision``, ``country`` when known,
``date``, ``date_precision``, ``published``, ``negated``, ``hypothetical`` …); everything here is a pure
function of two such rows, so the rule can be tested on hand-built rows.

Two reports are compatible when all of these hold:

* **type**: the same PLOVER type; neither is negated nor hypothetical (a denial or a threat reports no
  occurrence).
* **actors**: the sources agree — the same id, or the same organisation once each id is lifted to the
  root of its affiliation chain (Haftar, the LNA air force and the LNA are one side; ``affiliation`` comes
  from the knowledge base and the stored actors); a missing source agrees with anything. Targets are
  *not* a condition: outlets describe what was hit differently, and that disagreement is recorded.
* **place**: when both are known, within a distance set by the coarser precision (locality 10 km,
  city 25 km, region 150 km; country: the same country); a missing place agrees with anything.
* **date**: when both are known, within a window set by the coarser precision (day ±1 day, week
  ±7 days, month: the same month). When either has no usable date (none, or only a year), the one
  joining must be at exactly a place (city or finer) where the story was already reported, and the two
  publication dates at most ``PUBLICATION_WINDOW`` days apart.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from datetime import date

#: Greatest distance (km) between two places of this (coarser) precision.
DISTANCE_KM: dict[str, float] = {"locality": 10.0, "city": 25.0, "region": 150.0}
#: Order of place precision, finest first.
PLACE_ORDER = ("locality", "city", "region", "country")
#: Date windows (days) by the coarser date precision; "month" compares calendar months.
DATE_WINDOW = {"day": 1, "week": 7}
DATE_ORDER = ("day", "week", "month", "year")
#: Greatest gap (days) between publication dates of two reports when either has no usable date.
PUBLICATION_WINDOW = 2
EXACT_PLACE = ("locality", "city")

Affiliation = Callable[[str], str | None]


def as_date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def coarser(a: str | None, b: str | None, order: tuple[str, ...]) -> str:
    """The coarser of two precisions (unknown counts as the coarsest)."""
    ia = order.index(a) if a in order else len(order) - 1
    ib = order.index(b) if b in order else len(order) - 1
    return order[max(ia, ib)]


def root(actor: str | None, affiliation: Affiliation) -> str | None:
    """The top of ``actor``'s affiliation chain (itself when it has none); cycles are cut."""
    seen = set()
    while actor is not None and actor not in seen:
        seen.add(actor)
        parent = affiliation(actor)
        if not parent:
            return actor
        actor = parent
    return actor


def actors_agree(a: str | None, b: str | None, affiliation: Affiliation) -> bool:
    if a is None or b is None or a == b:
        return True
    return root(a, affiliation) == root(b, affiliation)


def has_place(r: Mapping) -> bool:
    return r.get("place") is not None and r.get("lat") is not None and r.get("lon") is not None


def place_country(r: Mapping) -> str | None:
    """The place's country: the row's ``country``, else the prefix of a gazetteer id ("ly-tripoli")."""
    c = r.get("place_country") or r.get("country")
    if c:
        return str(c).upper()
    pid = r.get("place") or ""
    head = pid.split("-", 1)[0]
    return head.upper() if len(head) == 2 and head.isalpha() else None


def places_agree(a: Mapping, b: Mapping) -> bool:
    if not has_place(a) or not has_place(b):
        return True
    if a["place"] == b["place"]:
        return True
    prec = coarser(a.get("place_precision"), b.get("place_precision"), PLACE_ORDER)
    if prec == "country":
        ca, cb = place_country(a), place_country(b)
        return ca is not None and ca == cb
    return haversine_km(a["lat"], a["lon"], b["lat"], b["lon"]) <= DISTANCE_KM[prec]


def usable_date(r: Mapping) -> date | None:
    """The event date when it is precise enough to compare (day, week or month)."""
    d = as_date(r.get("date"))
    return d if d is not None and (r.get("date_precision") or "day") in ("day", "week", "month") else None


def dates_agree(a: Mapping, b: Mapping, places: frozenset[str] | None = None) -> bool:
    """Dates within the window of the coarser precision; without a usable date on either side, the
    exact place and close publication dates. ``places`` (the places of the story ``b`` belongs to) lets
    "the exact place" be any place the story was already reported at."""
    da, db = usable_date(a), usable_date(b)
    if da is None or db is None:
        where = places if places is not None else frozenset({b.get("place")} - {None})
        exact = has_place(a) and a["place"] in where and (a.get("place_precision") in EXACT_PLACE)
        pa, pb = as_date(a.get("published")), as_date(b.get("published"))
        return exact and pa is not None and pb is not None and abs((pa - pb).days) <= PUBLICATION_WINDOW
    prec = coarser(a.get("date_precision") or "day", b.get("date_precision") or "day", DATE_ORDER)
    if prec == "month":
        return (da.year, da.month) == (db.year, db.month)
    return abs((da - db).days) <= DATE_WINDOW[prec]


def mergeable(r: Mapping) -> bool:
    """Only asserted occurrences merge."""
    return not r.get("negated") and not r.get("hypothetical")


def compatible(a: Mapping, b: Mapping, affiliation: Affiliation, places: frozenset[str] | None = None) -> bool:
    """Whether report ``a`` may be the same event as report ``b`` (the rule of this module's docstring).

    ``places``: the exact places of the story ``b`` is in (see :func:`dates_agree`); None compares with
    ``b`` alone, which makes the relation symmetric."""
    if places is None and (usable_date(a) is None) != (usable_date(b) is None):
        # symmetric pairwise form: the undated one must sit at the dated one's exact place
        a, b = (a, b) if usable_date(a) is None else (b, a)
    return (a.get("type") == b.get("type") and mergeable(a) and mergeable(b)
            and actors_agree(a.get("source"), b.get("source"), affiliation)
            and places_agree(a, b) and dates_agree(a, b, places))


def closeness(a: Mapping, b: Mapping) -> float:
    """How alike two compatible reports are (to choose between stories): exact matches score."""
    s = 0.0
    s += 1.0 if a.get("source") and a.get("source") == b.get("source") else 0.0
    s += 1.0 if a.get("place") and a.get("place") == b.get("place") else 0.0
    s += 1.0 if a.get("date") and a.get("date") == b.get("date") else 0.0
    s += 0.5 if a.get("target") and a.get("target") == b.get("target") else 0.0
    return s
