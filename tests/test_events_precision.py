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
