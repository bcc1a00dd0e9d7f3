"""The dashboard in headless Chromium (Debian's package, driven by Playwright with ``executable_path``).

A live server (uvicorn in a thread, loopback, free port) serves the API and the built bundle over a
temporary store of hand-made documents (plus the bundled samples when the pipeline extracts events
from them). Every assertion compares what the page shows with what the API says.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from marsad import web

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

if CHROMIUM is None:
    pytest.skip("no chromium binary (apt-get install chromium; .ci/run installs it)", allow_module_level=True)
if not web.built():
    pytest.skip("the dashboard is not built (make install, or: cd web && npm ci && npm run build)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (python) is not installed")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from api_fixture import add_samples, fill_store
    from conftest import SAMPLES
    from live_server import serve

    from marsad.api import create_app
    from marsad.store import Store

    store = Store(str(tmp_path_factory.mktemp("db") / "browser.db"))
    fill_store(store)
    if SAMPLES.is_dir():
        add_samples(store, SAMPLES)
    with serve(create_app(store=store, token="")) as url:
        yield url
    store.close()


@pytest.fixture(scope="module")
def browser_context():
    with sync_api.sync_playwright() as p:
        profile = tempfile.mkdtemp(prefix="marsad-chromium-")
        ctx = p.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, args=ARGS, headless=True,
                                                   viewport={"width": 1400, "height": 900})
        try:
            yield ctx
        finally:
            ctx.close()
            shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser_context):
    """A fresh page that records every URL it requests and every script error."""
    pg = browser_context.new_page()
    pg.requested = []
    pg.errors = []
    pg.on("request", lambda r: pg.requested.append(r.url))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    assert not pg.errors, pg.errors
    pg.close()


def open_view(page, server, hash_: str = "#/map"):
    page.goto(f"{server}/{hash_}")
    page.wait_for_selector("body[data-ready]", timeout=20_000)


def wait_rerender(page, before: str):
    page.wait_for_function("b => document.body.dataset.ready !== b", arg=before, timeout=20_000)


def api(page, server, path: str) -> dict:
    return page.request.get(f"{server}{path}").json()


def list_count(page) -> int:
    return int(page.get_attribute("#event-count", "data-count"))


def test_page_is_rtl_arabic_and_nothing_leaves_loopback(page, server):
    open_view(page, server)
    assert page.evaluate("document.dir") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"
    for view in ("timeline", "network", "evidence", "map"):
        page.click(f'#tabs a[data-view="{view}"]')
        page.wait_for_selector(f'#view[data-view="{view}"]')
    page.wait_for_timeout(300)
    hosts = {urlsplit(u).hostname for u in page.requested if not u.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}, hosts
    fonts = page.evaluate("[...document.fonts].map(f => f.family)")
    assert fonts == [], f"no web fonts expected, got {fonts}"


def test_map_shows_the_events(page, server):
    open_view(page, server, "#/map")
    page.wait_for_selector(".ev-marker, .ev-cluster")
    shown = page.evaluate("[...document.querySelectorAll('.ev-marker, .ev-cluster')]"
                          ".reduce((s, el) => s + Number(el.dataset.count), 0)")
    events = api(page, server, "/api/events?limit=1000")
    assert events["total"] == len(events["items"])
    located = [e for e in events["items"] if e["lat"] is not None and e["lon"] is not None]
    assert shown > 0 and shown == len(located)
    assert list_count(page) == events["total"]
    # countries are drawn from the bundled Natural Earth data (vector paths, no tiles)
    assert page.locator(".leaflet-overlay-pane path").count() > 100
    assert page.locator(".leaflet-tile").count() == 0


def test_map_filters_come_from_the_url(page, server):
    open_view(page, server, "#/map?type=ASSAULT")
    expected = api(page, server, "/api/events?type=ASSAULT&limit=1000")["total"]
    assert list_count(page) == expected > 0
    assert page.input_value("#f-type") == "ASSAULT"
    assert all(t == "ASSAULT" for t in page.eval_on_selector_all(".event-item", "els => els.map(e => e.dataset.type)"))
    before = page.get_attribute("body", "data-ready")
    page.select_option("#f-type", "RETREAT")
    wait_rerender(page, before)
    assert "type=RETREAT" in page.url
    assert list_count(page) == api(page, server, "/api/events?type=RETREAT&limit=1000")["total"]


def test_clicking_a_marker_opens_the_event_card(page, server):
    open_view(page, server, "#/map")
    marker = page.locator(".ev-marker").first
    event_id = marker.get_attribute("data-event-id")
    marker.dispatch_event("click")  # markers may overlap: a click at its centre could hit a neighbour
    page.wait_for_selector("#event-card:not([hidden])")
    assert page.get_attribute("#event-card", "data-event-id") == event_id
    trigger = api(page, server, f"/api/events/{event_id}")["trigger_text"]
    assert page.text_content("#event-card mark.hl-trigger") == trigger


def test_chart_labels_read_left_to_right_in_the_rtl_page(page, server):
    """The count labels of the timeline stand left of its axis (in the right-to-left page an SVG label
    anchored at its end would otherwise run over the axis and the bars)."""
    open_view(page, server, "#/timeline")
    page.wait_for_selector("svg.timeline .y-axis .tick text")
    axis_x = page.locator("svg.timeline .y-axis path.domain").bounding_box()["x"]
    labels = page.locator("svg.timeline .y-axis .tick text")
    assert labels.count() >= 2
    for i in range(labels.count()):
        box = labels.nth(i).bounding_box()
        assert box["x"] + box["width"] <= axis_x + 0.5


def test_timeline_brush_narrows_the_event_list(page, server):
    open_view(page, server, "#/timeline")
    page.wait_for_selector("svg.timeline .bar")
    total = list_count(page)
    box = page.locator("svg.timeline .brush .overlay").bounding_box()
    before = page.get_attribute("body", "data-ready")
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 2, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.45, y, steps=8)
    page.mouse.up()
    wait_rerender(page, before)
    assert "since=" in page.url and "until=" in page.url
    narrowed = list_count(page)
    assert 0 < narrowed < total
    since = page.input_value("#f-since")
    until = page.input_value("#f-until")
    assert since and until and since <= until
    assert narrowed == api(page, server, f"/api/events?since={since}&until={until}&limit=1000")["total"]
    days = page.eval_on_selector_all(".event-item .event-day", "els => els.map(e => e.textContent)")
    assert days and all(since <= d <= until for d in days)
    # the brush survives the redraw, and the other views see the same filter
    assert page.locator("svg.timeline .brush .selection").get_attribute("width") not in (None, "0")
    before = page.get_attribute("body", "data-ready")
    page.click('#tabs a[data-view="map"]')
    wait_rerender(page, before)
    assert page.get_attribute("#view", "data-view") == "map"
    assert "since=" in page.url and list_count(page) == narrowed


def test_clicking_an_event_opens_its_evidence_with_the_trigger_highlighted(page, server):
    open_view(page, server, "#/map")
    item = page.locator(".event-item").first
    event_id = item.get_attribute("data-event-id")
    item.click()
    page.wait_for_selector("#event-card:not([hidden]) .evidence-link")
    page.click("#event-card .evidence-link")
    page.wait_for_selector("#evidence mark.hl-trigger.focus")
    event = api(page, server, f"/api/events/{event_id}")
    focus = page.locator("#evidence mark.hl-trigger.focus")
    assert focus.text_content() == event["trigger_text"]
    assert "hl" in focus.get_attribute("class").split()
    assert int(focus.get_attribute("data-start")) == event["trigger_start"]
    assert page.text_content("#focus-sentence") == event["sentence_text"]
    assert page.locator("#event-card").is_hidden()
    # the whole article text is there, unchanged, and actors/places are highlighted at their offsets
    doc = api(page, server, f"/api/documents/{event['doc_id']}")
    assert page.text_content("#evidence-text") == doc["text"]
    record = api(page, server, f"/api/documents/{event['doc_id']}/record")
    for a in record["actors"]:
        for s, e in a["mentions"]:
            marks = page.locator(f'#evidence mark[data-start="{s}"]')
            assert marks.count() >= 1, (a["id"], s, e)
    assert page.locator("#evidence mark.hl-place").count() >= 1
    assert page.evaluate("(() => { const r = document.querySelector('mark.focus').getBoundingClientRect();"
                         " return r.top >= 0 && r.bottom <= innerHeight; })()"), "the trigger is scrolled into view"


def test_evidence_highlights_dates_at_their_offsets(page, server):
    from api_fixture import build_documents

    dated = next(d for d in build_documents() if any(r.value for r in d.dates))
    open_view(page, server, f"#/evidence/{dated.doc_id}")
    page.wait_for_selector("#evidence-text")
    doc = api(page, server, f"/api/documents/{dated.doc_id}")
    assert doc["dates"] and page.text_content("#evidence-text") == doc["text"]
    for d in doc["dates"]:
        mark = page.locator(f'#evidence mark.hl-date[data-start="{d["start"]}"]')
        assert mark.count() == 1, d
        assert mark.text_content() == doc["text"][d["start"]:d["end"]] == d["text"]
        assert int(mark.get_attribute("data-end")) == d["end"]
        assert mark.get_attribute("title") == (d["value"] or d["text"])
    assert page.locator("#evidence .legend mark.hl-date").count() == 1
    # in the processed samples too, every date expression's first character is highlighted (a date
    # under a trigger or a name yields to it: one mark per character, by priority)
    for e in api(page, server, "/api/events?limit=1000")["items"]:
        dates = api(page, server, f"/api/documents/{e['doc_id']}")["dates"]
        if dates and e["doc_id"] != dated.doc_id:
            open_view(page, server, f"#/evidence/{e['doc_id']}")
            page.wait_for_selector("#evidence-text")
            spans = page.eval_on_selector_all("#evidence-text mark", "els => els.map(m => "
                                              "[Number(m.dataset.start), Number(m.dataset.end)])")
            for d in dates:
                assert any(s <= d["start"] < e_ for s, e_ in spans), d
            assert page.locator("#evidence-text mark.hl-date").count() >= 1
            break


def test_actor_network_draws_typed_links_and_filters_on_click(page, server):
    open_view(page, server, "#/network")
    page.wait_for_selector("svg.network .net-node")
    events = api(page, server, "/api/events?limit=1000")["items"]
    pairs = {(e["source"], e["target"], e["type"]) for e in events
             if e["source"] and e["target"] and e["source"] != e["target"]}
    assert page.locator("svg.network .net-link").count() == len(pairs)
    node = page.locator('svg.network .net-node[data-actor="haftar"]')
    before = page.get_attribute("body", "data-ready")
    node.dispatch_event("click")
    wait_rerender(page, before)
    assert "actor=haftar" in page.url
    assert list_count(page) == api(page, server, "/api/events?actor=haftar&limit=1000")["total"]


def test_actor_network_fits_every_actor_in_view(page, server):
    """The layout is zoomed to fit: no actor or name is drawn outside the network's frame."""
    open_view(page, server, "#/network")
    page.wait_for_selector("svg.network .net-node")
    frame = page.locator("svg.network").bounding_box()
    boxes = [page.locator("svg.network .net-node").nth(i).bounding_box()
             for i in range(page.locator("svg.network .net-node").count())]
    assert len(boxes) > 5
    for b in boxes:
        assert frame["x"] - 1 <= b["x"] and b["x"] + b["width"] <= frame["x"] + frame["width"] + 1
        assert frame["y"] - 1 <= b["y"] and b["y"] + b["height"] <= frame["y"] + frame["height"] + 1


def test_english_toggle_switches_direction_and_strings(page, server):
    open_view(page, server, "#/map")
    before = page.get_attribute("body", "data-ready")
    page.click("#lang-toggle")
    wait_rerender(page, before)
    assert page.evaluate("document.dir") == "ltr"
    assert page.text_content('#tabs a[data-view="map"]') == "Map"
    assert "lang=en" in page.url
