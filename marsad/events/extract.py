"""Pipeline stage ``extract_events``: fill ``doc.events`` and ``doc.statements``.

For every sentence: find event and speech triggers (triggers.py), decide whether each event is asserted
(modality.py), drop the act a request only asks for ("دعا إلى وقف الهجوم" is a REQUEST, not an ASSAULT),
turn a threatened violent act into THREATEN ("سندخل طرابلس"), assign source/target/place (arguments.py)
and date, attach casualty numbers, and score confidence from the evidence actually used
(docs/events.md gives the formula). Statements get speaker, quote and date (statements.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from marsad.doc import Actor, DateRef, Document, Event, Sentence, Statement, Token
from marsad.events.arguments import (
    RELATIVES,
    MentionIndex,
    Ref,
    agent_after,
    between_pair,
    clause_bounds,
    find_place,
    find_target,
    is_boundary,
    noun_doer,
    verb_subject,
)
from marsad.events.modality import DEMONSTRATIVES, Modality, modality
from marsad.events.statements import anonymous_body, quote_span, speaker_of
from marsad.events.triggers import Hit, event_hits, speech_hits
from marsad.normalize import normalize

# Confidence = base(strength) + bonuses, capped (docs/events.md).
BASE = {"verb": 0.55, "noun": 0.45, "weak": 0.3}
BONUS = {"source": 0.15, "source_context": 0.05, "target": 0.1, "place": 0.05, "date": 0.05}
STRIPPED_PENALTY = 0.05
CAP = 0.95
STRUCTURAL = {"vso", "svo", "genitive", "relative", "agent", "between", "governor", "first-person", "possessor",
              "description", "participle", "same-event",
              "reporter-force"}
THREAT_TYPES = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"}
TODAY_WORDS = tuple(normalize(w) for w in ("اليوم", "الليلة", "هذا الصباح", "صباح اليوم", "مساء اليوم", "حتى الآن",
                                           "حتى اللحظة", "حتى هذه اللحظة", "حتى الساعة"))
STRONG_BOUNDARY = frozenset({"،", ",", ".", "؛", ";", ":"}) | frozenset(
    normalize(w) for w in ("حيث", "فيما", "بينما", "لكن", "ولكن", "كما", "وقد"))
REQUESTS = {"REQUEST"}
SAME_TIME = frozenset(normalize(w) for w in ("بالتزامن", "وبالتزامن", "تزامن", "تزامنا", "بالتوازي", "الأثناء",
                                            "غضون", "ذاته"))
PLUPERFECT = frozenset(normalize(w) for w in ("وكان", "وكانت", "كان", "كانت", "وكانوا", "كانوا"))
# Acts a military media office or spokesman reports of its own side when the sentence names no doer
# ("أفاد المركز الإعلامي للجيش بمصرع 6 من المسلحين"): the doer is the speaker's force.
REPORTED_OWN = {"ASSAULT", "MOBILIZE", "COERCE"}
# ... and the moves of that force ("أعلن المسماري أن الوحدات أعادت تموضعها"), which a speaker may also make
# himself (a resignation), so only the force rule, not the ban on the speaker as topic, covers them.
FORCE_OWN = REPORTED_OWN | {"RETREAT"}
# Nouns whose "من X" names the doer: reinforcements, aid and supplies sent from X.
FROM_DOER = {"MOBILIZE", "AID"}
ON_PRONOUN = frozenset(normalize(w) for w in ("عليها", "عليه", "عليهم", "عليهما", "عليكم", "علينا"))
SUFFER = normalize("تعرض")
# Words that separate two events even when they are close ("مصرع 6 ... وتدمير" are two acts).
MERGE_STOPS = frozenset(normalize(w) for w in ("و", "ثم", "بعد", "قبل", "كما", "مع", "إلى", "الى"))


# Diagnostics: when a list, every event appends (trigger start, source rule, target rule, place rule).
TRACE: list[tuple[int, str | None, str | None, str | None]] | None = None


@dataclass(slots=True)
class _State:
    """What the stage remembers across sentences: the last explicit subject and the last speaker."""

    topic: str | None = None
    speaker: str | None = None
    anonymous: str | None = None
    anchor: date | None = None  # the day the story is at (dates anchor the sentences that follow)
    speech_anchor: date | None = None  # the day of the last dated statement
    continued: bool = False  # the sentence's speaker goes on from the previous sentence
    coarse: set[int] = field(default_factory=set)  # statements dated only to a week or a month (by trigger start)
    last_source: dict[str, str] = field(default_factory=dict)  # the doer of the last event of each type  # the body of the last anonymous source ("مصدر في قوات الوفاق")


def _date_for(doc: Document, start: int, end: int) -> DateRef | None:
    """The date governing a trigger, from the dates stage when it is installed."""
    try:
        from marsad.dates import date_for
    except ImportError:  # the dates stage is not there: nearest date expression of the sentence
        sent = doc.sentence_at(start)
        refs = [d for d in doc.dates if sent and sent.start <= d.start < sent.end and d.value]
        return min(refs, key=lambda d: abs(d.start - start)) if refs else None
    return date_for(doc, start, end)


def _casualties(doc: Document, start: int, end: int) -> list[dict]:
    try:
        from marsad.numbers import casualties_in
    except ImportError:
        return []
    found = casualties_in(doc, start, end)
    return [c if isinstance(c, dict) else _as_dict(c) for c in found or []]


def _as_dict(obj) -> dict:
    if hasattr(obj, "__dataclass_fields__"):
        from dataclasses import asdict

        return asdict(obj)
    return dict(obj)


def _says_today(doc: Document, sent: Sentence) -> bool:
    norm = normalize(doc.text[sent.start:sent.end])
    return any(w in norm for w in TODAY_WORDS) and normalize("اليوم نفسه") not in norm


def event_date(doc: Document, sent: Sentence, hit: Hit):
    """(date, precision): the governing date, else the publication date when the text says "today"."""
    ref = _date_for(doc, hit.start, hit.end)
    if ref is not None and ref.value is not None:
        return ref.value, ref.precision or "day"
    if doc.source.published and _says_today(doc, sent):
        return doc.source.published, "day"
    return None, None


def _has_complement(doc: Document, sent: Sentence, h: Hit) -> bool:
    """A preposition of object right after the verb ("يحتج الطلاب على انقطاع الكهرباء" after its subject
    too): the act is about something in particular."""
    toks = doc.tokens
    stop = min(h.last + 3, sent.last_token)
    return any(toks[j].norm in COMPLEMENT_PREPS for j in range(h.last, stop))


# Types whose verbal noun with a doer alone (no place, date, target, toll, verb of occurrence) names the
# doer's acts in general rather than reporting one.
NAMED_ONLY_TYPES = frozenset({"ASSAULT"})
# ... unless a clause of its own tells who did it ("الهجوم الذي شنه الجيش"، "غارات نفذتها مقاتلات"، "شن الجيش هجوما").
TOLD_DOER_RULES = frozenset({"relative", "agent", "between", "governor"})
# Types whose present-tense verb with no place, date, target or object tells a habit, not an event.
HABITUAL_TYPES = frozenset({"ASSAULT", "PROTEST"})
FIGURATIVE_REACH = 4
FIGURATIVE_LISTS = {"ASSAULT": "figurative", "PROTEST": "figurative_protest"}


def _figurative(doc: Document, h: Hit, clause: tuple[int, int], key: str = "figurative") -> bool:
    """A word of speech, opinion or emotion right after an attack word: the attack is a figure of speech
    ("هاجم سياسة الحكومة"، "هجوما حادا على الوزير"، "انفجر بالضحك"); a word of art, sport or development
    after a protest word ("تظاهرة المسرح"، "مسيرة البلاد التنموية")."""
    from marsad.events.lexicon import figurative

    words = figurative(key=key)
    toks = doc.tokens
    after = toks[h.last:min(h.last + FIGURATIVE_REACH, clause[1])]
    if any(k in words for t in after if t.is_word for k in (t.norm, *t.keys)):
        return True
    if h.trigger.tense not in ("past", "present"):
        return False
    # the subject or the antecedent right before a verb ("المشكلة التي انفجرت"، "الخلاف تفجر")
    i = h.first - 1
    if i >= 0 and toks[i].norm in RELATIVES:
        i -= 1
    return i >= 0 and toks[i].is_word and any(k in words for k in (toks[i].norm, *toks[i].keys))


HISTORY_DAYS = 366


def _past_year(doc: Document, when, precision: str | None) -> bool:
    """An event dated by its year alone, a year before the publication's ("اغتيل السادات عام 1981"،
    "شهدت البلاد 140 هجوما في العام 2006"), or to a day more than a year before it: history or a yearly
    tally, not news. With no publication date a bare year still reads as history: news dates what it
    reports to the day or the week."""
    if when is None:
        return False
    published = doc.source.published
    if precision != "year":  # a day or month more than a year before the publication is history too
        return published is not None and (published - when).days > HISTORY_DAYS
    return published is None or when.year < published.year


def _request_scopes(doc: Document, sent: Sentence, hits: list[Hit]) -> list[tuple[int, int]]:
    """Token ranges a request asks for: from the request word to the next strong boundary."""
    toks = doc.tokens
    scopes = []
    for h in hits:
        if h.trigger.type in REQUESTS:
            j = h.last
            while j < sent.last_token and not (toks[j].text in STRONG_BOUNDARY or toks[j].norm in STRONG_BOUNDARY):
                j += 1
            scopes.append((h.last, j))
    return scopes


CHARGE_EXEMPT = frozenset({"ACCUSE", "REQUEST", "REJECT"})  # the charge itself and what answers it
CHARGE_OPENER_REACH = 8  # words from the charge word to the "بـ" that opens what is charged


def _charge_scopes(doc: Document, sent: Sentence) -> list[tuple[int, int]]:
    """Token ranges an accusation or an allegation charges someone with: from the first word with a glued
    "بـ" after a word of the ``charges`` list ("اتهم الشرطة بقتل"، "اتهامات وجهها التيار للشرطة، بقتل"،
    "ادعاءات بتعذيب"; one comma may come between) to the next comma, stop or clause word. What is charged
    is the accuser's claim, not the narrator's report."""
    from marsad.events.lexicon import charge_words

    words = charge_words()
    toks = doc.tokens
    scopes = []
    for i in range(sent.first_token, sent.last_token):
        if not (toks[i].norm in words or toks[i].keys[-1] in words):
            continue
        j, commas, seen = i + 1, 0, 0
        while j < sent.last_token and seen < CHARGE_OPENER_REACH:
            t = toks[j]
            if t.text in ("،", ","):
                commas += 1
                if commas > 1:
                    break
            elif t.text in STRONG_BOUNDARY or t.norm in STRONG_BOUNDARY:
                break
            elif t.is_word:
                seen += 1
                if t.norm.startswith(("ب", "وب")) and len(t.norm) > 3:
                    k = j
                    while k < sent.last_token and not is_boundary(toks[k]):
                        k += 1
                    scopes.append((j, k))
                    break
            j += 1
    return scopes


def _presupposed(doc: Document, sent: Sentence, hit: Hit) -> bool:
    """A noun whose event already happened: possessed ("هجومها") or with a past relative ("الهجوم الذي شنه")."""
    if hit.suffix in ("ها", "ه", "هم", "هما"):
        return True
    toks = doc.tokens
    j = hit.last
    return j + 1 < sent.last_token and toks[j].norm in {normalize("الذي"), normalize("التي")}


OWN_SOURCE_RULES = {"genitive", "relative", "agent", "between"}
OWN_TARGET_RULES = {"genitive", "preposition"}


def _definite(tok: Token) -> bool:
    """The token carries the article, possibly behind a conjunction or a preposition ("والغارة"، "بالاتفاق")."""
    norm = tok.norm
    for _ in range(2):
        if norm.startswith("ال"):
            return True
        if norm[:1] in ("و", "ف", "ب", "ل", "ك") and len(norm) > 3:
            norm = norm[1:]
            if norm.startswith("ل") and tok.norm.startswith("لل"):
                return True
    return False


def _anaphoric(doc: Document, sent: Sentence, h: Hit, told: set[str], src_rule: str | None, tgt_rule: str | None,
               place_after: bool, own_date: bool) -> bool:
    """A definite verbal noun naming again an event the text has told ("ودان المبعوث الغارة"، "وتأتي الغارة
    في اليوم الخامس"، "وجاءت الاستقالة بعد"، "وينص الاتفاق على"): no new event unless the noun brings
    something of its own — a doer or target in its genitive, a relative clause, a place after it, a date,
    a target named by a pronoun ("الغارات شملت مواقع في الرملة"، "القصف المكثف عليها")."""
    if h.trigger.tense != "noun" or h.trigger.type not in told or h.suffix:
        return False
    if not _definite(doc.tokens[h.first]):
        return False
    if src_rule in OWN_SOURCE_RULES or tgt_rule in OWN_TARGET_RULES or place_after or own_date:
        return False
    return not (_presupposed(doc, sent, h) or _suffered(doc, sent, h) or _complement(doc, sent, h))


# Violence named by a bare definite noun ("الهجوم"، "الاغتيال"، "التفجيرات") is known to the reader even
# when this text has not told it: the first report of an attack is indefinite ("شن هجوما"، "وقع انفجار").
BACKGROUND_TYPES = frozenset({"ASSAULT"})
COMPLEMENT_PREPS = frozenset(normalize(w) for w in ("على", "ضد", "بحق"))
TARGETED = {"ASSAULT", "COERCE", "MOBILIZE", "SANCTION", "THREATEN"}  # types whose على names a target
NOT_COMPLEMENTS = frozenset(normalize(w) for w in ("الفور", "الأقل", "الرغم", "خلفية", "هامش"))


def _complement(doc: Document, sent: Sentence, h: Hit) -> bool:
    """The noun takes an object of its own after على/ضد ("السيطرة على الغرب"، "الهجوم على المطار"), not an
    adverbial ("على الفور"، "على الأقل")."""
    if h.trigger.type not in TARGETED:
        return False
    toks = doc.tokens
    phrase_prep = normalize(h.trigger.phrase).split()[-1] in COMPLEMENT_PREPS
    j = h.last
    if not phrase_prep:
        if j >= sent.last_token or toks[j].norm not in COMPLEMENT_PREPS:
            return False
        j += 1
    return j < sent.last_token and toks[j].is_word and toks[j].keys[-1] not in NOT_COMPLEMENTS


def _says_again(doc: Document, anaphor: Hit, h: Hit) -> bool:
    """A verb of the same type right after an anaphoric noun (at most two words between, no conjunction)
    and with no object of its own: the noun is its subject and the verb tells the same event ("الغارات
    أصابت أهدافها")."""
    if h.trigger.type != anaphor.trigger.type or h.trigger.tense not in ("past", "present") or h.first < anaphor.last:
        return False
    words = [t for t in doc.tokens[anaphor.last:h.first] if t.is_word]
    if len(words) > 2 or any(t.norm in MERGE_STOPS for t in words):
        return False
    # with an object of its own it tells more ("الغارات استهدفت مخازن"); "أهدافها" points back
    nxt = doc.tokens[h.last] if h.last < len(doc.tokens) else None
    return nxt is None or not nxt.is_word or nxt.norm.endswith(("ها", "هم")) and nxt.keys[-1] != nxt.norm


LABEL_VERBS = tuple(normalize(w) for w in ("وصف", "يصف", "تصف", "اعتبر", "يعتبر", "تعتبر", "سمى", "سمي", "يسمي",
                                         "تسمي", "سما"))
WHAT = frozenset(normalize(w) for w in ("ما", "بما", "فيما"))


def _cited_label(doc: Document, sent: Sentence, h: Hit) -> bool:
    """"ما وصفه بـ"عملية غدر"" / "ما سماه الغزو": the narrator cites someone's label inside his own
    sentence; the describing verb after ما is neither a statement nor an accusation of its own."""
    if h.first <= sent.first_token or doc.tokens[h.first - 1].norm not in WHAT:
        return False
    return normalize(h.trigger.phrase).startswith(LABEL_VERBS)


NEEDS_STOP = frozenset({"،", ",", "؛", ";", "."})


def _needed_follows(doc: Document, sent: Sentence, h: Hit) -> bool:
    """A word of the trigger's ``needs`` list follows it before the next comma or stop, within 15 words
    ("حمّل المجلس قوات حفتر المسؤولية"، "وصفتها الحكومة بأنها "ابتزاز سياسي""): quotes do not stop it."""
    from marsad.events.lexicon import needed_words

    words = needed_words(h.trigger.needs)
    for t in doc.tokens[h.last:min(h.last + 15, sent.last_token)]:
        if t.text in NEEDS_STOP:
            return False
        if t.norm in words or any(k in words for k in t.keys):
            return True
    return False


def _dated_clause(doc: Document, clause: tuple[int, int]) -> bool:
    """A date expression inside the clause (token range) of a trigger."""
    lo, hi = clause
    if hi <= lo:
        return False
    start, end = doc.tokens[lo].start, doc.tokens[hi - 1].end
    return any(d.value and start <= d.start < end for d in doc.dates)


def _generic_noun(h: Hit) -> bool:
    """A definite verbal noun with no possessor ("القتل"، "التعذيب"): may name the practice in general."""
    return h.trigger.tense == "noun" and ("ال" in h.prefix or "لل" in h.prefix) and not h.suffix


def _first_person(doc: Document, hit: Hit) -> bool:
    """A verb in the first person plural ("ندخل"، "سنواصل"، "قصفنا")."""
    norm = doc.tokens[hit.first].norm
    key = hit.trigger.phrase
    return hit.trigger.tense in ("present", "past") and (
        normalize(key).startswith("ن") and hit.trigger.tense == "present" or norm.endswith("نا"))


def extract_events(doc: Document) -> Document:
    """Pipeline stage: events and statements for every sentence of ``doc``."""
    idx = MentionIndex(doc)
    state = _State()
    doc.events = []
    doc.statements = []
    for sent in doc.sentences:
        statements = _sentence_statements(doc, idx, sent, state)
        events = _sentence_events(doc, idx, sent, state, statements)
        _anchor_dates(doc, sent, state, events, statements)
        doc.statements.extend(statements)
        doc.events.extend(events)
    _headline_from_lead(doc)
    _adversary_targets(doc, idx)
    return doc


def _side(doc: Document, actor_id: str | None) -> str | None:
    """The top of an actor's affiliation chain (the force or government it belongs to)."""
    actor, seen = doc.actor(actor_id), set()
    while actor is not None and actor.affiliation and actor.affiliation not in seen:
        seen.add(actor.id)
        parent = doc.actor(actor.affiliation)
        if parent is None:
            break
        actor = parent
    return actor.id if actor is not None else None


def war_sides(doc: Document) -> tuple[str, str] | None:
    """The two sides of the text's war: the sides whose armed actors (type MIL or a MIL code) the text names
    most, when two lead clearly (each named at least twice, a third side less often than the second). When
    one armed side leads alone, its rival is the government or force of the same country the text names most
    (``_rival``: a national army fighting a government has it as the other side)."""
    weight: dict[str, int] = {}
    for a in doc.actors:
        if _armed(a):
            side = _side(doc, a.id)
            if side is not None:
                weight[side] = weight.get(side, 0) + len(a.mentions)
    ranked = sorted(weight.items(), key=lambda kv: -kv[1])
    if len(ranked) >= 2 and ranked[1][1] >= 2 and not (len(ranked) > 2 and ranked[2][1] >= ranked[1][1]):
        return ranked[0][0], ranked[1][0]
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        rival = _rival(doc, ranked[0][0])
        if rival is not None:
            return ranked[0][0], rival
    return None


def _armed(actor) -> bool:
    return actor is not None and (actor.type == "MIL" or "MIL" in actor.codes)


ALLIED_TYPES = frozenset({"SUPPORT", "AGREE", "COOPERATE", "AID", "CONSULT"})


def _rival(doc: Document, side: str) -> str | None:
    """The other side of a civil war whose one armed side is ``side``: among the sides headed by a government
    or a force (GOV, MIL) of the same country, the one the text names most (at least twice, more than the
    next), unless the text tells the two acting together (a SUPPORT, AGREE, COOPERATE, AID or CONSULT
    between them: allies, not enemies)."""
    top = doc.actor(side)
    if top is None or not top.country:
        return None
    allied = set()
    for e in doc.events:
        if e.type in ALLIED_TYPES and e.source and e.target and not (e.negated or e.hypothetical):
            pair = {_side(doc, e.source), _side(doc, e.target)}
            if side in pair:
                allied |= pair
    weight: dict[str, int] = {}
    for a in doc.actors:
        other = _side(doc, a.id)
        head = doc.actor(other)
        if other is None or other == side or other in allied or head is None:
            continue
        if head.country == top.country and head.type in ("GOV", "MIL"):
            weight[other] = weight.get(other, 0) + len(a.mentions)
    ranked = sorted(weight.items(), key=lambda kv: -kv[1])
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


def names_any(doc: Document, lo: int, hi: int, words: frozenset[str]) -> bool:
    """Whether tokens ``[lo, hi)`` name one of ``words`` (normalized; seen through clitics and the article;
    an entry of several words matches those words in a row: "غرفة تحكم"، "الكلية الجوية")."""
    toks = doc.tokens

    def at(i: int, w: str) -> bool:
        return toks[i].norm == w or w in toks[i].keys

    for w in words:
        parts = w.split()
        for i in range(lo, hi - len(parts) + 1):
            if all(at(i + j, part) for j, part in enumerate(parts)):
                return True
    return False


# ACLED kinds of attack whose victim is not the other side: violence against civilians (killings, abductions,
# beatings: the victims are people, named or not) and a weapon brought down (a drone shot down).
VICTIM_KINDS = frozenset({"Violence against civilians", "Disrupted weapons use"})


def _adversary_targets(doc: Document, idx: MentionIndex) -> None:
    """Attacks and seizures by one side of the text's war with no target named hit the other side:
    - an attack on military objects with no owner named ("استهدفت المقاتلات معسكري اليرموك"، "الضربات
      استهدفت تمركزات"; lexicon ``military_objects``; rule ``adversary``);
    - any attack by an armed doer of a side (a force, or the side itself: "شنت مقاتلات الجيش غارات") whose
      clause names no civilian object (``civilian_objects``: an airport, homes, students), unless it is
      fighting between two (``mutual``: clashes, battles — each side a doer) or an act on people or on a
      weapon (``VICTIM_KINDS``);
    - a seizure (COERCE, mode seize) by an armed doer of a side of a place or a military object after it
      ("سيطرت القوات على سرت": the town was the other side's).
    Not when the act has no doer: a side is known only from its doer."""
    from marsad.events.lexicon import civilian_objects, military_objects, mutual_words

    sides = war_sides(doc)
    if sides is None:
        return
    objects, civilian, mutual = military_objects(), civilian_objects(), mutual_words()
    sent_of = {(s.start, s.end): s for s in doc.sentences}
    for e in doc.events:
        if e.type not in ("ASSAULT", "COERCE") or e.target or not e.source or e.negated or e.hypothetical:
            continue
        side = _side(doc, e.source)
        if side not in sides:
            continue
        sent = sent_of.get(e.sentence)
        if sent is None:
            continue
        other = sides[1] if side == sides[0] else sides[0]
        ref = idx._ref(e.trigger[0], e.trigger[1], "")
        lo, hi = clause_bounds(doc, sent, ref.first, ref.last)
        armed = _armed(doc.actor(e.source)) or e.source == side
        if e.type == "ASSAULT":
            if names_any(doc, ref.last, hi, objects):
                e.target = other
            elif armed and e.acled_subtype not in VICTIM_KINDS and e.acled_type not in VICTIM_KINDS and not (
                    names_any(doc, ref.first, ref.last, mutual) or names_any(doc, lo, hi, civilian)):
                e.target = other
        elif e.mode == "seize" and armed and (idx.places_in(ref.last, hi) or names_any(doc, ref.last, hi, objects)):
            e.target = other


LEAD_SENTENCES = 4  # how far into the body a headline's event is looked for


def _headline(doc: Document, sent: Sentence) -> bool:
    """The text's first line, with no closing punctuation: a headline."""
    text = doc.text[sent.start:sent.end].strip()
    return bool(text) and "\n" not in text and text[-1] not in ".!?؟:\"»”)" and not doc.text[:sent.start].strip() and (
        "\n" in doc.text[sent.end:sent.end + 3] or sent.end >= len(doc.text.rstrip()))


def _headline_from_lead(doc: Document) -> None:
    """A headline tells in short what the lead tells in full ("طائرة حربية تقصف مطار معيتيقة" ... "شنت طائرة
    حربية تابعة لقوات حفتر، ظهر اليوم، غارة على مطار معيتيقة"): a headline event takes the day and the doer
    the first event of its type in the next sentences gives, when it has none of its own."""
    if len(doc.sentences) < 2 or not _headline(doc, doc.sentences[0]):
        return
    head = doc.sentences[0]
    lead_end = doc.sentences[min(LEAD_SENTENCES, len(doc.sentences) - 1)].end
    body = [e for e in doc.events if head.end <= e.trigger[0] < lead_end and not (e.negated or e.hypothetical)]
    for e in doc.events:
        if not head.start <= e.trigger[0] < head.end or e.negated or e.hypothetical:
            continue
        same = next((b for b in body if b.type == e.type), None)
        if same is None:
            continue
        if e.date is None and same.date is not None and same.date_precision == "day":
            e.date, e.date_precision = same.date, "day"
        if e.source is None and same.source is not None:
            e.source = same.source


def _anchor_dates(doc: Document, sent: Sentence, state: _State, events: list[Event],
                  statements: list[Statement]) -> None:
    """News tells a day once and goes on: "قصفت المقاتلات صباح الإثنين ... وقالت الغرفة إن الغارات
    استهدفت ...". An undated event takes the day of the last dated event before it in its paragraph, an
    undated statement the day of the last dated statement, until a new date appears. The day crosses a
    paragraph break when the same speaker goes on talking ("وأشار المصدر") or the text says it is the
    same time ("وبالتزامن"). A coarser date (a month, a week) opens a new time frame with no day, and a
    pluperfect opening ("وكان ... قد") steps back to an earlier, untold time. A threat is dated by the
    words that make it."""
    if _new_paragraph(doc, sent) and not state.continued and not _same_time(doc, sent):
        state.anchor = state.speech_anchor = None
    coarse = any(d.value and d.precision != "day" for d in doc.dates if sent.start <= d.start < sent.end)
    back = _steps_back(doc, sent) or coarse
    published = doc.source.published
    # the same voice goes on after a statement issued on an earlier day: its "today" is that day
    # ("أصدرت الخارجية يوم الخميس بيانا ... وأعربت مصر عن قلقها من الاشتباكات التي اندلعت صباح اليوم")
    reported = state.speech_anchor if (state.continued and state.speech_anchor and published
                                       and state.speech_anchor < published and not back) else None
    if reported is not None and _says_today(doc, sent):
        for item in (*statements, *events):
            if item.date == published:
                item.date = reported
    for st in statements:
        if st.date is None and (state.speech_anchor or state.anchor) and not back:
            st.date = state.speech_anchor or state.anchor
    for e in events:
        speech = next((st for st in reversed(statements) if st.trigger[0] < e.trigger[0]), None)
        if e.type == "THREATEN" and e.date is None and speech is not None and speech.date:
            e.date, e.date_precision = speech.date, "day"
        elif e.date is None and state.anchor and not back:
            e.date, e.date_precision = state.anchor, "day"
        elif e.date is None and reported is not None and _cites_statement(doc, sent):
            e.date, e.date_precision = reported, "day"  # "وأكدت الخارجية في البيان على دعم ...": that day
    dated = [(e.trigger[0], e.date) for e in events if e.date and e.date_precision == "day"]
    spoken = [(st.trigger[0], st.date) for st in statements if st.date and st.trigger[0] not in state.coarse]
    if dated:
        state.anchor = max(dated)[1]
    if spoken:
        state.speech_anchor = max(spoken)[1]
    if coarse and not dated:
        state.anchor = None


STATEMENT_NOUNS = frozenset(normalize(w) for w in ("البيان", "بيانها", "بيانه", "الإعلان", "التصريح", "التصريحات"))


def _cites_statement(doc: Document, sent: Sentence) -> bool:
    """The sentence points back to the statement already told ("وأكدت الخارجية في البيان")."""
    return any(t.norm in STATEMENT_NOUNS or t.keys[-1] in STATEMENT_NOUNS
               for t in doc.tokens[sent.first_token:sent.last_token])


def _same_voice(doc: Document, a: str | None, b: str | None) -> bool:
    """Two speakers are one voice: the same actor, one affiliated to the other, or a state and its own
    government body ("مصر" and "وزارة الخارجية المصرية")."""
    if a is None or b is None:
        return False
    if a == b:
        return True
    x, y = doc.actor(a), doc.actor(b)
    if x is None or y is None:
        return False
    if x.affiliation == y.id or y.affiliation == x.id:
        return True
    state_body = {x.type, y.type} <= {"GPE", "GOV"} and "GPE" in {x.type, y.type}
    return state_body and bool(x.country) and x.country == y.country


def _same_time(doc: Document, sent: Sentence) -> bool:
    """The sentence opens with a connective of simultaneity ("وبالتزامن"، "في الأثناء")."""
    toks = doc.tokens[sent.first_token:min(sent.first_token + 3, sent.last_token)]
    return any(t.norm in SAME_TIME or t.keys[-1] in SAME_TIME for t in toks)


def _new_paragraph(doc: Document, sent: Sentence) -> bool:
    """A line break before the sentence: a paragraph of its own."""
    return "\n" in doc.text[max(0, sent.start - 3):sent.start]


def _steps_back(doc: Document, sent: Sentence) -> bool:
    first = doc.tokens[sent.first_token] if sent.last_token > sent.first_token else None
    return first is not None and first.norm in PLUPERFECT


def _sentence_statements(doc: Document, idx: MentionIndex, sent: Sentence, state: _State) -> list[Statement]:
    hits = speech_hits(doc, sent, idx.name_spans)
    strong = [h for h in hits if h.trigger.strength != "weak"]
    chosen = strong or hits[:1]
    out: list[Statement] = []
    sentence_speaker: str | None = None
    prev_end = -1
    state.continued = False
    for h in chosen:
        if not _speech_happened(doc, sent, h, out, prev_end):
            prev_end = h.last
            continue
        prev_end = h.last
        speaker, rule = speaker_of(doc, idx, sent, h, state.speaker, sentence_speaker, state.anonymous)
        if rule == "continuation" and h.prefix[:1] in ("و", "ف"):
            speaker = _coordinated_subject(doc, idx, sent, h) or speaker
        if rule == "affiliation":
            state.anonymous = speaker  # "المصدر" later in the text is this source again
        elif (body := anonymous_body(doc, idx, sent, h)) is not None:
            state.anonymous = body
        if speaker is None:
            if rule == "anonymous":
                state.speaker = None  # "نفت مصادر ...، وقالت": whoever spoke last is not speaking now
            continue  # "قال مصدر" with no affiliation, an unknown subject: nobody to attribute the words to
        if not out and (speaker == state.speaker and rule in ("continuation", "anaphora", "participle")
                        or rule in ("vso", "description") and h.prefix[:1] == "و"
                        and _same_voice(doc, speaker, state.speaker)):
            state.continued = True  # the voice of the last statement goes on ("وأضاف"، "وأعربت مصر" after its ministry)
        sentence_speaker = speaker
        if speaker and not _in_quote(out, h.start) and not _reported(out, h):
            state.speaker = speaker  # words quoted inside someone's statement do not change who speaks
            if rule not in ("continuation", "participle") and _actor_type(doc, speaker) != "ORG":
                state.topic = speaker
        ref = _date_for(doc, h.start, h.end)
        if ref is not None and ref.value and ref.precision not in (None, "day"):
            state.coarse.add(h.start)
        when = ref.value if ref is not None and ref.value else (
            doc.source.published if doc.source.published and _says_today(doc, sent) else None)
        out.append(Statement(speaker=speaker, trigger=(h.start, h.end), quote=quote_span(doc, sent, h),
                             sentence=(sent.start, sent.end), date=when))
    return out


def _reported(statements: list[Statement], h: Hit) -> bool:
    """The speech act is reported inside an earlier statement of the sentence ("قالت الرئاسة إن بوتين
    شدد"): it comes after that statement's أن/إن clause began."""
    return any(st.quote and st.quote[0] <= h.start < st.quote[1] for st in statements)


def _coordinated_subject(doc: Document, idx: MentionIndex, sent: Sentence, h: Hit) -> str | None:
    """A speech verb joined by و to an earlier verb of its sentence shares its subject ("دعت السفارة
    الأطراف إلى التهدئة، وحذرت من التصعيد")."""
    from marsad.events.arguments import verb_subject

    subject = None
    for e in event_hits(doc, sent, idx.name_spans):
        if e.last <= h.first and e.trigger.tense in ("past", "present"):
            ref, _rule = verb_subject(doc, idx, sent, e.first, e.last, clause_bounds(doc, sent, e.first, e.last))
            subject = ref.id if ref else subject
    return subject


def _actor_type(doc: Document, actor_id: str | None) -> str | None:
    actor = doc.actor(actor_id)
    return actor.type if actor else None


def _speech_happened(doc: Document, sent: Sentence, h: Hit, earlier: list[Statement], prev_end: int) -> bool:
    """Is this speech trigger a speech act of its own? Not when negated or future ("عدم ذكر"، "سنعلن"),
    not a participle echoing the verb just before it ("وأضاف قائلا"), not the first person inside
    someone's quotation ("ما نؤكده")."""
    clause = clause_bounds(doc, sent, h.first, h.last)
    mod = modality(doc, clause[0], h.first, h.prefix, h.trigger.tense, sent.last_token)
    if mod.negated or (mod.future and h.trigger.tense == "present") or mod.cue == "question":
        return False
    if h.trigger.tense == "participle" and prev_end >= 0 and h.first - prev_end <= 1:
        return False
    if _cited_label(doc, sent, h):
        return False
    inside = _in_quote(earlier, h.start)
    return not (inside and _first_person(doc, h))


def force_of(doc: Document, actor_id: str | None) -> str | None:
    """The armed force an actor speaks for: itself or the top of its affiliation chain, when the actor is
    military (type MIL or a MIL code: an operations room, a military spokesman); else None."""
    actor = doc.actor(actor_id)
    if actor is None or not (actor.type == "MIL" or "MIL" in actor.codes):
        return None
    seen = {actor.id}
    while actor.affiliation and actor.affiliation not in seen:
        parent = doc.actor(actor.affiliation)
        if parent is None:
            break
        seen.add(parent.id)
        actor = parent
    return actor.id


def _participants(doc: Document, sent: Sentence, h: Hit) -> bool:
    """Protesters as the subject of a crowd verb: within four words after it ("تجمع مئات المتظاهرين") or
    two before it ("المحتجون أغلقوا")."""
    from marsad.events.lexicon import participant_nouns

    nouns = participant_nouns()
    near = doc.tokens[max(sent.first_token, h.first - 2):h.first] + doc.tokens[h.last:min(h.last + 4, sent.last_token)]
    return any(t.norm in nouns or any(k in nouns for k in t.keys) for t in near)


PROTESTERS = "generic:protesters"


def _protesters(doc: Document, sent: Sentence, h: Hit) -> str | None:
    """The protesters of a protest with no named actor ("تجمع مئات المتظاهرين"): a generic actor (the
    PLOVER/CAMEO civilian-protester role, code CVL) added to the document with the mention found within
    six words of the trigger, so the event has a doer an analyst can count."""
    from marsad.events.lexicon import participant_nouns

    nouns = participant_nouns()
    near = [t for t in doc.tokens[max(sent.first_token, h.first - 6):min(h.last + 6, sent.last_token)]
            if t.norm in nouns or any(k in nouns for k in t.keys)]
    if not near:
        return None
    return _generic_actor(doc, min(near, key=lambda t: abs(t.start - h.start)), PROTESTERS, "Protesters",
                          "متظاهرون", "ORG", "CVL")


GUNMEN = "generic:gunmen"
QUANTIFIERS = frozenset(normalize(w) for w in ("عشرات", "مئات", "آلاف", "عدد", "من", "مجموعة", "ثلاثة", "اثنان",
                                               "أربعة", "خمسة"))


def _gunmen(doc: Document, sent: Sentence, h: Hit) -> str | None:
    """Unnamed armed people as the subject of an attack ("هاجم مسلحون"، "هجوم مسلحين"، "المسلحون
    أطلقوا"): the generic actor Gunmen (an unidentified armed group, code UAF)."""
    from marsad.events.lexicon import attacker_nouns

    nouns = attacker_nouns()
    toks = doc.tokens
    j = h.last
    while j < min(h.last + 3, sent.last_token) and (toks[j].norm in QUANTIFIERS or toks[j].text.isdigit()):
        j += 1
    # after the trigger it is the doer only of an act whose genitive is its doer ("هجوم مسلحين"); "قتل
    # ثلاثة مسلحين" names the killed
    cands = [j] if j < sent.last_token and h.trigger.genitive == "source" else []
    if "ال" not in h.prefix and not h.prefix.endswith(("ب", "ل")):
        cands += [i for i in (h.first - 1, h.first - 2) if i >= sent.first_token]
    for i in cands:
        t = toks[i]
        if t.norm in nouns or any(k in nouns for k in t.keys):
            return _generic_actor(doc, t, GUNMEN, "Gunmen", "مسلحون", "MIL", "UAF")
    return None


def _generic_actor(doc: Document, tok: Token, ident: str, name_en: str, name_ar: str, atype: str,
                   code: str) -> str:
    """Add (once) a generic actor to the document and record the mention ``tok``."""
    actor = doc.actor(ident)
    if actor is None:
        actor = Actor(ident, name_en, name_ar, atype, codes=[code])
        doc.actors.append(actor)
    if (tok.start, tok.end) not in actor.mentions:
        actor.mentions.append((tok.start, tok.end))
        actor.mentions.sort()
    return actor.id


def _heading(doc: Document, sent: Sentence) -> bool:
    """A short line with no closing punctuation: a section heading."""
    text = doc.text[sent.start:sent.end].strip()
    words = [t for t in doc.tokens[sent.first_token:sent.last_token] if t.is_word]
    return bool(text) and text[-1] not in ".!?؟:\"»”)" and len(words) <= 6


def _main_subject(out: list[Event], statements: list[Statement], h: Hit) -> Ref | None:
    """An adverbial participle ("مطالبا"، "داعيا") has the subject of the finite verb before it in its
    sentence: the last event or statement before it with a doer."""
    earlier = [(e.trigger[0], e.source) for e in out if e.source and e.trigger[0] < h.start] + [
        (st.trigger[0], st.speaker) for st in statements if st.speaker and st.trigger[0] < h.start]
    if not earlier:
        return None
    return Ref(h.first, h.last, max(earlier)[1])


def _event_noun_subject(doc: Document, sent: Sentence, h: Hit, hits: list[Hit], state: _State) -> str | None:
    """A verb whose subject is a noun of the same event ("وتناول اللقاء"، "وتطرق الاجتماع"): the doer of
    the last event of that type."""
    j = h.last
    noun = next((x for x in hits if x.first == j and x.trigger.tense == "noun" and x.trigger.type == h.trigger.type),
                None)
    return state.last_source.get(h.trigger.type) if noun is not None else None


def _suffered(doc: Document, sent: Sentence, hit: Hit) -> bool:
    """The act falls on someone named only by a pronoun ("القصف عليها"، "تعرضت لقصف"): the reporter's side
    may be its target, so the reporter's force is not its doer."""
    toks = doc.tokens
    after = [t.norm for t in toks[hit.last:min(hit.last + 3, sent.last_token)]]
    before = [t.keys[-1] for t in toks[max(sent.first_token, hit.first - 2):hit.first]]
    return any(w in ON_PRONOUN for w in after) or any(w.startswith(SUFFER) for w in before)


def _occurs(doc: Document, sent: Sentence, hit: Hit) -> bool:
    """A verb of occurrence governs the noun ("اندلعت اشتباكات عنيفة"، "خرجت اليوم مظاهرات")."""
    from marsad.events.lexicon import occurrence_verbs

    verbs = occurrence_verbs()
    before = doc.tokens[max(sent.first_token, hit.first - 2):hit.first]
    return any(t.norm in verbs or any(k in verbs for k in t.keys) for t in before)


def reporter_of(statements: list[Statement], start: int) -> str | None:
    """The speaker whose words contain ``start``: a statement of the same sentence whose trigger comes
    before it, or whose quote holds it."""
    for st in reversed(statements):
        if st.speaker and (st.trigger[0] < start and st.sentence[0] <= start < st.sentence[1]
                           or st.quote and st.quote[0] <= start < st.quote[1]):
            return st.speaker
    return None


def _in_quote(statements: list[Statement], start: int) -> Statement | None:
    return next((s for s in statements if s.quote and s.quote[0] <= start < s.quote[1]), None)


def _sentence_events(doc: Document, idx: MentionIndex, sent: Sentence, state: _State,
                     statements: list[Statement]) -> list[Event]:
    hits = event_hits(doc, sent, idx.name_spans)
    scopes = _request_scopes(doc, sent, hits)
    charged = _charge_scopes(doc, sent)
    told = {e.type for e in doc.events if not (e.negated or e.hypothetical)}
    anaphor: Hit | None = None
    out: list[Event] = []
    hits_by_start: dict[int, Hit] = {}
    fate: dict[int, Modality | None] = {}  # by first token: the modality a kept hit got, None when dropped
    for h in hits:
        trig = h.trigger
        fate[h.first] = None
        antecedent = _relative_antecedent(doc, sent, h, hits)
        if antecedent is not None and fate.get(antecedent.first, False) is None:
            continue  # "صلة بالهجوم الذي استهدف": the relative clause tells the event its antecedent named
        if trig.needs and not _needed_follows(doc, sent, h) or _cited_label(doc, sent, h):
            continue  # "وصف الاتفاق بأنه خطوة": a description in no words of accusation
        if any(lo <= h.first < hi for lo, hi in scopes) and trig.type not in REQUESTS and not _presupposed(
                doc, sent, h):
            continue  # the act a request asks for did not happen
        if trig.tense == "noun" and h.first > sent.first_token and doc.tokens[h.first - 1].norm in DEMONSTRATIVES:
            continue  # "هذه الغارات" points back to events already told
        clause = clause_bounds(doc, sent, h.first, h.last)
        if trig.type in FIGURATIVE_LISTS and _figurative(doc, h, clause, FIGURATIVE_LISTS[trig.type]):
            continue  # "شن هجوما لاذعا على الوزير"، "انفجرت فضيحة"، "تظاهرة المسرح": not violence, not protest
        mod: Modality = modality(doc, clause[0], h.first, h.prefix, trig.tense, sent.last_token,
                                 presupposed=_presupposed(doc, sent, h))
        if trig.type not in CHARGE_EXEMPT and any(lo <= h.first < hi for lo, hi in charged) and not (
                mod.negated or mod.hypothetical):
            mod = Modality(False, True, False, "alleged")  # "اتهم الشرطة بقتل طفلين": the charge, not a report
        if antecedent is not None and (inherited := fate.get(antecedent.first)) is not None and (
                inherited.negated or inherited.hypothetical) and not (mod.negated or mod.hypothetical):
            mod = Modality(inherited.negated, inherited.hypothetical, inherited.future, inherited.cue)
        verbal = trig.tense in ("past", "present", "participle")
        src_ref = tgt_ref = None
        src_rule = tgt_rule = None
        pair = between_pair(doc, idx, h.last, sent.last_token)
        agent = agent_after(doc, idx, h.last, clause[1])
        if pair:
            (src_ref, tgt_ref), src_rule, tgt_rule = pair, "between", "between"
        elif agent:
            src_ref, src_rule = agent, "agent"
        elif trig.tense == "participle" and (main := _main_subject(out, statements, h)):
            src_ref, src_rule = main, "participle"
        elif verbal:
            src_ref, src_rule = verb_subject(doc, idx, sent, h.first, h.last, clause)
        else:
            src_ref, src_rule, tgt_ref = noun_doer(doc, idx, sent, h.first, h.last, clause, trig.genitive,
                                                   from_doer=trig.type in FROM_DOER)
            tgt_rule = "genitive" if tgt_ref else None
        source = src_ref.id if src_ref else None
        if source is None and verbal and (same := _event_noun_subject(doc, sent, h, hits, state)):
            source, src_rule = same, "same-event"
        speech = _in_quote(statements, h.start)
        if source is None and _first_person(doc, h) and speech and speech.speaker:
            source, src_rule = speech.speaker, "first-person"
        reporter = reporter_of(statements, h.start)
        force = force_of(doc, reporter) if trig.type in FORCE_OWN else None
        if src_rule == "governor" and source == reporter and trig.type in REPORTED_OWN:
            source = src_ref = src_rule = None  # "أعربت مصر عن قلقها من الاشتباكات": Egypt did not fight
        if source is None and force and not (tgt_ref is not None and tgt_ref.id == force) and not _suffered(
                doc, sent, h):
            source, src_rule = force, "reporter-force"
        # the topic carries on, but a speaker is not the doer of what he reports ("أفادت البعثة بمقتل")
        topic = state.topic if state.topic != reporter or trig.type not in REPORTED_OWN else None
        if _heading(doc, sent):
            topic = None  # "تعزيزات غرب سرت": a heading announces, it does not continue the story
        if source is None and verbal and reporter and h.first > sent.first_token and (
                doc.tokens[h.first - 1].norm in SELF_PRONOUNS):
            source, src_rule = reporter, "self"  # "وأضاف أنه طلب من الأمين العام": the speaker himself
        if source is None and verbal and h.suffix == "" and topic:
            source, src_rule = topic, "context"
        if source is None and not verbal and h.suffix in ("ها", "ه", "هم", "هما"):
            owner = [r for r in idx.actors if sent.first_token <= r.first and r.last <= h.first]
            if owner:
                source, src_rule = owner[-1].id, "possessor"
        if source is None and topic and trig.strength != "weak":
            source, src_rule = topic, "context"  # the actor the text is about carries on
        if tgt_ref is None:
            tgt_ref, tgt_rule = find_target(doc, idx, sent, h.first, h.last, clause, src_ref, verbal,
                                           trig.type)
        target = tgt_ref.id if tgt_ref else None
        if target == source:
            target = None
        if trig.strength == "weak" and src_rule not in STRUCTURAL and tgt_rule != "preposition" and not (
                trig.type == "PROTEST" and verbal and _participants(doc, sent, h)):
            continue  # an ambiguous word needs an actor (or, for a crowd act, protesters) to be an event
        if src_rule in STRUCTURAL and src_rule != "relative" and src_ref is not None:
            state.topic = source  # (a relative clause's subject is a side character: "غوتيريش الذي التقاه")
        etype, emode = trig.type, trig.mode
        if mod.future and not mod.negated and etype in THREAT_TYPES and source and (
                reporter is not None or _first_person(doc, h)):  # a threat is said: "سندخل"، "قال إنه سيقصف"
            etype, emode = "THREATEN", "violence"
            mod = Modality(False, False, True, mod.cue)
        place, place_rule = find_place(doc, idx, sent, h.first, h.last, clause, etype, target)
        when, precision = event_date(doc, sent, h)
        if _past_year(doc, when, precision):
            mod = Modality(mod.negated, True, False, "history")  # "اغتيل عام 1981": told as history
        anchored = place or find_place(doc, idx, sent, h.first, h.last, clause)[0]  # a country talked about too
        if _generic_noun(h) and src_rule not in STRUCTURAL and not target and not anchored and not when and not (
                _suffered(doc, sent, h)):
            continue  # "التعذيب"، "الاغتيال" with nobody, nowhere, never: a topic, not an event
        if trig.tense == "present" and trig.type in HABITUAL_TYPES and not (anchored or when or target) and not (
                _heading(doc, sent) or _headline(doc, sent) or _has_complement(doc, sent, h)):
            continue  # "طاغية يقتل البشر"، "يخطفون ويعدمون": a habit or a judgement, nowhere and never
        if trig.tense == "noun" and not (source or anchored or when or _suffered(doc, sent, h) or _occurs(doc, sent, h)):
            continue  # "الهجوم على المدنيين جريمة": a verbal noun anchored by no doer, place or time
        own_place, own_date = bool(idx.places_in(h.last, clause[1])), _dated_clause(doc, clause)
        known = told | {e.type for e in out if not (e.negated or e.hypothetical)} | BACKGROUND_TYPES
        if etype == trig.type and _anaphoric(doc, sent, h, known, src_rule, tgt_rule, own_place, own_date):
            anaphor = h
            continue  # "ودان المبعوث الغارة": the attack told before, not a new one
        if anaphor is not None and _says_again(doc, anaphor, h) and not (
                own_place or own_date or tgt_rule in OWN_TARGET_RULES):
            continue  # "إن الغارات أصابت أهدافها": the verb of the attack told before
        if source is None and trig.type == "PROTEST" and (crowd := _protesters(doc, sent, h)) is not None:
            source, src_rule = crowd, "participants"
        if source is None and trig.type == "ASSAULT" and (armed := _gunmen(doc, sent, h)) is not None:
            source, src_rule = armed, "attackers"
        conf = BASE[trig.strength]
        if source:
            conf += BONUS["source"] if src_rule in STRUCTURAL else BONUS["source_context"]
        conf += BONUS["target"] if target else 0
        conf += BONUS["place"] if place else 0
        conf += BONUS["date"] if when else 0
        conf -= STRIPPED_PENALTY if h.prefix and trig.tense != "noun" and h.prefix not in ("و", "ف") else 0
        ev = Event(type=etype, trigger=(h.start, h.end), sentence=(sent.start, sent.end), source=source,
                   target=target, place=place, date=when, date_precision=precision, mode=emode,
                   negated=mod.negated, hypothetical=mod.hypothetical, confidence=round(min(conf, CAP), 3),
                   cameo=trig.cameo if etype == trig.type else "138", acled_type=trig.acled_type,
                   acled_subtype=trig.acled_subtype)
        if etype == "ASSAULT":
            nums = _casualties(doc, sent.start, sent.end)
            if nums:
                ev.numbers = nums
                killed = [n.get("value") for n in nums if n.get("kind") in ("killed", "dead", "fatalities")]
                ev.fatalities = next((int(k) for k in killed if isinstance(k, int | float)), None)
        if etype in NAMED_ONLY_TYPES and trig.tense == "noun" and src_rule not in TOLD_DOER_RULES and not (
                anchored or when or target or ev.numbers or ev.negated or ev.hypothetical or _suffered(doc, sent, h)
                or _occurs(doc, sent, h) or _heading(doc, sent) or _headline(doc, sent)):
            continue  # "عمليات القاعدة"، "تفجيرات الحشاشين": a doer's acts named, no victim, place, time or toll
        fate[h.first] = mod
        if _continues(doc, out, ev, hits_by_start):
            continue
        hits_by_start[ev.trigger[0]] = h
        out.append(ev)
        if ev.source and not (ev.negated or ev.hypothetical):
            state.last_source[ev.type] = ev.source
        if TRACE is not None:
            TRACE.append((ev.trigger[0], src_rule, tgt_rule, place_rule))
    return out


# "أنه"/"إنه" right before a verb in reported speech: the speaker tells his own act ("وأضاف أنه طلب").
SELF_PRONOUNS = frozenset(normalize(w) for w in ("أنه", "إنه", "بأنه", "وأنه", "وإنه", "أنها", "إنها", "بأنها",
                                                 "وأنها", "وإنها"))
RELATIVE_REACH = 3  # words (adjectives, a comma) between an event noun and the relative pronoun after it


def _relative_antecedent(doc: Document, sent: Sentence, h: Hit, hits: list[Hit]) -> Hit | None:
    """The event noun a verb's relative clause describes ("الهجوم الانتحاري، الذي استهدف السفارة"): a noun of
    the same type before the relative pronoun that opens the verb's clause, at most a few adjectives away.
    The verb tells that event again, so it is what its antecedent is: reported, talked about or unrealized."""
    if h.trigger.tense not in ("past", "present") or h.first - 1 <= sent.first_token:
        return None
    toks = doc.tokens
    rel = h.first - 1
    if toks[rel].norm not in RELATIVES:
        return None
    a = next((x for x in reversed(hits) if x.last <= rel and x.trigger.type == h.trigger.type), None)
    if a is None or a.trigger.tense != "noun":
        return None
    gap = toks[a.last:rel]
    if sum(t.is_word for t in gap) <= RELATIVE_REACH and all(t.text not in STRONG_BOUNDARY - {"،", ","} for t in gap):
        return a
    return None


def _continues(doc: Document, out: list[Event], ev: Event, hits_by_start: dict[int, Hit]) -> bool:
    """One event told twice in a row ("إحدى الغارات استهدفت"، "طلعات قتالية، استهدفت"): a trigger of the
    same type at most two words after the previous one is the same event; its arguments fill the gaps."""
    if not out or out[-1].type != ev.type or out[-1].negated != ev.negated:
        return False
    prev = out[-1]
    h = hits_by_start.get(prev.trigger[0])
    if h is None:
        return False
    between = [t for t in doc.tokens if h.end <= t.start and t.end <= ev.trigger[0]]
    words = [t for t in between if t.is_word]
    if len(words) > 2 or any(t.norm in MERGE_STOPS for t in words):
        return False
    prev.source = prev.source or ev.source
    prev.target = prev.target or ev.target
    prev.place = prev.place or ev.place
    return True


__all__ = ["extract_events", "is_boundary"]
