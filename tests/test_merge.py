"""Merge: the compatibility rule on hand-built rows, story summaries and agreement, the incremental
store layer, and the designed sample events (A merges across three outlets, B stays apart)."""

from __future__ import annotations

import pytest

from marsad.merge import agreement, compatible, merge_rows, summarize
from marsad.merge.rules import haversine_km

AFF = {"haftar": "lna", "lna-air-force": "lna", "karama-ops": "lna", "bashagha": "gna"}
TAJOURA = (32.8817, 13.3506)
TRIPOLI = (32.8874, 13.1873)
MISRATA = (32.3754, 15.0925)


def aff(actor: str) -> str | None:
    return AFF.get(actor)


def row(n: int, doc: str = "d1", **kw) -> dict:
    """An event row shaped like Store.list_events (only the fields the merge reads)."""
    base = {"event_id": f"{doc}:{n}", "doc_id": doc, "idx": n, "type": "ASSAULT", "mode": "aerial",
            "source": "lna", "target": None, "place": "ly-tajoura", "lat": TAJOURA[0], "lon": TAJOURA[1],
            "place_precision": "city", "date": "2019-07-02", "date_precision": "day", "negated": False,
            "hypothetical": False, "fatalities": None, "published": "2019-07-03", "outlet": "o-" + doc,
            "confidence": 0.7}
    base.update(kw)
    return base


def test_haversine_tripoli_tajoura_is_about_15_km():
    assert 14 < haversine_km(*TRIPOLI, *TAJOURA) < 17


def test_same_type_place_and_day_merge_and_leader_counts_as_his_force():
    assert compatible(row(0, "a"), row(0, "b", source="haftar"), aff)
    assert compatible(row(0, "a", source="karama-ops"), row(0, "b", source="lna-air-force"), aff)
    assert compatible(row(0, "a"), row(0, "b", source=None), aff)


def test_other_side_other_type_negated_or_hypothetical_do_not_merge():
    assert not compatible(row(0, "a"), row(0, "b", source="gna"), aff)
    assert not compatible(row(0, "a"), row(0, "b", type="MOBILIZE"), aff)
    assert not compatible(row(0, "a"), row(0, "b", negated=True), aff)
    assert not compatible(row(0, "a", hypothetical=True), row(0, "b"), aff)


@pytest.mark.parametrize("prec_a, prec_b, place_b, ok", [
    ("city", "city", TRIPOLI, True),          # 15 km <= 25 km
    ("locality", "locality", TRIPOLI, False),  # 15 km > 10 km
    ("locality", "city", TRIPOLI, True),       # the coarser precision decides
    ("city", "city", MISRATA, False),          # ~200 km
    ("region", "city", MISRATA, False),
])
def test_distance_depends_on_the_coarser_precision(prec_a, prec_b, place_b, ok):
    a = row(0, "a", place_precision=prec_a)
    b = row(0, "b", place="x", lat=place_b[0], lon=place_b[1], place_precision=prec_b)
    assert compatible(a, b, aff) is ok


def test_country_precision_means_same_country():
    a = row(0, "a", place="ly", lat=26.3, lon=17.2, place_precision="country")
    assert compatible(a, row(0, "b"), aff)
    assert not compatible(a, row(0, "b", place="tn-tunis", lat=36.8, lon=10.2), aff)


@pytest.mark.parametrize("da, pa, db, pb, ok", [
    ("2019-07-02", "day", "2019-07-03", "day", True),
    ("2019-07-02", "day", "2019-07-04", "day", False),
    ("2019-07-01", "week", "2019-07-06", "day", True),
    ("2019-07-01", "week", "2019-07-09", "day", False),
    ("2019-07-01", "month", "2019-07-27", "day", True),
    ("2019-07-01", "month", "2019-08-01", "day", False),
])
def test_date_window_depends_on_the_coarser_precision(da, pa, db, pb, ok):
    assert compatible(row(0, "a", date=da, date_precision=pa), row(0, "b", date=db, date_precision=pb), aff) is ok


def test_undated_report_needs_exact_place_and_close_publication():
    dated = row(0, "a")
    assert compatible(row(0, "b", date=None, date_precision=None), dated, aff)
    assert compatible(dated, row(0, "b", date=None, date_precision=None), aff)  # symmetric
    near = row(0, "b", date=None, date_precision=None, place="ly-tripoli", lat=TRIPOLI[0], lon=TRIPOLI[1])
    assert not compatible(near, dated, aff)  # within 25 km but not the same place
    late = row(0, "b", date=None, date_precision=None, published="2019-07-20")
    assert not compatible(late, dated, aff)
    country = row(0, "b", date=None, date_precision=None, place="ly", place_precision="country", lat=26.3, lon=17.2)
    assert not compatible(country, row(0, "c", date=None, date_precision=None, place="ly",
                                       place_precision="country", lat=26.3, lon=17.2), aff)


