"""The bundled sample corpus keeps the properties samples/README.md promises.

Other stages' tests rely on them (the three-outlet event, the near-duplicate pair, the framing hand
counts), so the corpus is checked here with plain parsers (json, csv, feedparser, trafilatura),
independently of marsad's own ingest code.
"""

from __future__ import annotations

import csv
import itertools
import json
import re
from collections import Counter
from datetime import date
from pathlib import Path

import feedparser
import pytest
import trafilatura

from marsad.normalize import normalize

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
OUTLETS = {"صدى طرابلس", "منبر برقة", "النيل اليوم", "المرصد المغاربي"}
FIELDS = ["text", "title", "outlet", "published", "url"]
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: Labels the framing counts in samples/README.md are made of (LNA side), longest first when matching.
LNA_LABELS = [
    "مليشيات حفتر", "قوات المتقاعد حفتر", "طيران حفتر", "القوات المسلحة العربية الليبية",
    "الجيش الوطني الليبي", "القيادة العامة", "الجيش الليبي", "قوات شرق ليبيا بقيادة حفتر",
    "قوات شرق ليبيا", "قوات حفتر",
]


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _articles() -> list[dict]:
    """Every sample article as {key, text, outlet, published, url}, read with plain parsers."""
    out = []
    meta = list(csv.DictReader((SAMPLES / "articles" / "metadata.csv").open(encoding="utf-8", newline="")))
    for row in meta:
        text = _read(SAMPLES / "articles" / row["file"])
        out.append({**row, "key": row["file"], "text": text})
    for path in sorted((SAMPLES / "feeds").glob("*.jsonl")):
        for i, line in enumerate(_read(path).splitlines(), 1):
            out.append({**json.loads(line), "key": f"{path.name}:{i}"})
    for path in sorted((SAMPLES / "tables").glob("*.csv")):
        for i, row in enumerate(csv.DictReader(path.open(encoding="utf-8", newline="")), 1):
            out.append({**row, "key": f"{path.name}#{i}"})
    for path in sorted((SAMPLES / "rss").glob("*.xml")):
        feed = feedparser.parse(str(path))
        for i, e in enumerate(feed.entries, 1):
            body = re.sub(r"<[^>]+>", "\n", e.content[0].value)
            out.append({"key": f"{path.name}#{i}", "text": body, "title": e.title, "url": e.link,
                        "outlet": feed.feed.title, "published": date(*e.published_parsed[:3]).isoformat()})
    for path in sorted((SAMPLES / "html").glob("*.html")):
        html = _read(path)
        meta_ = trafilatura.extract_metadata(html)
        out.append({"key": path.name, "text": trafilatura.extract(html, include_comments=False),
                    "title": meta_.title, "outlet": meta_.sitename, "published": meta_.date, "url": meta_.url})
    return out


ARTICLES = _articles()
BY_KEY = {a["key"]: a for a in ARTICLES}


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", normalize(text))
    return {tuple(words[i:i + 3]) for i in range(len(words) - 2)}


def _jaccard(a: str, b: str) -> float:
    sa, sb = _shingles(a), _shingles(b)
    return len(sa & sb) / len(sa | sb)


def test_every_sample_file_is_utf8() -> None:
    files = [p for p in SAMPLES.rglob("*") if p.is_file()]
    assert len(files) >= 20
    for p in files:
        p.read_bytes().decode("utf-8")  # raises on invalid UTF-8


def test_metadata_lists_every_txt_exactly_once() -> None:
    with (SAMPLES / "articles" / "metadata.csv").open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == ["file", "outlet", "published", "url"]
        listed = [r["file"] for r in reader]
    on_disk = sorted(p.name for p in (SAMPLES / "articles").glob("*.txt"))
    assert sorted(listed) == on_disk
    assert len(listed) == len(set(listed))


def test_jsonl_and_csv_tables_have_the_article_columns() -> None:
    for path in (SAMPLES / "feeds").glob("*.jsonl"):
        rows = [json.loads(line) for line in _read(path).splitlines()]
        assert len(rows) >= 2
        assert all(sorted(r) == sorted(FIELDS) for r in rows)
    for path in (SAMPLES / "tables").glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            rows = list(reader)
        assert reader.fieldnames == FIELDS
        assert len(rows) >= 2
        assert all("\n" in r["text"] for r in rows)  # multi-paragraph bodies survive CSV quoting


