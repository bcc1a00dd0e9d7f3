"""The event and speech lexicons: load ``events_ar.yaml`` / ``speech_ar.yaml``, expand verb forms, validate.

Arabic news writes one event with many surface forms: the verb in past and present, masculine and
feminine, singular, dual and plural (قصف، قصفت، قصفوا، يقصف، تقصف، يقصفون), the verbal noun (قصف، غارة)
and noun phrases (وقف إطلاق النار). Writing every form by hand is error-prone, so the data file holds a
compact spec per entry ("قصف/يقصف": the 3rd person masculine past and present) and :func:`verb_forms`
generates the conjugations. Irregular verbs (hollow, defective: قال، دعا) list their forms explicitly.

The format is documented in ``docs/events.md`` and in the header of each data file. Every malformed entry
raises :class:`marsad.data.DataError` with the file and line.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from marsad.data import DataError, data_path, load_with_lines
from marsad.doc import PLOVER_TYPES
from marsad.match import PhraseMatcher

# Word lists of events_ar.yaml an entry may require after its trigger (`needs:`).
NEEDS_LISTS = ("accusations", "blame", "aircraft", "forces", "participation", "restrictions", "retaliation")
# Strength of the lexical evidence, used by the confidence formula (docs/events.md).
STRENGTHS = ("verb", "noun", "weak")
TENSES = ("past", "present", "participle", "noun")
PLOVER_MODES: dict[str, tuple[str, ...]] = {
    "CONSULT": ("visit", "third-party", "multilateral", "phone"),
    "RETREAT": ("withdraw", "release", "disarm", "ceasefire", "access", "resign"),
    "REQUEST": ("assist", "change", "yield", "meet"),
    "ACCUSE": ("disapprove", "investigate", "allege"),
    "REJECT": ("assist", "change", "yield", "meet"),
    "THREATEN": ("restrict", "arrest", "relations", "expel", "territory", "violence"),
    "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"),
    "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
    "MOBILIZE": ("troops", "weapons", "police", "militia"),
    "COERCE": ("seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold",
               "misinformation", "cyber"),
    "ASSAULT": ("abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms",
                "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control",
                "unconventional"),
}
ACLED_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
                                   "Grenade"),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
}
_ENTRY_KEYS = {"type", "mode", "cameo", "acled", "verbs", "forms", "present", "nouns", "participles",
               "strength", "note", "statement", "event", "genitive", "needs",
               "participle_forms"}


@dataclass(frozen=True, slots=True)
class Trigger:
    """One surface phrase of the lexicon and what it means.

    ``strength`` grades the lexical evidence (verb > noun > weak); ``tense`` lets modality tell an asserted
    past from a present or a verbal noun; ``line`` points back to the data file for debugging.
    """

    phrase: str
    type: str | None
    mode: str | None
    cameo: str | None
    acled_type: str | None
    acled_subtype: str | None
    strength: str
    tense: str
    line: int
    statement: bool = False
    genitive: str = "source"  # the actor right after a verbal noun: its doer (هجوم الجيش) or target (اغتيال X)
    needs: str | None = None  # a word list of the file one of whose words must follow (حمّل ... المسؤولية)


def verb_forms(past: str, present: str | None) -> tuple[list[str], list[str]]:
    """Conjugations of a sound verb from its 3rd person masculine singular past and present.

    past قصف → قصف، قصفت، قصفوا، قصفا، قصفتا، قصفن، قصفنا (passive قُصف is the same letters);
    present يقصف → يقصف، تقصف، نقصف، أقصف، يقصفون، يقصفوا، يقصفان، تقصفان، يقصفن. Returns (past, present).
    """
    past, _, rest = past.partition(" ")  # a multi-word verb conjugates its first word: أطلق سراح
    tail = f" {rest}" if rest else ""
    pasts = [past + s + tail for s in ("", "ت", "وا", "ا", "تا", "ن", "نا")]
    presents: list[str] = []
    if present:
        present, _, rest = present.partition(" ")
        tail = f" {rest}" if rest else ""
        if not present.startswith("ي"):
            raise ValueError(f"present form {present!r} must start with ي")
        stem = present[1:]
        presents = [p + stem + s + tail for p, s in (("ي", ""), ("ت", ""), ("ن", ""), ("أ", ""), ("ي", "ون"),
                                                      ("ي", "وا"), ("ي", "ان"), ("ت", "ان"), ("ي", "ن"),
                                                      ("ت", "ون"))]
    return pasts, presents


def participle_forms(base: str) -> list[str]:
    """Active participle used adverbially (مؤكدًا، مشيرةً، محذرين): masc/fem, singular/dual/plural."""
    return [base, base + "ا", base + "ة", base + "ين", base + "ون", base + "تين", base + "ات"]


@cache
def _read(name: str) -> dict:
    """A lexicon file parsed once (every mapping tagged with its ``__line__``); the entries, frames and
    word lists below all read the same parse."""
    path = data_path(name)
    data = load_with_lines(path)
    if not isinstance(data, dict):
        raise DataError(f"{path}:1: expected a mapping")
    return data


def read_entries(name: str) -> tuple[str, list[dict]]:
    """Read the ``entries`` list of a lexicon file, each mapping tagged with its line."""
    path = data_path(name)
    data = _read(name)
    if not isinstance(data.get("entries"), list):
        raise DataError(f"{path}:1: expected a mapping with an 'entries' list")
    return str(path), data["entries"]


def _strs(value, where: str, key: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataError(f"{where}: '{key}' must be a string or a list of non-empty strings")
    return [v.strip() for v in value]


def parse_entry(entry: dict, where: str, speech: bool = False) -> list[Trigger]:
    """Validate one lexicon entry and expand it into :class:`Trigger` objects."""
    if not isinstance(entry, dict):
        raise DataError(f"{where}: an entry must be a mapping")
    line = int(entry.get("__line__", 0))
    unknown = set(entry) - _ENTRY_KEYS - {"__line__"}
    if unknown:
        raise DataError(f"{where}: unknown key(s) {sorted(unknown)}")
    etype = entry.get("event") if speech else entry.get("type")
    if etype == "NONE":  # a name or phrase that blocks the event words inside it
        etype = None
        if not entry.get("nouns"):
            raise DataError(f"{where}: a NONE entry lists 'nouns' only")
    elif etype is not None and etype not in PLOVER_TYPES:
        raise DataError(f"{where}: {etype!r} is not a PLOVER event type")
    if "type" not in entry and not speech:
        raise DataError(f"{where}: 'type' is required")
    mode = entry.get("mode")
    if mode is not None and mode not in PLOVER_MODES.get(etype or "", ()):
        raise DataError(f"{where}: mode {mode!r} is not a PLOVER mode of {etype}")
    cameo = entry.get("cameo")
    if cameo is not None:
        cameo = str(cameo)
        if not (cameo.isdigit() and 2 <= len(cameo) <= 4 and 1 <= int(cameo[:2]) <= 20):
            raise DataError(f"{where}: cameo {cameo!r} must be a CAMEO code (01..20 + digits)")
    acled_type = acled_sub = None
    if entry.get("acled") is not None:
        acled = _strs(entry["acled"], where, "acled")
        if len(acled) != 2 or acled[0] not in ACLED_TYPES or acled[1] not in ACLED_TYPES[acled[0]]:
            raise DataError(f"{where}: acled must be [event_type, sub_event_type] of ACLED, got {acled}")
        acled_type, acled_sub = acled
    strength = entry.get("strength")
    if strength is not None and strength not in STRENGTHS:
        raise DataError(f"{where}: strength must be one of {STRENGTHS}")
    statement = bool(entry.get("statement", speech))
    genitive = entry.get("genitive", "source")
    if genitive not in ("source", "target"):
        raise DataError(f"{where}: genitive must be 'source' or 'target'")

    needs = entry.get("needs")
    if needs is not None and (not isinstance(needs, str) or needs not in NEEDS_LISTS):
        raise DataError(f"{where}: needs must name one of the word lists {sorted(NEEDS_LISTS)}")

    def make(phrase: str, tense: str, default_strength: str) -> Trigger:
        return Trigger(phrase, etype, mode, cameo, acled_type, acled_sub, strength or default_strength,
                       tense, line, statement, genitive, needs)

    out: list[Trigger] = []
    for spec in _strs(entry.get("verbs"), where, "verbs"):
        past, _, present = spec.partition("/")
        try:
            pasts, presents = verb_forms(past.strip(), present.strip() or None)
        except ValueError as exc:
            raise DataError(f"{where}: {exc}") from exc
        out += [make(f, "past", "verb") for f in pasts] + [make(f, "present", "verb") for f in presents]
    out += [make(f, "past", "verb") for f in _strs(entry.get("forms"), where, "forms")]
    out += [make(f, "present", "verb") for f in _strs(entry.get("present"), where, "present")]
    for base in _strs(entry.get("participles"), where, "participles"):
        out += [make(f, "participle", "verb") for f in participle_forms(base)]
    # participles whose bare or plural form is a noun ("متهم" the accused): only the adverbial forms listed
    out += [make(f, "participle", "verb") for f in _strs(entry.get("participle_forms"), where, "participle_forms")]
    out += [make(f, "noun", "noun") for f in _strs(entry.get("nouns"), where, "nouns")]
    if not out:
        raise DataError(f"{where}: entry has no verbs, forms, participles or nouns")
    return out


def load_lexicon(name: str, speech: bool = False) -> list[Trigger]:
    """All triggers of a lexicon file (``events_ar.yaml`` or, with ``speech``, ``speech_ar.yaml``)."""
    path, entries = read_entries(name)
    triggers: list[Trigger] = []
    for entry in entries:
        line = entry.get("__line__", 0) if isinstance(entry, dict) else 0
        triggers += parse_entry(entry, f"{path}:{line}", speech=speech)
    return triggers


def build_matcher(triggers: list[Trigger]) -> PhraseMatcher[Trigger]:
    """A phrase matcher over every trigger phrase (the shared token trie)."""
    matcher: PhraseMatcher[Trigger] = PhraseMatcher()
    matcher.add_all((t.phrase, t) for t in triggers)
    return matcher


def load_frames(name: str = "events_ar.yaml") -> dict[str, str]:
    """The ``frames`` section of a lexicon file: normalized head word -> frame name."""
    from marsad.normalize import normalize

    path = data_path(name)
    frames = _read(name).get("frames") or {}
    if not isinstance(frames, dict):
        raise DataError(f"{path}:1: 'frames' must be a mapping of frame name to a list of words")
    out: dict[str, str] = {}
    for frame, words in frames.items():
        if frame == "__line__":
            continue
        for word in _strs(words, f"{path}: frame {frame!r}", "frames"):
            out[normalize(word)] = str(frame)
    return out


@cache
def event_frames() -> dict[str, str]:
    return load_frames()


def _word_list(name: str, key: str) -> frozenset[str]:
    from marsad.normalize import normalize

    path = data_path(name)
    return frozenset(normalize(w) for w in _strs(_read(name).get(key), f"{path}: {key}", key))


@cache
def occurrence_verbs(name: str = "events_ar.yaml") -> frozenset[str]:
    """The ``occurrence`` list of a lexicon file, normalized: verbs that report a noun as happening."""
    return _word_list(name, "occurrence")


@cache
def military_objects(name: str = "events_ar.yaml") -> frozenset[str]:
    """The ``military_objects`` list: positions, bases, vehicles and fighters of a side."""
    return _word_list(name, "military_objects")


@cache
def civilian_objects(name: str = "events_ar.yaml") -> frozenset[str]:
    """The ``civilian_objects`` list: airports, ports, homes, hospitals, schools, civilians — no side's."""
    return _word_list(name, "civilian_objects")


