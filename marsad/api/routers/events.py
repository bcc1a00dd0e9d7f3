"""Events: filtered, paged, sorted list, and one event by id.

An event row is the store's flat row (see ``docs/store.md``) plus ``id`` (= ``event_id``,
``<doc_id>:<index>``) and ``sources`` (how many reports support it; 1 until events are merged).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException

from marsad.api.deps import EventFiltersDep, PageDep, StoreDep, json_response, sort_param

router = APIRouter(tags=["events"])

EVENT_SORTS = ("date", "published", "confidence", "type")


def event_out(row: dict) -> dict:
    """The API's event: the store row with a stable ``id`` and a ``sources`` count."""
    row = dict(row)
    row["id"] = row.get("id") or row["event_id"]
    row.setdefault("sources", 1)
    return row


@router.get("/events", summary="List events", response_model=dict)
def list_events(
    store: StoreDep,
    filters: EventFiltersDep,
    page: PageDep,
    sort: Annotated[str, Depends(sort_param(EVENT_SORTS, "-date"))],
    merged: bool = False,
) -> dict:
    """Events matching every given filter. ``actor`` matches source or target; ``since``/``until`` apply to
    the event date, or to the publication date when the event has none; ``bbox`` to the event's place.
    ``merged=true``: story events (one per event told by several reports, ``sources`` = documents)."""
    from marsad.store import EventFilters

    if merged:
        from marsad.api.routers.stories import merged_page

        items, total = merged_page(store, filters, page.limit, page.offset, sort)
        return page.envelope(items, total)

    f = EventFilters(**filters)
    items = [event_out(r) for r in store.list_events(f, limit=page.limit, offset=page.offset, sort=sort)]
    return json_response(page.envelope(items, store.count_events(f)))


@router.get("/events/{event_id}", summary="One event")
def get_event(store: StoreDep, event_id: str) -> dict:
    from marsad.store import EventFilters

    doc_id, sep, idx = event_id.rpartition(":")
    if not sep or not doc_id or not idx.isdigit():
        raise HTTPException(status_code=404, detail=f"no event {event_id!r} (ids look like <doc_id>:<index>)")
    rows = store.list_events(EventFilters(doc_id=doc_id), limit=100_000, offset=0, sort="date")
    for r in rows:
        if r["event_id"] == event_id:
            return event_out(r)
    raise HTTPException(status_code=404, detail=f"no event {event_id!r}")
