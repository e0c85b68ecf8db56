"""The arguments of :meth:`Planner.plan <pathplanner.plan.planner.Planner.plan>`, checked.

A library caller passes what a form or a JSON body held: a date as ``YYYY-MM-DD`` text, a
project document as a mapping, actual dates as a mapping. Each argument is turned into the
one type the planner works with, or refused with a readable
:class:`~pathplanner.errors.Problem` naming the argument, what it should be and what it
was; every problem is collected and raised together as one
:class:`~pathplanner.errors.InputError`, never a ``TypeError``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pathplanner._input.dates import parse_iso_date
from pathplanner._input.suggest import did_you_mean, quote_all
from pathplanner._input.validation import describe
from pathplanner.catalog import Catalog
from pathplanner.errors import InputError, Location, Problem
from pathplanner.profile import (
    Profile,
    ProfileDocument,
    load_profile,
    profile_document,
    validate_profile,
)
from pathplanner.rules.engines import ENGINES
from pathplanner.schedule import Actuals, load_actuals
from pathplanner.schedule.actuals import actuals_from_data

__all__ = ["DOCUMENT_KEY", "PROFILE_SOURCE", "Arguments", "check_arguments"]

DOCUMENT_KEY = "profile"
"""The key that makes a mapping a project document (``name``, ``start``, …, ``profile``)
rather than the profile itself: no profile field group is called ``profile``."""

PROFILE_SOURCE = "profile"
"""How problems name a profile given as a mapping (a file is named by its path)."""


@dataclass
class Arguments:
    """The checked arguments of one plan."""

    document: ProfileDocument | None = None
    profile: Profile | None = None
    start: dt.date | None = None
    as_of: dt.date | None = None
    actuals: Actuals | None = None
    pins: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


class _Shown(str):
    """A value already written for a message."""

    __slots__ = ()


def _found(value: object) -> str:
    """What was given, shortly, with its Python type."""
    shown = describe(value)
    if len(shown) > 60:
        shown = shown[:57] + "…"
    return f"{shown} ({type(value).__name__})"


def _refuse(arguments: Arguments, name: str, expected: str, value: object) -> None:
    """A problem with the argument ``name``; ``value`` is what it held (or, as text, the
    part of it that is wrong)."""
    arguments.problems.append(
        Problem(
            "api-bad-argument",
            Location(name),
            expected=expected,
            found=value if isinstance(value, _Shown) else _found(value),
            args={"name": name},
        )
    )


def _collect(arguments: Arguments, error: InputError) -> None:
    arguments.problems.extend(error.problems)


def _profile(arguments: Arguments, catalog: Catalog, value: object) -> None:
    try:
        if isinstance(value, Profile):
            arguments.profile = value
        elif isinstance(value, ProfileDocument):
            arguments.document, arguments.profile = value, value.profile
        elif isinstance(value, str | Path):
            arguments.document = load_profile(_path(value), catalog)
            arguments.profile = arguments.document.profile
        elif isinstance(value, Mapping) and DOCUMENT_KEY in value:
            arguments.document = profile_document(value, catalog, file=PROFILE_SOURCE)
            arguments.profile = arguments.document.profile
        elif isinstance(value, Mapping):
            arguments.profile = validate_profile(value, catalog, file=PROFILE_SOURCE)
        else:
            _refuse(arguments, "profile", "api-expected-profile", value)
    except InputError as error:
        _collect(arguments, error)


def _path(value: str | Path) -> Path:
    """A path to read; text that cannot name a file (a NUL byte) is refused as missing."""
    text = str(value)
    if "\x00" in text:
        raise InputError([Problem("file-missing", Location(text.replace("\x00", "\\x00")))])
    return Path(text)


def _date(arguments: Arguments, name: str, value: object) -> dt.date | None:
    if value is None:
        return None
    day = parse_iso_date(value)
    if day is None:
        _refuse(arguments, name, "api-expected-date", value)
    return day


def _actuals(arguments: Arguments, value: object) -> None:
    try:
        if value is None or isinstance(value, Actuals):
            arguments.actuals = value
        elif isinstance(value, str | Path):
            arguments.actuals = load_actuals(_path(value))
        elif isinstance(value, Mapping):
            arguments.actuals = actuals_from_data(value, file="actuals")
        else:
            _refuse(arguments, "actuals", "api-expected-actuals", value)
    except InputError as error:
        _collect(arguments, error)


def _pins(arguments: Arguments, value: object) -> None:
    if value is None:
        return
    if not isinstance(value, Mapping):
        _refuse(arguments, "pins", "api-expected-pins", value)
        return
    for item, mode in value.items():
        if not isinstance(item, str) or not isinstance(mode, str):
            shown = _Shown(f"{_found(item)}: {_found(mode)}")
            _refuse(arguments, "pins", "api-expected-pins", shown)
            continue
        arguments.pins[item] = mode


def _flag(arguments: Arguments, name: str, value: object) -> None:
    if not isinstance(value, bool):
        _refuse(arguments, name, "api-expected-bool", value)


def _engine(arguments: Arguments, value: object) -> None:
    if value is None or (isinstance(value, str) and value in ENGINES):
        return
    close = did_you_mean(value, ENGINES) if isinstance(value, str) else []
    arguments.problems.append(
        Problem(
            "api-bad-argument",
            Location("engine"),
            expected="api-expected-engine",
            found=_found(value),
            hint="did-you-mean" if close else "",
            args={"name": "engine", "engines": quote_all(ENGINES), "candidates": quote_all(close)},
        )
    )


def check_arguments(  # noqa: PLR0917
    catalog: Catalog,
    profile: object,
    start: object,
    as_of: object,
    actuals: object,
    pins: object,
    statutory: object,
    engine: object,
    strict_calendar: object,
) -> Arguments:
    """Every argument of a plan checked and converted; raises :class:`InputError` with the
    problems of all of them at once."""
    arguments = Arguments()
    arguments.start = _date(arguments, "start", start)
    arguments.as_of = _date(arguments, "as_of", as_of)
    _pins(arguments, pins)
    _flag(arguments, "statutory", statutory)
    _flag(arguments, "strict_calendar", strict_calendar)
    _engine(arguments, engine)
    _profile(arguments, catalog, profile)
    _actuals(arguments, actuals)
    if arguments.problems:
        raise InputError(arguments.problems)
    return arguments
