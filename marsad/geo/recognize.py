"""Pipeline stage ``places``: find place names, resolve and geocode them, and tell location from actor.

1. **Find**: longest match of gazetteer names over the clitic-aware tokens ("وبطرابلس" -> طرابلس); a
   reading that only works by cutting a pronoun suffix is refused (a place name takes no possessive).
2. **Guard**: a *stoplist* name (الخميس، النصر) or a *cued* entry (a small foreign town) needs a cue: a
   place noun right before it ("مدينة الخميس") or its nationality adjective right after it ("بياريتز
   الفرنسية"); a stoplist name of the document's own country also passes after a locative preposition
   ("في الزاوية"). A neighbourhood, base or field (precision *locality*) needs the document to be about
   its country, or a cue. A one-word definite name right after a definite noun is an adjective there
   ("الأسلحة البيضاء"), not a place. A name inside a person's name is not a place.
3. **Disambiguate** (:mod:`marsad.geo.disambiguate`): the candidate in the document's focus country,
   else the most populous.
4. **Use**: after a locative word ("في", "جنوب", "محيط") a name is a *location*; after an attack word
   ("الهجوم على طرابلس", "قصف طرابلس") a *target*; a state named outside a locative context, or a city
   next to a verb ("طرابلس ترفض"), an *actor*. Targets and actors also become GPE actors in
   ``doc.actors``; a foreign capital acting stands for its state ("موسكو تدعم" -> Russia). The
   document's own focus country is the arena, not an actor, unless it is attacked.
5. **Unknown names** after a place noun ("بمنطقة الرملة" when الرملة is not known) become ``new:``
   places with no coordinates and the precision the noun implies; with the NER tagger present, a LOC
   span the gazetteer knows under a cued entry is accepted too.

Context words live in ``marsad/data/gazetteer/context.yaml``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from marsad.data import load_yaml
from marsad.doc import Actor, Document, Mention, Place, Token
from marsad.geo.disambiguate import choose, country_evidence, focus_country
from marsad.geo.gazetteer import Entry, Gazetteer, country_adjectives, country_cameo, default_gazetteer
from marsad.match import Match
from marsad.normalize import match_key, normalize

LOCATION, TARGET, ACTOR = "location", "target", "actor"


@dataclass(frozen=True, slots=True)
class Context:
    """The word lists of ``context.yaml`` as sets of match keys."""

    cues: dict[str, str]
    definite_cues: frozenset[str]
    locative: frozenset[str]
    attack: frozenset[str]
    attack_link: frozenset[str]
    openers: frozenset[str]
    name_heads: frozenset[str]
    not_names: frozenset[str]
    actor_nouns: frozenset[str]
    vague_heads: frozenset[str]
    plural_cues: frozenset[str]


@cache
def context() -> Context:
    cfg = load_yaml("gazetteer/context.yaml")

    def keys(words) -> frozenset[str]:
        return frozenset(match_key(str(w)) for w in words or [])

    cues = {match_key(k): v for k, v in (cfg.get("cue_nouns") or {}).items()}
    definite = frozenset(match_key(k) for k in (cfg.get("cue_nouns") or {}) if str(k).startswith("ال"))
    return Context(cues, definite, keys(cfg.get("locative")), keys(cfg.get("attack")),
                   keys(cfg.get("attack_link")), keys(cfg.get("clause_openers")), keys(cfg.get("name_heads")),
                   keys(cfg.get("not_names")), keys(cfg.get("actor_nouns")),
                   keys(cfg.get("vague_heads")), keys(cfg.get("plural_cues")))


@dataclass(slots=True)
class Found:
    """A gazetteer match that survived the guards, with its chosen entry and its use."""

    match: Match[str]
    candidates: list[Entry]
    entry: Entry | None = None
    role: str = LOCATION
    in_actor: bool = False


# ------------------------------------------------------------------------------------------ helpers


def _has(tok: Token | None, keys: frozenset[str] | dict) -> bool:
    return tok is not None and tok.is_word and any(k in keys for k in tok.keys)


def _definite(tok: Token) -> bool:
    return tok.norm.startswith("ال") or tok.proclitics.endswith("ال") or tok.proclitics.endswith("لل")


def _enclitic_only(tokens: Sequence[Token], m: Match[str], gaz: Gazetteer) -> bool:
    """True when the match needed a pronoun suffix cut off ("سرته"): places take no possessive."""
    tok = tokens[m.last - 1]
    if not tok.enclitic:
        return False
    names = {match_key(n).split()[-1] for i in m.payloads for n in gaz.entries[i].names() if n}
    return not any(tok.norm.endswith(n) for n in names)


def _preposition(tok: Token) -> str:
    """The preposition glued to a word, without the conjunction and the article: "وبطرابلس" -> "ب",
    "للعاصمة" -> "ل", "الولايات" -> ""."""
    pro = tok.proclitics
    if pro.endswith("لل"):
        pro = pro[:-1]
    elif pro.endswith("ال"):
        pro = pro[:-2]
    return pro.lstrip("وف")


def _word_before(tokens: Sequence[Token], i: int, text: str | None = None) -> Token | None:
    """The word right before token ``i``, on the same line when ``text`` is given (a headline's or a
    dateline's last word is not next to the body's first one)."""
    if i <= 0 or not tokens[i - 1].is_word:
        return None
    if text is not None and "\n" in text[tokens[i - 1].end:tokens[i].start]:
        return None
    return tokens[i - 1]


def _word_after(tokens: Sequence[Token], i: int, text: str | None = None) -> Token | None:
    """The word at token ``i`` (right after a match ending there), on the same line when ``text`` is
    given."""
    if i >= len(tokens) or not tokens[i].is_word:
        return None
    if text is not None and i > 0 and "\n" in text[tokens[i - 1].end:tokens[i].start]:
        return None
    return tokens[i]


def _is_cue(tok: Token | None, ctx: Context) -> str | None:
    """The precision implied by a place noun in the construct state ("مدينة"/"بمنطقة"), else None."""
    if tok is None or not tok.is_word:
        return None
    if "إحياء" in tok.text:
        return None  # "إحياء الذكرى" (reviving), not "أحياء" (neighbourhoods): the hamza tells them apart
    for k in tok.keys:
        if k in ctx.cues and (k in ctx.definite_cues or not _definite(tok)):
            return ctx.cues[k]
    return None


def _adjective_after(tokens: Sequence[Token], m: Match[str], entry: Entry, gaz: Gazetteer) -> bool:
    """The entry's nationality adjective or country name follows ("بياريتز الفرنسية")."""
    nxt = _word_after(tokens, m.last)
    if nxt is None or not entry.country:
        return False
    adjs = country_adjectives()
    if any(adjs.get(k) == entry.country for k in nxt.keys):
        return True
    country = gaz.country(entry.country)
    return country is not None and any(k in {match_key(n) for n in country.names()} for k in nxt.keys)


