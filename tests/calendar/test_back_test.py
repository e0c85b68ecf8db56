"""The estimate of a year without a notice, back-tested against the published years.

Every year the ``chinesecalendar`` package covers (2004-2026) is estimated as if its notice
were not out (a calendar without published years), from the law and the notices' principles
alone, and the days whose working / rest status differs from the notice are counted.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path

import chinese_calendar

from pathplanner.calendar import WorkCalendar

REPO = Path(__file__).resolve().parents[2]
BACK_TEST_YEARS = range(2004, 2027)
PASS_MARK = {2025: 4, 2026: 4}
"""The most mismatching days accepted in the years of the current holiday law."""

D = dt.date


def _days_of(year: int) -> list[dt.date]:
    first = D(year, 1, 1)
    return [first + dt.timedelta(days=k) for k in range((D(year, 12, 31) - first).days + 1)]


@functools.cache
def _mismatch() -> dict[int, int]:
    """Year → days whose working / rest status differs from the published notice."""
    estimated = WorkCalendar()  # no published year: every year is estimated
    return {
        year: sum(
            estimated.is_working_day(d) != chinese_calendar.is_workday(d) for d in _days_of(year)
        )
        for year in BACK_TEST_YEARS
    }


def test_back_test_meets_the_pass_mark_under_the_2025_law() -> None:
    found = _mismatch()
    over = {y: found[y] for y, mark in PASS_MARK.items() if found[y] > mark}
    assert over == {}


def test_docs_state_the_measured_mismatch_per_year() -> None:
    """docs/calendar.md §4 tabulates the back-test; its numbers are the measured ones."""
    text = (REPO / "docs" / "calendar.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d{4}) \| (\d+) \|", text, flags=re.MULTILINE)
    assert {int(y): int(n) for y, n in rows} == _mismatch()
