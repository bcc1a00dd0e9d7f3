"""Is the event asserted? Negation, conditions, intentions/futures, questions and generic mentions.

News Arabic reports many things that did not (yet) happen: "لم تقصف"، "لن ينسحب"، "إذا هاجمت"، "يعتزم
الانسحاب"، "سوف ندخل"، "أي عمل عسكري". A coder that counts them inflates the data (the over-coding users
complain about), so each trigger gets ``negated`` / ``hypothetical`` from the words of its own clause
before it. The cue words live in ``data/events_cues_ar.yaml``-style constants below, in normalized form.
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.doc import Document, Token
from marsad.normalize import normalize

# Particles that negate the word right after them (up to two tokens before the trigger).
NEGATORS = frozenset(normalize(w) for w in (
    "لم", "لن", "لا", "ليس", "ليست", "غير", "عدم", "دون", "بدون", "ولم", "ولن", "ولا", "فلم", "فلن",
    "بعدم", "وعدم", "لعدم", "لما"))
# Particles that negate a verb (not a noun): a verbal noun after the verb they negate, in the same clause and
# at most eight words on, is negated with it.
VERB_NEGATORS = frozenset(normalize(w) for w in ("لم", "لن", "ولم", "ولن", "فلم", "فلن"))
# Verbs of stopping: negated, they assert that the act goes on ("لم تتوقف عن تعذيب المحتجزين").
STOP_VERBS = frozenset(normalize(w) for w in ("توقف", "يتوقف", "تتوقف", "يتوقفوا", "كف", "يكف", "تكف", "ينقطع",
                                              "تنقطع", "يتوان", "تتوان", "يتوقفون", "يكفوا", "يكفون"))
# Speech verbs that deny the clause they introduce.
DENIALS = frozenset(normalize(w) for w in ("نفى", "نفت", "نفوا", "ينفي", "تنفي", "ينفون", "نافيا", "نافية"))
# Conditions and hypotheticals anywhere earlier in the clause.
CONDITIONS = frozenset(normalize(w) for w in ("إذا", "اذا", "لو", "ولو", "حال", "لولا", "وإذا", "فإذا", "متى"))
CONDITION_PHRASES = (("في", "حال"), ("في", "حالة"), ("ما", "لم"))
# Futures and intentions anywhere earlier in the clause (the trigger may be their complement).
FUTURES = frozenset(normalize(w) for w in (
    "سوف", "وسوف", "فسوف", "يعتزم", "تعتزم", "يعتزمون", "ينوي", "تنوي", "ينوون", "يخطط", "تخطط", "يخططون",
    "يهدد", "تهدد", "يهددون", "هدد", "هددت", "هددوا", "مهددا", "مهددة", "توعد", "توعدت", "يتوعد", "تتوعد",
    "متوعدا", "حذر", "حذرت", "حذروا", "يحذر", "تحذر", "محذرا", "محذرة", "عزم", "عزمه", "عزمها", "عزمهم", "يريد", "تريد", "يريدون", "يسعى", "تسعى",
    "ستواصل", "سيواصل", "سنواصل", "يعتزمان", "ينويان", "مستعد", "مستعدة", "مستعدون", "قادرا", "قادر",
    "قادرة", "سيكون", "ستكون", "المقبل", "المقبلة", "مقبل", "مقبلة", "القادم", "القادمة", "محتمل", "محتملة",
    "استعدادا", "تمهيدا", "بهدف", "يمكن", "يمكنه", "أمله", "بتجنب", "لتجنب", "تجنب",
    # an order is given, not yet carried out ("صدرت الأوامر باستهداف السفن"، "أوعز بقصف")
    "الأوامر", "أوامر", "أوامره", "التعليمات", "تعليمات", "أوعز", "أوعزت",
    # scheduled or expected ("ومن المقرر أن يلتقي"، "يرتقب أن")
    "المقرر", "مقرر", "المزمع", "يرتقب", "يتوقع", "ويتوقع", "المرتقب"))
THAT = frozenset(normalize(w) for w in ("أن", "ان", "بأن"))
# Quantifiers that make a noun generic ("أي هجوم"): not a particular event.
GENERIC = frozenset(normalize(w) for w in ("أي", "اي", "وأي", "لأي", "بأي", "كل", "أية", "اية"))
MAYBE = frozenset(normalize(w) for w in ("قد", "ربما", "لعل", "وقد"))
# A word right before the trigger that makes it talked about rather than done: the cessation or prevention
# of it ("وقف القتال"، "منع الهجوم"), a draft ("مسودة اتفاق"), or a light verb of purpose ("لشن هجوم").
UNREALIZED_HEADS = frozenset(normalize(w) for w in (
    "وقف", "إيقاف", "ايقاف", "إنهاء", "انهاء", "منع", "تجنب", "تفادي", "مسودة", "مشروع", "خطة", "احتمال",
    "إمكانية", "امكانية", "خطر", "مخاطر", "شبح", "تفاقم", "لوقف", "لإيقاف", "لإنهاء", "لمنع", "لتجنب"))
PURPOSE_HEADS = frozenset(normalize(w) for w in ("شن", "تنفيذ", "بدء", "إطلاق", "اطلاق", "القيام", "استئناف"))
# Nouns that take an event noun as object with ل ("تكثيف الجيش لعملياته"): that ل is not purpose.
INTENSIFIERS = frozenset(normalize(w) for w in ("تكثيف", "مواصلة", "استمرار", "تصعيد", "توسيع", "تعرض", "تعرضت",
                                               "تعرضوا", "يتعرض", "تتعرض", "يتعرضون", "تعرضه", "تعرضها", "تعرضهم"))
# Demonstratives before a noun point back to an event already told ("هذه الغارات").
DEMONSTRATIVES = frozenset(normalize(w) for w in ("هذه", "هذا", "تلك", "ذلك", "هذان", "هاتان", "هؤلاء"))


def _frame(tok: Token) -> str | None:
    """The frame a head word puts its verbal noun in ("جريمة اغتيال" -> legal), from the lexicon."""
    from marsad.events.lexicon import event_frames

    frames = event_frames()
    return next((frames[k] for k in (tok.norm, *tok.keys) if k in frames), None)


# Frames that make the act not (yet) happen: a noun whose event is presupposed (possessed, or with a past
# relative clause: "مخاوف من هجومها الذي شنته") escapes them; the other frames (a case, an anniversary, a
# relation, an aftermath, a time reference) presuppose the event and still make it talked about.
UNREALIZED_FRAMES = frozenset({"plan-or-fear", "desirability", "countering"})

BRIDGES = frozenset(normalize(w) for w in ("من", "وقوع", "حدوث", "تعرض", "تعرضهم", "تعرضه", "تعرضها", "تنفيذ",
                                           "شن", "ارتكاب",
                                           # "المتهمين في تفجير"، "المحكوم عليهم بالإعدام"، "الأحكام الصادرة
                                           # بالإعدام"، "تحقيقه في عملية خطف": a case's object
                                           "في", "عليه", "عليها", "عليهم", "عليهن", "الصادرة", "عملية",
                                           "عمليات",
                                           # "عثروا على سيارة مفخخة"، "الاشتباه بوجود عبوة"
                                           "على", "وجود",
                                           # "المسؤولين عن اغتيال"، "مسؤوليتهم عن تفجيرات"
                                           "عن"))


def _frame_before(toks: list[Token], first: int) -> str | None:
    """The frame of the head before a noun, looking past "من" and nouns of occurrence ("مخاوف من وقوع
    هجمات")."""
    i = first - 1
    while i >= 0 and i >= first - 3:
        if (frame := _frame(toks[i])) is not None:
            return frame
        if toks[i].norm not in BRIDGES and toks[i].keys[-1] not in BRIDGES:
            return None
        i -= 1
    return None


def _unrealized_after(toks: list[Token], first: int, stop: int) -> bool:
    """An adjective of expectation right after the noun or its adjective ("ضربة جوية أميركية محتملة")."""
    from marsad.events.lexicon import unrealized_after

    words = unrealized_after()
    return any(t.norm in words or t.keys[-1] in words for t in toks[first + 1:min(first + 4, stop)])


@dataclass(slots=True)
class Modality:
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    cue: str | None = None


def _words(tokens: list[Token]) -> list[str]:
    return [t.norm for t in tokens]


def modality(doc: Document, clause_start: int, first: int, prefix: str, tense: str,
             sentence_last: int, presupposed: bool = False) -> Modality:
    """Modality of the trigger at token ``first`` whose clause begins at token ``clause_start``.

    ``prefix`` is the clitic string before the trigger's key ("س" marks the future on a present verb;
    "ل" on a verbal noun marks purpose: "لاقتحامها" = in order to storm it, not yet done). A
    ``presupposed`` noun ("هجومها") names an event that happened even after "وقف".
    """
    toks = doc.tokens
    before = toks[clause_start:first]
    words = _words(before)
    near = words[-2:]
    mod = Modality()
    if any(w in NEGATORS for w in near):
        mod.negated, mod.cue = True, next(w for w in near if w in NEGATORS)
    if tense == "noun" and not mod.negated and any(w in VERB_NEGATORS for w in words[-8:]) and (
            not words or words[-1] != normalize("من")) and not any(  # "لم تسفر الجولة من محادثات": the subject
            t.keys[-1] in STOP_VERBS or t.norm in STOP_VERBS for t in before[-8:]):  # "لم تتوقف عن": it goes on
        # "ولم تصدر الحكومة بيانا"، "لم تسفر الجولة عن اتفاق": the negated verb governs the noun
        mod.negated, mod.cue = True, next(w for w in words[-8:] if w in VERB_NEGATORS)
    if any(w in DENIALS for w in words):
        mod.negated, mod.cue = True, next(w for w in words if w in DENIALS)
    if any(w in CONDITIONS for w in words) or any(
            words[i:i + 2] == list(p) for p in CONDITION_PHRASES for i in range(len(words))):
        mod.hypothetical, mod.cue = True, "condition"
    # a future word governing the clause through أن ("ومن المقرر أن يلتقي"، "يتوقع أن")
    governed_by_future = clause_start >= 2 and toks[clause_start - 1].norm in THAT and (
        toks[clause_start - 2].norm in FUTURES or toks[clause_start - 2].keys[-1] in FUTURES)
    if any(w in FUTURES for w in words) or governed_by_future or (tense == "present" and prefix.endswith("س")):
        mod.hypothetical, mod.future, mod.cue = True, True, "future"
    if tense == "present" and any(w in MAYBE for w in near):
        mod.hypothetical, mod.cue = True, "maybe"
    if tense == "noun":
        prev = before[-1] if before else None
        prev_key = prev.keys[-1] if prev else ""
        if prefix in ("ل", "ول", "فل") and not any(t.keys[-1] in INTENSIFIERS for t in before[-3:]):
            mod.hypothetical, mod.cue = True, "purpose"
        elif near and near[-1] in GENERIC:
            mod.hypothetical, mod.cue = True, "generic"
        elif prev is not None and (prev.norm in UNREALIZED_HEADS or prev_key in UNREALIZED_HEADS) and not presupposed:
            mod.hypothetical, mod.cue = True, "unrealized"
        elif prev is not None and prev_key in PURPOSE_HEADS and prev.norm.startswith(("ل", "ول")):
            mod.hypothetical, mod.cue = True, "purpose"
        elif (frame := _frame_before(toks, first)) and not (presupposed and frame in UNREALIZED_FRAMES):
            mod.hypothetical, mod.cue = True, frame  # the head may open the clause itself ("منذ اغتيال")
        elif _unrealized_after(toks, first, sentence_last):
            mod.hypothetical, mod.cue = True, "expected"
    end = sentence_last
    if end > 0 and toks[end - 1].text in ("؟", "?"):
        mod.hypothetical, mod.cue = True, "question"
    return mod
