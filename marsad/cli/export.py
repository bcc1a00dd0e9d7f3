"""Commands over the merge, framing and export layers: ``export``, ``framing`` and ``stories``."""

from __future__ import annotations

import json
import sys

import click

from marsad.cli import main
from marsad.cli.common import console, open_store, rtl


def _filters(type_, actor, place, outlet, since, until, bbox):
    from marsad.cli.store import _date
    from marsad.store import EventFilters

    box = None
    if bbox:
        try:
            box = tuple(float(x) for x in bbox.split(","))
        except ValueError:
            raise click.BadParameter("bbox must be min_lon,min_lat,max_lon,max_lat", param_hint="--bbox") from None
        if len(box) != 4:
            raise click.BadParameter("bbox must be four numbers: min_lon,min_lat,max_lon,max_lat", param_hint="--bbox")
    return EventFilters(type=type_, actor=actor, place=place, outlet=outlet, since=_date(since), until=_date(until),
                        bbox=box)


def filter_options(fn):
    """The event filters shared by ``export`` and ``stories`` (the same as ``marsad events``)."""
    for opt in reversed((
        click.option("--type", "type_", help="PLOVER event type (e.g. ASSAULT)."),
        click.option("--actor", help="Actor id as source or target (e.g. lna)."),
        click.option("--place", help="Place id (e.g. ly-tripoli)."),
        click.option("--outlet", help="Only events reported by this outlet."),
        click.option("--since", help="From this date (event date, else publication date)."),
        click.option("--until", help="Up to this date, inclusive."),
        click.option("--bbox", help="min_lon,min_lat,max_lon,max_lat."),
    )):
        fn = opt(fn)
    return fn


@main.command("export")
@click.option("--format", "fmt", type=click.Choice(["acled", "plover", "geojson", "csv"]), required=True,
              help="acled: ACLED-style CSV; plover: PLOVER/POLECAT-style JSON; geojson; csv: every field.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default="-", show_default=True,
              help="File to write ('-' = standard output).")
@click.option("--merged", is_flag=True, help="One record per story event (merged reports) instead of per report.")
@filter_options
@click.pass_context
def export_cmd(ctx: click.Context, fmt: str, output: str, merged: bool, type_, actor, place, outlet, since, until,
               bbox) -> None:
    """Export stored events in a format other tools read (columns: docs/exports.md).

    \b
    Example:
      marsad export --format acled --merged -o libya.csv
      marsad export --format geojson --type ASSAULT --since 2019-04-01 -o strikes.geojson
    """
    from marsad.export import export

    f = _filters(type_, actor, place, outlet, since, until, bbox)
    with open_store(ctx) as store:
        if output == "-":
            _, n = export(store, fmt, f, merged=merged, fh=sys.stdout)
        else:
            with open(output, "w", encoding="utf-8", newline="") as fh:
                _, n = export(store, fmt, f, merged=merged, fh=fh)
    click.echo(f"{n} {'story events' if merged else 'events'} written"
               + (f" to {output}" if output != "-" else ""), err=True)


@main.command()
@click.option("--outlet", help="Only this outlet (exactly as stored).")
@click.option("--actor", help="Only this actor id (e.g. lna).")
@click.option("--evidence", is_flag=True, help="Print the spans behind every count.")
@click.option("--json", "as_json", is_flag=True, help="Print the table as JSON (with evidence).")
@click.pass_context
def framing(ctx: click.Context, outlet: str | None, actor: str | None, evidence: bool, as_json: bool) -> None:
    """How each outlet labels each actor: label forms, counts and stance (data/stance_ar.yaml).

    Score: mean of the labels' scores, -2 hostile … +2 legitimizing (docs/framing.md).

    \b
    Example:
      marsad framing --actor lna
      marsad framing --outlet "منبر برقة" --evidence
    """
    from rich.table import Table

    from marsad.framing import framing_table

    with open_store(ctx) as store:
        rows = framing_table(store.list_labels(actor=actor, outlet=outlet))
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("no labels (process documents first: marsad process)", err=True)
        return
    table = Table(caption="score: -2 hostile, -1 negative, 0 neutral, +1 positive, +2 legitimizing")
    for col, kw in (("outlet", {}), ("actor", {}), ("labels", {"justify": "right"}),
                    ("score", {"justify": "right"}), ("label forms (count, stance)", {})):
        table.add_column(col, **kw)
    for r in rows:
        forms = "\n".join(f"{f['count']:>3}  {rtl(f['form'])}  ({f['stance']})" for f in r["forms"])
        table.add_row(rtl(r["outlet"]), r["actor"], str(r["labels"]), f"{r['score']:+.2f}", forms)
    con = console()
    con.print(table)
    if evidence:
        for r in rows:
            for f in r["forms"]:
                spans = ", ".join(f"{e['doc_id'][:10]}[{e['span'][0]}:{e['span'][1]}]" for e in f["evidence"])
                con.print(f"{rtl(r['outlet'])} · {r['actor']} · {rtl(f['form'])}: {spans}")


def print_stories(ctx: click.Context, f, sort: str, limit: int, offset: int, as_json: bool) -> None:
    """``marsad events --merged``: story events (refreshed first), newest first by default."""
    from rich.table import Table

    from marsad.merge import count_stories, refresh, stories

    key = sort.lstrip("-")
    if key not in ("date", "published", "type", "sources"):
        raise click.ClickException(f"unknown sort {sort!r} for --merged (date, published, type, sources)")
    with open_store(ctx) as store:
        refresh(store)
        rows = stories(store, f, limit=limit, offset=offset, sort=sort)
        total = count_stories(store, f)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    if not rows:
        click.echo("no story event matches", err=True)
        return
    table = Table(caption=f"{len(rows)} of {total} story events")
    for col in ("date", "type", "source", "target", "place", "sources", "outlets", "disagree", "story"):
        table.add_column(col, justify="right" if col == "sources" else "left")
    for r in rows:
        table.add_row(r["date"] or (f"~{r['first_published']}" if r.get("first_published") else ""), r["type"],
                      rtl(r.get("source_name_ar") or r.get("source") or ""),
                      rtl(r.get("target_name_ar") or r.get("target") or ""),
                      rtl(r.get("place_name_ar") or r.get("place") or ""), str(r["sources"]),
                      rtl("، ".join(r["outlets"])), ", ".join(r["agreement"]["disagreements"]), str(r["story_id"]))
    console().print(table)


@main.command("story")
@click.argument("story_id", type=int)
@click.pass_context
def story_cmd(ctx: click.Context, story_id: int) -> None:
    """Show one story event with all its reports (JSON).

    \b
    Example:
      marsad story 12
    """
    from marsad.merge import refresh, story

    with open_store(ctx) as store:
        refresh(store)
        s = story(store, story_id)
    if s is None:
        raise click.ClickException(f"no story event {story_id}")
    click.echo(json.dumps(s, ensure_ascii=False, indent=2, default=str))
