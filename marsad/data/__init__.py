"""Knowledge files (lexicons, knowledge base, gazetteer, patterns) and their shared loading helpers."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

import yaml


class DataError(ValueError):
    """A knowledge file is malformed; the message names the file and line."""


def data_path(name: str) -> Path:
    """Path of a file shipped under ``marsad/data/``."""
    return Path(str(resources.files("marsad.data").joinpath(name)))


@cache
def load_yaml(name: str):
    """Load a YAML data file, turning syntax errors into a :class:`DataError` naming file and line."""
    path = data_path(name)
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise DataError(f"{path}{line}: {getattr(exc, 'problem', exc)}") from exc
