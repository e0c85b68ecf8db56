"""DayTable is a view of the calendar's own day arrays: it must answer exactly what the
WorkCalendar answers, also after its snapshot grows (later or earlier than its window) and
for a calendar that only answers day by day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathplanner.calendar import WorkCalendar, load_calendar
from pathplanner.catalog.model import Clock, Duration
from pathplanner.schedule._days import DayTable

ROOT = Path(__file__).resolve().parents[2]
START = dt.date(2026, 3, 2)


def _calendar() -> WorkCalendar:
    cal, problems = load_calendar(ROOT / "catalog" / "calendars", ROOT)
    assert not problems
    return cal


CAL = _calendar()


class _DayByDay:
    """A calendar answering only the two protocol questions (no ``day_arrays``)."""

    def __init__(self, cal: WorkCalendar) -> None:
        self.cal = cal

    def is_working_day(self, d: dt.date) -> bool:
        return self.cal.is_working_day(d)

    def is_provisional(self, d: dt.date) -> bool:
        return self.cal.is_provisional(d)


def _check(days: DayTable, d: dt.date, n: int) -> None:
    o = d.toordinal()
    assert days.is_working(o) == CAL.is_working_day(d)
    assert days.next_wd(o) == CAL.next_working_day(d).toordinal()
    assert days.prev_wd(o) == CAL.previous_working_day(d).toordinal()
    assert days.add_wd(o, n) == CAL.add_working_days(d, n).toordinal()
    assert days.between(START.toordinal(), o) == CAL.working_days_between(START, d)
    assert days.cw(o) - days.cw(o - 1) == (1 if CAL.is_working_day(d) else 0)
    assert days.touches_provisional(o, o) == CAL.is_provisional(d)
    # inv_add_wd is the latest day whose n-th working day after it is still <= o
    y = days.inv_add_wd(o, n)
    assert days.add_wd(y, n) <= o < days.add_wd(y + 1, n) or n == 0


@settings(max_examples=60, deadline=None)
@given(
    offset=st.integers(min_value=-20 * 366, max_value=30 * 366),
    n=st.integers(min_value=0, max_value=400),
)
def test_view_agrees_with_the_calendar_inside_and_outside_its_window(offset: int, n: int) -> None:
    days = DayTable(CAL, START)
    _check(days, START + dt.timedelta(days=offset), n)


def test_day_by_day_calendar_gives_the_same_answers() -> None:
    days = DayTable(_DayByDay(CAL), START)
    view = DayTable(CAL, START)
    for k in range(-400, 6000, 7):
        o = START.toordinal() + k
        assert days.next_wd(o) == view.next_wd(o)
        assert days.prev_wd(o) == view.prev_wd(o)
        assert days.add_wd(o, k % 50) == view.add_wd(o, k % 50)
        assert days.between(o - 30, o) == view.between(o - 30, o)
        assert days.touches_provisional(o - 30, o) == view.touches_provisional(o - 30, o)
    with pytest.raises(ValueError):
        days.next_wd(START.toordinal() - 40 * 366)


def test_a_snapshot_held_by_a_reader_stays_right_after_growth() -> None:
    days = DayTable(CAL, START)
    held = days.arrays
    far = START.toordinal() + 40 * 366
    days.next_wd(far)  # grows the view
    assert days.arrays is not held
    assert days.arrays.lo <= held.lo
    assert days.arrays.lo + days.arrays.size > far
    for o in range(held.lo + 10, held.lo + held.size - 10, 97):
        k, k2 = o - held.lo, o - days.arrays.lo
        assert held.working[k] == days.arrays.working[k2]
        assert held.cum[k] - held.base == days.arrays.cum[k2] - days.arrays.base


def test_shift_and_inverse() -> None:
    days = DayTable(CAL, START)
    o = START.toordinal()
    wd, cd = Duration(value=5, clock=Clock.working), Duration(value=5, clock=Clock.calendar)
    assert days.shift(o, wd) == CAL.add_working_days(START, 5).toordinal()
    assert days.shift(o, cd) == o + 5
    assert days.inv_shift(days.shift(o, wd), wd) >= o
    assert days.inv_shift(o + 5, cd) == o
    assert days.shift(o, None) == o == days.inv_shift(o, None)


def test_calendar_arrays_are_what_the_view_reads() -> None:
    # the calendar's day numbers are only reachable through its arrays (DayTable is the one
    # day-number API); wd_index differences are its cumulative counts
    o = START.toordinal()
    arrays = CAL.day_arrays(o, o + 10)
    assert arrays.lo <= o < arrays.lo + arrays.size
    assert arrays.prov[-1] > 0  # years after the last notice are provisional
    for k in range(-300, 300, 7):
        d = START + dt.timedelta(days=k)
        i = d.toordinal() - arrays.lo
        assert arrays.cum[i] - arrays.base == CAL.wd_index(d)
        assert arrays.working[i] == CAL.is_working_day(d)
    assert CAL.wd_date(CAL.wd_index(START)) == CAL.previous_working_day(START)
