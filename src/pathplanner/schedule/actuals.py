"""Actual dates for re-planning: the file format, its JSON Schema and its loader.

An actuals file (YAML or JSON; YAML is read with the safe reader) says what happened so
far, as of ``today``::

    today: 2026-05-11
    tasks:
      - task: land-use-planning-permit
        accepted: 2026-03-20
        decided: 2026-04-29
        status: decided          # accepted | decided | suspended | terminated | refused
        reason: 专家评审延期       # why the dates differ from the plan (optional)
      - task: construction-permit
        accepted: 2026-05-06
        status: suspended        # 中止: give the reason, and when it resumes if known
        suspended_on: 2026-05-08
        resumes: 2026-05-20
        reason: 补正材料

``task`` is a task id of the plan (an item or work id, or ``material:<id>``). See
``docs/scheduling.md`` for how each status is re-planned.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from pathplanner._input.dates import IsoDate
from pathplanner._input.limits import check_date
from pathplanner._input.validation import model_error, unexpected_file, validate_model
from pathplanner._input.yaml import breadcrumb, locate, read_yaml
from pathplanner.errors import InputError, Location, Problem

__all__ = [
    "ACTUALS_SCHEMA_ID",
    "ACTUALS_VERSION",
    "DATE_KEYS",
    "ActualStatus",
    "ActualTask",
    "Actuals",
    "actuals_json_schema",
    "load_actuals",
    "validate_actuals",
]

ACTUALS_VERSION = "1.0"
"""Version of the actuals file format. It is an input, read strictly (unknown keys are
rejected as typos): a minor bump adds an optional key, which older pathplanners reject; a
major bump removes or renames a key, or makes one required (``docs/plan-format.md``)."""

ACTUALS_SCHEMA_ID = f"urn:pathplanner:schema:actuals:{ACTUALS_VERSION}"
"""The ``$id`` of the actuals schema: a name, not a location."""


class ActualStatus(StrEnum):
    """Where an item stands: 已受理, 办结, 中止, 终止, 不予许可."""

    accepted = "accepted"
    decided = "decided"
    suspended = "suspended"
    terminated = "terminated"
    refused = "refused"


class ActualTask(BaseModel):
    """What actually happened to one task."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    task: str = Field(
        min_length=1,
        max_length=200,
        description="a task id of the plan: an item or work id, or `material:<id>`",
    )
    accepted: IsoDate | None = Field(
        None, description="the day it was accepted (受理) or started; needed by any status"
    )
    decided: IsoDate | None = Field(
        None, description="the day it was decided (办结) or finished; not before `accepted`"
    )
    status: ActualStatus | None = Field(
        None,
        description=(
            "where it stands; without it, `decided` when that date is given, else `accepted`"
        ),
    )
    reason: str = Field(
        "", description="why the dates differ from the plan; the plan's `slippage` repeats it"
    )
    suspended_on: IsoDate | None = Field(
        None, description="status `suspended`: the day review stopped (中止)"
    )
    resumes: IsoDate | None = Field(
        None, description="status `suspended`: the day review resumes, when known"
    )

    @model_validator(mode="after")
    def _consistent(self) -> ActualTask:
        accepted, decided, status = self.accepted, self.decided, self.status
        if accepted is None and decided is not None:
            raise model_error("value-decided-needs-accepted", "decided")
        if accepted and decided and decided < accepted:
            raise model_error("value-decided-before-accepted", "decided")
        if status == ActualStatus.decided and decided is None:
            raise model_error("value-status-needs-decided", "status")
        if status is not None and accepted is None:
            raise model_error("value-status-needs-accepted", "status", status=status.value)
        suspension = self.suspended_on is not None or self.resumes is not None
        if suspension and status != ActualStatus.suspended:
            culprit = "suspended_on" if self.suspended_on is not None else "resumes"
            raise model_error("value-suspension-needs-status", culprit)
        if status == ActualStatus.suspended and decided is not None:
            raise model_error("value-suspended-but-decided", "decided")
        if accepted and self.suspended_on and self.suspended_on < accepted:
            raise model_error("value-suspended-before-accepted", "suspended_on")
        if self.suspended_on and self.resumes and self.resumes < self.suspended_on:
            raise model_error("value-resumes-before-suspended", "resumes")
        return self

    @property
    def effective_status(self) -> ActualStatus:
        """The status given, or the one the dates imply."""
        if self.status is not None:
            return self.status
        return ActualStatus.decided if self.decided is not None else ActualStatus.accepted


