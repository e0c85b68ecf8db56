"""The one exception hierarchy of pathplanner, and the structured problems it carries.

Every problem a user can cause (a YAML typo, an unknown reference, a cycle, a contradicting
rule, an out-of-range profile value) is a :class:`Problem` with a stable ``code`` and the
place it concerns. Problems are collected, never raised one at a time; a failed load or plan
raises :class:`InputError` carrying all of them. No third-party exception reaches a user.

Messages are rendered from one table (:mod:`pathplanner.messages`) in Chinese by default or
English, so code never builds user-facing sentences by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "InputError",
    "InternalError",
    "Location",
    "PathplannerError",
    "Problem",
    "Severity",
]

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Location:
    """Where a problem is: a file, a 1-based line and column (0 when unknown)."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column or 1}"
        return self.file


@dataclass(frozen=True)
class Problem:
    """One problem found in user input.

    ``code`` selects the message template; ``args`` fills it. ``breadcrumb`` names the place
    by id, for example ``Item(id='construction-permit') > materials[2]``. ``expected`` and
    ``found`` say what was wanted and what was there; ``hint`` says how to fix it (often a
    "did you mean").
    """

    code: str
    location: Location
    breadcrumb: str = ""
    severity: Severity = "error"
    expected: str = ""
    found: str = ""
    hint: str = ""
    args: Mapping[str, str] = field(default_factory=dict)

    @property
    def file(self) -> str:
        return self.location.file

    @property
    def line(self) -> int:
        return self.location.line

    def message(self, lang: str = "zh") -> str:
        """The full user-facing message in ``lang`` (``zh`` or ``en``)."""
        from pathplanner.messages import render_problem

        return render_problem(self, lang)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.file, loc.line, loc.column, self.code, self.breadcrumb)


class PathplannerError(Exception):
    """Base of every exception pathplanner raises on purpose."""


class InputError(PathplannerError):
    """Invalid input: a catalog, rule, profile, calendar, actuals or scenario file.

    Carries every problem found in one pass, sorted by file and line.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(sorted(problems, key=lambda p: p.sort_key()))
        super().__init__(self.render("en"))

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    def render(self, lang: str = "zh") -> str:
        """All problems as text, one block per problem."""
        return "\n".join(p.message(lang) for p in self.problems)


class InternalError(PathplannerError):
    """A bug in pathplanner itself (for example the two rule engines disagree)."""
