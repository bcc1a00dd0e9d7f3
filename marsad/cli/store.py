"""Commands that read the store: ``search``, ``stats``, ``show``, ``events``."""

from __future__ import annotations

import json
from datetime import date

import click

from marsad.cli import main
from marsad.cli.common import console, open_store, rtl, visual_bidi


def _print_json(obj) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


@main.command()
@click.argument("query")
@click.option("--limit", default=20, show_default=True, help="Most results to show.")
@click.option("--offset", default=0, help="Skip this many results (paging).")
@click.option("--outlet", help="Only documents of this outlet.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
def search(ctx: click.Context, query: str, limit: int, offset: int, outlet: str | None, as_json: bool) -> None:
    """Full-text search over the normalized text of stored documents.

    Spelling variants meet: hamza/alef forms, ya/alef maqsura, ta marbuta/ha, diacritics, tatweel and
    Arabic-Indic digits are ignored, and prefixes (و ف ب ل ك and the article) are stripped, so
    "حفتر" finds "لحفتر" and "الأمم المتحدة" finds "الامم المتحده". All words must occur.

    \b
    Example:
      marsad search "حفتر"
      marsad search "الأمم المتحدة" --outlet "Al Jazeera"
    """
    with open_store(ctx) as store:
        rows = store.search(query, limit=limit, offset=offset, outlet=outlet)
    if as_json:
        _print_json(rows)
        return
    if not rows:
        click.echo("no document matches", err=True)
        return
    con = console()
    for r in rows:
        head = f"[bold]{r['doc_id'][:12]}[/bold]  {r['published'] or '----------'}  {_esc(rtl(r['outlet'] or ''))}"
        if r["title"]:
            head += f"  {_esc(rtl(r['title']))}"
        con.print(head)
        line = rtl(_mark(r["snippet"], r["match"]))
        if visual_bidi():  # reordered text is read right to left: mirror the brackets as bidi would
            line = line.translate(_MIRROR)
        con.print("    " + _esc(line))


_MIRROR = str.maketrans("⟦⟧", "⟧⟦")


def _mark(text: str, match: list[int] | None) -> str:
    """Put ⟦ ⟧ around the matched word (kept as plain characters so bidi reordering stays correct)."""
    if not match:
        return text
    s, e = match
    return f"{text[:s]}⟦{text[s:e]}⟧{text[e:]}"


def _esc(s: str) -> str:
    from rich.markup import escape

    return escape(s)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
@click.pass_context
def stats(ctx: click.Context, as_json: bool) -> None:
    """Documents per outlet and month, duplicates dropped, and extraction totals.

    \b
    Example:
      marsad stats
    """
    from rich.table import Table

    with open_store(ctx) as store:
        st = store.stats()
    if as_json:
        _print_json(st)
        return
    con = console()
    outlets: dict[str, dict[str, int]] = {}
    for r in st["by_outlet_month"]:
        outlets.setdefault(r["outlet"] or "(no outlet)", {})[r["month"] or "no date"] = r["documents"]
    table = Table(title="documents per outlet and month")
    table.add_column("outlet")
    table.add_column("total", justify="right", style="bold")
    table.add_column("per month")
    for outlet, per in sorted(outlets.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])):
        months = "  ".join(f"{m} {n}" for m, n in sorted(per.items()))
        table.add_row(rtl(outlet), str(sum(per.values())), months)
    con.print(table)
    d = st["duplicates"]
    con.print(f"{st['documents']} documents; duplicates dropped: {d['exact']} exact, {d['near']} near")
    con.print(f"processed: {st['processed']} documents; {st['events']} events, {st['statements']} statements, "
              f"{st['actors']} actors, {st['places']} places")


