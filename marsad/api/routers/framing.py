"""Framing profiles: the outlet × actor table of labels and stances (``marsad framing``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from marsad.api.deps import StoreDep

router = APIRouter(tags=["framing"])


@router.get("/framing", summary="How each outlet labels each actor (counts, stance, evidence)")
def framing(
    store: StoreDep,
    outlet: Annotated[str | None, Query(max_length=200, description="Outlet name, exactly as stored.")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="Actor id, e.g. lna.")] = None,
    evidence: Annotated[bool, Query(description="Include the evidence spans behind every count.")] = True,
) -> dict:
    """One item per (outlet, actor): ``labels``, mean ``score`` (-2 hostile … +2 legitimizing), ``stances``
    and ``forms`` (label form, count, stance, descriptors and, with ``evidence``, the spans)."""
    from marsad.framing import STANCES, framing_table

    rows = framing_table(store.list_labels(actor=actor or None, outlet=outlet or None))
    if not evidence:
        for r in rows:
            for f in r["forms"]:
                f.pop("evidence", None)
    return {"total": len(rows), "limit": len(rows), "offset": 0, "items": rows,
            "scale": {str(k): v for k, v in STANCES.items()}}
