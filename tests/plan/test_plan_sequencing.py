"""Issue 14 §2: the order of approvals under the reform (调整审批时序), in real plans.

Each test reads the plans of the shipped examples and of profiles made here (and, for the
two city settings, of a copy of the default catalog with the setting switched) and checks
dates and order as a 代办员 would: the conditions for 开工 run from 立项 instead of waiting
for the planning stage; 排污许可 is applied for before completion and only holds up the
discharge; a government project's scheme comes before its preliminary design; 规划核实
comes before the owner's completion acceptance, also inside 联合验收; the high-voltage
customer works and the connection follow the construction; and where the city runs the
fire design review inside 多图联审, its opinion comes out of the joint review.
"""

from __future__ import annotations

import datetime as dt
import functools
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathplanner.catalog import default_catalog_dir
from pathplanner.catalog.rulebook.contradictions import candidate_values
from pathplanner.plan.model import Plan, PlanTask
from pathplanner.plan.planner import Planner
from pathplanner.profile import load_profile, validate_profile
from plan_checks import check_predecessors_ready_in_time
from snapshots import example_paths, example_plan, shared_planner

EXAMPLES = {p.stem: p for p in example_paths()}
START = dt.date(2026, 3, 2)

START_CONDITIONS = (
    "eia-report-book-approval",
    "eia-report-form-approval",
    "eia-registration-filing",
    "energy-review",
    "soil-conservation-book-approval",
    "soil-conservation-form-approval",
    "flood-impact-approval",
)
"""环评, 节能, 水保, 洪评: conditions for 开工, not for the planning permit."""


def _tasks(plan: Plan) -> dict[str, PlanTask]:
    return {t.id: t for t in plan.tasks}


def _example(name: str) -> Plan:
    return example_plan(EXAMPLES[name])


def _profile(name: str) -> dict[str, Any]:
    """The profile section of an example, as a mapping to change."""
    document = load_profile(EXAMPLES[name], shared_planner().catalog)
    out: dict[str, Any] = {}
    for key, value in document.profile.items():
        group, field = key.split(".", 1)
        out.setdefault(group, {})[field] = value
    return out


def _with(profile: Mapping[str, Any], **changes: Any) -> dict[str, Any]:
    """``profile`` with ``group__field=value`` changes."""
    out = {k: dict(v) for k, v in profile.items()}
    for key, value in changes.items():
        group, field = key.split("__", 1)
        out.setdefault(group, {})[field] = value
    return out


def _plan(profile: Mapping[str, Any], planner: Planner | None = None) -> Plan:
    return (planner or shared_planner()).plan(profile, start=START, as_of=START)


def _catalog_copy(tmp_path: Path, file: str, old: str, new: str) -> Planner:
    """A planner on a copy of the default catalog with ``old`` replaced by ``new`` in
    ``file`` (a city switching one setting)."""
    root = tmp_path / "catalog-copy"
    source = default_catalog_dir()
    shutil.copytree(source / "catalog", root / "catalog")
    shutil.copytree(source / "rules", root / "rules")
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return Planner.from_directory(root)


# ---------------------------------------------------------------- 环评、节能、水保、洪评


@pytest.mark.parametrize(
    "name", [n for n in sorted(EXAMPLES) if set(START_CONDITIONS) & set(_tasks(_example(n)))]
)
def test_start_conditions_wait_for_no_gate_and_precede_the_start_of_works(name: str) -> None:
    """issue 14 §2: not prerequisites of the planning permit; run in parallel from 立项."""
    plan = _example(name)
    tasks = _tasks(plan)
    construction = tasks["construction"]
    for item in START_CONDITIONS:
        task = tasks.get(item)
        if task is None:
            continue
        gates = [p.task for p in task.predecessors if p.task.startswith("gate:")]
        assert not gates, f"{name}: {item} waits for {gates}"
        assert task.ready <= construction.start, f"{name}: {item} after 开工"


