"""The actor stage: find every actor mention, resolve it, and fill ``doc.mentions`` and ``doc.actors``.

Passes over each sentence, all on the tokens ``segment`` left (no re-tokenization):

1. **Names and compositions** — at each token the longest knowledge-base name (a token trie over
   clitic-aware keys) competes with the longest country+sector composition (:mod:`.generic`); the longer
   wins, the KB on a tie. Cued names (outlets that are common words) need a media word before them;
   partial names (surnames that are also words) need an earlier full mention (:mod:`.coref`).
2. **Titles and apposition** — a person's mention grows back over its title and role phrase ("الناطق
   الرسمي باسم القيادة العامة … اللواء أحمد المسماري"; head = the name); a role composition right before
   a name ("وزير الخارجية الروسي، سيرغي لافروف") is that person, not a second actor, and is remembered so a
   later bare "وزير الخارجية الروسي" links to the same person. A force noun before a leader ("قوات
   حفتر") is the leader's force as well.
3. **Unknown names** (:mod:`.unknown`) — title + given name, unit/organisation patterns, the tagger.
4. **Coreference** — later surnames of people found in 1–3 ("لافروف", "ابوشحمة") and bare sector nouns
   ("وأكدت الخارجية") link back.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from marsad.actors import coref
from marsad.actors.generic import bare_sector_at, compose_at, generic_id, generic_name
from marsad.actors.kb import KnowledgeBase, default_kb
from marsad.actors.unknown import NewActor, person_after_title, unit_at
from marsad.doc import Actor, Document, Mention, Token
from marsad.match import Match, PhraseMatcher, phrase_keys
from marsad.normalize import normalize
from marsad.segment import tokenize


@dataclass(slots=True)
class Cand:
    """A mention candidate over tokens ``[first, last)``; ``head`` is the name proper (token range)."""

    first: int
    last: int
    actor_id: str
    type: str
    origin: str
    head: tuple[int, int] | None = None
    person: bool = False
    role: str | None = None  # the title/role text attached to a person
    role_key: tuple[str, str] | None = None  # (iso2, sector) of a person-role composition
    new: NewActor | None = None
    named: list[str] = field(default_factory=list)  # further actors named inside ("قوات حفتر" names Haftar)


@dataclass
class _Registry:
    """What the document has resolved so far: actor specs and the order of first mention."""

    kb: KnowledgeBase
    actors: dict[str, Actor] = field(default_factory=dict)
    named: dict[str, Actor] = field(default_factory=dict)  # actors named only inside another's mention

    def ensure(self, cand: Cand, doc: Document) -> Actor:
        if cand.actor_id in self.actors:
            return self.actors[cand.actor_id]
        kb = self.kb
        entry = kb.entry(cand.actor_id)
        if entry is not None:
            actor = Actor(entry.id, entry.name_en, entry.name_ar, entry.type, entry.country, entry.affiliation,
                          entry.role, list(entry.codes))
        elif cand.new is not None:
            n = cand.new
            actor = Actor(n.id, n.name_en, n.name_ar, n.type, None, None, None, [])
        else:  # a generic composition: "<iso3>-<sector>"
            iso2, sector_id = cand.role_key or (None, None)
            assert iso2 and sector_id
            sector = kb.sectors[sector_id]
            c = kb.countries[iso2]
            name_ar = doc.text[doc.tokens[cand.first].start:doc.tokens[cand.last - 1].end]
            if sector.state:
                actor = Actor(cand.actor_id, c.name_en, c.name_ar, "GPE", iso2, None, None, [c.cameo])
                self.actors[actor.id] = actor
                return actor
            actor = Actor(cand.actor_id, generic_name(kb, iso2, sector_id), name_ar, sector.type, iso2, None,
                          sector.id if sector.person else None, [c.cameo, sector.code])
        self.actors[actor.id] = actor
        return actor


def _sentence_ranges(doc: Document) -> list[tuple[int, int]]:
    if doc.sentences:
        return [(s.first_token, s.last_token) for s in doc.sentences]
    return [(0, len(doc.tokens))] if doc.tokens else []


def _names_pass(kb: KnowledgeBase, tokens: Sequence[Token], lo: int, hi: int, seen: set[str]) -> list[Cand]:
    """Pass 1 over one sentence: KB names vs. country+sector compositions, longest first."""
    out: list[Cand] = []
    i = lo
    while i < hi:
        shared = _distribute(kb, tokens, i, hi)
        if shared:
            out += shared
            seen.update(c.actor_id for c in shared)
            i = shared[-1].last
            continue
        m = kb.names.longest_at(tokens, i, hi)
        comps = compose_at(kb, tokens, i, hi)
        comp_last = comps[-1].last if comps else 0
        if m is not None and (not comps or m.last >= comps[0].last):
            hit = coref.choose_hit(kb, tokens, m, seen)
            if hit is not None:
                entry = kb.entries[hit.actor_id]
                out.append(Cand(m.first, m.last, entry.id, entry.type, "coref" if hit.partial else "lexicon",
                                None if hit.epithet else (m.first, m.last), person=entry.type == "PER"))
                seen.add(entry.id)
                i = m.last
                continue
            if not comps:
                i += 1
                continue
        if comps:
            if len(comps) > 1 and kb.sectors[comps[0].sector].person:
                i = comp_last  # "وزراء خارجية فرنسا وبريطانيا": the states act (GPE actors), not one office
                continue
            for c in comps:
                sector = kb.sectors[c.sector]
                aid = generic_id(kb, c.iso2, c.sector)
                typ = kb.entries[aid].type if aid in kb.entries else sector.type
                out.append(Cand(c.first, c.last, aid, typ, "generic", c.head, role_key=(c.iso2, c.sector)))
                seen.add(aid)
            i = comp_last
            continue
        i += 1
    return out


def _distribute(kb: KnowledgeBase, tokens: Sequence[Token], i: int, hi: int) -> list[Cand]:
    """A plural head with coordinated modifiers shares itself out ("المناطق العسكرية الوسطى وطرابلس
    والغربية" -> three regions); each "singular + modifier" must be a knowledge-base name."""
    pm = kb.plural_matcher.longest_at(tokens, i, hi)
    if pm is None:
        return []
    singular = pm.payloads[0]
    out: list[Cand] = []
    j = pm.last
    while j < hi:
        if tokens[j].text in {"،", ","}:
            j += 1
            continue
        if out and not tokens[j].norm.startswith("و"):
            break
        hit = None
        for key in tokens[j].keys:
            probe = tokenize(f"{singular} {key}")
            m = kb.names.longest_at(probe, 0)
            if m is not None and m.last == len(probe):
                hit = next((h for h in m.payloads if not h.partial and not h.cued), None)
                if hit:
                    break
        if hit is None:
            break
        entry = kb.entries[hit.actor_id]
        first = i if not out else j
        out.append(Cand(first, j + 1, entry.id, entry.type, "lexicon", (j, j + 1)))
        j += 1
    return out if len(out) >= 2 else []


def _title_start(kb: KnowledgeBase, tokens: Sequence[Token], lo: int, first: int,
                 occupied: dict[int, Cand]) -> tuple[int, bool]:
    """Walk back from a name over its title/role phrase; return (start token, found a title)."""
    comp = kb.keys["complements"]
    forces = kb.keys["force_nouns"]
    j = first - 1
    start, found = first, False
    if j >= lo and tokens[j].text in {"،", ","}:
        j -= 1  # apposition: "وزير الخارجية الروسي، سيرغي لافروف"
    elif j >= lo and set(tokens[j].keys) & {"باسم"}:
        return first, False  # "المتحدث باسم حفتر": the title is someone else's
    name = tokens[first]
    if name.norm.startswith("و") and name.keys[0] not in kb.first_keys:
        return first, False  # "المسؤول والسيسي": a coordinated name, the title is the other one's
    steps = 0
    while j >= lo and steps < 14:
        tok = tokens[j]
        steps += 1
        other = occupied.get(j)
        if other is not None:
            if other.person:
                break
            j = other.first - 1
            if other.role_key is not None and kb.sectors[other.role_key[1]].person:
                start, found = other.first, True
            continue
        tm = _title_ending_at(kb, tokens, j, lo)
        if tm is not None:
            start, found = tm, True
            j = tm - 1
            continue
        keys = set(tok.keys)
        if keys & forces:
            break  # "المتحدث باسم قوات حفتر": the name is the force's leader, not the speaker
        if tok.is_word and (keys & comp or kb.adjectives.longest_at(tokens, j, j + 1)
                            or kb.country_names.longest_at(tokens, j, j + 1) or tok.text.isdigit()):
            j -= 1
            continue
        break
    return start, found


def _title_ending_at(kb: KnowledgeBase, tokens: Sequence[Token], j: int, lo: int) -> int | None:
    """Start of the longest title phrase that ends exactly at token ``j`` (inclusive), if any."""
    best = None
    for s in range(max(lo, j - 4), j + 1):
        m = kb.title_matcher.longest_at(tokens, s, j + 1)
        if m is not None and m.last == j + 1:
            best = s if best is None else min(best, s)
    return best


def _attach_titles(kb: KnowledgeBase, doc: Document, lo: int, cands: list[Cand],
                   roles: dict[tuple[str, str], str], history: Sequence[Cand] = ()) -> list[Cand]:
    """Pass 2: persons absorb their titles; role compositions before a name merge into the person.

    A title that cannot be the name's ("وأطلع الممثل الأممي شكري": a UN title before Egypt's minister) is
    left off the name and refers back to the last person met that it fits (the UN envoy named before)."""
    tokens = doc.tokens
    occupied = {k: c for c in cands for k in range(c.first, c.last)}
    drop: set[int] = set()
    extra: list[Cand] = []
    for c in cands:
        if not c.person:
            continue
        start, found = _title_start(kb, tokens, lo, c.first, occupied)
        if not found:
            continue
        constraints = coref.title_constraints(kb, tokens, start, c.first)
        if not coref.fits(kb, c.actor_id, constraints):
            end = c.first
            while end > start and not tokens[end - 1].is_word:
                end -= 1
            if any(k in occupied for k in range(start, end)):
                continue
            prior = [p for p in [*history, *cands] if p.person and p.last <= start
                     and coref.fits(kb, p.actor_id, constraints) and kb.entry(p.actor_id) is not None]
            if prior:
                p = max(prior, key=lambda p: p.first)
                extra.append(Cand(start, end, p.actor_id, p.type, "coref", None, person=True))
            continue
        mention_start = start
        for other in cands:
            if other is c or other.first < start or other.last > c.first:
                continue
            if other.role_key is not None and kb.sectors[other.role_key[1]].person:
                drop.add(id(other))  # "وزير الخارجية الروسي" + name = the person
                roles[other.role_key] = c.actor_id
            elif other.origin == "generic":
                drop.add(id(other))  # "القائم بأعمال السفارة البريطانية …": part of the role, not an actor
            else:
                # a named body inside the role keeps its own mention; the person's mention starts after
                # it so mentions never overlap ("… باسم القيادة العامة [اللواء أحمد المسماري]")
                mention_start = max(mention_start, other.last)
        c.role = doc.text[tokens[start].start:tokens[c.first - 1].end].rstrip(" ،,")
        c.head = c.head or (c.first, c.last)
        while mention_start < c.first and not tokens[mention_start].is_word:
            mention_start += 1
        c.first = mention_start
    return sorted([c for c in cands if id(c) not in drop] + extra, key=lambda c: c.first)


def _force_before(kb: KnowledgeBase, tokens: Sequence[Token], lo: int, first: int) -> tuple[int, bool] | None:
    """The force or air noun that owns the name starting at ``first``: (its first token, is an air noun).

    "قوات حفتر", "مليشيا محمد الكاني", "طيران حفتر", "سلاح الجو التابع لحفتر", "القوات الموالية لحفتر"."""
    j = first - 1
    if j < lo:
        return None
    if set(tokens[j].keys) & kb.keys["loyalty_words"] and "ل" in tokens[first].proclitics:
        j -= 1  # "القوات الموالية لحفتر": the loyalty word links the force to the leader
        if j < lo:
            return None
    if set(tokens[j].keys) & kb.keys["force_nouns"]:
        return j, False
    for s in range(max(lo, j - 2), j + 1):
        m = kb.air_matcher.longest_at(tokens, s, j + 1)
        if m is not None and m.last == j + 1:
            return s, True
    return None


def _force_groups(kb: KnowledgeBase, tokens: Sequence[Token], lo: int, cands: list[Cand]) -> list[Cand]:
    """"قوات حفتر" / "مليشيا محمد الكاني" / "طيران حفتر": a force noun before a leader names the leader's force.

    The whole phrase is one mention of the force — an outlet's label for it, read by framing, and the
    doer or target events see. The leader is named too: he is listed among the document's actors (see
    :func:`_named_inside`), and an air noun names the force's air arm as well ("طيران حفتر").
    """
    out = []
    occupied = {k for c in cands for k in range(c.first, c.last)}
    for c in cands:
        entry = kb.entry(c.actor_id) if c.person else None
        found = _force_before(kb, tokens, lo, c.first) if entry is not None and entry.leads else None
        if found is None or any(k in occupied for k in range(found[0], c.first)):
            out.append(c)
            continue
        start, air = found
        group = kb.entries[entry.leads]
        named = [c.actor_id]
        if air and kb.air_force_of(group.id):
            named.append(kb.air_force_of(group.id))
        out.append(Cand(start, c.last, group.id, group.type, "pattern", c.head or (c.first, c.last), named=named))
    return out


def _named_inside(kb: KnowledgeBase, tokens: Sequence[Token], cands: list[Cand]) -> None:
    """A body's name that contains its leader's name ("حكومة السراج") names the leader too."""
    for c in cands:
        entry = kb.entry(c.actor_id)
        if entry is None or c.person:
            continue
        leaders = set(kb.leaders.get(entry.id, [])) | set(kb.leaders.get(entry.affiliation or "", []))
        if not leaders:
            continue
        for i in range(c.first + 1, c.last):
            m = kb.names.longest_at(tokens, i, c.last)
            hit = next((h for h in m.payloads if h.actor_id in leaders and not h.partial), None) if m else None
            if hit is not None and hit.actor_id not in c.named:
                c.named.append(hit.actor_id)


def _role_refs(kb: KnowledgeBase, cands: list[Cand], roles: dict[tuple[str, str], str]) -> None:
    """A person-role composition without a name ("وقال وزير الخارجية الروسي") is the person who held
    that role earlier in the same text, when there is one."""
    for c in cands:
        if c.role_key is not None and c.role_key in roles and kb.sectors[c.role_key[1]].person:
            pid = roles[c.role_key]
            c.actor_id, c.type, c.origin, c.person = pid, kb.entries[pid].type if pid in kb.entries else "PER", \
                "coref", True


def _unknown_pass(kb: KnowledgeBase, tokens: Sequence[Token], lo: int, hi: int, cands: list[Cand]) -> list[Cand]:
    """Pass 3: new persons after titles, new units and organisations, on tokens nothing else claimed."""
    taken = {k for c in cands for k in range(c.first, c.last)}
    out: list[Cand] = []
    i = lo
    while i < hi:
        if i in taken:
            i += 1
            continue
        tm = kb.title_matcher.longest_at(tokens, i, hi)
        if tm is not None:
            span = person_after_title(kb, tokens, tm.last, hi)
            if span and not any(k in taken for k in range(*span)):
                name_ar = " ".join(t.text for t in tokens[span[0]:span[1]])
                from marsad.actors.unknown import transliterate
                new = NewActor(i, span[1], span, "PER", transliterate(name_ar), name_ar, "pattern")
                out.append(Cand(span[0], span[1], new.id, "PER", "pattern", span, person=True, new=new))
                i = span[1]
                continue
        u = unit_at(kb, tokens, i, hi)
        if u is not None and not any(k in taken for k in range(u.first, u.last)):
            out.append(Cand(u.first, u.last, u.id, u.type, u.origin, u.head, new=u))
            i = u.last
            continue
        i += 1
    return out


def _bare_sectors(kb: KnowledgeBase, doc: Document, cands: list[Cand]) -> list[Cand]:
    """"وأكدت الخارجية في البيان": a bare sector noun is the same sector's actor met earlier in the text."""
    tokens = doc.tokens
    taken = {k for c in cands for k in range(c.first, c.last)}
    firsts: dict[str, tuple[int, Cand]] = {}
    for c in sorted(cands, key=lambda c: c.first):
        if c.role_key is not None and c.origin == "generic":
            firsts.setdefault(c.role_key[1], (c.last, c))
    out: list[Cand] = []
    for lo, hi in _sentence_ranges(doc):
        i = lo
        while i < hi:
            found = None if i in taken else bare_sector_at(kb, tokens, i, hi)
            if found is None:
                i += 1
                continue
            sector, end = found
            prior = firsts.get(sector.id)
            if prior is not None and prior[0] <= i and not any(k in taken for k in range(i, end)):
                c = prior[1]
                out.append(Cand(i, end, c.actor_id, c.type, "coref", None, role_key=c.role_key))
            i = end
    return out


def _is_person(kb: KnowledgeBase, c: Cand) -> bool:
    entry = kb.entry(c.actor_id)
    return c.person and (entry.type == "PER" if entry is not None else c.new is not None and c.new.type == "PER")


def _anaphora(kb: KnowledgeBase, doc: Document, cands: list[Cand]) -> list[Cand]:
    """Words that point back at a person just named, as coref mentions of that person.

    - "وقال الأخير" (``anaphors``): the last actor named, in this sentence or the one before, when that
      actor is a person — "الأخير" after a definite noun is its adjective ("الأسبوع الأخير"), after "في"
      an adverb, before "من" a superlative ("الأخير من نوعه").
    - a bare rank of ``bare_ranks`` ("وقال المشير إن …"): the last person who carried that rank in this text, or whom the
      knowledge base knows by it (``epithets_ar`` of the actor).
    """
    tokens = doc.tokens
    taken = {k for c in cands for k in range(c.first, c.last)}
    ordered = sorted(cands, key=lambda c: c.last)
    sent_of = {}
    for n, (lo, hi) in enumerate(_sentence_ranges(doc)):
        for k in range(lo, hi):
            sent_of[k] = n
    role_keys: dict[str, set[tuple[str, ...]]] = {}
    for c in cands:
        if c.role:
            role_keys.setdefault(c.actor_id, set()).add(phrase_keys(c.role))
    out: list[Cand] = []
    for i, tok in enumerate(tokens):
        if i in taken or not tok.is_word:
            continue
        before = [c for c in ordered if c.last <= i]
        if set(tok.keys) & kb.keys["anaphors"] and "ال" in tok.proclitics:
            prev = tokens[i - 1] if i > 0 else None
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if prev is not None and prev.is_word and (
                    prev.norm.startswith("ال") and prev.norm not in kb.keys["stop"] or prev.norm == "في"):
                continue
            if nxt is not None and nxt.norm == "من" or not before:
                continue
            last = before[-1]
            if _is_person(kb, last) and sent_of.get(i, 0) - sent_of.get(last.first, 0) <= 1:
                out.append(Cand(i, i + 1, last.actor_id, last.type, "coref", None, person=True, new=last.new))
            continue
        m = kb.title_matcher.longest_at(tokens, i)
        if m is None or m.last != i + 1 or not set(tok.keys) & kb.keys["bare_ranks"]:
            continue
        if person_after_title(kb, tokens, m.last, len(tokens)):
            continue  # a title before a name is that name's
        keys = phrase_keys(doc.text[tokens[i].start:tokens[m.last - 1].end])
        known = kb.epithet_titles.get(keys, set())
        for c in reversed(before):
            if _is_person(kb, c) and (c.actor_id in known or any(
                    _contains(r, keys) for r in role_keys.get(c.actor_id, ()))):
                out.append(Cand(i, m.last, c.actor_id, c.type, "coref", None, person=True, new=c.new))
                break
    return out


def _contains(seq: tuple[str, ...], sub: tuple[str, ...]) -> bool:
    return any(seq[k:k + len(sub)] == sub for k in range(len(seq) - len(sub) + 1))


def home_country(kb: KnowledgeBase, doc: Document, cands: list[Cand]) -> str | None:
    """The one country a document is about, or None: the country named most often — by its name or
    adjective, or as the country of a knowledge-base actor — when it has at least three mentions and at
    least one and a half times as many as the next country."""
    from collections import Counter

    tokens = doc.tokens
    counts: Counter[str] = Counter()
    for c in cands:
        entry = kb.entry(c.actor_id)
        if entry is not None and entry.country:
            counts[entry.country] += 1
        elif c.role_key is not None:
            counts[c.role_key[0]] += 1  # a generic composition: "الشرطة المصرية"
    taken = {k for c in cands for k in range(c.first, c.last)}
    given = kb.keys["given_names"]
    for i in range(len(tokens)):
        if i in taken or i > 0 and set(tokens[i - 1].keys) & given:
            continue  # "منصور التركي": a family name, not a nationality
        for matcher in (kb.country_names, kb.adjectives):
            m = matcher.longest_at(tokens, i)
            if m is not None and m.last == i + 1:
                counts[m.payloads[0]] += 1
                break
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and 2 * ranked[0][1] < 3 * ranked[1][1]):
        return None
    return ranked[0][0]


