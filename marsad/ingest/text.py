"""Plain ``.txt`` articles, with an optional ``metadata.csv`` sidecar in the same folder.

The sidecar has the columns ``file,outlet,published,url`` (others, e.g. ``notes``, are ignored); ``file``
is the name of a ``.txt`` beside it. The text is the file exactly as FORMAT.md reads it (UTF-8, BOM
dropped, newlines untouched), so every offset an extraction reports points into the file itself.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from marsad.doc import Document, Source
from marsad.ingest.fields import BadFile, IngestError, decode, lower_keys, published_field, read_text

SIDECAR = "metadata.csv"


@dataclass(slots=True)
class Sidecar:
    """The parsed ``metadata.csv`` of one folder: file name -> (line, row), plus its own problems."""

    path: str
    rows: dict[str, tuple[int, dict[str, str]]] = field(default_factory=dict)
    errors: list[IngestError] = field(default_factory=list)


def load_sidecar(folder: Path) -> Sidecar | None:
    """Read ``folder/metadata.csv`` if there is one. Problems become errors of the sidecar, not exceptions."""
    path = folder / SIDECAR
    if not path.is_file():
        return None
    side = Sidecar(str(path))
    try:
        text = decode(path.read_bytes())
    except BadFile as exc:
        side.errors.append(IngestError(side.path, exc.line, f"{exc}; metadata ignored"))
        return side
    reader = csv.DictReader(io.StringIO(text, newline=""))
    cols = [c.strip().lower() for c in reader.fieldnames or []]
    if "file" not in cols:
        side.errors.append(IngestError(side.path, 1, f"no 'file' column (found: {', '.join(cols) or 'none'}); "
                                       "metadata ignored"))
        return side
    prev = reader.line_num
    for row in reader:
        line, prev = prev + 1, reader.line_num
        fields = lower_keys(row)
        name = (fields.get("file") or "").strip()
        if name:
            side.rows[name] = (line, {k: (v or "").strip() for k, v in fields.items() if isinstance(v, str)})
    return side


def read(path: Path, sidecar: Sidecar | None = None) -> Iterator[Document | IngestError]:
    """Yield the one document of a ``.txt`` file (with sidecar metadata), or the reason it was skipped."""
    try:
        text = read_text(path)
    except OSError as exc:
        text = IngestError(str(path), None, f"cannot read: {exc.strerror}; file skipped")
    if isinstance(text, IngestError):
        yield text
        return
    src = Source(path=str(path))
    if sidecar and path.name in sidecar.rows:
        line, row = sidecar.rows[path.name]
        src.outlet = row.get("outlet") or None
        src.url = row.get("url") or None
        src.title = row.get("title") or None
        src.published, warn = published_field(row.get("published") or None, sidecar.path, line)
        if warn:
            yield warn
    yield Document(text=text, source=src)
