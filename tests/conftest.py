"""Shared fixtures: paths to our samples and to the optional ../shared material."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
SHARED = REPO.parent / "shared"


@pytest.fixture
def shared_dir() -> Path:
    """``../shared`` when present; tests that need it skip with a message otherwise."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the repository (a user's fresh clone); skipping")
    return SHARED
