"""The command line over a temporary store, on our fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

FIX = Path(__file__).parent / "fixtures" / "ingest"
COMMANDS = ["ingest", "search", "stats", "show", "process", "events"]



@pytest.mark.parametrize("command", COMMANDS)
def test_cli_every_command_has_help(run, command):
    res = run(command, "--help")
    assert res.exit_code == 0
    assert "Example:" in res.stdout and len(res.stdout.splitlines()) > 5


def test_cli_ingest_good_input_exit_zero_and_reingest_adds_nothing(run):
    res = run("ingest", str(FIX / "good"))
    assert res.exit_code == 0, res.stderr
    assert "10 added" in res.stderr
    again = run("ingest", str(FIX / "good"))
    assert again.exit_code == 0 and "0 added, 10 already stored" in again.stderr


def test_cli_ingest_bad_input_names_files_and_lines_and_exits_2(run):
    res = run("ingest", str(FIX / "bad"), "--no-progress")
    assert res.exit_code == 2
    err = res.stderr
    for where in ("empty.txt: empty file", "binary.txt: binary file", "cp1256.txt:2: invalid UTF-8",
                  "notext.csv:1: no text column", "broken.jsonl:2: broken JSON", "nav.html: no article",
                  "broken.jsonl:3: unknown date format"):
        assert where in err
    assert "2 added" in err  # the good lines of broken.jsonl were kept
    assert "6 skipped" in err and "1 warnings" in err  # five files and one JSON line


def test_cli_ingest_reports_duplicates(run):
    res = run("ingest", str(FIX / "dup"))
    assert res.exit_code == 0
    assert "near-duplicate" in res.stderr and "1 exact and 1 near duplicates not stored" in res.stderr
    stats = run("stats")
    assert "duplicates dropped: 1 exact, 1 near" in stats.stdout


def test_cli_search_show_stats(run):
    run("ingest", str(FIX / "good"))
    res = run("search", "الامم المتحده")
    assert res.exit_code == 0
    assert "⟦الأمم⟧" in res.stdout or "⟦للأمم⟧" in res.stdout
    doc_id = res.stdout.split()[0]
    show = run("show", doc_id[:8])
    assert show.exit_code == 0
    lines = [ln for ln in show.stdout.splitlines() if ln[:1].isdigit() or ln.strip()[:1].isdigit()]
    assert lines and lines[0].split()[0] == "1" and "[0:" in lines[0]
    stats = run("stats")
    assert "صحيفة الميدان" in stats.stdout and "2019-04 1" in stats.stdout


def test_cli_show_unknown_id_is_an_error(run):
    run("ingest", str(FIX / "good" / "feed.xml"))
    res = run("show", "ffffffff")
    assert res.exit_code != 0 and "no stored document" in res.stderr


def test_cli_process_then_events(run):
    run("ingest", str(FIX / "good"))
    res = run("process")
    assert res.exit_code == 0 and "processed 10 documents" in res.stderr
    from marsad.merge.store import up_to_date
    from marsad.store import Store

    with Store(run.db) as store:  # the writer links its events into story events: readers only read
        assert up_to_date(store) and "story events:" in res.stderr
    again = run("process")
    assert "processed 0 documents" in again.stderr  # nothing new for the same pipeline
    redo = run("process", "--all")
    assert "processed 10 documents" in redo.stderr
    # events come from extraction stages; put one in by hand to check the listing
    from datetime import date

    from marsad.doc import Event

    with Store(run.db) as store:
        doc_id = store.search("ترهونة")[0]["doc_id"]
        doc = store.get_document(doc_id)
        i = doc.text.index("دخلت")
        doc.events = [Event("ASSAULT", (i, i + 4), (0, len(doc.text)), date=date(2020, 6, 4))]
        store.save_extraction(doc)
    ev = run("events", "--type", "ASSAULT", "--since", "2020-06-01")
    assert ev.exit_code == 0 and "ASSAULT" in ev.stdout and "دخلت" in ev.stdout
    none = run("events", "--type", "ASSAULT", "--until", "2000-01-01")  # before every fixture
    assert "no event matches" in none.stderr
    bad = run("events", "--since", "someday")
    assert bad.exit_code != 0


def test_cli_ingest_progress_bar_and_json_outputs(run):
    import json

    res = run("ingest", str(FIX / "good"), "--progress")
    assert res.exit_code == 0 and "10 added" in res.stderr
    st = json.loads(run("stats", "--json").stdout)
    assert st["documents"] == 10 and st["duplicates"] == {"exact": 0, "near": 0}
    rows = json.loads(run("search", "سرت", "--json").stdout)
    assert rows and all("snippet" in r and "doc_id" in r for r in rows)


def test_cli_rtl_display_reorders_arabic_when_asked(monkeypatch):
    from marsad.cli import common

    common.visual_bidi.cache_clear()
    monkeypatch.setenv("MARSAD_BIDI", "on")
    try:
        assert common.rtl("قال حفتر") == "رتفح لاق"  # visual order for terminals without bidi
        monkeypatch.setenv("MARSAD_BIDI", "off")
        common.visual_bidi.cache_clear()
        assert common.rtl("قال حفتر") == "قال حفتر"
    finally:
        common.visual_bidi.cache_clear()