def _looks_like_verb(tok: Token | None) -> bool:
    """A rough test for a verb next to a name: an imperfect ("ترفض", "تدعم", "تنسقان") or a feminine
    perfect ("رفضت", "أعربت") — enough to tell "طرابلس ترفض" from "طرابلس الكبرى"."""
    if tok is None or not tok.is_word or tok.norm.startswith("ال"):
        return False
    w = tok.norm[1:] if tok.norm.startswith(("و", "ف")) and len(tok.norm) > 4 else tok.norm
    if len(w) < 4 or w.endswith("ات"):
        return False  # "تحركات", "تصريحات": plurals, not verbs
    if len(w) == 5 and w[0] == "ت" and w[3] == "ي":
        return False  # "تأمين", "تحرير", "تدمير": the verbal noun of form II, not a verb
    return w[0] in "تي" or w.endswith("ت")


@cache
def _speech_verbs() -> frozenset[str]:
    return frozenset(match_key(str(w)) for w in load_yaml("gazetteer/context.yaml").get("speech_verbs") or [])


@cache
def _asides() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(match_key(w) for w in str(a).split())
                     for a in load_yaml("gazetteer/context.yaml").get("speech_asides") or [])


def _aside_length(tokens: Sequence[Token], i: int) -> int:
    """Words of an aside (``speech_asides``: "بدورها", "من جهتها") starting at token ``i``, else 0."""
    for aside in _asides():
        toks = tokens[i:i + len(aside)]
        if len(toks) == len(aside) and all(t.is_word and (t.norm == w or w in t.keys)
                                           for t, w in zip(toks, aside, strict=True)):
            return len(aside)
    return 0


def _speech_verb(tok: Token | None) -> bool:
    """A verb of saying, accusing or denying (``speech_verbs`` of ``context.yaml``) next to a name: the
    name speaks ("اتهمت أنقرة", "موسكو تنفي"), whatever the verb's length or order."""
    return tok is not None and tok.is_word and bool(set(tok.keys) & _speech_verbs())


# --------------------------------------------------------------------------------------------- stage


