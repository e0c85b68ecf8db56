"""Issue 13 §4: where the items real projects need sit in the examples' plans.

Each comes after what it needs and before what it gates: temporary site connections and the
waste approval before 开工; the ±0.000 check after 开工 and before the planning verification;
the lift notice before the works are complete and the use registration after; the land
conversion before the allocation or the sale; termite prevention before the permit; the
housing items before pre-sale, the owner's acceptance, the water connection and the first
registration.
"""

from __future__ import annotations

import pytest

from pathplanner.plan import Plan
from snapshots import example_paths, example_plan

EXAMPLES = {p.stem: p for p in example_paths()}

# (example, earlier task, later task): the earlier one is ready before the later one starts
ORDER = [
    ("residential-auction-land", "temporary-power-connection", "construction"),
    ("residential-auction-land", "temporary-water-connection", "construction"),
    ("residential-auction-land", "construction-waste-disposal-approval", "construction"),
    ("residential-auction-land", "planning-setting-out-check", "construction"),
    ("residential-auction-land", "construction", "zero-level-check"),
    ("residential-auction-land", "zero-level-check", "planning-verification"),
    (
        "residential-auction-land",
        "special-equipment-installation-notice",
        "special-equipment-use-registration",
    ),
    ("residential-auction-land", "termite-prevention-filing", "construction-permit"),
    ("residential-auction-land", "housing-area-pre-survey", "presale-permit"),
    ("residential-auction-land", "place-name-approval", "presale-permit"),
    ("residential-auction-land", "place-name-approval", "first-registration"),
    ("residential-auction-land", "household-quality-acceptance", "owner-completion-acceptance"),
    ("residential-auction-land", "secondary-water-supply-acceptance", "water-supply-connection"),
    (
        "government-primary-school",
        "land-pre-review-site-selection",
        "farmland-conversion-expropriation",
    ),
    ("government-primary-school", "farmland-conversion-expropriation", "land-allocation-decision"),
    (
        "government-primary-school",
        "civil-air-defence-fee-reduction",
        "civil-air-defence-offsite-approval",
    ),
    ("foreign-rd-building-fire-review", "farmland-conversion-expropriation", "land-auction"),
]


def _plan(example: str) -> Plan:
    return example_plan(EXAMPLES[example])


@pytest.mark.parametrize(("example", "before", "after"), ORDER)
def test_issue_13_s4_an_item_comes_after_what_it_needs_and_before_what_it_gates(
    example: str, before: str, after: str
) -> None:
    plan = _plan(example)
    first, then = plan.task(before), plan.task(after)
    if (before, after) == ("construction", "zero-level-check"):
        assert then.start > first.start  # during construction, after it starts
        assert then.finish < first.finish
        return
    if after == "civil-air-defence-offsite-approval":  # decided together: binds the decision
        assert first.ready <= then.finish
        return
    assert first.ready <= then.start, (before, first.ready, after, then.start)


def test_issue_13_s4_the_lift_notice_precedes_completion_and_registration_follows_it() -> None:
    plan = _plan("residential-auction-land")
    notice = plan.task("special-equipment-installation-notice")
    registration = plan.task("special-equipment-use-registration")
    works = plan.task("construction")
    assert works.start < notice.start < works.finish <= registration.start