@cache
def mutual_words(name: str = "events_ar.yaml") -> frozenset[str]:
    """The ``mutual`` list: words of fighting between two sides (clashes, battles), where each side is a doer."""
    return _word_list(name, "mutual")


@cache
def participant_nouns(name: str = "events_ar.yaml") -> frozenset[str]:
    """The ``participants`` list: the people who protest."""
    return _word_list(name, "participants")


@cache
def attacker_nouns(name: str = "events_ar.yaml") -> frozenset[str]:
    """The ``attackers`` list: unnamed armed people."""
    return _word_list(name, "attackers")


@cache
def needed_words(key: str, name: str = "events_ar.yaml") -> frozenset[str]:
    """A ``needs`` word list of the lexicon file, normalized (``accusations``: words that make a description
    an accusation, "احتلال"، "ابتزاز"; ``blame``: the object of a verb of blaming, "المسؤولية")."""
    return _word_list(name, key)


@cache
def figurative(name: str = "events_ar.yaml", key: str = "figurative") -> frozenset[str]:
    """The ``figurative`` list: words after an ASSAULT trigger that make it a figure of speech (with
    ``key="figurative_protest"``, the list for PROTEST words)."""
    return _word_list(name, key)


@cache
def charge_words(name: str = "events_ar.yaml") -> frozenset[str]:
    """The ``charges`` list: words of accusing or alleging whose "بـ" complement is charged, not reported."""
    return _word_list(name, "charges")


@cache
def unrealized_after(name: str = "events_ar.yaml") -> frozenset[str]:
    """The ``unrealized_after`` list: adjectives after a noun that make it expected, not done."""
    return _word_list(name, "unrealized_after")


@cache
def event_matcher() -> PhraseMatcher[Trigger]:
    return build_matcher(load_lexicon("events_ar.yaml"))


@cache
def speech_matcher() -> PhraseMatcher[Trigger]:
    return build_matcher(load_lexicon("speech_ar.yaml", speech=True))
