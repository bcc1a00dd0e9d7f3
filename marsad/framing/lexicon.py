"""The stance lexicon (``marsad/data/stance_ar.yaml``): descriptors around actor names and their scores.

The file's header documents the format and the -2..+2 scale; this module loads it into three phrase
matchers (words written before a name, after it, and stance-bearing names), reporting the file and line
of a malformed entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from marsad.data import DataError, data_path, load_with_lines
from marsad.match import PhraseMatcher

LEXICON = "stance_ar.yaml"
WHERE = ("before", "after", "name")

#: score -> stance name (FORMAT.md ``labels[].stance``); the scale is documented in stance_ar.yaml.
STANCES: dict[int, str] = {-2: "hostile", -1: "negative", 0: "neutral", 1: "positive", 2: "legitimizing"}
SCORES: dict[str, int] = {v: k for k, v in STANCES.items()}


@dataclass(frozen=True, slots=True)
class Descriptor:
    """One lexicon entry: the phrase as written in the file, its score, position and class."""

    phrase: str
    score: int
    where: str
    cls: str
    force: bool = False
    foreign: bool = False


@dataclass(frozen=True, slots=True)
class StanceLexicon:
    before: PhraseMatcher[Descriptor]
    after: PhraseMatcher[Descriptor]
    every: PhraseMatcher[Descriptor]  # all entries, to score the words already inside a label
    names: PhraseMatcher[Descriptor]  # "name" entries: a mention that begins one grows to its end
    max_before: int  # longest "before" phrase, in tokens


def stance_of(score: int) -> str:
    """The stance name of a (clipped) score."""
    return STANCES[max(-2, min(2, score))]


def parse_entries(raw, path: Path) -> list[Descriptor]:
    """Validate the YAML read by :func:`marsad.data.load_with_lines`; every error names the file and the
    entry's line."""
    if not isinstance(raw, dict) or not isinstance(raw.get("entries"), list):
        raise DataError(f"{path}: expected a mapping with an 'entries' list")
    out: list[Descriptor] = []
    for i, e in enumerate(raw["entries"]):
        where = f"{path}:{e['__line__']}" if isinstance(e, dict) else f"{path}: entry {i + 1}"
        if not isinstance(e, dict):
            raise DataError(f"{where}: an entry must be a mapping with phrase, score, where, class")
        phrase, score, pos, cls = e.get("phrase"), e.get("score"), e.get("where"), e.get("class")
        if not isinstance(phrase, str) or not phrase.strip():
            raise DataError(f"{where}: 'phrase' must be a non-empty string")
        if not isinstance(score, int) or isinstance(score, bool) or not -2 <= score <= 2:
            raise DataError(f"{where}: 'score' of {phrase!r} must be an integer from -2 to 2, not {score!r}")
        if pos not in WHERE:
            raise DataError(f"{where}: 'where' of {phrase!r} must be one of {', '.join(WHERE)}, not {pos!r}")
        if not isinstance(cls, str):
            raise DataError(f"{where}: 'class' of {phrase!r} must be a string")
        force = e.get("force", False)
        if not isinstance(force, bool) or (force and pos != "before"):
            raise DataError(f"{where}: 'force' of {phrase!r} must be true/false and only on 'before' entries")
        foreign = e.get("foreign", False)
        if not isinstance(foreign, bool) or (foreign and pos != "before"):
            raise DataError(f"{where}: 'foreign' of {phrase!r} must be true/false and only on 'before' entries")
        unknown = set(e) - {"phrase", "score", "where", "class", "force", "foreign", "__line__"}
        if unknown:
            raise DataError(f"{where}: unknown key(s) {', '.join(sorted(unknown))} in {phrase!r}")
        out.append(Descriptor(phrase.strip(), score, pos, cls, force, foreign))
    return out


def build(entries: list[Descriptor]) -> StanceLexicon:
    from marsad.match import phrase_keys

    before: PhraseMatcher[Descriptor] = PhraseMatcher()
    after: PhraseMatcher[Descriptor] = PhraseMatcher()
    every: PhraseMatcher[Descriptor] = PhraseMatcher()
    names: PhraseMatcher[Descriptor] = PhraseMatcher()
    longest = 1
    for d in entries:
        every.add(d.phrase, d)
        if d.where == "before":
            before.add(d.phrase, d)
            longest = max(longest, len(phrase_keys(d.phrase)))
        elif d.where == "after":
            after.add(d.phrase, d)
        else:
            names.add(d.phrase, d)
    return StanceLexicon(before, after, every, names, longest)


def load_lexicon(path: Path | None = None) -> StanceLexicon:
    """Load and check a stance lexicon file (default: the shipped ``stance_ar.yaml``)."""
    path = path or data_path(LEXICON)
    return build(parse_entries(load_with_lines(path), path))


@cache
def default_lexicon() -> StanceLexicon:
    return load_lexicon()
