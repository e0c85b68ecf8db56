"""Input limits: how much a catalog, a rule set or a profile may hold.

Every limit has a clear message (``too-many`` or ``yaml-too-large``) located at the first
thing past it, so that a runaway generator or a hostile file is refused in bounded time and
memory instead of exhausting either. The limits and their messages are documented in
``docs/limits.md``; ``tests/input/test_limits.py`` shows each message appearing.

Limits enforced elsewhere, listed here so there is one place to read them:
:data:`pathplanner._input.yaml.MAX_BYTES` (bytes per YAML file),
:data:`pathplanner._input.yaml.MAX_DEPTH` (nesting), :data:`pathplanner._input.yaml.MAX_DIGITS`
(digits of an integer, in YAML and in rule conditions).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Protocol

from pathplanner.errors import Location, Problem

__all__ = [
    "FIRST_DATE",
    "LAST_DATE",
    "MAX_CONDITION_DEPTH",
    "MAX_FILES",
    "MAX_PROFILE_BYTES",
    "MAX_RULES",
    "SECTION_LIMITS",
    "check_date",
    "check_file_count",
    "check_sections",
    "too_many",
]

MAX_FILES = 2_000
"""YAML files in one catalog directory (``catalog/`` and ``rules/`` together)."""

MAX_RULES = 10_000
"""Rules in one catalog (all rule files together)."""

MAX_PROFILE_BYTES = 100_000
"""Size of one project profile file, in bytes."""

FIRST_DATE = dt.date(1901, 1, 1)
"""Earliest start, as-of or actual date: the first year the holiday law's calendar can be
computed for (``calendar.holiday_law.LAW_YEARS``)."""

LAST_DATE = dt.date(2999, 12, 31)
"""Latest start, as-of or actual date: far beyond any plan, and far enough inside the years
Python's dates hold (up to 9999) that a plan of any length can run past it."""

MAX_CONDITION_DEPTH = 40
"""Parentheses and ``not`` nested in one rule condition."""

SECTION_LIMITS: Mapping[str, tuple[int, str]] = {
    "stages": (100, "kind-stage"),
    "departments": (10_000, "kind-department"),
    "parties": (10_000, "kind-party"),
    "fields": (1_000, "kind-field"),
    "materials": (100_000, "kind-material"),
    "items": (100_000, "kind-item"),
    "works": (100_000, "kind-work"),
}
"""Entries per kind in one catalog: (limit, label key of the kind in messages)."""


class _Located(Protocol):
    @property
    def location(self) -> Location: ...


def too_many(kind: str, count: int, limit: int, location: Location) -> Problem:
    """The problem for ``count`` things of ``kind`` (a label key) past ``limit``."""
    return Problem(
        "too-many",
        location,
        args={"kind": kind, "count": str(count), "limit": str(limit)},
    )


def check_sections(entries: Mapping[str, Sequence[_Located]]) -> list[Problem]:
    """One problem per catalog section holding more entries than its limit, located at
    the first entry past the limit."""
    problems = []
    for section, found in entries.items():
        limit, kind = SECTION_LIMITS.get(section, (0, ""))
        if kind and len(found) > limit:
            problems.append(too_many(kind, len(found), limit, found[limit].location))
    return problems


def check_file_count(count: int, root: str) -> list[Problem]:
    """A problem when a catalog directory holds more YAML files than :data:`MAX_FILES`."""
    if count <= MAX_FILES:
        return []
    return [too_many("kind-file", count, MAX_FILES, Location(root))]


def check_date(day: dt.date | None, location: Location, breadcrumb: str = "") -> list[Problem]:
    """A problem when ``day`` is outside :data:`FIRST_DATE` .. :data:`LAST_DATE`."""
    if day is None or FIRST_DATE <= day <= LAST_DATE:
        return []
    args = {"date": day.isoformat(), "first": FIRST_DATE.isoformat(), "last": LAST_DATE.isoformat()}
    return [Problem("date-out-of-range", location, breadcrumb=breadcrumb, args=args)]