def test_rss_feed_parses_with_dates_links_and_bodies() -> None:
    feeds = list((SAMPLES / "rss").glob("*.xml"))
    assert feeds
    for path in feeds:
        feed = feedparser.parse(str(path))
        assert not feed.bozo, feed.get("bozo_exception")
        assert len(feed.entries) >= 2
        for e in feed.entries:
            assert e.published_parsed and e.link.startswith("https://") and e.title
            assert len(e.content[0].value) > 500


def test_html_page_extracts_body_without_boilerplate() -> None:
    for path in (SAMPLES / "html").glob("*.html"):
        html = _read(path)
        assert '<html lang="ar" dir="rtl">' in html
        assert 'property="article:published_time"' in html
        body = trafilatura.extract(html, include_comments=False)
        assert body and len(body.split()) >= 150
        for boilerplate in ("الأكثر قراءة", "جميع الحقوق محفوظة", "سياسة الخصوصية", "اشترك في النشرة"):
            assert boilerplate in html and boilerplate not in body


def test_articles_are_news_length_with_outlet_date_and_url() -> None:
    assert len(ARTICLES) >= 18
    for a in ARTICLES:
        assert 150 <= len(a["text"].split()) <= 400, a["key"]
        assert a["outlet"] in OUTLETS, a["key"]
        assert ISO_DATE.match(a["published"]), a["key"]
        assert a["url"].startswith("https://") and ".example/" in a["url"], a["key"]
    assert {a["outlet"] for a in ARTICLES} == OUTLETS
    assert len({a["url"] for a in ARTICLES}) == len(ARTICLES)


def test_only_the_designed_pair_is_a_near_duplicate() -> None:
    pair = {"011_berlin-conference-maghreb.txt", "012_berlin-conference-nil.txt"}
    a, b = (BY_KEY[k] for k in sorted(pair))
    assert a["outlet"] != b["outlet"]
    assert _jaccard(a["text"], b["text"]) >= 0.7
    for x, y in itertools.combinations(ARTICLES, 2):
        if {x["key"], y["key"]} != pair:
            assert _jaccard(x["text"], y["text"]) < 0.3, (x["key"], y["key"])


def test_three_outlets_report_one_strike_and_a_fourth_a_distinct_one() -> None:
    same = [BY_KEY[k] for k in ("007_tajoura-strike-sada.txt", "008_tajoura-strike-minbar.txt",
                                "009_tajoura-strike-maghreb.txt")]
    assert len({a["outlet"] for a in same}) == 3
    assert {a["published"] for a in same} == {"2019-07-03"}
    assert all("تاجوراء" in a["text"] and "الثلاثاء" in a["text"] for a in same)
    other = BY_KEY["010_misrata-air-college.txt"]
    assert other["outlet"] not in {a["outlet"] for a in same}
    assert other["published"] == "2019-07-27"
    assert "مصراتة" in other["text"] and "تاجوراء" not in other["text"]


def test_scraped_text_quirks_are_present() -> None:
    glued = re.findall(r"[\u0621-\u064A]\.[\u0621-\u064A]", BY_KEY["014_sirte-falls.txt"]["text"])
    assert len(glued) >= 5
    corpus = "\n".join(a["text"] for a in ARTICLES)
    assert "\u0640" in corpus  # tatweel
    assert re.search(r"[\u064B-\u0652]", corpus)  # diacritics
    assert re.search(r"[\u0660-\u0669]", corpus)  # Arabic-Indic digits
    assert "«" in corpus and "»" in corpus


def _readme_lna_counts() -> dict[tuple[str, str], int]:
    """The LNA-label table of samples/README.md: (outlet, label) -> count."""
    readme = _read(SAMPLES / "README.md")
    section = readme.split("**LNA / Haftar's forces**")[1].split("Zero for every other")[0]
    counts = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[2][:1].isdigit():
            counts[(cells[0], cells[1])] = int(cells[2].split()[0])
    return counts


def test_framing_hand_counts_in_readme_match_the_texts() -> None:
    rx = re.compile("|".join(map(re.escape, sorted(LNA_LABELS, key=len, reverse=True))))
    found: Counter[tuple[str, str]] = Counter()
    for a in ARTICLES:
        for m in rx.finditer(a["text"]):
            found[(a["outlet"], m.group())] += 1
    documented = _readme_lna_counts()
    assert len(documented) >= 12
    assert dict(found) == documented


@pytest.mark.parametrize("outlet,label", [("صدى طرابلس", "الجيش الوطني الليبي"), ("منبر برقة", "مليشيات حفتر")])
def test_outlets_never_use_the_other_sides_label(outlet: str, label: str) -> None:
    assert not any(label in a["text"] for a in ARTICLES if a["outlet"] == outlet)