def find_places(doc: Document, gaz: Gazetteer) -> tuple[list[Found], str | None]:
    """Gazetteer matches that pass the guards, with the document's focus country."""
    ctx = context()
    tokens = doc.tokens
    raw: list[Found] = []
    for m in gaz.matcher.find(tokens):
        if _enclitic_only(tokens, m, gaz):
            continue
        raw.append(Found(m, [gaz.entries[i] for i in m.payloads]))
    person_spans = _person_spans(doc) + _outlet_spans(doc)
    raw = [f for f in raw if not any(s <= f.match.start and f.match.end <= e for s, e in person_spans)]
    solid = [f.candidates for f in raw if not _is_stop(tokens, f.match, gaz)
             and all(c.tier == "free" for c in f.candidates)]
    focus = focus_country(country_evidence(solid, tokens, country_adjectives()))
    kept: list[Found] = []
    for f in raw:
        m = f.match
        before = _word_before(tokens, m.first)
        cue = _is_cue(before, ctx) is not None
        locative = _has(before, ctx.locative) or _preposition(tokens[m.first]) == "ب"
        if (m.last - m.first == 1 and _is_cue(tokens[m.first], ctx) is not None
                and _word_after(tokens, m.last) is not None and not _definite(tokens[m.first])):
            continue  # "بمدينة العيون": the place noun itself, not the town called مدينة
        stop = _is_stop(tokens, m, gaz)
        plausible = _plausible_name(tokens[m.first])
        article_mismatch = _definite(tokens[m.first]) and not _any_definite_name(f.candidates, m)
        adjectival = (m.last - m.first == 1 and _definite(tokens[m.first]) and before is not None
                      and _definite(before) and not cue and not _has(before, ctx.locative))
        cands = []
        for c in f.candidates:
            cued = (cue and plausible) or _adjective_after(tokens, m, c, gaz)
            if c.tier == "cued" and not cued or article_mismatch or (c.literal and m.stripped):
                continue
            if (stop or c.tier == "common") and not ((cue and plausible) or (locative and c.country == focus)):
                continue
            if c.precision == "locality" and c.country != focus and not cued:
                continue
            if adjectival and c.precision != "country" and not cued and not _listed(kept, m, tokens):
                continue
            cands.append(c)
        if cands:
            f.candidates = cands
            kept.append(f)
    return kept, focus


def _any_definite_name(cands: list[Entry], m: Match[str]) -> bool:
    """Some candidate has a name whose first word carries the article, as the text's word does: "السورية"
    is the adjective, not the country سورية; "التركية" not تركية."""
    width = m.last - m.first
    return any(normalize(n).split()[0].startswith("ال") for c in cands for n in c.names()
               if len(n.split()) == width)


def _listed(kept: list[Found], m: Match[str], tokens: Sequence[Token]) -> bool:
    """The name continues a list of places ("اليرموك والكريمية")."""
    if not kept:
        return False
    last = kept[-1].match.last
    return last == m.first or (last == m.first - 1 and tokens[last].text in {"،", ","})


def _is_stop(tokens: Sequence[Token], m: Match[str], gaz: Gazetteer) -> bool:
    toks = tokens[m.first:m.last]
    if len(toks) == 1:
        return any(k in gaz.stoplist for k in toks[0].keys)
    return " ".join(t.keys[0] for t in toks) in gaz.stoplist or " ".join(t.stem for t in toks) in gaz.stoplist


def _person_spans(doc: Document) -> list[tuple[int, int]]:
    out = []
    for mention in doc.mentions:
        if mention.kind != "actor":
            continue
        actor = doc.actor(mention.entity_id)
        if actor is not None and actor.type == "PER":
            out.append(mention.head or (mention.start, mention.end))
    return out


def _outlet_spans(doc: Document) -> list[tuple[int, int]]:
    """Where the document names its own outlet ("بنغازي – منبر برقة"): a place word there is part of
    the outlet's name, not a place of the story."""
    outlet = (doc.source.outlet or "").strip() if doc.source else ""
    if len(outlet) < 3:
        return []
    out, i = [], doc.text.find(outlet)
    while i >= 0:
        out.append((i, i + len(outlet)))
        i = doc.text.find(outlet, i + 1)
    return out


def _dateline(text: str, f: Found) -> bool:
    """The place opens a line and a dash, bracket or colon follows it ("طرابلس – صدى طرابلس",
    "تونس (المرصد المغاربي) –"): where the report was filed, a city."""
    line_start = text.rfind("\n", 0, f.match.start) + 1
    if text[line_start:f.match.start].strip():
        return False
    rest = text[f.match.end:f.match.end + 3].lstrip(" \u00a0")
    return rest[:1] in {"–", "-", "—", "(", ":", "،", ","}


def _groups(found: list[Found], tokens: Sequence[Token]) -> list[list[Found]]:
    """Lists of places joined by "و" or a comma ("فرنسا وبريطانيا وألمانيا") share one use."""
    groups: list[list[Found]] = []
    for f in found:
        if groups:
            prev = groups[-1][-1].match
            gap = tokens[prev.last:f.match.first]
            joined = (not gap and tokens[f.match.first].norm.startswith("و")) or (
                len(gap) == 1 and gap[0].text in {"،", ","})
            if joined:
                groups[-1].append(f)
                continue
        groups.append([f])
    return groups


ATTACK_WINDOW = 6  # words between an attack noun and "على" + target ("الهجوم الذي أطلقه الجيش على طرابلس")


def _attack_before(tokens: Sequence[Token], i: int, ctx: Context, text: str | None) -> bool:
    """An attack word among the ``ATTACK_WINDOW`` words ending at token ``i``, in the same clause: the
    scan stops at punctuation, a line break or a clause opener."""
    j = i
    for _ in range(ATTACK_WINDOW):
        if j < 0 or not tokens[j].is_word:
            return False
        if text is not None and "\n" in text[tokens[j].end:tokens[j + 1].start]:
            return False
        if _has(tokens[j], ctx.attack):
            return True
        if _has(tokens[j], ctx.openers):
            return False
        j -= 1
    return False


