"""Issue 13 §2: what a plan tells the investor about the fire review of 令51号 art. 14.

A special construction project's plan has the fire design review inside the joint drawing
review, with its materials (the fire design section among them), folds the fire acceptance
(not the 消防验收备案) into the joint acceptance, and names the article's paragraph that made
the project special; any other project's plan asks for no fire design section and files.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from pathplanner.plan.model import Plan
from pathplanner.render import render_markdown
from snapshots import shared_planner

START = dt.date(2026, 3, 2)


def _profile(use: str, buildings: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "project": {"investment": "enterprise", "total_investment_10k": 20000, "use": use},
        "land": {"supply": "existing"},
        "site": {"area_ha": 1},
        "buildings": buildings,
    }


@functools.cache
def _plan(kind: str) -> Plan:
    profiles = {
        "state-office": _profile(
            "state_office",
            [{"name": "机关楼", "use": "state_office", "floor_area_m2": 8000, "height_m": 20}],
        ),
        "company-office": _profile(
            "office", [{"name": "办公楼", "use": "office", "floor_area_m2": 8000, "height_m": 20}]
        ),
        "podium-mall": _profile(
            "residential",
            [
                {
                    "name": "2号楼",
                    "use": "residential",
                    "floor_area_m2": 34000,
                    "height_m": 53.9,
                    "spaces": [{"use": "mall", "floor_area_m2": 10001}],
                }
            ],
        ),
    }
    return shared_planner().plan(profiles[kind], start=START, as_of=START)


def _merged_into(plan: Plan, task_id: str) -> set[str]:
    return set(next(t for t in plan.tasks if t.id == task_id).replaces)


def _paragraphs_cited(plan: Plan) -> list[str]:
    """The bases of the rules that keep the 消防验收备案 out: the paragraphs of art. 14."""
    filing = next(e for e in plan.disclosure.not_applicable if e.item == "fire-acceptance-filing")
    return sorted(r.basis for r in filing.reasons if "第十四条第（" in r.basis)


def test_a_state_organ_office_of_8000_m2_gets_the_fire_design_review_under_paragraph_10() -> None:
    plan = _plan("state-office")
    # 多图联审 issues the fire design review's opinion; it asks for the review's materials
    assert "fire-design-review" in _merged_into(plan, "construction-drawing-review")
    joint = next(e for e in plan.disclosure.entries if e.item == "construction-drawing-review")
    catalog_item = shared_planner().catalog.items["fire-design-review"]
    assert {m.material for m in catalog_item.materials} <= {m.material for m in joint.materials}
    assert "fire-design-section" in {m.material for m in plan.materials}
    # 联合验收 takes in the fire acceptance, not the filing, and the plan says why
    accepted = _merged_into(plan, "joint-acceptance")
    assert "fire-acceptance" in accepted and "fire-acceptance-filing" not in accepted
    assert [b for b in _paragraphs_cited(plan) if "（十）项" in b]
    assert "第十四条第（十）项" in render_markdown(plan, "zh")


def test_a_company_office_of_8000_m2_files_after_acceptance_and_prepares_no_fire_section() -> None:
    plan = _plan("company-office")
    assert "fire-design-review" not in _merged_into(plan, "construction-drawing-review")
    assert "fire-design-review" not in {e.item for e in plan.disclosure.entries}
    assert "fire-design-section" not in {m.material for m in plan.materials}
    assert "fire-acceptance-filing" not in {e.item for e in plan.disclosure.not_applicable}
    accepted = _merged_into(plan, "joint-acceptance")
    assert "fire-acceptance-filing" in accepted and "fire-acceptance" not in accepted
    assert "第十四条第（" not in render_markdown(plan, "zh")


def test_a_podium_mall_over_10000_m2_cites_its_venue_and_the_containing_project() -> None:
    cited = _paragraphs_cited(_plan("podium-mall"))
    assert [b for b in cited if "（三）项" in b] and [b for b in cited if "（十一）项" in b]
