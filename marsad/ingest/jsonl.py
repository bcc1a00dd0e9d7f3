"""JSON Lines (``.jsonl``): one object per line with the keys ``text`` (required), ``title``, ``outlet``,
``published``, ``url``; and ``.json`` files holding one array of such objects (the SaudiNewsNet layout:
``content``, ``source``, ``date_extracted`` are accepted as aliases, see :mod:`marsad.ingest.fields`).

A document's ``source.path`` is ``FILE:LINE`` for JSON Lines and ``FILE#INDEX`` (0-based) for arrays.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from marsad.doc import Document
from marsad.ingest.fields import IngestError, document_from_fields, read_text


def read(path: Path) -> Iterator[Document | IngestError]:
    """Yield one document per line; a broken line is reported with its number and skipped."""
    name = str(path)
    text = read_text(path)
    if isinstance(text, IngestError):
        yield text
        return
    for i, raw in enumerate(text.split("\n"), start=1):  # not splitlines: JSON may hold a raw U+2028
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield IngestError(name, i, f"broken JSON ({exc.msg} at column {exc.colno}); line skipped")
            continue
        if not isinstance(obj, dict):
            yield IngestError(name, i, f"expected a JSON object, got {type(obj).__name__}; line skipped")
            continue
        yield from document_from_fields(obj, name, i, f"{name}:{i}")


def read_array(text: str, name: str) -> Iterator[Document | IngestError]:
    """Documents of a JSON array of objects (already decoded text); ``name`` labels the source."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield IngestError(name, exc.lineno, f"broken JSON ({exc.msg} at column {exc.colno}); file skipped")
        return
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        yield IngestError(name, 1, f"expected a JSON array of objects, got {type(data).__name__}; file skipped")
        return
    for i, obj in enumerate(data):
        if not isinstance(obj, dict):
            yield IngestError(f"{name}#{i}", None, f"expected an object, got {type(obj).__name__}; skipped")
            continue
        yield from document_from_fields(obj, f"{name}#{i}", None, f"{name}#{i}")


def read_json(path: Path) -> Iterator[Document | IngestError]:
    """A ``.json`` file: one array of article objects (or one object)."""
    text = read_text(path)
    if isinstance(text, IngestError):
        yield text
        return
    yield from read_array(text, str(path))
