"""Named, recorded schema migrations (the sqlite-utils way).

Each migration is a function of a connection, applied once in list order, in its own transaction, and
recorded by name in ``schema_migrations``. Never rename or edit an applied migration; append a new one.

``0001_initial`` creates the tables as :mod:`marsad.store.schema` describes them *now*, so a fresh
database is always current. A later migration that adds a column must therefore check first whether the
column exists (``sa.inspect(conn)``) and do nothing when it does: on a fresh database 0001 made it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import sqlalchemy as sa

from marsad.store import schema

Migration = Callable[[sa.Connection], None]

#: FTS5 over the search terms (normalized, clitic-stripped keys); contentless, rowid = documents.id.
FTS_DDL = ("CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5("
           "terms, content='', tokenize='unicode61 remove_diacritics 0')")


def _initial(conn: sa.Connection) -> None:
    tables = [t for t in schema.metadata.sorted_tables if t is not schema.migrations]
    schema.metadata.create_all(conn, tables=tables)
    if conn.dialect.name == "sqlite":
        try:
            conn.exec_driver_sql(FTS_DDL)
        except sa.exc.OperationalError:  # an SQLite built without FTS5: search falls back to LIKE
            pass


def _story_events(conn: sa.Connection) -> None:
    from marsad.merge.schema import create  # the merge layer owns its tables (docs/store.md)

    create(conn)


def _dates(conn: sa.Connection) -> None:
    """The ``dates`` table (date expressions of each document, for the evidence view). Documents
    processed before it have no rows until they are processed again (``marsad process --all``)."""
    schema.dates.create(conn, checkfirst=True)


def _event_indexes(conn: sa.Connection) -> None:
    """``events.day`` (event date, else publication date) filled in, indexes for the API's filters and
    sorts, and the ``counters`` table (cache invalidation), so the event list stays fast under load."""
    if "day" not in {c["name"] for c in sa.inspect(conn).get_columns("events")}:
        conn.execute(sa.text("ALTER TABLE events ADD COLUMN day DATE"))
    e, d = schema.events, schema.documents
    published = sa.select(d.c.published).where(d.c.doc_id == e.c.doc_id).scalar_subquery()
    conn.execute(e.update().where(e.c.day.is_(None)).values(day=sa.func.coalesce(e.c.date, published)))
    for index in schema.EVENT_INDEXES:
        index.create(conn, checkfirst=True)
    schema.counters.create(conn, checkfirst=True)
    if conn.execute(sa.select(schema.counters.c.name).where(schema.counters.c.name == "extractions")).first() is None:
        conn.execute(schema.counters.insert().values(name="extractions", value=0))


#: PostgreSQL's full-text index over the same search terms ('simple': the terms are already normalized keys,
#: so no stemming or stop words); :meth:`marsad.store.Store._search_ids` queries the same expression.
PG_TSV = "to_tsvector('simple'::regconfig, terms)"


def _pg_search(conn: sa.Connection) -> None:
    """A GIN index so search on PostgreSQL is indexed and ranked, not a LIKE scan of every document."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS search_terms_tsv ON search_terms USING gin ({PG_TSV})")


MIGRATIONS: list[tuple[str, Migration]] = [
    ("0001_initial", _initial),
    ("0002_story_events", _story_events),
    ("0003_dates", _dates),
    ("0004_event_indexes", _event_indexes),
    ("0005_pg_search", _pg_search),
]


def applied(conn: sa.Connection) -> list[str]:
    schema.migrations.create(conn, checkfirst=True)
    return [r[0] for r in conn.execute(sa.select(schema.migrations.c.name))]


def migrate(engine: sa.Engine) -> list[str]:
    """Apply the migrations not yet recorded; return their names."""
    with engine.begin() as conn:
        done = set(applied(conn))
    new: list[str] = []
    for name, fn in MIGRATIONS:
        if name in done:
            continue
        with engine.begin() as conn:
            fn(conn)
            conn.execute(schema.migrations.insert().values(name=name, applied_at=datetime.now(UTC)))
        new.append(name)
    return new
