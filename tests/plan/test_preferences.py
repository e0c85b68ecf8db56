"""The investor's preferences on the default catalog (issue 14 §5): refused handling modes
are not taken where the rules leave the choice; a mandatory one is kept, and the plan names
the rule that overrides the preference. A pin against a mandatory mode names that rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from pathplanner.errors import InputError
from pathplanner.plan.model import Plan
from pathplanner.profile import load_profile
from snapshots import shared_planner

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _plan(example: str, **investor: bool) -> Plan:
    planner = shared_planner()
    document = load_profile(EXAMPLES / f"{example}.yaml", planner.catalog)
    values = {**document.profile, **{f"investor.{k}": v for k, v in investor.items()}}
    return planner.plan(values, start=document.start, as_of=document.as_of)


@pytest.mark.parametrize(
    ("field", "kind"), [("refuses_tolerance", "tolerance"), ("refuses_commitment", "commitment")]
)
def test_refused_modes_are_marked_and_never_chosen(field: str, kind: str) -> None:
    plan = _plan("foreign-rd-building-fire-review", **{field: True})
    catalog = shared_planner().catalog
    seen = 0
    for choice in plan.choices:
        item = catalog.items[choice.subject]
        kinds = {m.id: m.kind for m in item.modes}
        for alt in choice.alternatives:
            assert alt.refused == (kinds.get(alt.id) == kind), (choice.id, alt.id)
            seen += alt.refused
            assert not (alt.refused and alt.chosen)
    assert seen >= 1  # the example offers such a mode: the preference had something to do


def test_a_mandatory_mode_overrides_the_preference_and_the_plan_names_the_rule() -> None:
    # the low-risk path makes the commitment mode of the construction permit mandatory
    plan = _plan("low-risk-warehouse", refuses_commitment=True)
    permit = next(t for t in plan.tasks if t.id == "construction-permit")
    assert permit.mode == "low-risk-commitment"
    (warning,) = [w for w in plan.warnings if w.code == "plan-preference-overridden"]
    assert "low-risk-shandong-commitment" in warning.message.en
    assert "investor.refuses_commitment" in warning.message.en
    assert warning.breadcrumb == "Profile > investor.refuses_commitment"
    assert not [w for w in _plan("low-risk-warehouse").warnings if "preference" in w.code]


def test_pinning_a_mandatory_mode_away_names_the_rule_through_the_api() -> None:
    planner = shared_planner()
    with pytest.raises(InputError) as raised:
        planner.plan(EXAMPLES / "low-risk-warehouse.yaml", pins={"construction-permit": "normal"})
    (problem,) = raised.value.problems
    assert problem.code == "schedule-pin-mandatory"
    assert "low-risk-shandong-commitment" in problem.message("en")
    assert "low-risk-commitment" in problem.message("zh")
