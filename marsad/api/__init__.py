"""marsad's HTTP API (FastAPI) and the dashboard it serves.

:func:`create_app` builds one app over one store: JSON endpoints under ``/api`` (read-only unless an
ingest token is configured), the OpenAPI schema at ``/openapi.json`` and its documentation at ``/docs``
(offline, see :mod:`marsad.api.docs`), and the dashboard's static files at ``/`` (:mod:`marsad.web`).

Routers live in :mod:`marsad.api.routers`, one module each, listed in ``ROUTER_MODULES`` there; a new
feature (framing profiles, exports) adds its module and one line to that list.

Errors: a bad parameter is a 422 whose ``detail`` names the parameter; an unknown id is a 404; ingest
without the token is a 403 (404 when ingest is disabled). Anything unexpected is logged and answered
with a JSON 500 that does not leak internals, but every parameter is validated before the store sees it.
"""

from __future__ import annotations

import logging
import os
from contextlib import asynccontextmanager
from importlib import import_module
from typing import Any

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse

from marsad import web
from marsad.api.docs import add_docs

log = logging.getLogger("marsad.api")

TOKEN_ENV = "MARSAD_API_TOKEN"


def open_store(db_url: str) -> Any:
    """The store for ``db_url`` (a file path or an SQLAlchemy URL), migrated to the current schema."""
    from marsad.store import Store

    return Store(db_url)


#: Default size of the threadpool that runs the (blocking) endpoints. Under 20 concurrent clients on
#: 2 cores, 4 threads gave the same median as anyio's 40 and a tighter tail (less GIL contention);
#: see docs/api.md.
DEFAULT_THREADS = 4


def app_from_env() -> FastAPI:
    """The app for ``$MARSAD_DB`` (uvicorn's import-string factory, for ``marsad serve --workers N``:
    each worker process builds its own app and store). ``$MARSAD_API_THREADS`` sizes the threadpool."""
    threads = os.environ.get("MARSAD_API_THREADS")
    return create_app(os.environ.get("MARSAD_DB", "marsad.db"), threads=int(threads) if threads else None)


def create_app(db_url: str | None = None, token: str | None = None, *, store: Any = None,
               threads: int | None = None) -> FastAPI:
    """Build the app over the store at ``db_url`` (or an already open ``store``).

    ``token`` enables ``POST /api/ingest`` for requests carrying ``Authorization: Bearer <token>``;
    when None it is read from ``$MARSAD_API_TOKEN``; when that is unset too, the API is read-only.
    ``threads``: how many requests run their (blocking) endpoint at once (default ``DEFAULT_THREADS``;
    the limit is the process's, set when the server starts).
    """
    from marsad import __version__
    from marsad.api.routers import ROUTER_MODULES

    if store is None:
        if db_url is None:
            raise ValueError("create_app needs a db_url or a store")
        store = open_store(db_url)
    pool = threads or DEFAULT_THREADS

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        anyio.to_thread.current_default_thread_limiter().total_tokens = pool
        yield

    app = FastAPI(
        lifespan=lifespan,
        title="marsad",
        version=__version__,
        description="Arabic news to evidence-linked conflict event data (PLOVER). Read-only by default; "
        "lists are paged with limit/offset and return {total, limit, offset, items}.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store
    app.state.token = token if token is not None else (os.environ.get(TOKEN_ENV) or None)
    # level 5: a page of 50 events (~80 kB) in ~0.4 ms instead of ~1.4 ms at the default 9, 10% larger
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=5)

    for name in ROUTER_MODULES:
        module = import_module(f"marsad.api.routers.{name}")
        app.include_router(module.router, prefix="/api")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:  # pragma: no cover - last resort
        log.exception("unhandled error on %s", request.url.path)
        return JSONResponse({"detail": "internal error; see the server log"}, status_code=500)

    add_docs(app)
    web.mount(app)
    return app