def test_merge_keeps_reports_counts_sources_and_lists_disagreements():
    a = row(0, "a", target="migrants", fatalities=44, published="2019-07-03")
    b = row(0, "b", target="gna", fatalities=None, source="lna-air-force", published="2019-07-03")
    c = row(0, "c", target="migrants", fatalities=40, source=None, place="ly-tripoli", lat=TRIPOLI[0],
            lon=TRIPOLI[1], published="2019-07-02")
    a2 = row(1, "a", date=None, date_precision=None)  # the same article tells it again, undated
    other = row(0, "d", place="ly-misrata", lat=MISRATA[0], lon=MISRATA[1], date="2019-07-27",
                published="2019-07-27")
    originals = [dict(r) for r in (a, b, c, a2, other)]
    stories = merge_rows([a, b, c, a2, other], aff)
    assert [r for r in (a, b, c, a2, other)] == originals  # reports are never rewritten
    assert len(stories) == 2
    big = next(s for s in stories if len(s.reports) == 4)
    s = summarize(big)
    assert s["sources"] == 3 and s["n_reports"] == 4
    assert s["outlets"] == ["o-a", "o-b", "o-c"]
    assert s["first_event_id"] == "c:0"  # published a day earlier
    assert s["fatalities"] == 40  # the most conservative stated figure
    assert s["place"] == "ly-tajoura" and s["date"] == "2019-07-02"
    ag = s["agreement"]
    assert ag["disagreements"] == ["target", "place", "fatalities"]
    assert ag["target"]["values"] == {"migrants": ["a:0", "c:0"], "gna": ["b:0"]}
    assert ag["fatalities"]["values"] == {"44": ["a:0"], "40": ["c:0"]}


def test_complete_linkage_does_not_chain():
    # a (day 1) ~ b (day 2) ~ c (day 3), but a !~ c: c must not join a's story
    stories = merge_rows([row(0, "a", date="2019-07-01"), row(0, "b", date="2019-07-02"),
                          row(0, "c", date="2019-07-03")], aff)
    assert sorted(len(s.reports) for s in stories) == [1, 2]


def test_agreement_of_one_report_is_agreement():
    ag = agreement([row(0, "a", target="x", fatalities=3)])
    assert ag["disagreements"] == [] and ag["target"]["agree"]


# --------------------------------------------------------------------------- the store layer

def _store_with(rows_by_doc: dict[str, list[dict]]):
    """A store holding tiny documents whose events are the given rows (places/actors stored with them)."""
    from datetime import date

    from marsad.doc import Actor, Document, Event, Place, Source
    from marsad.store import Store

    store = Store("sqlite://")
    docs = {}
    for doc_key, evs in rows_by_doc.items():
        r0 = evs[0]
        doc = Document(text=f"نص الخبر {doc_key} " * 3, source=Source(
            path=doc_key, outlet=r0["outlet"], published=date.fromisoformat(r0["published"])))
        store.add_document(doc)
        for r in evs:
            if r["place"] and not doc.place(r["place"]):
                doc.places.append(Place(r["place"], r["place"], r["place"], "LY", r["lat"], r["lon"],
                                        r["place_precision"]))
            for a in (r["source"], r["target"]):
                if a and not doc.actor(a):
                    doc.actors.append(Actor(a, a, a, "MIL", "LY", AFF.get(a)))
            doc.events.append(Event(r["type"], (0, 3), (0, 10), source=r["source"], target=r["target"],
                                    place=r["place"], date=date.fromisoformat(r["date"]) if r["date"] else None,
                                    date_precision=r["date_precision"], mode=r["mode"],
                                    fatalities=r["fatalities"]))
        store.save_extraction(doc)
        docs[doc_key] = doc
    return store, docs


