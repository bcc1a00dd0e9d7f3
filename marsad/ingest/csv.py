"""Article tables: ``.csv`` files with a ``text`` column (``title,outlet,published,url`` optional).

Any ``.csv`` except ``metadata.csv`` (the sidecar of ``.txt`` files, see :mod:`marsad.ingest.text`) is an
article table. One row is one document; a row's ``source.path`` is ``FILE:LINE`` (the line the record
starts on), so every stored document can be traced back to its row.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from pathlib import Path

from marsad.doc import Document
from marsad.ingest.fields import TEXT_KEYS, IngestError, document_from_fields, read_text

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # article cells are long


def read(path: Path) -> Iterator[Document | IngestError]:
    """Yield one document per row, or errors naming the file and line."""
    name = str(path)
    text = read_text(path)
    if isinstance(text, IngestError):
        yield text
        return
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        cols = [c.strip().lower() for c in reader.fieldnames or []]
    except csv.Error as exc:
        yield IngestError(name, 1, f"unreadable CSV header: {exc}; file skipped")
        return
    if not any(k in cols for k in TEXT_KEYS):
        yield IngestError(name, 1, f"no text column (expected 'text'; found: {', '.join(cols) or 'none'}); "
                          "file skipped")
        return
    prev = reader.line_num
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield IngestError(name, reader.line_num, f"malformed CSV: {exc}; rest of the file skipped")
            return
        line, prev = prev + 1, reader.line_num
        if None in row:
            yield IngestError(name, line, f"{len(row[None])} more cells than header columns; row skipped")
            continue
        yield from document_from_fields(row, name, line, f"{name}:{line}")
