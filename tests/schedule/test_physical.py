"""Issue 14 §1 (physical prerequisites) and the "§2 materials" bullet (material windows).

Scenario tests on the shipped examples and a hypothesis property over generated profiles:
a rule that removes a permit or a review never lets the work it stands for be skipped, no
item is decided before the physical inputs it reviews exist, and every material is prepared
in a window that closes when its first user needs it.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathplanner.catalog import Catalog
from pathplanner.plan.model import Plan, PlanTask
from plan_checks import waits_for
from rules._rules_domain import candidates, make_profile
from snapshots import example_paths, example_plan, shared_planner

EXAMPLES = {p.stem: p for p in example_paths()}


def _plan(name: str) -> Plan:
    return example_plan(EXAMPLES[name])


def test_issue_14_s1_exempt_construction_waits_for_drawings_and_contractor() -> None:
    plan = _plan("small-extension-exempt")
    construction = plan.task("construction")
    assert {"construction-drawing-design", "contractor-direct-award"} <= {
        e.task for e in construction.predecessors
    }
    for producer in ("construction-drawing-design", "contractor-direct-award"):
        assert plan.task(producer).ready <= construction.start


def test_issue_14_s1_low_risk_planning_permit_waits_for_the_scheme_design() -> None:
    plan = _plan("low-risk-warehouse")
    permit = plan.task("construction-planning-permit")
    assert "scheme-design" in waits_for(plan, permit.id)
    assert plan.task("scheme-design").ready <= permit.start


def test_issue_14_s1_the_design_work_has_no_absurd_float() -> None:
    """On the low-risk path the scheme design fed nothing and showed 158+ working days of
    float; now it feeds the planning permit and the drawings, so its float is what the
    geotechnical investigation running beside it leaves."""
    plan = _plan("low-risk-warehouse")
    design = plan.task("scheme-design")
    assert design.float_working_days <= plan.task("geotechnical-investigation").float_working_days
    users = [t for t in plan.tasks if any(e.task == design.id for e in t.predecessors)]
    assert {t.id for t in users} & {"construction-drawing-design", "material:design-scheme-docs"}


def test_issue_14_s1_no_example_has_a_material_without_a_ready_date() -> None:
    for name in EXAMPLES:
        plan = _plan(name)
        assert [m.material for m in plan.materials if m.ready is None] == [], name
        codes = {w.code for w in plan.warnings}
        assert not codes & {"material-not-ready", "material-not-produced"}, name


def test_issue_14_s2_materials_completion_documents_are_not_prepared_on_day_one() -> None:
    plan = _plan("low-risk-warehouse")
    archives = next(m for m in plan.materials if m.material == "archives-docs")
    construction = plan.task("construction")
    assert archives.ready is not None and archives.ready > construction.start
    assert archives.window_start is not None and archives.window_end is not None
    assert archives.window_start <= archives.ready <= archives.window_end


def _check_physical_and_windows(catalog: Catalog, plan: Plan) -> None:
    """No item is decided before the physical inputs it reviews exist (its materials and
    its physical prerequisites); every material's window ends at or before its first
    user's start, and the material is ready within it."""
    by_id = {t.id: t for t in plan.tasks}
    owners = {out: task for out, (task, _o) in catalog.outputs().items()}
    materials = {m.material: m for m in plan.materials}
    for entry in plan.disclosure.entries:
        item = by_id.get(entry.item)
        if item is None:
            continue
        for use in entry.materials:
            ready = materials[use.material].ready
            assert ready is not None and ready <= item.finish, (entry.item, use.material)
        _check_physical_prerequisites(catalog, owners, by_id, item)
    for m in plan.materials:
        firsts = [by_id[i].start for i in m.used_by if i in by_id]
        assert m.window_end is not None and m.window_start is not None, m.material
        assert m.window_end <= min(firsts), m.material
        assert m.ready is not None
        if m.lead_time is not None and m.provider is not None:
            assert m.window_start <= m.ready <= m.window_end, m.material


def _check_physical_prerequisites(
    catalog: Catalog, owners: dict[str, str], by_id: dict[str, PlanTask], item: PlanTask
) -> None:
    spec = catalog.items.get(item.ref)
    if spec is None:
        return
    for prereq in spec.prerequisites:
        if not prereq.physical:
            continue
        planned = [by_id[owners[o]] for o in prereq.any_of if owners.get(o) in by_id]
        if planned:
            assert min(t.ready for t in planned) <= item.finish, (item.id, prereq.any_of)


@functools.cache
def _candidates() -> dict[str, list[Any]]:
    return candidates(shared_planner().catalog)


@st.composite
def _profiles(draw: st.DrawFn) -> dict[str, Any]:
    return {fid: draw(st.sampled_from(values)) for fid, values in sorted(_candidates().items())}


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(values=_profiles())
def test_issue_14_s1_s2_materials_property_over_generated_profiles(values: dict[str, Any]) -> None:
    planner = shared_planner()
    profile = make_profile(planner.catalog, values)
    start = dt.date(2026, 3, 2)
    plan = planner.plan(profile, start=start, as_of=start)
    _check_physical_and_windows(planner.catalog, plan)


def test_examples_keep_the_physical_and_window_invariants() -> None:
    for name in EXAMPLES:
        _check_physical_and_windows(shared_planner().catalog, _plan(name))
