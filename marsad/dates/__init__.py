"""Dates: find date expressions in running Arabic text and resolve them against the publication date.

Interfaces
----------
``resolve_dates(doc) -> doc`` (pipeline stage "dates", after "segment")
    Fills ``doc.dates`` with one :class:`marsad.doc.DateRef` ``(start, end, text, value, precision)`` per
    date expression, in text order, resolved against ``doc.source.published`` (a ``date``; with None only
    absolute expressions get a value). Weekday/"أمس" disagreements are noted in ``doc.warnings``. A date
    word inside the outlet's own name where the text gives it ("القاهرة – النيل اليوم") is skipped.

``find_dates(text, published=None) -> list[DateRef]``
    The same on a bare string (the stage calls it).

``date_for(doc, start, end, inherit=False) -> DateRef | None``
    The date expression governing an event or statement whose trigger is ``text[start:end]``; the rule
    is in :mod:`marsad.dates.attach`. ``inherit=True`` falls back to the last day-precision date of an
    earlier sentence of the same paragraph.

Values and precisions
---------------------
``value`` is always a ``datetime.date``; ``precision`` says how much of it the text gives:

- ``day``: that day. Ranges of days in one month ("بين الخامس والثامن من يونيو") give the first day with
  precision ``week`` (up to 7 days) or ``month``.
- ``week``: some day of the 7 days starting at ``value``. "الأسبوع الماضي" = the Monday of the ISO week
  before the publication week; "هذا الأسبوع" = this week's Monday; "قبل أسبوع" = publication - 7 days.
- ``month``: some day of the calendar month of ``value`` (always the 1st). "مطلع/منتصف/أواخر يوليو" stay
  month precision with value July 1 (the part word narrows nothing we can count on); "غرة" = the 1st,
  precision day.
- ``year``: January 1 of that year. "مطلع/أواخر العام" give January/December with precision month;
  "منتصف العام" stays precision year.

Resolution rules (publication date P)
-------------------------------------
- Weekday alone ("الخميس", "يوم الخميس", "صباح الخميس"): the most recent such day on or before P. A
  weekday equal to P's weekday is P itself (``same_weekday_days`` in ``data/dates.yaml``, 0): news names
  the same day by its weekday, and a day a week back is written "الخميس الماضي".
- Weekday + الماضي: the most recent such day strictly before P; + المقبل/القادم: the next one after P.
- "أمس الأحد", "اليوم الإثنين": the relative word decides (P-1, P); a weekday that disagrees is noted in
  ``doc.warnings`` but "أمس" is kept.
- "أمس"/"الليلة الماضية"/"مساء أمس" = P-1, "أول أمس" = P-2, "اليوم"/"فجر اليوم"/"الليلة" = P, "غدا" = P+1,
  all precision day. "اليوم" followed by an ordinal or adjective ("اليوم التالي", "اليوم الوطني") is not P.
- "اليوم نفسه"/"اليوم التالي": relative to the last day-precision date before it in the text.
- Month (and day) without a year: a month alone is the most recent such month not after P (this month
  counts); + الماضي: strictly before P's month; + المقبل: strictly after. A day and month is the latest
  such date no more than ``future_grace_days`` (31) after P (announced meetings), + الماضي: strictly
  before P, + المقبل: strictly after.
- "الشهر الماضي" = first of P's previous month; "العام الماضي" = January 1 of P.year-1; "قبل يومين" = P-2.
"""

from __future__ import annotations

from datetime import date, datetime

from marsad.dates.attach import date_for
from marsad.dates.find import find_dates
from marsad.doc import DateRef, Document
from marsad.normalize import normalize

__all__ = ["DateRef", "date_for", "find_dates", "resolve_dates"]


def resolve_dates(doc: Document) -> Document:
    """Pipeline stage: fill ``doc.dates`` (see the module docstring)."""
    published = doc.source.published
    if isinstance(published, datetime):
        published = published.date()
    if published is not None and not isinstance(published, date):
        published = None
    found = find_dates(doc.text, published, warnings=doc.warnings)
    names = _name_spans(doc.text, doc.source.outlet) if found else []
    doc.dates = [d for d in found if not any(s < d.end and d.start < e for s, e in names)]
    return doc


def _name_spans(text: str, outlet: str | None) -> list[tuple[int, int]]:
    """Where the outlet names itself ("القاهرة – النيل اليوم"): a date word inside its name is no date."""
    if not outlet:
        return []
    spans = []
    key = normalize(outlet)
    norm = normalize(text)
    if len(norm) != len(text):  # rare: diacritics in the text; search the original spelling instead
        norm, key = text, outlet
    start = norm.find(key)
    while start != -1:
        spans.append((start, start + len(key)))
        start = norm.find(key, start + 1)
    return spans