def classify(tokens: Sequence[Token], group: list[Found], text: str | None = None) -> str:
    """Location, target or actor, from the words around a (list of) place name(s). With ``text``, the
    words around are looked for on the same line only."""
    ctx = context()
    first, last = group[0].match.first, group[-1].match.last
    i = first - 1
    before = _word_before(tokens, first, text)
    if _is_cue(before, ctx) is not None:  # "تقصف العاصمة طرابلس": look past the place noun
        i -= 1
        before = _word_before(tokens, i + 1, text)
    head = tokens[first]
    glued = _preposition(head) if group[0].match.stripped else ""  # "باريس" read whole has no "ب"
    if glued == "ب":
        return LOCATION
    if _has(before, ctx.attack):
        return TARGET
    if _has(before, ctx.attack_link):  # "الهجوم على طرابلس", "هجوم الجيش الوطني الليبي على طرابلس"
        return TARGET if i > 0 and _attack_before(tokens, i - 1, ctx, text) else LOCATION
    if _has(before, ctx.locative):
        return LOCATION
    if glued == "ل":
        return LOCATION
    if _has(before, ctx.actor_nouns) and glued == "":
        return ACTOR  # "نية أنقرة", "موقف القاهرة": the genitive of a stance noun is the one who holds it
    after = _word_after(tokens, last + _aside_length(tokens, last), text)
    if _looks_like_verb(after) or _looks_like_verb(before):
        return ACTOR
    if glued == "" and (_speech_verb(before) or _speech_verb(after)):
        return ACTOR  # "نفت موسكو", "دعت أنقرة", "ترى أبوظبي": short verbs the shape test misses
    return ACTOR if any(f.entry and f.entry.precision == "country" for f in group) else LOCATION


def _add_pattern_place(doc: Document, places: dict[str, Place], p: Place) -> None:
    """Keep a place found by a pattern (a facility, a ``new:`` name), uniting its mentions with an earlier
    place of the same id."""
    place = places.setdefault(p.id, p)
    if place is not p:
        place.mentions.extend(m for m in p.mentions if m not in place.mentions)
    for s, e in p.mentions:
        doc.mentions.append(Mention(s, e, doc.text[s:e], "place", p.id, "LOC", "pattern"))


def _inside_actor(doc: Document, start: int, end: int) -> bool:
    return any(mn.kind == "actor" and mn.start <= start and end <= mn.end and (mn.start, mn.end) != (start, end)
               for mn in doc.mentions)


def geocode_places(doc: Document) -> Document:
    """Pipeline stage: fill ``doc.places`` (with place mentions) and add GPE actors to ``doc.actors``."""
    if not doc.tokens:
        return doc
    gaz = default_gazetteer()
    found, focus = find_places(doc, gaz)
    for group in _groups(found, doc.tokens):
        provisional = [choose(f.candidates, focus, ACTOR) for f in group]
        for f, e in zip(group, provisional, strict=True):
            f.entry = e
        role = LOCATION if _dateline(doc.text, group[0]) else classify(doc.tokens, group, doc.text)
        for f in group:
            f.role = role
            f.entry = choose(f.candidates, focus, role)
            f.in_actor = _inside_actor(doc, f.match.start, f.match.end)
    places: dict[str, Place] = {p.id: p for p in doc.places}
    for f in found:
        e = f.entry
        assert e is not None
        span = (f.match.start, f.match.end)
        place = places.get(e.id)
        if place is None:
            place = places[e.id] = Place(e.id, e.name_en, e.name_ar, e.country, e.lat, e.lon, e.precision,
                                         e.admin1)
        if span not in place.mentions:
            place.mentions.append(span)
        doc.mentions.append(Mention(span[0], span[1], doc.text[span[0]:span[1]], "place", e.id, "LOC",
                                    "gazetteer"))
        if f.role in (ACTOR, TARGET) and not f.in_actor and e.precision != "locality":
            _add_gpe_actor(doc, gaz, e, span, f.role, focus)
        elif e.type in SPEAKING_FACILITIES and not f.in_actor and _speaks(doc.tokens, f.match.first, f.match.last):
            _add_facility_actor(doc, e, span)
    _doer_adjectives(doc, gaz, focus)
    for p in _facilities(doc, found) + _institutions(doc, found) + _bare_capitals(doc, gaz, found, focus):
        _add_pattern_place(doc, places, p)
    for p in _unknown_places(doc, found, gaz):
        _add_pattern_place(doc, places, p)
    for p in _tagger_places(doc, gaz, places):
        places[p.id] = p
        for s, e_ in p.mentions:
            doc.mentions.append(Mention(s, e_, doc.text[s:e_], "place", p.id, "LOC", "tagger"))
    doc.places = sorted(places.values(), key=lambda p: p.mentions[0] if p.mentions else (0, 0))
    for p in doc.places:
        p.mentions.sort()
    return doc


