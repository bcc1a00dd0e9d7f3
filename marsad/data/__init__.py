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


def _syntax_error(path: Path, exc: yaml.YAMLError) -> DataError:
    mark = getattr(exc, "problem_mark", None)
    line = f":{mark.line + 1}" if mark else ""
    return DataError(f"{path}{line}: {getattr(exc, 'problem', exc)}")


@cache
def load_yaml(name: str):
    """Load a YAML data file, turning syntax errors into a :class:`DataError` naming file and line."""
    path = data_path(name)
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except yaml.YAMLError as exc:
        raise _syntax_error(path, exc) from exc


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that remembers the line of every mapping (``__line__``) for error messages."""

    def construct_mapping(self, node, deep=False):  # noqa: D102 - PyYAML hook
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


def load_with_lines(path: Path):
    """Parse a YAML file; every mapping gets ``__line__``; syntax errors become :class:`DataError`."""
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise _syntax_error(path, exc) from exc
    except OSError as exc:
        raise DataError(f"{path}: {exc}") from exc


def entry_error(path: Path, entry: dict | None, msg: str) -> DataError:
    """An error naming the file and the line of ``entry`` (a mapping read by :func:`load_with_lines`)."""
    line = f":{entry.get('__line__')}" if isinstance(entry, dict) and entry.get("__line__") else ""
    return DataError(f"{path}{line}: {msg}")


def top_list(path: Path, key: str) -> list:
    """The ``key:`` list at the top of a YAML file read with lines (``actors:``, ``countries:``…)."""
    doc = load_with_lines(path)
    items = doc.get(key) if isinstance(doc, dict) else None
    if not isinstance(items, list):
        raise DataError(f"{path}: expected a top-level '{key}:' list")
    return items


def require_strings(path: Path, entry, keys: tuple[str, ...], what: str) -> dict:
    """``entry`` as a mapping whose ``keys`` all hold non-blank strings; else an error with its line."""
    if not isinstance(entry, dict):
        raise entry_error(path, None, f"{what} must be a mapping, got {type(entry).__name__}")
    for key in keys:
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise entry_error(path, entry, f"missing or empty '{key}'")
    return entry
