"""Story events: reports of one event by several outlets merged (:mod:`marsad.merge`).

``/api/stories`` lists story rows; ``/api/stories/{id}`` gives one with all its reports. The events
list answers ``/api/events?merged=true`` with :func:`story_as_event` rows, so the dashboard's map,
timeline and cards work unchanged and size points by ``sources``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException

from marsad.api.deps import EventFiltersDep, PageDep, StoreDep, sort_param

router = APIRouter(tags=["stories"])

STORY_SORTS = ("date", "published", "sources", "type")


def story_as_event(story: dict, first: dict | None) -> dict:
    """A story in the shape of an event row: the story's fields over its first report's evidence."""
    row = dict(first or {})
    row.update({k: story.get(k) for k in (
        "type", "mode", "source", "source_name_en", "source_name_ar", "target", "target_name_en", "target_name_ar",
        "place", "place_name_en", "place_name_ar", "lat", "lon", "place_precision", "date", "date_precision",
        "fatalities", "confidence", "acled_type", "acled_subtype", "cameo")})
    row.update({"id": story["id"], "story_id": story["story_id"], "sources": story["sources"],
                "n_reports": story["n_reports"], "outlets": story["outlets"], "agreement": story["agreement"],
                "report_ids": story["report_ids"], "outlet": "، ".join(story["outlets"]) or row.get("outlet"),
                "negated": False, "hypothetical": False})
    row.setdefault("event_id", story["first_event_id"])
    return row


def merged_page(store, filters: dict, limit: int, offset: int, sort: str) -> tuple[list[dict], int]:
    from marsad.merge import count_stories, refresh, stories
    from marsad.merge.store import all_event_rows
    from marsad.store import EventFilters

    refresh(store)
    f = EventFilters(**filters)
    rows = stories(store, f, limit=limit, offset=offset, sort=sort if sort.lstrip("-") in STORY_SORTS else "-date")
    firsts = {r["event_id"]: r for r in all_event_rows(store)} if rows else {}
    return [story_as_event(s, firsts.get(s["first_event_id"])) for s in rows], count_stories(store, f)


@router.get("/stories", summary="Story events (merged reports) with sources, outlets and agreement")
def list_stories(
    store: StoreDep,
    filters: EventFiltersDep,
    page: PageDep,
    sort: Annotated[str, Depends(sort_param(STORY_SORTS, "-date"))],
) -> dict:
    from marsad.merge import count_stories, refresh, stories
    from marsad.store import EventFilters

    refresh(store)
    f = EventFilters(**filters)
    return page.envelope(stories(store, f, limit=page.limit, offset=page.offset, sort=sort), count_stories(store, f))


@router.get("/stories/{story_id}", summary="One story event with all its reports")
def get_story(store: StoreDep, story_id: int) -> dict:
    from marsad.merge import refresh, story

    refresh(store)
    s = story(store, story_id)
    if s is None:
        raise HTTPException(status_code=404, detail=f"no story event {story_id}")
    return s
