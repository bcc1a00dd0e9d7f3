"""Numbers in words and digits, and casualty counts attached to their kind, on sentences we wrote."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.dates import resolve_dates
from marsad.doc import Document, Source
from marsad.numbers import casualties_in, find_numbers, parse_number_words
from marsad.segment import segment


def values(text: str) -> list[tuple[str, int | float, bool]]:
    return [(n.text, n.value, n.approximate) for n in find_numbers(text)]


@pytest.mark.parametrize(("text", "value"), [
    ("واحد", 1), ("اثنان", 2), ("اثنين", 2), ("ثلاثة", 3), ("ثلاث", 3), ("أربع", 4), ("خمسة", 5),
    ("ست", 6), ("سبعة", 7), ("ثمانية", 8), ("ثماني", 8), ("تسع", 9), ("عشرة", 10), ("عشر", 10),
    ("أحد عشر", 11), ("إحدى عشرة", 11), ("اثنا عشر", 12), ("اثنتي عشرة", 12), ("ثلاثة عشر", 13),
    ("تسع عشرة", 19), ("عشرون", 20), ("عشرين", 20), ("ثلاثين", 30), ("تسعون", 90),
    ("خمسة وعشرون", 25), ("ثلاث وأربعين", 43), ("مئة", 100), ("مائة", 100), ("مئتان", 200),
    ("مائتي", 200), ("ثلاثمئة", 300), ("ثلاث مئة", 300), ("خمسمائة وخمسين", 550),
    ("مئة وعشرة", 110), ("مئة وأحد عشر", 111), ("ألف", 1000), ("ألفان", 2000), ("ألفين", 2000),
    ("ثلاثة آلاف", 3000), ("ألف وخمسمئة", 1500), ("خمسين ألفا", 50000), ("مليون", 1000000),
    ("ثلاثة ملايين", 3000000), ("مليونين", 2000000), ("ألفي", 2000),
])
def test_numbers_words(text, value):
    found = find_numbers(text)
    assert len(found) == 1 and found[0].value == value and found[0].text == text
    assert not found[0].approximate


@pytest.mark.parametrize(("text", "number", "value"), [
    ("مقتل 19 مدنيا", "19", 19),
    ("وصل ١٤٥ عنصرا", "١٤٥", 145),
    ("نزح ۳۰ ألف شخص", "۳۰ ألف", 30000),
    ("400 ألف نازح", "400 ألف", 400000),
    ("1.5 مليون لاجئ", "1.5 مليون", 1500000),
    ("قرابة 2٫5 مليون", "قرابة 2٫5 مليون", 2500000),
    ("1,200 جندي", "1,200", 1200),
])
def test_numbers_digits_and_scales(text, number, value):
    found = find_numbers(text)
    assert [(n.text, n.value) for n in found] == [(number, value)]


def test_numbers_vague_counts_are_approximate_lower_bounds():
    assert values("قتل العشرات من المسلحين") == [("العشرات", 10, True)]
    assert values("نزح عشرات الآلاف من السكان") == [("عشرات الآلاف", 10000, True)]
    assert values("فر مئات المهاجرين") == [("مئات", 100, True)]
    assert values("آلاف النازحين") == [("آلاف", 1000, True)]
    assert values("منذ بضعة أيام") == [("بضعة", 3, True)]


def test_numbers_qualifiers_make_approximate_and_stay_in_span():
    assert values("سقط أكثر من 20 قتيلا") == [("أكثر من 20", 20, True)]
    assert values("أسر نحو ثلاثمائة مقاتل") == [("نحو ثلاثمائة", 300, True)]
    assert values("ما لا يقل عن 7 أشخاص") == [("ما لا يقل عن 7", 7, True)]
    assert values("قتل 19 مدنيا على الأقل") == [("19", 19, True)]


def test_numbers_separate_counts_are_not_added():
    # units are not joined to units, and a non-number word ends a compound
    assert [n.value for n in find_numbers("ثلاثة وأربعة")] == [3, 4]
    assert [n.value for n in find_numbers("مقتل خمسة وإصابة عشرة")] == [5, 10]


def test_numbers_words_that_are_not_numbers():
    assert find_numbers("التقى أحد القادة العسكريين الاثنين مسؤولا آخر") == []
    assert find_numbers("لست أدري") == []


def test_numbers_offsets_point_into_the_original_text():
    text = "قال المسؤول إن خمسةً وعشرين شخصا قتلوا."
    (n,) = find_numbers(text)
    assert text[n.start:n.end] == n.text == "خمسةً وعشرين" and n.value == 25


def test_numbers_range_argument_limits_search():
    text = "قتل 5 وأصيب 12"
    found = find_numbers(text, text.index("وأصيب"))
    assert [n.value for n in found] == [12]


def test_parse_number_words_reports_words_used():
    assert parse_number_words(["خمسه", "وعشرون", "قتيلا"]) == (25, 2, False)
    assert parse_number_words(["قتيلا"]) is None


# --- casualties ---------------------------------------------------------------------------------------

def doc_of(text: str, published: date | None = date(2020, 6, 11)) -> Document:
    return resolve_dates(segment(Document(text=text, source=Source(published=published))))


def kinds(text: str) -> list[tuple[str, int | float, bool]]:
    doc = doc_of(text)
    return [(c["kind"], c["value"], c["approximate"]) for c in casualties_in(doc)]


@pytest.mark.parametrize(("text", "expected"), [
    ("أكدت البعثة مقتل 19 مدنيا على الأقل في المدينة.", [("killed", 19, True)]),
    ("أسفر القصف عن مصرع 6 من عناصر القوة.", [("killed", 6, False)]),
    ("قتل خمسة جنود في الكمين.", [("killed", 5, False)]),
    ("سقط 12 قتيلا في الاشتباكات.", [("killed", 12, False)]),
    ("تحدثت مصادر عن مقتل العشرات من المقاتلين.", [("killed", 10, True)]),
    ("عثر على 11 جثة في المقبرة.", [("killed", 11, False)]),
    ("أصيب ثلاثة أطفال بشظايا.", [("wounded", 3, False)]),
    ("وخلف القصف 20 جريحا.", [("wounded", 20, False)]),
    ("أعلنت القوات أسر 145 عنصرا.", [("captured", 145, False)]),
    ("تم اعتقال سبعة مشتبه بهم.", [("captured", 7, False)]),
    ("وبلغ عدد الأسرى لديها 40 أسيرا.", [("captured", 40, False)]),
    ("تسبب القتال في نزوح 400 ألف شخص.", [("displaced", 400000, False)]),
    ("يعيش في المخيم 400 ألف نازح.", [("displaced", 400000, False)]),
    ("شهدت المدينة نزوح عشرات الآلاف من السكان.", [("displaced", 10000, True)]),
])
def test_casualties_kinds(text, expected):
    assert kinds(text) == expected


def test_casualties_killed_and_wounded_in_one_sentence():
    assert kinds("أسفرت الغارة عن مقتل 5 مدنيين وإصابة 10 آخرين.") == [("killed", 5, False), ("wounded", 10, False)]
    assert kinds("خلفت المواجهات 3 قتلى و7 جرحى.") == [("killed", 3, False), ("wounded", 7, False)]


def test_casualties_combined_kind_for_killed_and_wounded_together():
    assert kinds("أدى الانفجار إلى مقتل وإصابة 20 شخصا.") == [("casualties", 20, False)]


def test_casualties_head_noun_decides_over_introducing_word():
    # "و3 جرحى": the introducing word "مقتل" is still in the window, but the head noun names the kind
    assert kinds("أسفر القصف عن مقتل 2 و3 جرحى.") == [("killed", 2, False), ("wounded", 3, False)]


def test_casualties_ignore_unit_numbers_dates_and_distances():
    assert kinds("تقدمت الكتيبة 604 نحو المدينة الواقعة على بعد 450 كيلومترا.") == []
    assert kinds("قتل في 26 أغسطس الماضي جندي.") == []


def test_casualties_span_and_trigger_offsets():
    doc = doc_of("وأكد المستشفى مقتل 19 مدنيا.")
    (c,) = casualties_in(doc)
    assert doc.text[c["span"][0]:c["span"][1]] == "19" == c["text"]
    assert doc.text[c["trigger"][0]:c["trigger"][1]] == "مقتل"


def test_casualties_restricted_to_a_sentence_span():
    doc = doc_of("قتل 4 جنود. وأصيب 9 مدنيين.")
    s = doc.sentences[1]
    assert [(c["kind"], c["value"]) for c in casualties_in(doc, s.start, s.end)] == [("wounded", 9)]


def test_casualties_work_on_an_unsegmented_document():
    doc = Document(text="أسفر الهجوم عن مقتل ثلاثة حراس.")
    assert [(c["kind"], c["value"]) for c in casualties_in(doc)] == [("killed", 3)]


def test_casualties_event_noun_decides_over_identity_head():
    assert kinds("أعلنت المنظمة وفاة أكثر من 20 ألف لاجئ غرقا.") == [("killed", 20000, True)]
    assert kinds("أكدت القوات اعتقال 5 جرحى من المهاجمين.") == [("captured", 5, False)]


def test_casualties_head_before_the_number():
    assert kinds("ارتفعت حصيلة القتلى إلى 20 شخصا.") == [("killed", 20, False)]


def test_casualties_measures_are_not_counts():
    assert kinds("أفرج عنهم بعد توقيفهم أربعة أيام.") == []
    assert kinds("تم توقيف شاحنة محملة بـ65 طنا من الوقود.") == []
    assert kinds("ارتفع عدد القتلى بنسبة 30 في المئة.") == []


def test_casualties_subset_of_a_count_is_marked():
    doc = doc_of("سقط 6 قتلى بينهم 4 أطفال في البلدة.")
    got = [(c["kind"], c["value"], c["subset"]) for c in casualties_in(doc)]
    assert got == [("killed", 6, False), ("killed", 4, True)]


def test_casualties_verb_after_the_count_past_a_qualifier():
    assert kinds("قالت المصادر إن ثلاثة مقاتلين على الأقل قتلوا قرب الجسر.") == [("killed", 3, True)]
    assert kinds("ارتقى ١٢ طالبا في القصف.") == [("killed", 12, False)]
