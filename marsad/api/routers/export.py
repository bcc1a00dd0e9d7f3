"""Exports (``marsad export``): ACLED-style CSV, PLOVER JSON, GeoJSON or CSV of the filtered events."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from marsad.api.deps import EventFiltersDep, StoreDep, bad

router = APIRouter(tags=["export"])


@router.get("/export", summary="Download events in an analyst format (docs/exports.md)")
def export(
    store: StoreDep,
    filters: EventFiltersDep,
    format: Annotated[str, Query(description="acled, plover, geojson or csv.")] = "acled",
    merged: Annotated[bool, Query(description="One record per story event (merged reports).")] = False,
) -> Response:
    from marsad.export import EXTENSIONS, FORMATS, MEDIA_TYPES
    from marsad.export import export as run
    from marsad.store import EventFilters

    if format not in FORMATS:
        raise bad("format", f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")
    text, _ = run(store, format, EventFilters(**filters), merged=merged)
    name = f"marsad-{'stories' if merged else 'events'}-{format}.{EXTENSIONS[format]}"
    return Response(text, media_type=f"{MEDIA_TYPES[format]}; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