def test_store_refresh_is_incremental_and_never_touches_events():
    from marsad.merge import refresh, stories, story

    store, docs = _store_with({"a": [row(0, "a", outlet="أ")], "b": [row(0, "b", outlet="ب", source="haftar")]})
    events_before = store.list_events(limit=100)
    first = refresh(store)
    assert (first.created, first.linked, first.stories) == (1, 2, 1)
    assert store.list_events(limit=100) == events_before
    again = refresh(store)
    assert (again.linked, again.created, again.updated, again.dissolved) == (0, 0, 0, 0)
    sid = stories(store)[0]["story_id"]

    # a third outlet arrives: it joins the same story (same id), nothing else is redone
    from datetime import date

    from marsad.doc import Document, Event, Place, Source
    c = Document(text="نص ثالث عن الغارة نفسها", source=Source(path="c", outlet="ج", published=date(2019, 7, 3)))
    store.add_document(c)
    c.places.append(Place("ly-tajoura", "Tajoura", "تاجوراء", "LY", TAJOURA[0], TAJOURA[1], "city"))
    c.events.append(Event("ASSAULT", (0, 3), (0, 10), place="ly-tajoura", date=date(2019, 7, 2), date_precision="day"))
    store.save_extraction(c)
    third = refresh(store)
    assert (third.linked, third.created, third.updated) == (1, 0, 1)
    (s,) = stories(store)
    assert s["story_id"] == sid and s["sources"] == 3 and s["outlets"] == sorted(["أ", "ب", "ج"])
    assert len(story(store, sid)["reports"]) == 3

    # document b is processed again and now dates its event a week later: its story is re-formed
    b = docs["b"]
    b.events[0].date = date(2019, 7, 9)
    store.save_extraction(b)
    fourth = refresh(store)
    assert fourth.dissolved == 1
    assert sorted(x["sources"] for x in stories(store)) == [1, 2]

    rebuilt = refresh(store, rebuild=True)
    assert rebuilt.stories == 2 and rebuilt.linked == 3


def test_story_filters():
    from datetime import date

    from marsad.merge import count_stories, refresh, stories
    from marsad.store import EventFilters

    store, _ = _store_with({"a": [row(0, "a", outlet="أ")], "b": [row(0, "b", outlet="ب", type="MOBILIZE")]})
    refresh(store)
    assert count_stories(store) == 2
    assert [s["type"] for s in stories(store, EventFilters(type="mobilize"))] == ["MOBILIZE"]
    assert [s["outlets"] for s in stories(store, EventFilters(outlet="أ"))] == [["أ"]]
    assert count_stories(store, EventFilters(since=date(2019, 7, 3))) == 0
    assert count_stories(store, EventFilters(bbox=(13.0, 32.0, 14.0, 33.0))) == 2
    assert count_stories(store, EventFilters(actor="lna")) == 2


def test_migration_is_recorded():
    from marsad.store import Store

    st = Store("sqlite://")
    assert "0002_story_events" in st.stats()["migrations"]


# --------------------------------------------------------------------------- the sample corpus

def _sample_stories():
    from sample_corpus import sample_store, stage_names

    if not {"actors", "places", "events"} <= stage_names():
        pytest.skip("the actors/places/events stages are not all in the pipeline yet")
    from marsad.merge import refresh, stories

    store = sample_store()
    res = refresh(store)
    return store, res, stories(store, limit=None)


def _paths(store, doc_ids) -> set[str]:
    return {store.get_document(d).source.path.rsplit("/", 1)[-1] for d in doc_ids}


def test_sample_event_a_is_one_story_with_three_sources():
    from marsad.merge import story

    store, _, rows = _sample_stories()
    a_files = {"007_tajoura-strike-sada.txt", "008_tajoura-strike-minbar.txt", "009_tajoura-strike-maghreb.txt"}
    cands = []
    for s in rows:
        if s["type"] != "ASSAULT" or s["date"] != "2019-07-02":
            continue
        full = story(store, s["story_id"])
        if _paths(store, {r["doc_id"] for r in full["reports"]}) == a_files:
            cands.append(full)
    assert len(cands) == 1, "event A should be exactly one story told by 007, 008 and 009"
    a = cands[0]
    assert a["sources"] == 3
    assert set(a["outlets"]) == {"صدى طرابلس", "منبر برقة", "المرصد المغاربي"}
    assert a["place"] in ("ly-tajoura", "ly-tripoli")
    assert a["agreement"]["fatalities"]["agree"] is False  # 44 vs 40: the designed disagreement
    assert a["fatalities"] == 40


def test_sample_event_b_does_not_merge_with_a():
    from marsad.merge import story

    store, _, rows = _sample_stories()
    a_files = {"007_tajoura-strike-sada.txt", "008_tajoura-strike-minbar.txt", "009_tajoura-strike-maghreb.txt"}
    for s in rows:
        if s["sources"] < 2:
            continue
        files = _paths(store, {r["doc_id"] for r in story(store, s["story_id"])["reports"]})
        assert not ("010_misrata-air-college.txt" in files and files & a_files), files


def test_sample_merge_removes_events_and_keeps_every_report():
    store, res, rows = _sample_stories()
    assert sum(s["n_reports"] for s in rows) == res.reports == store.count_events()
    assert len(rows) < res.reports