def _add_gpe_actor(doc: Document, gaz: Gazetteer, e: Entry, span: tuple[int, int], role: str,
                   focus: str | None) -> None:
    """A place used as an actor or attacked: the GPE actor (a foreign capital acting -> its state)."""
    if e.precision == "country" and e.country == focus and role != TARGET:
        return  # the arena of the story, not one of its actors
    if role == ACTOR and e.capital and e.country and e.country != focus:
        state = gaz.country(e.country)
        if state is not None:
            e = state
    existing = next((a for a in doc.actors if a.id == e.id
                     or (a.type == "GPE" and a.name_en.casefold() == e.name_en.casefold())), None)
    if existing is None:
        cameo = country_cameo().get(e.country or "")
        existing = Actor(e.id, e.name_en, e.name_ar, "GPE", e.country, codes=[cameo] if cameo else [])
        doc.actors.append(existing)
    if span not in existing.mentions:
        existing.mentions.append(span)
        existing.mentions.sort()
    doc.mentions.append(Mention(span[0], span[1], doc.text[span[0]:span[1]], "actor", existing.id, "GPE",
                                "gazetteer"))


@cache
def _doer_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    cfg = load_yaml("gazetteer/context.yaml")

    def keys(name: str) -> frozenset[str]:
        return frozenset(match_key(str(w)) for w in cfg.get(name) or [])

    return keys("doer_nouns"), keys("doer_qualifiers"), keys("doer_origin_words")


def _doer_adjectives(doc: Document, gaz: Gazetteer, focus: str | None) -> None:
    """"الغزو التركي", "القصف الروسي", "التدخل العسكري الإماراتي": a nationality adjective qualifying an
    event noun names the state that acts, so it becomes a mention of that state's GPE actor (an event
    can then take it as its source). The document's own country stays the arena (``_add_gpe_actor``);
    an adjective already inside an actor's name ("القوات التركية") is the actor stage's."""
    nouns, qualifiers, origin = _doer_words()
    adjectives = country_adjectives()
    tokens = doc.tokens
    taken = [(mn.start, mn.end) for mn in doc.mentions if mn.kind == "actor"]
    for i, tok in enumerate(tokens[:-1]):
        if not _has(tok, nouns):
            continue
        j = i + 1
        if _has(_word_after(tokens, j, doc.text), qualifiers) and j + 1 < len(tokens):
            j += 1
        adj = _word_after(tokens, j, doc.text)
        if adj is None or adj.proclitics.strip("ال") or _definite(adj) != _definite(tok):
            continue  # "القصف التركي" and "غارات روسية" agree; "قصف التركي" / "وبالتركية" do not
        iso = next((adjectives[k] for k in adj.keys if k in adjectives), None)
        state = gaz.country(iso)
        if state is None or any(s < adj.end and adj.start < e for s, e in taken):
            continue
        if _has(_word_after(tokens, j + 1, doc.text), origin):
            continue  # "طائرة مسيرة تركية الصنع": made in Turkey, not flown by it
        if _quoted(doc.text, tok.start, adj.end):
            continue  # ما سماه "الغزو التركي": a speaker's label for the other side, not a report of an act
        _add_gpe_actor(doc, gaz, state, (adj.start, adj.end), ACTOR, focus)
        taken.append((adj.start, adj.end))  # "طائرة مسيرة إماراتية" is reached twice


QUOTES_OPEN, QUOTES_CLOSE = frozenset('"«“'), frozenset('"»”')


def _quoted(text: str, start: int, end: int) -> bool:
    """The span is a quoted phrase of its own: a quotation mark right before and right after it."""
    before = text[max(0, start - 2):start].strip()
    after = text[end:end + 2].strip()
    return bool(before) and before[-1] in QUOTES_OPEN and bool(after) and after[0] in QUOTES_CLOSE


# ------------------------------------------------------------------------------------ facilities

#: facilities that issue statements of their own ("قالت الصفحة الرسمية لقاعدة الوطية الجوية إن …")
SPEAKING_FACILITIES = frozenset({"airbase", "airport"})
#: nouns of the voice of a body between a speech verb and its name: "الصفحة الرسمية لـ"، "المكتب الإعلامي لـ"
VOICE_NOUNS = frozenset(normalize(w) for w in ("الصفحة", "صفحة", "الرسمية", "المكتب", "مكتب", "الإعلامي",
                                                "إعلام", "الإعلام", "إدارة", "ادارة", "المركز", "منصة", "حساب"))


def _speaks(tokens: Sequence[Token], first: int, last: int) -> bool:
    """A facility that is the subject of a speech verb: right after the verb, possibly through the voice
    that speaks for it ("قالت الصفحة الرسمية لقاعدة الوطية"), or right before it ("القاعدة أعلنت")."""
    from marsad.actors.kb import default_kb

    verbs = default_kb().keys["context_verbs"]
    j = first - 1
    hops = 0
    while j >= 0 and hops < 4 and tokens[j].is_word and (set(tokens[j].keys) | {tokens[j].norm}) & VOICE_NOUNS:
        j -= 1
        hops += 1
    if j >= 0 and tokens[j].is_word and set(tokens[j].keys) & verbs:
        return True
    return last < len(tokens) and tokens[last].is_word and bool(set(tokens[last].keys) & verbs)


