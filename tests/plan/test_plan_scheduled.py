"""The plan built from the real scheduler's output on the hand-built catalog and decisions."""

from __future__ import annotations

import datetime as dt

import plan_fixtures as fx
from gantt_checks import check_gantt
from pathplanner.plan.assembly import build_plan
from pathplanner.plan.model import Plan
from pathplanner.schedule import schedule
from plan_checks import check_all


def _plan(start: dt.date = dt.date(2026, 3, 2)) -> Plan:
    catalog, decisions = fx.catalog(), fx.decisions()
    result = schedule(catalog, decisions, start=start)
    inputs = fx.plan().inputs.model_copy(update={"start": start})
    return build_plan(catalog, decisions, result, inputs)


def test_invariants_hold_on_a_scheduled_plan() -> None:
    plan = _plan()
    check_all(plan)
    check_gantt(plan)


def test_supplement_deadline_comes_from_the_scheduler() -> None:
    plan = _plan()
    permit = next(e for e in plan.disclosure.entries if e.item == "planning-permit")
    survey = next(m for m in permit.materials if m.material == "survey-report")
    supplement = next(t for t in plan.tasks if t.type == "supplement")
    assert survey.deferred_until == supplement.deadline


def test_material_preparation_is_shown_in_the_stage_that_needs_it() -> None:
    from pathplanner.render.gantt import row_order

    plan = _plan()
    rows = {t.id: stage for stage, tasks in row_order(plan) for t in tasks}
    assert rows["material:drawings"] == "s2"
    assert rows["supplement:planning-permit:survey-report"] == "s2"
    assert "" not in rows.values()


def test_same_inputs_byte_identical_json() -> None:
    assert _plan().to_json() == _plan().to_json()
