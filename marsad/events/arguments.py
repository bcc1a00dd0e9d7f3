"""Who did it, to whom, where: source, target and place of a trigger from the sentence's structure.

Arabic puts the subject after the verb (VSO: "قصفت مقاتلات سلاح الجو رتلا") or before it (SVO: "الجيش
قصف"، "أن المقاتلات استهدفت"); a verbal noun takes its doer as a genitive ("هجوم قوات حفتر"), through a
pronoun ("هجومها") or through the verb that governs it ("شنت المقاتلات غارات"); passives name the doer
only with "من قبل"/"بواسطة"/"على يد". Targets come after "على"، "ضد"، "مع" or as the direct object, and
"بين X و Y" names both sides of a clash. Places are the place mention nearest the trigger in its clause,
preferring one introduced by a locative ("في"، "بمدينة"، "قرب"، "جنوب").

Rules work on token positions and the actor/place mentions earlier stages left on the document; they
never re-parse. Each rule that fires is recorded in ``Args.evidence`` for the confidence formula.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from marsad.doc import Document, Sentence, Token
from marsad.normalize import normalize


def _n(*words: str) -> frozenset[str]:
    return frozenset(normalize(w) for w in words)


# Words that open a new clause (modality and place do not cross them).
CLAUSE_WORDS = _n("حيث", "فيما", "بينما", "لكن", "ولكن", "لكنه", "لكنها", "الذي", "التي", "الذين", "اللذين",
                  "اللتين", "ثم", "كما", "وكان", "وكانت", "بعدما", "عقب", "قبل", "بعد", "إثر", "اثر", "مما",
                  "ما", "وهو", "وهي", "أن", "إن", "أنه", "إنه", "أنها", "إنها", "أنهم", "وأن", "وإن", "فإن",
                  "حتى", "منذ", "إذ", "وسط", "جراء", "مشيرا", "مؤكدا", "مضيفا", "مشيرة", "مؤكدة")
CLAUSE_PUNCT = frozenset({"،", ",", "؛", ";", ":", "(", ")", "-", "–", "—", ".", "«", "»", "\"", "“", "”"})
# Prepositions before an actor that make it a target, and those that make it neither source nor target.
TARGET_PREPS = _n("على", "ضد", "مع", "تجاه", "نحو", "باتجاه", "بحق", "لـ", "عليه", "عليها", "استهدف")
OTHER_PREPS = _n("من", "في", "عن", "إلى", "الى", "منذ", "حول", "عبر", "لدى", "أمام", "بين", "داخل", "خارج",
                 "قرب", "بالقرب", "وسط", "بشأن", "حيال", "إزاء", "ازاء", "باسم", "بقيادة", "التابع",
                 "التابعة", "تابع", "الموالية", "الموالي", "الموالين", "لصالح", "برعاية", "بدعم", "قيادة")
AGENT_CUES = (("من", "قبل"), ("بواسطة",), ("على", "يد"), ("على", "أيدي"))
# Words allowed between a verb and its following subject (adverbials, auxiliaries).
SKIPPABLE = _n("قد", "كان", "كانت", "أمس", "اليوم", "الليلة", "صباح", "مساء", "فجر", "ظهر", "يوم", "أيضا",
               "رسميا", "مجددا", "مؤخرا", "بدوره", "بدورها", "من", "جهته", "جهتها", "جانبه", "جانبها",
               "الخميس", "الجمعة", "السبت", "الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "في",
               "أول", "الساعات", "الأولى", "وقت", "سابق", "لاحق", "فقد", "قد", "أنه", "أن", "إن", "إنه")
LOCATIVES = _n("في", "بمدينة", "مدينة", "بمنطقة", "منطقة", "قرب", "بالقرب", "جنوب", "شمال", "شرق", "غرب",
               "جنوبي", "شمالي", "شرقي", "غربي", "داخل", "خارج", "محيط", "حول", "تخوم", "ضواحي", "بمحور", "محور",
               "أطراف", "وسط", "بلدة", "ببلدة", "قاعدة", "بقاعدة", "إلى", "الى", "نحو", "باتجاه")
# Definite nouns that name an institution or an office holder and can stand for an actor already named
# ("المجلس"، "البعثة"، "الغرفة"، "المبعوث").
INSTITUTION_NOUNS = _n(
    "صفحة", "غرفة", "وزارة", "متحدث", "ناطق", "مسؤول", "موقع", "قناة", "صحيفة", "وكالة", "بعثة", "مجلس",
    "حكومة", "رئاسة", "قيادة", "مكتب", "مركز", "إدارة", "هيئة", "لجنة", "منظمة", "سفارة", "خارجية", "بيان",
    "رئيس", "وزير", "مبعوث", "سفير", "قائد", "آمر", "جيش", "شعبة", "كتيبة", "لواء", "مجموعة", "حركة",
    "منصة", "حساب", "تلفزيون", "إذاعة", "جهاز", "مديرية", "مصلحة", "مؤسسة", "شركة", "رابطة", "نقابة")
LIGHT_VERBS = _n("شن", "نفذ", "عقد", "أجرى", "اجرى", "أجر", "قاد", "ارتكب", "أطلق", "نظم", "قدم", "أرسل",
                 "اقترح", "طرح", "تبنى", "وقع", "أبرم", "خاض", "دفع", "أعلن", "بدأ", "واصل", "أحرز", "حقق")
QUOTE_MARKS = frozenset({"«", "»", "\"", "“", "”"})
RELATIVES = _n("الذي", "التي", "الذين", "اللذين", "اللذان", "اللتين", "اللتان", "اللواتي", "اللاتي")


@dataclass(slots=True)
class Ref:
    """An actor or place mention in token coordinates."""

    first: int
    last: int
    id: str


@dataclass(slots=True)
class Args:
    source: str | None = None
    target: str | None = None
    place: str | None = None
    source_rule: str | None = None
    target_rule: str | None = None
    evidence: list[str] = field(default_factory=list)


class MentionIndex:
    """Actor and place mentions of a document mapped to token positions, for positional look-ups."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._starts = [t.start for t in doc.tokens]
        spans: dict[tuple[int, int], str] = {}
        for a in doc.actors:
            for s, e in a.mentions:
                spans.setdefault((s, e), a.id)
        known = {a.id for a in doc.actors}
        for m in doc.mentions:
            if m.kind == "actor" and m.entity_id in known:
                spans.setdefault((m.start, m.end), m.entity_id)
        self.actors = sorted((self._ref(s, e, i) for (s, e), i in spans.items()), key=lambda r: r.first)
        self.actors = [r for r in self.actors if r.last > r.first]
        pspans: dict[tuple[int, int], str] = {}
        for p in doc.places:
            for s, e in p.mentions:
                pspans.setdefault((s, e), p.id)
        self.places = sorted((self._ref(s, e, i) for (s, e), i in pspans.items()), key=lambda r: r.first)
        self.name_spans = [(s, e) for (s, e) in list(spans) + list(pspans)]

    def _ref(self, start: int, end: int, ident: str) -> Ref:
        first = max(bisect.bisect_right(self._starts, start) - 1, 0)
        last = bisect.bisect_left(self._starts, end)
        return Ref(first, last, ident)

    def actors_in(self, lo: int, hi: int) -> list[Ref]:
        return [r for r in self.actors if r.first >= lo and r.last <= hi]

    def places_in(self, lo: int, hi: int) -> list[Ref]:
        return [r for r in self.places if r.first >= lo and r.last <= hi]


