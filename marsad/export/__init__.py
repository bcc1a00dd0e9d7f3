"""Exports in the formats analysts' tools read: ACLED-style CSV, PLOVER/POLECAT-style JSON, GeoJSON, CSV.

Every writer takes event rows as :meth:`marsad.store.Store.list_events` gives them (or story rows from
:mod:`marsad.merge`, with ``merged=True``) plus a :class:`Lookup` of actor and place facts, and writes
text to a file object. ``docs/exports.md`` has a column table per format; the JSON formats validate
against the schemas shipped in ``marsad/data/schemas/``. :func:`export` is what the CLI and the API call.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import IO

from marsad.data import data_path

FORMATS = ("acled", "plover", "geojson", "csv")
MEDIA_TYPES = {"acled": "text/csv", "csv": "text/csv", "plover": "application/json",
               "geojson": "application/geo+json"}
EXTENSIONS = {"acled": "csv", "csv": "csv", "plover": "json", "geojson": "geojson"}

ACLED_COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
                 "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "country", "admin1",
                 "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                 "fatalities", "sources")
CSV_COLUMNS = ("event_id", "doc_id", "outlet", "published", "url", "title", "type", "mode", "source",
               "source_name_en", "source_name_ar", "target", "target_name_en", "target_name_ar", "place",
               "place_name_en", "place_name_ar", "country", "admin1", "lat", "lon", "place_precision", "date",
               "date_precision", "negated", "hypothetical", "confidence", "trigger_start", "trigger_end",
               "trigger_text", "sentence_start", "sentence_end", "sentence_text", "cameo", "acled_type",
               "acled_subtype", "fatalities", "numbers", "sources", "outlets", "story_id")

#: ACLED time_precision: 1 the day is known, 2 the week, 3 only the month (or less).
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
#: ACLED geo_precision: 1 the town or a place in it, 2 a wider area around a town, 3 a region or country.
GEO_PRECISION = {"locality": 1, "city": 1, "region": 2, "country": 3}
#: ACLED inter codes used here (docs/exports.md): 1 state forces, 3 political militias, 7 civilians,
#: 8 external/other forces.
INTER_STATE, INTER_MILITIA, INTER_CIVILIANS, INTER_EXTERNAL = 1, 3, 7, 8


class ExportError(ValueError):
    """An export request that cannot be met (unknown format)."""


@dataclass(slots=True)
class Lookup:
    """Facts the rows do not carry: actors (type, country, affiliation, names) and places (country,
    admin1), keyed by id; ``root`` lifts an actor to the top of its affiliation chain."""

    actors: dict[str, dict] = field(default_factory=dict)
    places: dict[str, dict] = field(default_factory=dict)

    def actor(self, actor_id: str | None) -> dict:
        return self.actors.get(actor_id or "", {})

    def root(self, actor_id: str | None) -> str | None:
        seen: set[str] = set()
        while actor_id and actor_id not in seen:
            seen.add(actor_id)
            parent = self.actor(actor_id).get("affiliation")
            if not parent:
                break
            actor_id = parent
        return actor_id


def lookup_from_store(store) -> Lookup:
    """Actors from ``Store.list_actors`` and places (with country and admin1) from the places table."""
    import sqlalchemy as sa

    from marsad.store import schema as T

    actors = {a["id"]: a for a in store.list_actors()}
    p = T.places
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(p.c.place_id, sa.func.max(p.c.country), sa.func.max(p.c.admin1),
                                      sa.func.max(p.c.name_en), sa.func.max(p.c.name_ar))
                            .group_by(p.c.place_id)).all()
    places = {r[0]: {"country": r[1], "admin1": r[2], "name_en": r[3], "name_ar": r[4]} for r in rows}
    return Lookup(actors, places)


# ------------------------------------------------------------------------------------------- helpers

def _is_story(row: Mapping) -> bool:
    return "story_id" in row and "report_ids" in row


def _row_id(row: Mapping) -> str:
    return f"story:{row['story_id']}" if _is_story(row) else str(row["event_id"])


def _outlets(row: Mapping) -> list[str]:
    if _is_story(row):
        return list(row.get("outlets") or [])
    return [row["outlet"]] if row.get("outlet") else []


def _sources(row: Mapping) -> int:
    return int(row.get("sources") or 1)


def _when(row: Mapping) -> tuple[str | None, str | None]:
    """(date, precision): the event date, else the publication date at month-or-worse precision."""
    if row.get("date"):
        return str(row["date"]), row.get("date_precision") or "day"
    pub = row.get("first_published") if _is_story(row) else row.get("published")
    return (str(pub), "month") if pub else (None, None)


def _notes(row: Mapping) -> str:
    text = row.get("notes") if _is_story(row) else row.get("sentence_text")
    text = " ".join((text or "").split())
    if _is_story(row) and row.get("n_reports", 1) > 1:
        text += f" [{row['n_reports']} reports, {row['sources']} documents]"
    return text


def inter_code(lookup: Lookup, actor_id: str | None, country: str | None) -> int | str:
    """ACLED's inter code of an actor (docs/exports.md): from its type, its side's type and country."""
    if not actor_id:
        return ""
    top = lookup.root(actor_id) or actor_id
    a, t = lookup.actor(actor_id), lookup.actor(top)
    typ = t.get("type") or a.get("type")
    home = t.get("country") or a.get("country")
    if typ == "IGO":
        return INTER_EXTERNAL
    if typ in ("MIL", "GOV", "GPE"):
        if country and home and home != country:
            return INTER_EXTERNAL
        return INTER_MILITIA if top.startswith("new:") else INTER_STATE
    if typ == "PER":
        return INTER_CIVILIANS
    return INTER_EXTERNAL if typ == "ORG" else ""


def _assoc(lookup: Lookup, actor_id: str | None) -> str:
    """The organisation an actor belongs to (its affiliation root), when it is not the actor itself."""
    top = lookup.root(actor_id)
    if not actor_id or not top or top == actor_id:
        return ""
    return lookup.actor(top).get("name_en") or top


def _place_info(lookup: Lookup, row: Mapping) -> dict:
    return lookup.places.get(row.get("place") or "", {})


# ------------------------------------------------------------------------------------------- writers

def acled_rows(rows: Iterable[Mapping], lookup: Lookup) -> list[dict]:
    """ACLED-style rows: only asserted events with an ACLED event type (others have no ACLED class)."""
    out = []
    for r in rows:
        if r.get("negated") or r.get("hypothetical") or not r.get("acled_type"):
            continue
        when, prec = _when(r)
        pl = _place_info(lookup, r)
        country = pl.get("country")
        fat = r.get("fatalities")
        out.append({
            "event_id_cnty": _row_id(r), "event_date": when or "", "year": (when or "")[:4],
            "time_precision": TIME_PRECISION.get(prec or "", ""),
            "event_type": r.get("acled_type") or "", "sub_event_type": r.get("acled_subtype") or "",
            "actor1": r.get("source_name_en") or r.get("source") or "", "assoc_actor_1": _assoc(lookup, r.get("source")),
            "inter1": inter_code(lookup, r.get("source"), country),
            "actor2": r.get("target_name_en") or r.get("target") or "", "assoc_actor_2": _assoc(lookup, r.get("target")),
            "inter2": inter_code(lookup, r.get("target"), country),
            "country": _country_name(country), "admin1": pl.get("admin1") or "",
            "location": r.get("place_name_en") or pl.get("name_en") or "",
            "latitude": "" if r.get("lat") is None else round(float(r["lat"]), 4),
            "longitude": "" if r.get("lon") is None else round(float(r["lon"]), 4),
            "geo_precision": GEO_PRECISION.get(r.get("place_precision") or "", "") if r.get("place") else "",
            "source": "; ".join(_outlets(r)), "source_scale": "", "notes": _notes(r),
            "fatalities": "" if fat is None else int(fat), "sources": _sources(r),
        })
    return out


def _country_name(iso2: str | None) -> str:
    if not iso2:
        return ""
    try:
        from marsad.actors.kb import country

        c = country(iso2)
        return c.name_en if c is not None else iso2
    except ImportError:  # pragma: no cover
        return iso2


def _actor_obj(lookup: Lookup, actor_id: str | None, name_en: str | None, name_ar: str | None) -> list[dict]:
    if not actor_id:
        return []
    a = lookup.actor(actor_id)
    return [{"id": actor_id, "name": name_en or a.get("name_en") or actor_id, "name_ar": name_ar or a.get("name_ar"),
             "country": a.get("country"), "type": a.get("type"), "affiliation": a.get("affiliation")}]


def plover_records(rows: Iterable[Mapping], lookup: Lookup, version: str | None = None) -> list[dict]:
    """PLOVER/POLECAT-style event records (validated by ``data/schemas/plover.schema.json``)."""
    from marsad import __version__

    coded = datetime.now(UTC).date().isoformat()
    out = []
    for r in rows:
        pl = _place_info(lookup, r)
        when, prec = _when(r) if r.get("date") else (None, None)
        numbers = [] if _is_story(r) else list(r.get("numbers") or [])
        size = {"dead": r.get("fatalities"),
                "injured": next((n.get("value") for n in numbers if n.get("kind") == "wounded"), None),
                "arrested": next((n.get("value") for n in numbers if n.get("kind") == "captured"), None)}
        rec = {
            "id": _row_id(r), "date": when, "date_precision": prec, "event": r["type"], "mode": r.get("mode"),
            "cameo": r.get("cameo"),
            "actor": _actor_obj(lookup, r.get("source"), r.get("source_name_en"), r.get("source_name_ar")),
            "recipient": _actor_obj(lookup, r.get("target"), r.get("target_name_en"), r.get("target_name_ar")),
            "negated": bool(r.get("negated")), "hypothetical": bool(r.get("hypothetical")),
            "confidence": r.get("confidence"),
            "event_text": (r.get("notes") if _is_story(r) else r.get("sentence_text")) or "",
            "location": None if not r.get("place") else {
                "placename": r.get("place_name_ar") or pl.get("name_ar"), "resolved_placename":
                    r.get("place_name_en") or pl.get("name_en"), "id": r.get("place"), "lat": r.get("lat"),
                "lon": r.get("lon"), "country_code": pl.get("country"), "admin1": pl.get("admin1"),
                "precision": r.get("place_precision")},
            "size": size,
            "sources": _sources(r),
            "citation": _citations(r),
            "coder": f"marsad {version or __version__}", "coding_date": coded,
        }
        if _is_story(r):
            rec["reports"] = list(r["report_ids"])
            rec["agreement"] = r.get("agreement")
        else:
            rec["evidence"] = {"doc_id": r["doc_id"], "trigger": [r["trigger_start"], r["trigger_end"]],
                               "trigger_text": r.get("trigger_text"),
                               "sentence": [r["sentence_start"], r["sentence_end"]], "numbers": numbers}
        out.append(rec)
    return out


def _citations(r: Mapping) -> list[dict]:
    if _is_story(r):
        return [{"outlet": o} for o in _outlets(r)] or [{"outlet": None}]
    return [{"outlet": r.get("outlet"), "url": r.get("url"), "title": r.get("title"), "published": r.get("published"),
             "doc_id": r.get("doc_id")}]


def geojson(rows: Iterable[Mapping]) -> dict:
    """A FeatureCollection of the rows that have coordinates; geometry is [longitude, latitude]."""
    features = []
    for r in rows:
        if r.get("lat") is None or r.get("lon") is None:
            continue
        when, prec = _when(r) if r.get("date") else (None, None)
        props = {
            "id": _row_id(r), "type": r["type"], "mode": r.get("mode"), "date": when, "date_precision": prec,
            "source": r.get("source"), "source_name": r.get("source_name_en"), "target": r.get("target"),
            "target_name": r.get("target_name_en"), "place": r.get("place"), "place_name": r.get("place_name_en"),
            "place_name_ar": r.get("place_name_ar"), "precision": r.get("place_precision"),
            "fatalities": r.get("fatalities"), "sources": _sources(r), "outlets": _outlets(r),
            "negated": bool(r.get("negated")), "hypothetical": bool(r.get("hypothetical")),
            "confidence": r.get("confidence"), "acled_event_type": r.get("acled_type"),
            "text": (r.get("notes") if _is_story(r) else r.get("sentence_text")) or "",
        }
        features.append({"type": "Feature", "id": _row_id(r),
                         "geometry": {"type": "Point", "coordinates": [float(r["lon"]), float(r["lat"])]},
                         "properties": props})
    return {"type": "FeatureCollection", "features": features}


def flat_rows(rows: Iterable[Mapping], lookup: Lookup) -> list[dict]:
    """Plain CSV rows: every field of the event (or story) row; lists as JSON text."""
    out = []
    for r in rows:
        pl = _place_info(lookup, r)
        d = {k: r.get(k) for k in CSV_COLUMNS}
        d["country"], d["admin1"] = pl.get("country"), pl.get("admin1")
        d["sources"] = _sources(r)
        d["outlets"] = json.dumps(_outlets(r), ensure_ascii=False)
        d["numbers"] = json.dumps(r.get("numbers") or [], ensure_ascii=False)
        if _is_story(r):
            d["event_id"] = _row_id(r)
            d["doc_id"] = r.get("first_doc_id")
            d["outlet"] = r.get("first_outlet")
            d["published"] = r.get("first_published")
            d["url"] = r.get("first_url")
            d["sentence_text"] = r.get("notes")
        for k in ("negated", "hypothetical"):
            d[k] = "" if d[k] is None else str(bool(d[k])).lower()
        out.append({k: "" if v is None else v for k, v in d.items()})
    return out


def _csv(rows: list[dict], columns: tuple[str, ...], fh: IO[str]) -> None:
    w = csv.DictWriter(fh, fieldnames=list(columns), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)


def write(fmt: str, rows: Iterable[Mapping], lookup: Lookup, fh: IO[str]) -> int:
    """Write ``rows`` in ``fmt`` to ``fh``; returns how many records were written."""
    rows = list(rows)
    if fmt == "acled":
        out = acled_rows(rows, lookup)
        _csv(out, ACLED_COLUMNS, fh)
        return len(out)
    if fmt == "csv":
        out = flat_rows(rows, lookup)
        _csv(out, CSV_COLUMNS, fh)
        return len(out)
    if fmt == "plover":
        recs = plover_records(rows, lookup)
        json.dump(recs, fh, ensure_ascii=False, indent=1, default=str)
        fh.write("\n")
        return len(recs)
    if fmt == "geojson":
        fc = geojson(rows)
        json.dump(fc, fh, ensure_ascii=False, default=str)
        fh.write("\n")
        return len(fc["features"])
    raise ExportError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


def export(store, fmt: str, filters=None, merged: bool = False, fh: IO[str] | None = None) -> tuple[str, int]:
    """Export the store's events (or story events, ``merged``) matching ``filters`` in ``fmt``.

    Returns (text written when ``fh`` is None, else "", number of records). ``merged`` refreshes the
    story tables first, so new documents are counted.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if merged:
        from marsad.merge import refresh, stories

        refresh(store)
        rows = stories(store, filters, limit=None, sort="date")
    else:
        rows = store.list_events(filters, limit=max(1, store.count_events(filters)), sort="date")
    buf = fh or io.StringIO()
    n = write(fmt, rows, lookup_from_store(store), buf)
    return (buf.getvalue() if fh is None else ""), n


def schema(name: str) -> dict:
    """A shipped JSON schema: "plover" or "geojson"."""
    with open(data_path(f"schemas/{name}.schema.json"), encoding="utf-8") as fh:
        return json.load(fh)
