"""``marsad serve``: the HTTP API and the dashboard over the store, with uvicorn."""

from __future__ import annotations

import os

import click

from marsad.cli import main


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback by default).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--log-level", default="warning", show_default=True,
              type=click.Choice(["critical", "error", "warning", "info", "debug"]), help="uvicorn's log level.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes (each with its own store connections); more than one helps on several cores.")
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 256),
              help="Requests each process runs at once (the endpoints' threadpool).")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, log_level: str, workers: int, threads: int) -> None:
    """Serve the API (/api, documented at /docs) and the dashboard (/).

    Read-only unless $MARSAD_API_TOKEN is set: then POST /api/ingest accepts JSON articles from
    requests carrying "Authorization: Bearer $MARSAD_API_TOKEN".
    """
    import uvicorn

    from marsad import web
    from marsad.api import create_app

    app = create_app(ctx.obj["db"], threads=threads)  # also checks the store opens (and migrates it) once
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"marsad: serving {ctx.obj['db']} at http://{shown}:{port}/  (API docs: http://{shown}:{port}/docs)")
    if not web.built():
        click.echo("marsad: the dashboard is not built; run `make install` (cd web && npm ci && npm run build)", err=True)
    if app.state.token:
        click.echo("marsad: POST /api/ingest is enabled ($MARSAD_API_TOKEN is set)")
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level=log_level)
        return
    app.state.store.close()
    os.environ["MARSAD_DB"] = ctx.obj["db"]  # the worker processes build their app from the environment
    os.environ["MARSAD_API_THREADS"] = str(threads)
    click.echo(f"marsad: {workers} worker processes")
    uvicorn.run("marsad.api:app_from_env", factory=True, host=host, port=port, log_level=log_level, workers=workers)
