"""Saved HTML pages (``.html``/``.htm``): the article body by trafilatura, the publication date by htmldate.

Boilerplate (menus, footers, comments) is dropped; what remains is the document text, and offsets point
into that extracted text (the page itself is not kept). A page where trafilatura finds no article is
reported and skipped. The outlet is the page's site name (``og:site_name``) when it declares one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from marsad.doc import Document, Source
from marsad.ingest.fields import IngestError, published_field, read_text

#: A page is an article only if some paragraph has at least this many words (menus and link lists do not).
MIN_PARAGRAPH_WORDS = 8


def looks_like_article(text: str) -> bool:
    """True when ``text`` has at least one line of running prose, not only link labels."""
    return any(len(line.split()) >= MIN_PARAGRAPH_WORDS for line in text.splitlines())


def read(path: Path) -> Iterator[Document | IngestError]:
    """Yield the article of one saved page, or why there is none."""
    name = str(path)
    page = read_text(path)
    if isinstance(page, IngestError):
        yield page
        return
    import trafilatura  # heavy import, only when a page is read
    from htmldate import find_date

    result = None
    for fast in (True, False):  # precise extractor first; its fallbacks only if that finds nothing
        result = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False,
                                             include_tables=False, deduplicate=False, fast=fast,
                                             favor_precision=fast)
        if result is not None and looks_like_article(result.text or ""):
            break
    text = (result.text or "").strip() if result is not None else ""
    if not looks_like_article(text):
        yield IngestError(name, None, "no article text found in the page (only navigation/boilerplate?); "
                          "file skipped")
        return
    raw_date = find_date(page, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    published, warn = published_field(raw_date, name, None)
    if warn:
        yield warn
    yield Document(text=text, source=Source(
        path=name, outlet=getattr(result, "sitename", None) or None, published=published,
        url=getattr(result, "url", None) or None, title=getattr(result, "title", None) or None))