def _home_sectors(kb: KnowledgeBase, doc: Document, cands: list[Cand]) -> list[Cand]:
    """"وقال البرلمان" / "مجلس النواب" alone, in a document about one country, is that country's body —
    when the knowledge base names it (LY/parliament -> House of Representatives), or as the generic
    actor of that country for ``home_generic`` sectors ("وقالت الشرطة" -> Egyptian Police). The form
    must be definite, and a definite word right after is a modifier of another body ("البرلمان
    الأوروبي") and blocks it."""
    home = home_country(kb, doc, cands)
    if home is None:
        return []
    tokens = doc.tokens
    taken = {k for c in cands for k in range(c.first, c.last)}
    out: list[Cand] = []
    for lo, hi in _sentence_ranges(doc):
        for m in _free_matches(kb.home_matcher, tokens, lo, hi, taken):
            i = m.first
            sector = kb.sectors[m.payloads[0]]
            aid = kb.generic_override.get((home, sector.id))
            if aid is None and sector.home_generic:
                aid = generic_id(kb, home, sector.id)
            modified = _modified(kb, tokens, m.last, hi)
            # an indefinite form is a construct with its owner ("شرطة لندن") or an indefinite ("رجال أمن")
            definite = any(_definite(t) for t in tokens[m.first:m.last])
            if aid is not None and definite and not modified and not any(k in taken for k in range(i, m.last)):
                typ = kb.entries[aid].type if aid in kb.entries else sector.type
                out.append(Cand(i, m.last, aid, typ, "generic", None, role_key=(home, sector.id)))
    return out + _sided_arms(kb, doc, cands, home)


