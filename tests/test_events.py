"""Event extraction on sentences we wrote: types, arguments, modality, requests, confidence, the lexicon."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.data import DataError
from marsad.doc import Actor, Document, Place, Source
from marsad.events import lexicon
from marsad.events.extract import extract_events
from marsad.segment import segment

ACTORS = {
    "lna": ("الجيش الوطني", "MIL"),
    "gna": ("قوات الوفاق", "MIL"),
    "unsc": ("مجلس الأمن", "IGO"),
    "egypt": ("مصر", "GPE"),
    "turkey": ("تركيا", "GPE"),
    "salame": ("غسان سلامة", "PER"),
    "mismari": ("أحمد المسماري", "PER"),
    "students": ("الطلاب", "ORG"),
    "ops": ("غرفة العمليات الميدانية", "MIL"),
    "unsmil": ("بعثة الأمم المتحدة", "IGO"),
    "outlet": ("إرم نيوز", "ORG"),
}
# Who belongs to whom, and who is military (an operations room, a military spokesman).
AFFILIATION = {"ops": "lna", "mismari": "lna"}
MILITARY = {"lna", "gna", "ops", "mismari"}
PLACES = {"ly-tripoli": "طرابلس", "ly-sirte": "سرت", "ly-ain-zara": "عين زارة"}


def make_doc(text: str, published: date | None = date(2020, 6, 11), dates: bool = False,
             actors: dict | None = None, places: dict | None = None) -> Document:
    """Segment ``text`` and annotate every occurrence of the known actor and place names by hand (and,
    with ``dates``, run the real dates stage). ``actors`` (id -> (name, type)) and ``places`` (id -> (name,
    precision)) add names for one test."""
    doc = segment(Document(text=text, source=Source(published=published)))
    if dates:
        from marsad.dates import resolve_dates

        doc = resolve_dates(doc)
    for aid, (name, atype) in {**ACTORS, **(actors or {})}.items():
        spans = _find_all(text, name)
        if spans:
            doc.actors.append(Actor(aid, aid, name, atype, affiliation=AFFILIATION.get(aid),
                                    codes=["MIL"] if aid in MILITARY else [], mentions=spans))
    for pid, name in PLACES.items():
        spans = _find_all(text, name)
        if spans:
            doc.places.append(Place(pid, pid, name, "LY", None, None, "city", mentions=spans))
    for pid, (name, precision) in (places or {}).items():
        spans = _find_all(text, name)
        if spans:
            doc.places.append(Place(pid, pid, name, None, None, None, precision, mentions=spans))
    return extract_events(doc)


def _find_all(text: str, name: str) -> list[tuple[int, int]]:
    out, i = [], text.find(name)
    while i >= 0:
        out.append((i, i + len(name)))
        i = text.find(name, i + 1)
    return out


def plain(doc: Document) -> list:
    return [e for e in doc.events if not e.negated and not e.hypothetical]


def types(doc: Document) -> list[str]:
    return [e.type for e in plain(doc)]


# Each PLOVER type in at least three phrasings (verb past/present, noun, other forms).
PHRASINGS = {
    "ASSAULT": ["قصفت قوات الوفاق مواقع في سرت.", "شن الجيش الوطني غارات جوية على طرابلس.",
                "اندلعت اشتباكات عنيفة بين الجيش الوطني وقوات الوفاق."],
    "PROTEST": ["تظاهر الطلاب أمام مقر الحكومة في طرابلس.", "نظم الطلاب وقفة احتجاجية في سرت.",
                "يحتج الطلاب على انقطاع الكهرباء."],
    "MOBILIZE": ["وصلت تعزيزات عسكرية من قوات الوفاق إلى محيط سرت.",
                 "يواصل الجيش الوطني التحشيد قرب سرت.", "زحف الجيش الوطني نحو طرابلس."],
    "RETREAT": ["انسحبت قوات الوفاق من مواقعها في سرت.", "أعلن الجيش الوطني انسحاب وحداته من عين زارة.",
                "أفرج الجيش الوطني عن عشرة أسرى."],
    "CONSULT": ["التقى غسان سلامة وفدا من مصر.", "عقد مجلس الأمن جلسة مغلقة حول ليبيا.",
                "أجرت مصر اتصالا هاتفيا مع تركيا."],
    "AGREE": ["اتفق الجيش الوطني وقوات الوفاق على تبادل الأسرى.", "وقعت مصر وتركيا اتفاقا للتعاون البحري.",
              "توصلت قوات الوفاق إلى اتفاق مع الجيش الوطني."],
    "SUPPORT": ["أيد مجلس الأمن خطة غسان سلامة.", "رحبت مصر بالهدنة في ليبيا.", "تدعم تركيا حكومة الوفاق."],
    "CONCEDE": ["تنازلت قوات الوفاق عن شرطها المسبق.", "اعتذر الجيش الوطني عن الخطأ.",
                "قدمت مصر تنازلات في المفاوضات."],
    "COOPERATE": ["تتعاون مصر مع الجيش الوطني في ضبط الحدود.", "نسقت تركيا مع قوات الوفاق خطواتها.",
                  "أعلنت مصر تنسيق جهودها الأمنية مع الجيش الوطني."],
    "AID": ["أرسلت تركيا مساعدات إنسانية إلى طرابلس.", "تقدم مصر إمدادات طبية للجيش الوطني.",
            "زودت تركيا قوات الوفاق بمعدات."],
    "REQUEST": ["دعا مجلس الأمن الجيش الوطني إلى وقف القتال.", "طالبت مصر بخروج المرتزقة.",
                "ناشد غسان سلامة الأطراف ضبط النفس."],
    "ACCUSE": ["اتهمت قوات الوفاق الجيش الوطني بقصف المدنيين.", "نددت مصر بالتدخل الأجنبي.",
               "أدان مجلس الأمن استهداف المدنيين في طرابلس."],
    "REJECT": ["رفضت قوات الوفاق المبادرة المصرية.", "يرفض الجيش الوطني الحوار مع تركيا.",
               "تجاهل الجيش الوطني دعوات التهدئة."],
    "THREATEN": ["هدد الجيش الوطني قوات الوفاق بضربات جديدة.", "توعد أحمد المسماري تركيا بالرد.",
                 "قال أحمد المسماري إن الجيش الوطني سيواصل العمليات العسكرية حتى النصر."],
    "SANCTION": ["فرضت مصر عقوبات على شركات تركية.", "قطعت مصر العلاقات مع تركيا.",
                 "طردت مصر السفير التركي."],
    "COERCE": ["اعتقلت قوات الوفاق عشرة مسلحين في طرابلس.", "سيطر الجيش الوطني على سرت.",
               "أغلق الجيش الوطني حقول النفط في الجنوب."],
}


@pytest.mark.parametrize("etype,text", [(t, s) for t, ss in PHRASINGS.items() for s in ss])
def test_each_type_in_three_phrasings(etype: str, text: str) -> None:
    assert etype in types(make_doc(text)), text


def test_vso_subject_follows_the_verb() -> None:
    ev = plain(make_doc("قصفت قوات الوفاق مواقع الجيش الوطني في سرت."))[0]
    assert (ev.type, ev.source, ev.target, ev.place) == ("ASSAULT", "gna", "lna", "ly-sirte")
    assert ev.mode == "heavy-weapons" and ev.cameo and ev.acled_type


def test_svo_subject_precedes_the_verb() -> None:
    ev = plain(make_doc("وأكد المتحدث أن الجيش الوطني استهدف قوات الوفاق في عين زارة."))[0]
    assert (ev.type, ev.source, ev.target, ev.place) == ("ASSAULT", "lna", "gna", "ly-ain-zara")


def test_noun_doer_through_the_light_verb_and_target_after_ala() -> None:
    ev = plain(make_doc("شنت قوات الوفاق غارات جوية على الجيش الوطني جنوب طرابلس."))[0]
    assert (ev.source, ev.target, ev.place, ev.mode) == ("gna", "lna", "ly-tripoli", "aerial")


def test_genitive_doer_of_a_verbal_noun() -> None:
    ev = plain(make_doc("تواصل هجوم الجيش الوطني على طرابلس."))[0]
    assert (ev.type, ev.source) == ("ASSAULT", "lna")


def test_passive_has_no_source_unless_min_qibal() -> None:
    passive = plain(make_doc("قصفت مواقع في سرت الليلة الماضية."))
    assert passive and passive[0].source is None
    agent = plain(make_doc("تم قصف المستشفى من قبل الجيش الوطني."))
    assert agent and agent[0].source == "lna"


def test_clash_between_x_and_y() -> None:
    ev = plain(make_doc("اندلعت اشتباكات بين الجيش الوطني وقوات الوفاق."))[0]
    assert (ev.source, ev.target) == ("lna", "gna")


def test_negation_is_flagged_not_dropped() -> None:
    doc = make_doc("لم يقصف الجيش الوطني طرابلس.")
    assert [(e.type, e.negated) for e in doc.events] == [("ASSAULT", True)]
    assert make_doc("نفى الجيش الوطني قصف طرابلس.").events[0].negated


@pytest.mark.parametrize("text", [
    "إذا هاجم الجيش الوطني طرابلس فسترد تركيا.",
    "في حال انسحبت قوات الوفاق من سرت ستتوقف الحرب.",
    "يعتزم الجيش الوطني الانسحاب من عين زارة.",
    "هل قصف الجيش الوطني طرابلس؟",
])
def test_conditions_intentions_and_questions_are_hypothetical(text: str) -> None:
    doc = make_doc(text)
    assert doc.events and all(e.hypothetical or e.type == "THREATEN" for e in doc.events)
    assert not [e for e in plain(doc) if e.type in ("ASSAULT", "RETREAT")]


def test_threatened_violence_becomes_threaten() -> None:
    doc = make_doc("قال أحمد المسماري إن الجيش الوطني سيقصف مواقع قوات الوفاق.")
    assert [e.type for e in plain(doc)] == ["THREATEN"]
    assert plain(doc)[0].source == "lna"


def test_request_is_not_the_requested_act() -> None:
    doc = make_doc("دعا مجلس الأمن إلى وقف الهجوم على طرابلس.")
    assert types(doc) == ["REQUEST"]
    assert plain(doc)[0].source == "unsc"


def test_request_keeps_an_attack_that_already_happened() -> None:
    doc = make_doc("دعا مجلس الأمن الجيش الوطني إلى وقف هجومه على طرابلس.")
    assert sorted(types(doc)) == ["ASSAULT", "REQUEST"]
    req = next(e for e in plain(doc) if e.type == "REQUEST")
    assert (req.source, req.target) == ("unsc", "lna")


def test_reported_fact_inside_speech_is_an_event() -> None:
    doc = make_doc("قال أحمد المسماري إن الجيش الوطني قصف مواقع قوات الوفاق.")
    assert types(doc) == ["ASSAULT"] and doc.statements


def test_military_reporter_names_its_own_force_as_doer() -> None:
    # an operations room reporting a strike with no doer named: its force did it
    doc = make_doc("أعلنت غرفة العمليات الميدانية في الجيش الوطني عن مقتل خمسة مسلحين في سرت.")
    assert [(e.type, e.source) for e in plain(doc)] == [("ASSAULT", "lna")]
    # the same without the force named in the text: the room itself
    doc = make_doc("أعلنت غرفة العمليات الميدانية عن تدمير ثلاث آليات قرب سرت.")
    assert [(e.type, e.source) for e in plain(doc)] == [("ASSAULT", "ops")]
    # a force reporting what fell on it did not do it
    doc = make_doc("قال أحمد المسماري إن مواقع الجيش تعرضت لقصف عنيف ليلة أمس.")
    assert all(e.source != "lna" for e in plain(doc) if e.type == "ASSAULT")


def test_a_civilian_reporter_is_not_the_doer_of_the_violence_it_reports() -> None:
    doc = make_doc("أفاد مجلس الأمن بمقتل خمسة مدنيين في سرت.")
    assert [(e.type, e.source) for e in plain(doc)] == [("ASSAULT", None)]
    doc = make_doc("أعربت مصر عن قلقها من الاشتباكات في سرت.")
    assert [(e.type, e.source) for e in plain(doc) if e.type == "ASSAULT"] == [("ASSAULT", None)]
    # but its own verbal acts stay its own: a call in the next clause
    doc = make_doc("أعربت مصر عن قلقها، وناشدت الأطراف ضبط النفس.")
    assert [(e.type, e.source) for e in plain(doc)] == [("REQUEST", "egypt")]


def test_names_swallow_event_words() -> None:
    doc = make_doc("أعلنت غرفة عمليات الجيش الوطني حالة الطوارئ.")
    assert "ASSAULT" not in types(doc)


def test_today_gives_the_publication_date_otherwise_null() -> None:
    today = plain(make_doc("قصفت قوات الوفاق مواقع في سرت اليوم."))[0]
    assert (today.date, today.date_precision) == (date(2020, 6, 11), "day")
    undated = plain(make_doc("قصفت قوات الوفاق مواقع في سرت."))[0]
    assert undated.date is None and undated.date_precision is None


def test_confidence_grows_with_evidence() -> None:
    bare = plain(make_doc("وقعت اشتباكات عنيفة."))[0]
    full = plain(make_doc("اندلعت اشتباكات بين الجيش الوطني وقوات الوفاق في سرت اليوم."))[0]
    assert 0 < bare.confidence < full.confidence <= 0.95


def test_record_keeps_trigger_and_sentence_offsets() -> None:
    text = "خبر أول. قصفت قوات الوفاق سرت."
    ev = plain(make_doc(text))[0]
    assert text[ev.trigger[0]:ev.trigger[1]] == "قصفت"
    assert text[ev.sentence[0]:ev.sentence[1]] == "قصفت قوات الوفاق سرت."


def test_verb_forms_are_generated_from_the_compact_spec() -> None:
    past, present = lexicon.verb_forms("قصف", "يقصف")
    assert {"قصف", "قصفت", "قصفوا", "قصفا"} <= set(past)
    assert {"يقصف", "تقصف", "يقصفون", "نقصف"} <= set(present)
    past, _ = lexicon.verb_forms("أطلق سراح", None)
    assert "أطلقت سراح" in past


def test_every_lexicon_entry_is_valid_and_covers_all_types() -> None:
    triggers = lexicon.load_lexicon("events_ar.yaml")
    assert {t.type for t in triggers if t.type} == set(lexicon.PLOVER_MODES) | {"AGREE", "SUPPORT", "CONCEDE",
                                                                                 "COOPERATE", "AID"}


def test_malformed_entry_names_file_and_line() -> None:
    with pytest.raises(DataError, match=r"x\.yaml:7: .*not a PLOVER event type"):
        lexicon.parse_entry({"type": "BOMB", "nouns": ["قصف"], "__line__": 7}, "x.yaml:7")
    with pytest.raises(DataError, match="mode"):
        lexicon.parse_entry({"type": "ASSAULT", "mode": "naval", "nouns": ["قصف"]}, "x.yaml:3")
    with pytest.raises(DataError, match="acled"):
        lexicon.parse_entry({"type": "ASSAULT", "acled": ["Battles", "Bombing"], "nouns": ["قصف"]}, "x.yaml:4")


def test_an_outlet_that_reports_does_not_become_the_topic() -> None:
    doc = make_doc("قصف الجيش الوطني مواقع في سرت. ونقل موقع \"إرم نيوز\" عن مصدر أن القوات دمرت آليات.")
    assert [e.source for e in plain(doc) if e.type == "ASSAULT"] == ["lna", "lna"]


def test_a_day_anchors_the_rest_of_its_paragraph() -> None:
    # published Thursday 11 June 2020; "الإثنين" is 8 June
    text = ("قصفت قوات الوفاق مواقع في سرت صباح الإثنين. وقال أحمد المسماري إن الغارات استهدفت مخازن.\n"
            "واندلعت اشتباكات في عين زارة.")
    doc = make_doc(text, dates=True)
    dated = {doc.text[e.trigger[0]:e.trigger[1]]: e.date for e in plain(doc)}
    assert dated["قصفت"] == dated["استهدفت"] == date(2020, 6, 8)  # "الغارات" names the strikes told before
    assert dated["اشتباكات"] is None  # a new paragraph: the day is not carried over
    assert doc.statements[0].date == date(2020, 6, 8)


def test_pluperfect_or_a_coarser_date_stops_the_anchor() -> None:
    text = "قصفت قوات الوفاق مواقع في سرت صباح الإثنين. وكانت قوات الوفاق قد هاجمت عين زارة."
    doc = make_doc(text, dates=True)
    assert [e.date for e in plain(doc)] == [date(2020, 6, 8), None]
    text = "قصفت قوات الوفاق مواقع في سرت صباح الإثنين. وفي مايو الماضي هاجمت قوات الوفاق عين زارة."
    doc = make_doc(text, dates=True)
    assert [(e.date, e.date_precision) for e in plain(doc)] == [(date(2020, 6, 8), "day"),
                                                               (date(2020, 5, 1), "month")]


@pytest.mark.parametrize("text,cue", [
    ("تأجلت الجلسة بسبب جريمة اغتيال النائب في سرت.", "legal"),
    ("أحيا الطلاب ذكرى اغتيال المحامي في طرابلس.", "commemoration"),
    ("كشفت الشرطة مخطط اغتيال الوزير في طرابلس.", "plan-or-fear"),
    ("لم يزر الوزير سرت منذ اغتيال شقيقه فيها.", "time-reference"),
])
def test_frames_make_a_noun_talked_about_not_reported(text: str, cue: str) -> None:
    doc = make_doc(text)
    assaults = [e for e in doc.events if e.type == "ASSAULT"]
    assert assaults and all(e.hypothetical for e in assaults)
    from marsad.events.modality import _frame

    head = next(t for t in doc.tokens if _frame(t))
    assert _frame(head) == cue


def test_an_unanchored_verbal_noun_is_no_event_unless_a_verb_reports_it() -> None:
    assert types(make_doc("الهجوم على المدنيين جريمة لا تغتفر.")) == []
    assert types(make_doc("يبقى الاغتيال أداة بيد المتطرفين.")) == []
    assert types(make_doc("اندلعت اشتباكات عنيفة.")) == ["ASSAULT"]
    assert types(make_doc("خرجت مظاهرات حاشدة.")) == ["PROTEST"]
    # anchored by a place, a doer or a time
    assert types(make_doc("هجوم على حاجز في سرت.")) == ["ASSAULT"]


def test_frames_and_occurrence_sections_load_and_reject_bad_words(tmp_path, monkeypatch) -> None:
    frames = lexicon.event_frames()
    assert frames["جريمه"] == "legal" and frames["منذ"] == "time-reference"
    assert "اندلعت" in lexicon.occurrence_verbs()
    bad = tmp_path / "bad.yaml"
    bad.write_text("frames:\n  legal: [جريمة, '']\nentries: []\n", encoding="utf-8")
    monkeypatch.setattr(lexicon, "data_path", lambda name: bad)
    with pytest.raises(DataError, match="bad.yaml"):
        lexicon.load_frames("bad.yaml")


def test_relative_clause_subject_is_the_antecedent() -> None:
    doc = make_doc("رحب مجلس الأمن بجهود غسان سلامة الذي التقى أحمد المسماري في سرت.")
    ev = next(e for e in plain(doc) if e.type == "CONSULT")
    assert (ev.source, ev.target) == ("salame", "mismari")
    # the verb carries the antecedent as its object and names its own subject
    doc = make_doc("أدان مجلس الأمن الهجوم الذي شنه الجيش الوطني على سرت.")
    assert any(e.type == "ASSAULT" and e.source == "lna" for e in plain(doc))


def test_a_definite_institution_noun_names_the_actor_it_describes() -> None:
    doc = make_doc('اجتمع مجلس الأمن أمس. وقال رئيسه إن "المجلس دعا الجيش الوطني إلى التهدئة".')
    req = next(e for e in plain(doc) if e.type == "REQUEST")
    assert (req.source, req.target) == ("unsc", "lna")


def test_title_words_before_an_actor_only_when_the_verb_opens_its_clause() -> None:
    # an unnamed subject before the verb: the actor after it is the object, not the doer
    doc = make_doc("وكانت مدفعية ثقيلة في سرت تقصف العاصمة طرابلس.")
    assert all(e.source != "ly-tripoli" for e in plain(doc))
    # a prepositional phrase is no title: "بإنهاء تدخل تركيا" does not make Turkey the subject
    doc = make_doc("طالبت مصر بإنهاء تدخل تركيا.")
    assert [(e.type, e.source) for e in plain(doc) if e.type == "REQUEST"] == [("REQUEST", "egypt")]


def test_svo_subject_across_a_locative_phrase() -> None:
    doc = make_doc("وقال أحمد المسماري إن قوات الوفاق في عين زارة استهدفت مواقع الجيش الوطني.")
    ev = next(e for e in plain(doc) if e.type == "ASSAULT")
    assert (ev.source, ev.target) == ("gna", "lna")


def test_the_same_speaker_carries_the_day_across_a_paragraph() -> None:
    text = ("قال أحمد المسماري اليوم الإثنين إن المقاتلات شنت غارات على سرت ليلة أمس.\n"
            "وأضاف أن الغارات استهدفت مخازن.\n"
            "واندلعت اشتباكات في عين زارة.")
    doc = make_doc(text, published=date(2020, 6, 8), dates=True)
    dated = {doc.text[e.trigger[0]:e.trigger[1]]: e.date for e in plain(doc)}
    assert dated["غارات"] == dated["استهدفت"] == date(2020, 6, 7)  # the night before, carried on
    assert dated["اشتباكات"] is None  # a new paragraph with a new subject: no day


def test_simultaneity_carries_the_day_and_until_now_means_today() -> None:
    text = "قصفت قوات الوفاق سرت يوم الأحد.\nوبالتزامن، هاجم الجيش الوطني عين زارة."
    doc = make_doc(text, published=date(2020, 6, 11), dates=True)
    assert [e.date for e in plain(doc)] == [date(2020, 6, 7), date(2020, 6, 7)]
    doc = make_doc("شنت قوات الوفاق ثلاث غارات على سرت حتى الآن.", published=date(2020, 6, 11))
    assert plain(doc)[0].date == date(2020, 6, 11)


def test_a_threat_is_dated_by_the_words_that_make_it() -> None:
    text = "قال أحمد المسماري اليوم إن المقاتلات قصفت سرت أمس.\nوأضاف: سندخل طرابلس قريبا."
    doc = make_doc(text, published=date(2020, 6, 11), dates=True)
    threat = next(e for e in plain(doc) if e.type == "THREATEN")
    assert threat.date == date(2020, 6, 11)


def test_doer_after_min_of_a_request_or_reinforcements() -> None:
    ev = next(e for e in plain(make_doc("عقد مجلس الأمن جلسة طارئة بطلب من مصر.")) if e.type == "REQUEST")
    assert ev.source == "egypt"
    ev = next(e for e in plain(make_doc("وصلت تعزيزات من قوات الوفاق إلى سرت.")) if e.type == "MOBILIZE")
    assert ev.source == "gna"


def test_participle_and_event_noun_subjects() -> None:
    doc = make_doc("دعا مجلس الأمن إلى الحوار، مطالبا بخروج المرتزقة من سرت.")
    assert [(e.type, e.source) for e in plain(doc)] == [("REQUEST", "unsc"), ("REQUEST", "unsc")]
    doc = make_doc("التقى غسان سلامة أحمد المسماري في سرت. وتناول اللقاء الوضع الميداني.")
    assert [e.source for e in plain(doc) if e.type == "CONSULT"][-1] == "salame"


def test_only_a_light_verb_of_a_relative_clause_names_the_doer() -> None:
    doc = make_doc("انتهت جلسة مغلقة طارئة عقدها مجلس الأمن حول ليبيا.")
    assert any(e.source == "unsc" for e in plain(doc) if e.type == "CONSULT")
    doc = make_doc("رحب غسان سلامة بالمبادرة المصرية التي تجاهلتها قوات الوفاق.")
    assert all(e.source != "gna" for e in plain(doc) if e.type == "REQUEST")


def test_a_heading_does_not_continue_the_topic() -> None:
    doc = make_doc("قصف الجيش الوطني مواقع في سرت.\nتعزيزات غرب سرت\nوصلت قوات إضافية.")
    heading = next(e for e in plain(doc) if e.type == "MOBILIZE" and doc.text[e.trigger[0]:e.trigger[1]] == "تعزيزات")
    assert heading.source is None


@pytest.mark.parametrize("text", [
    "تحدثت تقارير عن ضربة جوية محتملة على مواقع في سرت.",
    "تسود مخاوف من وقوع هجمات في طرابلس.",
    "صدر حكم بالإعدام على المتهم في طرابلس.",
])
def test_expected_feared_or_sentenced_acts_are_not_reported_acts(text: str) -> None:
    assert "ASSAULT" not in types(make_doc(text))


def test_a_homograph_of_attack_meaning_got_used_to() -> None:
    assert types(make_doc("لقد اعتدت أن أعيش في طرابلس.")) == []


def test_a_crowd_verb_with_protesters_is_a_protest() -> None:
    assert types(make_doc("تجمع مئات المتظاهرين أمام مقر الحكومة.")) == ["PROTEST"]
    assert types(make_doc("والمحتجون احتشدوا قرب البرلمان.")) == ["PROTEST"]
    # the same verbs with no protesters and no actor are no protest
    assert "PROTEST" not in types(make_doc("تجمع المسافرون في صالة المطار."))
    # a named actor also makes it one
    assert "PROTEST" in types(make_doc("احتشد الطلاب في ساحة الجامعة."))


def test_an_attempt_is_an_attack_and_suffering_is_not_purpose() -> None:
    assert "ASSAULT" in types(make_doc("نجا الوزير من محاولة اغتيال في طرابلس."))
    assert "ASSAULT" in types(make_doc("تعرضت دورية لاعتداء قرب سرت."))
    assert "ASSAULT" in types(make_doc("اغتيل القائد في سرت أمس."))


def test_protesters_are_the_doer_of_a_protest_with_no_named_actor() -> None:
    doc = make_doc("تظاهر مئات المحتجين أمس أمام مقر الحكومة في طرابلس.")
    ev = next(e for e in plain(doc) if e.type == "PROTEST")
    crowd = doc.actor(ev.source)
    assert crowd is not None and crowd.name_en == "Protesters" and "CVL" in crowd.codes
    assert [doc.text[s:e] for s, e in crowd.mentions] == ["المحتجين"]
    # a named actor keeps the event
    doc = make_doc("تظاهر الطلاب أمام مقر الحكومة.")
    assert [e.source for e in plain(doc)] == ["students"]


def test_unnamed_gunmen_are_the_doer_of_an_attack() -> None:
    for text in ("هاجم مسلحون مجهولون حاجزا قرب سرت.", "وقع هجوم مسلحين على حاجز في سرت.",
                 "المسلحون أطلقوا النار على دورية في سرت."):
        ev = next(e for e in plain(make_doc(text)) if e.type == "ASSAULT")
        assert ev.source == "generic:gunmen", text
    # gunmen named as the killed are no doer
    for text in ("أعلنت مصر مقتل خمسة مسلحين في سرت.", "قتل ثلاثة مسلحين في سرت."):
        assert all(e.source != "generic:gunmen" for e in plain(make_doc(text))), text


def test_an_intention_told_by_the_narrator_is_no_threat() -> None:
    doc = make_doc("وصلت تعزيزات من قوات الوفاق إلى سرت استعدادا لاقتحامها.")
    assert "THREATEN" not in types(doc)
    assert any(e.type == "ASSAULT" and e.hypothetical for e in doc.events)


@pytest.mark.parametrize("text,absent", [
    ("تقع المدينة تحت سيطرة الجيش الوطني منذ أشهر.", "COERCE"),
    ("شدد غسان سلامة على أهمية وقف إطلاق النار في سرت.", "RETREAT"),
    ("حقق الجيش الوطني تقدما كبيرا قرب سرت.", "ACCUSE"),
    ("نددت مصر بالتدخل التركي في طرابلس.", "MOBILIZE"),
])
def test_states_wishes_and_homographs_are_not_events(text: str, absent: str) -> None:
    assert absent not in types(make_doc(text))


def test_a_definite_noun_naming_an_attack_told_before_is_no_new_event() -> None:
    text = ("شن الجيش الوطني غارة جوية على طرابلس أمس. ودان غسان سلامة الغارة بشدة. "
            "وتأتي الغارة بعد أسبوع من التصعيد. وقال أحمد المسماري إن الغارة أصابت أهدافها.")
    assert types(make_doc(text)).count("ASSAULT") == 1
    # the same noun bringing something of its own is a new event: a place, a relative clause, a target
    for extra in ("وتجددت الغارات على مواقع في سرت.", "وأيدت مصر الغارة التي شنتها قوات الوفاق.",
                  "وشهدت الليلة الغارات على عين زارة."):
        assert types(make_doc("شن الجيش الوطني غارة جوية على طرابلس أمس. " + extra)).count("ASSAULT") == 2, extra
    # a first mention is an event even when definite
    assert "ASSAULT" in types(make_doc("ودان غسان سلامة الهجوم الذي شنه الجيش الوطني على طرابلس."))


@pytest.mark.parametrize("text,source", [
    ("ودان غسان سلامة القصف على طرابلس.", "salame"),
    ("وحمّل مجلس الأمن الجيش الوطني المسؤولية الكاملة عن سقوط الضحايا.", "unsc"),
    ("ووصفت قوات الوفاق الخطوة بأنها \"ابتزاز سياسي\".", "gna"),
    ("اعتبرت مصر الخطوة \"احتلالا صريحا\" للأراضي الليبية.", "egypt"),
    ("رحبت مصر بالاتفاق، متهمة تركيا بعرقلته.", "egypt"),
])
def test_condemning_blaming_and_describing_in_words_of_accusation_are_accuse(text: str, source: str) -> None:
    assert [e.source for e in plain(make_doc(text)) if e.type == "ACCUSE"] == [source], text


@pytest.mark.parametrize("text", [
    "ووصفت مصر الاتفاق بأنه خطوة مهمة نحو السلام.",  # a neutral description
    "حمل المتظاهرون لافتات في طرابلس.",  # carrying, not blaming
    "أعلن الجيش الوطني انسحابه بعد ما وصفه بـ\"عملية غدر\".",  # the narrator cites a label
    "مثل المتهم أمام المحكمة في طرابلس.",  # the accused is a noun
])
def test_neutral_descriptions_carrying_and_cited_labels_are_not_accusations(text: str) -> None:
    assert "ACCUSE" not in types(make_doc(text)), text


def test_today_in_the_words_of_a_statement_issued_earlier_is_that_day() -> None:
    # published Thursday 11 June 2020; the ministry spoke on Monday 8 June
    text = ("أصدرت مصر يوم الإثنين بيانا حول ليبيا.\n"
            "وأعربت مصر عن قلقها من الاشتباكات التي اندلعت صباح اليوم في سرت.\n"
            "وأكدت مصر في البيان دعمها لجهود بعثة الأمم المتحدة.")
    doc = make_doc(text, dates=True)
    dated = {doc.text[e.trigger[0]:e.trigger[1]]: e.date for e in plain(doc)}
    assert dated["الاشتباكات"] == date(2020, 6, 8)
    assert dated["دعمها"] == date(2020, 6, 8)  # "في البيان": what that statement said
    # told by the narrator, "today" is the publication day
    doc = make_doc("اندلعت اشتباكات صباح اليوم في سرت.", dates=True)
    assert plain(doc)[0].date == date(2020, 6, 11)


def test_a_headline_event_takes_the_day_and_doer_its_lead_gives() -> None:
    text = ("طائرات تقصف مواقع في سرت\n\n"
            "شن الجيش الوطني صباح أمس الأربعاء غارات جوية على مواقع في سرت.\n"
            "ورحبت مصر بالهدنة.")
    doc = make_doc(text, dates=True)
    head = plain(doc)[0]
    assert doc.text[head.trigger[0]:head.trigger[1]] == "تقصف"
    assert (head.source, head.date) == ("lna", date(2020, 6, 10))
    # the first sentence of a text with no headline line is body text: nothing is borrowed
    doc = make_doc("طائرات تقصف مواقع في سرت. شن الجيش الوطني صباح أمس الأربعاء غارات جوية على سرت.", dates=True)
    assert plain(doc)[0].date is None


def test_a_negated_verb_negates_the_verbal_noun_it_governs() -> None:
    doc = make_doc("لم تسفر المحادثات بين مصر وتركيا عن اتفاق.")
    assert "AGREE" not in types(doc) and any(e.type == "AGREE" and e.negated for e in doc.events)
    # a noun inside the subject after من is not what the verb negates
    assert "CONSULT" in types(make_doc("لم تسفر الجولة الثانية من محادثات مصر وتركيا عن نتيجة."))


def test_a_negated_verb_of_stopping_asserts_the_act_goes_on() -> None:
    assert "ASSAULT" in types(make_doc("لم تتوقف قوات الوفاق عن قصف مواقع في سرت."))


# ----------------------------------------------------------------------------------------- event place

MORE_PLACES = {"ly": ("ليبيا", "country"), "fr": ("فرنسا", "country"), "tn-tunis": ("تونس", "city"),
               "ly-mitiga": ("مطار معيتيقة", "locality")}


def _place_of(doc: Document, trigger: str) -> str | None:
    found = [e.place for e in plain(doc) if doc.text[e.trigger[0]:e.trigger[1]] == trigger]
    assert found, f"no event on {trigger!r}"
    return found[0]


def test_a_place_in_an_envoys_title_is_not_where_he_acts() -> None:
    doc = make_doc("ودعا المبعوث الأممي إلى ليبيا غسان سلامة إلى وقف القتال.", places=MORE_PLACES)
    assert _place_of(doc, "ودعا") is None
    doc = make_doc("التقى المبعوث الخاص للأمم المتحدة إلى ليبيا غسان سلامة وفدا من مصر في تونس.", places=MORE_PLACES)
    assert _place_of(doc, "التقى") == "tn-tunis"
    # the mission's seat: "البعثة في ليبيا"
    doc = make_doc("رحبت بعثة الأمم المتحدة في ليبيا بالهدنة.", places=MORE_PLACES)
    assert _place_of(doc, "رحبت") is None


def test_a_place_inside_an_actor_name_is_not_the_event_place() -> None:
    east = {"east": ("قوات شرق ليبيا", "MIL")}
    doc = make_doc("شنت طائرة تابعة لقوات شرق ليبيا غارة جوية على مطار معيتيقة.", actors=east, places=MORE_PLACES)
    assert _place_of(doc, "غارة جوية") == "ly-mitiga"


def test_the_most_specific_place_of_the_clause_wins_over_the_country() -> None:
    doc = make_doc("قصف الجيش الوطني مطار معيتيقة في ليبيا.", places=MORE_PLACES)
    assert _place_of(doc, "قصف") == "ly-mitiga"
    # a country alone is still the place of a fight
    doc = make_doc("اندلعت اشتباكات عنيفة في ليبيا أمس.", places=MORE_PLACES)
    assert _place_of(doc, "اشتباكات") == "ly"


def test_a_country_talked_about_is_not_where_talk_happens() -> None:
    for text, trigger in (("ودعت مصر إلى وقف إطلاق النار في ليبيا.", "ودعت"),
                          ("وجددت تركيا دعمها لجهود الأمم المتحدة في ليبيا.", "دعمها"),
                          ("واتهمت مصر تركيا بإرسال مرتزقة إلى ليبيا.", "واتهمت")):
        assert _place_of(make_doc(text, places=MORE_PLACES), trigger) is None, text
    # a compass word makes the country a venue: "جنوب غربي فرنسا"
    doc = make_doc("عقد مجلس الأمن جلسة مغلقة في جنوب فرنسا.", places=MORE_PLACES)
    assert _place_of(doc, "جلسة مغلقة") == "fr"


def test_a_state_acting_is_not_a_place_but_an_attacked_city_is() -> None:
    tripoli = {"tripoli": ("طرابلس", "GPE")}
    doc = make_doc("ودعا مجلس الأمن إلى التهدئة، وهو ما رفضته طرابلس.", actors=tripoli)
    assert _place_of(doc, "ودعا") is None
    doc = make_doc("قصف الجيش الوطني طرابلس بالمدفعية.", actors=tripoli)
    assert _place_of(doc, "قصف") == "ly-tripoli"


def test_the_content_of_an_accusation_or_a_request_has_its_own_place() -> None:
    doc = make_doc("واتهمت مصر تركيا بإرسال مرتزقة إلى طرابلس.")
    assert _place_of(doc, "واتهمت") is None
    # the venue of the act itself: right after the trigger, or after a noun of a meeting
    doc = make_doc("ودعت مصر في ختام اجتماع عقد في سرت إلى التهدئة.")
    assert _place_of(doc, "ودعت") == "ly-sirte"


def test_said_acts_take_no_place_from_another_clause() -> None:
    doc = make_doc("رحبت مصر بالهدنة، فيما اندلعت اشتباكات في سرت.")
    assert _place_of(doc, "رحبت") is None
    assert _place_of(doc, "اشتباكات") == "ly-sirte"


def test_a_dateline_is_where_the_report_was_filed() -> None:
    doc = make_doc("عنوان الخبر\n\nتونس (وكالات) – شن الجيش الوطني غارات جوية على مواقع قرب سرت.", places=MORE_PLACES)
    assert _place_of(doc, "غارات جوية") == "ly-sirte"
    doc = make_doc("عنوان الخبر\n\nتونس (وكالات) – أعلن غسان سلامة استقالته من منصبه.", places=MORE_PLACES)
    assert _place_of(doc, "استقالته") is None


# ---------------------------------------------------------------------------------------- event target

def _target_of(doc: Document, trigger: str) -> str | None:
    found = [e.target for e in plain(doc) if doc.text[e.trigger[0]:e.trigger[1]] == trigger]
    assert found, f"no event on {trigger!r}"
    return found[0]


def test_the_owner_of_what_an_attack_hit_is_its_target() -> None:
    for text, trigger in (("دمر الجيش الوطني غرفة عمليات تابعة لقوات الوفاق في سرت.", "دمر"),
                          ("شن الجيش الوطني غارات على مواقع لميليشيات قوات الوفاق.", "غارات"),
                          ("قصف الجيش الوطني رتلا تابعا لقوات الوفاق قرب سرت.", "قصف")):
        assert _target_of(make_doc(text), trigger) == "gna", text
    # a side loyal to someone is not what was hit: "هجوما شنته الميليشيات الموالية لـ"
    doc = make_doc("صد الجيش الوطني هجوما شنته الميليشيات الموالية لقوات الوفاق على تمركزاته.")
    assert _target_of(doc, "هجوما") != "gna"


def test_bare_militias_are_the_side_the_text_calls_so() -> None:
    text = ("تقدمت وحدات الجيش الوطني في محيط سرت بعد معارك مع ميليشيات قوات الوفاق.\n"
            "وشن الجيش الوطني غارات على مواقع للميليشيات قرب سرت.")
    assert _target_of(make_doc(text), "غارات") == "gna"
    # nobody is called a militia in the text: the bare noun names no actor
    doc = make_doc("وشن الجيش الوطني غارات على مواقع للميليشيات قرب سرت.")
    assert _target_of(doc, "غارات") is None


# ------------------------------------------------------------------------------- lexicon classes (gaps)

@pytest.mark.parametrize("etype,text,trigger", [
    # shooting down an aircraft: a verb with the aircraft after it, or the verbal noun
    ("ASSAULT", "أسقطت الدفاعات الجوية للجيش الوطني طائرة مسيرة تركية قرب سرت.", "أسقطت"),
    ("ASSAULT", "أعلن الجيش الوطني إسقاط طائرة مسيرة قرب سرت.", "إسقاط طائرة مسيرة"),
    ("ASSAULT", "وأسقط الجيش الوطني مروحية قرب سرت.", "وأسقط"),
    # repositioning is a withdrawal
    ("RETREAT", "أعادت قوات الوفاق تموضعها خارج سرت.", "أعادت"),
    ("RETREAT", "وقال إن الوحدات أعادت تموضعها خارج سرت.", "أعادت تموضعها"),
    ("RETREAT", "يعيد الجيش الوطني تمركز وحداته جنوب سرت.", "يعيد"),
    ("RETREAT", "أعلن الجيش الوطني إعادة تموضع قواته خارج سرت.", "إعادة تموضع"),
    # lifting a blockade or an embargo
    ("RETREAT", "رفع الجيش الوطني الحظر عن الموانئ النفطية.", "رفع"),
    ("RETREAT", "عاد الإنتاج بعد رفع الجيش الوطني الحصار عن الحقول.", "رفع"),
    ("RETREAT", "أعلنت مصر رفع القيود عن الشاحنات الليبية.", "رفع القيود"),
    # letting a force through
    ("COOPERATE", "فتحت قوات الوفاق الطريق أمام القوات المتقدمة.", "فتحت"),
    ("COOPERATE", "يفتح الجيش الوطني الطريق أمام الأرتال القادمة من الشرق.", "يفتح"),
    ("COOPERATE", "سهلت مصر دخول قوات الجيش الوطني إلى المنطقة.", "سهلت"),
    # a force setting out
    ("MOBILIZE", "بدأت قوات الوفاق التوجه إلى سرت.", "بدأت"),
    ("MOBILIZE", "وقال إن قوات الوفاق بدأوا التحرك نحو سرت.", "بدأوا التحرك"),
    ("MOBILIZE", "بدأ الجيش الوطني الانتشار في محيط سرت.", "بدأ"),
    # suspending one's part in talks
    ("REJECT", "علقت قوات الوفاق مشاركتها في المحادثات.", "علقت"),
    ("REJECT", "جاءت الاستقالة بعد تعليق قوات الوفاق مشاركتها في المحادثات.", "تعليق"),
    ("REJECT", "جمدت مصر عضويتها في اللجنة.", "جمدت"),
    # cutting flights, port calls or entry
    ("SANCTION", "قرر الجيش الوطني وقف الرحلات الجوية نحو تركيا.", "وقف الرحلات الجوية"),
    ("SANCTION", "أعلنت مصر حظر رسو السفن التركية في موانئها.", "حظر رسو"),
    ("SANCTION", "قرر الجيش الوطني إغلاق المجال الجوي أمام الطائرات التركية.", "إغلاق المجال الجوي"),
])
def test_lexicon_classes_found_missing_on_our_gold(etype: str, text: str, trigger: str) -> None:
    """A multi-word verb split by its subject (VSO) is found on its verb word."""
    doc = make_doc(text)
    found = [(e.type, doc.text[e.trigger[0]:e.trigger[1]]) for e in plain(doc)]
    assert (etype, trigger) in found, found


@pytest.mark.parametrize("text,absent", [
    ("رفع الجيش الوطني حالة التأهب في سرت.", "RETREAT"),          # raising an alert lifts nothing
    ("علق غسان سلامة على الأحداث في سرت.", "REJECT"),              # commenting is not suspending
    ("فتح الاتفاق الطريق أمام الحل السياسي.", "COOPERATE"),         # a way opened for a solution
    ("ما أدى إلى تعليق الرحلات في المطار.", "SANCTION"),            # a consequence with no doer
    ("سقطت طائرة مسيرة قرب سرت.", "ASSAULT"),                      # a crash is no attack
    ("تظاهر الطلاب احتجاجا على انقطاع الكهرباء.", "none-twice"),   # the reason is not a second protest
])
def test_lexicon_classes_stay_out_of_their_homographs(text: str, absent: str) -> None:
    found = types(make_doc(text))
    if absent == "none-twice":
        assert found.count("PROTEST") == 1, found
    else:
        assert absent not in found, found


def test_an_order_to_attack_said_by_a_commander_is_a_threat() -> None:
    doc = make_doc('وقال أحمد المسماري: "صدرت الأوامر للجيش الوطني باستهداف السفن التركية".')
    assert "ASSAULT" not in types(doc)
    assert any(e.type == "ASSAULT" and e.hypothetical or e.type == "THREATEN" for e in doc.events)
    # naval vessels (القطع البحرية) are not a cut (قطع) of anything
    assert "SANCTION" not in types(make_doc("استهدف الجيش الوطني القطع البحرية التركية قرب سرت."))


# ------------------------------------------------------------------------ readings after a governing word

@pytest.mark.parametrize("text,word", [
    ("نظرت المحكمة في قضية خطف الناشط العام الماضي.", "خطف"),     # the case of an abduction
    ("ناقش الاجتماع إمكانية خطف الرهائن.", "خطف"),                 # a possibility
    ("عاد الهدوء بعد قتل القائد.", "قتل"),                         # after a preposition
])
def test_a_bare_event_word_after_a_governing_word_is_a_noun(text: str, word: str) -> None:
    from marsad.events.triggers import event_hits

    doc = segment(Document(text=text, source=Source()))
    hits = [h for s in doc.sentences for h in event_hits(doc, s, []) if doc.text[h.start:h.end] == word]
    assert hits and hits[0].trigger.tense == "noun"
    # a bare word opening its clause stays a verb
    doc = segment(Document(text="خطف مسلحون الناشط أمس.", source=Source()))
    hits = [h for s in doc.sentences for h in event_hits(doc, s, [])]
    assert hits[0].trigger.tense == "past"


def test_a_verbal_noun_with_an_object_after_its_genitive_has_the_genitive_as_doer() -> None:
    doc = make_doc("احتجت مصر على قصف الجيش الوطني قوات الوفاق في سرت.")
    ev = next(e for e in plain(doc) if e.type == "ASSAULT")
    assert (ev.source, ev.target) == ("lna", "gna")
    # with nothing after it, the genitive of قصف is what was shelled
    doc = make_doc("أدانت مصر قصف قوات الوفاق.")
    ev = next(e for e in doc.events if e.type == "ASSAULT")
    assert ev.target == "gna"


def test_backing_the_efforts_of_an_actor_backs_the_actor() -> None:
    doc = make_doc("أكدت مصر دعم جهود بعثة الأمم المتحدة.")
    ev = next(e for e in plain(doc) if e.type == "SUPPORT")
    assert ev.target == "unsmil"


def test_a_bare_definite_attack_noun_is_background_not_a_new_report() -> None:
    # nothing of its own: the reader already knows the attack
    assert "ASSAULT" not in types(make_doc("ويعتقد أن قوات الوفاق تقف وراء الهجوم."))
    assert "ASSAULT" not in types(make_doc("واستنكرت مصر الاغتيال في بيانها."))
    # a doer, a place or a date of its own makes it a report
    assert "ASSAULT" in types(make_doc("استنكرت مصر الهجوم على مواقع في سرت أمس."))
    assert "ASSAULT" in types(make_doc("استنكرت مصر الهجوم الذي شنه الجيش الوطني."))
    # the first report of an attack is indefinite
    assert "ASSAULT" in types(make_doc("شن الجيش الوطني هجوما على قوات الوفاق."))


@pytest.mark.parametrize("text", ["تحدث التقرير عن أعمال قتل في المنطقة.",
                                  "حذر الخبير من تكرار خطف الصحافيين.",
                                  "عرض الكاتب سيناريو خطف الطائرات."])
def test_practices_and_scenarios_of_violence_are_not_reported_acts(text: str) -> None:
    assert "ASSAULT" not in types(make_doc(text))


def test_an_attack_on_military_objects_hits_the_other_side_of_the_war() -> None:
    war = "اندلعت اشتباكات بين الجيش الوطني وقوات الوفاق جنوب سرت، وأكد الجيش الوطني تقدم قوات الوفاق.\n"
    assert _target_of(make_doc(war + "وقصف الجيش الوطني مواقع قرب سرت."), "وقصف") == "gna"
    # the other way round, through a body of the side (an operations room of the LNA is the LNA)
    doc = make_doc(war + "واستهدفت قوات الوفاق تمركزات قرب سرت.")
    assert _target_of(doc, "واستهدفت") == "lna"
    # a civilian object is no side's
    assert _target_of(make_doc(war + "وقصف الجيش الوطني مطار سرت المدني."), "وقصف") is None
    # a text with one armed side has no war to read
    assert _target_of(make_doc("قصف الجيش الوطني مواقع قرب سرت."), "قصف") is None


def test_a_delegation_acts_for_the_body_it_is_of() -> None:
    doc = make_doc("جاءت الاستقالة بعد تعليق وفد قوات الوفاق مشاركته في المحادثات.")
    ev = next(e for e in plain(doc) if e.type == "REJECT")
    assert ev.source == "gna"


def test_a_military_speaker_tells_the_moves_of_his_own_force() -> None:
    doc = make_doc("وأعلن أحمد المسماري، المتحدث باسم الجيش الوطني، أن الوحدات العسكرية أعادت تموضعها خارج سرت.")
    ev = next(e for e in plain(doc) if e.type == "RETREAT")
    assert ev.source == "lna"
    # a civilian speaker's own resignation stays his
    doc = make_doc("أعلن غسان سلامة استقالته من منصبه.")
    assert next(e for e in plain(doc) if e.type == "RETREAT").source == "salame"


def test_the_partner_of_a_call_or_the_praised_one_comes_after_b() -> None:
    doc = make_doc("أجرى غسان سلامة اتصالا هاتفيا بالسيد أحمد المسماري أمس.")
    ev = next(e for e in plain(doc) if e.type == "CONSULT")
    assert (ev.source, ev.target) == ("salame", "mismari")  # بالسيد: a preposition, not a genitive
    doc = make_doc("وأشادت مصر بجهود غسان سلامة.")
    assert next(e for e in plain(doc) if e.type == "SUPPORT").target == "salame"
    # an actor behind بالـ is not the doer of the noun before it
    doc = make_doc("رحبت مصر بالجيش الوطني.")
    assert next(e for e in plain(doc) if e.type == "SUPPORT").source == "egypt"


@pytest.mark.parametrize("text,threat", [
    ('وحذر أحمد المسماري من أن أي هجوم على سرت "سيواجه برد حاسم".', True),
    ("حذرت مصر قوات الوفاق من أنها سترد بقوة على أي تقدم نحو سرت.", True),
    ('وحذرت بعثة الأمم المتحدة من "عواقب وخيمة" على الوضع الاقتصادي.', False),  # a warning, no answer in force
])
def test_a_warning_that_promises_an_answer_in_force_is_a_threat(text: str, threat: bool) -> None:
    assert ("THREATEN" in types(make_doc(text))) is threat


def test_where_takes_the_place_of_the_clause_before() -> None:
    doc = make_doc("وصل غسان سلامة أمس إلى العاصمة طرابلس، حيث التقى قادة قوات الوفاق.")
    assert _place_of(doc, "التقى") == "ly-tripoli"


def test_a_relative_clause_of_holding_or_signing_names_the_venue() -> None:
    doc = make_doc("ودعت مصر في ختام مؤتمرها الذي عقد في مدينة سرت إلى التهدئة.")
    assert _place_of(doc, "ودعت") == "ly-sirte"
    doc = make_doc("رحب مجلس الأمن بالاتفاق الذي وقعه الجيش الوطني وقوات الوفاق أمس في سرت.")
    assert _place_of(doc, "بالاتفاق") == "ly-sirte"
    # a relative clause of something else is another act's place
    doc = make_doc("ودعت مصر إلى التهدئة التي تعثرت في سرت.")
    assert _place_of(doc, "ودعت") is None


@pytest.mark.parametrize("text,absent", [
    ("وأكد غسان سلامة في مؤتمر صحفي عقده في سرت أن الهدنة صامدة.", "CONSULT"),  # a press conference
    ("ومن المقرر أن يلتقي غسان سلامة وفدا من مصر غدا.", "CONSULT"),          # scheduled, not yet
    ("تغلق قوات الوفاق الطرق عشية مؤتمر برلين.", "CONSULT"),                  # the eve of a meeting
    ("اتهمت مصر تركيا بانتهاك حظر الأسلحة.", "SANCTION"),                     # an embargo in force
    ("ارتقى 30 طالبا في القصف على سرت.", "REQUEST"),                         # students, not "demanding"
])
def test_press_conferences_schedules_standing_embargoes_and_counted_nouns_are_no_events(
        text: str, absent: str) -> None:
    assert absent not in types(make_doc(text))


def test_imposing_an_embargo_is_a_sanction_and_a_participle_still_speaks() -> None:
    assert "SANCTION" in types(make_doc("قرر مجلس الأمن فرض حظر الأسلحة على الأطراف."))
    doc = make_doc("رحبت مصر بالهدنة، مطالبا الجيش الوطني بالانسحاب.")
    assert "REQUEST" in types(doc)


def test_providing_support_is_not_advancing() -> None:
    found = types(make_doc("وتقدم تركيا الدعم لقوات الوفاق."))
    assert "SUPPORT" in found and "MOBILIZE" not in found
    found = [e.type for e in make_doc("أعلنت تركيا أنها ستقدم كل الدعم لقوات الوفاق.").events]
    assert "SUPPORT" in found and "MOBILIZE" not in found
    assert "MOBILIZE" in types(make_doc("تقدم الجيش الوطني نحو سرت."))


def test_the_machines_of_a_force_in_a_relative_clause_name_the_force() -> None:
    doc = make_doc("أعلن الجيش الوطني تدمير مخزن للذخيرة، على أثر ضربات نفذتها مقاتلات قوات الوفاق.")
    ev = next(e for e in plain(doc) if doc.text[e.trigger[0]:e.trigger[1]] == "ضربات")
    assert ev.source == "gna"


@pytest.mark.parametrize("text", [
    "مثل أمام المحكمة ثلاثة متهمين في تفجير سوق سرت.",
    "طالب المحامون بتخفيف الأحكام الصادرة بالإعدام على عناصر الخلية.",
    "نقلت الصحف أسماء الجنود المحكوم عليهم بالإعدام في طرابلس.",
    "أغلق المدعي العام تحقيقه في عملية خطف الصحفي في سرت.",
    "نظم الاتحاد حفلا لمناسبة اغتيال المحامي في طرابلس.",
])
def test_a_case_or_an_occasion_two_words_before_the_noun_frames_it(text: str) -> None:
    """A frame head reaches its event noun over "في"، "عليهم"، "الصادرة"، "عملية" (the case's object)."""
    doc = make_doc(text)
    assert "ASSAULT" not in types(doc)


def test_an_event_dated_by_an_earlier_year_alone_is_history() -> None:
    doc = make_doc("اغتيل المحامي في طرابلس عام 2011 وما زالت عائلته تطالب بالعدالة.", dates=True)
    assaults = [e for e in doc.events if e.type == "ASSAULT"]
    assert assaults and all(e.hypothetical for e in assaults)
    # the year of the publication itself, or a day, keeps the report
    doc = make_doc("هاجمت قوات الوفاق عين زارة في 3 مايو 2020.", dates=True)
    assert "ASSAULT" in types(doc)
    doc = make_doc("هاجمت قوات الوفاق عين زارة عام 2020.", dates=True)
    assert "ASSAULT" in types(doc)
    # a day more than a year before the publication is history too
    doc = make_doc("اغتيل المحامي في طرابلس في 3 مايو 2018.", dates=True)
    assaults = [e for e in doc.events if e.type == "ASSAULT"]
    assert assaults and all(e.hypothetical for e in assaults)


@pytest.mark.parametrize("text", [
    "شن المتحدث هجوما لاذعا على وزير الداخلية في مؤتمر صحفي.",
    "هاجم النائب سياسة الحكومة في طرابلس.",
    "انفجر الحضور بالضحك عند سماع الخبر.",
    "انفجرت فضيحة جديدة في وزارة المالية.",
])
def test_a_figure_of_speech_is_no_attack(text: str) -> None:
    assert "ASSAULT" not in [e.type for e in make_doc(text).events]


def test_a_real_attack_next_to_a_figurative_word_farther_on_stays() -> None:
    doc = make_doc("هاجمت قوات الوفاق مواقع في عين زارة بعد خطاب ألقاه الوزير.")
    assert "ASSAULT" in types(doc)


@pytest.mark.parametrize("text,cue", [
    ("تبحث الشرطة عن رجلين لهما صلة بالهجوم على مستشفى سرت.", "relation"),
    ("ناقش المجلس تداعيات اغتيال المحامي في طرابلس.", "aftermath"),
    ("بثت القناة مشاهد من عملية اغتيال المحامي في طرابلس.", "depiction"),
    ("نشرت المنظمة ادعاءات بتعذيب السجناء في سرت.", "allegation"),
    ("تراجعت نسبة الهجمات على الأحياء السكنية في طرابلس.", "tally"),
    ("أعلنت الشرطة العثور على سيارة مفخخة في سرت.", "defused"),
    ("زار الوزير جرحى التفجير في مستشفى طرابلس.", "victims"),
    ("تمكنت فرق الهندسة من تفكيك عبوة ناسفة في طرابلس.", "defused"),
])
def test_relation_aftermath_depiction_allegation_tally_and_defusing_frame_the_noun(text: str, cue: str) -> None:
    doc = make_doc(text)
    assaults = [e for e in doc.events if e.type == "ASSAULT"]
    assert assaults and all(e.hypothetical for e in assaults)
    assert cue in {lexicon.event_frames().get(t.norm) for t in doc.tokens} | {
        lexicon.event_frames().get(t.keys[-1]) for t in doc.tokens}


def test_a_festival_or_a_career_is_no_protest() -> None:
    assert "PROTEST" not in [e.type for e in make_doc("شاركت فرقة من طرابلس في تظاهرة المسرح العربي.").events]
    assert "PROTEST" not in [e.type for e in make_doc("تؤخر الحرب مسيرة البلاد التنموية.").events]
    assert "PROTEST" in types(make_doc("خرجت مظاهرات حاشدة في طرابلس."))


def test_a_past_threat_or_warning_does_not_assert_the_attack() -> None:
    doc = make_doc("هددت قوات الوفاق أمس بقصف مواقع الجيش الوطني في سرت.")
    assert "ASSAULT" not in types(doc) and "THREATEN" in types(doc)
    assert "ASSAULT" not in types(make_doc("حذر الوزير من هجوم على طرابلس."))


def test_a_present_verb_with_no_place_date_or_target_tells_a_habit() -> None:
    assert "ASSAULT" not in types(make_doc("قال الكاتب إن الطغاة يقتلون الناس ثم يبكون عليهم."))
    assert "PROTEST" not in types(make_doc("قال الكاتب إن المتظاهرين يتظاهرون حين يجوعون."))
    # a place, a date or a named target makes it a report
    assert "ASSAULT" in types(make_doc("قال المسماري إن قوات الوفاق تقصف الأحياء في سرت."))
    assert "ASSAULT" in types(make_doc("تقصف قوات الوفاق مواقع الجيش الوطني منذ الصباح."))


def test_an_attack_noun_with_a_doer_alone_names_its_violence_in_general() -> None:
    assert "ASSAULT" not in types(make_doc("يخشى الناس كثيرا غارات الجيش الوطني."))
    # a place, a target, a toll or a verb of occurrence makes it a report
    assert "ASSAULT" in types(make_doc("يخشى الناس غارات الجيش الوطني على سرت."))
    assert "ASSAULT" in types(make_doc("أسفرت غارات الجيش الوطني عن مقتل 5 مدنيين."))
