"""A re-plan's slippage in the plan JSON: each task's baseline and re-planned dates, its
slip, the reason from the actuals file and where it stands (done, in progress, remaining);
and the finish's slip, counted on the working-day calendar."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathplanner.calendar.workcalendar import WorkCalendar
from pathplanner.plan.model import Plan
from replan_fixtures import DECIDED, DELAYED, REASON, TODAY, baseline, document, replan
from snapshots import shared_planner


def _working_days(calendar: WorkCalendar, a: dt.date, b: dt.date) -> int:
    """Working days in ``(a, b]`` (negative when ``b`` is before ``a``), one day at a time."""
    lo, hi = sorted((a, b))
    count = sum(
        calendar.is_working_day(lo + dt.timedelta(days=i)) for i in range(1, (hi - lo).days + 1)
    )
    return count if b >= a else -count


def test_the_delayed_task_in_the_json_has_its_dates_slip_reason_and_progress(
    tmp_path: Path,
) -> None:
    plan = replan(tmp_path)
    slips = {t["task"]: t for t in json.loads(plan.to_json())["slippage"]["tasks"]}
    before, now = baseline().task(DELAYED), plan.task(DELAYED)
    late = slips[DELAYED]
    assert (late["baseline_start"], late["baseline_finish"]) == (
        before.start.isoformat(),
        before.finish.isoformat(),
    )
    assert (late["start"], late["finish"]) == ("2026-06-01", now.finish.isoformat())
    assert now.finish > TODAY, "still under review on today: decided no earlier than tomorrow"
    calendar = shared_planner().catalog.calendar
    assert late["working_days"] == _working_days(calendar, before.finish, now.finish) > 0
    assert late["reasons"] == [REASON]
    assert late["progress"] == "in_progress"
    assert slips[DECIDED]["progress"] == "done"
    assert slips[DECIDED]["finish"] == "2026-04-20"


def _progress(plan: Plan) -> dict[str, str]:
    assert plan.slippage is not None
    return {t.task: t.progress or "" for t in plan.slippage.tasks}


def test_done_in_progress_and_remaining_follow_the_actual_dates(tmp_path: Path) -> None:
    plan = replan(tmp_path)
    progress = _progress(plan)
    assert set(progress) == {t.id for t in plan.tasks}
    for task in plan.tasks:
        state = progress[task.id]
        if task.actual_start is not None and task.actual_finish is None:
            assert state == "in_progress", task.id
        elif task.actual_finish is not None:
            assert state == "done", task.id
        elif state == "done":  # taken as done: a started task waited for it
            assert task.finish <= TODAY and task.actual_start is None, task.id
        else:
            assert state == "remaining", task.id
            assert task.start >= TODAY, f"{task.id} is forecast, so it starts from today"
    assert sorted(t for t, s in progress.items() if s == "in_progress") == [DELAYED]
    done = {t for t, s in progress.items() if s == "done"}
    assert DECIDED in done and len(done) > 1, "what the permits waited for is done too"


def test_nothing_started_leaves_every_task_remaining(tmp_path: Path) -> None:
    plan = replan(tmp_path, f"today: {TODAY.isoformat()}\ntasks: []\n")
    assert set(_progress(plan).values()) == {"remaining"}


def test_a_plan_of_format_1_2_reads_without_progress(tmp_path: Path) -> None:
    data = json.loads(replan(tmp_path).to_json())
    data["schema_version"] = "1.2"
    for task in data["slippage"]["tasks"]:
        del task["progress"]
    old = Plan.model_validate(data)
    assert old.slippage is not None and {t.progress for t in old.slippage.tasks} == {None}


@st.composite
def _actuals(draw: st.DrawFn) -> str:
    """Actual dates for one item of the example: accepted on a day up to ``today``,
    decided or not, with a reason."""
    items = sorted(t.id for t in baseline().tasks if t.type == "item")
    task = draw(st.sampled_from(items))
    today = draw(st.dates(dt.date(2026, 3, 9), dt.date(2026, 12, 31)))
    accepted = draw(st.dates(dt.date(2026, 3, 2), today))
    lines = [f"today: {today}", "tasks:", f"  - task: {task}", f"    accepted: {accepted}"]
    if draw(st.booleans()):
        lines.append(f"    decided: {draw(st.dates(accepted, today))}")
    lines.append("    reason: 专家评审延期")
    return "\n".join(lines) + "\n"


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(actuals=_actuals())
def test_the_finish_slip_is_the_working_days_from_the_baseline_finish(
    tmp_path: Path, actuals: str
) -> None:
    plan = replan(tmp_path, actuals)
    assert plan.slippage is not None
    before = shared_planner().plan(document())
    assert plan.slippage.baseline_finish == before.finish
    assert plan.slippage.finish == plan.finish
    calendar = shared_planner().catalog.calendar
    assert plan.slippage.working_days == _working_days(calendar, before.finish, plan.finish)
    assert plan.slippage.calendar_days == (plan.finish - before.finish).days
