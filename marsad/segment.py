"""Tokens with clitic analysis, and sentences, as offsets into the original text.

The tokenizer never copies or rewrites the text: a token is a span plus its matching forms. Arabic glues
conjunctions, prepositions and the article to the word ("وبطرابلس" = و + ب + طرابلس) and pronouns to its
end ("قواته" = قوات + ه); a lexicon look-up must see through them, so each token lists candidate keys from
the most literal reading to the most stripped, and the matcher takes the first one its lexicon knows.

Sentence splitting handles Arabic punctuation (؟ ! . …), paragraph breaks, closing quotes after the stop,
abbreviations of one letter ("د."), decimals, and the full stop glued to the next word ("طرابلس.حيث"),
which scraped Arabic is full of.
"""

from __future__ import annotations

import re
from functools import cache

from marsad.data import load_yaml
from marsad.doc import Document, Sentence, Token
from marsad.normalize import normalize

_WORD = r"[^\W_]|[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]"
_TOKEN_RE = re.compile(
    rf"\d+(?:[.,٫٬]\d+)+"  # numbers with separators: 3.5, 1,200
    rf"|(?:{_WORD})+"  # words (letters, digits, diacritics, tatweel)
    r"|\.{2,}|…"  # ellipses
    r"|\S",  # any other single visible character
)
_TERMINAL = {".", "!", "?", "؟", "…", "...", "؛"}
_CLOSERS = {"»", "”", "\"", "'", "’", ")", "]", "}", "›"}
_OPENERS = {"«": "»", "“": "”", "‹": "›"}


@cache
def _clitics() -> tuple[tuple[str, ...], tuple[str, ...], int]:
    """Proclitic chains (longest first), enclitics (longest first) and the minimum stem length."""
    cfg = load_yaml("arabic.yaml")
    conj = [""] + cfg["conjunctions"]
    preps = [""] + cfg["prepositions"]
    art = cfg["article"]
    chains: set[str] = set()
    for c in conj:
        for p in preps:
            chains.add(c + p)
            if p != "س":
                chains.add(c + p + art)
        chains.add(c + "لل")  # ل + ال is written لل
    chains.discard("")
    procl = tuple(sorted(chains, key=len, reverse=True))
    encl = tuple(sorted(cfg["enclitics"], key=len, reverse=True))
    return procl, encl, int(cfg["min_stem"])


def analyze(surface: str) -> tuple[str, tuple[str, ...], str, str, str]:
    """Clitic analysis of one word: (norm, keys, stem, proclitics, enclitic).

    ``keys`` holds every reading whose stem keeps at least ``min_stem`` letters, article dropped, the
    literal reading first. ``stem`` prefers stripping a conjunction/preposition only when a long enough
    stem remains, and an enclitic only when the word did not end in ta marbuta (قواته → قوات, but سلامة
    stays سلامة).
    """
    norm = normalize(surface)
    procl, encl, min_stem = _clitics()
    ends_ta_marbuta = surface.rstrip("".join(map(chr, range(0x064B, 0x0653))) + "ـ").endswith("ة")
    keys: list[str] = []
    readings: list[tuple[str, str]] = [("", norm)]
    for p in procl:
        if p.endswith("س") and norm[len(p):len(p) + 1] not in ("ي", "ت", "ن", "ا"):
            continue  # the future particle only precedes an imperfect verb
        if norm.startswith(p) and len(norm) - len(p) >= min_stem:
            readings.append((p, norm[len(p):]))
    for _p, rest in readings:
        base = rest[2:] if rest.startswith("ال") and len(rest) - 2 >= min_stem else rest
        keys.append(base)
        if not ends_ta_marbuta:
            for e in encl:
                if base.endswith(e) and len(base) - len(e) >= max(min_stem, 3):
                    keys.append(base[: -len(e)])
                    break
    keys = list(dict.fromkeys(keys))
    stem, pro, enc = _best_stem(norm, readings, encl, ends_ta_marbuta)
    return norm, tuple(keys), stem, pro, enc


