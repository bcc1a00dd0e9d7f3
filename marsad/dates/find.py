"""Finding date expressions and resolving each against the publication date (rules: ``marsad.dates``)."""

from __future__ import annotations

import bisect
import calendar
import re
from datetime import date, timedelta
from functools import cache

from marsad.data import load_yaml
from marsad.dates.lexicon import DateLexicon, lexicon
from marsad.doc import DateRef
from marsad.normalize import NormText, normalize, normalize_with_map
from marsad.segment import analyze

Resolved = tuple[date | None, str | None]
_PRIORITY = {"numeric": 0, "daymonth": 1, "dayperiod": 1, "month": 2, "weekday": 3, "anaphora": 4, "day": 5, "period": 6,
             "ago": 7, "year": 8}
_PREV_WORD = re.compile(r"([^\W\d_]+)[\s\"']*$")
_WORD = re.compile(r"[^\W_]+")
_DAY_BEFORE = re.compile(r"\d\s*(?:من\s+)?$")


class _Deletions:
    """Maps normalized offsets back to the original text when normalization only *deleted* characters
    (diacritics, tatweel, zero-width marks), without a per-character Python loop: the deleted positions
    are found by one regex pass, and an offset is mapped by counting deletions before it."""

    __slots__ = ("deleted", "length")

    def __init__(self, deleted: list[int], length: int) -> None:
        self.deleted = deleted
        self.length = length

    def _orig(self, n: int) -> int:
        o = n
        while True:
            o2 = n + bisect.bisect_right(self.deleted, o)
            if o2 == o:
                return o
            o = o2

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        return self._orig(start), self._orig(end - 1) + 1 if end > start else self._orig(start)


@cache
def _deleted_chars() -> re.Pattern[str]:
    chars = load_yaml("arabic.yaml")["chars"]
    gone = "".join(re.escape(k) for k, v in chars.items() if v == "")
    return re.compile(f"[{gone}]")


def _norm_text(text: str) -> tuple[str, NormText | _Deletions]:
    """Normalized text and its map back. Normalization replaces one character by one or deletes it, so
    the offsets only move where characters were deleted."""
    norm = normalize(text)
    if len(norm) == len(text):
        return norm, _Deletions([], len(text))
    deleted = [m.start() for m in _deleted_chars().finditer(text)]
    if len(text) - len(deleted) == len(norm):
        return norm, _Deletions(deleted, len(text))
    nt = normalize_with_map(text)  # a table entry expands or is unusual: the exact map
    return nt.text, nt


def find_dates(text: str, published: date | None = None, warnings: list[str] | None = None) -> list[DateRef]:
    """Every date expression of ``text``, resolved against ``published`` (see :mod:`marsad.dates`)."""
    lex = lexicon()
    norm, nt = _norm_text(text)
    candidates: list[tuple[int, int, int, str, re.Match[str]]] = []
    for pos in _starts(norm, lex.starters):
        for kind, pattern in lex.patterns:
            m = pattern.match(norm, pos)
            if m is None:
                continue
            s, e = m.span("x")
            if e > s and _acceptable(kind, m, lex, norm):
                candidates.append((s, -(e - s), _PRIORITY[kind], kind, m))
    candidates.sort(key=lambda c: c[:3])
    chosen: list[tuple[int, int, str, re.Match[str]]] = []
    taken_until = -1
    for s, neg_len, _p, kind, m in candidates:
        if s >= taken_until:
            chosen.append((s, s - neg_len, kind, m))
            taken_until = s - neg_len
    out: list[DateRef] = []
    last_day: date | None = None
    for s, e, kind, m in chosen:
        o_start, o_end = nt.to_original(s, e)
        surface = text[o_start:o_end]
        try:
            value, precision = _resolve(kind, m, lex, published, last_day, surface, warnings)
        except (ValueError, OverflowError):  # "منذ 2500 عام": outside the calendar we can represent
            value, precision = None, None
        if precision == "day" and value is not None:
            last_day = value
        out.append(DateRef(o_start, o_end, surface, value, precision))
    return _join_day_pairs(text, out)


_DAY_PAIR = re.compile(r"(?:يومي|أيام|ايام)\s+$")


def _join_day_pairs(text: str, refs: list[DateRef]) -> list[DateRef]:
    """"يومي السبت والأحد" names two days, not one: the pair becomes one expression from the first day
    with precision ``week`` (a span of days), so nothing is dated to either day alone."""
    out: list[DateRef] = []
    i = 0
    while i < len(refs):
        a = refs[i]
        b = refs[i + 1] if i + 1 < len(refs) else None
        if (b is not None and a.precision == "day" and b.precision == "day" and a.value and b.value
                and 0 < (b.value - a.value).days <= 6 and text[a.end:b.start].strip() in ("و", "")
                and _DAY_PAIR.search(text[max(0, a.start - 8):a.start])):
            out.append(DateRef(a.start, b.end, text[a.start:b.end], a.value, "week"))
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def _starts(norm: str, starters: frozenset[str]) -> list[int]:
    """Offsets of the words that may begin a date expression (a digit, or a starter word, possibly
    behind a conjunction and a preposition): trying the patterns only there keeps the finder fast."""
    out = []
    for m in _WORD.finditer(norm):
        w = m.group()
        if w[0].isdigit() or w in starters or w[1:] in starters or w[2:] in starters:
            out.append(m.start())
    return out


