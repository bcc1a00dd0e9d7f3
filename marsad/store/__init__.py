"""The store: documents, duplicates, search and extractions in one database (SQLite by default).

Written with SQLAlchemy Core so the same queries run on PostgreSQL (``postgresql+psycopg://...``);
only full-text search differs (FTS5 on SQLite, a GIN-indexed tsvector on PostgreSQL, LIKE over the same
terms elsewhere). The CLI, the HTTP
API and the dashboard are thin faces over :class:`Store`; ``docs/store.md`` documents every method and
table.

Each document is written in one transaction (text, search terms, MinHash signature together), so an
interrupted ingest leaves either the whole document or nothing.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa

from marsad.doc import Document, Source
from marsad.ingest import dedup
from marsad.store import schema as T
from marsad.store import search as S
from marsad.store.migrations import PG_TSV, migrate

__all__ = ["Store", "AddResult", "EventFilters", "StoreError", "db_url"]

ADDED, SEEN, DUPLICATE, NEAR_DUPLICATE = "added", "seen", "duplicate", "near-duplicate"


class StoreError(RuntimeError):
    """A store operation failed in a way the user can fix (bad URL, unknown id, no FTS5...)."""


@dataclass(slots=True, frozen=True)
class AddResult:
    """Outcome of :meth:`Store.add_document`.

    ``status``: ``added``; ``seen`` (this text was already stored or already recorded as a duplicate —
    a re-ingest); ``duplicate`` (same text as stored document ``original`` from another source);
    ``near-duplicate`` (same story with small edits as ``original``, estimated Jaccard ``similarity``).
    """

    status: str
    doc_id: str
    original: str | None = None
    similarity: float | None = None


@dataclass(slots=True)
class EventFilters:
    """Filters of :meth:`Store.list_events`; ``None`` means no filter.

    ``actor`` matches the source or the target id; ``since``/``until`` (inclusive) apply to the event's
    date, or to the document's publication date when the event has none; ``bbox`` is
    ``(min_lon, min_lat, max_lon, max_lat)`` on the event's place.
    """

    type: str | None = None
    actor: str | None = None
    place: str | None = None
    outlet: str | None = None
    since: date | None = None
    until: date | None = None
    bbox: tuple[float, float, float, float] | None = None
    doc_id: str | None = None
    min_confidence: float | None = None


def db_url(db: str) -> str:
    """A SQLAlchemy URL from ``--db``: a URL as is, anything else a SQLite file path."""
    return db if "://" in db else f"sqlite:///{os.path.abspath(db)}"


def _now() -> datetime:
    return datetime.now(UTC)


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def pg_match(terms: list[str]) -> tuple[sa.ColumnElement, sa.ColumnElement]:
    """PostgreSQL's (tsvector, tsquery) for query terms: the tsvector is the very expression migration
    0005 indexes, so the GIN index serves the match; the terms are ANDed."""
    tsv = sa.literal_column(PG_TSV.replace("terms", "search_terms.terms"))
    return tsv, sa.func.plainto_tsquery(sa.literal_column("'simple'::regconfig"), " ".join(terms))


class Store:
    """One database. ``Store("marsad.db")``, ``Store("sqlite://")`` (in memory) or a PostgreSQL URL.

    ``fts``: use the database's full-text index for search (FTS5 on SQLite, tsvector on PostgreSQL; the
    default); False uses the portable LIKE path.
    """

    def __init__(self, db: str = "marsad.db", fts: bool | None = None) -> None:
        url = db_url(db)
        try:
            if url in ("sqlite://", "sqlite:///:memory:"):
                from sqlalchemy.pool import StaticPool

                self.engine = sa.create_engine("sqlite://", poolclass=StaticPool,
                                               connect_args={"check_same_thread": False})
            else:
                kw = {"connect_args": {"check_same_thread": False}} if url.startswith("sqlite") else {}
                self.engine = sa.create_engine(url, **kw)
        except (sa.exc.ArgumentError, ImportError) as exc:
            raise StoreError(f"cannot open store {db!r}: {exc}") from exc
        self.sqlite = self.engine.dialect.name == "sqlite"
        if self.sqlite:
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        self.fts = self.sqlite if fts is None else (fts and self.sqlite)
        self.pg_fts = self.engine.dialect.name == "postgresql" and fts is not False
        try:
            self.applied = migrate(self.engine)
        except sa.exc.OperationalError as exc:
            raise StoreError(f"cannot open store {db!r}: {exc.orig}") from exc
        if self.fts:  # FTS5 may be missing from this SQLite build; then the LIKE path serves
            with self.engine.connect() as conn:
                self.fts = conn.exec_driver_sql(
                    "SELECT 1 FROM sqlite_master WHERE name = 'documents_fts'").first() is not None
        self._near: dedup.NearDuplicates | None = None
        self._counts: dict[tuple, tuple[int, int]] = {}  # filters -> (extractions counter, count)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------ documents

    def _near_index(self) -> dedup.NearDuplicates:
        """The LSH index, loaded once from the stored signatures (so earlier runs count)."""
        if self._near is None:
            with self.engine.connect() as conn:
                rows = conn.execute(sa.select(T.minhash.c.doc_id, T.minhash.c.signature))
                self._near = dedup.NearDuplicates((r.doc_id, dedup.from_bytes(r.signature)) for r in rows)
        return self._near

    def add_document(self, doc: Document) -> AddResult:
        """Store ``doc`` unless it duplicates a stored document; one transaction per document."""
        doc_id = doc.doc_id or ""
        src = doc.source
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(T.documents.c.path).where(T.documents.c.doc_id == doc_id)).first()
            if row is not None and row.path == src.path:
                return AddResult(SEEN, doc_id, doc_id, 1.0)
            dup = conn.execute(sa.select(T.duplicates.c.original, T.duplicates.c.similarity).where(
                T.duplicates.c.doc_id == doc_id, T.duplicates.c.path == src.path)).first()
            if dup is not None:  # this input was already recorded as a duplicate: a re-ingest
                return AddResult(SEEN, doc_id, dup.original, dup.similarity)
            if row is not None:
                return self._record_duplicate(doc, "exact", doc_id, 1.0)
        sig = dedup.signature(doc.text)
        near = self._near_index().find(sig)
        if near is not None:
            return self._record_duplicate(doc, "near", near.doc_id, near.similarity)
        terms = S.terms(doc.text, doc.tokens)
        with self.engine.begin() as conn:
            pk = conn.execute(T.documents.insert().values(
                doc_id=doc_id, path=src.path, outlet=src.outlet, published=src.published, url=src.url,
                title=src.title, text=doc.text, length=len(doc.text), ingested_at=_now(),
            )).inserted_primary_key[0]
            conn.execute(T.minhash.insert().values(doc_id=doc_id, signature=dedup.to_bytes(sig)))
            if self.fts:
                conn.exec_driver_sql("INSERT INTO documents_fts(rowid, terms) VALUES (?, ?)", (pk, terms))
            else:
                conn.execute(T.search_terms.insert().values(doc_id=doc_id, terms=f" {terms} "))
        self._near_index().add(doc_id, sig)
        return AddResult(ADDED, doc_id)

    def _record_duplicate(self, doc: Document, kind: str, original: str, sim: float) -> AddResult:
        src = doc.source
        with self.engine.begin() as conn:
            exists = conn.execute(sa.select(T.duplicates.c.id).where(
                T.duplicates.c.doc_id == doc.doc_id, T.duplicates.c.path == src.path)).first()
            if exists is None:
                conn.execute(T.duplicates.insert().values(
                    doc_id=doc.doc_id, path=src.path, outlet=src.outlet, published=src.published, kind=kind,
                    original=original, similarity=round(sim, 4), seen_at=_now()))
        return AddResult(DUPLICATE if kind == "exact" else NEAR_DUPLICATE, doc.doc_id or "", original, sim)

    def resolve_id(self, prefix: str) -> str | None:
        """The full doc_id for a unique prefix (at least 4 characters) or the id itself."""
        if len(prefix) < 4:
            return None
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(T.documents.c.doc_id).where(
                T.documents.c.doc_id.like(prefix.replace("%", "").replace("_", "") + "%")).limit(2)).all()
        return rows[0][0] if len(rows) == 1 else None

    def get_document(self, doc_id: str) -> Document | None:
        """The stored document (text and source; no annotations), or None."""
        with self.engine.connect() as conn:
            r = conn.execute(sa.select(T.documents).where(T.documents.c.doc_id == doc_id)).first()
        if r is None:
            return None
        return Document(text=r.text, doc_id=r.doc_id, source=Source(
            path=r.path, outlet=r.outlet, published=r.published, url=r.url, title=r.title))

    def _doc_row(self, r) -> dict:
        return {"doc_id": r.doc_id, "title": r.title, "outlet": r.outlet,
                "published": r.published.isoformat() if r.published else None, "url": r.url, "path": r.path,
                "length": r.length, "processed": r.processed is not None, "events": r.n_events or 0}

    def _doc_select(self):
        n_events = (sa.select(sa.func.count()).select_from(T.events)
                    .where(T.events.c.doc_id == T.documents.c.doc_id).scalar_subquery())
        return (sa.select(T.documents.c.id, T.documents.c.doc_id, T.documents.c.title, T.documents.c.outlet,
                          T.documents.c.published, T.documents.c.url, T.documents.c.path, T.documents.c.length,
                          T.extractions.c.processed_at.label("processed"), n_events.label("n_events"))
                .select_from(T.documents.outerjoin(T.extractions, T.extractions.c.doc_id == T.documents.c.doc_id)))

    def list_documents(self, q: str | None = None, outlet: str | None = None, limit: int = 50,
                       offset: int = 0) -> list[dict]:
        """Documents, newest first (or by relevance when ``q`` is given), each with a snippet when searched."""
        if q:
            return self.search(q, limit=limit, offset=offset, outlet=outlet)
        stmt = self._doc_select()
        if outlet:
            stmt = stmt.where(T.documents.c.outlet == outlet)
        stmt = stmt.order_by(T.documents.c.published.desc(), T.documents.c.id).limit(limit).offset(offset)
        with self.engine.connect() as conn:
            return [self._doc_row(r) for r in conn.execute(stmt)]

    def count_documents(self, q: str | None = None, outlet: str | None = None) -> int:
        with self.engine.connect() as conn:
            if q:
                return len(self._search_ids(conn, q, outlet, None, 0))
            stmt = sa.select(sa.func.count()).select_from(T.documents)
            if outlet:
                stmt = stmt.where(T.documents.c.outlet == outlet)
            return conn.execute(stmt).scalar_one()

    # ------------------------------------------------------------------ search

    def _search_ids(self, conn: sa.Connection, q: str, outlet: str | None, limit: int | None,
                    offset: int) -> list[str]:
        """Matching doc_ids, best first (bm25 on FTS5, ts_rank on PostgreSQL; newest first on the LIKE path)."""
        ts = S.query_terms(q)
        if not ts:
            return []
        if self.fts:
            sql = ("SELECT d.doc_id FROM documents_fts f JOIN documents d ON d.id = f.rowid "
                   "WHERE documents_fts MATCH ?" + (" AND d.outlet = ?" if outlet else "") +
                   " ORDER BY bm25(documents_fts), d.id" + (" LIMIT ? OFFSET ?" if limit is not None else ""))
            params: tuple = (S.fts_query(q),) + ((outlet,) if outlet else ())
            params += (limit, offset) if limit is not None else ()
            return [r[0] for r in conn.exec_driver_sql(sql, params)]
        stmt = sa.select(T.documents.c.doc_id).join(T.search_terms, T.search_terms.c.doc_id == T.documents.c.doc_id)
        if self.pg_fts:
            tsv, query = pg_match(ts)
            stmt = stmt.where(tsv.op("@@")(query)).order_by(sa.func.ts_rank(tsv, query).desc())
        else:
            for t in ts:
                stmt = stmt.where(T.search_terms.c.terms.like(f"% {t} %"))
        if outlet:
            stmt = stmt.where(T.documents.c.outlet == outlet)
        stmt = stmt.order_by(T.documents.c.published.desc(), T.documents.c.id)
        if limit is not None:
            stmt = stmt.limit(limit).offset(offset)
        return [r[0] for r in conn.execute(stmt)]

    def search(self, q: str, limit: int = 20, offset: int = 0, outlet: str | None = None) -> list[dict]:
        """Documents matching ``q`` whatever its spelling variants; each row has ``snippet`` and ``match``
        (offsets of the first matching word in the snippet text)."""
        with self.engine.connect() as conn:
            ids = self._search_ids(conn, q, outlet, limit, offset)
            if not ids:
                return []
            rows = {r.doc_id: r for r in conn.execute(self._doc_select().where(T.documents.c.doc_id.in_(ids)))}
            texts = dict(conn.execute(sa.select(T.documents.c.doc_id, T.documents.c.text)
                                      .where(T.documents.c.doc_id.in_(ids))).all())
        out = []
        for i in ids:
            row = self._doc_row(rows[i])
            sn = S.snippet(texts[i], q)
            row["snippet"], row["match"] = sn["text"], sn["match"]
            out.append(row)
        return out

    # ------------------------------------------------------------------ statistics

    def stats(self) -> dict:
        """Totals, documents per outlet and month, duplicates dropped (exact / near), extraction counts."""
        month = sa.func.substr(sa.cast(T.documents.c.published, sa.String), 1, 7)
        with self.engine.connect() as conn:
            def count(table) -> int:
                return conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()

            per = conn.execute(sa.select(T.documents.c.outlet, month.label("month"), sa.func.count().label("n"))
                               .group_by(T.documents.c.outlet, month)
                               .order_by(T.documents.c.outlet, month)).all()
            dups = dict(conn.execute(sa.select(T.duplicates.c.kind, sa.func.count())
                                     .group_by(T.duplicates.c.kind)).all())
            return {
                "documents": count(T.documents),
                "by_outlet_month": [{"outlet": r.outlet, "month": r.month, "documents": r.n} for r in per],
                "duplicates": {"exact": dups.get("exact", 0), "near": dups.get("near", 0)},
                "processed": count(T.extractions),
                "events": count(T.events),
                "statements": count(T.statements),
                "actors": conn.execute(sa.select(sa.func.count(sa.distinct(T.actors.c.actor_id)))).scalar_one(),
                "places": conn.execute(sa.select(sa.func.count(sa.distinct(T.places.c.place_id)))).scalar_one(),
                "migrations": [r[0] for r in conn.execute(sa.select(T.migrations.c.name)
                                                          .order_by(T.migrations.c.name))],
            }

    def duplicates(self, limit: int = 100) -> list[dict]:
        """Inputs dropped as duplicates, with the stored document they repeat."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(T.duplicates).order_by(T.duplicates.c.id).limit(limit)).all()
        return [{"doc_id": r.doc_id, "path": r.path, "outlet": r.outlet, "kind": r.kind,
                 "original": r.original, "similarity": r.similarity} for r in rows]

    # ------------------------------------------------------------------ extractions

    def save_extraction(self, doc: Document, pipeline_version: str | None = None) -> None:
        """Replace every extraction row of ``doc`` (actors, places, events, statements, labels, dates, record)."""
        rec = doc.to_record()
        d = doc.doc_id
        with self.engine.begin() as conn:
            row = conn.execute(sa.select(T.documents.c.published).where(T.documents.c.doc_id == d)).first()
            if row is None:
                raise StoreError(f"document {d} is not in the store; add it before saving its extraction")
            published = row.published  # as stored: the events' day falls back on it
            conn.execute(T.counters.update().where(T.counters.c.name == "extractions")
                         .values(value=T.counters.c.value + 1))
            for table in T.EXTRACTION_TABLES:
                conn.execute(table.delete().where(table.c.doc_id == d))
            if doc.actors:
                conn.execute(T.actors.insert(), [
                    {"doc_id": d, "actor_id": a.id, "name_en": a.name_en, "name_ar": a.name_ar, "type": a.type,
                     "country": a.country, "affiliation": a.affiliation, "role": a.role,
                     "codes": json.dumps(a.codes, ensure_ascii=False),
                     "mentions": json.dumps([list(m) for m in a.mentions]), "n_mentions": len(a.mentions)}
                    for a in _unique(doc.actors)])
            if doc.places:
                conn.execute(T.places.insert(), [
                    {"doc_id": d, "place_id": p.id, "name_en": p.name_en, "name_ar": p.name_ar,
                     "country": p.country, "lat": p.lat, "lon": p.lon, "precision": p.precision,
                     "admin1": p.admin1, "mentions": json.dumps([list(m) for m in p.mentions]),
                     "n_mentions": len(p.mentions)}
                    for p in _unique(doc.places)])
            if doc.events:
                conn.execute(T.events.insert(), [
                    {"event_id": f"{d}:{i}", "doc_id": d, "idx": i, "type": e.type, "mode": e.mode,
                     "source": e.source, "target": e.target, "place": e.place, "date": e.date,
                     "date_precision": e.date_precision, "negated": bool(e.negated),
                     "hypothetical": bool(e.hypothetical), "confidence": float(e.confidence),
                     "trigger_start": e.trigger[0], "trigger_end": e.trigger[1],
                     "sentence_start": e.sentence[0], "sentence_end": e.sentence[1], "cameo": e.cameo,
                     "acled_type": e.acled_type, "acled_subtype": e.acled_subtype, "fatalities": e.fatalities,
                     "numbers": json.dumps(e.numbers, ensure_ascii=False, default=str),
                     "day": e.date or published}
                    for i, e in enumerate(doc.events)])
            if doc.statements:
                conn.execute(T.statements.insert(), [
                    {"statement_id": f"{d}:{i}", "doc_id": d, "idx": i, "speaker": s.speaker,
                     "trigger_start": s.trigger[0], "trigger_end": s.trigger[1],
                     "quote_start": s.quote[0] if s.quote else None, "quote_end": s.quote[1] if s.quote else None,
                     "sentence_start": s.sentence[0], "sentence_end": s.sentence[1], "date": s.date}
                    for i, s in enumerate(doc.statements)])
            if doc.labels:
                conn.execute(T.labels.insert(), [
                    {"label_id": f"{d}:{i}", "doc_id": d, "idx": i, "actor": lb.actor, "text": lb.text,
                     "span_start": lb.span[0], "span_end": lb.span[1], "stance": lb.stance,
                     "descriptors": json.dumps(lb.descriptors, ensure_ascii=False)}
                    for i, lb in enumerate(doc.labels)])
            if doc.dates:
                conn.execute(T.dates.insert(), [
                    {"doc_id": d, "idx": i, "span_start": r.start, "span_end": r.end, "text": r.text,
                     "value": r.value, "precision": r.precision}
                    for i, r in enumerate(sorted(doc.dates, key=lambda r: (r.start, r.end)))])
            conn.execute(T.extractions.insert().values(
                doc_id=d, pipeline_version=pipeline_version, processed_at=_now(),
                record=json.dumps(rec, ensure_ascii=False)))

    def list_dates(self, doc_id: str) -> list[dict]:
        """The date expressions saved for ``doc_id``, in text order: ``[{start, end, text, value, precision}]``
        (``value`` an ISO date or None). Empty for an unprocessed document."""
        t = T.dates
        stmt = (sa.select(t.c.span_start.label("start"), t.c.span_end.label("end"), t.c.text, t.c.value,
                          t.c.precision).where(t.c.doc_id == doc_id).order_by(t.c.idx))
        with self.engine.connect() as conn:
            return [_plain(r._asdict()) for r in conn.execute(stmt)]

    def record(self, doc_id: str) -> dict | None:
        """The FORMAT.md extraction record saved for ``doc_id`` (exactly as ``to_record()`` gave it)."""
        with self.engine.connect() as conn:
            r = conn.execute(sa.select(T.extractions.c.record).where(T.extractions.c.doc_id == doc_id)).first()
        return json.loads(r[0]) if r else None

    def records(self) -> Iterator[dict]:
        """Every saved record, in ingest order (for exports)."""
        with self.engine.connect() as conn:
            stmt = (sa.select(T.extractions.c.record).join(T.documents, T.documents.c.doc_id == T.extractions.c.doc_id)
                    .order_by(T.documents.c.id))
            for (rec,) in conn.execute(stmt):
                yield json.loads(rec)

    def unprocessed(self, pipeline_version: str | None = None) -> list[str]:
        """doc_ids with no extraction, or (given a version) one made by another pipeline version."""
        cond = T.extractions.c.doc_id.is_(None)
        if pipeline_version is not None:
            cond = sa.or_(cond, T.extractions.c.pipeline_version.is_(None),
                          T.extractions.c.pipeline_version != pipeline_version)
        stmt = (sa.select(T.documents.c.doc_id)
                .select_from(T.documents.outerjoin(T.extractions, T.extractions.c.doc_id == T.documents.c.doc_id))
                .where(cond).order_by(T.documents.c.id))
        with self.engine.connect() as conn:
            return [r[0] for r in conn.execute(stmt)]

    def all_doc_ids(self) -> list[str]:
        with self.engine.connect() as conn:
            return [r[0] for r in conn.execute(sa.select(T.documents.c.doc_id).order_by(T.documents.c.id))]

    # ------------------------------------------------------------------ events and friends

    def _events_select(self, f: EventFilters, lean: bool = False, counting: bool = False):
        """The event query with ``f`` applied: full rows, or (``lean``) event ids only, for counting
        and paging (no names, no text slices; the place join only for ``bbox``)."""
        e, d, pl = T.events, T.documents, _PL
        if lean:  # the document join is for the outlet filter and the paging order (count: no sort)
            stmt = _lean_select(bool(f.bbox), bool(f.outlet) or not counting)
        else:
            stmt = _full_select()
        conds = []
        if f.type:
            conds.append(e.c.type == f.type.upper())
        if f.actor:
            conds.append(sa.or_(e.c.source == f.actor, e.c.target == f.actor))
        if f.place:
            conds.append(e.c.place == f.place)
        if f.outlet:
            conds.append(d.c.outlet == f.outlet)
        if f.since:
            conds.append(e.c.day >= f.since)
        if f.until:
            conds.append(e.c.day <= f.until)
        if f.doc_id:
            conds.append(e.c.doc_id == f.doc_id)
        if f.min_confidence is not None:
            conds.append(e.c.confidence >= f.min_confidence)
        if f.bbox:
            min_lon, min_lat, max_lon, max_lat = f.bbox
            conds += [pl.c.lon >= min_lon, pl.c.lon <= max_lon, pl.c.lat >= min_lat, pl.c.lat <= max_lat]
        return stmt.where(*conds), e.c.day

    _SORTS = {"date", "published", "confidence", "type"}

    def list_events(self, filters: EventFilters | None = None, limit: int = 100, offset: int = 0,
                    sort: str = "-date") -> list[dict]:
        """Events as flat dicts (see docs/store.md for the keys). ``sort``: date, published, confidence or
        type, with a leading "-" for descending; ties keep document and text order."""
        f = filters or EventFilters()
        ids_stmt, when = self._events_select(f, lean=True)
        key = sort.lstrip("-")
        if key not in self._SORTS:
            raise StoreError(f"unknown sort {sort!r} (use one of {', '.join(sorted(self._SORTS))}, '-' to reverse)")
        col = {"date": when, "published": T.documents.c.published, "confidence": T.events.c.confidence,
               "type": T.events.c.type}[key]
        order = col.desc() if sort.startswith("-") else col.asc()
        # page over narrow id rows first, then fetch names and text slices for that page only
        ids_stmt = ids_stmt.order_by(order, T.documents.c.id, T.events.c.idx).limit(limit).offset(offset)
        with self.engine.connect() as conn:
            ids = [r[0] for r in conn.execute(ids_stmt)]
            if not ids:
                return []
            result = conn.execute(_full_select().where(T.events.c.event_id.in_(ids)))
            keys = tuple(result.keys())
            rows = {r[0]: _event_row(dict(zip(keys, r, strict=True))) for r in result}
        return [rows[i] for i in ids]

    def count_events(self, filters: EventFilters | None = None) -> int:
        """How many events match; remembered per filters until the next saved extraction (in any process:
        the ``counters`` row), since a dashboard asks the same few counts over and over."""
        f = filters or EventFilters()
        key = (f.type.upper() if f.type else None, f.actor, f.place, f.outlet, f.since, f.until, f.bbox, f.doc_id,
               f.min_confidence)
        with self.engine.connect() as conn:
            gen = self._generation(conn)
            hit = self._counts.get(key)
            if hit is not None and hit[0] == gen:
                return hit[1]
            stmt, _ = self._events_select(f, lean=True, counting=True)
            n = conn.execute(sa.select(sa.func.count()).select_from(stmt.subquery())).scalar_one()
        if len(self._counts) >= _COUNT_CACHE_SIZE:
            self._counts.clear()
        self._counts[key] = (gen, n)
        return n

    def _generation(self, conn: sa.Connection) -> int:
        """The ``extractions`` change counter (goes up with every saved extraction)."""
        return conn.execute(_GENERATION).scalar_one_or_none() or 0

    def list_actors(self, limit: int | None = None) -> list[dict]:
        """Actors across documents: names, type, documents, mentions, events, and mentions per outlet."""
        a, d, e = T.actors, T.documents, T.events
        with self.engine.connect() as conn:
            per = conn.execute(sa.select(a.c.actor_id, d.c.outlet, sa.func.sum(a.c.n_mentions))
                               .join(d, d.c.doc_id == a.c.doc_id).group_by(a.c.actor_id, d.c.outlet)).all()
            n_events = dict(conn.execute(
                sa.select(sa.literal_column("aid"), sa.func.count()).select_from(
                    sa.union_all(sa.select(e.c.source.label("aid")).where(e.c.source.is_not(None)),
                                 sa.select(e.c.target.label("aid")).where(e.c.target.is_not(None))).subquery())
                .group_by(sa.literal_column("aid"))).all())
            stmt = (sa.select(a.c.actor_id, sa.func.max(a.c.name_en).label("name_en"),
                              sa.func.max(a.c.name_ar).label("name_ar"), sa.func.max(a.c.type).label("type"),
                              sa.func.max(a.c.country).label("country"),
                              sa.func.max(a.c.affiliation).label("affiliation"),
                              sa.func.count().label("documents"), sa.func.sum(a.c.n_mentions).label("mentions"))
                    .group_by(a.c.actor_id).order_by(sa.func.sum(a.c.n_mentions).desc(), a.c.actor_id))
            if limit:
                stmt = stmt.limit(limit)
            rows = conn.execute(stmt).all()
        outlets: dict[str, dict[str, int]] = {}
        for aid, outlet, n in per:
            outlets.setdefault(aid, {})[outlet or ""] = int(n or 0)
        return [{"id": r.actor_id, "name_en": r.name_en, "name_ar": r.name_ar, "type": r.type,
                 "country": r.country, "affiliation": r.affiliation, "documents": r.documents,
                 "mentions": int(r.mentions or 0), "events": n_events.get(r.actor_id, 0),
                 "by_outlet": outlets.get(r.actor_id, {})} for r in rows]

    def list_places(self, limit: int | None = None) -> list[dict]:
        """Places across documents with coordinates, documents, mentions and events."""
        p, e = T.places, T.events
        with self.engine.connect() as conn:
            n_events = dict(conn.execute(sa.select(e.c.place, sa.func.count()).where(e.c.place.is_not(None))
                                         .group_by(e.c.place)).all())
            stmt = (sa.select(p.c.place_id, sa.func.max(p.c.name_en).label("name_en"),
                              sa.func.max(p.c.name_ar).label("name_ar"), sa.func.max(p.c.country).label("country"),
                              sa.func.max(p.c.lat).label("lat"), sa.func.max(p.c.lon).label("lon"),
                              sa.func.max(p.c.precision).label("precision"),
                              sa.func.count().label("documents"), sa.func.sum(p.c.n_mentions).label("mentions"))
                    .group_by(p.c.place_id).order_by(sa.func.sum(p.c.n_mentions).desc(), p.c.place_id))
            if limit:
                stmt = stmt.limit(limit)
            rows = conn.execute(stmt).all()
        return [{"id": r.place_id, "name_en": r.name_en, "name_ar": r.name_ar, "country": r.country,
                 "lat": r.lat, "lon": r.lon, "precision": r.precision, "documents": r.documents,
                 "mentions": int(r.mentions or 0), "events": n_events.get(r.place_id, 0)} for r in rows]

    def _statement_conds(self, f: EventFilters) -> list:
        s, d = T.statements, T.documents
        when = sa.func.coalesce(s.c.date, d.c.published)
        conds = []
        if f.actor:
            conds.append(s.c.speaker == f.actor)
        if f.outlet:
            conds.append(d.c.outlet == f.outlet)
        if f.since:
            conds.append(when >= f.since)
        if f.until:
            conds.append(when <= f.until)
        if f.doc_id:
            conds.append(s.c.doc_id == f.doc_id)
        return conds

    def list_statements(self, filters: EventFilters | None = None, limit: int = 100, offset: int = 0) -> list[dict]:
        """Statements as flat dicts, newest first; ``filters.actor`` is the speaker,
        ``outlet``/``since``/``until``/``doc_id`` apply as for events (other fields are ignored)."""
        f = filters or EventFilters()
        s, d = T.statements, T.documents
        sp = T.actors.alias("sp")
        when = sa.func.coalesce(s.c.date, d.c.published)
        stmt = (sa.select(
            s.c.statement_id, s.c.doc_id, d.c.outlet, d.c.published, d.c.url, s.c.speaker,
            sp.c.name_en.label("speaker_name_en"), sp.c.name_ar.label("speaker_name_ar"), s.c.date,
            s.c.trigger_start, s.c.trigger_end,
            sa.func.substr(d.c.text, s.c.trigger_start + 1, s.c.trigger_end - s.c.trigger_start).label("trigger_text"),
            s.c.quote_start, s.c.quote_end,
            sa.func.substr(d.c.text, s.c.quote_start + 1, s.c.quote_end - s.c.quote_start).label("quote_text"),
            s.c.sentence_start, s.c.sentence_end,
            sa.func.substr(d.c.text, s.c.sentence_start + 1, s.c.sentence_end - s.c.sentence_start).label("sentence_text"))
            .select_from(s.join(d, d.c.doc_id == s.c.doc_id).outerjoin(
                sp, sa.and_(sp.c.doc_id == s.c.doc_id, sp.c.actor_id == s.c.speaker))))
        stmt = stmt.where(*self._statement_conds(f)).order_by(when.desc(), d.c.id, s.c.idx).limit(limit).offset(offset)
        with self.engine.connect() as conn:
            return [_plain(r._asdict()) for r in conn.execute(stmt)]

    def count_statements(self, filters: EventFilters | None = None) -> int:
        """How many statements :meth:`list_statements` would give without paging."""
        s, d = T.statements, T.documents
        stmt = (sa.select(sa.func.count()).select_from(s.join(d, d.c.doc_id == s.c.doc_id))
                .where(*self._statement_conds(filters or EventFilters())))
        with self.engine.connect() as conn:
            return conn.execute(stmt).scalar_one()

    def list_labels(self, actor: str | None = None, outlet: str | None = None) -> list[dict]:
        """Framing labels with their outlet (for stance-by-outlet views)."""
        lb, d = T.labels, T.documents
        stmt = (sa.select(lb.c.label_id, lb.c.doc_id, d.c.outlet, d.c.published, lb.c.actor, lb.c.text,
                          lb.c.span_start, lb.c.span_end, lb.c.stance, lb.c.descriptors)
                .join(d, d.c.doc_id == lb.c.doc_id))
        if actor:
            stmt = stmt.where(lb.c.actor == actor)
        if outlet:
            stmt = stmt.where(d.c.outlet == outlet)
        with self.engine.connect() as conn:
            rows = [_plain(r._asdict()) for r in conn.execute(stmt.order_by(d.c.id, lb.c.idx))]
        for r in rows:
            r["descriptors"] = json.loads(r["descriptors"] or "[]")
        return rows


