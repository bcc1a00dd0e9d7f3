"""Speech acts: who said what, where the words are, and when.

A statement is a speech trigger (قال، أكد، أضاف، مؤكدا، نقل عن…) with its speaker — the actor that is its
subject (after the verb in VSO, before it in SVO), the source after "نقل ... عن"، "بحسب"، "وفق" — and its
quote: the text between quote marks when the sentence has them after the trigger, else the clause after
أن/إن up to the sentence end. A speech verb with no subject of its own ("وأضاف"، "وتابع") or an adverbial
participle ("مؤكدا"، "مشيرة إلى") continues the last speaker.
"""

from __future__ import annotations

from marsad.doc import Document, Sentence
from marsad.events.arguments import INSTITUTION_NOUNS, MentionIndex, Ref, clause_bounds, verb_subject
from marsad.events.triggers import Hit
from marsad.normalize import normalize

OPEN_QUOTES = {"«": "»", "“": "”", "\"": "\"", "„": "“"}
COMPLEMENTIZERS = frozenset(normalize(w) for w in ("أن", "إن", "أنه", "إنه", "أنها", "إنها", "أنهم", "إنهم",
                                                   "بأن", "وأن", "فإن", "أنهما", "أنّه"))
SOURCE_AFTER = frozenset(normalize(w) for w in ("عن",))
ANONYMOUS = frozenset(normalize(w) for w in ("مصدر", "مصادر", "مراقبون", "مراقبين", "محللون", "محللين",
                                             "شهود", "سكان", "مسؤول", "مسؤولون", "ناشطون", "خبراء"))
AFFILIATION_LINKS = frozenset(normalize(w) for w in ("في", "من", "تابع", "تابعة", "مقرب", "مقربة", "مقربون",
                                                    "داخل", "لدى", "ب"))
ABOUT = frozenset(normalize(w) for w in ("عن", "حول", "بشأن"))
SPEAKER_NOUNS = INSTITUTION_NOUNS  # nouns that speak: offices, pages, spokesmen, outlets
CUE_WORDS = frozenset(normalize(w) for w in ("بحسب", "حسب", "وفق", "وفقا", "نقلا"))


def quote_span(doc: Document, sent: Sentence, hit: Hit) -> tuple[int, int] | None:
    """Quoted words after the trigger: between quote marks, else after أن/إن, else the rest of the sentence."""
    toks = doc.tokens
    text = doc.text
    for i in range(hit.last, sent.last_token):
        t = toks[i].text
        if t in OPEN_QUOTES:
            close = text.find(OPEN_QUOTES[t], toks[i].end)
            if close > toks[i].end:
                return toks[i].end, close
            return toks[i].end, sent.end
        if toks[i].norm in COMPLEMENTIZERS or any(k in COMPLEMENTIZERS for k in toks[i].keys[:1]):
            if i + 1 < sent.last_token:
                return toks[i + 1].start, sent.end
    if hit.last < sent.last_token:
        return toks[hit.last].start, sent.end
    return None


