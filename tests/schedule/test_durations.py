"""Which limit an item is planned with (committed, statutory, overrides, modes)."""

from __future__ import annotations

import datetime as dt

import pytest
from _sched_build import REASON, SINCE, cd, decisions, item, mode, wd

from pathplanner.catalog.loader import load_catalog
from pathplanner.catalog.model import DatedDuration, ExcludedTime, Item, TimeLimits
from pathplanner.decisions import TimeLimitOverride
from pathplanner.schedule.durations import (
    ItemLimits,
    item_duration,
    limits_in_force,
)


def _item_with_limits() -> Item:
    base = item("x", 10)
    limits = TimeLimits(
        committed=[
            DatedDuration(value=12, valid_from=SINCE, valid_until=dt.date(2025, 12, 31), basis="a"),
            DatedDuration(value=8, valid_from=dt.date(2026, 1, 1), basis="b"),
        ],
        statutory=[DatedDuration(value=20, valid_from=SINCE, basis="c")],
        extensions=[DatedDuration(value=10, valid_from=SINCE, basis="d")],
        excluded=[
            ExcludedTime(id="expert", zh="专家评审", duration=cd(10), maximum=cd(30)),
            ExcludedTime(id="hearing", zh="听证", duration=cd(20), expected=False),
        ],
    )
    return base.model_copy(update={"time_limits": limits})


def test_committed_in_force_on_as_of_with_expected_excluded_time() -> None:
    x = _item_with_limits()
    assert item_duration(x, None, decisions(["x"]), statutory=False) == (wd(8), (cd(10),))
    old = decisions(["x"], as_of=dt.date(2025, 6, 1))
    assert item_duration(x, None, old, statutory=False) == (wd(12), (cd(10),))


def test_statutory_worst_case() -> None:
    x = _item_with_limits()
    # 20 + 10 extension; every excluded part at its maximum, also the unexpected hearing
    assert item_duration(x, None, decisions(["x"]), statutory=True) == (
        wd(30),
        (cd(30), cd(20)),
    )


def test_rule_override_wins_then_the_mode_duration() -> None:
    x = _item_with_limits()
    fast = mode("fast", "fast_track", duration=wd(2))
    assert item_duration(x, fast, decisions(["x"]), statutory=False) == (wd(2), ())
    dec = decisions(["x"]).model_copy(
        update={
            "time_limits": (
                TimeLimitOverride(item="x", duration=wd(3), limit="committed", reasons=(REASON,)),
            )
        }
    )
    assert item_duration(x, fast, dec, statutory=False) == (wd(3), ())
    assert item_duration(x, None, dec, statutory=True)[0] == wd(30)


def test_limits_in_force_change_on_the_first_day_of_a_new_value() -> None:
    limits = _item_with_limits().time_limits
    last_old = limits_in_force(limits, dt.date(2025, 12, 31))
    first_new = limits_in_force(limits, dt.date(2026, 1, 1))
    assert (last_old.statutory, last_old.committed) == (limits.statutory[0], limits.committed[0])
    assert (first_new.statutory, first_new.committed) == (limits.statutory[0], limits.committed[1])
    assert limits_in_force(limits, SINCE - dt.timedelta(days=1)) == (None, None)


def test_without_a_limit_in_force_an_item_takes_no_time() -> None:
    x = _item_with_limits()
    before = decisions(["x"], as_of=SINCE - dt.timedelta(days=1))
    assert item_duration(x, None, before, statutory=False) == (wd(0), (cd(10),))
    assert item_duration(x, None, before, statutory=True) == (wd(0), (cd(30), cd(20)))


@pytest.mark.parametrize("statutory", [False, True])
def test_remembered_limits_are_the_decided_ones_for_every_item_and_mode(statutory: bool) -> None:
    """ItemLimits (what the builder and the other view of a plan read) gives what
    item_duration decides, for every item of the default catalog in normal handling and in
    each of its modes, on first use and from the catalog's table afterwards."""
    catalog = load_catalog()
    dec = decisions(sorted(catalog.items), as_of=dt.date(2026, 3, 2))
    for _ in range(2):
        remembered = ItemLimits(catalog, dec, statutory=statutory)
        for it in catalog.items.values():
            for how in (None, *it.modes):
                decided = item_duration(it, how, dec, statutory=statutory)
                assert remembered.of(it, how) == decided, (it.id, how)


def test_a_committed_plan_uses_the_committed_limit_the_disclosure_shows() -> None:
    catalog = load_catalog()
    as_of = dt.date(2026, 3, 2)
    remembered = ItemLimits(catalog, decisions(sorted(catalog.items), as_of=as_of), statutory=False)
    for it in catalog.items.values():
        shown = limits_in_force(it.time_limits, as_of)
        used = shown.committed or shown.statutory
        planned = remembered.of(it, None)[0]
        assert used is not None, it.id
        assert (planned.value, planned.clock) == (used.value, used.clock), it.id
