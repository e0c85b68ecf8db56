"""The Python API: a :class:`Planner` holds one loaded catalog and makes plans from profiles.

A planner is built once (loading and checking the catalog is the slow part) and reused for
many plans, from many threads: it keeps no state between plans. Each plan runs the rules
(:func:`pathplanner.rules.decide`), the scheduler (:func:`pathplanner.schedule.schedule`),
and builds the disclosure list and material plan (:mod:`pathplanner.plan.disclosure`) into one
:class:`~pathplanner.plan.model.Plan`.

Example::

    planner = Planner.default()
    plan = planner.plan({"project": {"use": "factory"}}, start=date(2026, 3, 2))
    print(plan.finish, plan.working_days)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pathplanner._input.limits import check_date
from pathplanner._support.gc import collector_paused
from pathplanner.catalog import Catalog
from pathplanner.catalog.loader import load_catalog
from pathplanner.errors import InputError, Location, Problem
from pathplanner.plan.arguments import check_arguments
from pathplanner.plan.assembly import build_plan
from pathplanner.plan.model import (
    Inputs,
    Name,
    Plan,
)
from pathplanner.plan.parts import plain_facts
from pathplanner.plan.preferences import overridden_preferences, refused_kinds
from pathplanner.profile import Profile, ProfileDocument
from pathplanner.rules import decide, validity_warnings
from pathplanner.schedule import Actuals
from pathplanner.schedule import schedule as run_schedule

if TYPE_CHECKING:
    from pathplanner.profile import Profile, ProfileDocument
    from pathplanner.schedule import Actuals

__all__ = ["Planner"]


class Planner:
    """Plans projects against one loaded catalog. Immutable and thread-safe."""

    def __init__(self, catalog: Catalog) -> None:
        self._catalog = catalog

    @classmethod
    def default(cls) -> Planner:
        """A planner on the default catalog shipped with the package."""
        return cls(load_catalog(None))

    @classmethod
    def from_directory(cls, path: Path | str) -> Planner:
        """A planner on the catalog directory ``path`` (holding ``catalog/`` and ``rules/``).

        Raises :class:`~pathplanner.errors.InputError` with every problem found."""
        return cls(load_catalog(Path(path)))

    @property
    def catalog(self) -> Catalog:
        """The loaded catalog."""
        return self._catalog

    @collector_paused()
    def plan(
        self,
        profile: Profile | ProfileDocument | Mapping[str, Any] | Path | str,
        *,
        start: dt.date | str | None = None,
        as_of: dt.date | str | None = None,
        actuals: Actuals | Mapping[str, Any] | Path | str | None = None,
        pins: Mapping[str, str] | None = None,
        statutory: bool = False,
        engine: str | None = None,
        strict_calendar: bool = False,
    ) -> Plan:
        """Plan one project.

        ``profile`` is one of two shapes: a *project document* (the content of a project
        file, ``name``, titles, ``start``, ``as_of`` and ``profile``: what ``pathplanner
        schema profile`` describes), given as the file's path, as a mapping holding a
        ``profile`` key, or loaded (:class:`~pathplanner.profile.ProfileDocument`); or a
        *profile* alone (the ``profile:`` section), as a nested mapping or validated
        (:class:`~pathplanner.profile.Profile`). ``start`` (the planned 立项 submission)
        and ``as_of`` are dates or ``YYYY-MM-DD`` text; ``start`` defaults to the
        document's ``start``, then to ``as_of``, then to today; ``as_of`` (which rules and
        limits are in force, and the report's "today") to the document's ``as_of``, then
        to ``start``. Both are recorded in ``plan.inputs``. ``actuals`` (an ``Actuals``,
        the path of an actuals file or a mapping of its content) re-plans from actual
        dates; ``pins`` fixes modes (item id → mode id, both text); ``statutory`` plans
        with statutory instead of committed limits.
        The profile's ``investor.refuses_commitment`` and ``investor.refuses_tolerance``
        are honoured where the rules leave the mode open; a rule that makes such a mode
        mandatory overrides them, and the plan warns naming the rule.

        Raises :class:`~pathplanner.errors.InputError` for invalid input, whatever its type
        (every argument is checked first, :mod:`pathplanner.plan.arguments`).
        """
        checked = check_arguments(
            self._catalog, profile, start, as_of, actuals, pins, statutory, engine, strict_calendar
        )
        document, values, pins = checked.document, checked.profile, checked.pins
        assert values is not None  # check_arguments raised otherwise
        doc_start = document.start if document is not None else None
        doc_as_of = document.as_of if document is not None else None
        begin = checked.start or doc_start or checked.as_of or doc_as_of or dt.date.today()
        today = checked.as_of or doc_as_of or begin
        out_of_range = check_date(begin, Location("start"))  # and as_of when it differs
        out_of_range += check_date(today, Location("as_of")) if today != begin else []
        if out_of_range:
            raise InputError(out_of_range)
        loaded_actuals = checked.actuals
        decisions = decide(self._catalog, values, as_of=today, engine=engine)
        if not any(d.task in self._catalog.items for d in decisions.applicable):
            source = document.file if document is not None and document.file else ""
            raise InputError([_nothing_applies(self._catalog, today, source, dated=checked.as_of)])
        refuse = refused_kinds(values)
        result = run_schedule(
            self._catalog,
            decisions,
            start=begin,
            statutory=statutory,
            pins=dict(pins or {}),
            actuals=loaded_actuals,
            strict_calendar=strict_calendar,
            refuse=refuse,
        )
        if refuse:
            source = document.file if document is not None and document.file else ""
            overridden = overridden_preferences(self._catalog, decisions, refuse, source)
            if overridden:
                result = dataclasses.replace(result, warnings=(*result.warnings, *overridden))
        # rules, modes and limits whose validity changes before the planned finish
        later = validity_warnings(self._catalog, decisions, horizon=result.finish)
        if later:
            warnings = tuple(sorted({*decisions.warnings, *later}))
            decisions = decisions.model_copy(update={"warnings": warnings})
        inputs = Inputs(
            project=document.name if document is not None else "",
            project_name=Name(zh=document.zh, en=document.en)
            if document is not None
            else Name(zh=""),
            profile=_profile_values(values),
            start=begin,
            as_of=today,
            pins=dict(sorted((pins or {}).items())),
            statutory=statutory,
            strict_calendar=strict_calendar,
            engine=decisions.engine,
            catalog_id=self._catalog.manifest.id,
            catalog_version=self._catalog.manifest.version,
            calendar_versions=dict(
                sorted((result.calendar_versions or self._catalog.calendar.versions()).items())
            ),
            actuals=loaded_actuals.model_dump(mode="json") if loaded_actuals else None,
        )
        return build_plan(self._catalog, decisions, result, inputs)


def _profile_values(values: Mapping[str, Any]) -> dict[str, bool | int | float | str | None]:
    return plain_facts(values)


def _nothing_applies(
    catalog: Catalog, as_of: dt.date, source: str, *, dated: dt.date | None
) -> Problem:
    """Why a plan would hold no approval item: the date, or the profile. ``source`` is the
    project file, when the profile (and, unless ``dated`` was given, the date) came from one."""
    starts = [item.valid_from for item in catalog.items.values()]
    if starts and as_of < min(starts):
        args = {"as_of": as_of.isoformat(), "first": min(starts).isoformat()}
        where = Location(source if source and dated is None else "as_of")
        return Problem("plan-empty-before-catalog", where, args=args)
    where = Location(source or "profile")
    return Problem("plan-empty", where, args={"as_of": as_of.isoformat()})
