"""Event targets on sentences we wrote: the other side of a war, requests made of someone, the accused
before the charge, apposition after the subject."""

from __future__ import annotations

from marsad.doc import Actor, Document, Place
from marsad.events.extract import extract_events, names_any, war_sides
from marsad.normalize import normalize
from marsad.segment import segment
from tests.test_events import make_doc, plain

# Two armed sides, each named twice: the text's war.
WAR = "اندلعت اشتباكات بين الجيش الوطني وقوات الوفاق جنوب سرت، وأكد الجيش الوطني تقدم قوات الوفاق.\n"


def _target_of(doc: Document, trigger: str) -> str | None:
    found = [e.target for e in plain(doc) if doc.text[e.trigger[0]:e.trigger[1]] == trigger]
    assert found, f"no event on {trigger!r}"
    return found[0]


def test_an_armed_sides_attack_with_no_target_hits_the_other_side() -> None:
    # no object named at all: air strikes of one side of the war fall on the other
    assert _target_of(make_doc(WAR + "وشن الجيش الوطني غارات جوية عنيفة فجر اليوم."), "غارات جوية") == "gna"
    assert _target_of(make_doc(WAR + "ودمرت قوات الوفاق مخزنا للذخيرة قرب سرت."), "ودمرت") == "lna"
    # a text with no war (one armed side) reads no other side
    assert _target_of(make_doc("وشن الجيش الوطني غارات جوية عنيفة فجر اليوم."), "غارات جوية") is None


def test_clashes_civilians_and_victims_are_not_the_other_side() -> None:
    # fighting between two: each side is a doer
    assert _target_of(make_doc(WAR + "واشتبك الجيش الوطني أمس قرب سرت."), "واشتبك") is None
    # homes and civilians are no side's
    assert _target_of(make_doc(WAR + "وقصف الجيش الوطني أحياء سكنية في سرت."), "وقصف") is None
    # a killing falls on people, whoever they are
    assert _target_of(make_doc(WAR + "وقتل الجيش الوطني ثلاثة رعاة قرب سرت أمس."), "وقتل") is None


def test_an_armed_sides_seizure_of_a_place_is_taken_from_the_other_side() -> None:
    assert _target_of(make_doc(WAR + "وسيطر الجيش الوطني على سرت بعد ساعات."), "وسيطر") == "gna"
    # a seizure of nothing named (no place, no military object) stays without a target
    assert _target_of(make_doc(WAR + "وسيطر الجيش الوطني على الوضع بعد ساعات."), "وسيطر") is None


GOV = {"lna": ("الجيش الوطني", "MIL"), "gov": ("حكومة الوفاق", "GOV"), "egypt": ("مصر", "GPE")}


def _civil_war(text: str) -> Document:
    """A text whose one armed side is the LNA; the GNA is named as a government of the same country."""
    doc = make_doc(text, actors=GOV)
    for a in doc.actors:
        a.country = {"lna": "LY", "gov": "LY", "egypt": "EG"}.get(a.id)
    return extract_events(doc)


def test_a_national_armys_rival_is_the_government_of_its_country() -> None:
    text = ("أعلن الجيش الوطني أنه يتقدم نحو سرت. وحمّلت حكومة الوفاق الجيش الوطني المسؤولية، وقالت حكومة الوفاق "
            "إنها سترد. ودمر الجيش الوطني مخزنا للذخيرة قرب مصراتة.")
    doc = _civil_war(text)
    assert war_sides(doc) == ("lna", "gov")
    assert _target_of(doc, "ودمر") == "gov"
    # a government of another country is no rival
    doc = _civil_war("أعلن الجيش الوطني أنه يتقدم نحو سرت. وقالت مصر إن مصر تتابع. ودمر الجيش الوطني مخزنا للذخيرة.")
    assert war_sides(doc) is None


