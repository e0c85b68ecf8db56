"""The re-plan section of the reports: where each task stands against the baseline, the
finish's slip, and the reasons given in the actuals file. Markdown, HTML and the workbook
all read it from here, so they show the same tasks in the same order."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from pathplanner.plan.model import Plan, SlippagePlan, TaskSlipPlan
from pathplanner.render._common import Labeller, iso

__all__ = [
    "PROGRESS",
    "progress_counts",
    "slippage_header",
    "slippage_rows",
    "slippage_summary",
    "slipped_tasks",
]

PROGRESS = ("done", "in_progress", "remaining")
"""Where a task of a re-plan stands, in the order the reports count them."""


def _counted(plan: Plan) -> set[str]:
    """The tasks the section speaks of: every task but the stage gates and points, which
    are markers of the schedule, not work anyone does."""
    return {t.id for t in plan.tasks if t.type != "milestone"}


def slipped_tasks(plan: Plan) -> list[TaskSlipPlan]:
    """The tasks worth a row: those that moved, have an actual date, a reason or a block;
    latest slip first, then by id. Empty for a plan that is not a re-plan."""
    if plan.slippage is None:
        return []
    counted = _counted(plan)
    rows = [
        t
        for t in plan.slippage.tasks
        if t.task in counted
        and (t.working_days or t.reasons or t.blocked_by or t.status != "planned")
    ]
    return sorted(rows, key=lambda t: (-t.working_days, t.task))


def progress_counts(plan: Plan) -> dict[str, int]:
    """How many tasks are done, in progress and remaining (all zero for a plan that is not
    a re-plan, or one written before format 1.3, which did not say)."""
    found: Counter[str] = Counter()
    if plan.slippage is not None:
        counted = _counted(plan)
        found.update(t.progress for t in plan.slippage.tasks if t.task in counted and t.progress)
    return {p: found[p] for p in PROGRESS}


def _signed(n: int) -> str:
    return f"{n:+d}" if n else "0"


def _dates(slip: TaskSlipPlan, names: Labeller) -> str:
    """The re-planned dates, each marked actual or forecast."""
    actual, forecast = names.label("plan-slip-actual"), names.label("plan-slip-forecast")
    first = actual if slip.progress in ("done", "in_progress") else forecast
    second = actual if slip.progress == "done" else forecast
    if first == second:
        return f"{first} {iso(slip.start)} → {iso(slip.finish)}"
    return f"{first} {iso(slip.start)} → {second} {iso(slip.finish)}"


def _state(slip: TaskSlipPlan, names: Labeller) -> str:
    text = names.label(f"plan-progress-{slip.progress}") if slip.progress else ""
    if slip.status != "planned":
        status = names.label(f"plan-status-{slip.status}")
        text = text + names.paren(status) if text else status
    return text


def _why(slip: TaskSlipPlan, names: Labeller, escape: Callable[[str], str]) -> str:
    parts = [escape(r) for r in slip.reasons]
    if slip.blocked_by:
        waits = names.join((names.task(b) for b in slip.blocked_by), "list")
        parts.append(names.label("plan-slip-blocked-by", items=waits))
    return names.join(parts)


def slippage_header(names: Labeller) -> list[str]:
    """The column titles of :func:`slippage_rows`."""
    keys = (
        "plan-col-task",
        "plan-col-progress",
        "plan-col-baseline",
        "plan-col-current",
        "plan-col-slip",
        "plan-col-reason",
    )
    return [names.label(k) for k in keys]


def slippage_rows(
    plan: Plan, names: Labeller, escape: Callable[[str], str] = str
) -> list[list[str]]:
    """The slippage table's rows: the project finish first, then each task of
    :func:`slipped_tasks` (task, progress, baseline dates, actual or forecast dates, slip in
    working days, the reasons given). The actuals file's reasons pass through ``escape``."""
    slip = plan.slippage
    if slip is None:
        return []
    finish = [
        names.label("plan-slip-finish"),
        "",
        iso(slip.baseline_finish),
        names.label("plan-slip-forecast") + " " + iso(slip.finish),
        _signed(slip.working_days),
        "",
    ]
    return [
        finish,
        *(
            [
                names.task(t.task),
                _state(t, names),
                f"{iso(t.baseline_start)} → {iso(t.baseline_finish)}" if t.baseline_finish else "—",
                _dates(t, names),
                _signed(t.working_days),
                _why(t, names, escape),
            ]
            for t in slipped_tasks(plan)
        ),
    ]


def slippage_summary(slip: SlippagePlan, plan: Plan, names: Labeller) -> list[str]:
    """The sentences above the table: the finish's slip and the done/remaining counts."""
    counts = progress_counts(plan)
    return [
        names.label(
            "plan-slip-finish-line",
            baseline=iso(slip.baseline_finish),
            finish=iso(slip.finish),
            n=slip.working_days,
            calendar=slip.calendar_days,
            today=iso(slip.today),
        ),
        names.label("plan-progress-line", **counts),
    ]