class Actuals(BaseModel):
    """Actual dates of some tasks, as of ``today`` (the re-planning date)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    today: IsoDate = Field(description="the day of the re-plan; no actual date may be later")
    tasks: list[ActualTask] = Field(
        default_factory=list, description="what happened to each task so far, each task once"
    )

    @model_validator(mode="after")
    def _unique(self) -> Actuals:
        seen: set[str] = set()
        for t in self.tasks:
            if t.task in seen:
                raise model_error("value-task-twice", "tasks", task=t.task)
            seen.add(t.task)
            for value in (t.accepted, t.decided, t.suspended_on):
                if value is not None and value > self.today:
                    raise model_error(
                        "value-date-after-today", "today", task=t.task, today=self.today.isoformat()
                    )
        return self

    _where: dict[tuple[str, str], Location] = PrivateAttr(default_factory=dict)

    def by_task(self) -> dict[str, ActualTask]:
        return {t.task: t for t in self.tasks}

    def location(self, task: str, key: str = "task") -> Location:
        """Where ``key`` of ``task``'s entry was written, when read from a file."""
        return self._where.get((task, key)) or self._where.get((task, "task")) or _NOWHERE


def actuals_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the actuals file: what ``pathplanner schema
    actuals`` prints and ``schemas/actuals.schema.json`` holds, keys sorted.

    It is closed, as :func:`load_actuals` is: ``additionalProperties: false`` on every
    object, because an unknown key in an actuals file is a typo and is rejected as one.
    The cross-field rules (``decided`` needs ``accepted``, no date after ``today``, each task
    once) are checked by the loader only.
    """
    schema = Actuals.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = ACTUALS_SCHEMA_ID
    schema["title"] = "pathplanner actuals"
    return dict(json.loads(json.dumps(schema, sort_keys=True)))


def _dates_out_of_range(model: Actuals, data: Any, display: str) -> list[Problem]:
    """A located problem for each date outside the dates pathplanner plans."""
    dated: list[tuple[list[str | int], dt.date | None]] = [(["today"], model.today)]
    for index, task in enumerate(model.tasks):
        for key in DATE_KEYS:
            dated.append((["tasks", index, key], getattr(task, key)))
    return [
        problem
        for path, day in dated
        for problem in check_date(
            day, Location(display, *locate(data, path)), breadcrumb("Actuals", path)
        )
    ]


_NOWHERE = Location("<actuals>")
DATE_KEYS = ("accepted", "decided", "suspended_on", "resumes")
"""The date keys of an actuals task."""


def _remember_places(model: Actuals, data: Any, display: str) -> None:
    for index, task in enumerate(model.tasks):
        for key in ("task", *DATE_KEYS):
            if getattr(task, key) is not None:
                where = Location(display, *locate(data, ["tasks", index, key]))
                model._where[(task.task, key)] = where


def load_actuals(path: Path | str) -> Actuals:
    """Read an actuals file (YAML or JSON); raises :class:`InputError` with located
    problems (file:line:col, breadcrumb, expected vs found, did-you-mean)."""
    p = Path(path)
    display = p.as_posix()
    data, problems = read_yaml(p, display)
    if problems and any(pr.severity == "error" for pr in problems):
        raise InputError(problems)
    return validate_actuals(data, file=display, problems=problems)


def validate_actuals(data: Any, *, file: str, problems: Sequence[Problem] = ()) -> Actuals:
    """Check actual dates read from a file or given as a mapping (the shape ``pathplanner
    schema actuals`` describes); ``file`` names the source in problems. Raises
    :class:`InputError` with located problems."""
    display = file
    unexpected = unexpected_file(data, Actuals.model_fields, display)
    if unexpected is not None:
        raise InputError([unexpected])
    model, found = validate_model(Actuals, data, file=display, breadcrumb="Actuals")
    if model is None or found:
        raise InputError([*problems, *found])
    out_of_range = _dates_out_of_range(model, data, display)
    if out_of_range:
        raise InputError(out_of_range)
    _remember_places(model, data, display)
    return model
