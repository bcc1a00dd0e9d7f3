"""``make screenshots``: one PNG per dashboard view in ``docs/screenshots/``, taken in headless Chromium
with the same set-up as the browser tests (Debian's chromium, Playwright, loopback only).

The data: the bundled ``samples/`` ingested and processed with the current pipeline into a temporary
store; when the pipeline gives no events with places yet, the hand-made documents of the tests
(``tests/api_fixture.py``) are added so every view has something to show. ``--db`` uses an existing store.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1400, "height": 860}


def build_store(path: str):
    from api_fixture import add_samples, fill_store

    from marsad.store import EventFilters, Store

    store = Store(path)
    n = add_samples(store, REPO / "samples")
    located = sum(1 for e in store.list_events(EventFilters(), limit=100_000) if e["lat"] is not None)
    print(f"samples: {n} events, {located} with a place")
    if located < 3:
        fill_store(store)
        print("added the hand-made test documents (the pipeline does not yet give enough located events)")
    return store


def shoot(base: str, out: Path, chromium: str) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    profile = tempfile.mkdtemp(prefix="marsad-shots-")
    try:
        with sync_playwright() as p:
            ctx = p.chromium.launch_persistent_context(profile, executable_path=chromium, args=ARGS, headless=True,
                                                       viewport=VIEWPORT)
            page = ctx.new_page()
            hosts: set[str] = set()
            page.on("request", lambda r: hosts.add(r.url.split("/")[2]) if "://" in r.url else None)
            events = page.request.get(f"{base}/api/events?limit=1000&sort=date").json()["items"]
            located = [e for e in events if e["lat"] is not None]
            rich = max(events, key=lambda e: (bool(e["source"]) + bool(e["target"]) + bool(e["place"]), -len(e["id"])))
            days = sorted({e["date"] or e["published"] for e in events if e["date"] or e["published"]})
            brush = f"since={days[0]}&until={days[len(days) // 2]}" if len(days) > 2 else ""
            views = [
                ("map", "#/map"),
                ("event-card", f"#/map?event={(located or events)[0]['id']}"),
                ("timeline", f"#/timeline?{brush}"),
                ("network", "#/network"),
                ("evidence", f"#/evidence/{rich['doc_id']}?event={rich['id']}"),
                ("map-english", "#/map?lang=en"),
            ]
            for name, hash_ in views:
                page.goto(f"{base}/{hash_}")
                page.wait_for_selector("body[data-ready]", timeout=20_000)
                page.wait_for_timeout(1200)  # map shapes, force layout
                path = out / f"{name}.png"
                page.screenshot(path=str(path))
                shots.append(path)
                print(f"wrote {path.relative_to(REPO) if path.is_relative_to(REPO) else path}")
            ctx.close()
            if hosts - {base.split("/")[2]}:
                print(f"warning: requests left loopback: {sorted(hosts)}")
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return shots


def main() -> None:
    ap = argparse.ArgumentParser(description="Screenshots of every dashboard view.")
    ap.add_argument("--db", help="an existing store (default: samples processed into a temporary one)")
    ap.add_argument("--out", default=str(REPO / "docs" / "screenshots"))
    args = ap.parse_args()

    from live_server import serve

    from marsad import web
    from marsad.api import create_app
    from marsad.store import Store

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        sys.exit("no chromium: apt-get install chromium")
    if not web.built():
        sys.exit("the dashboard is not built: make install (or cd web && npm ci && npm run build)")
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(args.db) if args.db else build_store(str(Path(tmp) / "shots.db"))
        with serve(create_app(store=store, token="")) as base:
            shoot(base, Path(args.out), chromium)
        store.close()


if __name__ == "__main__":
    main()
