"""Finding date expressions and resolving each against the publication date (rules: ``marsad.dates``)."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from marsad.dates.lexicon import DateLexicon, lexicon
from marsad.doc import DateRef
from marsad.normalize import NormText, normalize, normalize_with_map
from marsad.segment import analyze

Resolved = tuple[date | None, str | None]
_PRIORITY = {"numeric": 0, "daymonth": 1, "month": 2, "weekday": 3, "anaphora": 4, "day": 5, "period": 6,
             "ago": 7, "year": 8}
_PREV_WORD = re.compile(r"([^\W\d_]+)\s*$")
_DAY_BEFORE = re.compile(r"\d\s*(?:من\s+)?$")


def _norm_text(text: str) -> NormText:
    """Normalized text with offsets; most news text keeps its length, so skip the per-character map then."""
    norm = normalize(text)
    if len(norm) == len(text):
        return NormText(norm, range(len(text)), len(text))  # type: ignore[arg-type]
    return normalize_with_map(text)


def find_dates(text: str, published: date | None = None, warnings: list[str] | None = None) -> list[DateRef]:
    """Every date expression of ``text``, resolved against ``published`` (see :mod:`marsad.dates`)."""
    lex = lexicon()
    nt = _norm_text(text)
    norm = nt.text
    candidates: list[tuple[int, int, int, str, re.Match[str]]] = []
    for kind, pattern in lex.patterns:
        for m in pattern.finditer(norm):
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
        value, precision = _resolve(kind, m, lex, published, last_day, surface, warnings)
        if precision == "day" and value is not None:
            last_day = value
        out.append(DateRef(o_start, o_end, surface, value, precision))
    return out


def _acceptable(kind: str, m: re.Match[str], lex: DateLexicon, norm: str) -> bool:
    """Context checks the patterns cannot make: ambiguous month names, names of places and groups."""
    g = m.groupdict()
    if kind in ("month", "daymonth") and g["m1"] in lex.ambiguous_months:
        context = (kind == "daymonth" or g.get("part") or g["shahr"] or g["m2"] or g["year"] or g["dir"])
        if not context:
            return False
    if kind == "month" and not g["part"] and _DAY_BEFORE.search(norm, max(0, m.start("x") - 12), m.start("x")):
        return False  # the day-month reading was refused (ثورة 17 فبراير): so is the month
    if kind == "period" and not (g["part"] or g["this"] or g["dir"] is not None):
        return False
    if kind == "ago" and g["n"] is None and lex.ago_units[g["unit"]][1] == "plural":
        return False
    if kind in ("weekday", "daymonth", "month"):
        prev = _PREV_WORD.search(norm, max(0, m.start("x") - 40), m.start("x"))
        if prev and any(k in lex.name_heads for k in analyze(prev.group(1))[1]):
            return False  # سوق الجمعة, ثورة 17 فبراير: a name, not a date
    return True


# --- resolution -------------------------------------------------------------------------------------


def _resolve(kind: str, m: re.Match[str], lex: DateLexicon, pub: date | None, last_day: date | None,
             surface: str, warnings: list[str] | None) -> Resolved:
    g = m.groupdict()
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
    day = int(g["day"]) if g["day"] else lex.ordinal_days[g["ord"]]
    day2 = int(g["day2"]) if g["day2"] else lex.ordinal_days.get(g["ord2"] or "")
    precision = "day"
    if day2 and day2 > day:
        precision = "week" if day2 - day < 7 else "month"
    if g["year"]:
        value = _safe_date(int(g["year"]), month, day)
    elif pub is None:
        return None, precision
    else:
        value = _pick_year(month, day, pub, lex.directions.get(g["dir"] or "", None), lex.future_grace_days)
    if value and g["wd"] and warnings is not None:
        wd = lex.weekdays[g["wd"].split()[-1]]
        if value.weekday() != wd:
            warnings.append(f"dates: {surface!r}: {value.isoformat()} is a {calendar.day_name[value.weekday()]}, "
                            f"not a {calendar.day_name[wd]}; kept the date")
    return value, precision if value else None


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
