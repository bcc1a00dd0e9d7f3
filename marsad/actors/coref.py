"""Partial names and the context rules that make them safe.

A later "حفتر" or "لافروف" is the person named in full earlier; but "سلامة" is also "safety", "صالح" is
"valid", "شكري" is "my thanks". The knowledge base marks such names ``ambiguous: true``: they link only
when the full name appeared earlier in the same text AND the context reads as a person — a title or role
right before ("الممثل الأممي شكري"), a verb right before or after ("عقد سلامة", "يقودها بادي",
"سلامة قال"), or an apposition after a comma ("سلامة، وهو وزير سابق"). The same rules let a person found by a pattern (a ``new:`` actor) be linked by surname.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from marsad.actors.kb import Hit, KnowledgeBase
from marsad.doc import Document, Token
from marsad.match import Match

if TYPE_CHECKING:
    from marsad.actors.recognize import Cand

_PARTICLES = {"ابو", "بن", "عبد", "ابن", "ال", "بو"}
APPOSITION = {"وهو", "وهي"}


def _prev_word(tokens: Sequence[Token], i: int, skip: set[str], limit: int = 3) -> int | None:
    j = i - 1
    while j >= 0 and limit > 0:
        if tokens[j].is_word:
            return j
        if tokens[j].text not in skip:
            return None
        j -= 1
        limit -= 1
    return None


def media_cue_before(kb: KnowledgeBase, tokens: Sequence[Token], i: int) -> bool:
    """A media word ("قناة", "صحيفة", "مراسل", "المصدر :") right before token ``i`` (quotes may intervene)."""
    j = _prev_word(tokens, i, {'"', "«", "“", ":", "'", "(", "-"})
    if j is None:
        return False
    cues = kb.keys["media_cues"]
    return bool(set(tokens[j].keys) & cues)


def person_context(kb: KnowledgeBase, tokens: Sequence[Token], first: int, last: int) -> bool:
    """Does the context read a name as a person: a title/role before, a verb before or after?"""
    verbs = kb.keys["context_verbs"]
    j = _prev_word(tokens, first, {",", "،"}, limit=1)
    if j is not None:
        if set(tokens[j].keys) & verbs:
            return True
        for s in range(max(0, j - 4), j + 1):
            m = kb.title_matcher.longest_at(tokens, s, j + 1)
            if m is not None and m.last == j + 1:
                return True
        if kb.adjectives.longest_at(tokens, j, j + 1) or set(tokens[j].keys) & kb.keys["complements"]:
            # "الممثل الأممي شكري": walk over the role's adjectives to a title
            for s in range(max(0, j - 5), j):
                m = kb.title_matcher.longest_at(tokens, s, j)
                if m is not None and m.last >= j - 1:
                    return True
    if last < len(tokens) and tokens[last].is_word and set(tokens[last].keys) & verbs:
        return True
    # an apposition that says who he or she is ("وكان سلامة، وهو وزير ثقافة سابق"), unless a preposition
    # governs the word ("حرصا على سلامة، وهي أولوية")
    return (last + 1 < len(tokens) and tokens[last].text in (",", "،") and tokens[last + 1].norm in APPOSITION
            and (j is None or not set(tokens[j].keys) & kb.keys["stop"]))


def affiliation_path(kb: KnowledgeBase, actor_id: str) -> list[str]:
    """The bodies an actor belongs to, nearest first, up the ``affiliation`` links (Salamé -> UNSMIL -> UN)."""
    out: list[str] = []
    entry = kb.entry(actor_id)
    while entry is not None and entry.affiliation and entry.affiliation not in out:
        out.append(entry.affiliation)
        entry = kb.entry(entry.affiliation)
    return out


def affiliation_chain(kb: KnowledgeBase, actor_id: str) -> set[str]:
    """:func:`affiliation_path` as a set, for membership tests."""
    return set(affiliation_path(kb, actor_id))


Constraint = tuple[str, str]  # ("org", actor id) or ("country", iso2)


def title_constraints(kb: KnowledgeBase, tokens: Sequence[Token], start: int, end: int) -> set[Constraint]:
    """What a title phrase says about whose title it is: an organisation word ("الممثل الأممي" -> the UN,
    ``title_orgs`` in titles.yaml) or a nationality adjective ("وزير الخارجية المصري" -> Egypt)."""
    out: set[Constraint] = set()
    orgs = kb.title_orgs
    for j in range(start, end):
        for key in tokens[j].keys:
            if key in orgs:
                out.add(("org", orgs[key]))
                break
        m = kb.adjectives.longest_at(tokens, j, j + 1)
        if m is not None:
            out.add(("country", m.payloads[0]))
    return out


def fits(kb: KnowledgeBase, actor_id: str, constraints: set[Constraint]) -> bool:
    """Can the title with ``constraints`` be this actor's? A person the knowledge base does not know, or a
    title that says nothing, fits; otherwise one constraint must hold (a UN title needs a UN affiliation;
    an adjective needs the person's country, or a person with no country)."""
    entry = kb.entry(actor_id)
    if entry is None or not constraints:
        return True
    chain = affiliation_chain(kb, actor_id) | {actor_id}
    countries = {entry.country} | {kb.entries[a].country for a in chain if a in kb.entries}
    for kind, value in constraints:
        if kind == "org" and value in chain:
            return True
        if kind == "country" and (value in countries or entry.country is None and not entry.affiliation):
            return True
    return False


def title_before(kb: KnowledgeBase, tokens: Sequence[Token], i: int) -> int | None:
    """Start of a title phrase that ends right before token ``i`` ("المبعوث الأممي سلامة"): a title, then
    complements and nationality adjectives."""
    j = i - 1
    while j >= 0 and i - j <= 6:
        for s in range(max(0, j - 4), j + 1):
            m = kb.title_matcher.longest_at(tokens, s, j + 1)
            if m is not None and m.last == j + 1:
                return s
        tok = tokens[j]
        if not tok.is_word or not (set(tok.keys) & kb.keys["complements"] or kb.adjectives.longest_at(tokens, j, j + 1)):
            return None
        j -= 1
    return None


def choose_hit(kb: KnowledgeBase, tokens: Sequence[Token], m: Match[Hit], seen: set[str]) -> Hit | None:
    """Pick the payload of a KB match that survives the cue and partial-name rules (or None).

    A partial name links back to an actor met earlier, or to a body one of whose members was met ("غسان
    سلامة … البعثة" -> UNSMIL). A title before a partial name that fits one actor ("المبعوث الأممي سلامة")
    is enough on its own, and a title that does not fit never links an unseen partial name."""
    known = seen | {a for x in seen for a in affiliation_chain(kb, x)}
    ts = title_before(kb, tokens, m.first)
    constraints = title_constraints(kb, tokens, ts, m.first) if ts is not None else set()
    ranked = sorted(m.payloads, key=lambda h: (not fits(kb, h.actor_id, constraints), h.actor_id not in known,
                                               h.partial, h.cued))
    for hit in ranked:
        if hit.cued and not media_cue_before(kb, tokens, m.first):
            continue
        if hit.partial:
            titled = bool(constraints) and fits(kb, hit.actor_id, constraints)
            if hit.actor_id not in known and not titled:
                continue
            if kb.entries[hit.actor_id].ambiguous and not titled and not person_context(kb, tokens, m.first, m.last):
                continue
        return hit
    return None


def _common(kb: KnowledgeBase, key: str) -> bool:
    return any(key in kb.keys[k] for k in ("stop", "given_names", "complements", "context_verbs")) or bool(
        kb.adjectives.longest_at([_tok(key)], 0) or kb.title_matcher.longest_at([_tok(key)], 0))


def _tok(key: str) -> Token:
    return Token(0, len(key), key, key, (key,), key)


def link_back(kb: KnowledgeBase, doc: Document, cands: list[Cand]) -> list[Cand]:
    """Later surnames of people already found in the text ("المسماري", "ابوشحمة") as coref mentions."""
    from marsad.actors.recognize import Cand

    tokens = doc.tokens
    surnames: dict[str, tuple[str, int, bool]] = {}  # key -> (actor id, first token seen, ambiguous)
    for c in sorted(cands, key=lambda c: c.first):
        if not c.person or c.head is None or c.head[1] - c.head[0] < 2:
            continue
        last = tokens[c.head[1] - 1]
        if last.keys[0] in _PARTICLES:
            continue
        key = last.keys[0]
        entry = kb.entry(c.actor_id)
        ambiguous = (entry.ambiguous if entry else False) or _common(kb, key)
        if key not in surnames:
            surnames[key] = (c.actor_id, c.head[1], ambiguous)
    if not surnames:
        return []
    taken = {k for c in cands for k in range(c.first, c.last)}
    out: list[Cand] = []
    for i, tok in enumerate(tokens):
        if i in taken or not tok.is_word:
            continue
        for key in tok.keys:
            hit = surnames.get(key)
            if hit is None or i < hit[1]:
                continue
            actor_id, _, ambiguous = hit
            if ambiguous and not person_context(kb, tokens, i, i + 1):
                break
            entry = kb.entry(actor_id)
            proto = next(c for c in cands if c.actor_id == actor_id)
            out.append(Cand(i, i + 1, actor_id, entry.type if entry else "PER", "coref", (i, i + 1),
                            person=True, new=proto.new))
            break
    return out


def tagger_names(kb: KnowledgeBase, doc: Document, cands: list[Cand]) -> list[Cand]:
    """PER/ORG spans of the statistical tagger that nothing else explained, as ``new:`` actors.

    Only multi-word spans whose words are all name-like are kept; a single tagged word is too often a
    place or a common noun. Without the tagger (model not built) this adds nothing.
    """
    try:
        from marsad.ner.tagger import find_entities
    except ImportError:
        return []
    try:
        spans = find_entities(doc)
    except Exception:  # noqa: BLE001 - the tagger is optional; a missing model must not stop extraction
        return []
    from marsad.actors.recognize import Cand
    from marsad.actors.unknown import NewActor, _is_name_word, transliterate

    tokens = doc.tokens
    starts = {t.start: i for i, t in enumerate(tokens)}
    ends = {t.end: i for i, t in enumerate(tokens)}
    taken = {k for c in cands for k in range(c.first, c.last)}
    out: list[Cand] = []
    for start, end, label in spans:
        if label != "PER" or start not in starts or end not in ends:
            continue
        first, last = starts[start], ends[end] + 1
        if last - first < 2 or last - first > 4 or any(k in taken for k in range(first, last)):
            continue
        if not all(_is_name_word(kb, t) for t in tokens[first:last]):
            continue
        if kb.country_names.longest_at(tokens, first, last) or kb.names.longest_at(tokens, first, last):
            continue
        if tokens[first].keys[0] not in kb.keys["given_names"]:
            continue  # literally a given name: "وصلاح الدين" (a place) does not start a person
        name_ar = doc.text[start:end]
        new = NewActor(first, last, (first, last), "PER", transliterate(name_ar), name_ar, "tagger")
        out.append(Cand(first, last, new.id, "PER", "tagger", (first, last), person=True, new=new))
        taken.update(range(first, last))
    return out