def test_major_project_eia_is_filed_when_its_report_is_ready() -> None:
    """issue 14 §2: the major example's EIA report was ready on 05-06 and filed on 05-29,
    when the planning stage closed; it is filed on the first working day it is ready."""
    tasks = _tasks(_example("major-project-green-channel"))
    eia = tasks["eia-report-book-approval"]
    report = tasks["material:eia-report-book"]
    # the vehicle plant is filed (issue 13 §5): the filing is the EIA's project basis
    assert eia.start == max(report.ready, tasks["enterprise-project-filing"].ready)
    assert eia.start < tasks["gate:stage2-planning"].finish
    assert eia.ready < tasks["construction-planning-permit"].start


def test_city_switch_puts_start_conditions_before_the_construction_permit(
    tmp_path: Path,
) -> None:
    """issue 14 §2: a city whose permit office asks for them lists construction-permit
    first in the point start-of-works; a permit-exempt project still gets them before 开工."""
    planner = _catalog_copy(
        tmp_path,
        "catalog/catalog.yaml",
        "before: [construction]",
        "before: [construction-permit, construction]",
    )
    major = _profile("major-project-green-channel")
    tasks = _tasks(_plan(major, planner))
    permit = tasks["construction-permit"]
    for item in ("eia-report-book-approval", "energy-review", "flood-impact-approval"):
        edges = [p for p in permit.predecessors if p.task == item]
        assert [p.source for p in edges] == ["point:start-of-works"]
        assert tasks[item].ready <= permit.start
    exempt = _with(
        _profile("small-extension-exempt"), env__eia_category="report_form", site__near_river=True
    )
    tasks = _tasks(_plan(exempt, planner))
    assert "construction-permit" not in tasks
    for item in ("eia-report-form-approval", "flood-impact-approval"):
        assert tasks[item].ready <= tasks["construction"].start
        assert "point:start-of-works" in {
            p.source for p in tasks["construction"].predecessors if p.task == item
        }


# ---------------------------------------------------------------- 排污许可, 排污登记


@pytest.mark.parametrize("name", ["factory-in-assessed-park", "major-project-green-channel"])
def test_discharge_permit_is_applied_for_before_completion_and_off_the_path(name: str) -> None:
    """issue 14 §2: needed before the discharge starts, applied for before completion."""
    plan = _example(name)
    tasks = _tasks(plan)
    permit = tasks["pollutant-discharge-permit"]
    construction = tasks["construction"]
    assert permit.start < construction.finish
    assert permit.ready <= tasks["env-self-acceptance"].start
    assert not permit.critical
    assert "pollutant-discharge-permit" not in plan.critical_path
    assert all(permit.id not in g.members for g in plan.groups)
    assert all(not p.task.startswith("gate:") for p in permit.predecessors)


def test_registration_projects_only_file_before_the_discharge() -> None:
    """issue 14 §2: 排污登记 projects need only a filing."""
    profile = _with(_profile("factory-in-assessed-park"), env__discharge_management="registration")
    plan = _plan(profile)
    tasks = _tasks(plan)
    assert "pollutant-discharge-permit" not in tasks
    filing = tasks["pollutant-discharge-registration"]
    assert filing.duration.value == 0
    assert filing.start < tasks["construction"].finish
    assert filing.ready <= tasks["env-self-acceptance"].start
    assert not filing.critical


# ---------------------------------------------------------------- 政府投资：方案 → 初步设计


@pytest.mark.parametrize("investment", [12000, 3000])
def test_government_scheme_comes_before_the_preliminary_design(investment: int) -> None:
    """issue 14 §2: the scheme (and its review) come before 初步设计及概算, whose documents
    are designed from the approved scheme, and the construction drawings follow it."""
    profile = _with(_profile("government-primary-school"), project__total_investment_10k=investment)
    plan = _plan(profile) if investment != 12000 else _example("government-primary-school")
    tasks = _tasks(plan)
    scheme = tasks["design-scheme-review"]
    design = tasks["preliminary-design"]
    approval = tasks["government-preliminary-design-approval"]
    assert scheme.ready <= design.start
    assert tasks["government-feasibility-approval"].ready <= design.start
    assert "preliminary-design" in {p.task for p in approval.predecessors}
    assert "material:preliminary-design-docs" not in tasks
    assert design.ready <= approval.start
    assert approval.ready <= tasks["construction-drawing-design"].start