def _acceptable(kind: str, m: re.Match[str], lex: DateLexicon, norm: str) -> bool:
    """Context checks the patterns cannot make: ambiguous month names, names of places and groups."""
    g = _groups(m)
    if kind in ("month", "daymonth") and g["m1"] in lex.ambiguous_months:
        context = (kind == "daymonth" or g.get("part") or g["shahr"] or g["m2"] or g["year"] or g["ydir"] or g["dir"])
        if not context:
            return False
    if kind == "month" and not g["part"] and _DAY_BEFORE.search(norm, max(0, m.start("x") - 12), m.start("x")):
        return False  # the day-month reading was refused (ثورة 17 فبراير): so is the month
    if kind == "period" and not (g["part"] or g["this"] or g["dir"] is not None):
        return False
    if kind == "ago" and g["n"] is None and lex.ago_units[g["unit"]][1] == "plural":
        return False
    if kind in ("weekday", "daymonth", "month", "day"):
        prev = _PREV_WORD.search(norm, max(0, m.start("x") - 40), m.start("x"))
        word = prev.group(1) if prev else ""
        bare = m.group("x") == g.get("rel") == "اليوم" or m.group("x") == g.get("wd")
        if word and (kind != "day" or bare) and any(k in lex.name_heads for k in analyze(word)[1]):
            return False  # سوق الجمعة, ثورة 17 فبراير, صحيفة "اليوم": a name, not a date
        if bare and kind == "day" and word in lex.today_not_after:
            return False  # ذلك اليوم, في اليوم (per day)
        if bare and kind == "weekday" and word in lex.weekday_not_after:
            return False  # بين الاثنين (between the two)
    return True


def _groups(m: re.Match[str]) -> dict[str, str | None]:
    """Named groups with every white-space run made one space, as the lexicon keys are."""
    return {k: " ".join(v.split()) if v else v for k, v in m.groupdict().items()}


# --- resolution -------------------------------------------------------------------------------------


def _resolve(kind: str, m: re.Match[str], lex: DateLexicon, pub: date | None, last_day: date | None,
             surface: str, warnings: list[str] | None) -> Resolved:
    g = _groups(m)
    if kind == "numeric":
        return _numeric(g)
    if kind == "year":
        year = int(g["y1"] or g["y2"] or g["y3"])
        return _year_part(year, lex.parts.get(g["part"] or ""))
    if kind == "anaphora":
        if last_day is None:
            return None, "day"
        return last_day + timedelta(days=lex.anaphora[g["ana"]]), "day"
    if pub is None and kind not in ("daymonth", "month"):
        return None, _precision_without_value(kind, g, lex)
    if kind == "day":
        return pub + timedelta(days=lex.days[g["rel"]]), "day"
    if kind == "weekday":
        return _weekday(g, lex, pub, surface, warnings)
    if kind == "period":
        return _period(g, lex, pub)
    if kind == "ago":
        return _ago(g, lex, pub)
    if kind == "month":
        return _month(g, lex, pub)
    if kind == "dayperiod":
        y, mo = _add_months(pub.year, pub.month, lex.directions.get(g["dir"] or "", 0))
        day, precision = _day_range(g, lex)
        return _safe_date(y, mo, day), precision
    return _daymonth(g, lex, pub, surface, warnings)


def _precision_without_value(kind: str, g: dict, lex: DateLexicon) -> str:
    """What the expression would give if the publication date were known."""
    unit = (lex.periods.get(g.get("unit") or "") if kind == "period"
            else lex.ago_units[g["unit"]][0] if kind == "ago" else "day")
    return unit or "day"


def _numeric(g: dict) -> Resolved:
    try:
        if g["y"]:
            return date(int(g["y"]), int(g["mo"]), int(g["d"])), "day"
        return date(int(g["y2"]), int(g["mo2"]), int(g["d2"])), "day"
    except ValueError:
        return None, None


def _year_part(year: int, part: str | None) -> Resolved:
    if part in ("start", "first"):
        return date(year, 1, 1), "month"
    if part == "end":
        return date(year, 12, 1), "month"
    return date(year, 1, 1), "year"


def _weekday(g: dict, lex: DateLexicon, pub: date, surface: str, warnings: list[str] | None) -> Resolved:
    wd = lex.weekdays[g["wd"]]
    rel = g["rel"]
    if rel and rel != "يوم":
        value = pub + timedelta(days=lex.days[rel])
        if value.weekday() != wd and warnings is not None:
            warnings.append(f"dates: {surface!r} names {calendar.day_name[wd]} but the relative word gives "
                            f"{value.isoformat()} ({calendar.day_name[value.weekday()]}); kept the latter")
        return value, "day"
    return _weekday_near(wd, lex.directions.get(g["dir"] or "", None), pub, lex.same_weekday_days), "day"


