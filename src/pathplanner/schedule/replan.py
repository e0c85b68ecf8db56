"""Re-planning from actual dates, and the slippage against the baseline.

Rules (``docs/scheduling.md``, section "Re-planning"):

1. Actual acceptance and decision dates are kept as they are, even when they contradict a
   dependency (the plan then carries a ``replan-contradiction`` warning).
2. An option whose tasks have started is frozen at the baseline's choice.
3. A task without an actual start starts no earlier than ``today``, except a task that a
   started task waited for (to be accepted): it is done, on its baseline dates.
4. An accepted item without a decision is decided no earlier than the next working day
   after ``today`` (it was not decided by today). A suspended (中止) item is decided no
   earlier than its remaining review time counted from ``resumes`` (or from the next
   working day after today): remaining = its limit minus the working days it ran before
   ``suspended_on``.
5. A terminated (终止) or refused (不予许可) item must be applied for again: it is planned as a
   new application no earlier than today, and every task that depends on it, directly or
   not, is reported as blocked by it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from pathplanner._input.suggest import did_you_mean, quote_all
from pathplanner.catalog import Catalog
from pathplanner.catalog.model import Clock
from pathplanner.decisions import Decisions
from pathplanner.errors import InputError, Location, Problem
from pathplanner.schedule._days import DayTable
from pathplanner.schedule.actuals import DATE_KEYS, Actuals, ActualStatus, ActualTask
from pathplanner.schedule.cpm import REVIEW, Net, Times
from pathplanner.schedule.result import (
    Schedule,
    Slippage,
    TaskProgress,
    TaskSlip,
    TaskStatus,
)
from pathplanner.schedule.search.relaxed import touched_tasks

__all__ = ["Replan", "contradictions", "plan_replan", "slippage_of"]


@dataclass
class Replan:
    """What the actuals impose on the timing pass and report."""

    today: dt.date
    fixed: dict[str, dict[str, int]] = field(default_factory=dict)
    floor_all: int | None = None
    frozen: dict[str, str] = field(default_factory=dict)
    status: dict[str, TaskStatus] = field(default_factory=dict)
    actual_start: dict[str, dt.date] = field(default_factory=dict)
    actual_finish: dict[str, dt.date] = field(default_factory=dict)
    reasons: dict[str, tuple[str, ...]] = field(default_factory=dict)
    blocked_by: dict[str, tuple[str, ...]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    accepted_at: dict[str, Location] = field(default_factory=dict)
    """Where each task's actual acceptance date was written (for located warnings)."""


_STATUS: dict[ActualStatus, TaskStatus] = {
    ActualStatus.accepted: "accepted",
    ActualStatus.decided: "decided",
    ActualStatus.suspended: "suspended",
    ActualStatus.terminated: "terminated",
    ActualStatus.refused: "refused",
}