def _free_matches(matcher: PhraseMatcher, tokens: Sequence[Token], lo: int, hi: int,
                  taken: set[int]) -> Iterator[Match]:
    """Longest matches in tokens [lo, hi), left to right, none starting on a ``taken`` token."""
    i = lo
    while i < hi:
        m = None if i in taken else matcher.longest_at(tokens, i, hi)
        if m is None:
            i += 1
            continue
        yield m
        i = m.last


def _modified(kb: KnowledgeBase, tokens: Sequence[Token], last: int, hi: int) -> bool:
    """A definite word (not a stop word) right after a bare form makes it another body's: "البرلمان
    الأوروبي", "سلاح الجو التركي"."""
    nxt = tokens[last] if last < hi else None
    return nxt is not None and nxt.is_word and nxt.norm.startswith("ال") and not (set(nxt.keys) & kb.keys["stop"])


SIDE_WINDOW = 0  # sentences back to look for the side an arm belongs to (0: its own sentence only)


def _sided_arms(kb: KnowledgeBase, doc: Document, cands: list[Cand], home: str) -> list[Cand]:
    """"وأكد قنونو أن سلاح الجو نفذ خمس طلعات": a bare arm ("سلاح الجو") in a document about one country
    is the arm of the home side named last before it in the same sentence (its speaker, mostly): that side's
    own air arm in the knowledge base, else the side itself. Without such a side it is left alone."""
    tokens = doc.tokens
    taken = {k for c in cands for k in range(c.first, c.last)}
    ranges = _sentence_ranges(doc)
    out: list[Cand] = []
    for n, (lo, hi) in enumerate(ranges):
        for m in _free_matches(kb.sided_matcher, tokens, lo, hi, taken):
            i = m.first
            modified = _modified(kb, tokens, m.last, hi)
            floor = ranges[max(0, n - SIDE_WINDOW)][0]
            side = None if modified else _side_before(kb, cands, floor, i, home)
            if side is not None and not any(k in taken for k in range(i, m.last)):
                out.append(Cand(i, m.last, side, kb.entries[side].type, "coref", None))
    return out


