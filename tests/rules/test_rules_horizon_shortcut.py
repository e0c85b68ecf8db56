"""validity_warnings returns at once when no validity boundary of the catalog falls between
as_of and the horizon; with or without that shortcut the warnings are the same."""

from __future__ import annotations

import datetime as dt

from _rules_support import load_test_catalog, profile
from hypothesis import given, settings
from hypothesis import strategies as st

from pathplanner.rules import decide, validity_warnings
from pathplanner.rules.conclusions import _Builder, _changes_between, _tables
from pathplanner.rules.evaluation import Facts

CATALOG = load_test_catalog()
DAYS = st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2028, 12, 31))


def _without_shortcut(decisions_as_of: dt.date, horizon: dt.date) -> tuple[str, ...]:
    p = profile(CATALOG, project__height_m=20)
    decisions = decide(CATALOG, p, as_of=decisions_as_of)
    facts: Facts = dict(decisions.facts)
    fired = [r for r in CATALOG.rules.compiled if r.in_force(decisions_as_of) and r.test(facts)]
    b = _Builder(CATALOG, fired, facts, decisions_as_of, "")
    b.horizon_warnings(horizon, decisions.applicable_ids(), decisions.modes)
    return tuple(sorted(set(b.warnings)))


@settings(max_examples=60, deadline=None)
@given(as_of=DAYS, horizon=DAYS)
def test_shortcut_gives_the_same_warnings(as_of: dt.date, horizon: dt.date) -> None:
    p = profile(CATALOG, project__height_m=20)
    decisions = decide(CATALOG, p, as_of=as_of)
    found = validity_warnings(CATALOG, decisions, horizon=horizon)
    assert found == _without_shortcut(as_of, horizon)
    if not _changes_between(_tables(CATALOG), as_of, horizon):
        assert found == ()
    assert decide(CATALOG, p, as_of=as_of, horizon=horizon).warnings == tuple(
        sorted({*decisions.warnings, *found})
    )


def test_a_boundary_on_either_end_counts() -> None:
    tables = _tables(CATALOG)
    end = tables.ends[0]
    start = tables.starts[-1]
    # valid_until counts in [as_of, horizon); valid_from in (as_of, horizon]
    assert _changes_between(tables, end, end + dt.timedelta(days=1))
    assert _changes_between(tables, start - dt.timedelta(days=1), start)
    assert not _changes_between(tables, start, start)
