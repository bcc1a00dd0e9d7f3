"""The HTTP API over a store of hand-made documents (tests/api_fixture.py): every endpoint, every filter,
and every bad parameter (a clear 4xx, never a 500)."""

from __future__ import annotations

import re
import warnings

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from api_fixture import UNPROCESSED_TEXT, fill_store

from marsad.api import create_app
from marsad.doc import PLOVER_TYPES, text_hash
from marsad.store import Store


@pytest.fixture(scope="module")
def world():
    store = Store("sqlite://")
    docs = fill_store(store)
    client = TestClient(create_app(store=store, token=""))
    yield client, docs
    store.close()


@pytest.fixture
def client(world):
    return world[0]


@pytest.fixture
def docs(world):
    return world[1]


def all_events(docs):
    return [(d, i, e) for d in docs for i, e in enumerate(d.events)]


def event_when(d, e):
    return e.date or d.source.published


def get_ok(client, url, **params):
    r = client.get(url, params=params)
    assert r.status_code == 200, (url, params, r.text)
    return r.json()


def assert_422(client, url, param, **params):
    r = client.get(url, params=params)
    assert r.status_code == 422, (url, params, r.status_code, r.text)
    detail = r.json()["detail"]
    assert any(param in (d.get("loc") or []) for d in detail), detail
    return detail


# ---------------------------------------------------------------- documents


def test_documents_list_pages_and_counts(client, docs):
    body = get_ok(client, "/api/documents")
    assert body["total"] == len(docs) + 1  # + the unprocessed one
    assert {d["doc_id"] for d in body["items"]} >= {d.doc_id for d in docs}
    first = get_ok(client, "/api/documents", limit=2, offset=0)["items"]
    second = get_ok(client, "/api/documents", limit=2, offset=2)["items"]
    assert len(first) == 2 and len(second) == 2
    assert not {d["doc_id"] for d in first} & {d["doc_id"] for d in second}


def test_documents_outlet_filter(client, docs):
    body = get_ok(client, "/api/documents", outlet="صدى طرابلس")
    expected = {d.doc_id for d in docs if d.source.outlet == "صدى طرابلس"}
    assert {d["doc_id"] for d in body["items"]} == expected and body["total"] == len(expected)
    assert get_ok(client, "/api/documents", outlet="no such outlet")["total"] == 0


@pytest.mark.parametrize("query", ["الامم المتحده", "الأمم المتّحدة", "للأمم"])
def test_documents_search_is_variant_insensitive(client, docs, query):
    body = get_ok(client, "/api/documents", q=query)
    berlin = next(d for d in docs if "برلين" in d.text)
    assert [d["doc_id"] for d in body["items"]] == [berlin.doc_id]
    assert body["total"] == 1
    item = body["items"][0]
    s, e = item["match"]
    assert "الأمم" in item["snippet"][s:e] or "الامم" in item["snippet"][s:e]


def test_documents_search_no_match_and_blank_query(client, docs):
    assert get_ok(client, "/api/documents", q="كلمةغيرموجودة")["items"] == []
    assert get_ok(client, "/api/documents", q="   ")["total"] == len(docs) + 1


def test_document_text_and_source(client, docs):
    d = docs[0]
    body = get_ok(client, f"/api/documents/{d.doc_id}")
    assert body["text"] == d.text and body["length"] == len(d.text)
    assert body["source"]["outlet"] == d.source.outlet
    assert body["source"]["published"] == d.source.published.isoformat()
    assert body["processed"] is True


