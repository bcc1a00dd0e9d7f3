"""The document model every stage shares.

One :class:`Document` flows through the pipeline (the spaCy way): ingest fills ``text`` and ``source``,
``segment`` adds tokens and sentences, later stages add mentions, actors, places, events, statements and
labels. Every annotation is a half-open ``[start, end)`` code-point span into ``Document.text`` exactly as
read from the file, so any field can be traced back to its evidence with ``text[start:end]``.

This module imports nothing else of marsad's: it is the bottom layer.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Span = tuple[int, int]

ActorType = Literal["PER", "ORG", "MIL", "GOV", "IGO", "GPE"]
Precision = Literal["country", "region", "city", "locality"]
DatePrecision = Literal["day", "week", "month", "year"]

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)


@dataclass(slots=True)
class Token:
    """A word or punctuation mark.

    ``norm`` is the matching form (see :mod:`marsad.normalize`); ``keys`` are the candidate look-up keys
    after clitic stripping, most literal first, so a lexicon matcher can try "وبطرابلس" as itself and as
    "طرابلس"; ``stem`` is the single best guess when no lexicon decides.
    """

    start: int
    end: int
    text: str
    norm: str
    keys: tuple[str, ...]
    stem: str
    proclitics: str = ""
    enclitic: str = ""
    is_word: bool = True


@dataclass(slots=True)
class Sentence:
    """A sentence: its span in the text and the slice of ``Document.tokens`` it covers."""

    start: int
    end: int
    first_token: int
    last_token: int  # exclusive


@dataclass(slots=True)
class Source:
    """Where a document came from."""

    path: str | None = None
    outlet: str | None = None
    published: date | None = None
    url: str | None = None
    title: str | None = None


@dataclass(slots=True)
class Mention:
    """A recognized name in the text, before or after resolution.

    ``kind`` is "actor" or "place"; ``entity_id`` is a knowledge-base id, or ``new:...`` for a name the
    knowledge base does not know; ``origin`` says which mechanism found it (lexicon, pattern, tagger,
    coref) so confidence and debugging can use it.
    """

    start: int
    end: int
    text: str
    kind: Literal["actor", "place"]
    entity_id: str
    label: str
    origin: str = "lexicon"
    head: Span | None = None  # the name proper inside a titled mention ("المشير خليفة حفتر" -> "خليفة حفتر")


@dataclass(slots=True)
class Actor:
    """A resolved actor of the document, with all the spans that mention it."""

    id: str
    name_en: str
    name_ar: str
    type: str
    country: str | None = None
    affiliation: str | None = None
    role: str | None = None
    codes: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Place:
    """A geocoded place of the document."""

    id: str
    name_en: str
    name_ar: str
    country: str | None
    lat: float | None
    lon: float | None
    precision: str
    admin1: str | None = None
    mentions: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class DateRef:
    """A date expression found in the text and resolved against the publication date."""

    start: int
    end: int
    text: str
    value: date | None
    precision: str | None


@dataclass(slots=True)
class Event:
    """A PLOVER event with its evidence."""

    type: str
    trigger: Span
    sentence: Span
    source: str | None = None
    target: str | None = None
    place: str | None = None
    date: date | None = None
    date_precision: str | None = None
    mode: str | None = None
    negated: bool = False
    hypothetical: bool = False
    confidence: float = 0.5
    cameo: str | None = None
    acled_type: str | None = None
    acled_subtype: str | None = None
    fatalities: int | None = None
    numbers: list[dict] = field(default_factory=list)


@dataclass(slots=True)
class Statement:
    """A speech act: who said it, the trigger verb and the quoted span."""

    speaker: str | None
    trigger: Span
    quote: Span | None
    sentence: Span
    date: date | None = None


@dataclass(slots=True)
class Label:
    """How an outlet labels an actor at one place in the text (framing)."""

    actor: str
    text: str
    span: Span
    stance: str
    descriptors: list[str] = field(default_factory=list)


@dataclass
class Document:
    """The text being analysed and every annotation on it."""

    text: str
    source: Source = field(default_factory=Source)
    doc_id: str | None = None
    tokens: list[Token] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    dates: list[DateRef] = field(default_factory=list)
    entities: list[tuple[int, int, str]] | None = None  # NER tagger spans (PER/ORG/LOC/MISC), once tagged
    events: list[Event] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.doc_id is None:
            self.doc_id = text_hash(self.text)

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing character ``offset`` (binary search)."""
        lo, hi = 0, len(self.sentences)
        while lo < hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if offset < s.start:
                hi = mid
            elif offset >= s.end:
                lo = mid + 1
            else:
                return s
        return None

    def sentence_tokens(self, sentence: Sentence) -> list[Token]:
        return self.tokens[sentence.first_token:sentence.last_token]

    def actor(self, actor_id: str | None) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    def place(self, place_id: str | None) -> Place | None:
        return next((p for p in self.places if p.id == place_id), None)

    def to_record(self) -> dict:
        """The extraction record of ``../shared/eval/FORMAT.md`` (one JSON object per document)."""
        src = self.source
        return {
            "doc_id": self.doc_id,
            "source": {
                "path": src.path,
                "outlet": src.outlet,
                "published": src.published.isoformat() if src.published else None,
                "url": src.url,
            },
            "actors": [
                {"id": a.id, "name_en": a.name_en, "name_ar": a.name_ar, "type": a.type,
                 "country": a.country, "affiliation": a.affiliation, "role": a.role, "codes": a.codes,
                 "mentions": [list(m) for m in a.mentions]}
                for a in self.actors
            ],
            "places": [
                {"id": p.id, "name_en": p.name_en, "name_ar": p.name_ar, "country": p.country,
                 "lat": p.lat, "lon": p.lon, "precision": p.precision, "admin1": p.admin1,
                 "mentions": [list(m) for m in p.mentions]}
                for p in self.places
            ],
            "events": [_event_record(e) for e in self.events],
            "statements": [
                {"speaker": s.speaker, "trigger": list(s.trigger),
                 "quote": list(s.quote) if s.quote else None, "sentence": list(s.sentence),
                 "date": s.date.isoformat() if s.date else None}
                for s in self.statements
            ],
            "labels": [
                {"actor": lb.actor, "text": lb.text, "span": list(lb.span), "stance": lb.stance,
                 "descriptors": lb.descriptors}
                for lb in self.labels
            ],
        }


def _event_record(e: Event) -> dict:
    return {
        "type": e.type, "mode": e.mode, "source": e.source, "target": e.target, "place": e.place,
        "date": e.date.isoformat() if e.date else None, "date_precision": e.date_precision,
        "negated": e.negated, "hypothetical": e.hypothetical,
        "trigger": list(e.trigger), "sentence": list(e.sentence), "confidence": round(e.confidence, 3),
        "cameo": e.cameo, "acled_event_type": e.acled_type, "acled_sub_event_type": e.acled_subtype,
        "fatalities": e.fatalities, "numbers": e.numbers,
    }


def text_hash(text: str) -> str:
    """Stable document id: sha1 of the text (FORMAT.md's ``doc_id``)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def read_text(path: str) -> str:
    """Read a file exactly as FORMAT.md says offsets are counted: UTF-8, BOM dropped, newlines untouched."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return fh.read()
