"""Pipeline stage ``extract_labels``: how the outlet labels each actor it mentions (``doc.labels``).

For every actor mention the actors stage found (a mention nested inside a longer actor mention is part of
that one's label), the label grows over the descriptors written next to the name — left over head nouns
and phrases ("مليشيات"، "قوات المتقاعد"، "ما يسمى"), right over adjectives ("الشرعية"، "المعترف بها
دوليا"، "الإرهابية") — as listed in ``data/stance_ar.yaml``. Every lexicon entry found inside the grown
span is a descriptor; the label's score is their sum clipped to -2..+2, and its stance the scale's name.

A force noun before a leader ("قوات المتقاعد حفتر"، "طيران حفتر") makes the label mean the force the leader
commands (the knowledge base's ``leads``), as the actors stage does for "قوات حفتر".

Growth stops at a sentence edge, at another actor mention, and at a word joined by the conjunction و/ف
("القوات التركية وحفتر" does not make "القوات" a label of Haftar).
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Callable, Sequence
from functools import cache

from marsad.doc import Document, Label, Mention, Token
from marsad.framing.lexicon import Descriptor, StanceLexicon, default_lexicon, stance_of
from marsad.normalize import normalize

Leads = Callable[[str], str | None]


def _kb_leads(actor_id: str) -> str | None:
    """The group an actor commands, from the actors knowledge base (None when it is not installed)."""
    try:
        from marsad.actors.kb import default_kb
    except ImportError:  # pragma: no cover - the actors stage is part of marsad
        return None
    entry = default_kb().entry(actor_id)
    return getattr(entry, "leads", None) if entry is not None else None


@cache
def _name_first_words() -> frozenset[str]:
    """Literal first words of every knowledge-base name ("واغنر", "فاغنر"): they carry no clitic."""
    try:
        from marsad.actors.kb import default_kb
    except ImportError:  # pragma: no cover
        return frozenset()
    return frozenset(default_kb().first_keys)


def _proclitics(tok: Token) -> str:
    """The token's proclitics, unless its literal form begins a known name (then none)."""
    return "" if tok.proclitics and tok.keys and tok.keys[0] in _name_first_words() else tok.proclitics


def _conj(tok: Token) -> bool:
    """Whether the word is joined to what precedes it by a conjunction (و/ف as its first clitic)."""
    return _proclitics(tok)[:1] in ("و", "ف")


def label_seeds(doc: Document) -> list[tuple[int, int, str]]:
    """Character spans and actors to label: the actor mentions not inside a longer one, in text order.

    A person's mention that carries a role phrase naming other actors ("الناطق باسم القيادة العامة
    اللواء أحمد المسماري") is split: the organisations of the role phrase are labels of their own, and the
    person's label starts after the last of them ("اللواء أحمد المسماري"). A force group's nested leader
    ("مليشيات حفتر" ⊃ "حفتر") is not split: the whole is the force's label.
    """
    ms = sorted((m for m in doc.mentions if m.kind == "actor"), key=lambda m: (m.start, -m.end))
    tops: list[tuple[Mention, list[Mention]]] = []
    for m in ms:
        if tops and m.start >= tops[-1][0].start and m.end <= tops[-1][0].end:
            tops[-1][1].append(m)
            continue
        tops.append((m, []))
    out: list[tuple[int, int, str]] = []
    for m, inner in tops:
        head = m.head or (m.start, m.end)
        role = [n for n in inner if n.end <= head[0]] if m.label == "PER" else []
        role_tops: list[Mention] = []
        for n in role:
            if not (role_tops and n.start >= role_tops[-1].start and n.end <= role_tops[-1].end):
                role_tops.append(n)
        out += [(n.start, n.end, n.entity_id) for n in role_tops]
        start = max((n.end for n in role_tops), default=m.start)
        if role_tops:  # the person's label starts at the next word after the role's organisations
            start = next((t.start for t in doc.tokens if start <= t.start < m.end), m.start)
        out.append((start, m.end, m.entity_id))
    return out


def _before_at(lex: StanceLexicon, tokens: Sequence[Token], i: int, lo: int) -> tuple[int, Descriptor] | None:
    """The longest "before" entry ending right before token ``i``: (its first token, entry)."""
    for k in range(min(lex.max_before, i - lo), 0, -1):
        m = lex.before.longest_at(tokens, i - k, i)
        if m is not None and m.last == i:
            return m.first, m.payloads[0]
    return None


def grow(lex: StanceLexicon, tokens: Sequence[Token], first: int, last: int, lo: int, hi: int,
         taken: set[int], led_by: Callable[[int], int | None] | None = None) -> tuple[int, int, bool]:
    """Grow a mention's token range over descriptors: (first, last, force noun seen before the name).

    ``taken`` are tokens of other mentions (never crossed); ``led_by(j)`` gives the end of a mention
    starting at token ``j`` whose actor commands this label's actor (for "بقيادة حفتر"), else None.
    """
    force = False
    while first > lo and not _conj(tokens[first]):
        hit = _before_at(lex, tokens, first, lo)
        if hit is None or any(k in taken for k in range(hit[0], first)):
            break
        first, force = hit[0], force or hit[1].force
    for t in range(first, last):  # a mention that only begins a known name ("قوات شرق" + "ليبيا")
        m = lex.names.longest_at(tokens, t, hi)
        if m is not None and m.last > last and not any(k in taken for k in range(last, m.last)):
            last = m.last
    while last < hi and not _conj(tokens[last]):
        m = lex.after.longest_at(tokens, last, hi)
        if m is None or any(k in taken for k in range(last, m.last)):
            break
        if m.payloads[0].cls == "led-by":
            end = led_by(m.last) if led_by is not None and m.last < hi else None
            if end is None:
                break
            last = end
            continue
        last = m.last
    return first, last, force