def test_document_dates_at_their_offsets(client, docs):
    """The date expressions the evidence view highlights: in text order, offsets into the stored text."""
    for d in docs:
        body = get_ok(client, f"/api/documents/{d.doc_id}")
        assert len(body["dates"]) == len(d.dates)
        for got, ref in zip(body["dates"], sorted(d.dates, key=lambda r: r.start), strict=True):
            assert (got["start"], got["end"]) == (ref.start, ref.end)
            assert body["text"][got["start"]:got["end"]] == got["text"] == ref.text
            assert got["value"] == (ref.value.isoformat() if ref.value else None)
            assert got["precision"] == ref.precision
    assert any(get_ok(client, f"/api/documents/{d.doc_id}")["dates"] for d in docs)
    assert get_ok(client, f"/api/documents/{text_hash(UNPROCESSED_TEXT)}")["dates"] == []


def test_document_record_is_exactly_the_extract_record(client, docs):
    for d in docs:
        assert get_ok(client, f"/api/documents/{d.doc_id}/record") == d.to_record()


def test_document_unknown_and_unprocessed(client):
    r = client.get("/api/documents/0000000000")
    assert r.status_code == 404 and "no document" in r.json()["detail"]
    assert client.get("/api/documents/0000000000/record").status_code == 404
    unprocessed = text_hash(UNPROCESSED_TEXT)
    assert get_ok(client, f"/api/documents/{unprocessed}")["processed"] is False
    r = client.get(f"/api/documents/{unprocessed}/record")
    assert r.status_code == 404 and "not been processed" in r.json()["detail"]


# ---------------------------------------------------------------- events


def test_events_all_with_evidence_text(client, docs):
    body = get_ok(client, "/api/events", limit=1000)
    assert body["total"] == len(all_events(docs)) == len(body["items"])
    by_id = {e["id"]: e for e in body["items"]}
    for d, i, ev in all_events(docs):
        row = by_id[f"{d.doc_id}:{i}"]
        assert row["type"] == ev.type
        assert row["trigger_text"] == d.text[ev.trigger[0]:ev.trigger[1]]
        assert row["sentence_text"] == d.text[ev.sentence[0]:ev.sentence[1]]
        assert (row["trigger_start"], row["trigger_end"]) == ev.trigger
        assert row["sources"] == 1
        assert row["outlet"] == d.source.outlet


@pytest.mark.parametrize("type_", ["ASSAULT", "assault", "RETREAT", "AGREE", "SANCTION"])
def test_events_type_filter(client, docs, type_):
    body = get_ok(client, "/api/events", type=type_)
    expected = [e for _, _, e in all_events(docs) if e.type == type_.upper()]
    assert body["total"] == len(expected)
    assert all(r["type"] == type_.upper() for r in body["items"])


@pytest.mark.parametrize("actor", ["haftar", "gna", "mismari", "nobody"])
def test_events_actor_filter_matches_source_or_target(client, docs, actor):
    body = get_ok(client, "/api/events", actor=actor)
    expected = [e for _, _, e in all_events(docs) if actor in (e.source, e.target)]
    assert body["total"] == len(expected)
    assert all(actor in (r["source"], r["target"]) for r in body["items"])


def test_events_place_and_outlet_filters(client, docs):
    body = get_ok(client, "/api/events", place="ly-tripoli")
    assert body["total"] == sum(e.place == "ly-tripoli" for _, _, e in all_events(docs)) == 2
    assert {r["place_name_ar"] for r in body["items"]} == {"طرابلس"}
    body = get_ok(client, "/api/events", outlet="منبر برقة")
    assert body["total"] == 2 and {r["outlet"] for r in body["items"]} == {"منبر برقة"}


def test_events_date_range_uses_event_date_then_publication(client, docs):
    body = get_ok(client, "/api/events", since="2019-04-05", until="2019-06-26")
    expected = {f"{d.doc_id}:{i}" for d, i, e in all_events(docs)
                if "2019-04-05" <= event_when(d, e).isoformat() <= "2019-06-26"}
    assert {r["id"] for r in body["items"]} == expected and len(expected) == 3
    # the AGREE event has no date of its own: the publication date (2020-01-19) places it
    agree = get_ok(client, "/api/events", since="2020-01-19", until="2020-01-19", type="AGREE")
    assert agree["total"] == 1 and agree["items"][0]["date"] is None
    assert get_ok(client, "/api/events", since="2020-06-06")["total"] == 0