def is_boundary(tok: Token) -> bool:
    return tok.text in CLAUSE_PUNCT or tok.norm in CLAUSE_WORDS


def clause_bounds(doc: Document, sent: Sentence, first: int, last: int) -> tuple[int, int]:
    """The clause around tokens ``[first, last)``: from after the previous boundary to the next one."""
    toks = doc.tokens
    lo = first
    while lo > sent.first_token and not is_boundary(toks[lo - 1]):
        lo -= 1
    hi = last
    while hi < sent.last_token and not is_boundary(toks[hi]):
        hi += 1
    return lo, hi


def _prev_word(doc: Document, ref: Ref, floor: int) -> str:
    i = ref.first - 1
    return doc.tokens[i].norm if i >= floor else ""


def _has_prep_clitic(doc: Document, ref: Ref) -> str:
    """A preposition glued to the mention's first word: "لقوات"، "بالجيش" -> "ل"/"ب". Not when the word
    is itself part of the actor's name as written ("بومبيو"، "بعثة الأمم المتحدة")."""
    norm = doc.tokens[ref.first].norm
    actor = doc.actor(ref.id)
    if actor is not None and norm in normalize(actor.name_ar).split():
        return ""
    for p in ("لل", "ل", "ب", "وب", "ول", "فب", "فل", "ك"):
        if norm.startswith(p) and len(norm) > len(p) + 2:
            rest = norm[len(p):]
            bare = rest[2:] if rest.startswith("ال") else rest  # "بالجيش": ب + the article + جيش
            if any(rest.startswith(k[:3]) or bare.startswith(k[:3]) for k in doc.tokens[ref.first].keys[1:]):
                return p.lstrip("وف")
    return ""


def role_of(doc: Document, ref: Ref, floor: int) -> str:
    """'target', 'other' or 'free' for an actor mention, from the preposition before it."""
    prev = _prev_word(doc, ref, floor)
    clitic = _has_prep_clitic(doc, ref)
    if prev in TARGET_PREPS:
        return "target"
    if prev in OTHER_PREPS:
        return "other"
    if clitic == "ل":
        return "target"
    if clitic in ("ب", "ك"):
        return "other"
    return "free"


def agent_after(doc: Document, idx: MentionIndex, last: int, hi: int) -> Ref | None:
    """"من قبل X" / "بواسطة X" / "على يد X" after the trigger: the doer of a passive or a noun."""
    toks = doc.tokens
    for i in range(last, hi):
        for cue in AGENT_CUES:
            words = [normalize(w) for w in cue]
            if [t.norm for t in toks[i:i + len(words)]] == words or (
                    len(words) == 1 and words[0] in toks[i].keys):
                after = [r for r in idx.actors if i + len(words) <= r.first <= i + len(words) + 1]
                if after:
                    return after[0]
    return None


def between_pair(doc: Document, idx: MentionIndex, last: int, hi: int) -> tuple[Ref, Ref] | None:
    """"اشتباكات بين X و Y": both sides of a clash."""
    toks = doc.tokens
    for i in range(last, min(hi, last + 4)):
        if toks[i].norm in ("بين", "ما بين"):
            refs = [r for r in idx.actors if i < r.first < hi]
            if len(refs) >= 2 and toks[refs[1].first].norm.startswith("و"):
                return refs[0], refs[1]
            if len(refs) >= 2:
                return refs[0], refs[1]
    return None


