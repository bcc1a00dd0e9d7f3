"""The outlet × actor framing table, from stored label rows (``Store.list_labels``) or documents.

One row per (outlet, actor): how many labels, the mean score (-2..+2), how many labels of each stance,
and the label forms the outlet uses, each with its count, stance and the evidence behind every count
(document id and span), so any figure can be checked against the text.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from marsad.doc import Document
from marsad.framing.extract import form_key, label_form
from marsad.framing.lexicon import SCORES, STANCES
from marsad.segment import tokenize


def form_of(text: str) -> str:
    """The display form of a label text (first word without its conjunction/preposition clitics)."""
    toks = tokenize(text)
    if not toks:
        return text
    return label_form(text, toks[0])


def label_rows(docs: Iterable[Document]) -> list[dict]:
    """Label rows shaped like ``Store.list_labels`` from processed documents (no store needed)."""
    rows = []
    for d in docs:
        for lb in d.labels:
            rows.append({"doc_id": d.doc_id, "outlet": d.source.outlet, "actor": lb.actor, "text": lb.text,
                         "span_start": lb.span[0], "span_end": lb.span[1], "stance": lb.stance,
                         "descriptors": list(lb.descriptors)})
    return rows


def framing_table(rows: Iterable[dict], outlet: str | None = None, actor: str | None = None) -> list[dict]:
    """Aggregate label rows into outlet × actor rows, most labels first.

    Each row: ``outlet, actor, labels, score`` (mean, 2 decimals), ``stances`` ({stance: count} for all
    five stances) and ``forms``: ``[{form, count, stance, score, descriptors, evidence: [{doc_id, span,
    text}]}]`` (most frequent first; ``evidence`` has one item per counted label).
    """
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for r in rows:
        o = r.get("outlet") or ""
        if (outlet is not None and o != outlet) or (actor is not None and r["actor"] != actor):
            continue
        groups[(o, r["actor"])].append(r)
    table = []
    for (o, a), rs in groups.items():
        forms: dict[str, dict] = {}
        display: dict[str, Counter] = defaultdict(Counter)
        for r in rs:
            form = form_of(r["text"])
            key = form_key(form)
            display[key][form] += 1
            f = forms.setdefault(key, {"count": 0, "stance": r["stance"], "score": SCORES.get(r["stance"], 0),
                                       "descriptors": list(r.get("descriptors") or []), "evidence": []})
            f["count"] += 1
            f["evidence"].append({"doc_id": r["doc_id"], "span": [r["span_start"], r["span_end"]], "text": r["text"]})
        form_rows = [{"form": display[k].most_common(1)[0][0], **v} for k, v in forms.items()]
        form_rows.sort(key=lambda f: (-f["count"], f["form"]))
        stances = Counter(r["stance"] for r in rs)
        score = sum(SCORES.get(r["stance"], 0) for r in rs) / len(rs)
        table.append({"outlet": o, "actor": a, "labels": len(rs), "score": round(score, 2),
                      "stances": {s: stances.get(s, 0) for s in STANCES.values()}, "forms": form_rows})
    table.sort(key=lambda t: (-t["labels"], t["outlet"], t["actor"]))
    return table