def test_events_bbox(client, docs):
    libya_west = get_ok(client, "/api/events", bbox="12,31.5,14,33.5")  # Tripoli, Ain Zara, Gharyan, Tarhuna
    assert libya_west["total"] == 5
    assert all(12 <= r["lon"] <= 14 and 31.5 <= r["lat"] <= 33.5 for r in libya_west["items"])
    europe = get_ok(client, "/api/events", bbox="5,45,20,55")
    assert [r["place"] for r in europe["items"]] == ["de-berlin"]


def test_events_filters_combine(client):
    body = get_ok(client, "/api/events", type="ASSAULT", actor="haftar", outlet="صدى طرابلس", since="2019-04-05")
    assert body["total"] == 2  # the Ain Zara strike (source) and Tarhuna (target)


def test_events_sort_and_paging(client, docs):
    asc = [r["id"] for r in get_ok(client, "/api/events", sort="date", limit=1000)["items"]]
    desc = get_ok(client, "/api/events", sort="-date", limit=1000)["items"]
    days = [r["date"] or r["published"] for r in desc]
    assert days == sorted(days, reverse=True)
    assert len(asc) == len(desc)
    conf = [r["confidence"] for r in get_ok(client, "/api/events", sort="-confidence")["items"]]
    assert conf == sorted(conf, reverse=True)
    types = [r["type"] for r in get_ok(client, "/api/events", sort="type")["items"]]
    assert types == sorted(types)
    pages = [r["id"] for off in range(0, 8, 3)
             for r in get_ok(client, "/api/events", sort="date", limit=3, offset=off)["items"]]
    assert pages == asc
    beyond = get_ok(client, "/api/events", offset=100)
    assert beyond["items"] == [] and beyond["total"] == len(asc)


def test_event_by_id(client, docs):
    d = docs[1]
    body = get_ok(client, f"/api/events/{d.doc_id}:1")
    assert body["type"] == d.events[1].type and body["doc_id"] == d.doc_id
    for bad in (f"{d.doc_id}:99", "nodoc:0", "garbage", f"{d.doc_id}:x"):
        r = client.get(f"/api/events/{bad}")
        assert r.status_code == 404 and "no event" in r.json()["detail"]


@pytest.mark.parametrize("param,value", [
    ("type", "BOMBING"), ("type", "1"),
    ("sort", "random"), ("sort", "--date"), ("sort", "trigger_start; DROP TABLE events"),
    ("since", "yesterday"), ("since", "2019-13-01"), ("until", "2019-02-30"),
    ("bbox", "1,2,3"), ("bbox", "a,b,c,d"), ("bbox", "10,20,5,30"), ("bbox", "10,40,20,30"),
    ("bbox", "0,0,200,10"), ("bbox", "0,-95,10,10"), ("bbox", "nan,0,1,1"), ("bbox", "1,2,3,4,5"),
    ("limit", "0"), ("limit", "1001"), ("limit", "ten"), ("offset", "-1"), ("offset", "1e3"),
])
def test_events_bad_parameters_are_422(client, param, value):
    assert_422(client, "/api/events", param, **{param: value})


def test_events_since_after_until_is_422(client):
    detail = assert_422(client, "/api/events", "since", since="2020-01-02", until="2020-01-01")
    assert "after" in detail[0]["msg"]


def test_event_types_accepted(client):
    for t in PLOVER_TYPES:
        assert client.get("/api/events", params={"type": t, "limit": 1}).status_code == 200


# ---------------------------------------------------------------- actors, places, statements, outlets, stats


