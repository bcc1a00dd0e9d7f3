"""Shared fixtures: paths to our samples and to the optional ../shared material, and a CLI runner."""

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


@pytest.fixture
def run(tmp_path, monkeypatch):
    """Invoke the ``marsad`` CLI on a fresh store in ``tmp_path`` (``run.db``): ``run("ingest", path)``."""
    from click.testing import CliRunner

    from marsad.cli import main

    monkeypatch.setenv("MARSAD_BIDI", "off")
    db = str(tmp_path / "cli.db")
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, ["--db", db, *args], catch_exceptions=False)

    invoke.db = db
    return invoke
