"""Clitic analysis, tokenization offsets and sentence splitting on sentences we wrote."""

import pytest

from marsad.doc import Document
from marsad.segment import analyze, segment, tokenize


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("وبطرابلس", "طرابلس"),
        ("لحفتر", "حفتر"),
        ("والإمارات", "امارات"),
        ("قواته", "قوات"),
        ("للجيش", "جيش"),
        ("فالقوات", "قوات"),
        ("وسيقصف", "يقصف"),
        ("وليبيا", "ليبيا"),
        ("ليبيا", "ليبيا"),
        ("سلامة", "سلامه"),  # ta marbuta is not a pronoun, س is not a future particle before a noun
    ],
)
def test_stem(word: str, stem: str) -> None:
    assert analyze(word)[2] == stem


@pytest.mark.parametrize(
    ("word", "key"),
    [("وبطرابلس", "طرابلس"), ("لحفتر", "حفتر"), ("والإمارات", "امارات"), ("قواته", "قوات"),
     ("وزير", "وزير"), ("لليبيا", "ليبيا"), ("بالعاصمة", "عاصمه")],
)
def test_keys_contain_lexicon_form(word: str, key: str) -> None:
    assert key in analyze(word)[1]


def test_literal_reading_comes_first() -> None:
    assert analyze("وزير")[1][0] == "وزير"


def test_token_offsets_round_trip() -> None:
    text = "أعلنَ الجيشُ الوطنيّ، الخميس، تحرّكَ قواته نحو طرابلس.حيث «اشتباكات» في 3.5 كم؟\n\nوقال…"
    tokens = tokenize(text)
    assert tokens
    for tok in tokens:
        assert text[tok.start:tok.end] == tok.text


def _sentences(text: str) -> list[str]:
    doc = segment(Document(text=text))
    return [text[s.start:s.end] for s in doc.sentences]


def test_glued_full_stop_splits() -> None:
    assert _sentences("سيطرت القوات على غريان.حيث فرّ المسلحون") == ["سيطرت القوات على غريان.", "حيث فرّ المسلحون"]


def test_arabic_question_and_exclamation() -> None:
    assert _sentences("هل انتهت الحرب؟ لا! القتال مستمر") == ["هل انتهت الحرب؟", "لا!", "القتال مستمر"]


def test_newline_ends_sentence() -> None:
    assert _sentences("عنوان بلا نقطة\nنص الخبر هنا.") == ["عنوان بلا نقطة", "نص الخبر هنا."]


def test_quote_keeps_inner_stop_and_closing_mark() -> None:
    text = "وقال المتحدث: «لن ننسحب. سنبقى هنا.» ثم غادر القاعة."
    assert _sentences(text) == ["وقال المتحدث: «لن ننسحب. سنبقى هنا.»", "ثم غادر القاعة."]


def test_abbreviation_and_decimal_do_not_split() -> None:
    assert _sentences("التقى د. غسان سلامة وفدا من 3.5 ألف شخص.") == ["التقى د. غسان سلامة وفدا من 3.5 ألف شخص."]


def test_sentence_token_ranges_cover_tokens() -> None:
    doc = segment(Document(text="أولا. ثانيا؟ ثالثا"))
    assert [len(doc.sentence_tokens(s)) for s in doc.sentences] == [2, 2, 1]
    assert doc.sentence_at(doc.sentences[1].start + 1) is doc.sentences[1]
