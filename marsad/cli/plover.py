"""``marsad evaluate-plover DIR``: sentence-level ASSAULT/PROTEST detection on the OEDA Arabic GSR."""

from __future__ import annotations

import json
from pathlib import Path

import click

from marsad.cli import main


@main.command("evaluate-plover")
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@click.option("--limit", type=int, default=None, help="Score only the first N sentences of each file.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def evaluate_plover(directory: str, limit: int | None, as_json: bool) -> None:
    """Score PLOVER detection and source/target attribution on DIRECTORY (*_gsr.csv, *_spans.json)."""
    from marsad.evaluate_plover import evaluate_gsr

    if not any(Path(directory).glob("*_gsr.csv")):
        raise click.UsageError(f"no *_gsr.csv in {directory}")
    reports = [r.as_dict() for r in evaluate_gsr(directory, limit=limit)]
    if as_json:
        click.echo(json.dumps(reports, ensure_ascii=False, indent=2))
        return
    for r in reports:
        click.echo(f"{r['type']}: {r['sentences']} sentences (ambiguous left out)")
        for key, title in (("yes_vs_easy_no", "yes vs easy no"), ("yes_vs_all_no", "yes vs all no")):
            d = r[key]
            click.echo(f"  {title:15} P={d['precision']:.3f} R={d['recall']:.3f} F1={d['f1']:.3f} "
                       f"(tp={d['tp']} fp={d['fp']} fn={d['fn']})")
        for role in ("source", "target"):
            a = r[role]
            acc = "n/a" if a["accuracy"] is None else f"{a['accuracy']:.3f}"
            click.echo(f"  {role:15} accuracy={acc} over {a['gold_spans']} gold spans "
                       f"({a['predicted']} attributed, {a['correct']} right)")
