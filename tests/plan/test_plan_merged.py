"""Merged items keep what they replace (issue 14 §3), on projects of the default catalog.

When 联合验收, 多图联审, 联合报装 or 两证同发 replaces the items a project would otherwise
apply for, the merged item asks for their materials, waits for their prerequisites and owes
their obligations, unless its mode drops one with a basis (``docs/scheduling.md`` §1).
"""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from pathplanner import Plan, Planner
from plan_checks import waits_for

REPO = Path(__file__).resolve().parents[2]


@cache
def _planner() -> Planner:
    return Planner.default()


def _example(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((REPO / "examples" / f"{name}.yaml").read_text())
    return loaded


def _plan(name: str, pins: dict[str, str] | None = None, **changes: dict[str, Any]) -> Plan:
    """The plan of an example project with some profile sections changed."""
    doc = _example(name)
    profile = copy.deepcopy(doc["profile"])
    for section, values in changes.items():
        profile.setdefault(section, {}).update(values)
    return _planner().plan(profile, start=doc["start"], as_of=doc["as_of"], pins=pins)


def _rd_building_with_lightning_review() -> Plan:
    """The R&D building (civil air defence basement) in a lightning-prone area as a major
    project: 联合验收 then contains 人防 and 防雷 (中国气象局令第37号 art. 4)."""
    return _plan(
        "foreign-rd-building-fire-review",
        project={"major": True},
        site={"lightning_prone": True},
    )


def _entry(plan: Plan, item: str) -> Any:
    return next(e for e in plan.disclosure.entries if e.item == item)


def _ids(refs: Any) -> set[str]:
    return {r.id for r in refs}


def test_issue_14_s3_joint_acceptance_asks_for_the_lightning_and_air_defence_papers() -> None:
    plan = _rd_building_with_lightning_review()
    joint = _entry(plan, "joint-acceptance")
    assert joint.mode == "merged"
    assert {"lightning-acceptance", "civil-air-defence-acceptance"} <= _ids(joint.replaces)
    asked = {m.material: m for m in joint.materials}
    assert asked["lightning-test-report"].inherited_from == ["lightning-acceptance"]
    assert asked["civil-air-defence-completion-docs"].inherited_from == [
        "civil-air-defence-acceptance"
    ]
    # the merged item's own documents are not attributed to a replaced item
    assert asked["completion-acceptance-report"].inherited_from == []


def test_issue_14_s3_the_lightning_test_precedes_the_joint_acceptance() -> None:
    plan = _rd_building_with_lightning_review()
    joint = plan.task("joint-acceptance")
    assert joint is not None
    edges = {(e.task, e.source) for e in joint.predecessors}
    assert ("lightning-testing", "output:lightning-test-results") in edges
    assert ("lightning-design-review", "output:lightning-design-approval") in edges
    lightning = plan.task("lightning-testing")
    assert lightning is not None and lightning.ready <= joint.start
    prerequisites = [
        [o.output for o in p.any_of] for p in _entry(plan, "joint-acceptance").prerequisites
    ]
    assert ["lightning-test-results"] in prerequisites
    assert ["lightning-design-approval"] in prerequisites


def test_issue_14_s3_the_plan_task_names_the_items_it_replaces() -> None:
    plan = _rd_building_with_lightning_review()
    joint = plan.task("joint-acceptance")
    assert joint is not None
    planned = {t.id for t in plan.tasks}
    for replaced in ("lightning-acceptance", "civil-air-defence-acceptance"):
        assert replaced in joint.replaces
        assert replaced not in planned, "a replaced item is not planned on its own"


def test_issue_14_s3_only_the_replaced_items_that_apply_are_inherited() -> None:
    """The primary school builds on allocated land: no land sale contract, so no 土地核验
    inside its joint acceptance and no contract performance statement to bring."""
    plan = _plan("government-primary-school")
    joint = _entry(plan, "joint-acceptance")
    assert "land-verification" not in _ids(joint.replaces)
    assert "land-contract-performance" not in {m.material for m in joint.materials}
    assert "lightning-acceptance" not in _ids(joint.replaces)
    assert "lightning-test-report" not in {m.material for m in joint.materials}


def test_issue_14_s3_joint_drawing_review_asks_for_the_fire_design_section() -> None:
    """多图联审 takes in the separate fire design review of a special construction project
    (and, issue 14 §2, the fire design review itself): its fire design section is still
    submitted, now to the joint review."""
    plan = _plan("foreign-rd-building-fire-review")
    review = _entry(plan, "construction-drawing-review")
    assert review.mode == "joint-review"
    assert {"fire-drawing-review", "fire-design-review"} <= set(_ids(review.replaces))
    asked = {m.material: m for m in review.materials}
    assert asked["fire-design-section"].inherited_from == [
        "fire-drawing-review",
        "fire-design-review",
    ]


def test_issue_14_s3_two_permits_issued_together_keep_the_planning_permit_inputs() -> None:
    """带方案出让 (国办发〔2018〕33号): the construction permit issued with the planning permit
    asks for the planning permit's documents and waits for the land-use permit; the scheme
    review the land sale made unnecessary stays unnecessary."""
    plan = _plan(
        "residential-auction-land",
        pins={"construction-permit": "with-planning-permit"},
        land={"with_scheme": True},
    )
    permit = _entry(plan, "construction-permit")
    assert permit.mode == "with-planning-permit"
    assert _ids(permit.replaces) == {"construction-planning-permit"}
    asked = {m.material: m for m in permit.materials}
    assert asked["stage2-form"].inherited_from == ["construction-planning-permit"]
    assert asked["design-scheme-docs"].inherited_from == ["construction-planning-permit"]
    outputs = [o.output for p in permit.prerequisites for o in p.any_of]
    assert "land-use-planning-permit-cert" in outputs
    assert "design-scheme-approval" not in outputs
    # its own prerequisite on the planning permit is met inside the merged item
    assert "construction-planning-permit-cert" not in outputs
    task = plan.task("construction-permit")
    assert task is not None
    assert "land-use-planning-permit" in waits_for(plan, "construction-permit")
    codes = {w.code for w in plan.warnings}
    assert "schedule-prerequisite-unmet" not in codes
    assert "schedule-dependency-unplanned" not in codes