def test_actors_counts_and_outlets(client, docs):
    body = get_ok(client, "/api/actors", limit=1000)
    rows = {r["id"]: r for r in body["items"]}
    assert body["total"] == len(rows) == 6
    gna = rows["gna"]
    assert gna["mentions"] == sum(len(a.mentions) for d in docs for a in d.actors if a.id == "gna")
    assert gna["by_outlet"] == {"صدى طرابلس": 2, "منبر برقة": 1}
    assert gna["events"] == sum(e.source == "gna" or e.target == "gna" for _, _, e in all_events(docs))
    mentions = [r["mentions"] for r in body["items"]]
    assert mentions == sorted(mentions, reverse=True)


def test_actors_filters_sort_paging(client):
    assert {r["id"] for r in get_ok(client, "/api/actors", type="per")["items"]} == {"haftar", "sarraj", "mismari"}
    assert [r["id"] for r in get_ok(client, "/api/actors", q="حفتر")["items"]] == ["haftar"]
    assert [r["id"] for r in get_ok(client, "/api/actors", q="sarraj")["items"]] == ["sarraj"]
    assert [r["id"] for r in get_ok(client, "/api/actors", q="الامم")["items"]] == ["un"]  # hamza-insensitive
    ids = [r["id"] for r in get_ok(client, "/api/actors", sort="id")["items"]]
    assert ids == sorted(ids)
    assert [r["id"] for r in get_ok(client, "/api/actors", sort="id", limit=2, offset=2)["items"]] == ids[2:4]
    events = [r["events"] for r in get_ok(client, "/api/actors", sort="-events")["items"]]
    assert events == sorted(events, reverse=True)


@pytest.mark.parametrize("params,param", [
    ({"type": "ROBOT"}, "type"), ({"sort": "name"}, "sort"), ({"limit": "-5"}, "limit"),
])
def test_actors_bad_parameters(client, params, param):
    assert_422(client, "/api/actors", param, **params)


def test_places(client, docs):
    body = get_ok(client, "/api/places")
    rows = {r["id"]: r for r in body["items"]}
    assert body["total"] == 5
    assert rows["ly-tripoli"]["lat"] == pytest.approx(32.8872) and rows["ly-tripoli"]["events"] == 2
    assert {r["id"] for r in get_ok(client, "/api/places", country="de")["items"]} == {"de-berlin"}
    assert [r["id"] for r in get_ok(client, "/api/places", q="غريان")["items"]] == ["ly-gharyan"]
    assert_422(client, "/api/places", "sort", sort="lat")
    assert_422(client, "/api/places", "country", country="LIBYA")


def test_statements(client, docs):
    body = get_ok(client, "/api/statements")
    assert body["total"] == 2
    by_speaker = {r["speaker"]: r for r in body["items"]}
    d = docs[0]
    st = d.statements[0]
    assert by_speaker["sarraj"]["quote_text"] == d.text[st.quote[0]:st.quote[1]]
    assert by_speaker["sarraj"]["speaker_name_ar"] == "فايز السراج"
    assert [r["speaker"] for r in get_ok(client, "/api/statements", speaker="mismari")["items"]] == ["mismari"]
    assert get_ok(client, "/api/statements", outlet="صدى طرابلس")["total"] == 1
    assert get_ok(client, "/api/statements", since="2019-05-01")["total"] == 1
    assert get_ok(client, "/api/statements", until="2019-05-01")["total"] == 1
    assert get_ok(client, "/api/statements", doc_id=d.doc_id)["total"] == 1
    paged = get_ok(client, "/api/statements", limit=1, offset=1)
    assert paged["total"] == 2 and [r["statement_id"] for r in paged["items"]] == [body["items"][1]["statement_id"]]
    assert get_ok(client, "/api/statements", offset=5)["items"] == []
    assert_422(client, "/api/statements", "since", since="2020-01-01", until="2019-01-01")
    assert_422(client, "/api/statements", "until", until="soon")


