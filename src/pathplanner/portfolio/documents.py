"""A portfolio's project as a checked :class:`~pathplanner.profile.ProfileDocument`: a
project file is read as ``pathplanner plan`` reads it; a document from a JSON line or a
table row is checked the same way, its problems placed at its line."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import Any

from pathplanner._input.limits import check_date
from pathplanner.catalog import Catalog
from pathplanner.errors import InputError, Location, Problem
from pathplanner.portfolio.project import ProjectInput
from pathplanner.profile import ProfileDocument, load_profile, validate_profile

__all__ = ["profile_document"]

_KEYS = ("name", "zh", "en", "start", "as_of", "profile")


def profile_document(project: ProjectInput, catalog: Catalog) -> ProfileDocument:
    """The checked document of ``project``; raises :class:`InputError` with every problem."""
    if project.problems:
        raise InputError(project.problems)
    if project.path is not None:
        return load_profile(project.path, catalog)
    return _from_mapping(project, project.document or {}, catalog)


def _from_mapping(
    project: ProjectInput, document: Mapping[str, Any], catalog: Catalog
) -> ProfileDocument:
    where = Location(project.source, project.line)
    problems = [
        Problem("batch-unknown-key", where, args={"key": str(key), "allowed": ", ".join(_KEYS)})
        for key in document
        if key not in _KEYS
    ]
    dates: dict[str, dt.date | None] = {}
    for key in ("start", "as_of"):
        dates[key], found = _date(document.get(key), key, where)
        problems += found
    profile = None
    try:
        profile = validate_profile(document.get("profile"), catalog, file=project.source)
    except InputError as error:
        problems += [_placed(p, where) for p in error.problems]
    if problems or profile is None:
        raise InputError(problems)
    return ProfileDocument(
        name=project.id,
        zh=str(document.get("zh") or ""),
        en=str(document.get("en") or ""),
        start=dates["start"],
        as_of=dates["as_of"],
        profile=profile,
        file=project.source,
    )


def _date(value: object, key: str, where: Location) -> tuple[dt.date | None, list[Problem]]:
    if value is None or value == "":
        return None, []
    try:
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    except ValueError:
        return None, [Problem("plan-bad-date", where, args={"option": key, "value": str(value)})]
    return day, check_date(day, where, key)


def _placed(problem: Problem, where: Location) -> Problem:
    """A problem of the document's profile, at the document's line."""
    if problem.location.line:
        return problem
    return dataclasses.replace(problem, location=where)
