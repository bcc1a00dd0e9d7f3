"""Orthographic normalization for matching, with a map back to original offsets.

Arabic news spells one name many ways (أنطونيو/انطونيو, ليبيا/ليبيآ, الجزيرة/الجزيره, with or without
diacritics and tatweel). Matching therefore runs on a normalized form; the original text is never
rewritten. Every character maps to zero or one normalized character, so a normalized offset always
points back to exactly one original offset. The character table lives in ``data/arabic.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from marsad.data import load_yaml


@cache
def _table() -> dict[int, str]:
    chars = load_yaml("arabic.yaml")["chars"]
    return {ord(k): v for k, v in chars.items()}


@dataclass(frozen=True, slots=True)
class NormText:
    """A normalized string and, for each of its characters, the offset of its source character."""

    text: str
    offsets: tuple[int, ...]
    original_length: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open normalized span back to the original text."""
        if start >= len(self.offsets):
            return self.original_length, self.original_length
        o_start = self.offsets[start]
        o_end = self.offsets[end - 1] + 1 if end > start else o_start
        return o_start, o_end


def normalize(text: str) -> str:
    """Normalized matching form of ``text`` (same rules as :func:`normalize_with_map`)."""
    return text.translate(_table())


def normalize_with_map(text: str) -> NormText:
    """Normalize ``text`` and keep where every normalized character came from."""
    table = _table()
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        rep = table.get(ord(ch), ch)
        if rep:
            out.append(rep)
            offsets.append(i)
    return NormText("".join(out), tuple(offsets), len(text))


def strip_article(word: str) -> str:
    """Drop a leading definite article from a normalized word when enough stem is left."""
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


def match_key(phrase: str) -> str:
    """The key a lexicon stores a phrase under: normalized, article dropped from every word.

    Tokens expose the same kind of key (see :mod:`marsad.segment`), so "الجيش الوطني الليبي" in a lexicon
    and "والجيش الوطني الليبي" in a text meet on "جيش وطني ليبي".
    """
    return " ".join(strip_article(w) for w in normalize(phrase).split())