def _gap_ok(doc: Document, lo: int, hi: int, limit: int, idx: MentionIndex | None = None) -> bool:
    """Only skippable words (adverbials, auxiliaries, commas) between positions ``lo`` and ``hi``; with
    ``idx``, a locative phrase too ("مقاتلات سلاح الجو بقاعدة الوطية استهدفت": a place mention and the
    locative word before it)."""
    toks = doc.tokens
    skip = set()
    if idx is not None:
        for r in idx.places_in(lo, hi):
            skip.update(range(r.first, r.last))
            if r.first - 1 >= lo and (toks[r.first - 1].norm in LOCATIVES or toks[r.first - 1].keys[-1] in LOCATIVES):
                skip.add(r.first - 1)
    words = [t for i, t in enumerate(toks[lo:hi], lo) if t.text not in ("،", ",", "-", "–") and i not in skip]
    return len(words) <= limit and all(
        t.norm in SKIPPABLE or t.keys[-1] in SKIPPABLE or t.text.isdigit() for t in words)


def _title_gap(doc: Document, lo: int, hi: int) -> bool:
    """A short run of title words before a name ("وزراء خارجية فرنسا"، "الناطق باسم"): no clause
    boundary, no preposition other than باسم, at most four words."""
    toks = doc.tokens[lo:hi]
    return len(toks) <= 4 and not any((is_boundary(t) and t.text not in QUOTE_MARKS)
                                      or (t.norm in OTHER_PREPS and t.norm != normalize("باسم"))
                                      or t.norm in TARGET_PREPS
                                      or (t.proclitics.lstrip("وف")[:1] in ("ب", "ل") and t.norm != normalize("باسم"))
                                      for t in toks)


def spokesman(doc: Document, idx: MentionIndex, ref: Ref) -> Ref | None:
    """For a body named after "باسم" ("الناطق باسم قوات الوفاق محمد قنونو"، "أحمد المسماري المتحدث باسم
    الجيش"): the person who speaks for it, next to the title, else the body itself (it speaks through its
    spokesman). None when ``ref`` does not follow "باسم"."""
    i = ref.first - 1
    if i > 0 and doc.tokens[i].norm != normalize("باسم"):
        i -= 1  # "باسم قوات حفتر": a head noun before the name
    if i < 0 or doc.tokens[i].norm != normalize("باسم"):
        return None
    after = next((r for r in idx.actors if ref.last <= r.first <= ref.last + 1 and _is_person(doc, r)), None)
    if after is not None:
        return after
    before = next((r for r in reversed(idx.actors) if i - 3 <= r.last <= i and _is_person(doc, r)), None)
    return before or ref


def _title_holder(doc: Document, idx: MentionIndex, body: Ref) -> Ref | None:
    """The person named right after the body of a title ("رئيس المجلس الرئاسي فائز السراج"، "المبعوث الخاص
    للأمم المتحدة إلى ليبيا غسان سلامة"): he or she holds the title and acts; the body is the affiliation."""
    return next((r for r in idx.actors if body.last <= r.first <= body.last + 1 and _is_person(doc, r)
                 and not any(is_boundary(t) for t in doc.tokens[body.last:r.first])), None)


def _is_person(doc: Document, ref: Ref) -> bool:
    actor = doc.actor(ref.id)
    return actor is not None and actor.type == "PER"


def _light_verb(tok: Token) -> bool:
    """A verb that does the noun it resumes ("الهجوم الذي شنه"، "ضربات نفذتها"، "جلسة عقدها"): its subject
    is the noun's doer. Other verbs of a relative clause have subjects of their own ("المبادرة التي
    تجاهلتها الحكومة": the government did not make the initiative)."""
    norms = (tok.norm, tok.norm[1:]) if tok.norm[:1] in ("و", "ف") else (tok.norm,)
    return any(n.startswith(v) for n in norms for v in LIGHT_VERBS)


