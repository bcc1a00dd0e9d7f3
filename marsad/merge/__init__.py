"""Cross-outlet merge: story events over the stored event reports (docs/merge.md).

``rules`` says when two reports can be one event, ``cluster`` links reports into stories and
summarises them (pure functions over event rows), ``store`` keeps the ``story_events`` and
``story_reports`` tables up to date incrementally and answers queries.
"""

from marsad.merge.cluster import Story, agreement, assign, merge_rows, summarize
from marsad.merge.rules import compatible
from marsad.merge.store import RefreshResult, count_stories, refresh, stories, story

__all__ = ["Story", "agreement", "assign", "merge_rows", "summarize", "compatible", "RefreshResult",
           "refresh", "stories", "story", "count_stories"]