def _best_stem(norm: str, readings, encl, ends_ta_marbuta: bool) -> tuple[str, str, str]:
    """Pick one reading: the longest proclitic chain that leaves a plausible stem (>= 3 letters, or the
    article follows), then one enclitic when >= 3 letters remain."""
    pro, stem = "", norm
    known = next(((p, r) for p, r in readings if r in _whole_words()), None)
    if known:
        readings = [known]
        pro, stem = known
    for p, rest in readings[1:]:
        has_article = p.endswith("ال") or p.endswith("لل")
        if len(rest) >= 4 or (has_article and len(rest) >= 2) or (len(p) >= 2 and len(rest) >= 3):
            if len(p) > len(pro):
                pro, stem = p, rest
    if stem.startswith("ال") and len(stem) > 3:
        pro, stem = pro + "ال", stem[2:]
    enc = ""
    if not ends_ta_marbuta:
        for e in encl:
            if stem.endswith(e) and len(stem) - len(e) >= 3:
                enc, stem = e, stem[: -len(e)]
                break
    return stem, pro, enc


@cache
def _whole_words() -> frozenset[str]:
    return frozenset(normalize(w) for w in load_yaml("arabic.yaml").get("whole_words", []))


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens with offsets and clitic analyses."""
    tokens: list[Token] = []
    for m in _TOKEN_RE.finditer(text):
        surface = m.group()
        if surface[0].isalnum() or len(surface) > 1 and surface[0] != ".":
            norm, keys, stem, pro, enc = analyze(surface)
            tokens.append(Token(m.start(), m.end(), surface, norm, keys, stem, pro, enc, True))
        else:
            norm = normalize(surface)
            tokens.append(Token(m.start(), m.end(), surface, norm, (norm,), norm, "", "", False))
    return tokens


def split_sentences(text: str, tokens: list[Token]) -> list[Sentence]:
    """Group tokens into sentences.

    A sentence ends at a terminal mark (with any closing quotes or brackets right after it) unless the
    mark follows a one-letter abbreviation or sits inside an open quotation of the same paragraph; a
    paragraph break (a newline between two tokens) always ends one.
    """
    sentences: list[Sentence] = []
    first = 0
    quote_stack: list[str] = []
    straight_open = False
    n = len(tokens)

    def close(last: int) -> None:
        nonlocal first
        if last > first:
            sentences.append(Sentence(tokens[first].start, tokens[last - 1].end, first, last))
        first = last

    i = 0
    while i < n:
        tok = tokens[i]
        if i > first and "\n" in text[tokens[i - 1].end:tok.start]:
            close(i)
            quote_stack.clear()
            straight_open = False
        t = tok.text
        if t in _OPENERS:
            quote_stack.append(_OPENERS[t])
        elif quote_stack and t == quote_stack[-1] or t == "\"" and straight_open:
            if quote_stack and t == quote_stack[-1]:
                quote_stack.pop()
            else:
                straight_open = False
            if i > first and tokens[i - 1].text in _TERMINAL and not quote_stack and not straight_open:
                close(i + 1)  # «... هنا.» ends the sentence after the closing quote
                i += 1
                continue
        elif t == "\"":
            straight_open = True
        if t in _TERMINAL and t != "؛" and not _is_abbreviation(tokens, i, first):
            in_quote = bool(quote_stack) or straight_open
            if in_quote and not _quote_closes_in_paragraph(text, tok.end, quote_stack, straight_open):
                in_quote = False
            if not in_quote:
                j = i + 1
                while j < n and tokens[j].text in _CLOSERS and tokens[j].start == tokens[j - 1].end:
                    j += 1
                close(j)
                quote_stack.clear()
                straight_open = False
                i = j
                continue
        i += 1
    close(n)
    return sentences


def _is_abbreviation(tokens: list[Token], i: int, first: int) -> bool:
    """"د." or "م." : a single letter right before a full stop is an abbreviation, not a sentence end."""
    if tokens[i].text != "." or i == first:
        return False
    prev = tokens[i - 1]
    return prev.is_word and len(prev.text) == 1 and prev.end == tokens[i].start and not prev.text.isdigit()


def _quote_closes_in_paragraph(text: str, pos: int, stack: list[str], straight: bool) -> bool:
    """True when the open quotation is closed before the paragraph ends (so the stop is inside it)."""
    end = text.find("\n", pos)
    rest = text[pos:] if end == -1 else text[pos:end]
    if stack:
        return stack[-1] in rest
    return straight and "\"" in rest


def segment(doc: Document) -> Document:
    """Pipeline stage: fill ``doc.tokens`` and ``doc.sentences``."""
    doc.tokens = tokenize(doc.text)
    doc.sentences = split_sentences(doc.text, doc.tokens)
    return doc