def test_small_government_project_approves_its_preliminary_design_as_the_project_basis() -> None:
    """issue 14 §2: without a feasibility approval (below 1,500 万元) the preliminary design
    approval is the project basis: it precedes the land-use planning permit, and the plan
    has no cycle."""
    profile = _with(_profile("government-primary-school"), project__total_investment_10k=800)
    tasks = _tasks(_plan(profile))
    approval = tasks["government-preliminary-design-approval"]
    assert "government-feasibility-approval" not in tasks
    assert "preliminary-design" in {p.task for p in approval.predecessors}
    assert approval.ready <= tasks["land-use-planning-permit"].start
    assert approval.ready <= tasks["construction-drawing-design"].start


# ---------------------------------------------------------------- 规划核实 → 竣工验收


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_planning_verification_precedes_the_owners_completion_acceptance(name: str) -> None:
    """issue 14 §2 (城乡规划法 art. 45): no 竣工验收 before 规划核实, also when 联合验收
    contains the verification: it is that acceptance's first step."""
    tasks = _tasks(_example(name))
    verification = tasks["planning-verification"]
    owner = tasks["owner-completion-acceptance"]
    assert verification.ready <= owner.start
    joint = tasks.get("joint-acceptance")
    if joint is not None:
        assert joint.mode == "merged"
        assert verification.ready <= joint.start
        sources = {p.source for p in joint.predecessors if p.task == "planning-verification"}
        assert sources == {"mode:joint-acceptance:merged"}


# ---------------------------------------------------------------- 高压供电


def _check_power_follows_construction(name: str, tasks: Mapping[str, PlanTask]) -> None:
    construction = tasks["construction"]
    works = tasks["power-hv-customer-works"]
    connection = tasks["power-hv-connection"]
    end = construction.finish
    assert end - dt.timedelta(days=90) <= works.start, f"{name}: customer works start early"
    assert connection.finish <= end + dt.timedelta(days=30), f"{name}: connection late"
    assert end - dt.timedelta(days=90) <= connection.finish, f"{name}: connection early"
    assert connection.ready <= tasks["fire-testing"].start, f"{name}: tests without power"
    inspection = tasks.get("power-hv-intermediate-inspection")
    if inspection is not None:
        assert works.start <= inspection.start <= works.finish


@pytest.mark.parametrize(
    "name", [n for n in sorted(EXAMPLES) if "power-hv-connection" in _tasks(_example(n))]
)
def test_high_voltage_connection_follows_the_construction(name: str) -> None:
    """issue 14 §2: 装表接电 was decided 9 to 21 months before completion; the customer
    works are in the last months of construction and the fire tests need the power."""
    _check_power_follows_construction(name, _tasks(_example(name)))


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(months=st.integers(min_value=4, max_value=48), hazardous=st.booleans())
def test_high_voltage_steps_follow_any_construction_length(months: int, hazardous: bool) -> None:
    """issue 14 §2, for new profiles: whatever the construction takes, and for important
    users (design review, intermediate inspection) too."""
    profile = _with(
        _profile("government-primary-school"),
        project__construction_months=months,
        project__use="hospital" if hazardous else "school",
    )
    _check_power_follows_construction(f"{months} months", _tasks(_plan(profile)))


def test_fire_tests_wait_for_the_low_voltage_connection() -> None:
    """issue 14 §2: 消防检测 needs permanent power, whatever the voltage."""
    tasks = _tasks(_example("low-risk-warehouse"))
    assert tasks["power-low-voltage-connection"].ready <= tasks["fire-testing"].start


