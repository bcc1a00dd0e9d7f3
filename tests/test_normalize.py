"""Normalization rules, one case each, and the map back to original offsets."""

import pytest

from marsad.normalize import match_key, normalize, normalize_with_map


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("أحمد", "احمد"),  # hamza above alef
        ("إبراهيم", "ابراهيم"),  # hamza below alef
        ("آمال", "امال"),  # madda
        ("ٱلقوات", "القوات"),  # wasla
        ("مصطفى", "مصطفي"),  # alef maqsura
        ("العاصمة", "العاصمه"),  # ta marbuta (matching only)
        ("الجـــيش", "الجيش"),  # tatweel
        ("القُوَّاتُ", "القوات"),  # diacritics and shadda
        ("مُؤتمَر", "موتمر"),  # waw with hamza
        ("رئيس", "رييس"),  # ya with hamza
        ("٢٠١٩", "2019"),  # Arabic-Indic digits
        ("۲۰۲۰", "2020"),  # Persian digits
        ("طرابلس، سرت؛ لماذا؟", "طرابلس, سرت; لماذا?"),  # Arabic punctuation
        ("«الوفاق» “حفتر”", "\"الوفاق\" \"حفتر\""),  # quote variants
    ],
)
def test_each_rule(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_offsets_map_back_to_original() -> None:
    text = "قال المُتحدّث: الجـيش"
    nt = normalize_with_map(text)
    start = nt.text.index("الجيش")
    o_start, o_end = nt.to_original(start, start + len("الجيش"))
    assert text[o_start:o_end] == "الجـيش"
    assert len(nt.offsets) == len(nt.text)


def test_match_key_drops_article_in_every_word() -> None:
    assert match_key("الجيش الوطني الليبي") == "جيش وطني ليبي"
    assert match_key("حكومة الوفاق") == match_key("حكومه الوِفاق")
