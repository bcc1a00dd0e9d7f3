"""Duplicate detection: exact by content hash, near duplicates by MinHash LSH (datasketch).

The same story re-published with small edits (a changed headline word, an added sentence, another
spelling of a name) is a near duplicate. Each text becomes the set of its word 3-grams over the
*normalized* words (so hamza, ta marbuta and diacritic variants do not count as edits); MinHash estimates
the Jaccard similarity of two such sets and LSH finds candidates without comparing every pair.

Signatures are plain ``uint32`` arrays; the store keeps them (``minhash`` table) so a later run, or a
re-ingest, sees every document stored before. :class:`NearDuplicates` is the in-memory LSH index built
from those stored signatures (about 0.5 KB per document).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import numpy as np
from datasketch import MinHash, MinHashLSH

from marsad.normalize import normalize

NUM_PERM = 128
#: datasketch permutation scheme; stored signatures are its uint32 hash values (512 bytes per document).
SCHEME = "affine32"
#: Estimated Jaccard similarity of word 3-gram sets at or above which two texts are the same story.
THRESHOLD = 0.7
SHINGLE = 3
_WORDS = re.compile(r"\w+")


def shingles(text: str, n: int = SHINGLE) -> set[bytes]:
    """Word n-grams of the normalized text (a short text falls back to its single words)."""
    words = _WORDS.findall(normalize(text).lower())
    if len(words) < n:
        return {w.encode("utf-8") for w in words}
    return {" ".join(words[i:i + n]).encode("utf-8") for i in range(len(words) - n + 1)}


@cache
def _permutations():
    """The permutation parameters, generated once (datasketch regenerates them per MinHash otherwise)."""
    return MinHash(num_perm=NUM_PERM, scheme=SCHEME).permutations


def _minhash(hashvalues: np.ndarray | None = None) -> MinHash:
    return MinHash(num_perm=NUM_PERM, scheme=SCHEME, permutations=_permutations(), hashvalues=hashvalues)


def signature(text: str) -> np.ndarray:
    """MinHash signature (``NUM_PERM`` uint32 values) of ``text``."""
    m = _minhash()
    m.update_batch(list(shingles(text)))
    return m.hashvalues


def to_bytes(sig: np.ndarray) -> bytes:
    return np.asarray(sig, dtype=np.uint32).tobytes()


def from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.uint32).copy()


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


@dataclass(slots=True, frozen=True)
class NearMatch:
    doc_id: str
    similarity: float


class NearDuplicates:
    """LSH index of stored signatures; ask :meth:`find` before storing, :meth:`add` after."""

    def __init__(self, stored: Iterable[tuple[str, np.ndarray]] = (), threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._sigs: dict[str, np.ndarray] = {}
        for doc_id, sig in stored:
            self.add(doc_id, sig)

    def __len__(self) -> int:
        return len(self._sigs)

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._sigs

    def add(self, doc_id: str, sig: np.ndarray) -> None:
        if doc_id in self._sigs:
            return
        self._sigs[doc_id] = sig
        self._lsh.insert(doc_id, _minhash(sig))

    def find(self, sig: np.ndarray) -> NearMatch | None:
        """The most similar stored document at or above the threshold, if any."""
        best: NearMatch | None = None
        for doc_id in self._lsh.query(_minhash(sig)):
            sim = similarity(sig, self._sigs[doc_id])
            if sim >= self.threshold and (best is None or sim > best.similarity):
                best = NearMatch(doc_id, sim)
        return best
