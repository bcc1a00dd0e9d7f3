"""Ingest readers on our own fixtures (tests/fixtures/ingest): every format and every bad-input case."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from marsad.doc import Document, read_text, text_hash
from marsad.ingest import IngestError, dedup, parse_date, read_paths
from marsad.ingest.jsonl import read_array

FIX = Path(__file__).parent / "fixtures" / "ingest"
GOOD, BAD, DUP = FIX / "good", FIX / "bad", FIX / "dup"


def _read(*paths) -> tuple[list[Document], list[IngestError]]:
    items = list(read_paths(paths))
    return ([x for x in items if isinstance(x, Document)], [x for x in items if isinstance(x, IngestError)])


def test_ingest_txt_keeps_file_text_exactly_and_reads_sidecar():
    docs, errors = _read(GOOD / "articles")
    assert errors == []
    by_name = {Path(d.source.path).name: d for d in docs}
    assert set(by_name) == {"tripoli_clashes.txt", "berlin_talks.txt"}  # metadata.csv is not an article
    d = by_name["tripoli_clashes.txt"]
    assert d.text == read_text(str(GOOD / "articles" / "tripoli_clashes.txt"))
    assert d.doc_id == text_hash(d.text)
    assert (d.source.outlet, d.source.published, d.source.url) == (
        "صحيفة الميدان", date(2019, 4, 7), "https://example.org/midan/1")
    assert by_name["berlin_talks.txt"].source.published == date(2020, 1, 20)  # 20/01/2020, day first
    assert by_name["berlin_talks.txt"].source.url is None


def test_ingest_txt_given_as_file_still_finds_its_sidecar():
    docs, _ = _read(GOOD / "articles" / "berlin_talks.txt")
    assert [d.source.outlet for d in docs] == ["Wakalat Al-Shamal"]


def test_ingest_csv_rows_with_multiline_cells_and_lines():
    docs, errors = _read(GOOD / "table.csv")
    assert errors == []
    assert [d.source.path.rsplit(":", 1)[1] for d in docs] == ["2", "4"]  # the row's first line
    assert "\n" in docs[0].text and docs[0].text.startswith("أعلنت قوات حكومة الوفاق")
    assert docs[0].source.title == "غارة على قاعدة الوطية"
    assert docs[1].source.published == date(2020, 10, 23)


def test_ingest_jsonl_skips_blank_lines_and_parses_dates():
    docs, errors = _read(GOOD / "feed.jsonl")
    assert errors == []
    assert [d.source.path.rsplit(":", 1)[1] for d in docs] == ["1", "3"]
    assert docs[0].source.published == date(2019, 9, 1)  # ISO with time and Z
    assert docs[1].source.published == date(2020, 1, 5)  # "5 يناير 2020"
    assert docs[0].source.outlet == "وكالة النهار"


def test_ingest_json_array_with_aliases():
    text = '[{"source": "صحيفة", "date_extracted": "2015-07-21 10:00:00", "content": "نص الخبر هنا."}, 5]'
    items = list(read_array(text, "x.json"))
    docs = [x for x in items if isinstance(x, Document)]
    errors = [x for x in items if isinstance(x, IngestError)]
    assert docs[0].text == "نص الخبر هنا." and docs[0].source.outlet == "صحيفة"
    assert docs[0].source.published == date(2015, 7, 21)
    assert len(errors) == 1 and "x.json#1" in str(errors[0])


def test_ingest_html_extracts_article_body_date_and_site():
    docs, errors = _read(GOOD / "page.html")
    assert errors == []
    (d,) = docs
    assert "دخلت مدينة ترهونة" in d.text
    assert "الحقوق" not in d.text and "العالم" not in d.text  # footer and menu dropped
    assert d.source.published == date(2020, 6, 4)
    assert d.source.outlet == "بوابة الواحة"


def test_ingest_rss_items_with_html_stripped():
    docs, errors = _read(GOOD / "feed.xml")
    assert errors == []
    assert len(docs) == 2
    assert all(d.source.outlet == "راديو الجنوب" for d in docs)
    assert "<p>" not in docs[0].text and docs[0].text.startswith("نفت وزارة الخارجية الروسية")
    assert docs[0].text.count("\n") == 1  # the two paragraphs stay two lines
    assert docs[0].source.published == date(2020, 5, 26)
    assert docs[1].source.url == "https://example.org/janoub/12"


def test_ingest_atom_entry_content_date_and_link():
    (d,), errors = _read(GOOD / "updates.atom")
    assert errors == []
    assert d.text.startswith("أعلن المجلس الرئاسي") and "<p>" not in d.text
    assert (d.source.outlet, d.source.published, d.source.url) == (
        "نشرة الواحات", date(2020, 8, 21), "https://example.org/wahat/1")


@pytest.mark.parametrize("name, line, words", [
    ("empty.txt", None, "empty file"),
    ("binary.txt", None, "binary file"),
    ("cp1256.txt", 2, "invalid UTF-8"),
    ("notext.csv", 1, "no text column"),
    ("nav.html", None, "no article"),
])
def test_ingest_bad_file_is_one_clear_skip(name, line, words):
    docs, errors = _read(BAD / name)
    assert docs == []
    assert len(errors) == 1
    err = errors[0]
    assert err.skipped and err.path.endswith(name) and err.line == line
    assert words in err.message
    assert str(err).startswith(f"{BAD / name}{f':{line}' if line else ''}: ")


def test_ingest_broken_json_line_skips_only_that_line_and_unknown_date_warns():
    docs, errors = _read(BAD / "broken.jsonl")
    assert len(docs) == 2  # lines 1 and 3
    broken = [e for e in errors if e.skipped]
    assert [(e.line, "broken JSON" in e.message) for e in broken] == [(2, True)]
    warns = [e for e in errors if not e.skipped]
    assert [(w.line, "unknown date format" in w.message) for w in warns] == [(3, True)]
    assert docs[1].source.published is None and docs[1].text.startswith("دعا مجلس الأمن")


def test_ingest_walks_folders_and_goes_on_after_bad_files():
    docs, errors = _read(FIX)
    assert len(docs) == 2 + 2 + 2 + 1 + 2 + 1 + 2 + 3  # bad/ still gives the two good JSON lines
    assert sum(e.skipped for e in errors) == 6


def test_ingest_reports_unknown_type_and_missing_path(tmp_path):
    odd = tmp_path / "notes.docx"
    odd.write_bytes(b"PK")
    (tmp_path / "ignored.md").write_text("# ignored while walking")
    _, errors = _read(odd, tmp_path / "nope", tmp_path)
    msgs = [str(e) for e in errors]
    assert any("unsupported file type .docx" in m for m in msgs)
    assert any("no such file" in m for m in msgs)
    assert not any("ignored.md" in m for m in msgs)


def test_ingest_bad_sidecar_date_is_a_warning_naming_the_sidecar_line(tmp_path):
    (tmp_path / "a.txt").write_text("نص قصير عن سرت.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,outlet,published\na.txt,صحيفة,الأسبوع الماضي\n", encoding="utf-8")
    docs, errors = _read(tmp_path)
    assert len(docs) == 1 and docs[0].source.published is None and docs[0].source.outlet == "صحيفة"
    assert [(Path(e.path).name, e.line, e.skipped) for e in errors] == [("metadata.csv", 2, False)]


@pytest.mark.parametrize("value, expected", [
    ("2019-04-06", date(2019, 4, 6)),
    ("2019-04-06T10:15:00+02:00", date(2019, 4, 6)),
    ("2015-07-21 23:59:59", date(2015, 7, 21)),
    ("2019/4/6", date(2019, 4, 6)),
    ("06/04/2019", date(2019, 4, 6)),  # day first
    ("04/25/2019", date(2019, 4, 25)),  # US order only when the month cannot be 25
    ("٠٦/٠٤/٢٠١٩", date(2019, 4, 6)),  # Arabic-Indic digits
    ("Sat, 06 Apr 2019 10:00:00 GMT", date(2019, 4, 6)),
    ("6 April 2019", date(2019, 4, 6)),
    ("6 أبريل 2019", date(2019, 4, 6)),
    ("6 أبريل/نيسان 2019", date(2019, 4, 6)),
])
def test_parse_date_accepts_common_forms(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["قبل فترة", "yesterday", "2019-13-45", "1066-10-14", "April"])
def test_parse_date_rejects_unknown_forms(value):
    with pytest.raises(ValueError):
        parse_date(value)


def test_dedup_signature_ignores_spelling_variants():
    a = "أعلنت الأمم المتحدة عن هدنة إنسانية في طرابلس لمدة ثلاثة أيام"
    b = "اعلنت الامم المتحده عن هدنه انسانيه في طرابلس لمدة ثلاثة ايام"
    assert dedup.similarity(dedup.signature(a), dedup.signature(b)) == 1.0


def test_dedup_finds_near_duplicate_pair_and_not_unrelated_text():
    (orig,), _ = _read(DUP / "original.jsonl")
    edited, exact = _read(DUP / "republished.jsonl")[0]
    other = _read(GOOD / "page.html")[0][0]
    index = dedup.NearDuplicates([(orig.doc_id, dedup.signature(orig.text))])
    hit = index.find(dedup.signature(edited.text))
    assert hit is not None and hit.doc_id == orig.doc_id and hit.similarity >= dedup.THRESHOLD
    assert index.find(dedup.signature(other.text)) is None
    assert exact.doc_id == orig.doc_id  # same text, same id: exact duplicates need no MinHash


def test_dedup_signature_round_trips_through_bytes():
    sig = dedup.signature("نص تجريبي قصير عن مدينة غريان")
    assert (dedup.from_bytes(dedup.to_bytes(sig)) == sig).all()
