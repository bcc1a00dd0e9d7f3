"""The token-trie phrase matcher: clitics, longest match, literal preference."""

from marsad.match import PhraseMatcher
from marsad.segment import tokenize


def _texts(matcher: PhraseMatcher, text: str) -> list[tuple[str, list]]:
    tokens = tokenize(text)
    return [(text[m.start:m.end], m.payloads) for m in matcher.find(tokens)]


def test_clitics_and_article_are_seen_through() -> None:
    m: PhraseMatcher[str] = PhraseMatcher()
    m.add("طرابلس", "tripoli")
    m.add("الجيش الوطني الليبي", "lna")
    got = _texts(m, "وصلت تعزيزات والجيش الوطني الليبي إلى ضواحي وبطرابلس أمس")
    assert got == [("والجيش الوطني الليبي", ["lna"]), ("وبطرابلس", ["tripoli"])]


def test_longest_match_wins() -> None:
    m: PhraseMatcher[str] = PhraseMatcher()
    m.add("مجلس الأمن", "unsc")
    m.add("مجلس", "council")
    m.add("مجلس الأمن الدولي", "unsc-full")
    assert _texts(m, "اجتمع مجلس الأمن الدولي اليوم") == [("مجلس الأمن الدولي", ["unsc-full"])]


def test_variant_spellings_meet() -> None:
    m: PhraseMatcher[str] = PhraseMatcher()
    m.add("أنطونيو غوتيريش", "guterres")
    assert _texts(m, "قال انطونيو غوتيريش") == [("انطونيو غوتيريش", ["guterres"])]


def test_literal_reading_is_preferred_and_reported() -> None:
    m: PhraseMatcher[str] = PhraseMatcher()
    m.add("وزير", "minister")
    m.add("زير", "jar")
    match = m.find(tokenize("وزير"))[0]
    assert match.payloads == ["minister"] and match.stripped == 0
    assert m.find(tokenize("ولحفتر"))== []
