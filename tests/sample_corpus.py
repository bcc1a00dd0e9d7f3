"""The bundled samples run through the default pipeline once per test session (shared by the merge,
framing and export tests), and an in-memory store holding them."""

from __future__ import annotations

from functools import cache
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@cache
def processed_samples() -> tuple:
    """Every sample document (ingest order) after the default pipeline."""
    from marsad.doc import Document
    from marsad.ingest import read_paths
    from marsad.pipeline import run

    return tuple(run(d) for d in read_paths([str(SAMPLES)]) if isinstance(d, Document))


def stage_names() -> set[str]:
    from marsad.pipeline import default_stages

    return {name for name, _ in default_stages()}


def sample_store():
    """A fresh in-memory store with the samples ingested (near-duplicate dropped) and processed."""
    from marsad.store import Store

    store = Store("sqlite://")
    for doc in processed_samples():
        if store.add_document(doc).status == "added":
            store.save_extraction(doc)
    return store