@main.command()
@click.argument("doc_id")
@click.option("--record", is_flag=True, help="Print the saved extraction record (JSON) instead.")
@click.pass_context
def show(ctx: click.Context, doc_id: str, record: bool) -> None:
    """Show a stored document with its sentences numbered (DOC_ID may be a unique prefix).

    Each sentence line starts with its number and its [start:end) character offsets in the text, the
    offsets every extraction refers to.

    \b
    Example:
      marsad show 3f2a9c
      marsad show 3f2a9c --record
    """
    from marsad.segment import segment

    with open_store(ctx) as store:
        full = store.resolve_id(doc_id)
        if full is None:
            raise click.ClickException(f"no stored document with id (or unique id prefix) {doc_id!r}")
        if record:
            rec = store.record(full)
            if rec is None:
                raise click.ClickException(f"{full} has not been processed yet; run: marsad process")
            _print_json(rec)
            return
        doc = store.get_document(full)
    assert doc is not None
    src = doc.source
    con = console()
    con.print(f"[bold]{doc.doc_id}[/bold]")
    for label, value in (("outlet", src.outlet), ("published", src.published), ("title", src.title),
                         ("url", src.url), ("path", src.path)):
        if value:
            con.print(f"{label:>9}: {_esc(rtl(str(value)))}")
    con.print()
    segment(doc)
    width = len(str(len(doc.sentences)))
    for i, s in enumerate(doc.sentences, start=1):
        text = doc.text[s.start:s.end].replace("\n", " ")
        con.print(f"[bold]{i:>{width}}[/bold] [dim]\\[{s.start}:{s.end})[/dim] {_esc(rtl(text))}")


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    from marsad.ingest import parse_date

    try:
        return parse_date(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


@main.command()
@click.option("--type", "type_", help="PLOVER event type (e.g. ASSAULT).")
@click.option("--actor", help="Actor id as source or target (e.g. lna).")
@click.option("--place", help="Place id (e.g. ly-tripoli).")
@click.option("--outlet", help="Only events reported by this outlet.")
@click.option("--since", help="From this date (event date, else publication date), e.g. 2019-04-01.")
@click.option("--until", help="Up to this date, inclusive.")
@click.option("--sort", default="-date", show_default=True,
              help="date, published, confidence or type; a leading '-' sorts descending.")
@click.option("--limit", default=50, show_default=True, help="Most events to show.")
@click.option("--offset", default=0, help="Skip this many events (paging).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON rows instead of a table.")
@click.option("--merged", is_flag=True, help="Story events: reports of one event by several outlets merged.")
@click.pass_context
def events(ctx: click.Context, type_: str | None, actor: str | None, place: str | None, outlet: str | None,
           since: str | None, until: str | None, sort: str, limit: int, offset: int, as_json: bool,
           merged: bool = False) -> None:
    """List stored events: date, type, source -> target, place, outlet and the trigger word.

    Arabic is shown right to left (set MARSAD_BIDI=off if your terminal already does bidi, on to force).

    \b
    Example:
      marsad events --type ASSAULT --place ly-tripoli --since 2019-04-01 --until 2019-06-30
    """
    from rich.table import Table

    from marsad.store import EventFilters, StoreError

    f = EventFilters(type=type_, actor=actor, place=place, outlet=outlet, since=_date(since), until=_date(until))
    if merged:  # the merge layer's view (marsad/cli/export.py)
        from marsad.cli.export import print_stories

        return print_stories(ctx, f, sort, limit, offset, as_json)
    with open_store(ctx) as store:
        try:
            rows = store.list_events(f, limit=limit, offset=offset, sort=sort)
        except StoreError as exc:
            raise click.ClickException(str(exc)) from exc
        total = store.count_events(f)
    if as_json:
        _print_json(rows)
        return
    if not rows:
        click.echo("no event matches", err=True)
        return
    table = Table(caption=f"{len(rows)} of {total} events")
    for col, kw in (("date", {}), ("type", {}), ("source", {}), ("target", {}), ("place", {}),
                    ("outlet", {}), ("trigger", {}), ("conf", {"justify": "right"}), ("event", {"style": "dim"})):
        table.add_column(col, **kw)
    for r in rows:
        flags = ("¬" if r["negated"] else "") + ("?" if r["hypothetical"] else "")
        table.add_row(
            r["date"] or (f"~{r['published']}" if r["published"] else ""),
            (r["type"] or "") + (f" {flags}" if flags else ""),
            rtl(_name(r["source_name_ar"], r["source"])),
            rtl(_name(r["target_name_ar"], r["target"])),
            rtl(_name(r["place_name_ar"], r["place"])),
            rtl(r["outlet"] or ""),
            rtl(r["trigger_text"] or ""),
            f"{r['confidence']:.2f}",
            r["event_id"][:12] + r["event_id"][40:],
        )
    console().print(table)


def _name(name_ar: str | None, ident: str | None) -> str:
    return name_ar or ident or ""
