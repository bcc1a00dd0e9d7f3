"""Read BIO (CoNLL) files and score entity-level predictions the CoNLL-2003 way.

Two layouts are read:

* one token per line, the tag in the **last** column (``word O``, or CoNLL-2003 ``word POS chunk NER``);
* nested files (Wojood): ``word TAG1 TAG2 ...`` where *every* column after the word is a BIO tag, outer
  layers first. Nested layers are flattened: every layer's spans are collected, types are mapped to ours,
  and the outermost span of a kept type wins (an OCC "سكرتير اللجنة القومية في نابلس" is dropped, so the
  ORG and the GPE inside it surface; an ORG containing a PERS stays one ORG).

Blank lines separate sentences; ``-DOCSTART-`` lines and Wojood's ``$#$`` separators are skipped.

Scoring follows ``conlleval``: an entity is a maximal run starting with ``B-X`` (or an ``I-X`` that does
not continue an ``X``), and it counts as correct only if its start, end and type all match the gold one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from marsad.data import DataError
from marsad.segment import tokenize

# Source-corpus types mapped to ours (PER / ORG / LOC / MISC); a type absent here becomes O.
LABEL_MAP: dict[str, str] = {
    "PER": "PER", "PERS": "PER", "PERSON": "PER",
    "ORG": "ORG", "ORGANIZATION": "ORG",
    "LOC": "LOC", "GPE": "LOC", "FAC": "LOC", "LOCATION": "LOC",
    "MIS": "MISC", "MISC": "MISC",
}
SKIP_TOKENS = {"-DOCSTART-", "$#$"}

Entity = tuple[int, int, str]  # token start, token end (exclusive), type


@dataclass(slots=True)
class Sentence:
    """One sentence of a CoNLL file: its words and flat BIO tags (already mapped to our types)."""

    words: list[str]
    tags: list[str]
    doc: int = 0  # index of the document (``-DOCSTART-`` lines separate documents)


def documents(sentences: Sequence[Sentence], max_sentences: int = 30) -> list[list[Sentence]]:
    """Group sentences into documents for document-level features: by ``-DOCSTART-`` where the file has
    it, and in runs of at most ``max_sentences`` consecutive sentences (about one news article; corpora
    like AQMAR keep an article's sentences together but do not mark where it ends)."""
    docs: list[list[Sentence]] = []
    for s in sentences:
        if not docs or docs[-1][-1].doc != s.doc or len(docs[-1]) >= max_sentences:
            docs.append([])
        docs[-1].append(s)
    return docs


def _is_tag(col: str) -> bool:
    return col == "O" or (len(col) > 2 and col[:2] in ("B-", "I-", "E-", "S-"))


def layer_spans(tags: Sequence[str]) -> list[Entity]:
    """Entity spans of one BIO tag sequence, conlleval style (a stray ``I-X`` opens an entity)."""
    spans: list[Entity] = []
    start, kind = -1, ""
    for i, tag in enumerate(list(tags) + ["O"]):
        prefix, _, typ = tag.partition("-")
        continues = prefix in ("I", "E") and typ == kind and start >= 0
        if start >= 0 and not continues:
            spans.append((start, i, kind))
            start, kind = -1, ""
        if prefix in ("B", "S") or (prefix in ("I", "E") and not continues):
            start, kind = i, typ
        if prefix in ("E", "S") and start >= 0:
            spans.append((start, i + 1, kind))
            start, kind = -1, ""
    return spans


def to_tags(n: int, entities: Iterable[Entity]) -> list[str]:
    """BIO tags of length ``n`` for non-overlapping entities."""
    tags = ["O"] * n
    for s, e, t in entities:
        tags[s] = f"B-{t}"
        for i in range(s + 1, e):
            tags[i] = f"I-{t}"
    return tags


def _by_type(layers: Sequence[Sequence[str]]) -> list[list[str]]:
    """Re-slice nested columns into one tag sequence per type.

    Column positions are not reliable in nested files (an entity's inner tag may sit in the first column
    on one token and the second on the next), so each type is followed across all columns; when a token
    carries both ``I-X`` and ``B-X`` (an X nested in an X) the outer ``I-X`` is kept.
    """
    if len(layers) == 1:
        return [list(layers[0])]
    n = len(layers[0])
    per_token = [{layer[i] for layer in layers} - {"O"} for i in range(n)]
    types = {tag[2:] for tags in per_token for tag in tags}
    out = []
    for t in sorted(types):
        seq = []
        for i, tags in enumerate(per_token):
            if f"I-{t}" in tags and i and seq[i - 1] != "O":
                seq.append(f"I-{t}")
            elif f"B-{t}" in tags or f"I-{t}" in tags:
                seq.append(f"B-{t}" if f"B-{t}" in tags else f"I-{t}")
            else:
                seq.append("O")
        out.append(seq)
    return out


def flatten(layers: Sequence[Sequence[str]], label_map: dict[str, str] | None = None) -> list[str]:
    """Flatten nested BIO layers (one tag sequence per column) into one BIO sequence of our types.

    Spans of unmapped types are dropped first, then the longest (outermost) span wins on overlap.
    """
    label_map = LABEL_MAP if label_map is None else label_map
    n = len(layers[0]) if layers else 0
    spans = {(s, e, label_map[t]) for layer in _by_type(layers) for s, e, t in layer_spans(layer)
             if t in label_map}
    kept: list[Entity] = []
    taken = [False] * n
    for s, e, t in sorted(spans, key=lambda x: (x[0] - x[1], x[0], x[2])):
        if not any(taken[s:e]):
            kept.append((s, e, t))
            for i in range(s, e):
                taken[i] = True
    return to_tags(n, sorted(kept))


SENTENCE_END = frozenset({".", "!", "?", "؟", "…", "..."})
LONG_SENTENCE = 500  # tokens; a longer "sentence" (AQMAR's longest is 290) is a file without blank lines


def sentence_bounds(words: Sequence[str], tags: Sequence[str]) -> list[tuple[int, int]]:
    """Sentence spans of one blank-line-delimited block: the block itself, unless it is longer than
    :data:`LONG_SENTENCE` tokens, which means a corpus written without blank lines between sentences
    (some releases of news NER corpora); it is then cut after sentence-final punctuation (never inside an
    entity), as the tagger was trained on sentences and reads their first and last words as such."""
    if len(words) <= LONG_SENTENCE:
        return [(0, len(words))]
    bounds, start = [], 0
    for i, w in enumerate(words[:-1]):
        if w in SENTENCE_END and not tags[i + 1].startswith(("I-", "E-")):
            bounds.append((start, i + 1))
            start = i + 1
    bounds.append((start, len(words)))
    return bounds


def read_conll(path: str | Path, label_map: dict[str, str] | None = None) -> list[Sentence]:
    """Read a BIO file (flat or nested, see the module doc) into sentences with tags of our types."""
    path = Path(path)
    sentences: list[Sentence] = []
    words: list[str] = []
    rows: list[list[str]] = []
    doc = 0

    def close() -> None:
        if words:
            width = max(len(r) for r in rows)
            layers = [[r[k] if k < len(r) else "O" for r in rows] for k in range(width)]
            tags = flatten(layers, label_map)
            for a, b in sentence_bounds(words, tags):
                sentences.append(Sentence(words[a:b], tags[a:b], doc))
        words.clear()
        rows.clear()

    with open(path, encoding="utf-8-sig") as fh:
        for lineno, line in enumerate(fh, 1):
            cols = line.split()
            if not cols:
                close()
                continue
            if cols[0] in SKIP_TOKENS:
                if cols[0] == "-DOCSTART-":
                    close()
                    doc += 1
                continue
            if len(cols) < 2:
                raise DataError(f"{path}:{lineno}: expected 'token TAG', got {line.rstrip()!r}")
            tag_cols = cols[1:] if all(_is_tag(c) for c in cols[1:]) else [cols[-1]]
            if not _is_tag(tag_cols[-1]):
                raise DataError(f"{path}:{lineno}: {tag_cols[-1]!r} is not a BIO tag")
            words.append(cols[0])
            rows.append(tag_cols)
    close()
    return sentences


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class Scores:
    """Entity-level counts per type and their micro sum."""

    per_type: dict[str, Counts] = field(default_factory=dict)
    micro: Counts = field(default_factory=Counts)
    tokens: int = 0

    def as_dict(self) -> dict:
        def row(c: Counts) -> dict:
            return {"tp": c.tp, "fp": c.fp, "fn": c.fn, "precision": round(c.precision, 4),
                    "recall": round(c.recall, 4), "f1": round(c.f1, 4)}
        return {"micro": row(self.micro), "per_type": {t: row(c) for t, c in sorted(self.per_type.items())},
                "tokens": self.tokens}


def score(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]],
          types: Iterable[str] | None = None) -> Scores:
    """CoNLL-2003 entity-level scores of predicted against gold tag sequences.

    ``types`` restricts scoring to those entity types (others are ignored on both sides), e.g. to score
    PER/ORG/LOC on a corpus whose MISC differs from ours.
    """
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold sentences but {len(pred)} predicted")
    keep = set(types) if types is not None else None
    out = Scores()
    for g_tags, p_tags in zip(gold, pred, strict=True):
        if len(g_tags) != len(p_tags):
            raise ValueError(f"sentence of {len(g_tags)} tokens tagged with {len(p_tags)} tags")
        out.tokens += len(g_tags)
        g = {s for s in layer_spans(g_tags) if keep is None or s[2] in keep}
        p = {s for s in layer_spans(p_tags) if keep is None or s[2] in keep}
        for s in g | p:
            c = out.per_type.setdefault(s[2], Counts())
            if s in g and s in p:
                c.tp += 1
            elif s in p:
                c.fp += 1
            else:
                c.fn += 1
    for c in out.per_type.values():
        out.micro.tp += c.tp
        out.micro.fp += c.fp
        out.micro.fn += c.fn
    return out


