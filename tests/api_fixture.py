"""A small store of hand-made, hand-annotated documents for the API and browser tests.

The sentences are ours (news style, on the Libyan conflict); every span is found with ``str.find`` in
the text, so the annotations are exact and the tests can compare offsets, names and counts with what
the API returns. Four documents from three outlets, eight events of six types on different dates,
places with coordinates (one event without a place), statements, and date expressions (one
unresolved).
"""

from __future__ import annotations

from datetime import date

from marsad.doc import Actor, DateRef, Document, Event, Place, Source, Statement

ACTORS = {
    "lna": ("Libyan National Army", "الجيش الوطني الليبي", "MIL"),
    "gna": ("Government of National Accord", "حكومة الوفاق", "GOV"),
    "haftar": ("Khalifa Haftar", "خليفة حفتر", "PER"),
    "sarraj": ("Fayez al-Sarraj", "فايز السراج", "PER"),
    "mismari": ("Ahmed al-Mismari", "أحمد المسماري", "PER"),
    "un": ("United Nations", "الأمم المتحدة", "IGO"),
}
PLACES = {
    "ly-tripoli": ("Tripoli", "طرابلس", 32.8872, 13.1913, "city"),
    "ly-ain-zara": ("Ain Zara", "عين زارة", 32.80, 13.25, "locality"),
    "ly-gharyan": ("Gharyan", "غريان", 32.1722, 13.0203, "city"),
    "ly-tarhuna": ("Tarhuna", "ترهونة", 32.4350, 13.6332, "city"),
    "de-berlin": ("Berlin", "برلين", 52.5244, 13.4105, "city"),
}


def span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """The ``nth`` occurrence of ``needle`` in ``text`` (fails loudly when the fixture text changes)."""
    at = -1
    for _ in range(nth + 1):
        at = text.find(needle, at + 1)
        assert at >= 0, f"{needle!r} not in fixture text"
    return at, at + len(needle)


def sentence_of(text: str, at: int) -> tuple[int, int]:
    """The sentence around offset ``at``: from after the previous full stop/newline to the next one."""
    start = max(text.rfind(".", 0, at), text.rfind("\n", 0, at)) + 1
    while start < at and text[start] == " ":
        start += 1
    ends = [i for i in (text.find(".", at), text.find("\n", at)) if i >= 0]
    return start, (min(ends) + 1 if ends else len(text))


def actor(aid: str, text: str, *mentions: str) -> Actor:
    en, ar, kind = ACTORS[aid]
    return Actor(id=aid, name_en=en, name_ar=ar, type=kind, country="LY" if kind != "IGO" else None,
                 mentions=[span(text, m) for m in mentions])


def place(pid: str, text: str, *mentions: str) -> Place:
    en, ar, lat, lon, precision = PLACES[pid]
    return Place(id=pid, name_en=en, name_ar=ar, country=pid[:2].upper(), lat=lat, lon=lon,
                 precision=precision, mentions=[span(text, m) for m in mentions])


def event(text: str, type_: str, trigger: str, *, source=None, target=None, place_id=None, day=None,
          confidence: float = 0.7, nth: int = 0) -> Event:
    trig = span(text, trigger, nth)
    return Event(type=type_, trigger=trig, sentence=sentence_of(text, trig[0]), source=source, target=target,
                 place=place_id, date=day, date_precision="day" if day else None, confidence=confidence)


def date_ref(text: str, needle: str, value: date | None, precision: str | None) -> DateRef:
    start, end = span(text, needle)
    return DateRef(start, end, needle, value, precision)


def statement(text: str, trigger: str, speaker: str | None, quote_from: str) -> Statement:
    trig = span(text, trigger)
    sent = sentence_of(text, trig[0])
    q0 = span(text, quote_from)[0]
    return Statement(speaker=speaker, trigger=trig, quote=(q0, sent[1] - 1), sentence=sent)


