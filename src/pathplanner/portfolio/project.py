"""One project of a portfolio as read, before it is checked or planned."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pathplanner.errors import Problem

__all__ = ["ProjectInput"]


@dataclass(frozen=True)
class ProjectInput:
    """One project of a portfolio, as read and not yet checked.

    Either ``path`` (a project file the worker reads) or ``document`` (a project document
    already parsed: ``name``, ``start``, ``as_of``, ``profile``...) is set, unless
    ``problems`` says why neither could be. ``source`` and ``line`` say where it was read.
    """

    id: str
    source: str
    line: int = 0
    path: str | None = None
    document: Mapping[str, Any] | None = None
    problems: tuple[Problem, ...] = ()
