"""Framing: the labels each outlet uses for each actor, scored on a stance lexicon (docs/framing.md).

``extract_labels`` is the pipeline stage (after "events"); ``framing_table`` aggregates label rows
into the outlet × actor table the CLI (``marsad framing``), the API (``/api/framing``) and the
dashboard show.
"""

from marsad.framing.extract import extract_labels
from marsad.framing.lexicon import STANCES, default_lexicon, load_lexicon, stance_of
from marsad.framing.table import framing_table, label_rows

__all__ = ["extract_labels", "framing_table", "label_rows", "load_lexicon", "default_lexicon", "stance_of",
           "STANCES"]