def plan_replan(
    catalog: Catalog,
    decisions: Decisions,
    actuals: Actuals,
    baseline: Schedule,
    days: DayTable,
) -> Replan:
    """Turn ``actuals`` into fixed dates, earliest dates, frozen options and statuses."""
    today = actuals.today.toordinal()
    rp = Replan(today=actuals.today)
    rp.fixed = {"start": {}, "finish": {}, "start_floor": {}, "finish_floor": {}}
    rp.floor_all = today
    known = {t.id: t for t in baseline.tasks}
    started: set[str] = set()
    stopped: list[str] = []
    # an alternative the baseline did not choose is still a task the actuals may name
    optional = {task for option in decisions.options for task in touched_tasks(option)}
    unknown: list[Problem] = []
    for entry in sorted(actuals.tasks, key=lambda t: t.task):
        crumb = f"Actuals > tasks(task='{entry.task}')"
        if entry.task not in known and entry.task not in optional:
            if entry.task in catalog.items or entry.task in catalog.works:
                rp.problems.append(
                    Problem(
                        "replan-task-not-planned",
                        actuals.location(entry.task),
                        breadcrumb=crumb,
                        severity="warning",
                        args={"task": entry.task},
                    )
                )
            else:  # a typo: using the rest of the dates would move the finish in silence
                unknown.append(_unknown_task(entry.task, actuals, crumb, [*known, *optional]))
            continue
        rp.problems += _days_off(entry, actuals, days, crumb)
        status = entry.effective_status
        rp.status[entry.task] = _STATUS[status]
        if entry.reason:
            rp.reasons[entry.task] = (entry.reason,)
        if status in (ActualStatus.terminated, ActualStatus.refused):
            stopped.append(entry.task)
            started.add(entry.task)
            continue
        if entry.accepted is not None:
            started.add(entry.task)
            rp.fixed["start"][entry.task] = entry.accepted.toordinal()
            rp.actual_start[entry.task] = entry.accepted
            rp.accepted_at[entry.task] = actuals.location(entry.task, "accepted")
        if entry.decided is not None:
            rp.fixed["finish"][entry.task] = entry.decided.toordinal()
            rp.actual_finish[entry.task] = entry.decided
            continue
        after_today = days.add_wd(today, 1)
        if status == ActualStatus.suspended and entry.accepted is not None:
            planned = known.get(entry.task)
            limit = 0
            if planned is not None and planned.duration.clock == Clock.working:
                limit = planned.duration.value
            ran_until = (entry.suspended_on or actuals.today).toordinal()
            remaining = max(limit - days.between(entry.accepted.toordinal(), ran_until), 1)
            base = entry.resumes.toordinal() if entry.resumes else today
            rp.fixed["finish_floor"][entry.task] = max(days.add_wd(base, remaining), after_today)
        else:
            rp.fixed["finish_floor"][entry.task] = after_today
    if unknown:
        raise InputError(unknown)
    _implied_done(rp, baseline, started)
    # freeze options that have started
    chosen = {c.option: c.chosen for c in baseline.choices}
    for option in decisions.options:
        if touched_tasks(option) & started and option.id in chosen:
            rp.frozen[option.id] = chosen[option.id]
    # what terminated or refused items block
    succ: dict[str, list[str]] = {}
    for t in baseline.tasks:
        for e in t.predecessors:
            succ.setdefault(e.task, []).append(t.id)
    blocked: dict[str, set[str]] = {}
    for root in stopped:
        seen: set[str] = set()
        todo = list(succ.get(root, ()))
        while todo:
            x = todo.pop()
            if x in seen:
                continue
            seen.add(x)
            todo.extend(succ.get(x, ()))
        for x in seen:
            blocked.setdefault(x, set()).add(root)
        rp.problems.append(
            Problem(
                "replan-stopped",
                actuals.location(root),
                breadcrumb=f"Actuals > tasks(task='{root}')",
                severity="warning",
                args={
                    "task": root,
                    "status": rp.status[root],
                    "count": str(len(seen)),
                    "blocked": ", ".join(sorted(seen)),
                },
            )
        )
    for x, roots in blocked.items():
        rp.blocked_by[x] = tuple(sorted(roots))
        if rp.status.get(x, "planned") == "planned":
            rp.status[x] = "blocked"
    return rp


def _unknown_task(task: str, actuals: Actuals, crumb: str, tasks: list[str]) -> Problem:
    """A task id that is neither in the plan nor in the catalog, with the closest ids."""
    close = did_you_mean(task, tasks)
    return Problem(
        "replan-unknown-task",
        actuals.location(task),
        breadcrumb=crumb,
        found=task,
        hint="did-you-mean" if close else "replan-unknown-task-hint",
        args={"task": task, "candidates": quote_all(close)},
    )


def _days_off(entry: ActualTask, actuals: Actuals, days: DayTable, crumb: str) -> list[Problem]:
    """A warning for each actual date that is not a working day (a typo, most likely: no
    window accepts or decides on a holiday)."""
    found = []
    for key in DATE_KEYS:
        day: dt.date | None = getattr(entry, key)
        if day is not None and not days.is_working(day.toordinal()):
            found.append(
                Problem(
                    "replan-day-off",
                    actuals.location(entry.task, key),
                    breadcrumb=crumb,
                    severity="warning",
                    args={"task": entry.task, "key": key, "date": day.isoformat()},
                )
            )
    return found


