"""Ingest: read articles from files and folders into :class:`~marsad.doc.Document` objects.

One module per input format; :func:`read_paths` walks folders recursively (sorted, hidden entries
skipped) and dispatches by file extension:

=====================  ======================================================================
``.txt``               one article; metadata from ``metadata.csv`` beside it (:mod:`.text`)
``metadata.csv``       never an article table: the sidecar of the ``.txt`` files beside it
``.csv``               article table, one row per article (:mod:`.csv`)
``.jsonl``             one JSON object per line (:mod:`.jsonl`); ``.json``: one array of objects
``.html`` ``.htm``     one saved page (:mod:`.html`)
``.xml`` ``.rss``      an RSS/Atom feed, one article per item (:mod:`.rss`)
``.atom``
=====================  ======================================================================

Readers yield documents and :class:`IngestError` problems in file order and never raise on bad input.
Files of other types met while walking a folder are ignored; named explicitly, they are reported.
Duplicate detection happens when a document is stored (:meth:`marsad.store.Store.add_document`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from marsad.doc import Document
from marsad.ingest import csv as csv_reader
from marsad.ingest import html, jsonl, rss, text
from marsad.ingest.fields import IngestError, parse_date

__all__ = ["IngestError", "read_paths", "read_file", "iter_files", "parse_date", "READERS"]

Reader = Callable[[Path], Iterator[Document | IngestError]]

READERS: dict[str, Reader] = {
    ".csv": csv_reader.read,
    ".jsonl": jsonl.read,
    ".json": jsonl.read_json,
    ".html": html.read,
    ".htm": html.read,
    ".xml": rss.read,
    ".rss": rss.read,
    ".atom": rss.read,
}
KNOWN = {*READERS, ".txt"}


def iter_files(paths: Iterable[str | os.PathLike]) -> Iterator[Path | IngestError]:
    """Files to read, in a stable order; errors for paths that do not exist or have an unknown type."""
    for p in map(Path, paths):
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    fp = Path(root) / f
                    if not f.startswith(".") and _kind(fp) is not None:
                        yield fp
        elif p.is_file():
            if _kind(p) is None:
                yield IngestError(str(p), None, f"unsupported file type {p.suffix or '(none)'} "
                                  f"(known: {', '.join(sorted(KNOWN))}, metadata.csv); file skipped")
            else:
                yield p
        else:
            yield IngestError(str(p), None, "no such file or folder")


def _kind(path: Path) -> str | None:
    if path.name.lower() == text.SIDECAR:
        return None  # read together with the .txt files beside it
    ext = path.suffix.lower()
    return ext if ext in KNOWN else None


def read_file(path: Path, sidecars: dict[Path, text.Sidecar | None] | None = None) -> Iterator[Document | IngestError]:
    """Documents (and problems) of one file. ``sidecars`` caches each folder's ``metadata.csv``."""
    ext = path.suffix.lower()
    if ext == ".txt":
        cache = sidecars if sidecars is not None else {}
        folder = path.parent
        if folder not in cache:
            cache[folder] = side = text.load_sidecar(folder)
            if side is not None:
                yield from side.errors
        yield from text.read(path, cache[folder])
    else:
        yield from READERS[ext](path)


def read_paths(paths: Iterable[str | os.PathLike]) -> Iterator[Document | IngestError]:
    """Every document under ``paths`` (files or folders, recursively), with problems interleaved."""
    sidecars: dict[Path, text.Sidecar | None] = {}
    for item in iter_files(paths):
        if isinstance(item, IngestError):
            yield item
        else:
            yield from read_file(item, sidecars)
