"""What is due soon on the open cases of an agent or a unit, read from each case's plan in
force: supplements due under 容缺受理, obligations under 告知承诺, decisions overdue against
their limit, and the materials the investor must bring next.

A decision's limit is the one the plan used (the committed limit unless the case was planned
on statutory limits), counted from the actual acceptance, on the catalog's working-day
calendar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from pathplanner.calendar import WorkCalendar

__all__ = ["Reminder", "ReminderKind", "reminders"]

ReminderKind = Literal["supplement", "obligation", "decision-overdue", "material"]

_STOPPED = frozenset({"decided", "suspended", "terminated", "refused"})


class Reminder(BaseModel):
    """One thing due."""

    model_config = ConfigDict(frozen=True)

    case: str = Field(description="case id")
    project: str = Field(description="project name")
    kind: ReminderKind = Field(
        description=(
            "`supplement` (容缺 material due), `obligation` (告知承诺 due), `decision-overdue` "
            "(an accepted item past its limit), `material` (the investor brings it next)"
        )
    )
    task: str = Field(description="the task or obligation id")
    name: str = Field(description="its name (zh)")
    due: dt.date = Field(description="the day it is due")
    overdue: bool = Field(description="the day has passed")


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else None


def _decision_due(task: Mapping[str, Any], calendar: WorkCalendar) -> dt.date | None:
    accepted = _date(task.get("actual_start"))
    duration = task.get("duration") or {}
    if accepted is None or task.get("actual_finish") or task.get("status") in _STOPPED:
        return None
    days = int(duration.get("value", 0))
    if duration.get("clock") == "calendar":
        return accepted + dt.timedelta(days=days)
    return calendar.add_working_days(accepted, days)


def _due_in_plan(
    plan: Mapping[str, Any], calendar: WorkCalendar
) -> Iterable[tuple[str, str, str, dt.date]]:
    """(kind, task, name, due) of everything in ``plan`` that is not done yet."""
    for task in plan.get("tasks", []):
        name = (task.get("name") or {}).get("zh", "")
        if task.get("actual_finish"):
            continue
        if task.get("type") == "supplement" and (due := _date(task.get("deadline"))):
            yield "supplement", task["id"], name, due
        elif task.get("type") == "material" and task.get("provider") == "investor":
            if due := _date(task.get("finish")):
                yield "material", task["id"], name, due
        elif task.get("type") == "item" and (due := _decision_due(task, calendar)):
            yield "decision-overdue", task["id"], name, due
    for obligation in plan.get("obligations", []):
        if due := _date(obligation.get("due_date")):
            yield "obligation", obligation["id"], (obligation.get("name") or {}).get("zh", ""), due


def reminders(
    cases: Iterable[tuple[str, str, Mapping[str, Any]]],
    today: dt.date,
    days: int,
    calendar: WorkCalendar,
) -> list[Reminder]:
    """What is due from ``today`` to ``days`` working days after it, for each
    (case id, project, plan in force): decisions once overdue, supplements also when
    overdue, materials and obligations when coming. Sorted by due date, case and task."""
    end = calendar.add_working_days(today, days)
    found = []
    for case_id, project, plan in cases:
        for kind, task, name, due in _due_in_plan(plan, calendar):
            overdue = due < today
            if kind == "decision-overdue" and not overdue:
                continue
            if kind in ("material", "obligation") and overdue:
                continue  # their completion is not recorded: only the coming ones remind
            if due <= end:
                found.append(
                    Reminder(
                        case=case_id,
                        project=project,
                        kind=kind,
                        task=task,
                        name=name,
                        due=due,
                        overdue=overdue,
                    )
                )
    return sorted(found, key=lambda r: (r.due, r.case, r.task))
