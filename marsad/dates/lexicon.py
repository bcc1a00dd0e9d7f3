"""The date vocabulary of ``data/dates.yaml`` and the regular expressions built from it.

The finder runs over the *normalized* text (see :mod:`marsad.normalize`), so every word here is normalized
on load and the patterns need not care about hamza forms or diacritics. Each pattern has a named group
``x`` for the date expression proper: a conjunction or preposition glued in front ("وأمس", "بالأمس") and a
preposition that only licenses a bare year ("في 2019") stay outside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from marsad.data import DataError, data_path, load_yaml
from marsad.normalize import match_key, normalize

# A conjunction, then a preposition only when the article follows ("وبالأمس", "فاليوم", "والخميس").
_LEFT = r"(?<![^\W_])(?:[وف](?=[^\W\d_]|\d))?(?:[بل](?=ال))?"
_RIGHT = r"(?![^\W_])"
YEAR = r"(?:1[89]|20)\d\d"  # a bare or numeric year: 1800-2099 (1436 is more likely Hijri)
NAMED_YEAR = r"(?:1\d|20)\d\d(?!\s*ه(?![^\W_]))"  # after a month or عام: any year, except Hijri "1436 هـ"


@dataclass(frozen=True)
class DateLexicon:
    """Normalized vocabulary plus the compiled patterns, one per kind of expression."""

    weekdays: dict[str, int]
    months: dict[str, int]
    ambiguous_months: frozenset[str]
    days: dict[str, int]
    anaphora: dict[str, int]
    directions: dict[str, int]
    periods: dict[str, str]
    parts: dict[str, str]
    ordinal_days: dict[str, int]
    ago_units: dict[str, tuple[str, str]]  # word -> (unit, number: singular|dual|plural)
    name_heads: frozenset[str]
    today_not_after: frozenset[str]
    weekday_not_after: frozenset[str]
    same_weekday_days: int
    future_grace_days: int
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    starters: frozenset[str]  # first words of every expression: the patterns are tried only there


def _alt(words) -> str:
    """A regex alternation of normalized phrases, longest first; a space matches any white space run."""
    ws = sorted({w for w in words if w}, key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in ws) + ")"


def _norm(word) -> str:
    return " ".join(normalize(str(word)).split())


def _mapping(cfg: dict, key: str, cast=int) -> dict[str, object]:
    section = cfg.get(key)
    if not isinstance(section, dict):
        raise DataError(f"{data_path('dates.yaml')}: section {key!r} must be a mapping")
    try:
        return {_norm(k): cast(v) for k, v in section.items()}
    except (TypeError, ValueError) as exc:
        raise DataError(f"{data_path('dates.yaml')}: section {key!r}: {exc}") from exc


def _words_of(cfg: dict, key: str) -> list[str]:
    section = cfg.get(key)
    if not isinstance(section, list):
        raise DataError(f"{data_path('dates.yaml')}: section {key!r} must be a list of words")
    return [_norm(w) for w in section]


@cache
def lexicon() -> DateLexicon:
    """Load ``dates.yaml`` once and build the patterns."""
    cfg = load_yaml("dates.yaml")
    path = data_path("dates.yaml")
    months: dict[str, int] = {}
    for number, names in (cfg.get("months") or {}).items():
        if not isinstance(names, list) or not 1 <= int(number) <= 12:
            raise DataError(f"{path}: months.{number}: expected a month number 1-12 and a list of names")
        for name in names:
            months[_norm(name)] = int(number)
    if len(set(months.values())) != 12:
        raise DataError(f"{path}: months: every month 1-12 needs at least one name")
    ago_units: dict[str, tuple[str, str]] = {}
    for unit, forms in (cfg.get("ago_units") or {}).items():
        for number in ("singular", "dual", "plural"):
            for w in forms.get(number, []):
                ago_units[_norm(w)] = (str(unit), number)
    parts = _mapping(cfg, "parts", str)
    for word, part in parts.items():
        if part not in ("start", "mid", "end", "first"):
            raise DataError(f"{path}: parts.{word}: {part!r} is not start, mid, end or first")
    periods = _mapping(cfg, "periods", str)
    for word, unit in periods.items():
        if unit not in ("week", "month", "year"):
            raise DataError(f"{path}: periods.{word}: {unit!r} is not week, month or year")
    lex = dict(
        weekdays=_mapping(cfg, "weekdays"),
        months=months,
        ambiguous_months=frozenset(_words_of(cfg, "ambiguous_months")),
        days=_mapping(cfg, "days"),
        anaphora=_mapping(cfg, "anaphora"),
        directions=_mapping(cfg, "directions"),
        periods=periods,
        parts=parts,
        ordinal_days=_mapping(cfg, "ordinal_days"),
        ago_units=ago_units,
        name_heads=frozenset(match_key(w) for w in _words_of(cfg, "name_heads")),
        today_not_after=frozenset(_words_of(cfg, "today_not_after")),
        weekday_not_after=frozenset(_words_of(cfg, "weekday_not_after")),
        same_weekday_days=int(cfg.get("same_weekday_days", 0)),
        future_grace_days=int(cfg.get("future_grace_days", 31)),
    )
    patterns = _build_patterns(cfg, lex)
    phrases = [*lex["weekdays"], *lex["months"], *lex["days"], *lex["anaphora"], *lex["parts"],
               *lex["ordinal_days"], *lex["periods"], *lex["ago_units"], "يوم", "شهر"]
    for key in ("times_of_day", "this_words", "ago_words", "year_words"):
        phrases += _words_of(cfg, key)
    starters = frozenset(p.split()[0] for p in phrases)
    return DateLexicon(patterns=patterns, starters=starters, **lex)


def _build_patterns(cfg: dict, lex: dict) -> tuple[tuple[str, re.Pattern[str]], ...]:
    wd = _alt(lex["weekdays"])
    month = _alt(lex["months"])
    tod = _alt(_words_of(cfg, "times_of_day"))
    direction = _alt(lex["directions"])
    part = _alt(lex["parts"])
    ordinal = _alt(lex["ordinal_days"])
    equals = _alt(_words_of(cfg, "equals_words"))
    ranges = [w for w in _words_of(cfg, "range_words") if w != "و"]
    year_words = _alt(_words_of(cfg, "year_words"))
    this = _alt(_words_of(cfg, "this_words"))
    periods = _alt(lex["periods"])
    month_periods = _alt(w for w, unit in lex["periods"].items() if unit == "month")
    today_block = _alt(_words_of(cfg, "today_not_before"))
    days = {w: o for w, o in lex["days"].items()}
    day_words = _alt(w for w in days if w != "اليوم")
    day_rel = rf"(?:{day_words}|اليوم(?!\s+{today_block}{_RIGHT}))"
    ago = _alt(_words_of(cfg, "ago_words"))
    units = _alt(lex["ago_units"])
    anaphora = _alt(lex["anaphora"])

    year_x = (rf"(?:(?:(?:من\s+)?{year_words}\s+)?(?P<year>{NAMED_YEAR})(?:\s*م{_RIGHT})?"
              rf"|من\s+{year_words}\s+(?P<ydir>{direction}))")
    month_x = (rf"(?P<shahr>شهر\s+)?(?P<m1>{month})(?:(?:\s*[/(\-\"]\s*|\s+)(?P<m2>{month})\s*[)\"]?)?"
               rf"(?:\s*,?\s+{year_x})?(?:\s+(?P<dir>{direction}))?")
    day1 = rf"(?:(?P<day>[0-3]?\d)(?!\d)|(?P<ord>{ordinal}))"
    day2 = rf"(?:(?P<day2>[0-3]?\d)(?!\d)|(?P<ord2>{ordinal}))"
    range_sep = rf"(?:\s*-\s*|\s+(?:{_alt(ranges)})\s+|\s+و\s*)"
    wd_pre = rf"(?P<wd>(?:يوم\s+)?{wd})\s*,?\s*(?:{equals}\s+)?"
    pats = {
        # 2019-04-04, 4/4/2019, 4-4-2019, 2019/04/04
        "numeric": rf"(?<![\d/.-])(?P<x>(?P<y>{YEAR})[-/.](?P<mo>\d\d?)[-/.](?P<d>\d\d?)"
                   rf"|(?P<d2>\d\d?)\s*[/.-]\s*(?P<mo2>\d\d?)\s*[/.-]\s*(?P<y2>{YEAR}))(?![\d/])",
        # (الخميس،) 4 أبريل/نيسان 2019, الخامس من يونيو الماضي, بين 5 و8 يونيو
        "daymonth": rf"{_LEFT}(?P<x>(?:{wd_pre})?(?:يوم\s+)?(?<![\d/.-]){day1}(?:{range_sep}{day2})?(?:\s+من)?\s+{month_x}){_RIGHT}",
        # العاشر من الشهر الجاري, 5 من الشهر الماضي
        "dayperiod": rf"{_LEFT}(?P<x>(?:يوم\s+)?(?<![\d/.-]){day1}(?:{range_sep}{day2})?\s+من\s+(?:(?P<this>{this})\s+)?"
                     rf"(?P<unit>{month_periods})(?:\s+(?P<dir>{direction}))?){_RIGHT}",
        # مطلع يوليو/تموز الماضي, شهر أبريل 2019, ديسمبر الماضي
        "month": rf"{_LEFT}(?P<x>(?:(?P<part>{part})\s+(?:من\s+)?)?{month_x}){_RIGHT}",
        # صباح أمس الأحد, يوم الخميس, الجمعة الماضية, اليوم الإثنين
        "weekday": rf"{_LEFT}(?P<x>(?:(?P<tod>{tod})\s+)?(?:(?P<rel>يوم|{day_rel})\s+)?(?:(?P<tod2>{tod})\s+)?"
                   rf"(?P<wd>{wd})(?:\s+(?P<dir>{direction}))?){_RIGHT}",
        # أمس, فجر اليوم, الليلة الماضية, يوم غد
        "day": rf"{_LEFT}(?P<x>(?:(?P<tod>{tod})\s+)?(?:يوم\s+)?(?P<rel>{day_rel})){_RIGHT}",
        # اليوم نفسه, مساء اليوم التالي
        "anaphora": rf"{_LEFT}(?P<x>(?:(?P<tod>{tod})\s+)?(?P<ana>{anaphora})){_RIGHT}",
        # الأسبوع الماضي, مطلع الشهر الجاري, هذا العام, نهاية السنة الماضية
        "period": rf"{_LEFT}(?P<x>(?:(?P<part>{part})\s+)?(?:(?P<this>{this})\s+)?(?P<unit>{periods})"
                  rf"(?:\s+(?P<dir>{direction}))?){_RIGHT}",
        # قبل يومين, منذ ثلاثة أسابيع, قبل 5 أيام
        "ago": rf"{_LEFT}(?P<x>(?P<ago>{ago})\s+(?:(?:اكثر\s+من|نحو|حوالي|قرابه)\s+)?"
               rf"(?:(?P<n>\d+|[^\W\d_]+(?:\s+و?[^\W\d_]+)?)\s+)?(?P<unit>{units})){_RIGHT}"
               rf"(?!\s+(?:من|{wd}|{YEAR}|{month}){_RIGHT})",
    }
    # عام 2019, مطلع 2020, في 2019
    pats["year"] = _year_pattern(_words_of(cfg, "year_prepositions"), year_words, part)
    return tuple((kind, re.compile(p)) for kind, p in pats.items())


def _year_pattern(preps: list[str], year_words: str, part: str) -> str:
    """A year after a year word or a part word, or a bare year right after one of ``preps``.

    Python's ``re`` has no variable-width lookbehind, so each preposition gets its own.
    """
    looks = "|".join(rf"(?<=(?<![^\W_]){c}{re.escape(p)}\s)"
                     for p in sorted(set(preps), key=len, reverse=True) for c in ("", "و", "ف"))
    return (rf"{_LEFT}(?P<x>(?:(?P<part>{part})\s+(?:{year_words}\s+)?(?P<y1>{NAMED_YEAR})"
            rf"|{year_words}\s+(?P<y2>{NAMED_YEAR})|(?:{looks})(?P<y3>{YEAR}))(?:\s*م{_RIGHT})?)"
            rf"(?![\d/.-]*\d)(?![^\W\d_])")
