"""The pipeline: a short list of stages, each a callable ``Document -> Document``.

Stages read what earlier stages left on the document and add their own annotations; none re-reads the
file or re-tokenizes. Stages that hold loaded knowledge (lexicons, gazetteer, models) are built once,
lazily, and reused for every document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache

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
