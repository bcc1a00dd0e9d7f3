"""Documents: list and variant-insensitive search, one document's text and source, its record."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from marsad.api.deps import PageDep, StoreDep

router = APIRouter(tags=["documents"])


@router.get("/documents", summary="List or search documents")
def list_documents(
    store: StoreDep,
    page: PageDep,
    q: Annotated[str | None, Query(max_length=500, description="Full-text query, insensitive to spelling "
                                   "variants (hamza, ta marbuta, clitics); words are ANDed.")] = None,
    outlet: Annotated[str | None, Query(max_length=200, description="Outlet name, exactly as stored.")] = None,
) -> dict:
    """Newest first; with ``q``, best match first, each row with a ``snippet`` and the ``match`` offsets in it."""
    q = (q or "").strip() or None
    items = store.list_documents(q=q, outlet=outlet or None, limit=page.limit, offset=page.offset)
    return page.envelope(items, store.count_documents(q=q, outlet=outlet or None))


def get_or_404(store, doc_id: str):
    doc = store.get_document(doc_id)
    if doc is None:
        raise HTTPException(status_code=404, detail=f"no document {doc_id!r}")
    return doc


@router.get("/documents/{doc_id}", summary="One document: text and source")
def get_document(store: StoreDep, doc_id: str) -> dict:
    """The text exactly as stored (every offset in the API points into it), where it came from, and the
    date expressions found in it (``dates``: ``start``, ``end``, ``text``, ``value`` ISO or null, ``precision``)."""
    doc = get_or_404(store, doc_id)
    src = doc.source
    return {
        "doc_id": doc.doc_id,
        "text": doc.text,
        "length": len(doc.text),
        "source": {"path": src.path, "outlet": src.outlet, "title": src.title, "url": src.url,
                   "published": src.published.isoformat() if src.published else None},
        # date expressions [{start, end, text, value, precision}] for the evidence view (text order)
        "dates": store.list_dates(doc.doc_id),
        "processed": store.record(doc.doc_id) is not None,
    }


@router.get("/documents/{doc_id}/record", summary="The document's extraction record")
def get_record(store: StoreDep, doc_id: str) -> dict:
    """Exactly the JSON object ``marsad extract`` prints for this document (``../shared/eval/FORMAT.md``)."""
    get_or_404(store, doc_id)
    rec = store.record(doc_id)
    if rec is None:
        raise HTTPException(status_code=404, detail=f"document {doc_id!r} has not been processed yet "
                            "(run `marsad process`)")
    return rec