def _add_facility_actor(doc: Document, e: Entry, span: tuple[int, int]) -> None:
    """A base or airport speaking is an actor of its own (MIL for a base, GOV for an airport), named as
    the place."""
    existing = doc.actor(e.id)
    if existing is None:
        name = e.name_en[:1].upper() + e.name_en[1:]
        name = " ".join(w[:1].upper() + w[1:] if w.islower() else w for w in name.split())
        existing = Actor(e.id, name, e.name_ar, "MIL" if e.type == "airbase" else "GOV", e.country)
        doc.actors.append(existing)
    if span not in existing.mentions:
        existing.mentions.append(span)
        existing.mentions.sort()
    doc.mentions.append(Mention(span[0], span[1], doc.text[span[0]:span[1]], "actor", existing.id,
                                existing.type, "gazetteer"))


# facility nouns whose construct with a known city names the city's facility: (English pattern, noun keys)
FACILITIES = (("Port of {}", frozenset({"ميناء", "مرفا"})),)


def _facilities(doc: Document, found: list[Found]) -> list[Place]:
    """"ميناء سرت", "ميناء طرابلس البحري": a facility noun before a known city or town names a place of
    its own (the port), at the city's coordinates, besides the city itself. Facilities with a name of
    their own (ميناء السدرة، مطار معيتيقة) are gazetteer entries and never reach this rule."""
    tokens = doc.tokens
    out: dict[str, Place] = {}
    for f in found:
        e = f.entry
        if e is None or e.precision != "city" or f.match.first == 0:
            continue
        before = _word_before(tokens, f.match.first, doc.text)
        if before is None or _definite(before):
            continue
        for pattern, nouns in FACILITIES:
            if not any(k in nouns for k in before.keys):
                continue
            pid = f"{e.id}-port"
            place = out.get(pid)
            if place is None:
                place = out[pid] = Place(pid, pattern.format(e.name_en), f"{before.keys[-1]} {e.name_ar}",
                                         e.country, e.lat, e.lon, "locality", e.admin1)
            place.mentions.append((_bare_start(before), f.match.end))
    return list(out.values())


@cache
def _institution_phrases() -> tuple[tuple[tuple[tuple[str, bool], ...], str, str], ...]:
    """``city_institutions`` of ``context.yaml`` as ((word key, definite) per word, English pattern,
    Arabic phrase)."""
    cfg = load_yaml("gazetteer/context.yaml").get("city_institutions") or {}
    return tuple((tuple((match_key(w), w.startswith("ال")) for w in str(k).split()), str(v), str(k))
                 for k, v in cfg.items())


INSTITUTION_WINDOW = 8  # words between the institution and its city ("الكلية العسكرية في منطقة الهضبة جنوب العاصمة طرابلس")


def _institutions(doc: Document, found: list[Found]) -> list[Place]:
    """"الكلية العسكرية في طرابلس", "الكلية الجوية في مدينة مصراتة": an institution known by a common
    name is placed by the first city named after it in the same clause (within ``INSTITUTION_WINDOW``
    words, no punctuation between): a locality of its own at the city's coordinates."""
    tokens = doc.tokens
    cities = {f.match.first: f.entry for f in found if f.entry is not None and f.entry.precision == "city"}
    out: dict[str, Place] = {}
    for i in range(len(tokens)):
        for words, pattern, phrase in _institution_phrases():
            toks = tokens[i:i + len(words)]
            if len(toks) < len(words) or not all(
                    t.is_word and key in t.keys and _definite(t) == definite
                    for t, (key, definite) in zip(toks, words, strict=True)):
                continue
            end = i + len(words)
            city = None
            for j in range(end, min(len(tokens), end + INSTITUTION_WINDOW)):
                if _word_after(tokens, j, doc.text) is None:
                    break
                if j in cities:
                    city = cities[j]
                    break
            if city is None:
                continue
            slug = "-".join(pattern.replace("{}", "").lower().split())
            pid = f"{city.id}-{slug}"
            place = out.get(pid)
            if place is None:
                place = out[pid] = Place(pid, pattern.format(city.name_en), f"{phrase} {city.name_ar}",
                                         city.country, city.lat, city.lon, "locality", city.admin1)
            place.mentions.append((_bare_start(toks[0]), toks[-1].end))
    return list(out.values())


@cache
def _capital_nouns() -> frozenset[str]:
    return frozenset(match_key(str(w)) for w in load_yaml("gazetteer/context.yaml").get("capital_nouns") or [])


