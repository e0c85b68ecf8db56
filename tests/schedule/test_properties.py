"""Property tests on generated catalogs and decisions.

Each test quotes the invariant of ``docs/scheduling.md`` it checks.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from dataclasses import dataclass
from typing import Any

from _sched_build import (
    calendar,
    catalog,
    cd,
    decisions,
    drops,
    group,
    item,
    join_option,
    material,
    mode,
    mode_option,
    wd,
    work,
)
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from pathplanner.catalog import Catalog
from pathplanner.catalog.model import Clock, DeferredMaterial, Duration, Prerequisite
from pathplanner.decisions import Decisions
from pathplanner.errors import InputError
from pathplanner.schedule import Schedule, schedule
from pathplanner.schedule._days import DayTable
from pathplanner.schedule.search.optimize import Optimizer

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)


@dataclass
class Case:
    catalog: Catalog
    decisions: Decisions
    start: dt.date


@st.composite
def cases(draw: Any, max_options: int = 4, max_items: int = 8, *, dense: bool = False) -> Case:
    """A random DAG of items and works with materials, modes, a group and options."""
    n = draw(st.integers(max_items - 2 if dense else 2, max_items))
    gates = draw(st.booleans())
    stages = [("s1", gates), ("s2", gates)]
    ids = [f"i{k}" for k in range(n)]
    materials = [
        material("m0", draw(st.integers(0, 30))),
        material("m1", wd(draw(st.integers(0, 8)))),
    ]
    works = []
    n_works = draw(st.integers(0, 2))
    for k in range(n_works):
        legal = draw(st.booleans())
        works.append(work(f"w{k}", draw(st.integers(0, 40)), legal=legal, stage="s1"))
    items = []
    options = []
    n_options = 0
    for k, item_id in enumerate(ids):
        earlier = ids[:k] + [w.id for w in works]
        needs = draw(st.lists(st.sampled_from(earlier), max_size=2, unique=True)) if earlier else []
        prereqs = []
        for dep in needs:
            lag = draw(st.sampled_from([None, cd(3), wd(2)]))
            binds = draw(st.sampled_from(["acceptance", "acceptance", "decision"]))
            prereqs.append(Prerequisite(any_of=[f"{dep}-out"], binds=binds, lag=lag))
        if len(prereqs) == 2 and draw(st.booleans()):  # either input will do
            first = prereqs[0]
            outs = [p.any_of[0] for p in prereqs]
            prereqs = [Prerequisite(any_of=outs, binds=first.binds, lag=first.lag)]
        limit = draw(st.integers(0, 25))
        clock = draw(st.sampled_from([Clock.working, Clock.working, Clock.calendar]))
        excluded = draw(st.sampled_from([[], [cd(5)], [wd(3)]]))
        mats = draw(st.lists(st.sampled_from(["m0", "m1"]), max_size=2, unique=True))
        modes = []
        if n_options < max_options and (dense or draw(st.booleans())):
            kind = draw(st.sampled_from(["fast_track", "commitment", "tolerance"]))
            fields: dict[str, Any] = {}
            if kind == "fast_track":
                fields["duration"] = wd(draw(st.integers(0, 30)))
            elif kind == "commitment":
                fields["duration"] = wd(1)
                fields["drops"] = drops(*(p.any_of[0] for p in prereqs[:1]))
            elif mats:
                fields["deferred_materials"] = [
                    DeferredMaterial(material=mats[0], deadline=cd(draw(st.integers(0, 20))))
                ]
            modes.append(mode(f"{kind}-mode", kind, **fields))
            n_options += 1
        items.append(
            item(
                item_id,
                Duration(value=limit, clock=clock),
                needs=prereqs,
                materials=mats,
                modes=modes,
                excluded=excluded,
                stage=draw(st.sampled_from(["s1", "s2"])),
            )
        )
        if modes:
            options.append(mode_option(item_id, modes))
    groups = []
    roots = [i.id for i in items if not i.prerequisites]
    if len(roots) >= 2 and draw(st.booleans()):
        members = roots[:2]
        optional = roots[2:3] if n_options < max_options else []
        cap = draw(st.sampled_from([None, wd(10), cd(15)]))
        groups.append(group("g", members, optional=optional, cap=cap, together=draw(st.booleans())))
        options += [join_option("g", m) for m in optional]
    applicable = ids + [w.id for w in works]
    start = dt.date(2026, 1, 1) + dt.timedelta(days=draw(st.integers(0, 364)))
    cat = catalog(items, works, materials, stages=stages)
    return Case(cat, decisions(applicable, options=options, groups=groups), start)


def _run(case: Case, **kwargs: Any) -> Schedule:
    try:
        return schedule(case.catalog, case.decisions, start=case.start, **kwargs)
    except InputError:
        assume(False)
        raise


def _shift(days: DayTable, day: dt.date, lag: Duration | None) -> dt.date:
    return days.date(days.shift(day.toordinal(), lag))


@given(cases())
@SETTINGS
def test_dependencies_and_working_days(case: Case) -> None:
    """Every dependency is respected: a successor's acceptance is on or after the
    predecessor's ready date plus lag (decision, for a decision-binding edge); items are
    accepted and decided on working days; float >= 0 and critical means float 0."""
    s = _run(case)
    cal = calendar()
    days = DayTable(cal, case.start)
    by_id = {t.id: t for t in s.tasks}
    for t in s.tasks:
        if t.type == "item":
            assert cal.is_working_day(t.start) and cal.is_working_day(t.finish)
        assert t.start <= t.finish <= t.ready
        assert t.ready == cal.next_working_day(t.finish)
        assert t.float_working_days >= 0
        assert t.critical == (t.float_working_days == 0)
        assert t.earliest_start <= t.latest_start and t.earliest_finish <= t.latest_finish
        assert t.start >= case.start
        either: dict[str, list[bool]] = {}  # inputs of one any_of: one in time will do
        for e in t.predecessors:
            needed = _shift(days, by_id[e.task].ready, e.lag)
            if t.type == "supplement" or (t.type == "item" and e.binds == "decision"):
                needed = cal.next_working_day(needed) if t.type == "item" else needed
                end = t.finish if e.binds == "decision" else t.start
            else:
                end = t.finish if e.binds == "decision" else t.start
            if e.one_of is not None:
                either.setdefault(e.one_of, []).append(end >= needed)
                continue
            assert end >= needed, (t.id, e)
        for one_of, in_time in either.items():
            assert len(in_time) > 1 and any(in_time), (t.id, one_of)
    for g in s.groups:
        members = [by_id[m] for m in g.members]
        assert {m.start for m in members} == {g.start}
        if g.cap is not None and g.cap.clock == Clock.working:
            for m in members:
                assert cal.working_days_between(m.start, m.finish) <= max(g.cap.value + 60, 0)


@given(cases())
@SETTINGS
def test_finish_equals_the_critical_chain(case: Case) -> None:
    """The finish equals the critical chain: it starts at the project start, ends with a
    task finishing on the finish, each task waits for the one before it (its start, or its
    decision, is the predecessor's ready date plus lag), and the task that finishes last is
    critical."""
    s = _run(case)
    chain = [s.task(t) for t in s.critical_path]
    assert chain
    assert chain[-1].finish == s.finish and chain[-1].critical
    first = chain[0]
    assert first.start in (case.start, calendar().next_working_day(case.start)) or (
        first.type == "supplement"
    )
    cal = calendar()
    days = DayTable(cal, case.start)
    by_id = {t.id: t for t in s.tasks}
    for before, after in itertools.pairwise(chain):
        # the edges that can make `before` bind `after`: its own, those into the other
        # members of its group (accepted together), those into its anchor (supplement)
        targets = [after]
        if after.group:
            targets += [t for t in s.tasks if t.group == after.group]
        if after.type == "supplement":
            targets.append(by_id[after.id.split(":")[1]])
        # results issued together: a successor of any member waits for the last member
        sources = {before.id}
        if before.group:
            sources |= {t.id for t in s.tasks if t.group == before.group}
        waits = []
        for target in targets:
            for e in target.predecessors:
                if e.task in sources:
                    day = _shift(days, before.ready, e.lag)
                    waits.append(cal.next_working_day(day) if after.type == "item" else day)
        if after.type == "item" and before.type == "supplement":
            waits.append(before.ready)
        assert after.start in waits or after.finish in waits, (before.id, after.id)
    assert s.finish == max(t.finish for t in s.tasks)


@given(cases())
@SETTINGS
def test_identical_inputs_identical_output(case: Case) -> None:
    """Identical inputs give identical output."""
    assert _run(case) == _run(case)


@given(cases(), st.data())
@SETTINGS
def test_adding_a_holiday_never_finishes_earlier(case: Case, data: Any) -> None:
    """Adding a holiday never finishes earlier."""
    s = _run(case)
    span = (s.finish - case.start).days
    extra = case.start + dt.timedelta(days=data.draw(st.integers(0, max(span, 0))))
    cal2 = calendar().with_extra_holidays([extra])
    cat2 = catalog(
        case.catalog.items.values(),
        case.catalog.works.values(),
        case.catalog.materials.values(),
        stages=[(k, v.gate) for k, v in case.catalog.stages.items()],
        cal=cal2,
    )
    s2 = schedule(cat2, case.decisions, start=case.start)
    assert s2.finish >= s.finish


@given(cases())
@SETTINGS
def test_pinning_never_beats_the_optimum(case: Case) -> None:
    """Pinning an option never finishes earlier than the optimum, unless the pinned
    alternative misses a 容缺 deadline (§9: infeasible, taken only when pinned); the finish
    listed for each alternative is the finish of the plan with that alternative pinned."""
    s = _run(case)
    assert s.optimal
    for choice in s.choices:
        for alt in choice.alternatives:
            pinned = _run(case, pins={choice.option: alt.id})
            assert pinned.finish >= s.finish or alt.misses_deadline
            assert alt.finish == pinned.finish
        feasible = [a.finish for a in choice.alternatives if a.finish and not a.misses_deadline]
        assert min(feasible) == s.finish


@given(cases(max_options=6))
@SETTINGS
def test_the_optimum_misses_no_supplement_deadline(case: Case) -> None:
    """A combination in which a 容缺 supplement of a tolerance mode an option chose misses
    its deadline is infeasible (§9): the optimum never takes one, and the alternative that
    would is marked in the choices."""
    s = _run(case)
    assert not [w for w in s.warnings if w.code == "schedule-supplement-late"]
    for choice in s.choices:
        chosen = next(a for a in choice.alternatives if a.id == choice.chosen)
        assert not chosen.misses_deadline
        late = any(a.misses_deadline for a in choice.alternatives)
        event(f"an alternative misses a deadline: {late}")


@given(cases(max_options=10, max_items=10, dense=True))
@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
def test_optimizer_equals_exhaustive_enumeration(case: Case) -> None:
    """The optimizer's result equals exhaustive enumeration (up to 10 options)."""
    event(f"options: {len(case.decisions.options)}")
    days = DayTable(case.catalog.calendar, case.start)
    try:
        opt = Optimizer(case.catalog, case.decisions, days, case.start.toordinal())
        found = opt.search()
        ref = Optimizer(case.catalog, case.decisions, days, case.start.toordinal()).exhaustive()
    except InputError:
        assume(False)
        return
    assert found.optimal
    assert found.best == ref


@given(cases(max_items=8, dense=True))
@SETTINGS
def test_an_any_of_prerequisite_waits_for_its_earliest_input(case: Case) -> None:
    """§1: an ``any_of`` prerequisite is satisfied by the earliest of its available inputs.
    With it on both inputs every task is timed exactly as with the prerequisite on the one
    input that lets its task start first (so never later than either), whichever is listed
    first."""
    either = next(
        (
            (i, k)
            for i in case.catalog.items.values()
            for k, p in enumerate(i.prerequisites)
            if len(p.any_of) > 1
        ),
        None,
    )
    assume(either is not None)
    assert either is not None
    item, k = either
    plain = case.decisions.model_copy(update={"options": ()})

    def variant(outs: list[str]) -> Schedule:
        prereqs = list(item.prerequisites)
        prereqs[k] = prereqs[k].model_copy(update={"any_of": outs})
        changed = item.model_copy(update={"prerequisites": prereqs})
        items = {**case.catalog.items, item.id: changed}
        cat = dataclasses.replace(case.catalog, items=items)
        return _run(Case(cat, plain, case.start))

    outs = list(item.prerequisites[k].any_of)
    both = variant(outs)
    singles = [variant([o]) for o in outs]
    best = min(singles, key=lambda s: (s.task(item.id).start, s.task(item.id).finish))

    def dates(s: Schedule) -> dict[str, tuple[dt.date, dt.date]]:
        return {t.id: (t.start, t.finish) for t in s.tasks}

    assert dates(both) == dates(best)
    assert both.finish == min(s.finish for s in singles)
    assert dates(variant(list(reversed(outs)))) == dates(both)
