"""Story events in the store: incremental refresh and queries (docs/merge.md).

:func:`refresh` brings ``story_events``/``story_reports`` up to date with the stored events:

1. every stored event's *signature* (the fields the merge reads) is compared with the one recorded
   when it was linked;
2. a story with a report that vanished or changed (its document was processed again) is dissolved,
   and its other reports go back to the pending pile, with every event not linked yet;
3. pending reports are added to the remaining stories by :func:`marsad.merge.cluster.assign` (a report
   already linked never moves), and the summaries of touched stories are rewritten.

So ingesting and processing new documents, then refreshing, only links the new events; stored events
are never modified. ``refresh(store, rebuild=True)`` drops every story and links everything afresh.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime

import sqlalchemy as sa

from marsad.merge.cluster import Story, assign, summarize
from marsad.merge.rules import Affiliation
from marsad.merge.schema import story_events, story_reports

SIGNATURE_FIELDS = ("type", "mode", "source", "target", "place", "lat", "lon", "place_precision", "date",
                    "date_precision", "negated", "hypothetical", "fatalities", "published", "outlet", "doc_id")


@dataclass(slots=True)
class RefreshResult:
    """What a refresh did: reports linked now, stories created, updated and dissolved; totals after."""

    linked: int
    created: int
    updated: int
    dissolved: int
    stories: int
    reports: int


def signature(row: Mapping) -> str:
    blob = json.dumps([row.get(k) for k in SIGNATURE_FIELDS], ensure_ascii=False, default=str)
    return hashlib.sha1(blob.encode("utf-8")).hexdigest()


def affiliations(store) -> Affiliation:
    """Affiliation of an actor id: the stored actors first, the knowledge base for ids never stored."""
    stored = {a["id"]: a.get("affiliation") for a in store.list_actors()}
    try:
        from marsad.actors.kb import default_kb

        kb = default_kb()
    except Exception:  # noqa: BLE001 - the merge works without a knowledge base
        kb = None

    def affiliation(actor_id: str) -> str | None:
        if stored.get(actor_id):
            return stored[actor_id]
        entry = kb.entry(actor_id) if kb is not None else None
        return entry.affiliation if entry is not None else None

    return affiliation


def all_event_rows(store) -> list[dict]:
    return store.list_events(limit=max(1, store.count_events()), sort="date")


def up_to_date(store) -> bool:
    """Cheap check: every stored event is linked and no extraction was saved after the last refresh."""
    from marsad.store import schema as T

    with store.engine.connect() as conn:
        n_events = conn.execute(sa.select(sa.func.count()).select_from(T.events)).scalar_one()
        n_linked = conn.execute(sa.select(sa.func.count()).select_from(story_reports)).scalar_one()
        last_saved = conn.execute(sa.select(sa.func.max(T.extractions.c.processed_at))).scalar_one()
        last_merged = conn.execute(sa.select(sa.func.max(story_events.c.updated_at))).scalar_one()
    if n_events != n_linked:
        return False
    return n_events == 0 or (last_saved is not None and last_merged is not None and last_saved <= last_merged)


def refresh(store, affiliation: Affiliation | None = None, rebuild: bool = False) -> RefreshResult:
    """Bring the story tables up to date with the stored events (see the module docstring)."""
    if not rebuild and up_to_date(store):
        with store.engine.connect() as conn:
            total = conn.execute(sa.select(sa.func.count()).select_from(story_events)).scalar_one()
            reports = conn.execute(sa.select(sa.func.count()).select_from(story_reports)).scalar_one()
        return RefreshResult(0, 0, 0, 0, total, reports)
    affiliation = affiliation or affiliations(store)
    rows = {r["event_id"]: r for r in all_event_rows(store)}
    sigs = {eid: signature(r) for eid, r in rows.items()}
    eng = store.engine
    with eng.begin() as conn:
        if rebuild:
            conn.execute(story_reports.delete())
            conn.execute(story_events.delete())
        linked = conn.execute(sa.select(story_reports.c.event_id, story_reports.c.story_id,
                                        story_reports.c.signature)).all()
        dirty = {sid for eid, sid, sig in linked if sigs.get(eid) != sig}
        members: dict[int, list[str]] = {}
        for eid, sid, _ in linked:
            members.setdefault(sid, []).append(eid)
        if dirty:
            conn.execute(story_reports.delete().where(story_reports.c.story_id.in_(dirty)))
            conn.execute(story_events.delete().where(story_events.c.story_id.in_(dirty)))
        kept = [Story(reports=[rows[e] for e in eids], story_id=sid, dirty=False)
                for sid, eids in sorted(members.items()) if sid not in dirty]
        done = {e for s in kept for e in (r["event_id"] for r in s.reports)}
        pending = [r for eid, r in rows.items() if eid not in done]
        before = {id(s): len(s.reports) for s in kept}
        stories = assign(kept, pending, affiliation)
        now = datetime.now(UTC)
        created = updated = 0
        for s in stories:
            if not s.dirty:
                continue
            summ = summarize(s)
            values = _story_values(summ, now)
            if s.story_id is None:
                s.story_id = conn.execute(story_events.insert().values(**values)).inserted_primary_key[0]
                created += 1
                new_reports = s.reports
            else:
                conn.execute(story_events.update().where(story_events.c.story_id == s.story_id).values(**values))
                updated += 1
                new_reports = s.reports[before.get(id(s), 0):]
            if new_reports:
                conn.execute(story_reports.insert(), [
                    {"event_id": r["event_id"], "story_id": s.story_id, "doc_id": r["doc_id"],
                     "signature": sigs[r["event_id"]]} for r in new_reports])
            s.dirty = False
        total = conn.execute(sa.select(sa.func.count()).select_from(story_events)).scalar_one()
    return RefreshResult(len(pending), created, updated, len(dirty), total, len(rows))


def _story_values(summ: dict, now: datetime) -> dict:
    return {
        "type": summ["type"], "mode": summ["mode"], "source": summ["source"], "target": summ["target"],
        "place": summ["place"], "lat": summ["lat"], "lon": summ["lon"], "place_precision": summ["place_precision"],
        "date": date.fromisoformat(summ["date"]) if summ["date"] else None,
        "date_precision": summ["date_precision"], "fatalities": summ["fatalities"],
        "n_reports": summ["n_reports"], "sources": summ["sources"],
        "outlets": json.dumps(summ["outlets"], ensure_ascii=False), "first_event_id": summ["first_event_id"],
        "first_doc_id": summ["first_doc_id"],
        "first_published": date.fromisoformat(str(summ["first_published"])) if summ["first_published"] else None,
        "confidence": summ["confidence"], "agreement": json.dumps(summ["agreement"], ensure_ascii=False),
        "summary": json.dumps(summ, ensure_ascii=False, default=str), "updated_at": now,
    }


def _row(r) -> dict:
    """A story row (JSON-ready): the stored summary plus its id."""
    out = json.loads(r.summary)
    out["story_id"] = r.story_id
    out["id"] = f"story:{r.story_id}"
    return out


def stories(store, filters=None, limit: int | None = 100, offset: int = 0, sort: str = "-date") -> list[dict]:
    """Story rows matching ``filters`` (a :class:`marsad.store.EventFilters`; ``outlet`` matches any
    report's outlet, ``actor`` the story's or any report's source/target, ``doc_id`` any report)."""
    rows = _filtered(store, filters)
    key = sort.lstrip("-")
    if key not in ("date", "sources", "type", "published"):
        raise ValueError(f"unknown sort {sort!r} (date, sources, type or published; '-' to reverse)")

    def k(r: dict):
        v = {"date": r["date"] or str(r.get("first_published") or ""), "sources": r["sources"],
             "type": r["type"], "published": str(r.get("first_published") or "")}[key]
        return (v, r["story_id"])

    rows.sort(key=k, reverse=sort.startswith("-"))
    return rows[offset:offset + limit] if limit is not None else rows[offset:]


def count_stories(store, filters=None) -> int:
    return len(_filtered(store, filters))


def _filtered(store, f) -> list[dict]:
    with store.engine.connect() as conn:
        rows = [_row(r) for r in conn.execute(sa.select(story_events.c.story_id, story_events.c.summary))]
        links: dict[int, list[str]] = {}
        for eid, sid in conn.execute(sa.select(story_reports.c.event_id, story_reports.c.story_id)):
            links.setdefault(sid, []).append(eid)
    if f is None:
        return rows
    need_reports = f.actor or f.outlet or f.doc_id
    ev = {r["event_id"]: r for r in all_event_rows(store)} if need_reports else {}
    out = []
    for r in rows:
        reps = [ev[e] for e in links.get(r["story_id"], []) if e in ev]
        when = r["date"] or (str(r["first_published"]) if r.get("first_published") else None)
        if f.type and r["type"] != f.type.upper():
            continue
        if f.place and r["place"] != f.place and not any(x.get("place") == f.place for x in reps):
            continue
        if f.actor and f.actor not in {r["source"], r["target"]} | {x.get(k) for x in reps for k in ("source", "target")}:
            continue
        if f.outlet and f.outlet not in r["outlets"]:
            continue
        if f.doc_id and not any(x["doc_id"] == f.doc_id for x in reps):
            continue
        if f.since and (when is None or when < f.since.isoformat()):
            continue
        if f.until and (when is None or when > f.until.isoformat()):
            continue
        if f.min_confidence is not None and r["confidence"] < f.min_confidence:
            continue
        if f.bbox:
            w, s, e, n = f.bbox
            if r["lon"] is None or not (w <= r["lon"] <= e and s <= r["lat"] <= n):
                continue
        out.append(r)
    return out


def story(store, story_id: int) -> dict | None:
    """One story with its reports (the stored event rows, earliest publication first)."""
    with store.engine.connect() as conn:
        r = conn.execute(sa.select(story_events.c.story_id, story_events.c.summary)
                         .where(story_events.c.story_id == story_id)).first()
        if r is None:
            return None
        eids = [e for (e,) in conn.execute(sa.select(story_reports.c.event_id)
                                           .where(story_reports.c.story_id == story_id))]
    out = _row(r)
    ev = {x["event_id"]: x for x in all_event_rows(store)}
    out["reports"] = sorted((ev[e] for e in eids if e in ev), key=lambda x: (str(x.get("published")), x["event_id"]))
    return out
