"""The ``marsad`` command line: thin commands over the pipeline and the store.

Each command lives in its own module of this package and is registered on :data:`main` below.
"""

from __future__ import annotations

import os

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", default=lambda: os.environ.get("MARSAD_DB", "marsad.db"), show_default="$MARSAD_DB or marsad.db",
              help="SQLite file or SQLAlchemy URL (postgresql+psycopg://...) of the store.")
@click.version_option(package_name="marsad")
@click.pass_context
def main(ctx: click.Context, db: str) -> None:
    """marsad (مرصد): Arabic news to evidence-linked conflict event data."""
    ctx.ensure_object(dict)
    ctx.obj["db"] = db


def _register() -> None:
    """Import the command modules (each adds its commands to ``main``)."""
    from importlib import import_module

    for name in COMMAND_MODULES:
        import_module(f"marsad.cli.{name}")


# One line per command module; a module registers its commands with ``@main.command()``.
COMMAND_MODULES: list[str] = ["ingest", "store", "process", "serve", "export", "extract", "plover", "ner"]

_register()
