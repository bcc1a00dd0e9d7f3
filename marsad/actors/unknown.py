"""Actors the knowledge base does not know, reported with ids ``new:<normalized name>``.

Three sources, all conservative (a wrong new actor costs precision everywhere it repeats):

- a title or role followed by a name that starts with a known given name ("العقيد سالم الفيتوري");
- a unit noun with a number or ordinal ("الكتيبة 166", "اللواء السابع") or with a name that is not a
  common word ("كتيبة شهداء الزاوية"); an organisation noun with a name ("حزب العدالة والبناء");
- the statistical tagger (:mod:`marsad.ner`) when it is installed: its PER/ORG spans of two or more words
  that no other rule covered.

English names of new actors are a rough transliteration (given names from a table, the rest letter by
letter): enough for a user to read and to add the actor to the knowledge base with its proper name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from marsad.actors.kb import KnowledgeBase
from marsad.doc import Token
from marsad.normalize import normalize

_GIVEN_EN = {
    "محمد": "Mohamed", "احمد": "Ahmed", "محمود": "Mahmoud", "علي": "Ali", "عمر": "Omar", "عثمان": "Othman",
    "خليفه": "Khalifa", "خالد": "Khaled", "صالح": "Saleh", "مصطفي": "Mustafa", "ابراهيم": "Ibrahim",
    "اسماعيل": "Ismail", "حسن": "Hassan", "حسين": "Hussein", "يوسف": "Youssef", "سالم": "Salem",
    "سليمان": "Suleiman", "اسامه": "Osama", "جمال": "Jamal", "سعيد": "Said", "طارق": "Tarek", "عماد": "Emad",
    "هشام": "Hisham", "وليد": "Walid", "رمضان": "Ramadan", "منصور": "Mansour", "ناصر": "Nasser",
    "فرج": "Faraj", "بشير": "Bashir", "عادل": "Adel", "كمال": "Kamal", "موسي": "Moussa", "عيسي": "Issa",
    "فتحي": "Fathi", "عبدالله": "Abdullah", "عبد": "Abdel", "ابو": "Abu", "بن": "bin", "فاطمه": "Fatima",
    "مريم": "Maryam", "صلاح": "Salah", "ميلاد": "Milad", "مفتاح": "Miftah", "عياد": "Ayad", "نوري": "Nouri",
    "مختار": "Mokhtar", "فيصل": "Faisal", "سامي": "Sami", "يحيي": "Yahya", "حمزه": "Hamza",
}
_LETTERS = {
    "ا": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r",
    "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f",
    "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "a", "و": "u", "ي": "i", "ء": "",
}


_PARTICLES = {"بن", "ابن", "ابو", "بو", "عبد", "ال", "بنت"}


def transliterate(arabic: str) -> str:
    """A readable Latin rendering of an Arabic name ("أحمد الفيتوري" -> "Ahmed al-Fituri")."""
    words = []
    for w in normalize(arabic).split():
        if w in _GIVEN_EN:
            words.append(_GIVEN_EN[w])
            continue
        prefix = ""
        if w.startswith("ال") and len(w) > 3:
            prefix, w = "al-", w[2:]
        out = []
        for k, ch in enumerate(w):
            lat = _LETTERS.get(ch, ch if ch.isascii() else "")
            if ch == "ه" and k < len(w) - 1:
                lat = "h"
            if ch in "وي" and (k == 0 or w[k - 1] in "اوي"):
                lat = {"و": "w", "ي": "y"}[ch]
            out.append(lat)
        word = "".join(out)
        word = re.sub(r"(.)\1{2,}", r"\1\1", word)
        words.append(prefix + word[:1].upper() + word[1:])
    name = " ".join(words)
    return name[:1].upper() + name[1:] if name else name


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@dataclass(slots=True)
class NewActor:
    """A ``new:`` actor found at tokens ``[first, last)`` with the name proper at ``head``."""

    first: int
    last: int
    head: tuple[int, int]
    type: str
    name_en: str
    name_ar: str
    origin: str

    @property
    def id(self) -> str:
        return "new:" + "-".join(normalize(self.name_ar).split())


def _is_name_word(kb: KnowledgeBase, tok: Token) -> bool:
    """Could this token be part of a proper name? Not punctuation, a stop word, a title or a country."""
    if not tok.is_word or tok.text.isdigit():
        return False
    keys = set(tok.keys)
    if keys & kb.keys["stop"] or keys & kb.keys["context_verbs"] or keys & kb.keys["complements"]:
        return False
    if kb.adjectives.longest_at([tok], 0) or kb.title_matcher.longest_at([tok], 0):
        return False
    return True


def person_after_title(kb: KnowledgeBase, tokens: Sequence[Token], j: int, stop: int) -> tuple[int, int] | None:
    """A new person's name starting at ``j`` (right after a title).

    The name starts with a known given name; more given names and particles (بن، أبو، عبد) may follow;
    it ends with the first family name — a word with the article ("الفيتوري"), or any name word right
    after the first given name ("محمد قنونو"). So "العقيد سالم الفيتوري انسحاب وحدته" stops at الفيتوري.
    """
    given = kb.keys["given_names"]
    if j >= stop or not (set(tokens[j].keys) & given):
        return None
    end = j + 1
    if tokens[j].keys[0] == "عبد" and end < stop:
        end += 1  # "عبد الله", "عبد الرحمن": one given name
    first_given_end = end
    while end < stop and end - j < 5 and _is_name_word(kb, tokens[end]):
        tok = tokens[end]
        if tok.start - tokens[end - 1].end > 1:  # a line break or double space ends a name
            break
        if set(tok.keys) & given or tok.keys[0] in _PARTICLES:
            end += 1
            if tok.keys[0] == "عبد" and end < stop:
                end += 1
            continue
        after_particle = tokens[end - 1].keys[0] in _PARTICLES
        if tok.norm.startswith("ال") or after_particle or (end == first_given_end and _bare_surname(tok)):
            end += 1
        break
    if tokens[end - 1].keys[0] in _PARTICLES:
        end -= 1
    return (j, end) if end - first_given_end >= 1 else None


def _bare_surname(tok: Token) -> bool:
    """A surname without the article right after a given name ("محمد قنونو"): no clitic on it and not an
    imperfect verb ("عبد الله يشكك", "محمود بتحقيق" are not names)."""
    return not tok.proclitics and not (tok.norm[:1] in "يتن" and len(tok.norm) >= 4)


def unit_at(kb: KnowledgeBase, tokens: Sequence[Token], i: int, stop: int) -> NewActor | None:
    """"الكتيبة 166" / "اللواء السابع" / "كتيبة شهداء الزاوية" -> a new armed group (or organisation)."""
    tok = tokens[i]
    t = kb.titles
    heads, orgs = kb.unit_heads, kb.org_heads
    key = next((k for k in tok.keys if k in heads or k in orgs), None)
    if key is None or i + 1 >= stop:
        return None
    head_en, typ = (heads[key], "MIL") if key in heads else (orgs[key], "ORG")
    nxt = tokens[i + 1]
    if typ == "MIL" and nxt.text.isdigit():
        n = int(nxt.text)
        arm = tokens[i + 2] if i + 2 < stop and tokens[i + 2].is_word else None
        arm_en = next((t.unit_arms[k] for k in arm.keys if k in t.unit_arms), None) if arm else None
        if arm is not None and arm_en is not None and not arm.proclitics:  # "اللواء 73 مشاة"
            return NewActor(i, i + 3, (i + 1, i + 3), "MIL", f"{ordinal(n)} {arm_en} {head_en}",
                            f"{key} {n} {arm.text}", "pattern")
        return NewActor(i, i + 2, (i + 1, i + 2), "MIL", f"{ordinal(n)} {head_en}", f"{key} {n}", "pattern")
    if typ == "MIL":
        for k in nxt.keys:
            if k in t.ordinals:
                n = t.ordinals[k]
                return NewActor(i, i + 2, (i + 1, i + 2), "MIL", f"{ordinal(n)} {head_en}",
                                f"{key} {nxt.keys[0]}", "pattern")
    # a name: 1-2 words that are not common words, titles, given names or countries; an indefinite word
    # is an adjective ("كتيبة محلية", "سرية صغيرة") unless a definite word follows (construct: "كتيبة شهداء
    # الزاوية")
    if not _is_name_word(kb, nxt) or set(nxt.keys) & kb.keys["given_names"]:
        return None
    after = tokens[i + 2] if i + 2 < stop else None
    if not nxt.norm.startswith("ال") and not (after is not None and after.norm.startswith("ال")
                                              and _is_name_word(kb, after)):
        return None
    # a definite head takes adjectives, not names ("الحزب الحاكم", "الشركة النفطية"); a nisba word is an
    # adjective too ("لواء العسكري")
    if tok.norm.startswith("ال") or "ال" in tok.proclitics or nxt.norm.endswith(("ي", "يه")):
        return None
    if kb.names.longest_at(tokens, i + 1, stop) is not None:
        return None  # "قوات الوفاق": the KB decides
    end = i + 2
    if not nxt.norm.startswith("ال"):
        end += 1  # construct: "كتيبة شهداء الزاوية"
    elif end < stop and _is_name_word(kb, tokens[end]) and tokens[end].norm.startswith("و") and typ == "ORG":
        end += 1  # "حزب العدالة والبناء"
    name_ar = " ".join(x.text for x in tokens[i + 1:end])
    return NewActor(i, end, (i + 1, end), typ, f"{transliterate(name_ar)} {head_en}", f"{key} {name_ar}", "pattern")