def build_documents() -> list[Document]:
    docs: list[Document] = []

    t1 = ("شنت قوات خليفة حفتر هجوما واسعا على طرابلس يوم الخميس. وقصفت طائراته منطقة عين زارة جنوب العاصمة.\n"
          "وقال فايز السراج إن حكومة الوفاق سترد بحزم على هذا العدوان.")
    d1 = Document(text=t1, source=Source(path="fixture/1.txt", outlet="صدى طرابلس", published=date(2019, 4, 6),
                                         title="هجوم على العاصمة"))
    d1.actors = [actor("haftar", t1, "خليفة حفتر"), actor("sarraj", t1, "فايز السراج"),
                 actor("gna", t1, "حكومة الوفاق")]
    d1.places = [place("ly-tripoli", t1, "طرابلس"), place("ly-ain-zara", t1, "عين زارة")]
    d1.events = [
        event(t1, "ASSAULT", "هجوما", source="haftar", target="gna", place_id="ly-tripoli", day=date(2019, 4, 4),
              confidence=0.9),
        event(t1, "ASSAULT", "وقصفت", source="haftar", place_id="ly-ain-zara", day=date(2019, 4, 5), confidence=0.8),
        event(t1, "THREATEN", "سترد", source="gna", target="haftar", place_id="ly-tripoli", day=date(2019, 4, 6),
              confidence=0.6),
    ]
    d1.statements = [statement(t1, "وقال", "sarraj", "حكومة الوفاق")]
    d1.dates = [date_ref(t1, "يوم الخميس", date(2019, 4, 4), "day")]
    docs.append(d1)

    t2 = ("أعلن الجيش الوطني الليبي انسحاب وحداته من مدينة غريان بعد معارك عنيفة. "
          "واتهم أحمد المسماري حكومة الوفاق بالاستعانة بمقاتلين أجانب.")
    d2 = Document(text=t2, source=Source(path="fixture/2.txt", outlet="منبر برقة", published=date(2019, 6, 27),
                                         title="انسحاب من غريان"))
    d2.actors = [actor("lna", t2, "الجيش الوطني الليبي"), actor("mismari", t2, "أحمد المسماري"),
                 actor("gna", t2, "حكومة الوفاق")]
    d2.places = [place("ly-gharyan", t2, "غريان")]
    d2.events = [
        event(t2, "RETREAT", "انسحاب", source="lna", place_id="ly-gharyan", day=date(2019, 6, 26)),
        event(t2, "ACCUSE", "واتهم", source="mismari", target="gna", day=date(2019, 6, 27), confidence=0.75),
    ]
    d2.statements = [statement(t2, "واتهم", "mismari", "حكومة الوفاق")]
    docs.append(d2)

    t3 = ("اجتمع قادة الدول في برلين لبحث الأزمة الليبية. "
          "واتفق المشاركون على احترام حظر السلاح الذي فرضته الأمم المتحدة.")
    d3 = Document(text=t3, source=Source(path="fixture/3.txt", outlet="المرصد المغاربي", published=date(2020, 1, 19),
                                         title="مؤتمر برلين"))
    d3.actors = [actor("un", t3, "الأمم المتحدة")]
    d3.places = [place("de-berlin", t3, "برلين")]
    d3.dates = [date_ref(t3, "الأزمة", None, None)]  # an unresolved expression keeps a null value
    d3.events = [
        event(t3, "CONSULT", "اجتمع", place_id="de-berlin", day=date(2020, 1, 19)),
        event(t3, "AGREE", "واتفق", day=None, confidence=0.65),  # no place, no date: dated by publication
    ]
    docs.append(d3)

    t4 = "استعادت قوات حكومة الوفاق مدينة ترهونة بعد انسحاب قوات حفتر منها."
    d4 = Document(text=t4, source=Source(path="fixture/4.txt", outlet="صدى طرابلس", published=date(2020, 6, 5),
                                         title="ترهونة"))
    d4.actors = [actor("gna", t4, "حكومة الوفاق"), actor("haftar", t4, "حفتر")]
    d4.places = [place("ly-tarhuna", t4, "ترهونة")]
    d4.events = [event(t4, "ASSAULT", "استعادت", source="gna", target="haftar", place_id="ly-tarhuna",
                       day=date(2020, 6, 5), confidence=0.85)]
    docs.append(d4)
    return docs


UNPROCESSED_TEXT = "نص قصير لم تجر معالجته بعد عن الوضع في مصراتة."


def fill_store(store) -> list[Document]:
    """Add and save the fixture documents (+ one stored but unprocessed document); return the processed ones."""
    docs = build_documents()
    for d in docs:
        store.add_document(d)
        store.save_extraction(d)
    store.add_document(Document(text=UNPROCESSED_TEXT, source=Source(path="fixture/5.txt", outlet="النيل اليوم",
                                                                    published=date(2020, 7, 1))))
    return docs


def add_samples(store, samples_dir) -> int:
    """Ingest and process the bundled ``samples/`` articles with the current pipeline; return how many
    events they gave. Used to show real extractions (browser tests, screenshots) once the event stages
    exist; the hand-made documents stay in the store either way, so the tests never depend on them."""
    from marsad.doc import Document as Doc
    from marsad.ingest import read_paths
    from marsad.pipeline import run

    n = 0
    for item in read_paths([samples_dir]):
        if isinstance(item, Doc) and store.add_document(item).status == "added":
            done = run(item)
            store.save_extraction(done)
            n += len(done.events)
    return n