def _weekday_near(wd: int, direction: int | None, pub: date, same_day_back: int) -> date:
    if direction == 1:
        ahead = (wd - pub.weekday()) % 7 or 7
        return pub + timedelta(days=ahead)
    back = (pub.weekday() - wd) % 7
    if back == 0:
        back = 7 if direction == -1 else same_day_back
    return pub - timedelta(days=back)


def _add_months(year: int, month: int, k: int) -> tuple[int, int]:
    idx = year * 12 + (month - 1) + k
    return idx // 12, idx % 12 + 1


def _period(g: dict, lex: DateLexicon, pub: date) -> Resolved:
    unit = lex.periods[g["unit"]]
    k = lex.directions.get(g["dir"] or "", 0)
    part = lex.parts.get(g["part"] or "")
    if unit == "week":
        monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=k)
        return monday, "week"
    if unit == "month":
        y, mo = _add_months(pub.year, pub.month, k)
        return date(y, mo, 1), "day" if part == "first" else "month"
    return _year_part(pub.year + k, part)


def _ago(g: dict, lex: DateLexicon, pub: date) -> Resolved:
    from marsad.numbers import parse_number_words

    unit, number = lex.ago_units[g["unit"]]
    if g["n"] is not None:
        parsed = parse_number_words(g["n"].split())
        if parsed is None or parsed[1] != len(g["n"].split()):
            return None, None
        n = int(parsed[0])
    else:
        n = 2 if number == "dual" else 1
    if unit == "day":
        return pub - timedelta(days=n), "day"
    if unit == "week":
        return pub - timedelta(weeks=n), "week"
    if unit == "month":
        y, mo = _add_months(pub.year, pub.month, -n)
        return date(y, mo, 1), "month"
    return date(pub.year - n, 1, 1), "year"


def _month_number(g: dict, lex: DateLexicon) -> int:
    m1, m2 = g["m1"], g["m2"]
    if m2 and m1 in lex.ambiguous_months and m2 not in lex.ambiguous_months:
        return lex.months[m2]
    return lex.months[m1]


def _month(g: dict, lex: DateLexicon, pub: date | None) -> Resolved:
    month = _month_number(g, lex)
    part = lex.parts.get(g["part"] or "")
    precision = "day" if part == "first" else "month"
    if g["year"]:
        return date(int(g["year"]), month, 1), precision
    if pub is None:
        return None, precision
    if g["ydir"]:  # مايو من العام المقبل
        return date(pub.year + lex.directions[g["ydir"]], month, 1), precision
    direction = lex.directions.get(g["dir"] or "", None)
    if direction == 1:
        year = pub.year if month > pub.month else pub.year + 1
    elif direction == -1:
        year = pub.year if month < pub.month else pub.year - 1
    elif direction == 0:
        year = pub.year
    else:
        year = pub.year if month <= pub.month else pub.year - 1
    return date(year, month, 1), precision


def _daymonth(g: dict, lex: DateLexicon, pub: date | None, surface: str, warnings: list[str] | None) -> Resolved:
    month = _month_number(g, lex)
    day, precision = _day_range(g, lex)
    if g["year"]:
        value = _safe_date(int(g["year"]), month, day)
    elif pub is None:
        return None, precision
    elif g["ydir"]:
        value = _safe_date(pub.year + lex.directions[g["ydir"]], month, day)
    else:
        value = _pick_year(month, day, pub, lex.directions.get(g["dir"] or "", None), lex.future_grace_days)
    if value and g["wd"] and warnings is not None:
        wd = lex.weekdays[g["wd"].split()[-1]]
        if value.weekday() != wd:
            warnings.append(f"dates: {surface!r}: {value.isoformat()} is a {calendar.day_name[value.weekday()]}, "
                            f"not a {calendar.day_name[wd]}; kept the date")
    return value, precision if value else None


def _day_range(g: dict, lex: DateLexicon) -> tuple[int, str]:
    """The first day of "5 أبريل" or of a range "بين الخامس والثامن من", and the precision it gives."""
    day = int(g["day"]) if g["day"] else lex.ordinal_days[g["ord"]]
    day2 = int(g["day2"]) if g["day2"] else lex.ordinal_days.get(g["ord2"] or "")
    if day2 and day2 > day:
        return day, "week" if day2 - day < 7 else "month"
    return day, "day"


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _pick_year(month: int, day: int, pub: date, direction: int | None, grace: int) -> date | None:
    candidates = [d for y in (pub.year - 1, pub.year, pub.year + 1) if (d := _safe_date(y, month, day))]
    if direction == -1:
        allowed = [d for d in candidates if d < pub]
    elif direction == 1:
        allowed = [d for d in candidates if d > pub]
        return min(allowed) if allowed else None
    elif direction == 0:
        allowed = [d for d in candidates if d.year == pub.year]
    else:
        allowed = [d for d in candidates if d <= pub + timedelta(days=grace)]
    return max(allowed) if allowed else None
