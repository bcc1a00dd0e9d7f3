"""Actors, places, statements and outlets across all documents."""

from __future__ import annotations

from datetime import date
from typing import Annotated, get_args

from fastapi import APIRouter, Depends, Query

from marsad.api.deps import PageDep, StoreDep, bad, check_range, sort_param
from marsad.doc import ActorType
from marsad.normalize import normalize

router = APIRouter(tags=["actors, places, statements"])

ACTOR_TYPES = get_args(ActorType)
ACTOR_SORTS = ("mentions", "documents", "events", "id")
PLACE_SORTS = ("mentions", "documents", "events", "id")


def _sorted(rows: list[dict], sort: str) -> list[dict]:
    key = sort.lstrip("-")
    desc = sort.startswith("-")
    return sorted(rows, key=lambda r: (r.get(key) is None, r.get(key) or 0) if key != "id" else r["id"], reverse=desc)


def _name_match(row: dict, q: str | None) -> bool:
    """Variant-insensitive substring match on either name (normalized as everywhere in marsad)."""
    if not q:
        return True
    nq = normalize(q).lower()
    return any(nq in normalize(row.get(k) or "").lower() for k in ("name_ar", "name_en", "id"))


def labels_by_outlet(store, ids: set[str]) -> dict[str, dict[str, list[dict]]]:
    """How each outlet labels each actor: ``{actor: {outlet: [{text, stance, count}, ...]}}``, most
    frequent label first (from the framing stage's labels; empty until that stage runs)."""
    counts: dict[tuple[str, str, str, str], int] = {}
    for lb in store.list_labels() if ids else []:
        if lb["actor"] in ids:
            key = (lb["actor"], lb.get("outlet") or "", lb["text"], lb["stance"])
            counts[key] = counts.get(key, 0) + 1
    out: dict[str, dict[str, list[dict]]] = {}
    for (actor, outlet, text, stance), n in sorted(counts.items(), key=lambda kv: -kv[1]):
        out.setdefault(actor, {}).setdefault(outlet, []).append({"text": text, "stance": stance, "count": n})
    return out


@router.get("/actors", summary="Actors with mention counts and mentions per outlet")
def list_actors(
    store: StoreDep,
    page: PageDep,
    sort: Annotated[str, Depends(sort_param(ACTOR_SORTS, "-mentions"))],
    type: Annotated[str | None, Query(description=f"Actor type: {', '.join(ACTOR_TYPES)}.")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Part of the Arabic or English name.")] = None,
) -> dict:
    """One row per actor id: names, type, ``documents``, ``mentions``, ``events`` (as source or target),
    ``by_outlet`` (mentions per outlet) and ``labels`` (how each outlet names it: text, stance, count)."""
    if type is not None and type.upper() not in ACTOR_TYPES:
        raise bad("type", f"unknown actor type {type!r}; expected one of {', '.join(ACTOR_TYPES)}")
    rows = [r for r in store.list_actors() if (type is None or r.get("type") == type.upper()) and _name_match(r, q)]
    total = len(rows)
    rows = _sorted(rows, sort)[page.offset:page.offset + page.limit]
    labels = labels_by_outlet(store, {r["id"] for r in rows})
    for r in rows:
        r["labels"] = labels.get(r["id"], {})
    return page.envelope(rows, total)


@router.get("/places", summary="Places with coordinates and counts")
def list_places(
    store: StoreDep,
    page: PageDep,
    sort: Annotated[str, Depends(sort_param(PLACE_SORTS, "-mentions"))],
    country: Annotated[str | None, Query(min_length=2, max_length=3, description="ISO country code, e.g. LY.")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Part of the Arabic or English name.")] = None,
) -> dict:
    rows = [r for r in store.list_places()
            if (country is None or (r.get("country") or "").upper() == country.upper()) and _name_match(r, q)]
    rows = _sorted(rows, sort)
    return page.envelope(rows[page.offset:page.offset + page.limit], len(rows))


@router.get("/statements", summary="Statements (who said what, with the quote)")
def list_statements(
    store: StoreDep,
    page: PageDep,
    speaker: Annotated[str | None, Query(max_length=200, description="Speaker's actor id.")] = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    since: Annotated[date | None, Query(description="YYYY-MM-DD, inclusive")] = None,
    until: Annotated[date | None, Query(description="YYYY-MM-DD, inclusive")] = None,
    doc_id: Annotated[str | None, Query(max_length=64)] = None,
) -> dict:
    """Newest first. ``total`` counts every match (the page is ``items``)."""
    from marsad.store import EventFilters

    check_range(since, until)
    f = EventFilters(actor=speaker or None, outlet=outlet or None, since=since, until=until, doc_id=doc_id or None)
    items = store.list_statements(f, limit=page.limit, offset=page.offset)
    return page.envelope(items, store.count_statements(f))


@router.get("/outlets", summary="Outlets with their number of documents")
def list_outlets(store: StoreDep) -> dict:
    counts: dict[str, int] = {}
    for row in store.stats().get("by_outlet_month", []):
        name = row.get("outlet") or ""
        counts[name] = counts.get(name, 0) + int(row.get("documents") or 0)
    items = [{"outlet": k, "documents": v} for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if k]
    return {"total": len(items), "limit": len(items), "offset": 0, "items": items}
