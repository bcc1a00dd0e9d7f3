"""Parameters shared by the routers: the store, paging, event filters, sort keys.

Every query parameter is checked here, so a bad value is a 422 with a message that names the parameter
and says what is accepted, never a 500 from deep inside the store.

The dependencies are ``async def`` although they never wait: they are quick and touch no database,
and FastAPI runs a plain ``def`` dependency in the threadpool, which cost four thread hops per
request. The endpoints stay plain ``def`` (their store calls block, so they belong in the pool).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse

from marsad.doc import PLOVER_TYPES

MAX_LIMIT = 1000
DEFAULT_LIMIT = 50
MAX_OFFSET = 10_000_000


def json_response(content: dict) -> JSONResponse:
    """``content`` (plain JSON values: the store gives dates as ISO strings) as a response, skipping
    FastAPI's ``jsonable_encoder`` walk, which cost more than the queries on a page of 50 events.
    Routes returning it declare ``response_model=dict`` so the OpenAPI schema stays."""
    return JSONResponse(content)


async def get_store(request: Request) -> Any:
    """The app's :class:`marsad.store.Store` (one per process, thread-safe through its engine pool)."""
    return request.app.state.store


StoreDep = Annotated[Any, Depends(get_store)]


@dataclass(frozen=True, slots=True)
class Page:
    limit: int
    offset: int

    def envelope(self, items: list, total: int | None) -> dict:
        """The JSON shape of every list endpoint."""
        return {"total": total, "limit": self.limit, "offset": self.offset, "items": items}


async def page(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Page size (1–{MAX_LIMIT}).")] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")] = 0,
) -> Page:
    return Page(limit, offset)


PageDep = Annotated[Page, Depends(page)]


def bad(param: str, message: str) -> HTTPException:
    """A 422 in the same shape FastAPI uses for its own validation errors."""
    return HTTPException(status_code=422, detail=[{"loc": ["query", param], "msg": message, "type": "value_error"}])


def parse_type(value: str | None) -> str | None:
    """A PLOVER type, case-insensitive."""
    if value is None or value == "":
        return None
    t = value.strip().upper()
    if t not in PLOVER_TYPES:
        raise bad("type", f"unknown event type {value!r}; expected one of {', '.join(PLOVER_TYPES)}")
    return t


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``min_lon,min_lat,max_lon,max_lat`` in degrees (WGS84), as GeoJSON orders a bounding box."""
    if value is None or value == "":
        return None
    parts = value.split(",")
    if len(parts) != 4:
        raise bad("bbox", "bbox must be four comma-separated numbers: min_lon,min_lat,max_lon,max_lat")
    try:
        w, s, e, n = (float(p) for p in parts)
    except ValueError:
        raise bad("bbox", f"bbox has a value that is not a number: {value!r}") from None
    if not all(map(lambda v: v == v and abs(v) != float("inf"), (w, s, e, n))):
        raise bad("bbox", "bbox values must be finite numbers")
    if not (-180 <= w <= 180 and -180 <= e <= 180 and -90 <= s <= 90 and -90 <= n <= 90):
        raise bad("bbox", "bbox out of range: longitudes within ±180, latitudes within ±90")
    if w > e or s > n:
        raise bad("bbox", "bbox must have min_lon <= max_lon and min_lat <= max_lat")
    return (w, s, e, n)


def check_range(since: date | None, until: date | None) -> None:
    if since and until and since > until:
        raise bad("since", f"since ({since}) is after until ({until})")


async def event_filters(
    type: Annotated[str | None, Query(description="PLOVER event type, e.g. ASSAULT.")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="Actor id, as source or target.")] = None,
    place: Annotated[str | None, Query(max_length=200, description="Place id.")] = None,
    outlet: Annotated[str | None, Query(max_length=200, description="Outlet name, exactly as stored.")] = None,
    since: Annotated[date | None, Query(description="Earliest event date (YYYY-MM-DD), inclusive.")] = None,
    until: Annotated[date | None, Query(description="Latest event date (YYYY-MM-DD), inclusive.")] = None,
    bbox: Annotated[str | None, Query(description="min_lon,min_lat,max_lon,max_lat", examples=["9,19,26,34"])] = None,
) -> dict:
    """The filters of ``Store.list_events``; empty values are left out."""
    check_range(since, until)
    f = {"type": parse_type(type), "actor": actor or None, "place": place or None, "outlet": outlet or None,
         "since": since, "until": until, "bbox": parse_bbox(bbox)}
    return {k: v for k, v in f.items() if v is not None}


EventFiltersDep = Annotated[dict, Depends(event_filters)]


def sort_param(allowed: tuple[str, ...], default: str):
    """A dependency validating ``sort`` against ``allowed`` keys (``-key`` for descending)."""
    choices = tuple(k for a in allowed for k in (a, f"-{a}"))

    # a default-value Query, not Annotated: the annotation must resolve without this closure's locals
    async def dep(sort: str = Query(default, description=f"One of: {', '.join(choices)}.")) -> str:  # noqa: B008
        if sort not in choices:
            raise bad("sort", f"unknown sort {sort!r}; expected one of {', '.join(choices)}")
        return sort

    return dep
