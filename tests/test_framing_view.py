"""The dashboard's framing tab and merged-reports toggle in headless Chromium (same set-up as
tests/test_browser.py: live loopback server over the hand-made fixture plus the processed samples)."""

from __future__ import annotations

import pytest
from test_browser import CHROMIUM, api, browser_context, list_count, open_view, page, server, wait_rerender  # noqa: F401

pytestmark = pytest.mark.browser
assert CHROMIUM


def test_framing_tab_shows_the_api_table_and_its_evidence(page, server):  # noqa: F811
    data = api(page, server, "/api/framing")
    if not data["items"]:
        pytest.skip("no labels in the store (the actors stage did not run on the samples)")
    open_view(page, server, "#/framing")
    page.wait_for_selector(".framing-table")
    assert int(page.get_attribute(".framing", "data-rows")) == data["total"]
    assert page.locator(".framing-table tbody tr").count() == data["total"]
    first = data["items"][0]
    row = page.locator(f'.framing-table tr[data-outlet="{first["outlet"]}"][data-actor="{first["actor"]}"]')
    assert row.locator(".framing-form").count() == len(first["forms"])
    row.locator(".framing-form").first.click()
    assert row.locator(".framing-evidence li").count() == first["forms"][0]["count"]


def test_framing_tab_follows_the_outlet_and_actor_filters(page, server):  # noqa: F811
    data = api(page, server, "/api/framing?actor=lna")
    if not data["items"]:
        pytest.skip("no LNA labels in the store")
    open_view(page, server, "#/framing?actor=lna")
    page.wait_for_selector(".framing-table")
    actors = page.locator(".framing-table tbody tr").evaluate_all("rs => rs.map(r => r.dataset.actor)")
    assert actors and set(actors) == {"lna"} and len(actors) == data["total"]


def test_merged_toggle_lists_story_events(page, server):  # noqa: F811
    plain = api(page, server, "/api/events?limit=1")["total"]
    merged = api(page, server, "/api/events?limit=1&merged=true")["total"]
    open_view(page, server, "#/map")
    assert int(page.get_attribute("#event-count", "data-total")) == plain
    before = page.get_attribute("body", "data-ready")
    page.check("#f-merged")
    wait_rerender(page, before)
    assert "merged=true" in page.url
    assert int(page.get_attribute("#event-count", "data-total")) == merged <= plain
    assert list_count(page) > 0
