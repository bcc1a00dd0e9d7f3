"""The actor knowledge base: loading, validation (with file and line) and the look-up tries.

Knowledge lives in YAML files under ``marsad/data/`` (format: ``docs/knowledge-base.md``):

- ``actors/*.yaml``  named actors (people, forces, governments, bodies, media), one mapping each;
- ``countries.yaml`` states with their Arabic names and nationality adjectives;
- ``sectors.yaml``   sector nouns (وزارة الخارجية، الجيش، الرئيس…) that compose with a country;
- ``titles.yaml``    titles and roles that attach to a following name, given names, stop words.

This module only reads and checks the files and builds :class:`~marsad.match.PhraseMatcher` tries once;
recognition itself is in :mod:`marsad.actors.recognize`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from marsad.data import DataError, data_path, entry_error, load_with_lines, require_strings, top_list
from marsad.match import PhraseMatcher, phrase_keys
from marsad.normalize import match_key, normalize
from marsad.segment import tokenize

ACTOR_TYPES = {"PER", "ORG", "MIL", "GOV", "IGO", "GPE"}
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_.\-]*$")


def _str_list(path: Path, entry: dict, key: str) -> list[str]:
    value = entry.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise entry_error(path, entry, f"'{key}' must be a list of non-empty strings")
    return [v.strip() for v in value]


# ---------------------------------------------------------------------------------------------- actors


@dataclass(slots=True)
class ActorEntry:
    """One named actor of the knowledge base."""

    id: str
    name_en: str
    name_ar: str
    type: str
    country: str | None = None
    affiliation: str | None = None
    role: str | None = None
    codes: list[str] = field(default_factory=list)
    aliases_ar: list[str] = field(default_factory=list)
    short_ar: list[str] = field(default_factory=list)
    ambiguous: bool = False
    cued_ar: list[str] = field(default_factory=list)
    leads: str | None = None
    generic: list[str] = field(default_factory=list)
    epithets_ar: list[str] = field(default_factory=list)
    source: str = ""


ACTOR_KEYS = {"id", "name_en", "name_ar", "type", "country", "affiliation", "role", "codes", "aliases_ar",
              "short_ar", "ambiguous", "cued_ar", "leads", "generic", "epithets_ar", "__line__"}


def parse_actor(path: Path, entry) -> ActorEntry:
    """Validate one KB mapping; every problem names the file and line."""
    if not isinstance(entry, dict):
        raise entry_error(path, None, f"an actor must be a mapping, got {type(entry).__name__}")
    unknown = set(entry) - ACTOR_KEYS
    if unknown:
        raise entry_error(path, entry, f"unknown field(s) {sorted(unknown)}")
    require_strings(path, entry, ("id", "name_en", "name_ar", "type"), "an actor")
    if not _ID_RE.match(entry["id"]):
        raise entry_error(path, entry, f"id {entry['id']!r} must be lower-case letters, digits, '-', '_' or '.'")
    if entry["type"] not in ACTOR_TYPES:
        raise entry_error(path, entry, f"type {entry['type']!r} is not one of {sorted(ACTOR_TYPES)}")
    country = entry.get("country")
    if country is not None and not (isinstance(country, str) and re.fullmatch(r"[A-Z]{2}", country)):
        raise entry_error(path, entry, f"country {country!r} must be an ISO 3166-1 alpha-2 code (or absent)")
    if not isinstance(entry.get("ambiguous", False), bool):
        raise entry_error(path, entry, "'ambiguous' must be true or false")
    return ActorEntry(
        id=entry["id"], name_en=entry["name_en"].strip(), name_ar=entry["name_ar"].strip(), type=entry["type"],
        country=country, affiliation=entry.get("affiliation"), role=entry.get("role"),
        codes=_str_list(path, entry, "codes"), aliases_ar=_str_list(path, entry, "aliases_ar"),
        short_ar=_str_list(path, entry, "short_ar"), ambiguous=entry.get("ambiguous", False),
        cued_ar=_str_list(path, entry, "cued_ar"), leads=entry.get("leads"),
        generic=_str_list(path, entry, "generic"), epithets_ar=_str_list(path, entry, "epithets_ar"), source=f"{path}:{entry.get('__line__')}",
    )


def spelling_variants(phrase: str, foreign: bool) -> set[str]:
    """Spellings news uses for one name that normalization alone does not unify.

    "عبد الفتاح" is also written "عبدالفتاح" and "أبو شحمة" "أبوشحمة" (and back); a foreign name's g is
    written غ, ج or ق depending on the outlet (غوتيريش / جوتيريش), so foreign names get all three.
    """
    out = {phrase}
    for joiner in ("عبد", "أبو", "ابو", "أبي", "ابي"):
        for p in list(out):
            out.add(re.sub(rf"(^|\s){joiner}\s+(\S)", rf"\1{joiner}\2", p))
            out.add(re.sub(rf"(^|\s){joiner}(\S{{3,}})", rf"\1{joiner} \2", p))
    if foreign:
        for p in list(out):
            for a, b in (("غ", "ج"), ("ج", "غ"), ("غ", "ق")):
                if a in p:
                    out.add(p.replace(a, b))
    return out


_NO_TANWIN_ALEF = ("ة", "ي", "ا", "ى", "ء", "ين", "ون", "ان", "ات")


def accusative_variants(form: str) -> list[str]:
    """A one-word indefinite form and its accusative with tanwin alef: news writes "جنودا أتراكا" for
    "جنود أتراك" (the article of a listed form is dropped first: "الجنود" -> "جنودا"). Words that never
    take the alef (ـة، ـي، sound plurals and duals) stay as they are."""
    bare = form[2:] if form.startswith("ال") else form
    if " " in form or form.endswith(_NO_TANWIN_ALEF) or len(bare) < 3:
        return [form]
    return [form, bare + "ا"]


def actor_dirs() -> list[Path]:
    """The KB files shipped with marsad (``marsad/data/actors/*.yaml``), in name order."""
    return sorted(data_path("actors").glob("*.yaml"))


def load_actor_files(paths: list[Path]) -> dict[str, ActorEntry]:
    """Load and cross-check KB files: unique ids, known affiliations/leads, countries that exist."""
    entries: dict[str, ActorEntry] = {}
    countries = {c.iso2 for c in load_countries()}
    for path in paths:
        for raw in top_list(path, "actors"):
            entry = parse_actor(path, raw)
            if entry.id in entries:
                raise entry_error(path, raw, f"duplicate id {entry.id!r} (first in {entries[entry.id].source})")
            if entry.country and entry.country not in countries:
                raise entry_error(path, raw, f"country {entry.country!r} is not in countries.yaml")
            entries[entry.id] = entry
    for entry in entries.values():
        for ref in (entry.affiliation, entry.leads):
            if ref and ref not in entries:
                raise DataError(f"{entry.source}: unknown actor id {ref!r}")
    return entries


# ------------------------------------------------------------------------------------------- countries


@dataclass(slots=True)
class Country:
    iso2: str
    iso3: str
    cameo: str
    name_en: str
    adjective_en: str
    name_ar: str
    variants_ar: list[str]
    adjectives_ar: list[str]
    capital_ar: list[str]
    capital_en: str
    groups: list[str]


@cache
def load_countries() -> tuple[Country, ...]:
    """``countries.yaml`` as :class:`Country` records (validated; errors name file and line)."""
    path = data_path("countries.yaml")
    out: list[Country] = []
    seen: set[str] = set()
    for e in top_list(path, "countries"):
        require_strings(path, e, ("iso2", "iso3", "cameo", "name_en", "adjective_en", "name_ar"), "a country")
        if not re.fullmatch(r"[A-Z]{2}", e["iso2"]) or not re.fullmatch(r"[A-Z]{3}", e["iso3"]):
            raise entry_error(path, e, "iso2 must be 2 and iso3 3 capital letters")
        if e["iso2"] in seen:
            raise entry_error(path, e, f"duplicate country {e['iso2']}")
        seen.add(e["iso2"])
        out.append(Country(e["iso2"], e["iso3"], e["cameo"], e["name_en"], e["adjective_en"], e["name_ar"],
                           _str_list(path, e, "variants_ar"), _str_list(path, e, "adjectives_ar"),
                           _str_list(path, e, "capital_ar"), e.get("capital_en") or "",
                           _str_list(path, e, "groups")))
    return tuple(out)


def country(iso2: str | None) -> Country | None:
    return next((c for c in load_countries() if c.iso2 == iso2), None)


# ------------------------------------------------------------------------------------ sectors & titles


@dataclass(slots=True)
class Sector:
    """A sector noun phrase that composes with a country ("وزارة الخارجية" + "المصرية")."""

    id: str
    type: str
    code: str
    name_en: str  # template with {adj} (English demonym) or {country} (English name)
    ar: list[str]
    person: bool = False  # a role held by one person (president, minister, ambassador)
    bare: bool = False  # may refer back on its own ("وأكدت الخارجية") to the same sector met earlier
    weak: list[str] = field(default_factory=list)  # forms that are also common adjectives (الخارجية)
    home: list[str] = field(default_factory=list)  # forms that alone are the document's own country's sector
    state: bool = False  # the composition is the state itself ("طائرات روسية" -> Russia)
    sided: list[str] = field(default_factory=list)  # forms that alone are the arm of the side named before
    home_generic: bool = False  # a home form without a KB claim is the generic "<adj> <sector>" actor


@cache
def load_sectors() -> tuple[Sector, ...]:
    path = data_path("sectors.yaml")
    out = []
    for e in top_list(path, "sectors"):
        require_strings(path, e, ("id", "type", "code", "name_en"), "a sector")
        if e["type"] not in ACTOR_TYPES:
            raise entry_error(path, e, f"type {e['type']!r} is not one of {sorted(ACTOR_TYPES)}")
        if "{adj}" not in e["name_en"] and "{country}" not in e["name_en"]:
            raise entry_error(path, e, "name_en must contain {adj} or {country}")
        ar = _str_list(path, e, "ar")
        if not ar:
            raise entry_error(path, e, "'ar' needs at least one Arabic form")
        out.append(Sector(e["id"], e["type"], e["code"], e["name_en"], ar, bool(e.get("person", False)),
                          bool(e.get("bare", False)), _str_list(path, e, "weak"), _str_list(path, e, "home"),
                          bool(e.get("state", False)), _str_list(path, e, "sided"),
                          bool(e.get("home_generic", False))))
    return tuple(out)


@dataclass(slots=True)
class Titles:
    """Word classes of ``titles.yaml``: titles/roles, role complements, given names, stop words."""

    ranks: list[str]
    honorifics: list[str]
    roles: list[str]
    complements: list[str]
    given_names: list[str]
    stop: list[str]
    context_verbs: list[str]
    force_nouns: list[str]
    unit_nouns: dict[str, str]
    org_nouns: dict[str, str]
    media_cues: list[str]
    ordinals: dict[str, int]
    plural_heads: dict[str, str] = field(default_factory=dict)
    air_nouns: list[str] = field(default_factory=list)
    loyalty_words: list[str] = field(default_factory=list)
    title_orgs: dict[str, str] = field(default_factory=dict)
    anaphors: list[str] = field(default_factory=list)
    bare_ranks: list[str] = field(default_factory=list)
    unit_arms: dict[str, str] = field(default_factory=dict)


@cache
def load_titles() -> Titles:
    path = data_path("titles.yaml")
    doc = load_with_lines(path)
    if not isinstance(doc, dict):
        raise DataError(f"{path}: expected a mapping of word classes")

    def lst(key: str) -> list[str]:
        return _str_list(path, doc, key)

    def mapping(key: str) -> dict:
        value = doc.get(key) or {}
        if not isinstance(value, dict):
            raise entry_error(path, doc, f"'{key}' must be a mapping")
        return {k: v for k, v in value.items() if k != "__line__"}

    return Titles(lst("ranks"), lst("honorifics"), lst("roles"), lst("complements"), lst("given_names"),
                  lst("stop"), lst("context_verbs"), lst("force_nouns"), mapping("unit_nouns"),
                  mapping("org_nouns"), lst("media_cues"),
                  {match_key(k): int(v) for k, v in mapping("ordinals").items()}, mapping("plural_heads"),
                  lst("air_nouns"), lst("loyalty_words"), mapping("title_orgs"),
                  lst("anaphors"), lst("bare_ranks"),
                  {match_key(k): str(v) for k, v in mapping("unit_arms").items()})


# ------------------------------------------------------------------------------------- the built KB


@dataclass(frozen=True, slots=True)
class Hit:
    """What a KB phrase stands for: an actor id; ``partial`` for a surname that only links back to a
    full name met earlier; ``cued`` for a name that needs a media word before it."""

    actor_id: str
    partial: bool = False
    cued: bool = False
    epithet: bool = False  # a description ("الرجل القوي في شرق ليبيا") that links back like a partial name


class KnowledgeBase:
    """Everything recognition needs, built once: entries, countries, sectors and their tries."""

    def __init__(self, entries: dict[str, ActorEntry]) -> None:
        self.entries = entries
        self.countries = {c.iso2: c for c in load_countries()}
        self.sectors = {s.id: s for s in load_sectors()}
        self.titles = load_titles()
        arab = {c.iso2 for c in self.countries.values() if "arab_league" in c.groups}
        self.names: PhraseMatcher[Hit] = PhraseMatcher()
        for e in entries.values():
            foreign = e.type == "PER" and e.country not in arab
            for phrase in [e.name_ar, *e.aliases_ar]:
                for v in spelling_variants(phrase, foreign):
                    self.names.add(v, Hit(e.id))
            for phrase in e.short_ar:
                for v in spelling_variants(phrase, foreign):
                    self.names.add(v, Hit(e.id, partial=True))
            for phrase in e.cued_ar:
                self.names.add(phrase, Hit(e.id, cued=True))
        # generic overrides: "EG/army" -> the KB actor that country+sector composes to
        self.generic_override: dict[tuple[str, str], str] = {}
        for e in entries.values():
            for g in e.generic:
                iso, _, sec = g.partition("/")
                if iso not in self.countries or sec not in self.sectors:
                    raise DataError(f"{e.source}: bad generic {g!r} (ISO2/sector-id)")
                self.generic_override[(iso, sec)] = e.id
        self.country_names: PhraseMatcher[str] = PhraseMatcher()
        self.adjectives: PhraseMatcher[str] = PhraseMatcher()
        for c in self.countries.values():
            for n in [c.name_ar, *c.variants_ar]:
                self.country_names.add(n, c.iso2)
            for a in c.adjectives_ar:
                for v in accusative_variants(a):
                    self.adjectives.add(v, c.iso2)
        self.sector_matcher: PhraseMatcher[str] = PhraseMatcher()
        self.weak_sector_keys: set[tuple[str, ...]] = set()
        for s in self.sectors.values():
            for form in s.ar:
                for v in accusative_variants(form):
                    self.sector_matcher.add(v, s.id)
            for form in s.weak:
                self.weak_sector_keys.add(phrase_keys(form))
        self.home_matcher: PhraseMatcher[str] = PhraseMatcher()
        for s in self.sectors.values():
            for form in s.home:
                self.home_matcher.add(form, s.id)
        self.sided_matcher: PhraseMatcher[str] = PhraseMatcher()
        for s in self.sectors.values():
            for form in s.sided:
                self.sided_matcher.add(form, s.id)
        t = self.titles
        self.keys: dict[str, frozenset[str]] = {
            name: frozenset(match_key(w) for w in getattr(t, name))
            for name in ("ranks", "honorifics", "roles", "complements", "given_names", "stop", "context_verbs",
                         "force_nouns", "media_cues", "loyalty_words", "anaphors", "bare_ranks")}
        self.title_orgs: dict[str, str] = {}
        for word, org in t.title_orgs.items():
            if org not in entries:
                raise DataError(f"{data_path('titles.yaml')}: title_orgs: unknown actor id {org!r} for {word!r}")
            self.title_orgs[match_key(word)] = org
        self.air_matcher: PhraseMatcher[str] = PhraseMatcher()
        for w in t.air_nouns:
            self.air_matcher.add(w, "air")
        # who leads what: "حكومة السراج" and "قوات حفتر" name the leader as well as the body
        self.leaders: dict[str, list[str]] = {}
        for e in entries.values():
            if e.leads:
                self.leaders.setdefault(e.leads, []).append(e.id)
        self.unit_heads = {match_key(k): v for k, v in t.unit_nouns.items() if " " not in k}
        self.org_heads = {match_key(k): v for k, v in t.org_nouns.items()}
        self.title_matcher: PhraseMatcher[str] = PhraseMatcher()
        for kind in ("ranks", "honorifics", "roles"):
            for w in getattr(t, kind):
                self.title_matcher.add(w, kind)
        self.epithet_titles: dict[tuple[str, ...], set[str]] = {}  # bare titles an actor is known by (المشير)
        for e in entries.values():
            for phrase in e.epithets_ar:
                probe = tokenize(phrase)
                m = self.title_matcher.longest_at(probe, 0)
                if m is not None and m.last == len(probe):
                    self.epithet_titles.setdefault(phrase_keys(phrase), set()).add(e.id)
                else:
                    self.names.add(phrase, Hit(e.id, partial=True, epithet=True))
        self.plural_matcher: PhraseMatcher[str] = PhraseMatcher()
        for plural, singular in t.plural_heads.items():
            self.plural_matcher.add(plural, singular)
        # literal first words of every phrase: a token whose literal form starts a phrase ("وليامز",
        # "بوتين") carries no clitic to trim from its mention
        self.first_keys: set[str] = set()
        for e in entries.values():
            for phrase in [e.name_ar, *e.aliases_ar, *e.short_ar, *e.cued_ar]:
                for v in spelling_variants(phrase, True):
                    keys = phrase_keys(v)
                    if keys:
                        self.first_keys.add(keys[0])
        for s in self.sectors.values():
            self.first_keys.update(phrase_keys(f)[0] for f in s.ar if phrase_keys(f))

    def entry(self, actor_id: str) -> ActorEntry | None:
        return self.entries.get(actor_id)

    def air_force_of(self, group_id: str) -> str | None:
        """The air arm of a force: the KB actor affiliated to it that claims an ``*/air_force`` composition."""
        for e in self.entries.values():
            if e.affiliation == group_id and any(g.endswith("/air_force") for g in e.generic):
                return e.id
        return None


def load_kb(paths: list[Path] | None = None) -> KnowledgeBase:
    """Build a knowledge base from ``paths`` (default: the shipped ``actors/*.yaml``)."""
    return KnowledgeBase(load_actor_files(paths if paths is not None else actor_dirs()))


@cache
def default_kb() -> KnowledgeBase:
    """The shipped knowledge base, loaded once per process."""
    return load_kb()


def norm_name(text: str) -> str:
    """A ``new:`` id suffix: the normalized name, spaces as '-'."""
    return "-".join(normalize(text).split())