def verb_subject(doc: Document, idx: MentionIndex, sent: Sentence, first: int, last: int,
                 clause: tuple[int, int]) -> tuple[Ref | None, str | None]:
    """The subject of a verb: after it (VSO) when the verb opens its clause, else before it (SVO).

    A run of title words may stand between a verb and its subject ("أكد الناطق باسم الجيش") only when the
    verb opens its clause: after an SVO subject we cannot name ("مدفعية هاوزر كانت تقصف العاصمة طرابلس")
    the actor after the verb is its object. A definite institution noun in the subject place ("المجلس
    دعا"، "التقى المبعوث الأممي") names the actor it describes; a verb right after a relative pronoun has
    the antecedent as subject ("غوتيريش الذي التقاه").
    """
    lo, hi = clause
    toks = doc.tokens
    opens_clause = _gap_ok(doc, lo, first, 3)
    after = [r for r in idx.actors if last <= r.first < min(sent.last_token, last + 8)]
    vso = None
    for r in after:
        titled = not _gap_ok(doc, last, r.first, 4)
        if not titled or (_title_gap(doc, last, r.first) and opens_clause):
            vso = spokesman(doc, idx, r) or (r if role_of(doc, r, sent.first_token) == "free" else None)
            if r.first > last and not _is_person(doc, r) and (holder := _title_holder(doc, idx, r)):
                vso = holder  # "قال الأمين العام للأمم المتحدة أنطونيو غوتيريش": the holder of the title
        break
    prev = first - 1
    if prev >= sent.first_token and toks[prev].norm in RELATIVES:
        # "غوتيريش الذي التقى حفتر" / "الذي التقاه": the antecedent is the subject, unless the verb carries
        # the antecedent as an object pronoun and its own subject follows ("الهجوم الذي شنه الجيش")
        ante = next((r for r in reversed(idx.actors) if r.last in (prev, prev - 1) and r.first >= sent.first_token),
                    None)
        verb = toks[last - 1]
        if vso is not None and (verb.enclitic or verb.norm.endswith(("ه", "ها", "هم"))):
            return vso, "vso"
        if ante is not None:
            return ante, "relative"
    if vso is not None and vso.first == last and opens_clause:
        return vso, "vso"
    nxt = last
    while nxt < sent.last_token and (toks[nxt].norm in SKIPPABLE or not toks[nxt].is_word) and nxt - last < 3:
        nxt += 1
    if vso is None and nxt < sent.last_token and (desc := described(doc, idx, nxt)) is not None:
        return desc, "description"
    if prev >= lo and (desc := described(doc, idx, prev)) is not None:
        return desc, "description"
    before = [r for r in idx.actors if sent.first_token <= r.first and r.last <= first]
    svo = None
    if before:
        r = before[-1]
        if r.last >= lo - 1 and _gap_ok(doc, r.last, first, 3, idx):
            svo = spokesman(doc, idx, r) or (r if role_of(doc, r, sent.first_token) == "free" else None)
    if vso and (opens_clause or not svo):
        return vso, "vso"
    if svo:
        return svo, "svo"
    # SVO inside a complement clause: "أن مقاتلات سلاح الجو شنت": the actor between أن and the verb
    inner = [r for r in idx.actors if lo <= r.first and r.last <= first and role_of(doc, r, lo) == "free"]
    if inner:
        return inner[-1], "svo"
    return None, None


def described(doc: Document, idx: MentionIndex, i: int) -> Ref | None:
    """The actor a definite institution noun at token ``i`` describes ("المجلس" after "مجلس الأمن"، "البعثة"
    after "بعثة الأمم المتحدة"): the most recent actor mentioned before whose words contain its head.
    None when the token is no such noun, is itself part of a mention, or describes nobody known."""
    tok = doc.tokens[i]
    head = tok.keys[-1]
    if not (tok.is_word and tok.norm.startswith(("ال", "وال")) and head in INSTITUTION_NOUNS):
        return None
    if any(r.first <= i < r.last for r in idx.actors):
        return None
    for r in reversed(idx.actors):
        if r.last > i:
            continue
        actor = doc.actor(r.id)
        heads = {doc.tokens[r.first].keys[-1]} | ({normalize(actor.name_ar).split()[0]} if actor else set())
        if head in heads:  # the actor's name begins with the noun: "مجلس الأمن" for "المجلس"
            return Ref(i, i + 1, r.id)
    return None


# Nouns between a verbal noun and its object that leave the object the same ("دعم جهود X"، "دعم مساعي X").
DELEGATE_NOUNS = _n("وفد", "وفدا", "وفود", "ممثلو", "ممثلي", "ممثل", "مندوب", "مندوبو", "بعثة")
EFFORT_NOUNS = _n("جهود", "مساعي", "مسعى", "خطة", "مبادرة", "دور", "عمل", "موقف", "جهد")


# Nouns of the machines or men of a force, before its name ("ضربات نفذتها مقاتلات سلاح الجو"): the force is
# the doer.
MACHINE_HEADS = _n("مقاتلات", "مقاتلة", "طائرات", "طائرة", "طيران", "قوات", "وحدات", "عناصر", "جنود", "مدفعية",
                   "دبابات", "زوارق", "بوارج", "مروحيات", "مسلحو", "مقاتلو")


def _machine_heads(doc: Document, lo: int, hi: int) -> bool:
    """One or two machine or men nouns and nothing else between ``lo`` and ``hi``."""
    toks = doc.tokens[lo:hi]
    return 0 < len(toks) <= 2 and all(t.norm in MACHINE_HEADS or t.keys[-1] in MACHINE_HEADS for t in toks)