def test_a_government_backing_the_army_is_its_ally_not_its_rival() -> None:
    text = ("أعلن الجيش الوطني أنه يتقدم نحو سرت. وأيدت حكومة الوفاق الجيش الوطني، وقالت حكومة الوفاق إنها "
            "تدعمه. ودمر الجيش الوطني مخزنا للذخيرة قرب مصراتة.")
    doc = _civil_war(text)
    assert war_sides(doc) is None


def test_military_objects_of_several_words_match_in_a_row() -> None:
    doc = segment(Document(text="قصفت الطائرات الكلية الجوية في المدينة"))
    n = len(doc.tokens)
    assert names_any(doc, 0, n, frozenset({normalize("الكلية الجوية")}))
    assert not names_any(doc, 0, n, frozenset({normalize("الكلية العسكرية")}))


def test_a_request_is_made_of_the_one_after_min() -> None:
    doc = make_doc("وطلب غسان سلامة من مجلس الأمن عقد جلسة طارئة.")
    ev = next(e for e in plain(doc) if e.type == "REQUEST")
    assert (ev.source, ev.target) == ("salame", "unsc")


def test_a_bare_title_stands_for_the_name_the_text_gives_it_elsewhere() -> None:
    text = "قال القائد العام محمد الحداد إن القوات مستعدة. وطلب أحمد المسماري من القائد العام وقف التحركات."
    doc = make_doc(text, actors={"commander": ("محمد الحداد", "PER")})
    ev = next(e for e in plain(doc) if e.type == "REQUEST")
    assert (ev.source, ev.target) == ("mismari", "commander")


def test_an_actor_inside_the_charge_is_not_the_accused() -> None:
    doc = make_doc("واتهم غسان سلامة أطرافا خارجية بإرسال أسلحة لقوات الوفاق.")
    ev = next(e for e in plain(doc) if e.type == "ACCUSE")
    assert ev.target is None
    doc = make_doc("واتهم غسان سلامة الجيش الوطني بقصف الأحياء.")
    assert next(e for e in plain(doc) if e.type == "ACCUSE").target == "lna"


def test_a_person_completing_the_subjects_title_is_not_the_object() -> None:
    text = "ورحب الأمين العام للأمم المتحدة أنطونيو غوتيريش بالاتفاق الجديد."
    doc = make_doc(text, actors={"sg": ("أنطونيو غوتيريش", "PER")})
    i = text.find("للأمم")  # the pipeline's mention of the body keeps the glued ل of the title
    doc.actors.append(Actor("un", "un", "الأمم المتحدة", "IGO", mentions=[(i, i + len("للأمم المتحدة"))]))
    doc = extract_events(doc)
    ev = next(e for e in plain(doc) if e.type == "SUPPORT")
    assert ev.source == "sg"  # the holder of the title acts; the body is neither doer nor object
    assert ev.target is None
    # a body named right after a subject that completes no title is the object
    doc = make_doc("وطالب مجلس الأمن الجيش الوطني بالانسحاب من سرت.")
    assert next(e for e in plain(doc) if e.type == "REQUEST").target == "lna"


def test_he_said_he_did_it_is_the_speakers_own_act() -> None:
    text = "وقال غسان سلامة إن الجيش الوطني يتقدم. وأضاف أنه طلب وقف القتال فورا."
    doc = make_doc(text)
    ev = next(e for e in plain(doc) if e.type == "REQUEST")
    assert ev.source == "salame"


def test_a_place_aimed_at_that_the_text_names_as_a_state_is_the_target() -> None:
    text = "أعلنت تركيا موقفها أمس. وقرر الجيش الوطني وقف الرحلات الجوية نحو تركيا."
    doc = make_doc(text)
    turkey = next(a for a in doc.actors if a.id == "turkey")
    second = turkey.mentions.pop()  # the second "تركيا" is read as a place only
    doc.places.append(Place("turkey", "turkey", "تركيا", "TR", None, None, "country", mentions=[second]))
    doc = extract_events(doc)
    ev = next(e for e in plain(doc) if e.trigger[0] == text.find("وقف الرحلات"))
    assert ev.target == "turkey"
