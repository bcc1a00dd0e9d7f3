"""Rules that keep events talked about (framed, alleged, figurative, possible) apart from events reported.

Sentences are our own; the names are annotated by hand through ``make_doc`` of test_events.
"""

from __future__ import annotations

from tests.test_events import make_doc, plain


def assaults(text: str) -> list:
    return [e for e in plain(make_doc(text)) if e.type == "ASSAULT"]


def test_a_frame_holds_a_possessed_or_relativized_noun_too() -> None:
    """"ذكرى اغتياله": the anniversary presupposes the killing and still only talks about it."""
    doc = make_doc("أحيا الطلاب ذكرى اغتياله في طرابلس.")
    found = [e for e in doc.events if e.type == "ASSAULT"]
    assert found and all(e.hypothetical for e in found)
    assert found[0].hypothetical and doc.text[found[0].trigger[0]:found[0].trigger[1]] == "اغتياله"


def test_a_relative_clause_tells_the_event_its_antecedent_named() -> None:
    """The verb after "الذي" describes the framed attack: no new attack."""
    assert assaults("أحيا الأهالي ذكرى الهجوم الدامي الذي استهدف سوقا في سرت.") == []
    # an asserted antecedent keeps its relative clause as one event
    found = assaults("شنت قوات الوفاق هجوما عنيفا الذي استهدف مواقع في سرت.")
    assert found


def test_responsibility_for_an_act_frames_it() -> None:
    """"المسؤولية عن تفجير": blame for an attack told elsewhere, not its report."""
    assert assaults("حمّلت الحكومة الجيش الوطني المسؤولية عن تفجير السوق في سرت.") == []
    assert assaults("نفذ الجيش الوطني تفجير السوق في سرت.")


def test_what_an_accusation_charges_is_alleged_not_reported() -> None:
    """"اتهم ... بقتل": the ACCUSE is the event; the killing is the accuser's claim (cue "alleged")."""
    doc = make_doc("اتهمت قوات الوفاق الجيش الوطني بقتل المدنيين في سرت.")
    assert [e.type for e in plain(doc)] == ["ACCUSE"]
    killed = next(e for e in doc.events if e.type == "ASSAULT")
    assert killed.hypothetical
    # across one comma after the charge word, and through conjoined acts
    doc = make_doc("ردت الشرطة على اتهامات وجهها الطلاب للحكومة، بخطف الناشط وتعذيبه في طرابلس.")
    assert "ASSAULT" not in [e.type for e in plain(doc)]
    # without a charge word the same act is reported
    assert assaults("قتل الجيش الوطني المدنيين في سرت.")


def test_a_verb_takes_no_article() -> None:
    """"العذب" (fresh) carries the letters of "عذب" (tortured) behind the article: no verb reading."""
    assert assaults("شرب الجنود الماء العذب في سرت.") == []
    assert assaults("عذب الحراس السجين في سرت.")


def test_an_abstract_subject_makes_an_explosion_a_figure_of_speech() -> None:
    """"الخلاف تفجر"، "المشكلة التي انفجرت": a quarrel breaks out, nothing explodes."""
    assert assaults("عاد الهدوء إلى طرابلس بعد المشكلة التي انفجرت في سرت.") == []
    assert assaults("وتفجر الخلاف بين الجيش الوطني وقوات الوفاق في سرت.") == []
    assert assaults("انفجرت عبوة ناسفة في سرت.")


def test_an_option_a_wait_or_a_training_is_not_an_attack() -> None:
    """"خيار شن ضربات"، "بانتظار سيارة مفخخة"، "تدربوا على تنفيذ هجوم": possibilities, not reports."""
    for text in ("درس المجلس خيار شن غارات على مواقع في سرت.",
                 "قضى الأهالي الليل بانتظار هجوم على طرابلس.",
                 "قال الجيش الوطني إن عناصر تدربوا على تنفيذ هجوم في طرابلس."):
        found = [e for e in make_doc(text).events if e.type == "ASSAULT"]
        assert found and all(e.hypothetical for e in found), text


def test_an_uprising_needs_an_actor_to_be_a_protest() -> None:
    """"انتفاضة" names a movement or an era; with a structural actor it is a protest."""
    doc = make_doc("تحدث الكتاب عن انتفاضة الاستقلال في طرابلس.")
    assert "PROTEST" not in [e.type for e in plain(doc)]
    doc = make_doc("أطلق الطلاب انتفاضة ضد الحكومة في طرابلس.")
    assert "PROTEST" in [e.type for e in plain(doc)]


def test_a_right_to_protest_is_no_protest() -> None:
    """"حرية الاحتجاج"، "الحق في الاحتجاج": the act as something allowed (frame "right")."""
    doc = make_doc("أكد الطلاب حرية الاحتجاج في طرابلس.")
    assert "PROTEST" not in [e.type for e in plain(doc)]
    doc = make_doc("نظم الطلاب مظاهرة في طرابلس.")
    assert "PROTEST" in [e.type for e in plain(doc)]
