"""Helpers shared by the command modules: opening the store, right-to-left display, exit codes."""

from __future__ import annotations

import os
import sys
from functools import cache

import click

#: Exit code when some input was skipped or some document failed (the rest was done).
EXIT_PARTIAL = 2


def open_store(ctx: click.Context):
    """The :class:`marsad.store.Store` named by ``--db`` / ``MARSAD_DB``, as a clean CLI error if it fails."""
    from marsad.store import Store, StoreError

    try:
        return Store(ctx.obj["db"])
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc


@cache
def visual_bidi() -> bool:
    """Whether to reorder right-to-left text for display.

    Most terminals lay out characters left to right, which prints Arabic backwards; for them marsad
    reorders each line visually (python-bidi). Terminals that run the bidi algorithm themselves (VTE
    >= 0.58 as in GNOME Terminal, Konsole, mlterm) must get logical order. ``MARSAD_BIDI=on|off``
    overrides the guess; output that is not a terminal (pipes, files, tests) is always logical.
    """
    mode = os.environ.get("MARSAD_BIDI", "auto").lower()
    if mode in ("on", "1", "visual", "yes"):
        return True
    if mode in ("off", "0", "logical", "no"):
        return False
    if not sys.stdout.isatty():
        return False
    vte = os.environ.get("VTE_VERSION", "")
    if vte.isdigit() and int(vte) >= 5800:
        return False
    return not (os.environ.get("KONSOLE_VERSION") or os.environ.get("TERM", "").startswith("mlterm"))


def rtl(text: str | None) -> str:
    """``text`` ready for the terminal: reordered line by line when :func:`visual_bidi` says so."""
    if not text:
        return ""
    if not visual_bidi():
        return text
    from bidi import get_display

    return "\n".join(get_display(line) for line in text.split("\n"))


def console():
    """A rich console on stdout; piped output is not wrapped (tables get room to breathe)."""
    from rich.console import Console

    tty = sys.stdout.isatty()
    return Console(highlight=False, soft_wrap=not tty, width=None if tty else 160)


def err_console():
    """Messages on stderr, one line per message when not a terminal (so logs can be grepped)."""
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=not sys.stderr.isatty())
