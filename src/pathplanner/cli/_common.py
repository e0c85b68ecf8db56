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
from pathplanner.catalog import Catalog, default_catalog_dir
from pathplanner.errors import InputError, Location, Problem, printable
from pathplanner.messages import text

__all__ = [
    "CATALOG_MANIFEST",
    "Lang",
    "catalog_dir",
    "catalog_line",
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


CATALOG_MANIFEST = Path("catalog") / "catalog.yaml"
"""What makes a directory a catalog directory for :func:`catalog_dir`: its manifest."""


def catalog_dir(explicit: Path | None) -> Path:
    """The catalog directory ``check`` and ``test`` work on: ``explicit`` when given; else
    the current directory when it holds ``catalog/catalog.yaml`` (policy staff editing a
    copy run the commands inside it); else the shipped catalog."""
    if explicit is not None:
        return explicit
    here = Path.cwd()
    if (here / CATALOG_MANIFEST).is_file():
        return here
    return default_catalog_dir()


def catalog_line(root: Path, catalog: Catalog, language: str) -> str:
    """Which catalog a command is working on: its directory and content hash."""
    return text(
        "catalog-in-use", language, path=printable(root.as_posix()), hash=catalog.content_hash
    )


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
