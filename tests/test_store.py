"""The store: duplicates, idempotent re-ingest, atomic writes, variant-insensitive search, extractions."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from marsad.doc import Actor, DateRef, Document, Event, Label, Place, Source, Statement
from marsad.ingest import read_paths
from marsad.store import ADDED, DUPLICATE, NEAR_DUPLICATE, SEEN, EventFilters, Store, StoreError, pg_match
from marsad.store import schema as T
from marsad.store.migrations import MIGRATIONS

FIX = Path(__file__).parent / "fixtures" / "ingest"


def _docs(*paths) -> list[Document]:
    return [x for x in read_paths(paths) if isinstance(x, Document)]


@pytest.fixture(scope="session")
def pg_server():
    """A throwaway PostgreSQL cluster on a Unix socket (or ``MARSAD_TEST_PG``, a server URL to use).

    Skips when PostgreSQL's ``initdb`` is not installed. As root the cluster runs as user postgres.
    """
    url = os.environ.get("MARSAD_TEST_PG")
    if url:
        yield url
        return
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if not (initdb and pg_ctl):
        pytest.skip("PostgreSQL (initdb) is not installed; set MARSAD_TEST_PG to test against a server")
    prefix: list[str] = []
    root = tempfile.mkdtemp(prefix="marsad-pg-")
    if os.geteuid() == 0:
        import pwd

        try:
            pw = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root without a postgres user to run PostgreSQL")
        os.chown(root, pw.pw_uid, pw.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    data = os.path.join(root, "data")
    try:
        subprocess.run([*prefix, initdb, "-D", data, "-A", "trust", "-U", "postgres"], check=True,
                       capture_output=True)
        subprocess.run([*prefix, pg_ctl, "-D", data, "-w", "-l", os.path.join(root, "log"), "-o",
                        f"-k {root} -p {port} -c listen_addresses='' -c fsync=off", "start"],
                       check=True, capture_output=True)
    except (subprocess.CalledProcessError, OSError) as exc:
        shutil.rmtree(root, ignore_errors=True)
        pytest.skip(f"could not start a PostgreSQL cluster: {exc}")
    yield f"postgresql+psycopg://postgres@/{{db}}?host={root}&port={port}"
    subprocess.run([*prefix, pg_ctl, "-D", data, "-m", "immediate", "stop"], capture_output=True)
    shutil.rmtree(root, ignore_errors=True)


def _pg_store(server: str) -> Store:
    """A Store on a fresh database of the test server."""
    import sqlalchemy as sa

    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(server.format(db="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    admin.dispose()
    return Store(server.format(db=name))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request) -> Store:
    """An empty store: in-memory SQLite, and a PostgreSQL database when a server can be had."""
    s = Store("sqlite://") if request.param == "sqlite" else _pg_store(request.getfixturevalue("pg_server"))
    yield s
    s.close()


@pytest.fixture(params=[True, False, pytest.param("postgres", marks=pytest.mark.postgres)],
                ids=["fts5", "like", "postgres"])
def loaded(request) -> Store:
    """A store with the good fixtures: SQLite with FTS5, with the portable LIKE search, and PostgreSQL
    with its tsvector index when a server can be had."""
    if request.param == "postgres":
        s = _pg_store(request.getfixturevalue("pg_server"))
    else:
        s = Store("sqlite://", fts=request.param)
    for d in _docs(FIX / "good"):
        s.add_document(d)
    yield s
    s.close()


def test_store_exact_and_near_duplicates_are_reported_not_stored(store):
    (orig,) = _docs(FIX / "dup" / "original.jsonl")
    edited, exact = _docs(FIX / "dup" / "republished.jsonl")
    assert store.add_document(orig).status == ADDED
    near = store.add_document(edited)
    assert (near.status, near.original) == (NEAR_DUPLICATE, orig.doc_id) and near.similarity >= 0.7
    assert (store.add_document(exact).status, store.add_document(exact).status) == (DUPLICATE, SEEN)
    st = store.stats()
    assert st["documents"] == 1 and st["duplicates"] == {"exact": 1, "near": 1}
    assert {d["kind"] for d in store.duplicates()} == {"exact", "near"}


def test_store_reingest_adds_nothing(store):
    docs = _docs(FIX / "good")
    first = [store.add_document(d).status for d in docs]
    again = [store.add_document(d).status for d in _docs(FIX / "good")]
    assert first == [ADDED] * len(docs)
    assert again == [SEEN] * len(docs)
    assert store.stats()["documents"] == len(docs)


def test_store_signatures_persist_across_runs(tmp_path):
    db = str(tmp_path / "m.db")
    with Store(db) as s:
        s.add_document(_docs(FIX / "dup" / "original.jsonl")[0])
    with Store(db) as s:  # a later run: the near duplicate is still recognized
        assert s.applied == []  # migrations are not re-applied
        assert s.add_document(_docs(FIX / "dup" / "republished.jsonl")[0]).status == NEAR_DUPLICATE
        assert s.stats()["migrations"] == [name for name, _ in MIGRATIONS]


def test_store_document_write_is_atomic(store, monkeypatch):
    from marsad.ingest import dedup

    doc = _docs(FIX / "good" / "page.html")[0]

    def boom(_sig):
        raise KeyboardInterrupt  # as if Ctrl-C arrived mid-write

    monkeypatch.setattr(dedup, "to_bytes", boom)
    with pytest.raises(KeyboardInterrupt):
        store.add_document(doc)
    assert store.get_document(doc.doc_id) is None and store.stats()["documents"] == 0
    monkeypatch.undo()
    assert store.add_document(doc).status == ADDED


def test_store_get_document_round_trips_text_and_source(store):
    doc = _docs(FIX / "good" / "articles")[0]
    store.add_document(doc)
    got = store.get_document(doc.doc_id)
    assert got.text == doc.text and got.doc_id == doc.doc_id
    assert (got.source.outlet, got.source.published, got.source.path) == (
        doc.source.outlet, doc.source.published, doc.source.path)
    assert store.resolve_id(doc.doc_id[:8]) == doc.doc_id and store.resolve_id("zz") is None


@pytest.mark.parametrize("query, must_find", [
    ("حفتر", "قوات حفتر"),  # text has "حفتر" after "قوات"
    ("لحفتر", "قوات حفتر"),  # proclitic in the query
    ("حَفتر", "قوات حفتر"),  # diacritic in the query
    ("الأمم المتحدة", "الأمين العام للأمم المتحدة"),  # "للأمم" in the text
    ("الامم المتحده", "بعثة الأمم المتحدة"),  # no hamza, ha for ta marbuta
    ("ترهونه", "مدينة ترهونة"),
    ("الإمارات OR سرت", None),  # FTS syntax is not interpreted: all three words must occur
])
def test_store_search_is_variant_insensitive(loaded, query, must_find):
    rows = loaded.search(query)
    if must_find is None:
        assert rows == []
        return
    texts = [loaded.get_document(r["doc_id"]).text for r in rows]
    assert any(must_find in t for t in texts)
    for r in rows:
        s, e = r["match"]
        assert r["snippet"][s:e].strip()  # the marked word is in the snippet


def test_store_search_snippet_marks_the_matching_word(loaded):
    (row,) = [r for r in loaded.search("ترهونة") if "ترهونة" in r["snippet"]][:1]
    s, e = row["match"]
    assert row["snippet"][s:e] == "ترهونة"
    assert loaded.count_documents(q="ترهونة") == len(loaded.search("ترهونة"))


def test_store_list_documents_filters_by_outlet(loaded):
    rows = loaded.list_documents(outlet="راديو الجنوب")
    assert len(rows) == 2 and all(r["outlet"] == "راديو الجنوب" for r in rows)
    assert loaded.count_documents(outlet="راديو الجنوب") == 2
    assert [r["published"] for r in rows] == sorted((r["published"] for r in rows), reverse=True)


def test_store_stats_counts_per_outlet_and_month(loaded):
    st = loaded.stats()
    cells = {(r["outlet"], r["month"]): r["documents"] for r in st["by_outlet_month"]}
    assert cells[("صحيفة الميدان", "2019-04")] == 1
    assert cells[("شبكة الساحل", "2020-05")] == 1
    assert sum(cells.values()) == st["documents"] == 10


# ---------------------------------------------------------------- extractions on a hand-built document

TEXT = ("قصفت طائرات الجيش الوطني الليبي مواقع لقوات الوفاق في طرابلس يوم السبت. "
        "وقال غسان سلامة إن \"الحل ليس عسكريا\". ووصفت الصحيفة قوات حفتر بالمليشيات.")


def _span(word: str, after: int = 0) -> tuple[int, int]:
    i = TEXT.index(word, after)
    return i, i + len(word)


def _extracted(outlet="صحيفة الميدان", published=date(2019, 10, 6)) -> Document:
    doc = Document(text=TEXT, source=Source(path="hand.txt", outlet=outlet, published=published))
    s1 = (0, TEXT.index(".") + 1)
    s2 = (s1[1] + 1, TEXT.index(".", s1[1]) + 1)
    doc.actors = [
        Actor("lna", "Libyan National Army", "الجيش الوطني الليبي", "MIL", "LY", "lna",
              mentions=[_span("الجيش الوطني الليبي"), _span("قوات حفتر")]),
        Actor("gna", "Government of National Accord", "حكومة الوفاق", "GOV", "LY", "gna",
              mentions=[_span("قوات الوفاق")]),
        Actor("salame", "Ghassan Salamé", "غسان سلامة", "PER", None, "unsmil", mentions=[_span("غسان سلامة")]),
    ]
    doc.places = [Place("ly-tripoli", "Tripoli", "طرابلس", "LY", 32.8872, 13.1913, "city",
                        mentions=[_span("طرابلس")])]
    doc.events = [Event("ASSAULT", _span("قصفت"), s1, source="lna", target="gna", place="ly-tripoli",
                        date=date(2019, 10, 5), date_precision="day", mode="aerial", confidence=0.8,
                        cameo="195", acled_type="Explosions/Remote violence", acled_subtype="Air/drone strike")]
    doc.statements = [Statement("salame", _span("وقال"), _span("الحل ليس عسكريا"), s2, date(2019, 10, 6))]
    doc.labels = [Label("lna", "قوات حفتر", _span("قوات حفتر"), "hostile", ["مليشيات"])]
    return doc


def test_store_save_extraction_and_record(store):
    doc = _extracted()
    store.add_document(Document(text=doc.text, source=doc.source))
    store.save_extraction(doc, "v1")
    assert store.record(doc.doc_id) == doc.to_record()
    store.save_extraction(doc, "v1")  # replacing, not adding
    st = store.stats()
    assert (st["events"], st["statements"], st["actors"], st["places"], st["processed"]) == (1, 1, 3, 1, 1)


def test_store_dates_saved_in_text_order_and_replaced(store):
    doc = _extracted()
    store.add_document(Document(text=doc.text, source=doc.source))
    saturday = _span("يوم السبت")
    doc.dates = [DateRef(*_span("الحل"), "الحل", None, None),  # out of text order on purpose
                 DateRef(*saturday, "يوم السبت", date(2019, 10, 5), "day")]
    store.save_extraction(doc)
    got = store.list_dates(doc.doc_id)
    assert [(d["start"], d["end"]) for d in got] == sorted((d.start, d.end) for d in doc.dates)
    assert got[0] == {"start": saturday[0], "end": saturday[1], "text": "يوم السبت", "value": "2019-10-05",
                      "precision": "day"}
    assert got[1]["value"] is None and got[1]["precision"] is None
    doc.dates = doc.dates[1:]
    store.save_extraction(doc)  # replacing, not adding
    assert [d["text"] for d in store.list_dates(doc.doc_id)] == ["يوم السبت"]
    assert store.list_dates("0" * 40) == []


def test_store_dates_migration_upgrades_an_older_database(tmp_path):
    """A database made before 0003_dates gets the table (and keeps its data) when opened again."""
    import sqlalchemy as sa

    path = tmp_path / "old.db"
    Store(str(path)).close()
    eng = sa.create_engine(f"sqlite:///{path}")
    with eng.begin() as conn:  # roll the file back to the schema before 0003
        conn.exec_driver_sql("DROP TABLE dates")
        conn.exec_driver_sql("DELETE FROM schema_migrations WHERE name >= '0003'")
    eng.dispose()
    doc = _extracted()
    doc.dates = [DateRef(*_span("يوم السبت"), "يوم السبت", date(2019, 10, 5), "day")]
    with Store(str(path)) as s:
        assert "0003_dates" in s.applied
        s.add_document(Document(text=doc.text, source=doc.source))
        s.save_extraction(doc)
        assert [d["value"] for d in s.list_dates(doc.doc_id)] == ["2019-10-05"]


def test_store_event_count_follows_saved_extractions_across_processes(tmp_path):
    """count_events remembers counts per filters, but a save (here by another Store on the same file, as
    `marsad process` beside `marsad serve`) makes them stale."""
    path = str(tmp_path / "counts.db")
    doc = _extracted()
    with Store(path) as server, Store(path) as worker:
        worker.add_document(Document(text=doc.text, source=doc.source))
        assert server.count_events(EventFilters(type="ASSAULT")) == 0
        worker.save_extraction(doc)
        assert server.count_events(EventFilters(type="ASSAULT")) == 1
        assert server.count_events(EventFilters(type="assault")) == 1
        doc.events = doc.events * 3
        worker.save_extraction(doc)
        assert server.count_events(EventFilters(type="ASSAULT")) == 3
        assert server.count_events(EventFilters(type="ASSAULT", outlet="غيرها")) == 0
        assert server.count_events() == len(server.list_events()) == 3


def test_store_event_day_is_filled_for_events_saved_before_it(tmp_path):
    """Migration 0004 gives older events their day: the event date, else the publication date."""
    import sqlalchemy as sa

    path = tmp_path / "old.db"
    doc = _extracted()
    doc.events.append(Event("PROTEST", _span("وقال"), (0, 5)))  # no date of its own
    with Store(str(path)) as s:
        s.add_document(Document(text=doc.text, source=doc.source))
        s.save_extraction(doc)
    eng = sa.create_engine(f"sqlite:///{path}")
    with eng.begin() as conn:
        conn.exec_driver_sql("UPDATE events SET day = NULL")
        conn.exec_driver_sql("DELETE FROM schema_migrations WHERE name >= '0004'")
    eng.dispose()
    with Store(str(path)) as s:
        assert "0004_event_indexes" in s.applied
        assert [r["type"] for r in s.list_events(sort="date")] == ["ASSAULT", "PROTEST"]
        assert [r["type"] for r in s.list_events(EventFilters(since=date(2019, 10, 6)))] == ["PROTEST"]
        assert [r["type"] for r in s.list_events(EventFilters(until=date(2019, 10, 5)))] == ["ASSAULT"]


def test_store_save_extraction_needs_the_document(store):
    with pytest.raises(StoreError):
        store.save_extraction(_extracted())


def test_store_list_events_rows_are_flat_with_evidence(store):
    doc = _extracted()
    store.add_document(Document(text=doc.text, source=doc.source))
    store.save_extraction(doc)
    (row,) = store.list_events()
    assert row["event_id"] == f"{doc.doc_id}:0"
    assert (row["type"], row["mode"], row["source"], row["target"], row["place"]) == (
        "ASSAULT", "aerial", "lna", "gna", "ly-tripoli")
    assert (row["source_name_ar"], row["target_name_en"], row["place_name_en"]) == (
        "الجيش الوطني الليبي", "Government of National Accord", "Tripoli")
    assert row["trigger_text"] == TEXT[row["trigger_start"]:row["trigger_end"]] == "قصفت"
    assert row["sentence_text"] == TEXT[row["sentence_start"]:row["sentence_end"]]
    assert (row["lat"], row["lon"], row["place_precision"]) == (32.8872, 13.1913, "city")
    assert (row["date"], row["published"], row["outlet"]) == ("2019-10-05", "2019-10-06", "صحيفة الميدان")
    assert row["negated"] is False and row["confidence"] == 0.8 and row["cameo"] == "195"
    assert row["acled_subtype"] == "Air/drone strike" and row["numbers"] == []


@pytest.mark.parametrize("filters, n", [
    (EventFilters(type="ASSAULT"), 1),
    (EventFilters(type="assault"), 1),
    (EventFilters(type="PROTEST"), 0),
    (EventFilters(actor="gna"), 1),
    (EventFilters(actor="salame"), 0),
    (EventFilters(place="ly-tripoli"), 1),
    (EventFilters(outlet="غيرها"), 0),
    (EventFilters(since=date(2019, 10, 5), until=date(2019, 10, 5)), 1),
    (EventFilters(since=date(2019, 10, 6)), 0),
    (EventFilters(bbox=(13.0, 32.0, 14.0, 33.0)), 1),
    (EventFilters(bbox=(20.0, 30.0, 21.0, 31.0)), 0),
])
def test_store_event_filters(store, filters, n):
    doc = _extracted()
    store.add_document(Document(text=doc.text, source=doc.source))
    store.save_extraction(doc)
    assert len(store.list_events(filters)) == n == store.count_events(filters)


def test_store_list_events_rejects_unknown_sort(store):
    with pytest.raises(StoreError):
        store.list_events(sort="colour")


def test_store_actors_places_statements_labels(store):
    doc = _extracted()
    store.add_document(Document(text=doc.text, source=doc.source))
    store.save_extraction(doc)
    actors = {a["id"]: a for a in store.list_actors()}
    assert actors["lna"]["mentions"] == 2 and actors["lna"]["events"] == 1
    assert actors["lna"]["by_outlet"] == {"صحيفة الميدان": 2}
    (place,) = store.list_places()
    assert (place["id"], place["events"], place["mentions"]) == ("ly-tripoli", 1, 1)
    assert store.count_statements(EventFilters(actor="salame")) == 1
    assert store.count_statements(EventFilters(actor="lna")) == store.count_statements(EventFilters(outlet="x")) == 0
    assert store.count_statements(EventFilters(since=date(2019, 10, 6), until=date(2019, 10, 6))) == 1
    (st,) = store.list_statements(EventFilters(actor="salame"))
    assert st["quote_text"] == "الحل ليس عسكريا" and st["speaker_name_en"] == "Ghassan Salamé"
    assert st["trigger_text"] == "وقال"
    (lb,) = store.list_labels(actor="lna")
    assert lb["text"] == TEXT[lb["span_start"]:lb["span_end"]] and lb["descriptors"] == ["مليشيات"]


def test_store_unprocessed_follows_pipeline_version(store):
    doc = _extracted()
    store.add_document(Document(text=doc.text, source=doc.source))
    other = _docs(FIX / "good" / "page.html")[0]
    store.add_document(other)
    assert store.unprocessed("v1") == [doc.doc_id, other.doc_id]
    store.save_extraction(doc, "v1")
    assert store.unprocessed("v1") == [other.doc_id]
    assert store.unprocessed("v2") == [doc.doc_id, other.doc_id]
    assert store.unprocessed() == [other.doc_id]
    assert [r["doc_id"] for r in store.records()] == [doc.doc_id]


def test_store_bad_url_is_a_clear_error():
    with pytest.raises(StoreError):
        Store("nosuchdialect://x")


@pytest.mark.postgres
def test_postgres_search_uses_the_full_text_index(pg_server):
    """The search query is the very expression migration 0005 indexes, so PostgreSQL can answer it from
    the GIN index (sequential scans are switched off to ask whether it *can*; a tiny table would not
    need the index)."""
    s = _pg_store(pg_server)
    for d in _docs(FIX / "good"):
        s.add_document(d)
    with s.engine.connect() as conn:
        conn.exec_driver_sql("SET enable_seqscan = off")
        tsv, query = pg_match(["ترهونه"])
        stmt = sa.select(T.search_terms.c.doc_id).where(tsv.op("@@")(query))
        plan = "\n".join(r[0] for r in conn.execute(sa.text("EXPLAIN " + str(stmt.compile(
            conn, compile_kwargs={"literal_binds": True})))))
    assert "search_terms_tsv" in plan
    assert s.search("ترهونه") and s.count_documents(q="ترهونة مدينة") >= 1
    s.close()
