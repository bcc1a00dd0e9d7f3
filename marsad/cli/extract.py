"""``marsad extract`` (records as JSON Lines) and ``marsad evaluate`` (scores against gold files)."""

from __future__ import annotations

import json
import re
import sys

import click

from marsad.cli import main
from marsad.cli.common import EXIT_PARTIAL

_ARABIC = re.compile(r"[\u0621-\u064A]")


def has_arabic(text: str, minimum: float = 0.2) -> bool:
    """True when at least ``minimum`` of the letters are Arabic: an English or French page is skipped
    with a warning instead of being "extracted" into nonsense."""
    letters = sum(1 for ch in text if ch.isalpha())
    return bool(letters) and len(_ARABIC.findall(text)) / letters >= minimum


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True,
              help="Output format: one JSON record per document (../shared/eval/FORMAT.md).")
@click.option("--outlet", help="Outlet of every document (overrides metadata.csv).")
@click.option("--published", help="Publication date YYYY-MM-DD of every document (overrides metadata.csv); "
              "relative dates (أمس، الخميس) are resolved against it.")
def extract(paths: tuple[str, ...], fmt: str, outlet: str | None, published: str | None) -> None:
    """Extract actors, places, events and statements from PATHS and print one record per document.

    PATHS are files or folders in any format `marsad ingest` reads; a `metadata.csv` beside .txt files
    gives their outlet and publication date. A document with no Arabic yields an empty record and a
    warning on stderr; exit code 2 when any input was skipped.

    \b
    Example:
      marsad extract ../shared/eval/articles/ > records.jsonl
      marsad extract article.txt --outlet "Al Jazeera" --published 2020-06-11
    """
    from datetime import date

    from marsad.doc import Document
    from marsad.ingest import IngestError, read_paths
    from marsad.pipeline import StageError, run

    pub = None
    if published:
        try:
            pub = date.fromisoformat(published)
        except ValueError as exc:
            raise click.BadParameter(f"{published!r} is not a date YYYY-MM-DD", param_hint="--published") from exc
    problems = 0
    for item in read_paths(paths):
        if isinstance(item, IngestError):
            problems += 1
            click.echo(f"warning: {item}", err=True)
            continue
        doc: Document = item
        if outlet:
            doc.source.outlet = outlet
        if pub:
            doc.source.published = pub
        if not has_arabic(doc.text):
            problems += 1
            click.echo(f"warning: {doc.source.path or doc.doc_id}: no Arabic text; empty record", err=True)
            record = Document(text=doc.text, source=doc.source, doc_id=doc.doc_id).to_record()
        else:
            try:
                record = run(doc).to_record()
            except StageError as exc:
                problems += 1
                click.echo(f"error: {exc}", err=True)
                continue
        click.echo(json.dumps(record, ensure_ascii=False))
    if problems:
        sys.exit(EXIT_PARTIAL)


@main.command()
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.argument("articles_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON instead of a table.")
def evaluate(gold_dir: str, articles_dir: str, as_json: bool) -> None:
    """Extract every article of ARTICLES_DIR that has a gold file in GOLD_DIR and score it.

    Scoring follows ../shared/eval/FORMAT.md: actors (P/R/F1 on English names and aliases), places
    (one-to-one by name, else within 25 km; geocode accuracy), events (type + gold offset inside the
    predicted sentence; source/target/place/date accuracy), statements. Per file and micro-averaged.

    \b
    Example:
      marsad evaluate ../shared/eval/gold ../shared/eval/articles
    """
    from marsad.evaluate import evaluate_dirs, format_table

    per_file, total = evaluate_dirs(gold_dir, articles_dir)
    if as_json:
        click.echo(json.dumps({"files": {name: s.as_dict() for name, s in per_file}, "micro": total.as_dict()},
                              ensure_ascii=False, indent=2))
    else:
        click.echo(format_table(per_file, total))