def noun_doer(doc: Document, idx: MentionIndex, sent: Sentence, first: int, last: int,
              clause: tuple[int, int], genitive: str,
              from_doer: bool = False) -> tuple[Ref | None, str | None, Ref | None]:
    """Doer of a verbal noun, and its genitive object when the noun takes one: (doer, rule, object)."""
    lo, hi = clause
    toks = doc.tokens
    obj = None
    gen = next((r for r in idx.actors if r.first == last or (
        r.first == last + 1 and toks[last].norm.startswith("ال") and toks[last].text not in CLAUSE_PUNCT)), None)
    if gen is None and genitive != "target" and last < hi and any(k in DELEGATE_NOUNS for k in toks[last].keys):
        # "تعليق وفد حكومة الوفاق مشاركته": the delegation acts for the body it is of
        gen = next((r for r in idx.actors if r.first == last + 1), None)
    if gen is None and genitive == "target" and last < hi and any(k in EFFORT_NOUNS for k in toks[last].keys):
        # "دعم جهود الأمم المتحدة": backing the efforts of X backs X
        gen = next((r for r in idx.actors if r.first == last + 1), None)
    if gen is not None and _has_prep_clitic(doc, gen) in ("ب", "ل"):
        gen = None  # "اتصالا هاتفيا بالمشير حفتر": a preposition, not a genitive
    if gen is not None and genitive == "target":
        # "قصف قوات حفتر ميناء طرابلس": an object right after the genitive makes the genitive the doer
        after = gen.last
        nxt = next((r for r in idx.actors + idx.places if r.first == after), None)
        if nxt is None or after >= hi:
            obj, gen = gen, None
        elif nxt in idx.actors:
            obj = nxt
    if gen is not None:
        return gen, "genitive", obj
    # relative clause or resumptive verb: "الهجوم الذي شنه الأخير"، "ضربات نفذتها مقاتلات سلاح الجو"
    # (up to two adjectives may stand between: "جلسة مغلقة طارئة عقدها مجلس الأمن")
    for j in range(last, min(last + 3, sent.last_token)):
        if toks[j].norm in RELATIVES:
            j += 1
        if j >= sent.last_token or is_boundary(toks[j]) or any(r.first == j for r in idx.actors):
            break
        verb_tok = toks[j]
        if verb_tok.is_word and _light_verb(verb_tok) and (verb_tok.enclitic or verb_tok.text.endswith(("ها", "ه"))):
            r = next((r for r in idx.actors if j + 1 <= r.first <= j + 3 and (
                _gap_ok(doc, j + 1, r.first, 2) or _machine_heads(doc, j + 1, r.first))), None)
            if r is not None:
                return r, "relative", obj
    # the doer after "من" of a noun that takes it ("بطلب من بريطانيا"، "تعزيزات من حكومة الوفاق")
    k = last if toks[last - 1].norm != normalize("من") else last - 1
    if k < sent.last_token and toks[k].norm == normalize("من"):
        r = next((r for r in idx.actors if r.first == k + 1), None)
        if r is not None and (k == last - 1 or from_doer):
            return r, "agent", obj
    # the clause's subject before the noun: "شنت المقاتلات غارات"، "تواصل القوات تقدمها"
    before = [r for r in idx.actors if lo <= r.first and r.last <= first and role_of(doc, r, lo) == "free"]
    if before:
        return before[-1], "governor", obj
    # a verb opening the clause, then its subject, then the noun: "أعلن الجيش ... تحرك قواته"
    return None, None, obj


# Words that make the actor after them the owner of the thing before them ("غرفة عمليات التابعة لقوات
# الوفاق"، "رتلا تابعا للواء الصمود"), and force nouns that stand for the actor they precede or, bare, for
# the side the text calls by that name ("مواقع للميليشيات").
OWNER_WORDS = _n("تابع", "التابع", "التابعة", "تابعة", "تابعا", "التابعين", "تابعين")
LOYAL_WORDS = OWNER_WORDS | _n("الموالية", "الموالي", "الموالين", "موالية", "موالين")
FORCE_NOUNS = _n("ميليشيات", "مليشيات", "ميلشيات", "ميليشيا", "مليشيا", "الميليشيات", "المليشيات",
                 "الميلشيات", "الميليشيا", "المليشيا")
OWNED_TYPES = frozenset({"ASSAULT", "COERCE"})


def _force_noun(tok: Token) -> bool:
    return tok.norm in FORCE_NOUNS or any(k in FORCE_NOUNS for k in tok.keys)


def _glued_lam(tok: Token) -> bool:
    """A force noun carrying the preposition ل ("للميليشيات"، "لميليشيات")."""
    return tok.norm[:1] == "ل" and any(k in FORCE_NOUNS and k[:1] != "ل" for k in tok.keys[1:])


def militia_referent(doc: Document, idx: MentionIndex) -> str | None:
    """The actor a text calls "the militias": the one most often named right after a militia noun ("مليشيات
    حكومة الوفاق"، "الميليشيات الموالية لحكومة السراج"), if one clearly leads. Outlets name the other side
    so; the bare noun later ("مواقع للميليشيات") means that side."""
    cached = getattr(idx, "_militia", False)
    if cached is not False:
        return cached
    toks, counts = doc.tokens, {}
    for r in idx.actors:
        for back in (1, 2):
            i = r.first - back
            if i < 0:
                break
            if _force_noun(toks[i]) or (r.first == i + back and back == 1 and _force_noun(toks[r.first])):
                counts[r.id] = counts.get(r.id, 0) + 1
                break
            if toks[i].norm not in LOYAL_WORDS:
                break
        else:
            continue
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    best = ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None
    idx._militia = best  # type: ignore[attr-defined]
    return best


