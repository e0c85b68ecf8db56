"""What every command shares: the ``--lang`` choice and printing problems in it."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

import typer

from pathplanner.errors import Problem

__all__ = ["Lang", "echo_problems", "lang", "set_lang"]


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
