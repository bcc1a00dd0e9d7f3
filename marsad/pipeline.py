"""The pipeline: a short list of stages, each a callable ``Document -> Document``.

Stages read what earlier stages left on the document and add their own annotations; none re-reads the
file or re-tokenizes. Stages that hold loaded knowledge (lexicons, gazetteer, models) are built once,
lazily, and reused for every document.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

from marsad.doc import Document, Source
from marsad.segment import segment

Stage = Callable[[Document], Document]


class StageError(RuntimeError):
    """A stage failed or broke the contract; the message names the stage and the document."""


@cache
def default_stages() -> tuple[tuple[str, Stage], ...]:
    """The stages in order. Heavier stages are imported here, not at module import, to keep start-up fast.

    Order matters: places read the person spans of actors (and add GPE actors); events read actors,
    places and dates; numbers and framing read events and actor mentions.
    """
    from marsad.actors import recognize_actors
    from marsad.attach_numbers import attach_numbers
    from marsad.dates import resolve_dates
    from marsad.events.extract import extract_events
    from marsad.framing import extract_labels
    from marsad.geo.recognize import geocode_places

    return (
        ("segment", segment),
        ("dates", resolve_dates),
        ("actors", recognize_actors),
        ("places", geocode_places),
        ("events", extract_events),
        ("numbers", attach_numbers),
        ("framing", extract_labels),
    )


#: Packages whose code does not change what the pipeline extracts (faces and storage).
_NOT_PIPELINE = {"cli", "api", "store", "web", "ingest"}


@cache
def pipeline_version() -> str:
    """A fingerprint of the current pipeline: marsad's version, the stage names, and the content of every
    extraction module and data file. A document processed by another fingerprint is reprocessed."""
    import marsad

    root = Path(marsad.__file__).parent
    h = hashlib.sha1(marsad.__version__.encode())
    h.update(",".join(name for name, _ in default_stages()).encode())
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root)
        if p.is_file() and rel.parts[0] not in _NOT_PIPELINE and "__pycache__" not in rel.parts \
                and p.suffix not in (".pyc", ".db"):
            h.update(str(rel).encode())
            h.update(p.read_bytes())
    return f"{marsad.__version__}+{h.hexdigest()[:12]}"


def run(doc: Document, stages: Iterable[tuple[str, Stage]] | None = None) -> Document:
    """Run every stage over ``doc`` and return it."""
    for name, stage in stages if stages is not None else default_stages():
        try:
            result = stage(doc)
        except Exception as exc:  # name the stage and the document, keep the cause
            raise StageError(f"stage {name!r} failed on {doc.source.path or doc.doc_id}: {exc}") from exc
        if not isinstance(result, Document):
            raise StageError(f"stage {name!r} returned {type(result).__name__}, not Document")
        doc = result
    return doc


def process_text(text: str, source: Source | None = None) -> Document:
    """Convenience: build a document from text and run the default pipeline."""
    return run(Document(text=text, source=source or Source()))
