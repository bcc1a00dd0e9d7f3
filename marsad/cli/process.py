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
@click.option("--dask", "dask_address", metavar="ADDRESS",
              help="Run the pipeline on the workers of this Dask scheduler (e.g. tcp://10.0.0.5:8786); "
                   "results are saved here. Needs marsad[scale]; see docs/scale.md.")
@click.option("--workers", type=click.IntRange(min=1), metavar="N",
              help="Run the pipeline on a local Dask cluster of N worker processes. Needs marsad[scale].")
@click.pass_context
def process(ctx: click.Context, redo_all: bool, limit: int | None, progress: bool | None,
            dask_address: str | None, workers: int | None) -> None:
    """Run the extraction pipeline over stored documents and save actors, places, events, statements.

    Only documents not yet processed by the current pipeline (code and data files) are processed, so
    after a lexicon change a plain `marsad process` updates what it affects. A document that fails is
    reported and skipped (exit code 2); the others are saved, each in its own transaction.

    With --workers N or --dask ADDRESS the documents are processed in parallel by Dask workers and
    saved by this process as they come back (docs/scale.md).

    \b
    Example:
      marsad process
      marsad process --all --progress
      marsad process --workers 2
      marsad process --dask tcp://10.0.0.5:8786
    """
    from marsad.merge import refresh
    from marsad.pipeline import StageError, pipeline_version, run

    if dask_address and workers:
        raise click.UsageError("give --dask ADDRESS or --workers N, not both")
    version = pipeline_version()
    err = err_console()
    store = open_store(ctx)
    try:
        client = _dask_client(dask_address, workers) if dask_address or workers else None
    except click.ClickException:
        store.close()
        raise
    ids = store.all_doc_ids() if redo_all else store.unprocessed(version)
    if limit is not None:
        ids = ids[:limit]
    done = failed = n_events = n_statements = 0
    t0 = time.perf_counter()
    show_bar = sys.stderr.isatty() if progress is None else progress

    def report_failure(doc_id: str, path: str | None, message: str) -> None:
        nonlocal failed
        failed += 1
        err.print(f"[red]failed[/red] {doc_id[:12]} ({path}): {message}", highlight=False)

    def saved(doc) -> None:
        nonlocal done, n_events, n_statements
        done += 1
        n_events += len(doc.events)
        n_statements += len(doc.statements)

    def one(doc_id: str) -> None:
        doc = store.get_document(doc_id)
        if doc is None:
            return
        try:
            doc = run(doc)
        except StageError as exc:
            report_failure(doc_id, doc.source.path, str(exc))
            return
        store.save_extraction(doc, version)
        saved(doc)

    try:
        if client is not None:
            _on_cluster(store, ids, client, version, show_bar, err, saved, report_failure)
        elif show_bar:
            from rich.progress import track

            for doc_id in track(ids, description="process", console=err, transient=True):
                one(doc_id)
        else:
            for doc_id in ids:
                one(doc_id)
        # link the new events into story events now, while this process writes, so the API and
        # "events --merged" find them up to date and only read
        merged = refresh(store) if done else None
    except KeyboardInterrupt:
        err.print(f"interrupted: {done} documents saved so far are kept")
        sys.exit(130)
    finally:
        store.close()
        if client is not None:
            from marsad.scale import close

            close(client)
    secs = time.perf_counter() - t0
    err.print(f"processed {done} documents ({n_events} events, {n_statements} statements) in {secs:.1f} s; "
              f"{failed} failed; pipeline {version}", highlight=False)
    if merged is not None:
        err.print(f"story events: {merged.stories} ({merged.created} new, {merged.updated} updated) from "
                  f"{merged.reports} reports", highlight=False)
    if failed:
        sys.exit(EXIT_PARTIAL)


def _dask_client(address: str | None, workers: int | None):
    """A Dask client on ``address`` or on a new local cluster, as a clean CLI error if it fails."""
    from marsad.scale import ScaleError, connect, local_cluster

    try:
        return connect(address) if address else local_cluster(workers)
    except ScaleError as exc:
        raise click.ClickException(str(exc)) from exc


def _on_cluster(store, ids, client, version, show_bar, err, saved, report_failure) -> None:
    """:func:`marsad.scale.process_on_cluster` with the same progress bar, counters and failure lines as
    the serial path; a worker on another pipeline version is a clean CLI error (what was saved is kept)."""
    from marsad.scale import ScaleError, process_on_cluster

    bar = task = None
    if show_bar:
        from rich.progress import Progress

        bar = Progress(console=err, transient=True)
        task = bar.add_task("process", total=len(ids))
        bar.start()

    def done(doc) -> None:
        saved(doc)
        if bar is not None:
            bar.advance(task)

    def failed(doc_id: str, path: str | None, message: str) -> None:
        report_failure(doc_id, path, message)
        if bar is not None:
            bar.advance(task)

    try:
        process_on_cluster(store, ids, client, version, on_done=done, on_failed=failed)
    except ScaleError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        if bar is not None:
            bar.stop()