def format_table(scores: Scores) -> str:
    """A plain-text table: one row per type, then the micro average."""
    lines = [f"{'type':<8}{'gold':>7}{'pred':>7}{'tp':>7}{'P':>8}{'R':>8}{'F1':>8}"]

    def row(name: str, c: Counts) -> str:
        return (f"{name:<8}{c.tp + c.fn:>7}{c.tp + c.fp:>7}{c.tp:>7}"
                f"{c.precision:>8.4f}{c.recall:>8.4f}{c.f1:>8.4f}")

    lines += [row(t, c) for t, c in sorted(scores.per_type.items())]
    lines.append(row("micro", scores.micro))
    return "\n".join(lines)


TYPES = ("PER", "ORG", "LOC", "MISC")


def parse_bracketed(line: str, where: str = "") -> Sentence:
    """One sentence written with inline entity marks, ``قال [PER خليفة حفتر] إن …``, as a :class:`Sentence`.

    The text is tokenized by :func:`marsad.segment.tokenize`, so the words are exactly the tokens marsad
    sees at run time. A mark may open after a clitic (``و[LOC دمشق]``): every token the mark overlaps is
    labelled, so the whole token ``ودمشق`` is the entity, as in the CoNLL corpora. ``where`` (file:line)
    names the place of a malformed mark in the error.
    """
    plain: list[str] = []
    spans: list[tuple[int, int, str]] = []
    pos = 0
    open_at: tuple[int, str] | None = None
    i = 0
    while i < len(line):
        ch = line[i]
        if ch == "[":
            if open_at is not None:
                raise DataError(f"{where}: nested '[' at column {i + 1}")
            typ, sep, _ = line[i + 1:].partition(" ")
            if not sep or typ not in TYPES:
                raise DataError(f"{where}: '[' at column {i + 1} must be followed by one of "
                                f"{', '.join(TYPES)} and a space")
            open_at = (pos, typ)
            i += len(typ) + 2
            continue
        if ch == "]":
            if open_at is None:
                raise DataError(f"{where}: ']' at column {i + 1} closes nothing")
            spans.append((open_at[0], pos, open_at[1]))
            open_at = None
        else:
            plain.append(ch)
            pos += 1
        i += 1
    if open_at is not None:
        raise DataError(f"{where}: '[' left open")
    text = "".join(plain)
    tokens = tokenize(text)
    tags = ["O"] * len(tokens)
    for start, end, typ in spans:
        inside = [k for k, t in enumerate(tokens) if t.start < end and t.end > start]
        if not inside:
            raise DataError(f"{where}: empty entity [{typ} ]")
        if any(tags[k] != "O" for k in inside):
            raise DataError(f"{where}: entity {text[start:end]!r} overlaps another one")
        tags[inside[0]] = "B-" + typ
        for k in inside[1:]:
            tags[k] = "I-" + typ
    return Sentence([t.text for t in tokens], tags)


def read_bracketed(path: str | Path) -> list[Sentence]:
    """A file of sentences in inline-mark form (:func:`parse_bracketed`), one per line; a blank line ends a
    document (a paragraph on one subject), ``#`` starts a comment line."""
    path = Path(path)
    sentences: list[Sentence] = []
    doc = 0
    with open(path, encoding="utf-8-sig") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                doc += 1
                continue
            if line.startswith("#"):
                continue
            s = parse_bracketed(line, f"{path}:{lineno}")
            s.doc = doc
            sentences.append(s)
    return sentences
