"""Statements on sentences we wrote: speaker (VSO, SVO, cues, continuation), quote span, date."""

from __future__ import annotations

from datetime import date

from marsad.events.lexicon import load_lexicon
from tests.test_events import make_doc


def quote_text(doc, st) -> str:
    return doc.text[st.quote[0]:st.quote[1]] if st.quote else ""


def test_vso_speaker_and_quote_marks() -> None:
    doc = make_doc("قال غسان سلامة «إن الحل سياسي».")
    [st] = doc.statements
    assert st.speaker == "salame" and quote_text(doc, st) == "إن الحل سياسي"
    assert doc.text[st.trigger[0]:st.trigger[1]] == "قال"


def test_svo_speaker_and_clause_after_anna_without_quotes() -> None:
    doc = make_doc("وأحمد المسماري أكد أن القوات تتقدم نحو المدينة.")
    [st] = doc.statements
    assert st.speaker == "mismari" and quote_text(doc, st) == "القوات تتقدم نحو المدينة."


def test_straight_and_curly_quotes() -> None:
    doc = make_doc('أكدت مصر "دعمها للحل السلمي" في ليبيا.')
    assert quote_text(doc, doc.statements[0]) == "دعمها للحل السلمي"
    doc = make_doc("أضاف غسان سلامة “الوضع خطير”.")
    assert quote_text(doc, doc.statements[0]) == "الوضع خطير"


def test_speaker_continues_through_wa_adaf() -> None:
    doc = make_doc("قال أحمد المسماري إن القوات جاهزة. وأضاف أن المعركة طويلة. وتابع: «لن نتراجع».")
    assert [s.speaker for s in doc.statements] == ["mismari", "mismari", "mismari"]


def test_participle_continues_the_speaker_of_its_sentence() -> None:
    doc = make_doc("أعلنت مصر رفضها للتدخل، مشيرة إلى أن الحل سياسي.")
    assert [s.speaker for s in doc.statements] == ["egypt", "egypt"]


def test_attribution_cue_bihasab() -> None:
    doc = make_doc("وبحسب غسان سلامة فإن الأطراف قريبة من الاتفاق.")
    assert [s.speaker for s in doc.statements] == ["salame"]


def test_naql_an_names_the_quoted_person() -> None:
    doc = make_doc("ونقلت صحيفة محلية عن غسان سلامة قوله إن الحوار سيستأنف.")
    assert [s.speaker for s in doc.statements] == ["salame"]


def test_anonymous_source_without_affiliation_is_no_statement() -> None:
    assert make_doc("وقال مصدر إن الوضع هادئ.").statements == []
    doc = make_doc("وقال مصدر عسكري في قوات الوفاق إن الوضع هادئ.")
    assert [s.speaker for s in doc.statements] == ["gna"]


def test_negated_or_future_speech_is_no_statement() -> None:
    assert make_doc("لم يعلن الجيش الوطني أي موقف.").statements == []
    assert make_doc("وسنعلن النتائج لاحقا.").statements == []


def test_words_that_only_look_like_speech_verbs() -> None:
    doc = make_doc("وصل المشير إلى المدينة عبر الطريق الساحلي بين سرت وطرابلس.")
    assert doc.statements == []


def test_statement_date_is_the_publication_date_when_the_text_says_today() -> None:
    doc = make_doc("قال غسان سلامة اليوم إن الحوار مستمر.", published=date(2019, 10, 7))
    assert doc.statements[0].date == date(2019, 10, 7)
    doc = make_doc("قال غسان سلامة إن الحوار مستمر.", published=date(2019, 10, 7))
    assert doc.statements[0].date is None


def test_speech_act_and_the_asserted_event_inside_it() -> None:
    doc = make_doc("أكد أحمد المسماري أن الجيش الوطني قصف مواقع قوات الوفاق.")
    assert [s.speaker for s in doc.statements] == ["mismari"]
    assert [(e.type, e.source, e.target) for e in doc.events] == [("ASSAULT", "lna", "gna")]


def test_speech_lexicon_loads_and_expands_participles() -> None:
    phrases = {t.phrase for t in load_lexicon("speech_ar.yaml", speech=True)}
    assert {"قال", "أكدت", "يؤكد", "مؤكدا", "مشيرة", "أضافوا"} <= phrases


def test_anonymous_source_takes_only_a_linked_affiliation() -> None:
    # "مصدر في X": X speaks; "مصادر عن مقتل ... من X": X is what they talk about, not who they are
    doc = make_doc("قال مصدر عسكري في قوات الوفاق إن الهجوم فشل.")
    assert [s.speaker for s in doc.statements] == ["gna"]
    doc = make_doc("وتحدثت مصادر محلية عن مقتل عشرة من قوات الوفاق.")
    assert all(s.speaker != "gna" for s in doc.statements)


def test_spokesman_of_a_body_speaks_for_it() -> None:
    # VSO: the title, then the body after باسم, then the person
    doc = make_doc("أكد الناطق باسم قوات الوفاق أحمد المسماري أن الوضع هادئ.")
    assert [s.speaker for s in doc.statements] == ["mismari"]
    # the body alone when no person is named
    doc = make_doc("قال الناطق باسم قوات الوفاق إن الوضع هادئ.")
    assert [s.speaker for s in doc.statements] == ["gna"]
    # SVO: the person, his title, a comma, then the verb
    doc = make_doc("وكان أحمد المسماري المتحدث باسم الجيش الوطني، أعلن أن القوات جاهزة.")
    assert [s.speaker for s in doc.statements] == ["mismari"]


