"""What every command shares: the ``--lang`` choice, printing problems in it, and the
checks of command-line dates and output paths made before any work starts."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from enum import StrEnum
from pathlib import Path

import typer

from pathplanner._input.limits import check_date
from pathplanner.errors import InputError, Location, Problem

__all__ = [
    "Lang",
    "echo_problems",
    "lang",
    "refuse_bad_dates",
    "refuse_overwriting",
    "set_lang",
]


class Lang(StrEnum):
    """Message languages."""

    zh = "zh"
    en = "en"


_state = {"lang": "zh"}


def set_lang(language: str) -> None:
    """Choose the message language for this run (the global ``--lang`` option)."""
    _state["lang"] = language


def lang() -> str:
    """The language chosen with ``--lang`` (``zh`` unless told otherwise)."""
    return _state["lang"]


def echo_problems(problems: Iterable[Problem], *, err: bool = False) -> None:
    """Print problems, sorted by place, in the chosen language."""
    for problem in sorted(problems, key=lambda p: p.sort_key()):
        typer.echo(problem.message(lang()), err=err)


def refuse_bad_dates(options: Mapping[str, dt.date | None]) -> None:
    """Raise :class:`InputError` when a date option (name → value) is outside the dates
    pathplanner plans (:func:`pathplanner._input.limits.check_date`)."""
    problems = [p for name, day in options.items() for p in check_date(day, Location(name))]
    if problems:
        raise InputError(problems)


def _same(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:  # either does not exist (yet)
        return False


def refuse_overwriting(output: Path, inputs: Iterable[Path | None]) -> None:
    """Raise :class:`InputError` when ``output`` is one of the ``inputs`` (by any name)."""
    if any(path is not None and _same(output, path) for path in inputs):
        raise InputError([Problem("file-is-input", Location(output.as_posix()))])
