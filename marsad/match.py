"""Longest-match phrase look-up over clitic-aware tokens (a token trie).

Every lexicon of marsad (actors, places, event triggers, labels) is a list of Arabic phrases mapping to
payloads. Phrases are tokenized with the same tokenizer as documents and stored in a trie keyed by each
token's literal key (normalized, article dropped). At match time each document token offers all its
candidate keys (literal first, then clitic-stripped readings), so "وبطرابلس" reaches the entry "طرابلس"
and "والجيش الوطني" reaches "الجيش الوطني" — one walk per token position, never a loop over the lexicon.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from marsad.doc import Token
from marsad.segment import tokenize

T = TypeVar("T")


@dataclass(slots=True)
class Match(Generic[T]):
    """A phrase found in a token sequence: tokens ``[first, last)`` and what the phrase stands for.

    ``stripped`` counts the tokens that matched only after clitic stripping (0 = literal match), so a
    caller can refuse stripped readings for entries that are also common words.
    """

    first: int
    last: int
    start: int
    end: int
    payloads: list[T]
    stripped: int


@dataclass(slots=True)
class _Node(Generic[T]):
    children: dict[str, _Node[T]] = field(default_factory=dict)
    payloads: list[T] = field(default_factory=list)


def phrase_keys(phrase: str) -> tuple[str, ...]:
    """The trie path of a lexicon phrase: the literal key of each of its tokens."""
    return tuple(t.keys[0] for t in tokenize(phrase))


class PhraseMatcher(Generic[T]):
    """A trie of phrases; :meth:`find` returns non-overlapping longest matches left to right."""

    def __init__(self) -> None:
        self._root: _Node[T] = _Node()
        self.size = 0

    def add(self, phrase: str, payload: T) -> None:
        """Add one phrase (any spelling; it is normalized and tokenized like a document)."""
        path = phrase_keys(phrase)
        if not path:
            return
        node = self._root
        for key in path:
            node = node.children.setdefault(key, _Node())
        if payload not in node.payloads:
            node.payloads.append(payload)
        self.size += 1

    def add_all(self, items: Iterable[tuple[str, T]]) -> None:
        for phrase, payload in items:
            self.add(phrase, payload)

    def longest_at(self, tokens: Sequence[Token], i: int, limit: int | None = None) -> Match[T] | None:
        """The longest phrase starting at token ``i`` (ties: the fewest clitic-stripped tokens)."""
        end_limit = len(tokens) if limit is None else min(limit, len(tokens))
        best: Match[T] | None = None
        # depth-first over (node, position, stripped count); branches only where a token has several keys
        stack: list[tuple[_Node[T], int, int]] = [(self._root, i, 0)]
        while stack:
            node, j, stripped = stack.pop()
            if node.payloads and j > i:
                if best is None or j > best.last or (j == best.last and stripped < best.stripped):
                    best = Match(i, j, tokens[i].start, tokens[j - 1].end, node.payloads, stripped)
            if j >= end_limit:
                continue
            tok = tokens[j]
            for k, key in enumerate(tok.keys):
                child = node.children.get(key)
                if child is not None:
                    stack.append((child, j + 1, stripped + (1 if k else 0)))
        return best

    def find(self, tokens: Sequence[Token], start: int = 0, end: int | None = None) -> list[Match[T]]:
        """All non-overlapping longest matches in ``tokens[start:end]``, left to right."""
        stop = len(tokens) if end is None else end
        out: list[Match[T]] = []
        i = start
        while i < stop:
            m = self.longest_at(tokens, i, stop)
            if m is None:
                i += 1
            else:
                out.append(m)
                i = m.last
        return out