def test_the_holder_of_a_title_speaks_not_the_body_in_it() -> None:
    # title + body (+ the post) + person: the person speaks, the body is his affiliation
    names = {"sarraj": ("فائز السراج", "PER"), "pc": ("المجلس الرئاسي", "GOV")}
    doc = make_doc("وقال رئيس المجلس الرئاسي فائز السراج إن المفاوضات مستمرة.", actors=names)
    assert [s.speaker for s in doc.statements] == ["sarraj"]
    names = {"un": ("للأمم المتحدة", "IGO")}  # the pipeline's mention keeps the glued ل of the title
    doc = make_doc("أكد المبعوث الخاص للأمم المتحدة غسان سلامة أن الحل سياسي.", actors=names)
    assert [s.speaker for s in doc.statements] == ["salame"]
    # with no person named the body speaks
    doc = make_doc("وقال المجلس الرئاسي إن المفاوضات مستمرة.", actors=names | {"pc": ("المجلس الرئاسي", "GOV")})
    assert [s.speaker for s in doc.statements] == ["pc"]


def test_a_name_that_begins_with_ba_is_not_a_preposition() -> None:
    doc = make_doc("وبينت بعثة الأمم المتحدة أن المحادثات مستمرة.")
    assert [s.speaker for s in doc.statements] == ["unsmil"]


def test_outlet_in_quote_marks_then_an_anonymous_source() -> None:
    doc = make_doc('ونقل موقع "إرم نيوز" عن مصدر عسكري أن القصف توقف.')
    assert [s.speaker for s in doc.statements] == ["outlet"]


def test_the_definite_source_is_the_one_already_introduced() -> None:
    doc = make_doc("قال مصدر عسكري في قوات الوفاق إن القوات تقدمت. وأضاف المصدر أن الطريق مفتوح.")
    assert [s.speaker for s in doc.statements] == ["gna", "gna"]


def test_unknown_speaker_is_no_statement_and_does_not_continue_the_last_one() -> None:
    doc = make_doc("قال غسان سلامة إن الحل سياسي. وقالت الصفحة الرسمية للبلدية إن المياه عادت.")
    assert [s.speaker for s in doc.statements] == ["salame"]
    # a definite noun naming the last speaker again is that speaker ("الغرفة" after "غرفة العمليات")
    doc = make_doc("قالت غرفة العمليات الميدانية إن القوات تقدمت. وأشارت الغرفة إلى أن الطريق مفتوح.")
    assert [s.speaker for s in doc.statements] == ["ops", "ops"]
    # and a definite object after the verb is no subject: the speaker carries on
    doc = make_doc("قال غسان سلامة إن الحل سياسي. ووصف الهدنة بأنها هشة.")
    assert [s.speaker for s in doc.statements] == ["salame", "salame"]


def test_a_speech_verb_joined_to_an_earlier_verb_shares_its_subject() -> None:
    doc = make_doc("قال غسان سلامة إن الحل سياسي. ودعت مصر الأطراف إلى التهدئة، وحذرت من التصعيد.")
    assert [s.speaker for s in doc.statements] == ["salame", "egypt"]


def test_speech_reported_inside_a_statement_does_not_take_over() -> None:
    doc = make_doc("وقالت مصر إن غسان سلامة أكد دعم الحوار. وأضافت أن الوضع خطير.")
    assert [s.speaker for s in doc.statements] == ["egypt", "salame", "egypt"]


def test_the_source_cited_by_an_outlet_is_remembered() -> None:
    doc = make_doc('ونقل موقع "إرم نيوز" عن مصدر عسكري في قوات الوفاق تأكيده التقدم. وأضاف المصدر أن الطريق مفتوح.')
    assert [s.speaker for s in doc.statements][-1] == "gna"


def test_anonymous_sources_before_a_named_body_speak_and_stop_the_last_speaker() -> None:
    # the body after "بأن" is what the sources talk about, not who they are
    doc = make_doc("قال غسان سلامة إن الحل سياسي. وأفادت مصادر محلية بأن قوات الوفاق انسحبت من سرت.")
    assert [s.speaker for s in doc.statements] == ["salame"]
    # after unnamed sources speak, "وقالت" is them again, not the last named speaker
    doc = make_doc("قال أحمد المسماري إن الغارات دقيقة. ونفت مصادر في سرت وقوع خسائر، وقالت إن الطريق مفتوح.")
    assert [s.speaker for s in doc.statements] == ["mismari"]


def test_a_label_cited_after_ma_is_no_statement() -> None:
    doc = make_doc("أعلن أحمد المسماري انسحاب الوحدات بعد ما وصفه بـ\"عملية غدر\".")
    assert [doc.text[s.trigger[0]:s.trigger[1]] for s in doc.statements] == ["أعلن"]


def test_a_statement_not_issued_is_no_statement() -> None:
    assert make_doc("ولم تصدر قوات الوفاق بيانا رسميا حتى الآن.").statements == []