def _owner_target(doc: Document, idx: MentionIndex, sent: Sentence, start: int, hi: int,
                  source: Ref | None) -> tuple[Ref | None, str | None]:
    """The owner of what a hostile act hit: the actor after تابع/التابعة (glued ل), after a militia noun with
    a glued ل ("مواقع لميليشيات حكومة الوفاق"), after من following a count ("مصرع 6 من قوات الوفاق");
    else a bare militia noun in a target place ("على مواقع للميليشيات") is the side the text so calls."""
    toks = doc.tokens
    for r in idx.actors:
        if not (start <= r.first < hi) or (source is not None and r.id == source.id):
            continue
        prev = toks[r.first - 1] if r.first - 1 >= sent.first_token else None
        if prev is None:
            continue
        prev2 = toks[r.first - 2] if r.first - 2 >= sent.first_token else None
        if prev.norm in OWNER_WORDS:
            return r, "owner"
        if _glued_lam(prev):
            return r, "owner"
        if prev.norm == "من" and prev2 is not None and (prev2.text.isdigit() or prev2.norm in _n("عشرات", "العشرات")):
            return r, "owner"
    referent = militia_referent(doc, idx)
    if referent and (source is None or referent != source.id):
        for i in range(start, hi):
            t = toks[i]
            if not _force_noun(t) or any(r.first <= i + 1 < r.last for r in idx.actors):
                continue
            prev = toks[i - 1].norm if i - 1 >= sent.first_token else ""
            if _glued_lam(t) or prev in TARGET_PREPS or prev in OWNER_WORDS:
                return Ref(i, i + 1, referent), "militia"
    return None, None


def find_target(doc: Document, idx: MentionIndex, sent: Sentence, first: int, last: int,
                clause: tuple[int, int], source: Ref | None, verbal: bool,
                etype: str | None = None) -> tuple[Ref | None, str | None]:
    """The target: an actor after على/ضد/مع or the direct object after the subject; for an attack or a
    seizure, the owner of what it hit (``_owner_target``)."""
    lo, hi = clause
    start = max(last, source.last if source and source.first >= last else last)
    if etype == "REQUEST" and verbal and (asked := _asked_of(doc, idx, start, hi)) is not None:
        return asked, "asked"
    if etype == "ACCUSE":
        hi = _charge_start(doc, start, hi)
    cands = [r for r in idx.actors if start <= r.first < hi and (source is None or r.id != source.id)]
    for r in cands:
        if role_of(doc, r, sent.first_token) == "target":
            return r, "preposition"
    if verbal:
        for r in cands:
            if role_of(doc, r, sent.first_token) == "free" and r.first - start <= 6:
                return r, "object"
    if etype in HOSTILE_TYPES and (state := _state_place(doc, idx, sent, start, hi, source)) is not None:
        return state, "state-place"
    if etype in OWNED_TYPES:
        return _owner_target(doc, idx, sent, start, hi, source)
    if etype in B_OBJECT_TYPES:
        return _b_object(doc, idx, sent, start, hi, source)
    return None, None


def _state_place(doc: Document, idx: MentionIndex, sent: Sentence, start: int, hi: int,
                 source: Ref | None) -> Ref | None:
    """A place after a target preposition (نحو، ضد، على…) that the text also names as a state acting (an
    actor of type GPE with the same English name): "وقف الرحلات الجوية نحو تركيا" is aimed at Turkey."""
    by_name = {a.name_en: a.id for a in doc.actors if a.type == "GPE"}
    for r in idx.places:
        if not (start <= r.first < hi) or _prev_word(doc, r, sent.first_token) not in TARGET_PREPS:
            continue
        place = doc.place(r.id)
        actor = by_name.get(place.name_en) if place is not None else None
        if actor is not None and (source is None or actor != source.id):
            return Ref(r.first, r.last, actor)
    return None


def _charge_start(doc: Document, start: int, hi: int) -> int:
    """Where the charge of an accusation begins: the first word after ``start`` with a glued بـ ("اتهم الحزب
    الشرطة بقتل ... للجيش"); an actor inside the charge is part of what is alleged, not the accused."""
    for i in range(start, hi):
        t = doc.tokens[i]
        if t.is_word and (t.proclitics.lstrip("وف")[:1] == "ب" or _glued(t, ("ب", "وب"))):
            return i
    return hi


# Verbs of asking whose addressee follows من: "طلب من الأمين العام"، "التمس من المحكمة"، "سأل منه".
ASKED_FROM = _n("من")


def _asked_of(doc: Document, idx: MentionIndex, last: int, hi: int) -> Ref | None:
    """The one a request is made of: the actor right after من that follows the verb ("طلب من مجلس الأمن"),
    or a bare title there that the text elsewhere completes with a name ("طلب من الأمين العام" ... "الأمين
    العام للأمم المتحدة")."""
    toks = doc.tokens
    if last >= hi or toks[last].norm not in ASKED_FROM:
        return None
    nxt = last + 1
    for r in idx.actors:
        if r.first == nxt:
            return r
    return title_referent(doc, idx, nxt, hi)


def title_referent(doc: Document, idx: MentionIndex, i: int, hi: int) -> Ref | None:
    """The actor a bare definite title at token ``i`` ("الأمين العام"، "المبعوث الأممي") stands for: the
    same one or two words elsewhere in the text followed at once by an actor's name ("الأمين العام للأمم
    المتحدة"). Only when every such completion names one actor."""
    toks = doc.tokens
    if i >= hi or not toks[i].is_word or not toks[i].norm.startswith("ال") or any(
            r.first <= i < r.last for r in idx.actors):
        return None
    width = 2 if i + 1 < hi and toks[i + 1].is_word and toks[i + 1].norm.startswith("ال") and not any(
        r.first == i + 1 for r in idx.actors) else 1
    words = [toks[i + j].norm for j in range(width)]
    starts = {r.first: r for r in idx.actors}
    found: dict[str, Ref] = {}
    for k in range(len(toks) - width):
        if k != i and all(toks[k + j].norm == w for j, w in enumerate(words)) and (r := starts.get(k + width)):
            found.setdefault(r.id, r)
    if len(found) == 1:
        r = next(iter(found.values()))
        return Ref(i, i + width, r.id)
    return None


