"""Store statistics (what `marsad stats` prints)."""

from __future__ import annotations

from fastapi import APIRouter

from marsad.api.deps import StoreDep

router = APIRouter(tags=["stats"])


@router.get("/stats", summary="Totals, documents per outlet and month, duplicates, extraction counts")
def stats(store: StoreDep) -> dict:
    return store.stats()
