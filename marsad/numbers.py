"""Numbers in Arabic news (digits and words) and the casualty counts they state.

Interfaces
----------
``find_numbers(text, start=0, end=None) -> list[Number]``
    Every number in ``text[start:end]``, as :class:`Number` (``start``, ``end`` offsets into ``text``,
    ``value``, ``approximate``, ``text``). Digits (ASCII, Arabic-Indic, Persian; "1,200", "1.5", "٫"), words
    ("خمسة وعشرون", "ثلاثمئة", "إحدى عشرة", "ألفا"), digits with a scale word ("400 ألف", "1.5 مليون") and
    vague counts ("عشرات", "مئات الآلاف", "بضعة"; value = a lower bound, ``approximate`` true). A qualifier
    before the number ("أكثر من", "نحو", "ما لا يقل عن") is part of its span and makes it approximate, as
    does one after it ("على الأقل").

``casualties_in(doc, start=0, end=None) -> list[dict]``
    Casualty counts in ``doc.text[start:end]`` (usually an event's sentence): one dict per number attached
    to a kind, ``{"kind", "value", "approximate", "span": [s, e], "text", "trigger": [s, e] | None,
    "subset"}``; ``subset`` is true for a part of a count already given ("6 قتلى بينهم 4 أطفال").
    ``kind`` is killed, wounded, captured, displaced or ``casualties`` (killed-or-wounded together,
    "مقتل وإصابة 20"). ``span`` is the number's span, ``trigger`` the word that decided the kind. Numbers
    inside ``doc.dates`` spans are skipped. The attachment rules and words live in
    ``data/casualties.yaml``, the number words in ``data/numbers.yaml``.

``parse_number_words(words) -> (value, n_used) | None`` reads a number from normalized words; the date
finder uses it for "قبل ثلاثة أيام".
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from marsad.data import DataError, data_path, load_yaml
from marsad.doc import Document, Token
from marsad.normalize import match_key, normalize

_WORD_RE = re.compile(
    r"\d+(?:[.,٫٬]\d+)*"
    r"|(?:[^\W\d_]|[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640])+"
)
_DIGITS_RE = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True, slots=True)
class Number:
    """A number found in the text: its span, value and whether the text gives it only roughly."""

    start: int
    end: int
    value: int | float
    approximate: bool
    text: str


@dataclass(frozen=True, slots=True)
class _NumberWords:
    units: dict[str, int]
    teen_units: dict[str, int]
    teen_tens: frozenset[str]
    tens: dict[str, int]
    hundreds: dict[str, int]
    scales: dict[str, int]
    duals: dict[str, int]
    vague: dict[str, int]
    approx_before: dict[str, tuple[tuple[str, ...], ...]]  # first word -> phrases, longest first
    approx_after: dict[str, tuple[tuple[str, ...], ...]]


def _value_map(cfg: dict, section: str) -> dict[str, int]:
    out: dict[str, int] = {}
    entries = cfg.get(section)
    if not isinstance(entries, dict):
        raise DataError(f"{data_path('numbers.yaml')}: section {section!r} must map values to word lists")
    for value, words in entries.items():
        if not isinstance(words, list):
            raise DataError(f"{data_path('numbers.yaml')}: {section}.{value} must be a list of words")
        for w in words:
            out[normalize(str(w))] = int(value)
    return out


@cache
def _words() -> _NumberWords:
    cfg = load_yaml("numbers.yaml")

    def phrases(key: str) -> dict[str, tuple[tuple[str, ...], ...]]:
        seqs = sorted({tuple(normalize(p).split()) for p in cfg.get(key, [])}, key=len, reverse=True)
        index: dict[str, list[tuple[str, ...]]] = {}
        for seq in seqs:
            index.setdefault(seq[0], []).append(seq)
        return {first: tuple(group) for first, group in index.items()}

    return _NumberWords(
        units=_value_map(cfg, "units"),
        teen_units=_value_map(cfg, "teen_units"),
        teen_tens=frozenset(normalize(w) for w in cfg["teen_tens"]),
        tens=_value_map(cfg, "tens"),
        hundreds=_value_map(cfg, "hundreds"),
        scales=_value_map(cfg, "scales"),
        duals=_value_map(cfg, "duals"),
        vague=_value_map(cfg, "vague"),
        approx_before=phrases("approximate_before"),
        approx_after=phrases("approximate_after"),
    )


def _digits_value(word: str) -> int | float | None:
    """Value of a digit string: "," or "٬" before exactly three digits groups thousands, "." is decimal."""
    if not _DIGITS_RE.fullmatch(word):
        return None
    if "," in word:
        head, *groups = word.split(",")
        if not all(len(g) == 3 and g.isdigit() for g in groups):
            return None
        word = head + "".join(groups)
    if word.count(".") > 1:
        return None
    return float(word) if "." in word else int(word)


def _classify(word: str, first: bool) -> tuple[str, int | float] | None:
    """(kind, value) of one normalized word, or None. ``first``: the word may carry a clitic (و ب ل ف)."""
    nw = _words()
    d = _digits_value(word)
    if d is not None:
        return "digits", d
    for table, kind in ((nw.units, "unit"), (nw.tens, "tens"), (nw.hundreds, "hund"), (nw.scales, "scale"),
                        (nw.duals, "dual"), (nw.vague, "vague"), (nw.teen_units, "teen_unit")):
        if word in table:
            return kind, table[word]
    if first:
        for pre in ("وب", "ول", "و", "ب", "ل", "ف"):
            rest = word[len(pre):]
            if word.startswith(pre) and len(rest) >= 3 and (_digits_value(rest) is None):
                got = _classify(rest, False)
                if got:
                    return got
        if word.startswith("ال") and word[2:] in nw.vague:  # "العشرات من"
            return "vague", nw.vague[word[2:]]
    return None


def _scale_word(word: str) -> str | None:
    """``word`` itself when it is a scale word ("الف", "الاف"), else without its article ("الالاف")."""
    nw = _words()
    for w in (word, word[2:] if word.startswith("ال") else None):
        if w and (w in nw.scales or w in nw.duals):
            return w
    return None


def parse_number_words(words: list[str]) -> tuple[int | float, int, bool] | None:
    """Read one number from the start of ``words`` (normalized, no punctuation).

    Returns (value, words used, vague) or None. The grammar follows how Arabic writes compounds: unit
    before tens joined by و ("خمسة وعشرون"), a unit before عشر for the teens, a multiplier before a scale
    ("ثلاثة آلاف", "400 ألف", "عشرات الآلاف"), each later part joined by و and smaller than the last
    scale ("ألف وخمسمئة").
    """
    nw = _words()
    if not words:
        return None
    first = _classify(words[0], True)
    if first is None:
        return None
    kind, val = first
    i = 1
    vague = kind == "vague"
    total: float = 0
    last_scale: float = float("inf")
    if kind == "teen_unit":
        if len(words) > 1 and words[1] in nw.teen_tens:
            cur, last, i = 10 + val, "teen", 2
        else:
            return None
    elif kind == "unit" and len(words) > 1 and words[1] in nw.teen_tens and val < 10:
        cur, last, i = 10 + val, "teen", 2
    elif kind == "dual":
        total, cur, last, last_scale = val, 0, "scale", val / 2
    elif kind == "scale":
        if words[0] in nw.vague:  # "آلاف" alone is a vague count
            cur, last, vague = nw.vague[words[0]], "vague", True
        else:
            total, cur, last, last_scale = val, 0, "scale", val
    else:
        cur, last = val, kind
    while i < len(words):
        w = words[i]
        joined = w.startswith("و") and len(w) > 1
        body = w[1:] if joined else w
        got = _classify(body, False)
        sw = _scale_word(body)
        if not joined and sw and last in ("unit", "digits", "teen", "tens", "hund", "vague"):
            scale = nw.scales.get(sw) or nw.duals[sw] / 2
            if scale >= last_scale:
                break
            total += (cur or 1) * scale
            cur, last, last_scale = 0, "scale", scale
            i += 1
            continue
        if not joined and last == "unit" and got and got[0] == "hund" and got[1] == 100 and cur < 10:
            cur, last = cur * 100, "hund"
            i += 1
            continue
        if joined and got:
            k, v = got
            if last == "unit" and k == "tens" and cur < 10:
                cur += v
                last = "tens"
            elif last == "hund" and k in ("unit", "tens", "teen_unit") and cur % 100 == 0:
                if k == "teen_unit" or (k == "unit" and i + 1 < len(words) and words[i + 1] in nw.teen_tens):
                    if i + 1 < len(words) and words[i + 1] in nw.teen_tens:
                        cur += 10 + v
                        last = "teen"
                        i += 2
                        continue
                    break
                cur += v
                last = k
            elif last == "scale" and k in ("unit", "tens", "hund", "teen_unit") and v < last_scale:
                if k == "teen_unit" or (k == "unit" and i + 1 < len(words) and words[i + 1] in nw.teen_tens):
                    if i + 1 < len(words) and words[i + 1] in nw.teen_tens:
                        cur, last = 10 + v, "teen"
                        i += 2
                        continue
                    break
                cur, last = v, k
            else:
                break
            i += 1
            continue
        break
    value = total + cur
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return value, i, vague


def _word_spans(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    segment = text[start:end]
    norm = normalize(segment)
    if len(norm) == len(segment):  # nothing deleted: offsets carry over, one C-level pass
        return [(m.start() + start, m.end() + start, m.group()) for m in _WORD_RE.finditer(norm)]
    spans = [(m.start(), m.end(), normalize(m.group())) for m in _WORD_RE.finditer(text, start, end)]
    return [w for w in spans if w[2]]  # a word of tatweel or marks alone normalizes to nothing


def _phrase_at(words: list[tuple[int, int, str]], i: int, phrases: dict[str, tuple[tuple[str, ...], ...]]) -> int:
    """Length (in words) of the longest phrase of ``phrases`` (indexed by first word) starting at word
    ``i``, 0 if none."""
    for p in phrases.get(words[i][2], ()):
        if tuple(w[2] for w in words[i:i + len(p)]) == p:
            return len(p)
    return 0


def _adjacent(text: str, a_end: int, b_start: int) -> bool:
    """Only white space (no punctuation) between two words."""
    return a_end == b_start or not text[a_end:b_start].strip()


def _may_start(word: str, starters: frozenset[str]) -> bool:
    """Cheap test that ``word`` could begin a number (so the parser runs on few words)."""
    return (word[0].isdigit() or word in starters or word[1:] in starters or word[2:] in starters)


def find_numbers(text: str, start: int = 0, end: int | None = None) -> list[Number]:
    """Every number in ``text[start:end]`` with offsets into ``text`` (see the module docstring)."""
    end = len(text) if end is None else end
    words = _word_spans(text, start, end)
    nw = _words()
    starters = _starters()
    out: list[Number] = []
    n_words = len(words)
    i = 0
    while i < n_words:
        q = _phrase_at(words, i, nw.approx_before)
        j = i + q
        if j >= n_words:
            break
        if not _may_start(words[j][2], starters) or (q and not _adjacent(text, words[j - 1][1], words[j][0])):
            i += 1
            continue
        # a number is a run of words with nothing but spaces between them
        run = [words[j][2]]
        k = j + 1
        while k < n_words and k - j < 12 and _adjacent(text, words[k - 1][1], words[k][0]):
            run.append(words[k][2])
            k += 1
        parsed = parse_number_words(run)
        if parsed is None:
            i += 1
            continue
        value, used, vague = parsed
        last = j + used - 1
        approx = bool(q) or vague
        # "19 مدنيا على الأقل": the qualifier may follow the counted noun
        for after in (last + 1, last + 2):
            if after < n_words and _adjacent(text, words[after - 1][1], words[after][0]):
                if _phrase_at(words, after, nw.approx_after):
                    approx = True
                    break
            else:
                break
        s = words[i][0]
        e = words[last][1]
        out.append(Number(s, e, value, approx, text[s:e]))
        i = last + 1
    return out


@cache
def _starters() -> frozenset[str]:
    nw = _words()
    words: set[str] = set()
    for table in (nw.units, nw.teen_units, nw.tens, nw.hundreds, nw.scales, nw.duals, nw.vague):
        words.update(table)
    words.update("ال" + w for w in nw.vague)
    return frozenset(words)


# --- casualties -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _CasualtyWords:
    before: dict[str, str]
    heads: dict[str, str]
    after: dict[str, str]
    window: int
    combined: str
    not_counts: frozenset[str]
    subset_markers: frozenset[str]


@cache
def _casualty_words() -> _CasualtyWords:
    cfg = load_yaml("casualties.yaml")
    path = data_path("casualties.yaml")
    maps: dict[str, dict[str, str]] = {"before": {}, "heads": {}, "after": {}}
    kinds = cfg.get("kinds")
    if not isinstance(kinds, dict):
        raise DataError(f"{path}: 'kinds' must map a kind to its word lists")
    for kind, spec in kinds.items():
        if not isinstance(spec, dict):
            raise DataError(f"{path}: kind {kind!r} must be a mapping with before/heads/after lists")
        for role in maps:
            for w in spec.get(role, []) or []:
                maps[role].setdefault(match_key(str(w)), kind)
    not_counts = frozenset(match_key(str(w)).split()[0] for w in cfg.get("not_counts", []))
    return _CasualtyWords(maps["before"], maps["heads"], maps["after"], int(cfg.get("window", 3)),
                          str(cfg.get("combined", "casualties")), not_counts,
                          frozenset(normalize(str(w)) for w in cfg.get("subset_markers", [])))


@cache
def _approx_after_words() -> frozenset[str]:
    return frozenset(w for phrases in _words().approx_after.values() for p in phrases for w in p)


def _kind_of(tok: Token, table: dict[str, str]) -> str | None:
    for key in tok.keys:
        if key in table:
            return table[key]
    return None


def _doc_tokens(doc: Document) -> list[Token]:
    if doc.tokens:
        return doc.tokens
    from marsad.segment import tokenize  # lazy: only when the document was not segmented

    return tokenize(doc.text)


def casualties_in(doc: Document, start: int = 0, end: int | None = None) -> list[dict]:
    """Casualty counts stated in ``doc.text[start:end]`` (see the module docstring for the record)."""
    end = len(doc.text) if end is None else end
    cw = _casualty_words()
    tokens = _doc_tokens(doc)
    starts = [t.start for t in tokens]
    date_spans = [(d.start, d.end) for d in doc.dates]
    out: list[dict] = []
    numbers = find_numbers(doc.text, start, end)

    def token_range(n: Number) -> range:
        """Tokens covering the number: a clitic may glue it to a word ("و3")."""
        return range(max(0, bisect.bisect_right(starts, n.start) - 1), bisect.bisect_left(starts, n.end))

    number_tokens = {i for n in numbers for i in token_range(n)}
    for num in numbers:
        if any(ds < num.end and num.start < de for ds, de in date_spans):
            continue
        span = token_range(num)
        first, last = span.start, span.stop  # last: the first token after the number
        kind, trigger = _attach(tokens, first, last, cw, number_tokens)
        if kind is None:
            continue
        subset = first > 0 and tokens[first - 1].norm in cw.subset_markers
        out.append({"kind": kind, "value": num.value, "approximate": num.approximate,
                    "span": [num.start, num.end], "text": num.text,
                    "trigger": [trigger.start, trigger.end] if trigger else None, "subset": subset})
    return out


def _attach(tokens: list[Token], first: int, last: int, cw: _CasualtyWords,
            number_tokens: set[int]) -> tuple[str | None, Token | None]:
    """The kind of the number covering tokens [first, last), by the rule in ``data/casualties.yaml``:
    the nearest introducing word on the left, then a head on the right, then a head on the left ("حصيلة
    القتلى إلى 20"), then a verb after it. Punctuation and other numbers end each window."""
    if last < len(tokens) and any(k in cw.not_counts for k in tokens[last].keys):
        return None, None  # "أربعة أيام", "65 طنا": a measure
    right: list[Token] = []
    skip = _approx_after_words()
    i = last
    while i < len(tokens) and len(right) < cw.window:
        if not tokens[i].is_word or i in number_tokens:
            break
        if tokens[i].norm not in skip:  # "ثلاثة مقاتلين على الأقل قتلوا"
            right.append(tokens[i])
        i += 1
    left_head: tuple[str, Token] | None = None
    for idx in range(first - 1, max(-1, first - 1 - cw.window), -1):
        tok = tokens[idx]
        if not tok.is_word or idx in number_tokens:
            break
        kind = _kind_of(tok, cw.before)
        if kind:
            if tok.proclitics.startswith("و") and idx > 0:
                other = _kind_of(tokens[idx - 1], cw.before)
                if other and other != kind:
                    return cw.combined, tok
            return kind, tok
        kind = _kind_of(tok, cw.heads)
        if kind and left_head is None:
            left_head = kind, tok
    for tok in right:
        kind = _kind_of(tok, cw.heads)
        if kind:
            return kind, tok
    if left_head:
        return left_head
    for tok in right:
        kind = _kind_of(tok, cw.after)
        if kind:
            return kind, tok
    return None, None