def _side_before(kb: KnowledgeBase, cands: list[Cand], floor: int, i: int, home: str) -> str | None:
    """The arm, in the knowledge base, of the home-country side named last in tokens ``[floor, i)``."""
    for c in sorted((c for c in cands if floor <= c.first and c.last <= i), key=lambda c: c.last, reverse=True):
        entry = kb.entry(c.actor_id)
        if entry is None or entry.country != home:
            continue
        chain = [c.actor_id, *coref.affiliation_path(kb, c.actor_id)]
        for aid in chain:
            arm = kb.air_force_of(aid)
            if arm is not None:
                return arm
        sides = [a for a in chain if kb.entries[a].type in ("MIL", "GOV")]
        if sides:
            return sides[-1]
    return None


def _definite(tok: Token) -> bool:
    return "ال" in tok.proclitics or tok.norm.startswith(("ال", "لل", "وال", "بال", "فال", "ولل"))


def _bare_start(kb: KnowledgeBase, tok: Token) -> int:
    """Start offset of a token without its conjunction/preposition ("والجيش" -> "الجيش", "لقناة" ->
    "قناة"). Nothing is trimmed from a word that is itself the start of a name ("وليامز") or where the
    article's alef is not written ("للأمم")."""
    pro = tok.proclitics
    if not pro or tok.keys[0] in kb.first_keys or pro.endswith("لل"):
        return tok.start
    if pro.endswith("ال"):
        pro = pro[:-2]
    n = len(pro)
    if not pro or normalize(tok.text[:n]) != pro:
        return tok.start
    return tok.start + n


