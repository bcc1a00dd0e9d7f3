"""``marsad process``: run the extraction pipeline over stored documents and save the results."""

from __future__ import annotations

import sys
import time

import click

from marsad.cli import main
from marsad.cli.common import EXIT_PARTIAL, err_console, open_store


@main.command()
@click.option("--all", "redo_all", is_flag=True, help="Reprocess every document, not only new or outdated ones.")
@click.option("--limit", type=int, help="Process at most this many documents.")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar (default: on when stderr is a terminal).")
@click.pass_context
def process(ctx: click.Context, redo_all: bool, limit: int | None, progress: bool | None) -> None:
    """Run the extraction pipeline over stored documents and save actors, places, events, statements.

    Only documents not yet processed by the current pipeline (code and data files) are processed, so
    after a lexicon change a plain `marsad process` updates what it affects. A document that fails is
    reported and skipped (exit code 2); the others are saved, each in its own transaction.

    \b
    Example:
      marsad process
      marsad process --all --progress
    """
    from marsad.pipeline import StageError, pipeline_version, run

    version = pipeline_version()
    err = err_console()
    store = open_store(ctx)
    ids = store.all_doc_ids() if redo_all else store.unprocessed(version)
    if limit is not None:
        ids = ids[:limit]
    done = failed = n_events = n_statements = 0
    t0 = time.perf_counter()
    show_bar = sys.stderr.isatty() if progress is None else progress

    def one(doc_id: str) -> None:
        nonlocal done, failed, n_events, n_statements
        doc = store.get_document(doc_id)
        if doc is None:
            return
        try:
            doc = run(doc)
        except StageError as exc:
            failed += 1
            err.print(f"[red]failed[/red] {doc_id[:12]} ({doc.source.path}): {exc}", highlight=False)
            return
        store.save_extraction(doc, version)
        done += 1
        n_events += len(doc.events)
        n_statements += len(doc.statements)

    try:
        if show_bar:
            from rich.progress import track

            for doc_id in track(ids, description="process", console=err, transient=True):
                one(doc_id)
        else:
            for doc_id in ids:
                one(doc_id)
    except KeyboardInterrupt:
        err.print(f"interrupted: {done} documents saved so far are kept")
        sys.exit(130)
    finally:
        store.close()
    secs = time.perf_counter() - t0
    err.print(f"processed {done} documents ({n_events} events, {n_statements} statements) in {secs:.1f} s; "
              f"{failed} failed; pipeline {version}", highlight=False)
    if failed:
        sys.exit(EXIT_PARTIAL)