def speaker_of(doc: Document, idx: MentionIndex, sent: Sentence, hit: Hit,
               last_speaker: str | None, sentence_speaker: str | None,
               last_anonymous: str | None = None) -> tuple[str | None, str]:
    """(speaker id, rule) of a speech trigger; a None speaker means nobody can be named."""
    toks = doc.tokens
    clause = clause_bounds(doc, sent, hit.first, hit.last)
    if hit.trigger.strength == "weak" and toks[hit.first].keys[-1] in CUE_WORDS | {normalize("نقلا")}:
        r = next((r for r in idx.actors if hit.last <= r.first <= hit.last + 2), None)
        return (r.id, "cue") if r else (None, "none")
    if hit.trigger.tense == "participle":
        if sentence_speaker:
            return sentence_speaker, "participle"
        first_actor = next((r for r in idx.actors if sent.first_token <= r.first < hit.first), None)
        if first_actor:
            return first_actor.id, "participle-subject"
        return last_speaker, "continuation"
    subj, rule = verb_subject(doc, idx, sent, hit.first, hit.last, clause)
    nxt = hit.last
    while nxt < sent.last_token and not toks[nxt].is_word:
        nxt += 1
    anonymous_first = subj is None or subj.first > nxt  # "وأفادت مصادر محلية بأن الكتيبة": the sources speak
    if anonymous_first and nxt < sent.last_token and toks[nxt].keys[-1] in ANONYMOUS:
        # "قال مصدر عسكري في قوات الوفاق": the affiliation speaks; a bare "مصدر" is nobody; "المصدر"
        # (definite, no affiliation of its own) is the source already introduced
        aff = _affiliation_after(doc, idx, nxt, sent.last_token)
        if aff:
            return aff.id, "affiliation"
        if toks[nxt].norm.startswith("ال") and last_anonymous:
            return last_anonymous, "anaphora"
        return None, "anonymous"
    # "نقل X عن Y": the named source Y speaks; the outlet X when Y is anonymous
    for i in range(hit.last, min(sent.last_token, hit.last + 8)):
        if toks[i].norm in SOURCE_AFTER:
            y: Ref | None = next((r for r in idx.actors if i + 1 <= r.first <= i + 2), None)
            if y is not None and _is_person(doc, y.id):
                return y.id, "source-after"
            break
    if subj is not None:
        return subj.id, rule or "subject"
    # "وبحسب X فإن ..." earlier in the sentence names the speaker
    for i in range(sent.first_token, hit.first):
        if toks[i].keys[-1] in CUE_WORDS:
            r = next((r for r in idx.actors if i + 1 <= r.first <= i + 2), None)
            if r:
                return r.id, "cue"
    if nxt < sent.last_token and _speaker_noun(toks[nxt]) and not _names(doc, last_speaker, toks[nxt]):
        return None, "unknown-subject"  # "وقالت الصفحة الرسمية ...": someone we cannot name speaks
    return last_speaker, "continuation"


def _speaker_noun(tok) -> bool:
    """A definite noun that can speak (an office, a page, a spokesman) right after a speech verb is its
    own subject, not a continuation of the last speaker; other nouns there are objects ("وصف الدعوة")."""
    return tok.is_word and tok.norm.startswith("ال") and tok.keys[-1] in SPEAKER_NOUNS


def _names(doc: Document, actor_id: str | None, tok) -> bool:
    """Does the definite noun describe this actor ("الغرفة" after "غرفة عمليات إجدابيا")?"""
    actor = doc.actor(actor_id)
    if actor is None:
        return False
    head = tok.keys[-1]
    texts = [doc.text[s:e] for s, e in actor.mentions] + [actor.name_ar]
    return any(head in normalize(t).split() or any(head == w[-len(head):] and len(w) - len(head) <= 2
                                                  for w in normalize(t).split()) for t in texts)


def anonymous_body(doc: Document, idx: MentionIndex, sent: Sentence, hit: Hit) -> str | None:
    """The body of an anonymous source the speech act cites ("نقل مراسل الجزيرة عن مصدر عسكري في قوات
    الوفاق"), so that "المصدر" later in the text can be resolved."""
    toks = doc.tokens
    for i in range(hit.last, min(sent.last_token, hit.last + 9)):
        if toks[i].keys[-1] in ANONYMOUS and not toks[i].norm.startswith("ال"):
            aff = _affiliation_after(doc, idx, i, sent.last_token)
            return aff.id if aff else None
    return None


def _affiliation_after(doc: Document, idx: MentionIndex, i: int, stop: int) -> Ref | None:
    """The body an anonymous source belongs to: "مصدر عسكري في قوات الوفاق"، "مصادر مقربة من الجيش"،
    "مصدر تابع للجيش". The actor must follow within a few words, linked by a preposition or تابع/مقرب,
    and no "عن" (what the source talks about) may come between."""
    toks = doc.tokens
    for r in idx.actors:
        if not i < r.first <= i + 5 or r.first >= stop:
            continue
        between = toks[i + 1:r.first]
        if any(t.norm in ABOUT or not t.is_word for t in between):
            return None
        head = toks[r.first]
        if any(t.norm in COMPLEMENTIZERS for t in between):
            return None  # "المصدر أن قادة المناطق": the clause he reports has begun
        linked = any(t.keys[-1] in AFFILIATION_LINKS for t in between) or head.proclitics.lstrip("وف") in (
            "ل", "لل", "ب", "بال")
        return r if linked or not between else None
    return None


def _is_person(doc: Document, actor_id: str) -> bool:
    a = doc.actor(actor_id)
    return a is not None and a.type == "PER"