def _bare_capitals(doc: Document, gaz: Gazetteer, found: list[Found], focus: str | None) -> list[Place]:
    """"في العاصمة", "جنوب العاصمة": the bare word names the capital of the document's own country,
    when that country is clear; "العاصمة الليبية" names the capital of the adjective's country. The word
    followed by a name ("العاصمة طرابلس") is the gazetteer's; followed by another definite word it is
    some other capital ("العاصمة الإدارية", "العاصمة الاقتصادية"); inside an actor's name ("قوة حماية
    العاصمة") it is the actor's."""
    nouns = _capital_nouns()
    tokens = doc.tokens
    covered = {i for f in found for i in range(f.match.first, f.match.last)}
    taken = [(mn.start, mn.end) for mn in doc.mentions if mn.kind in ("actor", "place")]
    adjectives = country_adjectives()
    out: dict[str, Place] = {}
    for i, tok in enumerate(tokens):
        if i in covered or not _has(tok, nouns) or not _definite(tok):
            continue
        if any(s < tok.end and tok.start < e for s, e in taken):
            continue
        nxt = _word_after(tokens, i + 1, doc.text)
        country, last = focus, tok
        if nxt is not None:
            iso = next((adjectives[k] for k in nxt.keys if k in adjectives), None)
            if i + 1 in covered:
                continue
            if iso is not None:
                country, last = iso, nxt
            elif _definite(nxt):
                continue
        capital = gaz.capitals.get(country or "")
        if capital is None or capital.lat is None:
            continue
        place = out.get(capital.id)
        if place is None:
            place = out[capital.id] = Place(capital.id, capital.name_en, capital.name_ar, capital.country,
                                            capital.lat, capital.lon, capital.precision, capital.admin1)
        place.mentions.append((_bare_start(tok), last.end))
    return list(out.values())


def _bare_start(tok: Token) -> int:
    """Start of a word without its conjunction and preposition ("وميناء" -> "ميناء")."""
    n = len(_preposition(tok)) + (1 if tok.proclitics[:1] in {"و", "ف"} else 0)
    return tok.start + n if n < len(tok.text) else tok.start


# ------------------------------------------------------------------------------------ tagger spans


def _tagger_places(doc: Document, gaz: Gazetteer, places: dict[str, Place]) -> list[Place]:
    """LOC spans of the statistical tagger that neither the gazetteer nor the actor stage explained, as
    ``new:`` places (issue 7, item 3). Careful by design, since a wrong place is worse than none:

    - a span touching a known place or an actor mention is left to them ("القوة القاهرة" stays no place
      when the gazetteer's guard refused it; "البيت الأبيض" is an actor);
    - a span opening with a generic place noun is vague ("الضواحي الجنوبية", "المنطقة الغربية", "الأراضي
      الليبية", "دول أفريقيا"); a named one after such a noun ("منطقة الرملة") is the place-noun rule's;
    - a common noun with a nationality adjective is no name ("الدولة الليبية", "الأطراف الليبية");
    - one word alone must follow a locative word ("قرب الكريمية" yes, "القوة القاهرة" no);
    - MISC spans are ignored.
    Coordinates come only from the one gazetteer entry found for the span as written or clitic-stripped
    (a name its guards held back, e.g. a locality abroad: the tagger's judgement is the cue); otherwise
    the place has none (it still lists, searchable by its Arabic name)."""
    try:
        from marsad.ner.tagger import find_entities

        spans = find_entities(doc)
    except Exception:  # noqa: BLE001 - the tagger is optional; a missing model must not stop extraction
        return []
    ctx = context()
    tokens = doc.tokens
    starts = {t.start: i for i, t in enumerate(tokens)}
    ends = {t.end: i for i, t in enumerate(tokens)}
    taken = [(m.start, m.end) for m in doc.mentions if m.kind in ("actor", "place")]
    taken += [m for p in places.values() for m in p.mentions] + _outlet_spans(doc)
    adjectives = country_adjectives()
    out: dict[str, Place] = {}
    for start, end, label in spans:
        if label != "LOC" or start not in starts or end not in ends:
            continue
        if any(s < end and start < e for s, e in taken):
            continue
        first, last = starts[start], ends[end] + 1
        toks = tokens[first:last]
        if last - first > 4 or any(not t.is_word or t.norm.isdigit() for t in toks):
            continue
        if _has(toks[0], ctx.vague_heads):
            continue  # named ones ("منطقة الرملة") are the place-noun rule's; the rest are vague
        if any(k in adjectives for t in toks[1:] for k in t.keys):
            continue  # "الدولة الليبية", "الأطراف الليبية": a common noun qualified by a nationality
        if last - first == 1 and (not _has(_word_before(tokens, first, doc.text), ctx.locative)
                                  or toks[0].norm.endswith(("ين", "ون", "ات", "ان"))):
            continue  # one word: after a locative word, and not a plural or dual noun ("من سيناريوهين")
        key = " ".join(t.keys[0] for t in toks)
        if key in gaz.stoplist or any(_has(t, ctx.not_names) for t in toks):
            continue  # "حفظهما الله", "البروفسور أبو النور", "الكؤوس الأوروبية"
        bare = " ".join(t.keys[-1] for t in toks)
        hits = {e.id: e for form in dict.fromkeys([key, bare]) for e in gaz.lookup(form) if e.lat is not None}
        entry = next(iter(hits.values())) if len(hits) == 1 else None
        surface = doc.text[start:end]
        pid = entry.id if entry else "new:" + key.replace(" ", "_")
        place = out.get(pid)
        if place is None and entry is not None:  # a name the gazetteer's guards held back; the tagger vouches
            place = out[pid] = Place(entry.id, entry.name_en, entry.name_ar, entry.country, entry.lat, entry.lon,
                                     entry.precision, entry.admin1)
        elif place is None:
            place = out[pid] = Place(pid, transliterate(surface), surface, None, None, None, "locality")
        place.mentions.append((start, end))
    return list(out.values())


