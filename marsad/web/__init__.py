"""The dashboard's static files and how the API process serves them.

The front-end source lives in ``web/`` (plain JS modules built by Vite); ``npm run build`` (run by
``make install``) writes the bundle to ``marsad/web/static/``, which is git-ignored and shipped as
package data. Everything the page loads comes from this folder: the map's basemap is Natural Earth's
countries from the ``world-atlas`` package, and Swagger UI's files for ``/docs`` are copied to
``static/docs-assets/`` by ``web/scripts/copy-docs-assets.mjs``, so nothing is fetched from a CDN.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).resolve().parent / "static"

NOT_BUILT = """<!doctype html><html lang="ar" dir="rtl"><meta charset="utf-8"><title>marsad</title>
<body style="font-family:sans-serif;max-width:40rem;margin:3rem auto">
<h1>مرصد — marsad</h1>
<p>The dashboard has not been built. Run <code>make install</code> (or <code>cd web &amp;&amp; npm ci &amp;&amp;
npm run build</code>) and restart <code>marsad serve</code>. The API is available under
<a href="/api/stats">/api</a> and documented at <a href="/docs">/docs</a>.</p></body></html>"""


def built(static: Path = STATIC) -> bool:
    """Whether the bundle exists (``index.html`` is written last by Vite)."""
    return (static / "index.html").is_file()


def docs_assets(static: Path = STATIC) -> Path | None:
    """The folder of Swagger UI's files when the build copied them, else None."""
    d = static / "docs-assets"
    return d if (d / "swagger-ui-bundle.js").is_file() else None


def mount(app: FastAPI, static: Path = STATIC) -> None:
    """Serve the dashboard at ``/`` and its assets at ``/assets``; a helpful page when not built."""
    if (static / "assets").is_dir():
        app.mount("/assets", StaticFiles(directory=static / "assets"), name="assets")
    if docs_assets(static):
        app.mount("/docs-assets", StaticFiles(directory=static / "docs-assets"), name="docs-assets")

    @app.get("/", include_in_schema=False)
    def index():
        if built(static):
            return FileResponse(static / "index.html", headers={"Cache-Control": "no-cache"})
        return HTMLResponse(NOT_BUILT, status_code=200)
