"""The story tables (migration ``0002_story_events``): a layer over the stored events, never a rewrite.

``story_events`` holds one row per story with its summary; ``story_reports`` links each stored event
(``events.event_id``) to its story, with the signature of the fields the merge read, so a refresh can
tell which reports changed when a document is processed again. Deleting a story never touches
``events``.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

story_events = sa.Table(
    "story_events", metadata,
    sa.Column("story_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("type", sa.String(20), nullable=False),
    sa.Column("mode", sa.String(40)),
    sa.Column("source", sa.String(200)),
    sa.Column("target", sa.String(200)),
    sa.Column("place", sa.String(200)),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("place_precision", sa.String(20)),
    sa.Column("date", sa.Date),
    sa.Column("date_precision", sa.String(10)),
    sa.Column("fatalities", sa.Integer),
    sa.Column("n_reports", sa.Integer, nullable=False),
    sa.Column("sources", sa.Integer, nullable=False),  # distinct documents
    sa.Column("outlets", sa.Text, nullable=False),  # JSON list, sorted
    sa.Column("first_event_id", sa.String(60), nullable=False),
    sa.Column("first_doc_id", sa.String(40), nullable=False),
    sa.Column("first_published", sa.Date),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("agreement", sa.Text, nullable=False),  # JSON (marsad.merge.cluster.agreement)
    sa.Column("summary", sa.Text, nullable=False),  # JSON: the whole summary, names included
    sa.Column("updated_at", sa.DateTime, nullable=False),
    sa.Index("ix_story_events_type_date", "type", "date"),
)

story_reports = sa.Table(
    "story_reports", metadata,
    sa.Column("event_id", sa.String(60), primary_key=True),  # events.event_id (not a foreign key: the
    # events of a document are replaced on re-processing, and the refresh must see what went away)
    sa.Column("story_id", sa.Integer, sa.ForeignKey("story_events.story_id", ondelete="CASCADE"), nullable=False),
    sa.Column("doc_id", sa.String(40), nullable=False),
    sa.Column("signature", sa.String(40), nullable=False),
    sa.Index("ix_story_reports_story", "story_id"),
)


def create(conn: sa.Connection) -> None:
    """Migration ``0002_story_events``: create both tables when missing."""
    metadata.create_all(conn, checkfirst=True)
