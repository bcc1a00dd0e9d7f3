"""``marsad ingest``: read files and folders into the store."""

from __future__ import annotations

import sys

import click

from marsad.cli import main
from marsad.cli.common import EXIT_PARTIAL, err_console, open_store


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar (default: on when stderr is a terminal).")
@click.option("-q", "--quiet", is_flag=True, help="Only problems and the summary, no duplicate lines.")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], progress: bool | None, quiet: bool) -> None:
    """Read articles from PATHS (files or folders, recursively) into the store.

    Formats by extension: .txt (with metadata.csv beside it: file,outlet,published,url), .csv (a
    'text' column; title,outlet,published,url optional), .jsonl (one object per line, same keys), .json
    (an array of such objects), .html/.htm (a saved page), .xml/.rss/.atom (a feed).

    Exact and near duplicates are reported and not stored; re-ingesting the same input adds nothing.
    Each bad input (empty, binary, not UTF-8, no text column, broken JSON line, page with no article,
    unknown date format) gets one message naming the file and line; the rest is ingested, and the exit
    code is 2 when anything was skipped or a field dropped.

    \b
    Example:
      marsad ingest samples/
      marsad --db news.db ingest feeds/ archive.csv --progress
    """
    from marsad.ingest import IngestError, iter_files, read_file
    from marsad.store import ADDED, DUPLICATE, NEAR_DUPLICATE, SEEN

    store = open_store(ctx)
    err = err_console()
    items = list(iter_files(paths))
    files = [p for p in items if not isinstance(p, IngestError)]
    problems = [p for p in items if isinstance(p, IngestError)]
    for p in problems:
        err.print(f"[red]skipped[/red] {p}", markup=True, highlight=False)
    counts = {ADDED: 0, SEEN: 0, DUPLICATE: 0, NEAR_DUPLICATE: 0}
    skipped, warnings = len(problems), 0
    show_bar = sys.stderr.isatty() if progress is None else progress
    sidecars: dict = {}

    def handle(item) -> None:
        nonlocal skipped, warnings
        if isinstance(item, IngestError):
            if item.skipped:
                skipped += 1
            else:
                warnings += 1
            tag = "[red]skipped[/red]" if item.skipped else "[yellow]warning[/yellow]"
            err.print(f"{tag} {_esc(str(item))}", markup=True, highlight=False)
            return
        res = store.add_document(item)
        counts[res.status] += 1
        if not quiet and res.status in (DUPLICATE, NEAR_DUPLICATE):
            sim = f" (similarity {res.similarity:.2f})" if res.status == NEAR_DUPLICATE else ""
            err.print(f"[cyan]{res.status}[/cyan] {_esc(item.source.path or '')} of {res.original[:12]}{sim}; "
                      "not stored", markup=True, highlight=False)

    try:
        if show_bar:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            with Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("files"),
                          TimeElapsedColumn(), TextColumn("{task.description}"), console=err,
                          transient=True) as bar:
                task = bar.add_task("", total=len(files))
                for path in files:
                    for item in read_file(path, sidecars):
                        handle(item)
                        bar.update(task, description=f"{counts[ADDED]} added")
                    bar.advance(task)
        else:
            for path in files:
                for item in read_file(path, sidecars):
                    handle(item)
    except KeyboardInterrupt:
        err.print(f"interrupted: {counts[ADDED]} documents stored so far are kept (each is complete)")
        sys.exit(130)
    finally:
        store.close()
    err.print(f"{len(files)} files: {counts[ADDED]} added, {counts[SEEN]} already stored, "
              f"{counts[DUPLICATE]} exact and {counts[NEAR_DUPLICATE]} near duplicates not stored, "
              f"{skipped} skipped, {warnings} warnings", highlight=False)
    if skipped or warnings:
        sys.exit(EXIT_PARTIAL)


def _esc(s: str) -> str:
    from rich.markup import escape

    return escape(s)