# Aliases built once: building their column collections on every query cost ~7 ms a call.
_SRC = T.actors.alias("src")
_TGT = T.actors.alias("tgt")
_PL = T.places.alias("pl")
_GENERATION = sa.select(T.counters.c.value).where(T.counters.c.name == "extractions")
_COUNT_CACHE_SIZE = 1024  # distinct filter sets remembered by count_events


def _as_text(col: sa.Column) -> sa.ColumnElement:
    """A date column without the Date type's conversion: SQLite keeps ``YYYY-MM-DD`` text, which is what
    the JSON rows want anyway (other databases still give ``date`` objects; ``_event_row`` handles both)."""
    return sa.type_coerce(col, sa.String).label(col.name)


@functools.cache
def _full_select() -> sa.Select:
    """Event rows with names, coordinates and text slices (built once: ~1 ms each time otherwise)."""
    e, d, src, tgt, pl = T.events, T.documents, _SRC, _TGT, _PL
    return (
        sa.select(
            e.c.event_id, e.c.doc_id, d.c.outlet, _as_text(d.c.published), d.c.url, d.c.title, e.c.type, e.c.mode,
            e.c.source, src.c.name_en.label("source_name_en"), src.c.name_ar.label("source_name_ar"),
            e.c.target, tgt.c.name_en.label("target_name_en"), tgt.c.name_ar.label("target_name_ar"),
            e.c.place, pl.c.name_en.label("place_name_en"), pl.c.name_ar.label("place_name_ar"),
            pl.c.lat, pl.c.lon, pl.c.precision.label("place_precision"),
            _as_text(e.c.date), e.c.date_precision, e.c.negated, e.c.hypothetical, e.c.confidence,
            e.c.trigger_start, e.c.trigger_end,
            sa.func.substr(d.c.text, e.c.trigger_start + 1, e.c.trigger_end - e.c.trigger_start).label("trigger_text"),
            e.c.sentence_start, e.c.sentence_end,
            sa.func.substr(d.c.text, e.c.sentence_start + 1, e.c.sentence_end - e.c.sentence_start).label("sentence_text"),
            e.c.cameo, e.c.acled_type, e.c.acled_subtype, e.c.fatalities, e.c.numbers,
        )
        .select_from(
            e.join(d, d.c.doc_id == e.c.doc_id)
            .outerjoin(src, sa.and_(src.c.doc_id == e.c.doc_id, src.c.actor_id == e.c.source))
            .outerjoin(tgt, sa.and_(tgt.c.doc_id == e.c.doc_id, tgt.c.actor_id == e.c.target))
            .outerjoin(pl, sa.and_(pl.c.doc_id == e.c.doc_id, pl.c.place_id == e.c.place))
        )
    )


