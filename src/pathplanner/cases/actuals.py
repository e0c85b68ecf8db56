"""Actual dates on a case: which need a reason, merging them into what was recorded, and
re-planning from all of them against the baseline (:mod:`pathplanner.schedule.replan` does
the re-planning and the slippage; this module only feeds it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from pathplanner._input.validation import validate_model
from pathplanner.cases.errors import problem
from pathplanner.cases.model import ActualEntry, ActualsUpdate
from pathplanner.cases.reasons import Reason, ReasonUse
from pathplanner.errors import InputError, Problem
from pathplanner.plan import Planner
from pathplanner.plan.model import Plan
from pathplanner.schedule import Actuals

__all__ = ["merged_actuals", "replan_actuals"]

_DATES = ("accepted", "decided", "suspended_on", "resumes")


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _moved(entry: ActualEntry, planned: Mapping[str, Any] | None) -> bool:
    """Whether the entry's dates differ from the plan in force (which already shows every
    date recorded before, so a correction of an earlier record differs too)."""
    if planned is None:
        return False
    start = planned.get("actual_start") or planned.get("start")
    finish = planned.get("actual_finish") or planned.get("finish")
    return (entry.accepted is not None and _iso(entry.accepted) != start) or (
        entry.decided is not None and _iso(entry.decided) != finish
    )


def _reason_problems(
    entry: ActualEntry, index: int, planned: Mapping[str, Any] | None, table: Mapping[str, Reason]
) -> list[Problem]:
    field = f"tasks[{index}].reason"
    use = ReasonUse.PAUSE if entry.status == "suspended" else ReasonUse.DATE
    needed = use == ReasonUse.PAUSE or _moved(entry, planned)
    if entry.reason is None:
        if needed:
            code = (
                "case-actual-needs-reason-pause"
                if use == ReasonUse.PAUSE
                else "case-actual-needs-reason-date"
            )
            return [problem(code, field, task=entry.task)]
        return []
    reason = table.get(entry.reason)
    if reason is None or use not in reason.uses:
        known = ", ".join(sorted(r.id for r in table.values() if use in r.uses))
        return [problem("case-reason-unknown", field, reason=entry.reason, known=known)]
    return []


def merged_actuals(
    recorded: list[dict[str, Any]],
    update: ActualsUpdate,
    plan_in_force: Mapping[str, Any],
    reasons: Mapping[str, Reason],
) -> list[dict[str, Any]]:
    """The recorded entries with the update's replacing those of the same task, by task id.

    Raises :class:`InputError` when an entry lacks a reason it needs (a date that differs
    from the plan in force, or any pause) or names an unknown one."""
    planned = {task["id"]: task for task in plan_in_force.get("tasks", [])}
    problems = [
        p
        for i, entry in enumerate(update.tasks)
        for p in _reason_problems(entry, i, planned.get(entry.task), reasons)
    ]
    if problems:
        raise InputError(problems)
    by_task = {entry["task"]: entry for entry in recorded}
    for entry in update.tasks:
        stored: dict[str, Any] = {"task": entry.task}
        for key in _DATES:
            value = getattr(entry, key)
            if value is not None:
                stored[key] = value.isoformat()
        if entry.status is not None:
            stored["status"] = entry.status
        if entry.reason is not None:
            stored["reason"] = entry.reason
        by_task[entry.task] = stored
    return [by_task[task] for task in sorted(by_task)]


def replan_actuals(
    planner: Planner,
    profile: Mapping[str, Any],
    baseline: Plan,
    entries: list[dict[str, Any]],
    today: dt.date,
) -> Plan:
    """The plan re-made from ``entries`` as of ``today``, on the baseline's start and rules
    date, so its slippage is measured against the baseline."""
    data = {"today": today.isoformat(), "tasks": entries}
    actuals, problems = validate_model(Actuals, data, file="request", breadcrumb="actuals")
    if actuals is None:
        raise InputError(problems)
    return planner.plan(
        profile, start=baseline.inputs.start, as_of=baseline.inputs.as_of, actuals=actuals
    )
