"""Date expressions: finding them in our own sentences and resolving them against a publication date."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.dates import date_for, find_dates, resolve_dates
from marsad.doc import Document, Source
from marsad.segment import segment

MON = date(2019, 10, 7)  # a Monday
SAT = date(2019, 4, 6)  # a Saturday
THU = date(2020, 6, 11)  # a Thursday
NEW_YEAR = date(2020, 1, 3)  # a Friday, three days into the year


def one(text: str, published: date | None, phrase: str | None = None):
    """The single date expression of ``text`` (or the one whose text is ``phrase``)."""
    found = find_dates(text, published)
    if phrase is not None:
        found = [d for d in found if d.text == phrase]
    assert len(found) == 1, [(d.text, d.value) for d in found]
    return found[0]


def check(text: str, published: date | None, phrase: str, value: str | None, precision: str | None):
    d = one(text, published, phrase)
    assert text[d.start:d.end] == d.text == phrase
    assert (d.value.isoformat() if d.value else None) == value
    assert d.precision == precision


# --- weekdays ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "phrase", "value"), [
    ("أكد المتحدث العسكري، الخميس، أن القوات تقدمت.", "الخميس", "2019-04-04"),
    ("التقى المبعوث الجمعة وزير الخارجية في تونس.", "الجمعة", "2019-04-05"),
    ("وصلت التعزيزات يوم الأحد إلى المدينة.", "يوم الأحد", "2019-03-31"),
    ("بدأت المحادثات صباح الثلاثاء في جنيف.", "صباح الثلاثاء", "2019-04-02"),
    ("ودارت المعارك مساء الأربعاء جنوب العاصمة.", "مساء الأربعاء", "2019-04-03"),
])
def test_dates_weekday_is_most_recent_before_publication(text, phrase, value):
    check(text, SAT, phrase, value, "day")


def test_dates_weekday_equal_to_publication_weekday_is_that_day():
    # a Monday report naming "الإثنين" speaks of that Monday (data: same_weekday_days = 0)
    check("قصفت الطائرات فجر الإثنين مواقع في المحور الجنوبي.", MON, "فجر الإثنين", "2019-10-07", "day")
    check("وقال الناطق اليوم الاثنين إن الهدنة صامدة.", MON, "اليوم الاثنين", "2019-10-07", "day")


def test_dates_weekday_with_past_word_goes_back_a_week_when_equal():
    check("عقد الاجتماع الإثنين الماضي في القاهرة.", MON, "الإثنين الماضي", "2019-09-30", "day")
    check("أعلن الرئيس المبادرة السبت الماضي أمام الصحفيين.", THU, "السبت الماضي", "2020-06-06", "day")
    check("وانتهت المهلة الجمعة الماضية دون اتفاق.", THU, "الجمعة الماضية", "2020-06-05", "day")


def test_dates_weekday_with_next_word_goes_forward():
    check("تستأنف الجلسات الأحد المقبل في برلين.", THU, "الأحد المقبل", "2020-06-14", "day")
    check("يعقد الاجتماع الخميس القادم.", THU, "الخميس القادم", "2020-06-18", "day")


def test_dates_weekday_across_year_boundary():
    check("شنت الطائرات غارات الأحد على مواقع قرب المطار.", NEW_YEAR, "الأحد", "2019-12-29", "day")


def test_dates_yesterday_with_weekday_prefers_yesterday_and_warns_on_mismatch():
    check("تقدمت القوات أمس الأحد في محورين.", MON, "أمس الأحد", "2019-10-06", "day")
    check("ودعا الوزير أمس الأربعاء إلى الحوار.", THU, "أمس الأربعاء", "2020-06-10", "day")
    warnings: list[str] = []
    found = find_dates("وصل الوفد أمس السبت إلى المدينة.", MON, warnings)
    assert found[0].value == date(2019, 10, 6)  # أمس wins over the wrong weekday
    assert warnings and "أمس السبت" in warnings[0]


def test_dates_weekday_in_place_name_is_not_a_date():
    assert find_dates("اندلعت اشتباكات في منطقة سوق الجمعة شرق العاصمة.", MON) == []
    assert find_dates("وقع انفجار في سوق الثلاثاء.", MON) == []


# --- relative day words --------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "phrase", "value"), [
    ("قال الجيش أمس إن الطيران استهدف رتلا.", "أمس", "2019-10-06"),
    ("وبالأمس أعلنت الحكومة حالة الطوارئ.", "بالأمس", "2019-10-06"),
    ("وقعت الاشتباكات أول أمس قرب الجسر.", "أول أمس", "2019-10-05"),
    ("وقعت الاشتباكات أول من أمس قرب الجسر.", "أول من أمس", "2019-10-05"),
    ("سقطت قذائف على الحي الليلة الماضية.", "الليلة الماضية", "2019-10-06"),
    ("استهدفت الطائرات المسيرة مخزنا ليلة أمس.", "ليلة أمس", "2019-10-06"),
    ("واندلعت النيران مساء أمس في الميناء.", "مساء أمس", "2019-10-06"),
    ("أعلنت البعثة اليوم عن جولة جديدة.", "اليوم", "2019-10-07"),
    ("قصفت المدفعية فجر اليوم أطراف المدينة.", "فجر اليوم", "2019-10-07"),
    ("يصل الوفد غدا إلى العاصمة.", "غدا", "2019-10-08"),
    ("تبدأ الانتخابات بعد غد.", "بعد غد", "2019-10-09"),
])
def test_dates_relative_day_words(text, phrase, value):
    check(text, MON, phrase, value, "day")


def test_dates_today_followed_by_ordinal_or_adjective_is_not_publication_day():
    assert find_dates("منذ اليوم الأول للهجوم تعطلت الدراسة.", MON) == []
    assert find_dates("احتفلت المدينة باليوم الوطني.", MON) == []


def test_dates_same_day_and_next_day_refer_to_previous_date():
    text = "التقى الوزير المبعوث الجمعة، وفي مساء اليوم نفسه اندلعت اشتباكات، ثم هدأت في اليوم التالي."
    found = find_dates(text, SAT)
    assert [(d.text, d.value) for d in found] == [
        ("الجمعة", date(2019, 4, 5)), ("مساء اليوم نفسه", date(2019, 4, 5)),
        ("اليوم التالي", date(2019, 4, 6))]


def test_dates_same_day_without_antecedent_has_no_value():
    d = one("وفي اليوم ذاته أغلقت الطرق.", MON)
    assert d.value is None and d.precision == "day"


# --- weeks, months, years ----------------------------------------------------------------------------

def test_dates_last_week_is_monday_of_previous_iso_week():
    check("التقى المبعوث الأسبوع الماضي وزير الخارجية.", MON, "الأسبوع الماضي", "2019-09-30", "week")
    check("زار الوفد المدينة الأسبوع المنصرم.", THU, "الأسبوع المنصرم", "2020-06-01", "week")
    check("تعقد القمة الأسبوع المقبل.", THU, "الأسبوع المقبل", "2020-06-15", "week")
    check("وصلت شحنة أسلحة هذا الأسبوع.", THU, "هذا الأسبوع", "2020-06-08", "week")


def test_dates_last_month_and_year():
    check("ارتفعت الأسعار الشهر الماضي.", NEW_YEAR, "الشهر الماضي", "2019-12-01", "month")
    check("تراجعت الصادرات العام الماضي.", NEW_YEAR, "العام الماضي", "2019-01-01", "year")
    check("وتضاعف العدد خلال السنة الماضية.", NEW_YEAR, "السنة الماضية", "2019-01-01", "year")
    check("يتوقع أن تجرى الانتخابات العام المقبل.", NEW_YEAR, "العام المقبل", "2021-01-01", "year")
    check("اشتدت المعارك منذ مطلع الشهر الجاري.", THU, "مطلع الشهر الجاري", "2020-06-01", "month")
    check("وتصاعد التوتر في نهاية العام الماضي.", NEW_YEAR, "نهاية العام الماضي", "2019-12-01", "month")


@pytest.mark.parametrize(("text", "phrase", "value"), [
    ("طالبت موسكو، مطلع يوليو/تموز الماضي، بحل سياسي.", "مطلع يوليو/تموز الماضي", "2019-07-01"),
    ("وفي منتصف يوليو/تموز الماضي صدر بيان مشترك.", "منتصف يوليو/تموز الماضي", "2019-07-01"),
    ("وانسحبت القوات أواخر أغسطس من المطار.", "أواخر أغسطس", "2019-08-01"),
    ("توصل الطرفان إلى مسودة في فبراير/شباط الماضي.", "فبراير/شباط الماضي", "2019-02-01"),
    ("عقد المؤتمر في شهر أيلول.", "شهر أيلول", "2019-09-01"),
    ("وفي نيسان الماضي بدأ الهجوم.", "نيسان الماضي", "2019-04-01"),
    ("انطلق الهجوم في أفريل الماضي.", "أفريل الماضي", "2019-04-01"),
    ("أعلن عن هدنة في جويلية.", "جويلية", "2019-07-01"),
    ("تعقد الانتخابات في ديسمبر المقبل.", "ديسمبر المقبل", "2019-12-01"),
    ("تراجع القتال في أكتوبر الجاري.", "أكتوبر الجاري", "2019-10-01"),
    ("وصل السفير في أكتوبر.", "أكتوبر", "2019-10-01"),
    ("وصل السفير في نوفمبر.", "نوفمبر", "2018-11-01"),
    ("صدر القرار في تشرين الثاني 2019.", "تشرين الثاني 2019", "2019-11-01"),
    ("اتفق الطرفان في مايو/أيار 2020.", "مايو/أيار 2020", "2020-05-01"),
])
def test_dates_months_resolve_to_first_of_month(text, phrase, value):
    check(text, MON, phrase, value, "month")


def test_dates_month_without_year_across_year_boundary():
    check("توقفت المفاوضات في ديسمبر الماضي.", NEW_YEAR, "ديسمبر الماضي", "2019-12-01", "month")
    check("توقفت المفاوضات في ديسمبر.", NEW_YEAR, "ديسمبر", "2019-12-01", "month")
    check("استؤنفت الرحلات في كانون الثاني.", NEW_YEAR, "كانون الثاني", "2020-01-01", "month")
    check("استؤنفت الرحلات في يناير الماضي.", NEW_YEAR, "يناير الماضي", "2019-01-01", "month")


def test_dates_ambiguous_month_words_need_context():
    assert find_dates("مارس الوفد ضغوطا كبيرة على الطرفين.", MON) == []
    assert find_dates("قال أب أحد الضحايا إن ابنه قتل.", MON) == []
    check("وفي 26 آب الماضي صدر بيان.", MON, "26 آب الماضي", "2019-08-26", "day")
    check("بدأ الهجوم في مارس الماضي.", MON, "مارس الماضي", "2019-03-01", "month")


@pytest.mark.parametrize(("text", "phrase", "value"), [
    ("بدأ الهجوم في 4 أبريل 2019 على العاصمة.", "4 أبريل 2019", "2019-04-04"),
    ("وفي 26 أغسطس/آب الماضي صدر بيان.", "26 أغسطس/آب الماضي", "2019-08-26"),
    ("أعلنت الهدنة في الخامس من يونيو.", "الخامس من يونيو", "2019-06-05"),
    ("ويعقد المؤتمر في 19 يناير المقبل.", "19 يناير المقبل", "2020-01-19"),
    ("ونشر التقرير في 4/4/2019.", "4/4/2019", "2019-04-04"),
    ("ونشر التقرير بتاريخ 2019-04-04.", "2019-04-04", "2019-04-04"),
    ("ونشر التقرير بتاريخ ٤/٤/٢٠١٩.", "٤/٤/٢٠١٩", "2019-04-04"),
    ("وجرت الجلسة يوم الخميس الموافق 4 أبريل 2019.", "يوم الخميس الموافق 4 أبريل 2019", "2019-04-04"),
    ("وقتل جنديان في 3 تشرين الأول.", "3 تشرين الأول", "2019-10-03"),
    ("وقتل جنديان في 12 أكتوبر.", "12 أكتوبر", "2019-10-12"),  # five days ahead: an announced date
])
def test_dates_absolute_day_month(text, phrase, value):
    check(text, MON, phrase, value, "day")


def test_dates_day_month_far_ahead_is_last_year():
    check("وقع الانفجار في 30 ديسمبر.", NEW_YEAR, "30 ديسمبر", "2019-12-30", "day")
    check("وقع الانفجار في 20 نوفمبر.", MON, "20 نوفمبر", "2018-11-20", "day")
    check("يعقد المؤتمر في 5 يناير.", date(2019, 12, 28), "5 يناير", "2020-01-05", "day")


def test_dates_day_range_is_first_day_with_week_precision():
    check("قتل مدنيون بين الخامس والثامن من يونيو.", THU, "الخامس والثامن من يونيو", "2020-06-05", "week")
    check("جرت الجولة من 3 إلى 5 مارس 2020.", THU, "3 إلى 5 مارس 2020", "2020-03-03", "week")


def test_dates_revolution_and_street_names_are_not_dates():
    assert find_dates("احتفل الليبيون بذكرى ثورة 17 فبراير.", MON) == []
    assert find_dates("أغلقت قوات الأمن شارع 23 يوليو.", MON) == []


def test_dates_years():
    check("تدهورت الأوضاع منذ عام 2014.", MON, "عام 2014", "2014-01-01", "year")
    check("وفي 2011 سقط النظام.", MON, "2011", "2011-01-01", "year")
    check("ويتوقع التعافي مطلع 2020.", MON, "مطلع 2020", "2020-01-01", "month")


def test_dates_ago_counts():
    check("وصل الوفد قبل يومين.", THU, "قبل يومين", "2020-06-09", "day")
    check("انهارت الهدنة منذ ثلاثة أيام.", THU, "منذ ثلاثة أيام", "2020-06-08", "day")
    check("سيطرت القوات على المدينة قبل 5 أيام.", THU, "قبل 5 أيام", "2020-06-06", "day")
    check("بدأت الأزمة قبل شهرين.", THU, "قبل شهرين", "2020-04-01", "month")
    check("انتخب المجلس قبل عامين.", THU, "قبل عامين", "2018-01-01", "year")


def test_dates_before_a_named_day_is_not_an_ago_count():
    # "قبل يوم الجمعة" is "before Friday", "منذ عام 2011" is a year
    found = find_dates("انسحبت القوات قبل يوم الجمعة، ولم يتغير شيء منذ عام 2011.", THU)
    assert [(d.text, d.value) for d in found] == [
        ("يوم الجمعة", date(2020, 6, 5)), ("عام 2011", date(2011, 1, 1))]


def test_dates_clitics_stay_outside_the_span():
    found = find_dates("ووصل الوفد وأمس الأحد، ثم وبالأمس غادر.", MON)
    assert [d.text for d in found] == ["أمس الأحد", "بالأمس"]


def test_dates_without_publication_date_only_absolute_values():
    found = find_dates("قال الجيش أمس إن الهجوم بدأ في 4 أبريل 2019 وإن الهدوء عاد الأسبوع الماضي.", None)
    assert [(d.text, d.value, d.precision) for d in found] == [
        ("أمس", None, "day"), ("4 أبريل 2019", date(2019, 4, 4), "day"), ("الأسبوع الماضي", None, "week")]


def test_dates_offsets_survive_diacritics_and_tatweel():
    text = "وقَصَفَت الطائراتُ، أمْسِ الأحَـد، مواقعَ."
    d = one(text, MON)
    assert text[d.start:d.end] == d.text == "أمْسِ الأحَـد"
    assert d.value == date(2019, 10, 6)


# --- the stage and the attachment rule --------------------------------------------------------------

def _doc(text: str, published: date | None) -> Document:
    return resolve_dates(segment(Document(text=text, source=Source(published=published))))


def test_dates_stage_fills_doc_dates():
    doc = _doc("أعلن الجيش، الخميس، بدء الهجوم. وردت الحكومة أمس.", SAT)
    assert [(d.text, d.value) for d in doc.dates] == [("الخميس", date(2019, 4, 4)), ("أمس", date(2019, 4, 5))]


def test_dates_stage_is_registered_after_segment():
    from marsad.pipeline import default_stages

    names = [name for name, _ in default_stages()]
    assert names.index("dates") == names.index("segment") + 1


def _trigger(doc: Document, word: str) -> tuple[int, int]:
    i = doc.text.index(word)
    return i, i + len(word)


def test_date_for_prefers_date_after_verb_in_vso():
    doc = _doc("أعلن الجيش الوطني الليبي بقيادة قائده العام، الخميس، تحرك قواته نحو العاصمة.", SAT)
    assert date_for(doc, *_trigger(doc, "أعلن")).value == date(2019, 4, 4)
    assert date_for(doc, *_trigger(doc, "تحرك")).value == date(2019, 4, 4)


def test_date_for_takes_preceding_date_of_same_clause():
    doc = _doc("وبعد معارك برية صباح أمس الأحد، شنت المقاتلات غارات قوية على المعسكر.", MON)
    assert date_for(doc, *_trigger(doc, "شنت")).value == date(2019, 10, 6)


def test_date_for_relative_clause_dates_its_antecedent_only():
    doc = _doc("وأيد المجلس الدعوة إلى وقف الهجوم الذي شنه الجيش الخميس نحو العاصمة، ودعا الجمعة إلى الحوار.",
               SAT)
    assert date_for(doc, *_trigger(doc, "الهجوم")).value == date(2019, 4, 4)
    assert date_for(doc, *_trigger(doc, "ودعا")).value == date(2019, 4, 5)


def test_date_for_reported_content_keeps_its_own_date():
    doc = _doc("وقال المتحدث، اليوم الاثنين، إن الطائرات قصفت مخازن ذخيرة فجر الأحد جنوب المدينة.", MON)
    assert date_for(doc, *_trigger(doc, "وقال")).value == date(2019, 10, 7)
    assert date_for(doc, *_trigger(doc, "قصفت")).value == date(2019, 10, 6)


def test_date_for_none_without_date_in_sentence():
    doc = _doc("أعلن الجيش الخميس بدء الهجوم. واستهدفت المدفعية مواقع قرب المطار.", SAT)
    assert date_for(doc, *_trigger(doc, "واستهدفت")) is None


def test_date_for_falls_back_to_nearest_in_sentence():
    doc = _doc("قال الوزير -أمس الأربعاء- إن الوفدين منخرطان في محادثات اللجنة العسكرية.", THU)
    assert date_for(doc, *_trigger(doc, "محادثات")).value == date(2020, 6, 10)


def test_dates_twin_month_forms():
    check("نشرت الوثيقة في ديسمبر «كانون الأول» الماضي.", MON, "ديسمبر «كانون الأول» الماضي", "2018-12-01", "month")
    check("تعرض النتائج في سبتمبر أيلول القادم.", MON, "سبتمبر أيلول القادم", "2020-09-01", "month")
    check("وقع الاتفاق في تموز (يوليو) 2019.", MON, "تموز (يوليو) 2019", "2019-07-01", "month")


def test_dates_day_of_relative_month():
    check("تستمر الهدنة حتى العاشر من الشهر الجاري.", MON, "العاشر من الشهر الجاري", "2019-10-10", "day")
    check("بدأت الحملة في 5 من الشهر الماضي.", MON, "5 من الشهر الماضي", "2019-09-05", "day")


def test_dates_today_that_is_not_publication_day():
    assert find_dates("وفي ذلك اليوم أغلقت الطرق.", MON) == []
    assert find_dates("تصل أجرة السيارة في اليوم إلى مئة دينار.", MON) == []
    assert find_dates('ونقلت صحيفة "اليوم" عن مصدر.', MON) == []


def test_dates_monday_word_meaning_the_two():
    assert find_dates("يتنقل الممثل بين الاثنين دون عناء.", MON) == []


def test_dates_month_with_relative_year_and_old_or_hijri_years():
    check("يختار السكان عمدتهم في 5 مايو (أيار) من العام المقبل.", MON, "5 مايو (أيار) من العام المقبل",
          "2020-05-05", "day")
    check("وصلت السفينة يوم 30 أبريل 1793م.", MON, "يوم 30 أبريل 1793م", "1793-04-30", "day")
    assert find_dates("صدر القرار عام 1436 هـ.", MON) == []
    assert find_dates("صدر القرار في 6/7/1430هـ.", MON) == []


def test_dates_day_range_of_relative_month():
    check("أحصى التقرير ضحايا سقطوا بين الخامس والثامن من الشهر الجاري.", THU,
          "الخامس والثامن من الشهر الجاري", "2020-06-05", "week")


def test_date_for_coarse_date_in_another_clause_is_background():
    doc = _doc("وعقدت البعثة اجتماعين مع الوفدين حول مسودة الاتفاق التي تم التوصل إليها في فبراير الماضي.", THU)
    assert date_for(doc, *_trigger(doc, "اجتماعين")) is None
    assert date_for(doc, *_trigger(doc, "التوصل")).precision == "month"


def test_date_for_inherits_from_earlier_sentence_of_paragraph_only_when_asked():
    doc = _doc("قصفت الطائرات صباح الإثنين مخزنا للذخيرة. ودمرت الغارات عددا من الآليات.\n"
               "واستهدفت المدفعية مواقع قرب المطار.", MON)
    assert date_for(doc, *_trigger(doc, "ودمرت")) is None
    assert date_for(doc, *_trigger(doc, "ودمرت"), inherit=True).value == date(2019, 10, 7)
    assert date_for(doc, *_trigger(doc, "واستهدفت"), inherit=True) is None  # another paragraph


def test_dates_stage_skips_the_outlets_own_name():
    text = "القاهرة – النيل اليوم\nأعلن الجيش اليوم السيطرة على المطار."
    doc = resolve_dates(segment(Document(text=text, source=Source(outlet="النيل اليوم", published=MON))))
    assert [(d.text, d.start) for d in doc.dates] == [("اليوم", text.index("اليوم السيطرة"))]


def test_dates_tomorrow_morning_with_weekday():
    check("يبدأ وقف إطلاق النار صباح غد الاثنين.", date(2020, 6, 7), "صباح غد الاثنين", "2020-06-08", "day")


SAMPLE_DATES = [  # from the date table of samples/README.md (publication date -> event date)
    ("001_offensive-begins.txt", "فجر اليوم الجمعة", "2019-04-05"),
    ("001_offensive-begins.txt", "الليلة الماضية", "2019-04-04"),
    ("004_southern-suburbs-fighting.txt", "الجمعة الماضي", "2019-04-19"),
    ("007_tajoura-strike-sada.txt", "قبل يومين", "2019-07-01"),
    ("009_tajoura-strike-maghreb.txt", "مطلع الأسبوع", "2019-07-01"),
    ("013_military-college-strike.txt", "الخميس الماضي", "2020-01-02"),
    ("014_sirte-falls.txt", "غدا الأربعاء", "2020-01-08"),
    ("018_geneva-ceasefire-lna.txt", "مطلع الشهر المقبل", "2020-11-01"),
    ("maghreb-observer.jsonl:1", "الرابع من أبريل/نيسان 2019", "2019-04-04"),
    ("maghreb-observer.jsonl:2", "الأحد المقبل", "2020-11-15"),
    ("sada-tripoli.xml#2", "أول أمس الخميس", "2020-06-04"),
]


def test_dates_on_our_samples_match_the_readme_table():
    from pathlib import Path

    from marsad.ingest import read_paths

    samples = Path(__file__).resolve().parent.parent / "samples"
    if not samples.is_dir():
        pytest.skip("samples/ not present")
    by_name = {}
    for doc in read_paths([str(samples)]):
        by_name[(doc.source.path or "").rsplit("/", 1)[-1]] = doc
    for name, phrase, value in SAMPLE_DATES:
        doc = by_name[name]
        refs = resolve_dates(segment(Document(text=doc.text, source=doc.source))).dates
        assert any(d.text == phrase and d.value == date.fromisoformat(value) for d in refs), (name, phrase)


def test_date_for_a_day_inside_a_relative_clause_is_not_the_main_verb_s():
    doc = _doc("وأيد المجلس بالإجماع الدعوة إلى وقف الهجوم الذي شنه الجيش الخميس نحو العاصمة.", SAT)
    assert date_for(doc, *_trigger(doc, "وأيد")) is None
    assert date_for(doc, *_trigger(doc, "الهجوم")).value == date(2019, 4, 4)
    # a relative right after the day makes the day its antecedent: the clause is that day's
    doc = _doc("وجاءت الغارات بعد التقدم الذي أحرزته القوات أمس الأحد الذي شهد مواجهات عنيفة.", MON)
    assert date_for(doc, *_trigger(doc, "مواجهات")).value == date(2019, 10, 6)


def test_dates_two_named_days_are_a_span_not_a_day():
    [d] = find_dates("اندلعت اشتباكات متقطعة طوال يومي السبت والأحد في الضواحي.", MON)
    assert (d.text, d.value, d.precision) == ("السبت والأحد", date(2019, 10, 5), "week")
    assert [x.precision for x in find_dates("قصفت المدفعية السبت، والأحد هاجمت القوات.", MON)] == ["day", "day"]


def test_a_coarse_predicted_date_scores_as_no_day():
    from marsad.evaluate import score_events

    gold = {"actors": [], "events": [{"type": "ASSAULT", "source": [], "target": [], "place": None,
                                      "date": None, "at": 0}]}
    event = {"type": "ASSAULT", "trigger": [0, 3], "sentence": [0, 20], "date": "2019-04-01"}
    for precision, right in (("month", 1), ("day", 0)):
        *_, dates = score_events(gold, {"actors": [], "places": [], "events": [dict(event, date_precision=precision)]})
        assert dates.correct == right
