"""RSS and Atom feeds (``.xml``/``.rss``/``.atom``): one document per item.

The text is the item's full content when the feed carries it, else its summary, with HTML tags removed
(entities decoded, paragraphs kept as newlines). The outlet is the feed's title, the date the item's
published (or updated) date, the url its link. A document's ``source.path`` is ``FILE#N`` (1-based item).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from marsad.doc import Document, Source
from marsad.ingest.fields import BadFile, IngestError, decode, published_field

_BLOCK = re.compile(r"(?i)<\s*(?:br|/p|/div|/h[1-6]|/li)\s*/?>")


def html_to_text(value: str) -> str:
    """Plain text of an HTML fragment: block ends become newlines, tags dropped, entities decoded."""
    if "<" not in value and "&" not in value:
        return value.strip()
    import lxml.html

    marked = _BLOCK.sub("\n", value)
    try:
        text = lxml.html.fromstring(f"<div>{marked}</div>").text_content()
    except Exception:  # lxml raises several types on junk; fall back to a plain tag strip
        import html

        text = html.unescape(re.sub(r"<[^>]+>", "", marked))
    lines = [re.sub(r"[ \t\u00a0]+", " ", ln).strip() for ln in text.split("\n")]
    return "\n".join(ln for ln in lines if ln)


def read(path: Path) -> Iterator[Document | IngestError]:
    """Yield one document per feed item."""
    name = str(path)
    try:
        data = path.read_bytes()
        decode(data)  # same checks (empty, binary, UTF-8) as every other format
    except BadFile as exc:
        yield IngestError(name, exc.line, f"{exc}; file skipped")
        return
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        why = f": {feed.bozo_exception}" if feed.get("bozo") else ""
        yield IngestError(name, None, f"not an RSS/Atom feed or no items{why}; file skipped")
        return
    outlet = (feed.feed.get("title") or "").strip() or None
    for n, entry in enumerate(feed.entries, start=1):
        where = f"{name}#{n}"
        content = entry.get("content") or []
        raw = content[0].get("value", "") if content else entry.get("summary", "")
        text = html_to_text(raw or "")
        if not text:
            yield IngestError(where, None, "feed item has no content or summary; item skipped")
            continue
        published: date | None = None
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        if parsed:
            published = date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
        else:
            published, warn = published_field(entry.get("published") or entry.get("updated"), where, None)
            if warn:
                yield warn
        yield Document(text=text, source=Source(
            path=where, outlet=outlet, published=published, url=entry.get("link") or None,
            title=html_to_text(entry.get("title", "")) or None))
