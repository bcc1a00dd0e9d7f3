"""Choosing one gazetteer entry for an ambiguous name, from what the document is about.

طرابلس is Tripoli, Libya in Libyan news and Tripoli, Lebanon in Lebanese news; موسكو is Russia's capital
and not the small American town of the same name. The rule: count *country evidence* in the document
(unambiguous country and city names, nationality adjectives), call the best-supported country the
document's *focus*, and prefer a candidate in the focus country; otherwise the most populous candidate.
A country and its capital that share a name (تونس، الجزائر، الكويت) are told apart by use: a location
("في تونس") is the capital, an acting state ("تونس ترفض") the country.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from marsad.doc import Token
from marsad.geo.gazetteer import Entry

_PRECISION_RANK = {"country": 3, "city": 2, "region": 1, "locality": 0}


def country_evidence(candidate_sets: Iterable[Sequence[Entry]], tokens: Sequence[Token],
                     adjectives: dict[str, str]) -> Counter[str]:
    """Votes per country: one for each name whose candidates all lie in one country, and one for each
    nationality adjective ("الليبية" votes for LY)."""
    votes: Counter[str] = Counter()
    for cands in candidate_sets:
        countries = {c.country for c in cands if c.country}
        if len(countries) == 1:
            votes[countries.pop()] += 1
    if adjectives:
        for tok in tokens:
            if not tok.is_word:
                continue
            iso = next((adjectives[k] for k in tok.keys if k in adjectives), None)
            if iso:
                votes[iso] += 1
    return votes


def focus_country(votes: Counter[str]) -> str | None:
    """The country the document is mostly about: the best-supported one, if it leads clearly."""
    if not votes:
        return None
    ranked = votes.most_common(2)
    if len(ranked) == 2 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


def choose(candidates: Sequence[Entry], focus: str | None, role: str = "location") -> Entry:
    """One entry for a name: in the focus country first, then (for a country/capital homonym) by use,
    then the coarser and more populous candidate."""
    if len(candidates) == 1:
        return candidates[0]
    pool = [c for c in candidates if focus and c.country == focus] or list(candidates)
    countries = [c for c in pool if c.precision == "country"]
    capitals = [c for c in pool if c.capital and any(c.country == k.country for k in countries)]
    if countries and capitals:
        return capitals[0] if role == "location" else countries[0]
    return max(pool, key=lambda c: (c.source.startswith("curated"), c.population,
                                    _PRECISION_RANK.get(c.precision, 0)))