def test_outlets_and_stats(client, docs):
    outlets = {r["outlet"]: r["documents"] for r in get_ok(client, "/api/outlets")["items"]}
    assert outlets == {"صدى طرابلس": 2, "منبر برقة": 1, "المرصد المغاربي": 1, "النيل اليوم": 1}
    stats = get_ok(client, "/api/stats")
    assert stats["documents"] == 5 and stats["events"] == 8 and stats["processed"] == 4


# ---------------------------------------------------------------- ingest, docs, static, robustness


@pytest.fixture
def fresh_store():
    store = Store("sqlite://")
    yield store
    store.close()


ARTICLE = {"text": "قالت مصادر محلية إن اشتباكات اندلعت قرب مطار معيتيقة في طرابلس مساء أمس.",
           "outlet": "صدى طرابلس", "published": "2019-05-02", "title": "اشتباكات قرب المطار"}


def test_ingest_is_disabled_without_token(fresh_store, monkeypatch):
    monkeypatch.delenv("MARSAD_API_TOKEN", raising=False)
    client = TestClient(create_app(store=fresh_store))
    r = client.post("/api/ingest", json={"articles": [ARTICLE]}, headers={"Authorization": "Bearer x"})
    assert r.status_code == 404 and "MARSAD_API_TOKEN" in r.json()["detail"]
    assert fresh_store.stats()["documents"] == 0


def test_ingest_needs_the_right_token(fresh_store, monkeypatch):
    monkeypatch.setenv("MARSAD_API_TOKEN", "s3cret")
    client = TestClient(create_app(store=fresh_store))
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "s3cret"}, {"Authorization": "Basic s3cret"}):
        r = client.post("/api/ingest", json={"articles": [ARTICLE]}, headers=headers)
        assert r.status_code == 403, headers
    assert fresh_store.stats()["documents"] == 0
    r = client.post("/api/ingest", json={"articles": [ARTICLE]}, headers={"Authorization": "Bearer s3cret"},
                    params={"process": "false"})
    assert r.status_code == 200, r.text
    res = r.json()["results"][0]
    assert res["status"] == "added" and res["doc_id"] == text_hash(ARTICLE["text"])
    assert fresh_store.get_document(res["doc_id"]).text == ARTICLE["text"]
    again = client.post("/api/ingest", json={"articles": [ARTICLE]}, headers={"Authorization": "Bearer s3cret"})
    assert again.json()["results"][0]["status"] in ("seen", "duplicate")


def test_ingest_processes_and_reports_bad_dates(fresh_store):
    client = TestClient(create_app(store=fresh_store, token="tok"))
    art = dict(ARTICLE, published="the day after tomorrow")
    r = client.post("/api/ingest", json={"articles": [art]}, headers={"Authorization": "Bearer tok"})
    assert r.status_code == 200, r.text
    res = r.json()["results"][0]
    assert res["status"] == "added" and res["warnings"] and "events" in res
    assert fresh_store.record(res["doc_id"]) is not None


@pytest.mark.parametrize("body", [{}, {"articles": []}, {"articles": [{"title": "no text"}]},
                                  {"articles": [{"text": ""}]}, {"articles": "text"}, [1, 2]])
def test_ingest_bad_bodies_are_422(fresh_store, body):
    client = TestClient(create_app(store=fresh_store, token="tok"))
    r = client.post("/api/ingest", json=body, headers={"Authorization": "Bearer tok"})
    assert r.status_code == 422


def test_read_only_by_default(client):
    assert client.delete("/api/documents/x").status_code == 405
    assert client.post("/api/events", json={}).status_code == 405