@functools.cache
def _lean_select(with_place: bool, with_document: bool = True) -> sa.Select:
    """Event ids (for paging and counting), joined to their document (every event has one) and to their
    place for a bbox."""
    e, d, pl = T.events, T.documents, _PL
    frm = e.join(d, d.c.doc_id == e.c.doc_id) if with_document else e
    if with_place:
        frm = frm.outerjoin(pl, sa.and_(pl.c.doc_id == e.c.doc_id, pl.c.place_id == e.c.place))
    return sa.select(e.c.event_id).select_from(frm)


def _unique(items: list) -> list:
    """One item per id (a stage that lists an entity twice must not break the primary key)."""
    seen: dict[str, Any] = {}
    for it in items:
        seen.setdefault(it.id, it)
    return list(seen.values())


def _plain(row: dict) -> dict:
    """JSON-ready values: dates as ISO strings."""
    return {k: (v.isoformat() if isinstance(v, date | datetime) else v) for k, v in row.items()}


def _event_row(row: dict) -> dict:
    """A full event row made JSON-ready in place (only the columns that need it: this runs 50 times
    per page, and converting every value cost more than the query)."""
    for k in ("published", "date"):
        v = row[k]
        if v is not None and not isinstance(v, str):
            row[k] = v.isoformat()
    row["negated"] = bool(row["negated"])
    row["hypothetical"] = bool(row["hypothetical"])
    row["numbers"] = json.loads(row["numbers"] or "[]")
    return row