def score_span(lex: StanceLexicon, tokens: Sequence[Token], first: int, last: int) -> tuple[int, list[str]]:
    """Sum of the entries found in tokens [first, last) (non-overlapping, longest first) and their phrases."""
    found = lex.every.find(tokens, first, last)
    phrases = [m.payloads[0].phrase for m in found]
    return sum(m.payloads[0].score for m in found), phrases


def label_form(text: str, tok: Token) -> str:
    """The label as an outlet writes it, without the first word's conjunction/preposition clitics.

    "لمليشيات حفتر" -> "مليشيات حفتر", "والقيادة العامة" -> "القيادة العامة", "للقوات …" -> "القوات …"
    (the article stays: it is part of the name).
    """
    pro = _proclitics(tok)
    if not pro:
        return text
    article = pro.endswith("ال") or pro.endswith("لل")
    drop = len(pro)
    i = n = 0
    while i < len(text) and n < drop:  # skip as many letters as the clitics have, ignoring marks
        if not unicodedata.category(text[i]).startswith("M") and text[i] != "\u0640":
            n += 1
        i += 1
    rest = text[i:]
    return ("ال" + rest) if article else rest


def extract_labels(doc: Document, lexicon: StanceLexicon | None = None, leads: Leads | None = None) -> Document:
    """Pipeline stage: fill ``doc.labels`` from the actor mentions and the stance lexicon."""
    lex = lexicon or default_lexicon()
    leads = leads or _kb_leads
    tokens = doc.tokens
    starts = [t.start for t in tokens]
    doc.labels = []
    spans: list[tuple[int, int, str]] = []  # token range and actor of each outer mention
    for start, end, actor_id in label_seeds(doc):
        i = bisect.bisect_right(starts, start) - 1
        j = bisect.bisect_left(starts, end)
        if 0 <= i < j:
            spans.append((i, j, actor_id))
    at_first = {f: k for k, (f, _, _) in enumerate(spans)}
    absorbed: set[int] = set()
    taken = {t for f, la, _ in spans for t in range(f, la)}
    for k, (f0, l0, actor) in enumerate(spans):
        if k in absorbed:
            continue
        sent = doc.sentence_at(tokens[f0].start)
        lo, hi = (sent.first_token, sent.last_token) if sent else (0, len(tokens))
        others = taken - set(range(f0, l0))
        absorbed_here: list[int] = []

        def led_by(j: int, actor: str = actor, sink: list[int] = absorbed_here) -> int | None:
            n = at_first.get(j)
            if n is None or leads(spans[n][2]) != actor:
                return None
            sink.append(n)
            return spans[n][1]

        first, last, force = grow(lex, tokens, f0, l0, lo, hi, others - _tokens_of(spans, lo, hi, actor, leads),
                                   led_by)
        absorbed.update(absorbed_here)
        score, phrases = score_span(lex, tokens, first, last)
        if force and first < f0:
            actor = leads(actor) or actor
        start, end = tokens[first].start, tokens[last - 1].end
        doc.labels.append(Label(actor=actor, text=doc.text[start:end], span=(start, end),
                                stance=stance_of(score), descriptors=phrases))
        taken |= set(range(first, last))
    doc.labels += _foreign_labels(doc, lex, taken)
    doc.labels.sort(key=lambda lb: lb.span)
    return doc


def _foreign_labels(doc: Document, lex: StanceLexicon, taken: set[int]) -> list[Label]:
    """"الغزو التركي": a ``foreign`` descriptor followed by a nationality adjective labels that state's
    armed forces (the id the actors stage composes for "<country> + armed forces")."""
    try:
        from marsad.actors.generic import generic_id
        from marsad.actors.kb import default_kb
    except ImportError:  # pragma: no cover
        return []
    kb = default_kb()
    tokens = doc.tokens
    out: list[Label] = []
    for sent in doc.sentences:
        for m in lex.before.find(tokens, sent.first_token, sent.last_token):
            d = m.payloads[0]
            if not d.foreign or m.last >= sent.last_token or any(k in taken for k in range(m.first, m.last)):
                continue
            adj = kb.adjectives.longest_at(tokens, m.last, sent.last_token)
            if adj is None or any(k in taken for k in range(adj.first, adj.last)):
                continue
            iso2 = adj.payloads[0]
            if "armed_forces" not in kb.sectors:
                continue
            score, phrases = score_span(lex, tokens, m.first, adj.last)
            start, end = tokens[m.first].start, tokens[adj.last - 1].end
            out.append(Label(actor=generic_id(kb, iso2, "armed_forces"), text=doc.text[start:end],
                             span=(start, end), stance=stance_of(score), descriptors=phrases))
    return out


def _tokens_of(spans: list[tuple[int, int, str]], lo: int, hi: int, actor: str, leads: Leads) -> set[int]:
    """Tokens of the mentions in [lo, hi) whose actor commands ``actor``: "بقيادة" may take them in."""
    return {t for f, la, a in spans if lo <= f < hi and leads(a) == actor for t in range(f, la)}


def form_key(form: str) -> str:
    """Grouping key of a label form: normalized spelling (hamza, ya, ta marbuta, diacritics)."""
    return normalize(form)
