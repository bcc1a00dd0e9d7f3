"""Pipeline stage ``attach_numbers`` (after "events"): stated counts for events the events stage leaves bare.

The events stage attaches casualty counts (``marsad.numbers.casualties_in`` over the event's sentence) to
ASSAULT events. Prisoners and detainees belong to other types too: "أسرت القوات 145 عنصرا" is a COERCE
(seize/arrest), "أفرجت عن 20 أسيرا" a RETREAT (release). For those types this stage attaches the counts
of the kinds listed in :data:`KINDS_BY_TYPE` found in the event's sentence, never overwriting numbers an
earlier stage set. ``Event.fatalities`` stays the events stage's (killed counts of ASSAULT events).
"""

from __future__ import annotations

from marsad.doc import Document

#: Which counted kinds (marsad.numbers) describe the size of an event of this PLOVER type.
KINDS_BY_TYPE: dict[str, frozenset[str]] = {
    "COERCE": frozenset({"captured"}),
    "RETREAT": frozenset({"captured"}),
    "ASSAULT": frozenset({"killed", "wounded", "captured", "displaced", "casualties"}),
}


def attach_numbers(doc: Document) -> Document:
    """Pipeline stage: fill ``numbers`` of bare events from the counts stated in their sentence."""
    from marsad.numbers import casualties_in

    cache: dict[tuple[int, int], list[dict]] = {}
    for ev in doc.events:
        kinds = KINDS_BY_TYPE.get(ev.type)
        if not kinds or ev.numbers or ev.negated or ev.hypothetical:
            continue
        if ev.sentence not in cache:
            cache[ev.sentence] = casualties_in(doc, *ev.sentence)
        found = [c for c in cache[ev.sentence] if c.get("kind") in kinds]
        if found:
            ev.numbers = found
            if ev.type == "ASSAULT" and ev.fatalities is None:
                killed = [c["value"] for c in found if c.get("kind") == "killed"]
                ev.fatalities = int(killed[0]) if killed else None
    return doc
