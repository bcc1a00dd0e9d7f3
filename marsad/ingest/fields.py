"""What every reader shares: the problem report, decoding with clear errors, dates, and field records.

A reader never raises on bad input: it yields an :class:`IngestError` naming the file and line and goes
on, so one broken row never costs the rest of a corpus. A *skipped* error means a document (or a whole
file) was not ingested; a warning (``skipped=False``) means a document was ingested without one field —
an unparseable publication date is stored as ``published=None`` and reported, it does not drop the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from functools import cache
from pathlib import Path

from marsad.doc import Document, Source

#: Accepted column / key names, first the canonical one. Matching is case-insensitive.
TEXT_KEYS = ("text", "content", "body")
TITLE_KEYS = ("title", "headline")
OUTLET_KEYS = ("outlet", "source", "site")
PUBLISHED_KEYS = ("published", "date", "date_published", "pubdate", "date_extracted")
URL_KEYS = ("url", "link")

DATE_FORMATS_HELP = "YYYY-MM-DD (optionally with a time), YYYY/MM/DD, DD/MM/YYYY, RFC 2822, or '6 April 2019'"


@dataclass(slots=True)
class IngestError:
    """One problem with the input. ``line`` is 1-based when the format has lines, else None."""

    path: str
    line: int | None
    message: str
    skipped: bool = True  # False: a warning, the document was ingested without the field

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class BadFile(Exception):
    """The whole file cannot be read (empty, binary, not UTF-8); carries the line when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def decode(data: bytes) -> str:
    """Decode file bytes exactly as :func:`marsad.doc.read_text` does (UTF-8, BOM dropped, newlines kept).

    Raises :class:`BadFile` for an empty file, a binary file (NUL bytes) or invalid UTF-8, naming the
    line and byte so the user can find the damage.
    """
    if not data.strip():
        raise BadFile("empty file")
    if b"\x00" in data[:65536]:
        raise BadFile("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise BadFile(f"invalid UTF-8 at byte {exc.start} ({data[exc.start:exc.start + 1]!r}); "
                      "save the file as UTF-8", line) from None


def read_text(path: Path) -> str | IngestError:
    """The decoded text of a whole-file input, or the error that skips the file (one place for the wording)."""
    try:
        return decode(path.read_bytes())
    except BadFile as exc:
        return IngestError(str(path), exc.line, f"{exc}; file skipped")


_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])")
_YMD = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def parse_date(value: str) -> date:
    """Parse a publication date; raise ``ValueError`` when the form is not one we accept.

    Numeric dates with the day and month both <= 12 are read day first (the Arab and European order);
    only when the middle number cannot be a month is the US order assumed. Textual forms ("6 April
    2019", "6 أبريل 2019", "Sat, 06 Apr 2019 10:00:00 GMT") go through RFC 2822 and then dateparser.
    """
    v = value.strip().translate(_DIGITS)
    if not v:
        raise ValueError("empty date")
    for rx, order in ((_ISO, "ymd"), (_YMD, "ymd"), (_DMY, "dmy")):
        m = rx.match(v)
        if m:
            a, b, c = (int(g) for g in m.groups())
            y, mo, d = (a, b, c) if order == "ymd" else (c, b, a)
            if order == "dmy" and mo > 12 and d <= 12:
                mo, d = d, mo
            return _checked(date(y, mo, d))
    try:
        return _checked(parsedate_to_datetime(v).date())
    except (TypeError, ValueError, IndexError):
        pass
    parsed = _dateparser(v)
    if parsed is None:
        raise ValueError(f"unknown date format {value!r}")
    return _checked(parsed.date())


def _checked(d: date) -> date:
    if not 1900 <= d.year <= 2100:
        raise ValueError(f"implausible year {d.year}")
    return d


@cache
def _dateparser_settings() -> dict:
    return {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"],
            "PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}


def _dateparser(v: str) -> datetime | None:
    """Textual dates in Arabic or English; imported lazily (dateparser is slow to load)."""
    if not re.search(r"\d{4}", v):
        return None  # a date without a year is not a publication date
    import dateparser

    v = re.sub(r"(\S+)/\S+", r"\1", v)  # "أبريل/نيسان" -> "أبريل"
    return dateparser.parse(v, languages=["ar", "en"], settings=_dateparser_settings())


def pick(fields: dict[str, object], keys: tuple[str, ...]) -> str | None:
    """The first non-empty value among ``keys`` (already lower-cased in ``fields``), as a string."""
    for k in keys:
        v = fields.get(k)
        if v is not None and str(v).strip():
            return str(v) if k in TEXT_KEYS else str(v).strip()
    return None


def lower_keys(row: dict) -> dict[str, object]:
    return {str(k).strip().lower(): v for k, v in row.items() if k is not None}


def document_from_fields(row: dict, path: str, line: int | None, doc_path: str) -> list[Document | IngestError]:
    """Turn one record (CSV row, JSON object) into a Document, or errors naming ``path:line``.

    The text is stored exactly as given (offsets point into it); an empty text skips the record.
    """
    fields = lower_keys(row)
    text = pick(fields, TEXT_KEYS)
    if text is None:
        return [IngestError(path, line, f"no text (expected one of the keys {', '.join(TEXT_KEYS)}); record skipped")]
    out: list[Document | IngestError] = []
    published, warn = published_field(pick(fields, PUBLISHED_KEYS), path, line)
    if warn:
        out.append(warn)
    src = Source(path=doc_path, outlet=pick(fields, OUTLET_KEYS), published=published,
                 url=pick(fields, URL_KEYS), title=pick(fields, TITLE_KEYS))
    out.append(Document(text=text, source=src))
    return out


def published_field(value: str | None, path: str, line: int | None) -> tuple[date | None, IngestError | None]:
    """Parse an optional date field; on failure a warning that keeps the document (published=None)."""
    if value is None:
        return None, None
    try:
        return parse_date(value), None
    except ValueError as exc:
        return None, IngestError(path, line, f"{exc}; the document is stored without a publication date "
                                 f"(accepted: {DATE_FORMATS_HELP})", skipped=False)
