"""Generic actors without a name: a country composed with a sector noun, the CAMEO/PETRARCH way.

"وزارة الخارجية المصرية" and "وزارة خارجية مصر" are both Egypt + foreign ministry (EGY GOV); "الرئيس
الروسي" is Russia + president; "الجيشين المصري والجزائري" is two actors, one per coordinated adjective.
The sector forms live in ``data/sectors.yaml``, countries and their adjectives in ``data/countries.yaml``;
an actor of the knowledge base may claim a composition (``generic: [EG/army]``) so the result carries its
proper name (Egyptian Armed Forces) instead of the template.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from marsad.actors.kb import KnowledgeBase, Sector
from marsad.doc import Token


@dataclass(slots=True)
class Composition:
    """One country+sector actor found at tokens ``[first, last)``; ``head`` is the country word(s)."""

    first: int
    last: int
    iso2: str
    sector: str
    head: tuple[int, int]  # token range of the adjective / country name


def _country_at(kb: KnowledgeBase, tokens: Sequence[Token], j: int, stop: int) -> tuple[str, int] | None:
    """A nationality adjective or a country name starting at token ``j``: (iso2, end token)."""
    for matcher in (kb.adjectives, kb.country_names):
        m = matcher.longest_at(tokens, j, stop)
        if m is not None:
            return m.payloads[0], m.last
    return None


GOVERNMENT_LINKS = frozenset({"في", "لدى", "التابعة", "التابع"})


def _government_at(kb: KnowledgeBase, tokens: Sequence[Token], j: int, stop: int) -> tuple[str, int] | None:
    """"وزارة الصحة في حكومة الوفاق", "وزارة الصحة بحكومة الوفاق": a sector of a named government is
    that government's country's sector. Returns (iso2, end of the sector phrase) — the government keeps
    its own mention, so the composition ends before it."""
    k = j
    if k < stop and tokens[k].is_word and set(tokens[k].keys) & GOVERNMENT_LINKS:
        k += 1
    elif not (k < stop and tokens[k].proclitics.lstrip("وف")[:1] in {"ب", "ل"}):
        return None
    m = kb.names.longest_at(tokens, k, stop) if k < stop else None
    if m is None:
        return None
    hit = next((h for h in m.payloads if not h.partial and not h.cued), None)
    entry = kb.entries.get(hit.actor_id) if hit else None
    if entry is None or entry.type != "GOV" or not entry.country or entry.country not in kb.countries:
        return None
    return entry.country, j


def compose_at(kb: KnowledgeBase, tokens: Sequence[Token], i: int, stop: int) -> list[Composition]:
    """Country+sector actors whose sector phrase starts at token ``i`` (empty list if none).

    After the sector phrase come one country word, then optionally more joined by "و" or a comma
    (a dual or plural sector noun shares itself out: "وزيرا خارجية مصر والأردن").
    """
    m = kb.sector_matcher.longest_at(tokens, i, stop)
    if m is None:
        return []
    sector_id = m.payloads[0]
    found = _country_at(kb, tokens, m.last, stop) or _government_at(kb, tokens, m.last, stop)
    if found is None:
        return []
    iso2, end = found
    out = [Composition(i, end, iso2, sector_id, (m.last, end) if end > m.last else (i, end))]
    j = end
    while j < stop:
        k = j + 1 if j < stop and tokens[j].text in {"،", ","} else j
        if k >= stop:
            break
        tok = tokens[k]
        if tok.proclitics.startswith("و") or tok.norm.startswith("و"):
            nxt = _country_at(kb, tokens, k, stop)
        elif k > j:
            nxt = _country_at(kb, tokens, k, stop)
        else:
            break
        if nxt is None or nxt[0] in {c.iso2 for c in out}:
            break
        out.append(Composition(k, nxt[1], nxt[0], sector_id, (k, nxt[1])))
        j = nxt[1]
    return out


def bare_sector_at(kb: KnowledgeBase, tokens: Sequence[Token], i: int, stop: int) -> tuple[Sector, int] | None:
    """A sector form standing alone at ``i`` that may refer back ("وأكدت الخارجية في البيان").

    Only sectors marked ``bare`` qualify; a ``weak`` form right after a definite word is that word's
    adjective ("الأطراف الخارجية" = the foreign parties), not the ministry.
    """
    m = kb.sector_matcher.longest_at(tokens, i, stop)
    if m is None:
        return None
    sector = kb.sectors[m.payloads[0]]
    if not sector.bare:
        return None
    path = tuple(t.keys[-1] for t in tokens[m.first:m.last])
    literal = tuple(t.keys[0] for t in tokens[m.first:m.last])
    if (path in kb.weak_sector_keys or literal in kb.weak_sector_keys) and i > 0:
        prev = tokens[i - 1]
        if prev.is_word and ("ال" in prev.proclitics or prev.norm.startswith("ال")):
            return None
    return sector, m.last


def generic_id(kb: KnowledgeBase, iso2: str, sector_id: str) -> str:
    """The actor id of a composition: the KB actor that claims it, else "<iso3>-<sector>"."""
    override = kb.generic_override.get((iso2, sector_id))
    if override:
        return override
    if kb.sectors[sector_id].state:
        return iso2.lower()  # the state's own actor, the id the places stage gives it
    return f"{kb.countries[iso2].iso3.lower()}-{sector_id.replace('_', '-')}"


def generic_name(kb: KnowledgeBase, iso2: str, sector_id: str) -> str:
    country = kb.countries[iso2]
    return kb.sectors[sector_id].name_en.format(adj=country.adjective_en, country=country.name_en)
