"""The one exception hierarchy of pathplanner, and the structured problems it carries.

Every problem a user can cause (a YAML typo, an unknown reference, a cycle, a contradicting
rule, an out-of-range profile value) is a :class:`Problem` with a stable ``code`` and the
place it concerns. Problems are collected, never raised one at a time; a failed load or plan
raises :class:`InputError` carrying all of them. No third-party exception reaches a user.

Messages are rendered from one table (:mod:`pathplanner.messages`) in Chinese by default or
English, so code never builds user-facing sentences by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from pathplanner.messages import LABELS, localized_args, text

__all__ = [
    "InputError",
    "InternalError",
    "Location",
    "PathplannerError",
    "Problem",
    "Severity",
    "printable",
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
        return _render(self, lang)

    def __str__(self) -> str:
        return self.message("en")

    def __repr__(self) -> str:
        # what a library user sees when printing a caught problem: the readable English
        # message, not the label keys (``type-number``) and the 0 of an unknown line
        return f"Problem({self.message('en')!r})"

    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.file, loc.line, loc.column, self.code, self.breadcrumb)


# C0 and C1 controls (ESC, BEL, newline...), halves of surrogate pairs, line and paragraph
# separators, and the bidirectional overrides that reorder what a terminal shows
_UNPRINTABLE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def _escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(value: str) -> str:
    """``value`` safe to print: every control character, lone surrogate and bidirectional
    override is written as its escape (``\\x1b``, ``\\udcff``), so input cannot drive a
    terminal, reorder a line or make the output invalid UTF-8."""
    return _UNPRINTABLE.sub(_escape, value)


def _render(problem: Problem, lang: str) -> str:
    """Render one problem as ``file:line:col: error [code] breadcrumb: message`` plus details.

    ``expected``, ``found`` and ``hint`` are shown as given, unless one is a key of
    :data:`LABELS` (for example ``did-you-mean``): then it is localized and filled with the
    problem's ``args``.
    """
    # everything that can come from input is escaped before it meets the template; an
    # argument naming a "kind-..." label (kind-item, kind-output, ...) is localized
    args = localized_args({k: printable(v) for k, v in problem.args.items()}, lang)
    try:
        body = text(problem.code, lang, **args)
    except (KeyError, IndexError):
        body = f"{problem.code} {args}"
    head = f"{printable(str(problem.location))}: {text(problem.severity, lang)} [{problem.code}]"
    if problem.breadcrumb:
        head += f" {printable(problem.breadcrumb)}"
    lines = [f"{head}: {body}"]
    colon = text("colon", lang)

    def detail(value: str) -> str:
        # expected/found/hint may name a label (localized, filled with the problem's args)
        return text(value, lang, **args) if value in LABELS else printable(value)

    if problem.expected:
        lines.append(f"  {text('expected', lang)}{colon}{detail(problem.expected)}")
    if problem.found:
        lines.append(f"  {text('found', lang)}{colon}{detail(problem.found)}")
    if problem.hint:
        lines.append(f"  {text('hint', lang)}{colon}{detail(problem.hint)}")
    return "\n".join(lines)


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
