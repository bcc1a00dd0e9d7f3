"""Find event and speech triggers in a sentence with the shared phrase matcher.

A lexicon phrase can stand for several readings (قصف is a past verb and a verbal noun); the token's
clitics decide: an article or a preposition glued to it ("القصف"، "بقصف") makes it a noun, a bare token
prefers the verb reading. Triggers inside a recognized name ("غرفة عمليات الكرامة" is an actor, not an
operation) are dropped, and `type: NONE` phrases of the lexicon swallow the event word they contain.
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.doc import Document, Sentence, Token
from marsad.events.lexicon import Trigger, event_matcher, speech_matcher
from marsad.match import PhraseMatcher

_NOUN_PREFIXES = ("ال", "لل", "ب", "بال", "ل", "وال", "فال", "وب", "ول", "وبال", "ك", "كال", "فب", "فل")


@dataclass(slots=True)
class Hit:
    """A trigger found in the text: tokens ``[first, last)`` of ``Document.tokens`` and its reading."""

    first: int
    last: int
    start: int
    end: int
    trigger: Trigger
    prefix: str  # the clitics stripped before the matched key of the first token ("وس", "ب", "ال"...)
    suffix: str  # a pronoun stripped after it ("ها" in هجومها)


def split_clitics(tok: Token, key_index: int | None = None) -> tuple[str, str]:
    """(prefix, suffix) of a token around the lexicon key it matched (first key found in ``norm``)."""
    keys = tok.keys if key_index is None else (tok.keys[key_index],)
    norm = tok.norm
    for key in keys:
        if key in norm:
            i = norm.find(key)
            prefix = norm[:i]
            suffix = norm[i + len(key):]
            if prefix.endswith("ال") and not key.startswith("ال"):
                pass
            return prefix, suffix
        for enc in ("هما", "هم", "ها", "ه", "نا", "كم"):
            base = key
            if (base + enc) in norm:
                i = norm.find(base + enc)
                return norm[:i], norm[i + len(base):]
    return "", ""


def _matched_clitics(tok: Token, phrase_first_key: str) -> tuple[str, str]:
    norm = tok.norm
    i = norm.find(phrase_first_key)
    if i < 0:
        return split_clitics(tok)
    return norm[:i], norm[i + len(phrase_first_key):]


def _choose(payloads: list[Trigger], prefix: str, suffix: str) -> Trigger:
    """Pick the reading the clitics support: noun after an article/preposition or before a pronoun."""
    typed = [t for t in payloads if t.type is not None] or payloads
    if len({t.type for t in payloads}) > 1 and any(t.type is None for t in payloads):
        typed = [t for t in payloads if t.type is None]  # a blocker spelled like an event word wins
    nominal = prefix in _NOUN_PREFIXES or prefix.endswith("ال") or prefix.endswith("لل")
    if nominal:
        nouns = [t for t in typed if t.tense == "noun"]
        if nouns:
            return nouns[0]
    verbs = [t for t in typed if t.tense in ("past", "present", "participle")]
    if verbs and not nominal:
        return verbs[0]
    return typed[0]


def find_hits(doc: Document, sentence: Sentence, matcher: PhraseMatcher[Trigger],
              names: list[tuple[int, int]]) -> list[Hit]:
    """Triggers of one sentence, longest match first, skipping those inside a recognized name."""
    hits: list[Hit] = []
    tokens = doc.tokens
    for m in matcher.find(tokens, sentence.first_token, sentence.last_token):
        if any(s <= m.start and m.end <= e and (s, e) != (m.start, m.end) for s, e in names) or any(
                s <= m.start < e and m.end > e for s, e in names):
            continue
        first_key = _first_key(m.payloads[0].phrase)
        prefix, suffix = _matched_clitics(tokens[m.first], first_key)
        trig = _choose(m.payloads, prefix, suffix)
        if trig.type is None and not trig.statement:
            continue
        if trig.tense == "participle" and ("ال" in prefix or "لل" in prefix):
            continue  # "المشير" is a title, "الداعي" a noun entry of its own: a participle takes no article
        hits.append(Hit(m.first, m.last, m.start, m.end, trig, prefix, suffix))
    return hits


def _first_key(phrase: str) -> str:
    from marsad.match import phrase_keys

    keys = phrase_keys(phrase)
    return keys[0] if keys else ""


def event_hits(doc: Document, sentence: Sentence, names: list[tuple[int, int]]) -> list[Hit]:
    return [h for h in find_hits(doc, sentence, event_matcher(), names) if h.trigger.type is not None]


def speech_hits(doc: Document, sentence: Sentence, names: list[tuple[int, int]]) -> list[Hit]:
    return find_hits(doc, sentence, speech_matcher(), names)
