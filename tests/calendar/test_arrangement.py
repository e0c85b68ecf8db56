"""The estimated breaks and make-up days of a year without a notice (calendar.arrangement).

The back-test against the published years is in ``test_back_test.py``.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from pathplanner.calendar import WorkCalendar
from pathplanner.calendar.arrangement import blocks, practice_of
from pathplanner.calendar.holiday_law import festivals

D = dt.date
_SATURDAY = 5


def _days_of(year: int) -> list[dt.date]:
    first = D(year, 1, 1)
    return [first + dt.timedelta(days=k) for k in range((D(year, 12, 31) - first).days + 1)]


def test_2026_estimated_as_the_notice_has_it() -> None:
    """国办发明电〔2025〕7号: 春节 02-15..02-23 with Sat 02-14 and Sat 02-28 worked; 国庆
    10-01..10-07 with Sun 09-20 and Sat 10-10 worked (the weekend before is 中秋's)."""
    spring, national = (b for b in blocks(2026) if b.zh in ("春节", "国庆节"))
    assert (spring.days[0], spring.days[-1]) == (D(2026, 2, 16), D(2026, 2, 23))
    assert spring.make_up == (D(2026, 2, 14), D(2026, 2, 28))
    assert national.make_up == (D(2026, 9, 20), D(2026, 10, 10))


def test_2027_spring_festival_and_national_day() -> None:
    # 除夕 is Fri 02-05: 8 days to Fri 02-12; the two weekdays beyond the four statutory
    # days are worked on Sun 01-31 and Sun 02-14 (keeping Sat 02-13 with the break, and no
    # more than 6 working days in a row).
    cal = WorkCalendar()
    found = {b.zh: b for b in blocks(2027)}
    spring = found["春节"]
    assert (spring.days[0], spring.days[-1]) == (D(2027, 2, 5), D(2027, 2, 12))
    assert spring.make_up == (D(2027, 1, 31), D(2027, 2, 14))
    assert cal.is_working_day(D(2027, 2, 14)) and not cal.is_working_day(D(2027, 2, 13))
    # 中秋 Wed 09-15: the day alone; 国庆 Fri 10-01..Thu 10-07, worked Sun 09-26, Sat 10-09
    assert found["中秋节"].days == (D(2027, 9, 15),)
    assert found["国庆节"].make_up == (D(2027, 9, 26), D(2027, 10, 9))


def test_mid_autumn_inside_national_day_makes_one_8_day_break() -> None:
    # 2028: 中秋 Tue 10-03, a day of 国庆: one break Sun 10-01..Sun 10-08, Sat 09-30 worked.
    (joined,) = (b for b in blocks(2028) if b.zh == "国庆节、中秋节")
    assert (joined.days[0], joined.days[-1]) == (D(2028, 10, 1), D(2028, 10, 8))
    assert joined.make_up == (D(2028, 9, 30),)


def test_a_new_years_break_may_start_in_december() -> None:
    # 元旦 2030 is a Tuesday: off Sun 2029-12-30..Tue 01-01, Sat 2029-12-29 worked; the
    # December days belong to 2029's calendar.
    cal = WorkCalendar()
    assert not cal.is_working_day(D(2029, 12, 31))
    assert cal.is_working_day(D(2029, 12, 29))
    assert cal.holiday_name(D(2029, 12, 31)) == "元旦"
    assert cal.year(2029).workdays[D(2029, 12, 29)] == "元旦"


years = st.integers(min_value=1901, max_value=2999)
ESTIMATED = WorkCalendar()
"""One calendar without published years for the properties (it grows as they ask)."""


@settings(max_examples=60, deadline=None)
@given(year=years)
def test_a_break_gives_exactly_the_statutory_days(year: int) -> None:
    """Rule (放假办法 art. 6 and the notices): 调休 moves working days, it never adds or
    removes one. Each break holds every statutory day of its festival, its make-up days are
    weekend days outside every break, and its weekdays off less its make-up days are the
    festival's statutory days (a statutory day on a weekend, or shared by two festivals, is
    owed a weekday)."""
    statutory = {f.zh: f.days for f in festivals(year)}
    if "国庆节、中秋节" in {b.zh for b in blocks(year)}:
        statutory["国庆节、中秋节"] = statutory.pop("国庆节") + statutory.pop("中秋节")
    off = {d for y in (year - 1, year, year + 1) for b in blocks(y) for d in b.days}
    for block in blocks(year):
        days = statutory.pop(block.zh)
        assert set(days) <= set(block.days)
        assert all(d.weekday() >= _SATURDAY and d not in off for d in block.make_up)
        weekdays_off = sum(d.weekday() < _SATURDAY for d in block.days)
        assert weekdays_off - len(block.make_up) == len(days)
    assert statutory == {}


@settings(max_examples=30, deadline=None)
@given(year=st.integers(min_value=2025, max_value=2999))
def test_no_more_than_six_working_days_in_a_row_from_2025(year: int) -> None:
    """Rule (放假办法 art. 7 as amended in 2024): around a holiday, no more than six working
    days in a row."""
    assert practice_of(year).max_run == 6
    run = 0
    for d in _days_of(year):
        run = run + 1 if ESTIMATED.is_working_day(d) else 0
        assert run <= 6, d


def test_the_first_and_last_years_a_date_holds_keep_their_statutory_days() -> None:
    # No break may borrow a day from year 0 or 10000: years 1 and 9999 are not arranged.
    cal = WorkCalendar()
    assert not cal.is_working_day(D(9999, 10, 1))  # 国庆, a Friday
    assert cal.is_working_day(D(9999, 12, 31))  # a Friday
    assert cal.year(9999).workdays == {}
    assert not cal.is_working_day(D(1, 1, 1)) and cal.is_working_day(D(1, 1, 2))