def test_docs_are_offline_and_cover_every_endpoint(client):
    r = client.get("/docs")
    assert r.status_code == 200 and "<html" in r.text.lower()
    assert not re.search(r"(src|href)=[\"']https?://", r.text), "the docs page must not load anything remote"
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/api/documents", "/api/documents/{doc_id}", "/api/documents/{doc_id}/record", "/api/events",
              "/api/events/{event_id}", "/api/actors", "/api/places", "/api/statements", "/api/stats",
              "/api/outlets", "/api/ingest"):
        assert p in paths, p
    assert {"type", "actor", "place", "outlet", "since", "until", "bbox", "sort", "limit", "offset"} <= {
        prm["name"] for prm in paths["/api/events"]["get"]["parameters"]}


def test_plain_docs_page_without_swagger_assets(tmp_path, client):
    from marsad.api.docs import plain_docs

    html = plain_docs(client.get("/openapi.json").json())
    assert "/api/events" in html and "bbox" in html and "http" not in html.replace("/openapi.json", "")


def test_dashboard_index_is_served(client):
    r = client.get("/")
    assert r.status_code == 200 and 'dir="rtl"' in r.text


def test_unknown_api_path_is_404(client):
    assert client.get("/api/nothing").status_code == 404


NASTY = ["'", "\"", "%", "_", "\\", "' OR 1=1 --", "ـ", "\u202e", "𝕏", "a" * 300, "0" * 50, "-1", "null", "[]"]


@pytest.mark.parametrize("url,param", [
    ("/api/documents", "q"), ("/api/documents", "outlet"), ("/api/events", "actor"), ("/api/events", "place"),
    ("/api/events", "outlet"), ("/api/events", "type"), ("/api/events", "bbox"), ("/api/events", "since"),
    ("/api/events", "sort"), ("/api/actors", "q"), ("/api/places", "country"), ("/api/statements", "speaker"),
])
def test_no_parameter_value_causes_a_500(client, url, param):
    for value in NASTY:
        r = client.get(url, params={param: value})
        assert r.status_code < 500, (url, param, value, r.text)
        assert r.status_code in (200, 422), (url, param, value, r.status_code)


def test_actor_labels_by_outlet(fresh_store):
    from api_fixture import build_documents

    from marsad.doc import Label

    docs = build_documents()
    d1, d2 = docs[0], docs[1]
    d1.labels = [Label(actor="haftar", text="قوات خليفة حفتر", span=(4, 19), stance="neutral")]
    d2.labels = [Label(actor="gna", text="حكومة الوفاق", span=(66, 78), stance="neutral")]
    for d in (d1, d2):
        fresh_store.add_document(d)
        fresh_store.save_extraction(d)
    client = TestClient(create_app(store=fresh_store, token=""))
    rows = {r["id"]: r for r in get_ok(client, "/api/actors")["items"]}
    assert rows["haftar"]["labels"] == {"صدى طرابلس": [{"text": "قوات خليفة حفتر", "stance": "neutral", "count": 1}]}
    assert rows["gna"]["labels"] == {"منبر برقة": [{"text": "حكومة الوفاق", "stance": "neutral", "count": 1}]}
    assert rows["sarraj"]["labels"] == {}


def test_app_factory_for_workers_reads_the_environment(tmp_path, monkeypatch):
    """`marsad serve --workers N` has uvicorn build one app per process from $MARSAD_DB; the
    endpoints' threadpool gets $MARSAD_API_THREADS threads when the server starts."""
    import anyio.to_thread

    from marsad.api import app_from_env

    path = tmp_path / "factory.db"
    with Store(str(path)) as s:
        fill_store(s)
    monkeypatch.setenv("MARSAD_DB", str(path))
    monkeypatch.setenv("MARSAD_API_THREADS", "3")
    monkeypatch.delenv("MARSAD_API_TOKEN", raising=False)

    async def tokens() -> float:
        return anyio.to_thread.current_default_thread_limiter().total_tokens

    with TestClient(app_from_env()) as c:
        assert get_ok(c, "/api/events")["total"] == 8
        assert c.portal.call(tokens) == 3
        assert c.post("/api/ingest", json={"articles": [ARTICLE]}).status_code == 404  # still read-only
        c.app.state.store.close()