# ---------------------------------------------------------------- 多图联审与消防设计审查


@pytest.mark.parametrize("name", ["foreign-rd-building-fire-review", "major-project-green-channel"])
def test_fire_opinion_comes_out_of_the_joint_review(name: str) -> None:
    """issue 14 §2: where the city runs joint drawing review, the fire opinion is issued
    with it: the construction permit is not held up by a fire review after it."""
    tasks = _tasks(_example(name))
    review = tasks["construction-drawing-review"]
    assert review.mode == "joint-review"
    assert "fire-design-review" not in tasks
    permit = tasks["construction-permit"]
    fire = [p for p in permit.predecessors if p.source == "rule:fire-special-review"]
    assert [p.task for p in fire] == ["construction-drawing-review"]
    assert review.ready <= permit.start


def test_sequential_fire_review_stays_as_data(tmp_path: Path) -> None:
    """issue 14 §2: a city without the fire review inside 多图联审 names the sequential
    mode; the fire design review then follows the joint review."""
    planner = _catalog_copy(
        tmp_path,
        "rules/joint-review-acceptance.yaml",
        "mode: joint-review, mandatory: true",
        "mode: joint-review-fire-after, mandatory: true",
    )
    tasks = _tasks(_plan(_profile("foreign-rd-building-fire-review"), planner))
    review = tasks["construction-drawing-review"]
    fire = tasks["fire-design-review"]
    assert review.mode == "joint-review-fire-after"
    assert review.ready <= fire.start
    assert fire.ready <= tasks["construction-permit"].start


# ---------------------------------------------------------------- any profile


@functools.cache
def _domain() -> dict[str, list[Any]]:
    """Field id → the values worth drawing (every threshold the rules test, every enum
    value, both booleans, unset), the domain search's candidates."""
    catalog = shared_planner().catalog
    return {f: v for f, v in sorted(candidate_values(catalog.rules, catalog).items()) if v}


@st.composite
def _any_profile(draw: st.DrawFn) -> dict[str, Any]:
    values = {f: draw(st.sampled_from(vs)) for f, vs in _domain().items()}
    return {f: v.isoformat() if isinstance(v, dt.date) else v for f, v in values.items()}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=_any_profile())
def test_the_reform_order_holds_for_any_profile(values: dict[str, Any]) -> None:
    """issue 14 §2, for profiles drawn over the catalog's whole domain: no item outside the
    gates waits for one; each precedes its point; 规划核实 precedes the owner's acceptance;
    the fire tests have permanent power; every lead and lag is kept."""
    planner = shared_planner()
    catalog = planner.catalog
    profile = validate_profile(
        {f: v for f, v in values.items() if v is not None}, catalog, file="drawn"
    )
    plan = planner.plan(profile, start=START, as_of=START)
    tasks = _tasks(plan)
    points = {p.id: p for p in catalog.manifest.points}
    for task in plan.tasks:
        item = catalog.items.get(task.ref) if task.type == "item" else None
        if item is None:
            continue
        if not item.gated:
            assert not [p.task for p in task.predecessors if p.task.startswith("gate:")], task.id
        if item.precedes is not None:
            target = next((tasks[t] for t in points[item.precedes].before if t in tasks), None)
            if target is not None:
                edges = [p for p in target.predecessors if p.task == task.id]
                assert f"point:{item.precedes}" in {p.source for p in edges}, task.id
                bound = target.start if edges[0].binds == "acceptance" else target.finish
                assert task.ready <= bound, task.id
    if "planning-verification" in tasks and "owner-completion-acceptance" in tasks:
        assert tasks["planning-verification"].ready <= tasks["owner-completion-acceptance"].start
    for power in ("power-hv-connection", "power-low-voltage-connection"):
        if power in tasks and "fire-testing" in tasks:
            assert tasks[power].ready <= tasks["fire-testing"].start
    check_predecessors_ready_in_time(plan)
