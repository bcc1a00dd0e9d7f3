"""``POST /api/ingest``: add articles over HTTP — only with a token.

Disabled (404) unless the app was created with a token or ``$MARSAD_API_TOKEN`` is set; then a request
must carry ``Authorization: Bearer <token>`` (403 otherwise). Each article goes through the same path as
``marsad ingest`` (field parsing and duplicate detection) and, unless ``process=false``, through the
pipeline, whose extraction is saved at once.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import APIRouter, Header, HTTPException, Query, Request
from pydantic import BaseModel, Field

from marsad.api.deps import StoreDep

router = APIRouter(tags=["ingest"])

MAX_ARTICLES = 500


class Article(BaseModel):
    text: str = Field(min_length=1, max_length=2_000_000, description="The article text, stored exactly.")
    title: str | None = Field(None, max_length=2000)
    outlet: str | None = Field(None, max_length=200)
    published: str | None = Field(None, max_length=100, description="YYYY-MM-DD or another common form.")
    url: str | None = Field(None, max_length=2000)


class IngestRequest(BaseModel):
    articles: list[Article] = Field(min_length=1, max_length=MAX_ARTICLES)


def check_token(request: Request, authorization: str | None) -> None:
    token = request.app.state.token
    if not token:
        raise HTTPException(status_code=404, detail="ingest over HTTP is disabled; start the server with "
                            "MARSAD_API_TOKEN set to enable it")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(status_code=403, detail="a valid 'Authorization: Bearer <token>' header is required")


@router.post("/ingest", summary="Add articles (needs the API token)")
def ingest(
    request: Request,
    store: StoreDep,
    body: IngestRequest,
    authorization: Annotated[str | None, Header()] = None,
    process: Annotated[bool, Query(description="Run the extraction pipeline on added articles.")] = True,
) -> dict:
    """One result per article, in order: ``status`` (added, seen, duplicate, near-duplicate, error),
    ``doc_id``, the ``original`` it duplicates, ``warnings`` (e.g. an unreadable date), ``events``."""
    check_token(request, authorization)
    from marsad.doc import Document
    from marsad.ingest.fields import IngestError, document_from_fields
    from marsad.pipeline import pipeline_version, run  # the fingerprint `marsad process` records

    results = []
    for i, art in enumerate(body.articles):
        out = document_from_fields(art.model_dump(exclude_none=True), "request", i + 1, art.url or "api")
        warnings = [e.message for e in out if isinstance(e, IngestError)]
        doc = next((d for d in out if isinstance(d, Document)), None)
        if doc is None:
            results.append({"index": i, "status": "error", "doc_id": None, "warnings": warnings})
            continue
        added = store.add_document(doc)
        row = {"index": i, "status": added.status, "doc_id": added.doc_id, "original": added.original,
               "warnings": warnings}
        if added.status == "added" and process:
            done = run(doc)
            store.save_extraction(done, pipeline_version())
            row["events"] = len(done.events)
        results.append(row)
    return {"results": results, "added": sum(r["status"] == "added" for r in results)}
