"""Which limit an item is planned with (committed, statutory, overrides, modes)."""

from __future__ import annotations

import datetime as dt

from _sched_build import REASON, SINCE, cd, decisions, item, mode, wd

from pathplanner.catalog.model import DatedDuration, ExcludedTime, TimeLimits
from pathplanner.decisions import TimeLimitOverride
from pathplanner.schedule.durations import item_duration


def _item_with_limits() -> object:
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
