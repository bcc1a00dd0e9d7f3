"""``marsad ner-eval`` (score the name tagger on any BIO file) and ``marsad ner-tag`` (tag a text)."""

from __future__ import annotations

import json
import sys

import click

from marsad.cli import main


@main.command("ner-eval")
@click.argument("conll", type=click.Path(exists=True, dir_okay=False))
@click.option("--model", type=click.Path(exists=True, dir_okay=False), default=None,
              help="A .crfsuite model (default: the one shipped in marsad/models/).")
@click.option("--types", default=None, help="Score only these types, comma-separated (e.g. PER,ORG,LOC).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON instead of a table.")
def ner_eval(conll: str, model: str | None, types: str | None, as_json: bool) -> None:
    """Tag CONLL's own tokens and print CoNLL-2003 entity-level P/R/F1 per type and micro.

    CONLL has one "TOKEN TAG" per line (the tag in the last column; nested files with several tag columns
    are flattened), blank lines between sentences. Source types are mapped to ours: PERS->PER, GPE/FAC->LOC,
    MIS->MISC; unknown types are dropped.
    """
    from marsad.ner.conll import documents, format_table, read_conll, score
    from marsad.ner.features import tokens_from_words
    from marsad.ner.tagger import load_model

    sentences = read_conll(conll)
    ner = load_model(model)
    pred: list[list[str]] = []
    for doc in documents(sentences):
        pred += ner.tag_document([tokens_from_words(s.words) for s in doc])
    keep = [t.strip() for t in types.split(",") if t.strip()] if types else None
    scores = score([s.tags for s in sentences], pred, keep)
    if as_json:
        click.echo(json.dumps(scores.as_dict(), indent=1))
    else:
        click.echo(f"{conll}: {len(sentences)} sentences, {scores.tokens} tokens")
        click.echo(format_table(scores))


@main.command("ner-tag")
@click.argument("file", type=click.Path(exists=True, dir_okay=False), required=False)
@click.option("--model", type=click.Path(exists=True, dir_okay=False), default=None)
def ner_tag(file: str | None, model: str | None) -> None:
    """Print the names the tagger finds in FILE (or standard input): start, end, label, text."""
    from marsad.doc import Document, read_text
    from marsad.ner.tagger import find_entities
    from marsad.segment import segment

    text = read_text(file) if file else sys.stdin.read()
    doc = segment(Document(text=text))
    for start, end, label in find_entities(doc, model):
        click.echo(f"{start}\t{end}\t{label}\t{text[start:end]}")