# Types whose partner or object comes after ب ("اتصالا هاتفيا بالمشير خليفة حفتر"، "أشاد بجهود سلامة").
B_OBJECT_TYPES = frozenset({"CONSULT", "SUPPORT"})


def _b_object(doc: Document, idx: MentionIndex, sent: Sentence, start: int, hi: int,
              source: Ref | None) -> tuple[Ref | None, str | None]:
    """The actor introduced by ب within four words of the trigger: glued to its name ("بحفتر") or to the
    one word before it (a title, "بالمشير خليفة حفتر"; an effort, "بجهود سلامة")."""
    toks = doc.tokens
    for r in idx.actors:
        if not (start <= r.first < min(hi, start + 4)) or (source is not None and r.id == source.id):
            continue
        if _has_prep_clitic(doc, r) == "ب":
            return r, "b-object"
        prev = toks[r.first - 1] if r.first - 1 >= max(start, sent.first_token) else None
        if prev is not None and not is_boundary(prev) and prev.proclitics.lstrip("وف")[:1] == "ب":
            return r, "b-object"
    return None, None


# Nouns of a posting or a mission: a place after them (إلى، لدى، في، لـ) names the post, not where an act
# happened ("المبعوث الأممي إلى ليبيا"، "السفارة البريطانية في ليبيا"، "بعثتها في ليبيا").
ROLE_NOUNS = _n("مبعوث", "مبعوثة", "سفير", "سفيرة", "ممثل", "ممثلة", "مندوب", "مندوبة", "بعثة", "سفارة", "قنصل",
                "قنصلية", "منسق", "منسقة", "مبعوثا", "سفيرا", "ممثلا", "مندوبا", "ملحق", "الممثل")
ROLE_PREPS = _n("إلى", "الى", "لدى", "في", "ل", "لـ")
# Compass and part words: "جنوب غربي فرنسا" names a region of the country, a venue.
PART_WORDS = _n("جنوب", "شمال", "شرق", "غرب", "جنوبي", "شمالي", "شرقي", "غربي", "وسط", "أقصى")
# Event types whose act is said or negotiated: a country in their sentence is what they are about ("دعا إلى
# وقف إطلاق النار في ليبيا"، "دعمها لجهود الأمم المتحدة في ليبيا"), rarely where they were done.
SAID_TYPES = frozenset({"ACCUSE", "REQUEST", "SUPPORT", "REJECT", "THREATEN", "AGREE", "CONSULT", "COOPERATE",
                        "CONCEDE", "SANCTION", "AID"})
HOSTILE_TYPES = frozenset({"ASSAULT", "COERCE", "THREATEN", "SANCTION"})
# Types whose complement is what is said (the accused act, the thing asked for, what is backed): a place
# after the trigger belongs to that content ("تتهم أنقرة بإرسال مدرعات إلى طرابلس") unless it is an adjunct
# of the act itself — right after the trigger, or after a noun of a meeting ("دعت في ختام مؤتمرها ... في").
CONTENT_TYPES = frozenset({"ACCUSE", "REQUEST", "SUPPORT"})
VENUE_NOUNS = _n("مؤتمر", "قمة", "اجتماع", "لقاء", "جلسة", "زيارة", "ختام", "اجتماعات", "محادثات", "منتدى",
                 "مؤتمرها", "مؤتمره", "اتفاق", "الاتفاق")
# "حيث" (where) opens a clause that happens at the place of the clause before it.
WHERE_WORDS = _n("حيث", "وحيث")
# Verbs of holding or signing in a relative clause after a meeting or an accord: its place is the venue.
VENUE_VERBS = _n("عقد", "عقدت", "يعقد", "تعقد", "انعقد", "انعقدت", "التأم", "يلتئم", "تلتئم", "وقع", "وقعه",
                 "وقعته", "وقعها", "أبرم", "أبرمه", "جرى", "جرت", "أقيم", "أقيمت", "المقامة", "المنعقد",
                 "المنعقدة")
DATELINE_MARKS = frozenset({"–", "-", "—", "(", ":"})


def _glued(tok: Token, preps: tuple[str, ...]) -> bool:
    """The token is a shorter lookup key with one of ``preps`` glued before it ("لليبيا"، "بطرابلس")."""
    return any(len(k) < len(tok.norm) and tok.norm.endswith(k) and tok.norm[:len(tok.norm) - len(k)] in preps
               for k in tok.keys[1:])


def _role_phrase(doc: Document, r: Ref, floor: int, trigger: tuple[int, int]) -> bool:
    """The place completes a title or a mission ("المبعوث الخاص للأمم المتحدة إلى ليبيا"): a role noun at
    most four words before the preposition, with no clause boundary or the trigger between."""
    toks = doc.tokens
    head = toks[r.first]
    prep = r.first - 1
    glued = _glued(head, ("ل", "ول"))  # "لليبيا"
    if not glued and (prep < floor or toks[prep].norm not in ROLE_PREPS):
        return False
    start = r.first - 1 if glued else prep - 1
    for i in range(start, max(floor, start - 4) - 1, -1):
        t = toks[i]
        if is_boundary(t) or trigger[0] <= i <= trigger[1]:
            return False
        if t.norm in ROLE_NOUNS or any(k in ROLE_NOUNS for k in t.keys):
            return True
    return False


