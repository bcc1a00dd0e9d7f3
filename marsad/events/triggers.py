"""Find event and speech triggers in a sentence with the shared phrase matcher.

A lexicon phrase can stand for several readings (قصف is a past verb and a verbal noun); the token's
clitics decide: an article or a preposition glued to it ("القصف"، "بقصف") makes it a noun, a bare token
prefers the verb reading. Triggers inside a recognized name ("غرفة عمليات الكرامة" is an actor, not an
operation) are dropped, and `type: NONE` phrases of the lexicon swallow the event word they contain.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from marsad.doc import Document, Sentence, Token
from marsad.events.lexicon import Trigger, event_matcher, load_lexicon, speech_matcher
from marsad.match import PhraseMatcher, phrase_keys
from marsad.normalize import normalize

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


# Words after which a bare word is a noun, never a finite verb: prepositions and the heads that take a
# verbal noun ("في قضية خطف"، "إمكانية خطف"، "بعد قتل"، "رافضي قتل"). "بعدما"/"بعد أن" take verbs and are not
# listed.
_NOUN_GOVERNORS = frozenset(normalize(w) for w in (
    "في", "من", "إلى", "الى", "على", "عن", "حول", "بشأن", "ضد", "منذ", "بعد", "قبل", "خلال", "عبر", "لدى",
    "مع", "إثر", "اثر", "عقب", "جراء", "بسبب", "إمكانية", "امكانية", "احتمال", "محاولة", "محاولات", "عملية",
    "عمليات", "قضية", "قضايا", "جريمة", "جرائم", "تهمة", "بتهمة", "ذكرى", "سياسة", "مسلسل", "حادثة", "حادث",
    "رافضي", "ضحايا", "فاجعة", "موجة", "سلسلة", "وراء", "عزم", "رفض", "إدانة", "ادانة", "استنكار", "أعمال",
    "اعمال", "حملة", "تكرار", "سيناريو", "اعتبار", "عوامل", "مرور", "ظاهرة", "تتيح", "يتيح"))


def _choose(payloads: list[Trigger], prefix: str, suffix: str, governed: bool = False) -> Trigger:
    """Pick the reading the clitics support: noun after an article/preposition or before a pronoun, or
    when the word before it governs a noun (``governed``: "قضية خطف" is the case of an abduction)."""
    typed = [t for t in payloads if t.type is not None] or payloads
    if len({t.type for t in payloads}) > 1 and any(t.type is None for t in payloads):
        typed = [t for t in payloads if t.type is None]  # a blocker spelled like an event word wins
    nominal = prefix in _NOUN_PREFIXES or prefix.endswith("ال") or prefix.endswith("لل") or (
        governed and prefix in ("", "و"))
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
        governed = m.first > sentence.first_token and tokens[m.first - 1].norm in _NOUN_GOVERNORS
        trig = _choose(m.payloads, prefix, suffix, governed)
        if trig.type is None and not trig.statement:
            continue
        if trig.tense in ("participle", "past", "present") and ("ال" in prefix or "لل" in prefix) and not (
                normalize(trig.phrase).startswith("ال")):  # "التقى"، "التأم" begin with the letters of the article
            continue  # "المشير" is a title, "العذب" an adjective (fresh): a verb or participle takes no article
        if trig.tense != "noun" and m.first > sentence.first_token and _counted(tokens[m.first - 1]):
            continue  # "ارتقى 30 طالبا": after a number it is the counted noun (students), not "demanding"
        hits.append(Hit(m.first, m.last, m.start, m.end, trig, prefix, suffix))
    return hits


_NUMBER_WORDS = frozenset(normalize(w) for w in (
    "ثلاثة", "ثلاثين", "أربعة", "أربعين", "خمسة", "خمسين", "ستة", "ستين", "سبعة", "ثمانية", "تسعة", "عشرة",
    "عشرين", "عشرات", "مئات", "آلاف", "عدة", "بضعة", "أحد", "عشر"))


def _counted(tok: Token) -> bool:
    """A number (digits in any script, or a number word) just before a word that it counts."""
    return any(ch.isdigit() for ch in tok.text) or tok.norm in _NUMBER_WORDS


def _first_key(phrase: str) -> str:
    from marsad.match import phrase_keys

    keys = phrase_keys(phrase)
    return keys[0] if keys else ""


@cache
def _split_verbs() -> dict[str, list[tuple[tuple[str, ...], Trigger]]]:
    """Multi-word verb phrases of the event lexicon by the key of their first word ("أعادت تموضع" ->
    {"اعادت": [(("تموضع",), trigger)]})."""
    table: dict[str, list[tuple[tuple[str, ...], Trigger]]] = {}
    for t in load_lexicon("events_ar.yaml"):
        if t.type is None or t.tense not in ("past", "present"):
            continue
        keys = phrase_keys(t.phrase)
        if len(keys) >= 2:
            table.setdefault(keys[0], []).append((keys[1:], t))
    return table


def split_verb_hits(doc: Document, sentence: Sentence, names: list[tuple[int, int]],
                    taken: set[int]) -> list[Hit]:
    """A multi-word verb whose subject stands inside it, as VSO puts it: "أعادت قوات الوفاق تموضعها"،
    "فتحت الكتيبة 604 الطريق أمام القوات"، "بدأت القوات التركية التوجه". The verb must be followed by a
    recognized name, then the rest of the phrase; the hit is the verb word alone, so the name after it is
    read as its subject."""
    toks, table, hits = doc.tokens, _split_verbs(), []
    starts = {s: e for s, e in names}
    for i in range(sentence.first_token, sentence.last_token - 1):
        if i in taken:
            continue
        cands = [c for k in toks[i].keys for c in table.get(k, ())]
        end = starts.get(toks[i + 1].start)
        if not cands or end is None:
            continue
        j = i + 1
        while j < sentence.last_token and toks[j].start < end:
            j += 1
        for rest, trig in cands:
            if j + len(rest) <= sentence.last_token and all(rest[n] in toks[j + n].keys for n in range(len(rest))):
                prefix, suffix = _matched_clitics(toks[i], _first_key(trig.phrase))
                hits.append(Hit(i, i + 1, toks[i].start, toks[i].end, trig, prefix, suffix))
                break
    return hits


def event_hits(doc: Document, sentence: Sentence, names: list[tuple[int, int]]) -> list[Hit]:
    hits = [h for h in find_hits(doc, sentence, event_matcher(), names) if h.trigger.type is not None]
    # a one-word hit may be the first word of a longer verb split by its subject ("وتقدم تركيا الدعم")
    taken = {i for h in hits if h.last - h.first > 1 for i in range(h.first, h.last)}
    split = split_verb_hits(doc, sentence, names, taken)
    if not split:
        return hits
    replaced = {h.first for h in split}
    return sorted([h for h in hits if h.first not in replaced] + split, key=lambda h: h.first)


def speech_hits(doc: Document, sentence: Sentence, names: list[tuple[int, int]]) -> list[Hit]:
    return find_hits(doc, sentence, speech_matcher(), names)
