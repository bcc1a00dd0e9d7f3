"""``/docs`` that works air-gapped.

FastAPI's own ``/docs`` page loads Swagger UI from a CDN. We serve the same page with Swagger UI's files
from the built bundle (``/docs-assets``); when the bundle has not been built, ``/docs`` is a plain HTML
list of the endpoints rendered from the OpenAPI schema, so the API is documented either way.
``/openapi.json`` is always there.
"""

from __future__ import annotations

from html import escape

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

from marsad.web import STATIC, docs_assets


def plain_docs(schema: dict) -> str:
    """A readable, dependency-free HTML page of the OpenAPI schema's paths and parameters."""
    rows: list[str] = []
    for path, ops in schema.get("paths", {}).items():
        for method, op in ops.items():
            params = ", ".join(
                f"<code>{escape(p['name'])}</code>" + ("*" if p.get("required") else "")
                for p in op.get("parameters", [])
            )
            rows.append(
                f"<tr><td><b>{method.upper()}</b></td><td><code>{escape(path)}</code></td>"
                f"<td>{escape(op.get('summary', ''))}<br><small>{escape(op.get('description', '') or '')}</small></td>"
                f"<td>{params}</td></tr>"
            )
    info = schema.get("info", {})
    return (
        "<!doctype html><html lang='en'><meta charset='utf-8'>"
        f"<title>{escape(info.get('title', 'API'))} — docs</title>"
        "<body style='font-family:sans-serif;margin:2rem'>"
        f"<h1>{escape(info.get('title', 'API'))} {escape(info.get('version', ''))}</h1>"
        f"<p>{escape(info.get('description', ''))}</p>"
        "<p>Machine-readable schema: <a href='/openapi.json'>/openapi.json</a></p>"
        "<table border='1' cellpadding='4' style='border-collapse:collapse'>"
        "<tr><th>method</th><th>path</th><th>what</th><th>parameters (* required)</th></tr>"
        + "".join(rows) + "</table></body></html>"
    )


def add_docs(app: FastAPI, static=STATIC) -> None:
    """Register ``/docs`` (create the app with ``docs_url=None`` so FastAPI's CDN page is not used)."""

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        if docs_assets(static):
            return get_swagger_ui_html(
                openapi_url=app.openapi_url or "/openapi.json",
                title=f"{app.title} — API",
                swagger_js_url="/docs-assets/swagger-ui-bundle.js",
                swagger_css_url="/docs-assets/swagger-ui.css",
                swagger_favicon_url="/docs-assets/favicon-32x32.png",
                swagger_ui_parameters={"defaultModelsExpandDepth": 0, "validatorUrl": None},
            )
        return HTMLResponse(plain_docs(app.openapi()))