def _dateline(doc: Document, r: Ref) -> bool:
    """The place opens a line and a dash or bracket follows ("تونس (المرصد المغاربي) –"): where the report
    was filed, not where its events happened."""
    start, end = doc.tokens[r.first].start, doc.tokens[r.last - 1].end
    line_start = doc.text.rfind("\n", 0, start) + 1
    if doc.text[line_start:start].strip():
        return False
    return doc.text[end:end + 3].lstrip(" \u00a0")[:1] in DATELINE_MARKS


def _content_place(doc: Document, r: Ref, last: int, floor: int) -> bool:
    """A place after a said act's trigger that belongs to what is said, not to the saying (CONTENT_TYPES)."""
    if r.first < last or r.first - last <= 2:
        return False
    toks = doc.tokens
    for i in range(r.first - 1, max(floor, r.first - 6) - 1, -1):
        if toks[i].norm in VENUE_NOUNS or any(k in VENUE_NOUNS for k in toks[i].keys):
            return False
    return True


def _inside_actor(idx: MentionIndex, r: Ref) -> bool:
    """The place is a word of a longer actor name ("قوات شرق ليبيا"، "الخارجية المصرية")."""
    return any(a.first <= r.first and r.last <= a.last and (a.last - a.first) > (r.last - r.first)
               for a in idx.actors)


def _acting(idx: MentionIndex, r: Ref, but: str | None = None) -> bool:
    """The place mention is itself an actor mention: a state or city acting or acted on ("وأعربت مصر") —
    other than the actor ``but``."""
    return any(a.first == r.first and a.last == r.last and a.id != but for a in idx.actors)


def find_place(doc: Document, idx: MentionIndex, sent: Sentence, first: int, last: int,
               clause: tuple[int, int], etype: str | None = None, target: str | None = None
               ) -> tuple[str | None, str | None]:
    """The place of an event: the most specific place mention of the trigger's clause (a locative one first,
    nearest the trigger, after it first), else the nearest in the sentence.

    Not a place: one inside an actor's name or after a role noun ("المبعوث الأممي إلى ليبيا"); a state or
    city named as an actor ("وأعربت مصر"، "مطالبا روسيا") unless a locative introduces it or it is the
    target of a hostile act ("الهجوم على طرابلس"); for said types (``SAID_TYPES``) a country with no
    compass word before it, which is what the talk is about. A country gives way to any more specific
    place of the same clause ("غارة على مطار معيتيقة ... في ليبيا").
    """
    lo, hi = clause
    toks = doc.tokens
    precision = {p.id: p.precision for p in doc.places}

    def locative(r: Ref) -> bool:
        prev = toks[r.first - 1].norm if r.first > sent.first_token else ""
        head = toks[r.first]
        return prev in LOCATIVES or _glued(head, ("ب", "وب"))  # "بطرابلس"

    def usable(r: Ref) -> bool:
        if _inside_actor(idx, r) or _role_phrase(doc, r, sent.first_token, (first, last)) or _dateline(doc, r):
            return False
        if etype in CONTENT_TYPES and _content_place(doc, r, last, sent.first_token):
            return False
        if _acting(idx, r, target if etype in HOSTILE_TYPES else None) and not locative(r):
            return False
        if etype in SAID_TYPES and precision.get(r.id) == "country":
            prev = toks[r.first - 1].norm if r.first > sent.first_token else ""
            return prev in PART_WORDS
        return True

    def specific(group: list[Ref]) -> list[Ref]:
        finer = [r for r in group if precision.get(r.id) != "country"]
        return finer or group

    in_clause = specific([r for r in idx.places_in(lo, hi) if usable(r)])
    loc = [r for r in in_clause if locative(r)]
    for group, rule in ((loc, "clause-locative"), (in_clause, "clause")):
        if group:
            best = min(group, key=lambda r: (0 if r.first >= last else 1, abs(r.first - first)))
            return best.id, rule
    # "حيث التقى": where the clause before says (وصل ... إلى العاصمة طرابلس ...، حيث التقى)
    if lo > sent.first_token and toks[lo - 1].norm in WHERE_WORDS or toks[lo].norm in WHERE_WORDS:
        before = [r for r in idx.places_in(sent.first_token, lo) if usable(r)]
        if before:
            return before[-1].id, "where"
    # a relative clause of holding or signing names the venue ("مؤتمرها الذي عقد في مدينة بياريتز"، "الاتفاق
    # الذي وقعه أمس في جنيف")
    if hi < sent.last_token and toks[hi].norm in RELATIVES and any(
            k in VENUE_NOUNS or k in VENUE_VERBS for t in toks[max(lo, first):hi + 4] for k in t.keys):
        _, rel_hi = clause_bounds(doc, sent, hi + 1, hi + 1)
        venue = [r for r in idx.places_in(hi + 1, rel_hi) if usable(r) and locative(r)]
        if venue:
            return venue[0].id, "venue"
    if etype in SAID_TYPES:
        return None, None  # talk happens where its clause says, a place elsewhere in the sentence is another act's
    in_sent = specific([r for r in idx.places_in(sent.first_token, sent.last_token) if usable(r)])
    if in_sent:
        best = min(in_sent, key=lambda r: abs(r.first - first))
        return best.id, "sentence"
    return None, None
