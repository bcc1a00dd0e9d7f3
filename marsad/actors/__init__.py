"""Actors: the knowledge base (:mod:`.kb`) and the recognition stage (:func:`recognize_actors`).

Named actors come from ``marsad/data/actors/*.yaml``; generic country+sector actors from
``countries.yaml`` and ``sectors.yaml`` (:mod:`.generic`); titles, partial names and unknown names are
handled by :mod:`.recognize`, :mod:`.coref` and :mod:`.unknown`. See ``docs/knowledge-base.md``.
"""

from marsad.actors.kb import DataError, KnowledgeBase, default_kb, load_kb
from marsad.actors.recognize import recognize_actors

__all__ = ["DataError", "KnowledgeBase", "default_kb", "load_kb", "recognize_actors"]