# ------------------------------------------------------------------------------------ unknown names


def _unknown_places(doc: Document, found: list[Found], gaz: Gazetteer) -> list[Place]:
    """``new:`` places: an unknown name right after a place noun ("بمنطقة الرملة")."""
    ctx = context()
    tokens = doc.tokens
    covered = {i for f in found for i in range(f.match.first, f.match.last)}
    actor_spans = [(mn.start, mn.end) for mn in doc.mentions if mn.kind == "actor"]
    adjectives = country_adjectives()
    out: dict[str, Place] = {}
    for i, tok in enumerate(tokens[:-1]):
        precision = _is_cue(tok, ctx)
        if precision is None or i + 1 in covered or _has(tok, ctx.plural_cues):
            continue  # "قواعد اللعبة", "مناطق المملكة": after a plural noun an unknown word is no name
        j = i + 1
        name_toks = []
        while j < len(tokens) and tokens[j].is_word and len(name_toks) < 3:
            t = tokens[j]
            if j in covered or t.norm.isdigit() or _has(t, ctx.not_names) or any(k in adjectives for k in t.keys):
                break
            if t.enclitic:
                break  # "شعبية قدموها", "مدنهم ومحافظاتهم": a word with a pronoun suffix is no name
            if name_toks and _has(t, ctx.locative):
                break  # "قرية أولاد الشيخ قرب …": the name ends where a locative word begins
            if not name_toks and (not _plausible_name(t) or _looks_like_verb(t)):
                break
            if not name_toks and _definite(tok) and not _definite(t):
                break  # "العاصمة انتهاك خطير": after a definite noun an unknown name is definite too
            name_toks.append(t)
            j += 1
            if not (_has(t, ctx.name_heads) or (j < len(tokens) and _has(tokens[j], ctx.name_heads))):
                break
        if not name_toks or _has(name_toks[-1], ctx.name_heads):
            continue
        start, end = name_toks[0].start, name_toks[-1].end
        if any(s <= start and end <= e for s, e in actor_spans):
            continue
        surface = doc.text[start:end]
        key = " ".join(t.keys[0] for t in name_toks)
        if key in gaz.stoplist:
            continue
        pid = "new:" + key.replace(" ", "_")
        place = out.get(pid)
        if place is None:
            place = out[pid] = Place(pid, transliterate(surface), surface, None, None, None, precision)
        place.mentions.append((start, end))
    return list(out.values())


def _plausible_name(tok: Token) -> bool:
    """An unknown word after a place noun is a name when it is definite ("الرملة") or does not look
    like an agreeing adjective ("منطقة عسكرية", "قاعدة جوية", "مطار دولي")."""
    if _definite(tok):
        return not tok.norm.endswith(("يه", "يين", "يون"))
    return not tok.norm.endswith(("ه", "ي")) and len(tok.norm) >= 3


_TRANSLIT = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ء": "", "ؤ": "", "ئ": "", "ب": "b", "ت": "t", "ث": "th", "ج": "j",
    "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d",
    "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n",
    "ه": "h", "ة": "a", "و": "w", "ي": "y", "ى": "a",
}


def transliterate(arabic: str) -> str:
    """A rough English form for a ``new:`` name ("الرملة" -> "al-Ramla" is beyond it; it gives "al-Rmla"):
    enough to read and to search, not a standard romanization."""
    words = []
    for w in arabic.split():
        w = "".join(ch for ch in w if ch in _TRANSLIT or ch.isalnum())
        prefix = ""
        if w.startswith("ال") and len(w) > 3:
            prefix, w = "al-", w[2:]
        out = []
        for k, ch in enumerate(w):
            if ch == "و" and 0 < k < len(w) - 1:
                out.append("u" if w[k - 1] not in "اوي" else "w")
            elif ch == "ي" and 0 < k < len(w) - 1:
                out.append("i" if w[k - 1] not in "اوي" else "y")
            elif ch == "ي" and k == len(w) - 1 and k > 0:
                out.append("i")
            else:
                out.append(_TRANSLIT.get(ch, ch))
        body = "".join(out)
        words.append(prefix + body[:1].upper() + body[1:])
    return " ".join(words)
