"""Invariants every plan satisfies, shared by the fixture tests and the example-plan tests.

Each check quotes the rule it enforces (issue 5, "Done when").
"""

from __future__ import annotations

import datetime as dt

from pathplanner.plan.model import Plan


def check_disclosure_and_material_plan_cover_each_other(plan: Plan) -> None:
    """ "Every material in the disclosure list appears in the material plan and the other way
    round", each distinct material once, with every item using it."""
    disclosed: dict[str, list[str]] = {}
    for entry in plan.disclosure.entries:
        for use in entry.materials:
            disclosed.setdefault(use.material, []).append(entry.item)
    planned = [m.material for m in plan.materials]
    assert len(planned) == len(set(planned)), "each material once in the material plan"
    assert set(planned) == set(disclosed)
    for entry in plan.materials:
        assert entry.used_by == disclosed[entry.material], entry.material


def check_critical_path(plan: Plan) -> None:
    """The critical chain is a chain of distinct tasks ending on the finish, and "every task
    with zero float also has critical: true"."""
    ids = {t.id: t for t in plan.tasks}
    assert plan.critical_path, "a plan has a critical path"
    assert len(set(plan.critical_path)) == len(plan.critical_path)
    for before, after in zip(plan.critical_path, plan.critical_path[1:], strict=False):
        # a parallel group's members start together: whatever set the group's start counts
        group = ids[after].group
        members = [t for t in plan.tasks if group and t.group == group] or [ids[after]]
        assert before in {p.task for m in members for p in m.predecessors}, (before, after)
    for task in plan.tasks:
        assert task.critical == (task.float_working_days == 0), task.id
    assert ids[plan.critical_path[-1]].finish == plan.finish


def check_critical_path_float(plan: Plan) -> None:
    """Float along the critical chain (docs/scheduling.md §5).

    Issue 5 asks that "every task in critical_path has critical: true and zero float". With
    issue 4's definition of float (working days between earliest and latest ready), that
    cannot hold once a calendar-day task on the chain ends on a rest day: every day up to the
    next working day gives the same ready date, so the tasks before it may slip that much.
    What holds, and is checked here: the chain ends on a zero-float task, and every task on it
    with float has, at or after it on the chain, a calendar-day task whose ready date is later
    than its finish (the rounding point that absorbs the slack).
    """
    ids = {t.id: t for t in plan.tasks}
    chain = [ids[task_id] for task_id in plan.critical_path]
    assert chain[-1].float_working_days == 0, chain[-1].id
    for position, task in enumerate(chain):
        if task.float_working_days == 0:
            assert task.critical, task.id
            continue
        absorbers = [
            later.id
            for later in chain[position:]
            if later.duration.clock == "calendar" and later.ready > later.finish
        ]
        assert absorbers, f"{task.id} has float {task.float_working_days} on the critical path"


def check_predecessors_ready_in_time(plan: Plan) -> None:
    """ "Every predecessor listed is ready no later than the end of its successor that it
    binds": acceptance binds the start, decision binds the finish."""
    ids = {t.id: t for t in plan.tasks}
    for task in plan.tasks:
        either: dict[str, list[bool]] = {}  # inputs of one any_of: one in time will do
        for pred in task.predecessors:
            before = ids[pred.task]
            bound = task.start if pred.binds == "acceptance" else task.finish
            if task.actual_start is not None or before.actual_finish is not None:
                continue  # actual dates are facts, not plans
            earliest = before.ready
            if pred.lag is not None and pred.lag.clock == "calendar":
                earliest += dt.timedelta(days=pred.lag.value)  # a lead is negative
            if pred.one_of is not None:
                either.setdefault(pred.one_of, []).append(earliest <= bound)
                continue
            assert earliest <= bound, f"{pred.task} -> {task.id} ({pred.binds})"
        for group, in_time in either.items():
            assert len(in_time) > 1 and any(in_time), f"{group} -> {task.id}"


def check_disclosure_order(plan: Plan) -> None:
    """Entries come in the order the investor meets them, numbered from 1, one per item."""
    entries = plan.disclosure.entries
    assert [e.order for e in entries] == list(range(1, len(entries) + 1))
    assert [e.acceptance for e in entries] == sorted(e.acceptance for e in entries)  # type: ignore[type-var]
    items = [e.item for e in entries]
    assert len(items) == len(set(items))
    applicable = {t.ref for t in plan.tasks if t.type == "item"}
    assert set(items) <= applicable
    assert not set(items) & {n.item for n in plan.disclosure.not_applicable}


def check_all(plan: Plan) -> None:
    check_disclosure_and_material_plan_cover_each_other(plan)
    check_critical_path(plan)
    check_predecessors_ready_in_time(plan)
    check_disclosure_order(plan)


def waits_for(plan: Plan, task_id: str) -> set[str]:
    """Every task ``task_id`` waits for, directly or through other tasks."""
    by_id = {t.id: t for t in plan.tasks}
    found: set[str] = set()
    todo = [task_id]
    while todo:
        for edge in by_id[todo.pop()].predecessors:
            if edge.task not in found:
                found.add(edge.task)
                todo.append(edge.task)
    return found
