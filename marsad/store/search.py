"""Variant-insensitive full-text search: what is indexed, how a query is built, and the snippet.

A document is indexed by its *search terms*: for every word token, the clitic-stripped keys of
:mod:`marsad.segment` (normalized: hamza/alef, ya/alef maqsura, ta marbuta, diacritics, tatweel, digits),
e.g. "وبطرابلس" is indexed as "وبطرابلس طرابلس" and "الإمارات" as "امارات". A query word goes through
the same normalization and article stripping, so "حفتر", "لحفتر" in the text and "حَفتر" in the query
meet, and so do "الأمم المتحدة" / "الامم المتحده". Query words are ANDed. SQLite uses FTS5 (bm25 order);
other databases match the same terms with LIKE on ``search_terms``.
"""

from __future__ import annotations

from marsad.doc import Token
from marsad.normalize import strip_article
from marsad.segment import analyze, tokenize


def terms(text: str, tokens: list[Token] | None = None) -> str:
    """The space-separated search terms of a text (every key of every word token).

    ``tokens`` are the text's tokens when a stage already made them (saves tokenizing twice)."""
    out: list[str] = []
    for tok in tokens if tokens else tokenize(text):
        if tok.is_word:
            out.extend(k.lower() for k in tok.keys)
    return " ".join(out)


def query_terms(q: str) -> list[str]:
    """Normalized query words, each reduced as the index reduces text words.

    Proclitics and the article are stripped ("لحفتر" -> "حفتر", "والإمارات" -> "امارات") so the query
    meets every prefixed form in the text; an enclitic is *not* stripped, so "ترهونه" (ta marbuta
    written as ha) still means the town and not a pronoun suffix.
    """
    out: list[str] = []
    for tok in tokenize(q):
        if not tok.is_word:
            continue
        norm, keys, _stem, pro, _enc = analyze(tok.text)
        key = strip_article(norm[len(pro):])
        key = (key if key in keys else keys[0]).lower()
        if key and key not in out:
            out.append(key)
    return out


def fts_query(q: str) -> str | None:
    """An FTS5 MATCH expression for ``q`` (each term quoted, so no FTS syntax leaks in); None if empty."""
    ts = query_terms(q)
    return " AND ".join('"' + t.replace('"', '""') + '"' for t in ts) if ts else None


def find_match(text: str, q: str) -> tuple[int, int] | None:
    """Offsets of the first token of ``text`` that a query term matches."""
    wanted = set(query_terms(q))
    for tok in tokenize(text):
        if tok.is_word and wanted.intersection(k.lower() for k in tok.keys):
            return tok.start, tok.end
    return None


def snippet(text: str, q: str | None, width: int = 160) -> dict:
    """A window of the original text around the first match: ``{"text", "match": [s, e] | None}``.

    ``match`` is relative to the snippet text; the window starts and ends on word boundaries and
    marks cuts with "…". With no query (or no match) the window is the start of the text.
    """
    m = find_match(text, q) if q else None
    if m is None:
        start, end = 0, min(len(text), width)
    else:
        start = max(0, m[0] - width // 2)
        end = min(len(text), start + width)
        start = max(0, min(start, end - width))
    if start > 0:
        sp = text.find(" ", start)
        start = sp + 1 if 0 <= sp < (m[0] if m else end) else start
    if end < len(text):
        sp = text.rfind(" ", start, end)
        end = sp if sp > (m[1] if m else start) else end
    body = text[start:end].replace("\n", " ")
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    rel = [m[0] - start + len(prefix), m[1] - start + len(prefix)] if m else None
    return {"text": prefix + body + suffix, "match": rel}