def _implied_done(rp: Replan, baseline: Schedule, started: set[str]) -> None:
    """A task that a started task waited for (to be accepted) is done: it keeps its baseline
    dates (when they are later than the acceptance that waited for it, the actual date
    contradicts the dependency and is reported as such)."""
    by_id = {t.id: t for t in baseline.tasks}
    done: set[str] = set()
    todo = sorted(t for t in started if t in by_id and t in rp.fixed["start"])
    while todo:
        task_id = todo.pop()
        for e in by_id[task_id].predecessors:
            if e.binds != "acceptance" or e.task in rp.status or e.task not in by_id:
                continue
            if e.task not in done:
                done.add(e.task)
                todo.append(e.task)
    for task_id in sorted(done):
        planned = by_id[task_id]
        rp.fixed["start"][task_id] = planned.start.toordinal()
        rp.fixed["finish"][task_id] = planned.finish.toordinal()


def contradictions(net: Net, times: Times, days: DayTable, replan: Replan) -> list[Problem]:
    """Actual acceptance dates earlier than a dependency allows (accepted, with a warning)."""
    out: list[Problem] = []
    for task_id, actual_day in sorted(replan.actual_start.items()):
        actual = actual_day.toordinal()
        i = net.index.get(task_id)
        if i is None or not net.acc[i]:
            continue
        needed = max(
            times.er[p] + n if k == 1 else days.add_wd(times.er[p], n) if k else times.er[p]
            for p, k, n in net.acc[i]
        )
        if net.timing[i] == REVIEW:
            needed = days.next_wd(needed)
        if actual < needed:
            out.append(
                Problem(
                    "replan-contradiction",
                    replan.accepted_at.get(task_id, Location("<actuals>")),
                    breadcrumb=f"Actuals > tasks(task='{task_id}')",
                    severity="warning",
                    expected=days.date(needed).isoformat(),
                    found=days.date(actual).isoformat(),
                    args={
                        "task": task_id,
                        "actual": days.date(actual).isoformat(),
                        "needed": days.date(needed).isoformat(),
                    },
                )
            )
    return out


def _progress(task_id: str, replan: Replan) -> TaskProgress:
    """``done`` when the finish is fixed (an actual decision, or taken as done on the
    baseline's dates), ``in_progress`` when only the start is, else ``remaining``."""
    if task_id in replan.fixed.get("finish", {}):
        return "done"
    if task_id in replan.fixed.get("start", {}):
        return "in_progress"
    return "remaining"


def slippage_of(current: object, baseline: Schedule, replan: Replan, days: DayTable) -> Slippage:
    """Every task's and the finish's slip against ``baseline``, with the reasons given."""
    tasks = getattr(current, "tasks", ())
    finish: dt.date = getattr(current, "finish")  # noqa: B009
    base: Mapping[str, object] = {t.id: t for t in baseline.tasks}
    slips: list[TaskSlip] = []
    for t in tasks:
        b = base.get(t.id)
        b_start = getattr(b, "start", None)
        b_finish = getattr(b, "finish", None)
        wd = days.between(b_finish.toordinal(), t.finish.toordinal()) if b_finish else 0
        cd = (t.finish - b_finish).days if b_finish else 0
        slips.append(
            TaskSlip(
                task=t.id,
                baseline_start=b_start,
                baseline_finish=b_finish,
                start=t.start,
                finish=t.finish,
                working_days=wd,
                calendar_days=cd,
                status=replan.status.get(t.id, "planned"),
                reasons=replan.reasons.get(t.id, ()),
                blocked_by=replan.blocked_by.get(t.id, ()),
                progress=_progress(t.id, replan),
            )
        )
    reasons = tuple(f"{k}: {r}" for k in sorted(replan.reasons) for r in replan.reasons[k])
    return Slippage(
        today=replan.today,
        baseline_finish=baseline.finish,
        finish=finish,
        working_days=days.between(baseline.finish.toordinal(), finish.toordinal()),
        calendar_days=(finish - baseline.finish).days,
        tasks=tuple(slips),
        blocked=tuple(sorted(replan.blocked_by)),
        reasons=reasons,
    )