def _add_named(kb: KnowledgeBase, doc: Document, reg: _Registry, cands: list[Cand]) -> None:
    """Actors named only inside another's mention ("قوات حفتر" -> Haftar) join the document's actors after
    all others, with the enclosing mention as their evidence. They get no mention of their own: the phrase
    is the force's (events and framing read it as one actor), and actor mentions never overlap."""
    tokens = doc.tokens
    for c in cands:
        for aid in c.named:
            if aid in reg.actors or aid not in kb.entries:
                continue
            e = kb.entries[aid]
            start, end = _bare_start(kb, tokens[c.first]), tokens[c.last - 1].end
            reg.named[aid] = reg.named.get(aid) or Actor(e.id, e.name_en, e.name_ar, e.type, e.country,
                                                         e.affiliation, e.role, list(e.codes))
            if (start, end) not in reg.named[aid].mentions:
                reg.named[aid].mentions.append((start, end))


def recognize_actors(doc: Document, kb: KnowledgeBase | None = None) -> Document:
    """Pipeline stage: fill ``doc.mentions`` (kind "actor") and ``doc.actors``."""
    kb = kb or default_kb()
    tokens = doc.tokens
    seen: set[str] = set()
    roles: dict[tuple[str, str], str] = {}
    all_cands: list[Cand] = []
    for lo, hi in _sentence_ranges(doc):
        cands = _names_pass(kb, tokens, lo, hi, seen)
        cands += _unknown_pass(kb, tokens, lo, hi, cands)
        cands.sort(key=lambda c: c.first)
        _role_refs(kb, cands, roles)
        cands = _attach_titles(kb, doc, lo, cands, roles, all_cands)
        cands = _force_groups(kb, tokens, lo, cands)
        all_cands += cands
    _role_refs(kb, all_cands, roles)  # a headline's "وزير الدفاع التركي" before the name is the same person
    all_cands += coref.link_back(kb, doc, all_cands)
    all_cands += _anaphora(kb, doc, all_cands)
    all_cands += _bare_sectors(kb, doc, all_cands)
    all_cands += _home_sectors(kb, doc, all_cands)
    all_cands += coref.tagger_names(kb, doc, all_cands)
    _named_inside(kb, tokens, all_cands)
    all_cands.sort(key=lambda c: (tokens[c.first].start, -tokens[c.last - 1].end))
    reg = _Registry(kb)
    mentions = [m for m in doc.mentions if m.kind != "actor"]
    for c in all_cands:
        actor = reg.ensure(c, doc)
        start, end = _bare_start(kb, tokens[c.first]), tokens[c.last - 1].end
        head = (_bare_start(kb, tokens[c.head[0]]), tokens[c.head[1] - 1].end) if c.head else None
        mentions.append(Mention(start, end, doc.text[start:end], "actor", actor.id, actor.type, c.origin, head))
        actor.mentions.append((start, end))
        if c.role and c.person and actor.role is None:
            actor.role = c.role
    doc.mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
    _add_named(kb, doc, reg, all_cands)
    keep = [a for a in doc.actors if a.id not in reg.actors and a.id not in reg.named]
    doc.actors = keep + list(reg.actors.values()) + list(reg.named.values())
    return doc
