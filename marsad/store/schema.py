"""The store's tables (SQLAlchemy Core), one place for the whole schema; ``docs/store.md`` explains them.

Extraction tables mirror the classes of :mod:`marsad.doc` (Actor, Place, Event, Statement, Label), one
row per item *per document*, keyed by ``doc_id`` so :meth:`Store.save_extraction` can replace a
document's rows in one transaction. JSON-valued fields (codes, mention spans, numbers) are JSON text.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

migrations = sa.Table(
    "schema_migrations", metadata,
    sa.Column("name", sa.String(100), primary_key=True),
    sa.Column("applied_at", sa.DateTime, nullable=False),
)

documents = sa.Table(
    "documents", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),  # FTS rowid
    sa.Column("doc_id", sa.String(40), nullable=False, unique=True),  # sha1 of text
    sa.Column("path", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("published", sa.Date),
    sa.Column("url", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("length", sa.Integer, nullable=False),
    sa.Column("ingested_at", sa.DateTime, nullable=False),
    sa.Index("ix_documents_outlet_published", "outlet", "published"),
)

# MinHash signatures of stored documents (NUM_PERM uint32 values of datasketch scheme "affine32", native byte order), for near-dup detection.
minhash = sa.Table(
    "minhash", metadata,
    sa.Column("doc_id", sa.String(40), sa.ForeignKey("documents.doc_id", ondelete="CASCADE"), primary_key=True),
    sa.Column("signature", sa.LargeBinary, nullable=False),
)

# Inputs that were not stored because they duplicate a stored document (one row per text and source).
duplicates = sa.Table(
    "duplicates", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("doc_id", sa.String(40), nullable=False),  # sha1 of the duplicate's own text
    sa.Column("path", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("published", sa.Date),
    sa.Column("kind", sa.String(10), nullable=False),  # "exact" | "near"
    sa.Column("original", sa.String(40), sa.ForeignKey("documents.doc_id", ondelete="CASCADE"), nullable=False),
    sa.Column("similarity", sa.Float, nullable=False),
    sa.Column("seen_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("doc_id", "path", name="uq_duplicates_doc_path"),
)

# Search terms (clitic-stripped normalized keys) for databases without FTS5 (PostgreSQL: LIKE).
search_terms = sa.Table(
    "search_terms", metadata,
    sa.Column("doc_id", sa.String(40), sa.ForeignKey("documents.doc_id", ondelete="CASCADE"), primary_key=True),
    sa.Column("terms", sa.Text, nullable=False),
)

extractions = sa.Table(
    "extractions", metadata,
    sa.Column("doc_id", sa.String(40), sa.ForeignKey("documents.doc_id", ondelete="CASCADE"), primary_key=True),
    sa.Column("pipeline_version", sa.String(64)),
    sa.Column("processed_at", sa.DateTime, nullable=False),
    sa.Column("record", sa.Text, nullable=False),  # the exact FORMAT.md record, JSON
)

actors = sa.Table(
    "actors", metadata,
    sa.Column("doc_id", sa.String(40), sa.ForeignKey("documents.doc_id", ondelete="CASCADE"), primary_key=True),
    sa.Column("actor_id", sa.String(200), primary_key=True),
    sa.Column("name_en", sa.Text),
    sa.Column("name_ar", sa.Text),
    sa.Column("type", sa.String(10)),
    sa.Column("country", sa.String(10)),
    sa.Column("affiliation", sa.String(200)),
    sa.Column("role", sa.Text),
    sa.Column("codes", sa.Text),  # JSON list
    sa.Column("mentions", sa.Text),  # JSON list of [start, end]
    sa.Column("n_mentions", sa.Integer, nullable=False),
    sa.Index("ix_actors_actor", "actor_id"),
)

places = sa.Table(
    "places", metadata,
    sa.Column("doc_id", sa.String(40), sa.ForeignKey("documents.doc_id", ondelete="CASCADE"), primary_key=True),
    sa.Column("place_id", sa.String(200), primary_key=True),
    sa.Column("name_en", sa.Text),
    sa.Column("name_ar", sa.Text),
    sa.Column("country", sa.String(10)),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("precision", sa.String(20)),
    sa.Column("admin1", sa.Text),
    sa.Column("mentions", sa.Text),
    sa.Column("n_mentions", sa.Integer, nullable=False),
    sa.Index("ix_places_place", "place_id"),
)

events = sa.Table(
    "events", metadata,
    sa.Column("event_id", sa.String(60), primary_key=True),  # "<doc_id>:<index in the document>"
    sa.Column("doc_id", sa.String(40), sa.ForeignKey("documents.doc_id", ondelete="CASCADE"), nullable=False),
    sa.Column("idx", sa.Integer, nullable=False),
    sa.Column("type", sa.String(20), nullable=False),
    sa.Column("mode", sa.String(40)),
    sa.Column("source", sa.String(200)),
    sa.Column("target", sa.String(200)),
    sa.Column("place", sa.String(200)),
    sa.Column("date", sa.Date),
    sa.Column("date_precision", sa.String(10)),
    sa.Column("negated", sa.Boolean, nullable=False),
    sa.Column("hypothetical", sa.Boolean, nullable=False),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("trigger_start", sa.Integer, nullable=False),
    sa.Column("trigger_end", sa.Integer, nullable=False),
    sa.Column("sentence_start", sa.Integer, nullable=False),
    sa.Column("sentence_end", sa.Integer, nullable=False),
    sa.Column("cameo", sa.String(10)),
    sa.Column("acled_type", sa.Text),
    sa.Column("acled_subtype", sa.Text),
    sa.Column("fatalities", sa.Integer),
    sa.Column("numbers", sa.Text),  # JSON list
    # the day filters and the date sort use: the event date, else the document's publication date
    # (migration 0004_event_indexes; a document's date never changes once stored)
    sa.Column("day", sa.Date),
    sa.Index("ix_events_doc", "doc_id"),
    sa.Index("ix_events_type_date", "type", "date"),
)

#: Indexes of migration 0004_event_indexes, for the API's event filters and sorts.
EVENT_INDEXES = (
    sa.Index("ix_events_day", events.c.day),
    sa.Index("ix_events_type_day", events.c.type, events.c.day),
    sa.Index("ix_events_source", events.c.source),
    sa.Index("ix_events_target", events.c.target),
    sa.Index("ix_events_place", events.c.place),
    sa.Index("ix_events_confidence", events.c.confidence),
)

statements = sa.Table(
    "statements", metadata,
    sa.Column("statement_id", sa.String(60), primary_key=True),  # "<doc_id>:<index>"
    sa.Column("doc_id", sa.String(40), sa.ForeignKey("documents.doc_id", ondelete="CASCADE"), nullable=False),
    sa.Column("idx", sa.Integer, nullable=False),
    sa.Column("speaker", sa.String(200)),
    sa.Column("trigger_start", sa.Integer, nullable=False),
    sa.Column("trigger_end", sa.Integer, nullable=False),
    sa.Column("quote_start", sa.Integer),
    sa.Column("quote_end", sa.Integer),
    sa.Column("sentence_start", sa.Integer, nullable=False),
    sa.Column("sentence_end", sa.Integer, nullable=False),
    sa.Column("date", sa.Date),
    sa.Index("ix_statements_doc", "doc_id"),
)

labels = sa.Table(
    "labels", metadata,
    sa.Column("label_id", sa.String(60), primary_key=True),  # "<doc_id>:<index>"
    sa.Column("doc_id", sa.String(40), sa.ForeignKey("documents.doc_id", ondelete="CASCADE"), nullable=False),
    sa.Column("idx", sa.Integer, nullable=False),
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("span_start", sa.Integer, nullable=False),
    sa.Column("span_end", sa.Integer, nullable=False),
    sa.Column("stance", sa.String(20), nullable=False),
    sa.Column("descriptors", sa.Text),  # JSON list
    sa.Index("ix_labels_doc", "doc_id"),
    sa.Index("ix_labels_actor", "actor"),
)

# Date expressions found in the text (marsad.doc.DateRef), for the evidence view; migration 0003_dates.
dates = sa.Table(
    "dates", metadata,
    sa.Column("doc_id", sa.String(40), sa.ForeignKey("documents.doc_id", ondelete="CASCADE"), primary_key=True),
    sa.Column("idx", sa.Integer, primary_key=True),  # text order in the document
    sa.Column("span_start", sa.Integer, nullable=False),
    sa.Column("span_end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),  # the expression as the dates stage saw it
    sa.Column("value", sa.Date),  # resolved date, None when it cannot be resolved
    sa.Column("precision", sa.String(10)),  # day | week | month | year
)

# Change counters (migration 0004_event_indexes): ``extractions`` goes up with every saved extraction,
# so caches of derived figures (event counts per filter) know when they are stale, across processes.
counters = sa.Table(
    "counters", metadata,
    sa.Column("name", sa.String(40), primary_key=True),
    sa.Column("value", sa.Integer, nullable=False),
)

#: Tables holding the extraction of one document (replaced together by ``save_extraction``).
EXTRACTION_TABLES = (actors, places, events, statements, labels, dates, extractions)
