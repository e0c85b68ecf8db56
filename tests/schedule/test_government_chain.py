"""Property tests of the two government-time measures on generated plans (issue 14 §4).

Each quotes the invariant of ``docs/scheduling.md`` §6 it checks.
"""

from __future__ import annotations

import test_properties as generated
from hypothesis import given

from pathplanner.schedule._days import shared_table
from pathplanner.schedule.government import Scope, TimedTask, approval_chain


@given(generated.cases())
@generated.SETTINGS
def test_issue_14_s4_stage_sums_add_up_and_never_exceed_the_finish(
    case: generated.Case,
) -> None:
    """The stage sums add up to the chain's total; the chain counts each day once, so it
    never exceeds the office days, nor the elapsed working days to the finish."""
    plan = generated._run(case)
    time = plan.government_time
    assert time is not None
    chain = time.chain
    assert sum(n for _, n in chain.stages) == chain.working_days
    assert sum(s.working_days for s in chain.shares) == chain.working_days
    assert chain.working_days <= plan.government_working_days <= plan.working_days
    tasks = {t.id: t for t in plan.tasks}
    for share in chain.shares:
        task = tasks[share.task]
        assert task.type == "item" and task.government
        assert share.stage == task.stage


@given(generated.cases())
@generated.SETTINGS
def test_issue_14_s4_a_scope_counts_only_its_stages(case: generated.Case) -> None:
    """A target's chain counts only the items of its stages, and its stage sums add up."""
    plan = generated._run(case)
    days = shared_table(case.catalog.calendar, case.start)
    edges: dict[str, list[str]] = {}
    for task in plan.tasks:
        edges[task.id] = [e.task for e in task.predecessors]
    timed = [
        TimedTask(
            id=t.id,
            stage=t.stage,
            item=t.type == "item",
            utility=False,
            review=(t.start.toordinal(), t.finish.toordinal()) if t.government else None,
            predecessors=tuple(p for p in edges[t.id] if p in edges),
        )
        for t in plan.tasks
    ]
    start = case.start.toordinal()
    whole = approval_chain(timed, days, start, Scope(), ["s1", "s2"])
    only = approval_chain(timed, days, start, Scope(frozenset({"s1"})), ["s1", "s2"])
    assert {s for s, _ in only.stages} <= {"s1"}
    assert sum(n for _, n in only.stages) == only.working_days
    assert only.working_days <= plan.working_days
    assert whole.working_days <= plan.working_days
