"""Tests of the working-day calendar: the shipped years, counting rules, provisional years."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import chinese_calendar
import pytest

from pathplanner.workcalendar import WorkCalendar, load_calendar

REPO = Path(__file__).resolve().parents[1]
CALENDARS = REPO / "catalog" / "calendars"

D = dt.date


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    calendar, problems = load_calendar(CALENDARS, REPO)
    assert problems == []
    return calendar


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=k) for k in range((last - first).days + 1)]


# ------------------------------------------------------------------ shipped data


def test_every_day_of_2024_to_2026_agrees_with_chinesecalendar(cal: WorkCalendar) -> None:
    wrong = [
        d
        for d in _days(D(2024, 1, 1), D(2026, 12, 31))
        if cal.is_working_day(d) != chinese_calendar.is_workday(d)
    ]
    assert wrong == []


def test_versions_name_the_notices(cal: WorkCalendar) -> None:
    assert cal.versions() == {
        "2024": "国办发明电〔2023〕7号",
        "2025": "国办发明电〔2024〕12号",
        "2026": "国办发明电〔2025〕7号",
    }
    assert cal.versions(D(2026, 6, 1), D(2027, 3, 1)) == {
        "2024": "国办发明电〔2023〕7号",
        "2025": "国办发明电〔2024〕12号",
        "2026": "国办发明电〔2025〕7号",
        "2027": "provisional",
    }


def test_working_day_counts_per_year(cal: WorkCalendar) -> None:
    # Counts computed from the package data (cn-approval-facts.md §6.3).
    assert cal.working_days_between(D(2023, 12, 31), D(2024, 12, 31)) == 251
    assert cal.working_days_between(D(2024, 12, 31), D(2025, 12, 31)) == 248
    assert cal.working_days_between(D(2025, 12, 31), D(2026, 12, 31)) == 248


# ------------------------------------------------------------------ Spring Festival by hand


def test_spring_festival_2025(cal: WorkCalendar) -> None:
    # 春节 2025-01-28 (除夕) .. 02-04 off; Sun 01-26 and Sat 02-08 are make-up working days.
    assert cal.is_working_day(D(2025, 1, 26))
    assert not any(cal.is_working_day(d) for d in _days(D(2025, 1, 28), D(2025, 2, 4)))
    assert cal.is_working_day(D(2025, 2, 8))
    assert cal.holiday_name(D(2025, 1, 29)) == "春节"
    assert cal.holiday_name(D(2025, 2, 8)) == "春节"
    # Accepted Fri 01-24: 1st WD Sun 01-26, 2nd Mon 01-27, 3rd Wed 02-05 (after the break).
    assert cal.add_working_days(D(2025, 1, 24), 1) == D(2025, 1, 26)
    assert cal.add_working_days(D(2025, 1, 24), 2) == D(2025, 1, 27)
    assert cal.add_working_days(D(2025, 1, 24), 3) == D(2025, 2, 5)
    # 02-05 Wed, 06 Thu, 07 Fri, 08 Sat (make-up), 10 Mon.
    assert cal.add_working_days(D(2025, 1, 24), 7) == D(2025, 2, 10)
    assert cal.working_days_between(D(2025, 1, 24), D(2025, 2, 10)) == 7
    assert cal.next_working_day(D(2025, 1, 28)) == D(2025, 2, 5)
    assert cal.previous_working_day(D(2025, 2, 4)) == D(2025, 1, 27)
    assert cal.subtract_working_days(D(2025, 2, 5), 1) == D(2025, 1, 27)
    assert cal.subtract_working_days(D(2025, 2, 10), 7) == D(2025, 1, 24)


def test_spring_festival_2026(cal: WorkCalendar) -> None:
    # 春节 2026-02-15 .. 02-23 off (9 days); Sat 02-14 and Sat 02-28 are make-up working days.
    assert cal.is_working_day(D(2026, 2, 14))
    assert not any(cal.is_working_day(d) for d in _days(D(2026, 2, 15), D(2026, 2, 23)))
    assert cal.is_working_day(D(2026, 2, 28))
    assert not cal.is_working_day(D(2026, 3, 1))
    # Accepted Fri 02-13: 1st WD is Sat 02-14, 2nd is Tue 02-24.
    assert cal.add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 14)
    assert cal.add_working_days(D(2026, 2, 13), 2) == D(2026, 2, 24)
    # 20 WD from Mon 02-09: 10,11,12,13,14 | 24,25,26,27,28 | 3-2..3-6 | 3-9..3-13.
    assert cal.add_working_days(D(2026, 2, 9), 20) == D(2026, 3, 13)
    assert cal.working_days_between(D(2026, 2, 9), D(2026, 3, 13)) == 20
    assert cal.working_days_between(D(2026, 2, 14), D(2026, 2, 23)) == 0


# ------------------------------------------------------------------ counting semantics


def test_half_open_counting(cal: WorkCalendar) -> None:
    mon, tue, fri, sat, sun = (
        D(2026, 3, 2),
        D(2026, 3, 3),
        D(2026, 3, 6),
        D(2026, 3, 7),
        D(2026, 3, 8),
    )
    assert cal.working_days_between(mon, mon) == 0
    assert cal.working_days_between(mon, tue) == 1  # (mon, tue] holds tue only
    assert cal.working_days_between(mon, fri) == 4
    assert cal.working_days_between(fri, sun) == 0
    assert cal.working_days_between(sat, D(2026, 3, 9)) == 1
    assert cal.working_days_between(fri, mon) == -4


def test_n_zero(cal: WorkCalendar) -> None:
    assert cal.add_working_days(D(2026, 3, 2), 0) == D(2026, 3, 2)  # a working day: itself
    assert cal.add_working_days(D(2026, 3, 7), 0) == D(2026, 3, 9)  # Saturday → Monday
    assert cal.subtract_working_days(D(2026, 3, 7), 0) == D(2026, 3, 6)
    assert cal.add_working_days(D(2026, 3, 2), 1) == D(2026, 3, 3)


def test_year_ends(cal: WorkCalendar) -> None:
    # 2025-12-31 Wed; 2026-01-01..03 元旦; 01-04 Sun make-up working day.
    assert cal.add_working_days(D(2025, 12, 31), 1) == D(2026, 1, 4)
    assert cal.working_days_between(D(2025, 12, 31), D(2026, 1, 4)) == 1
    assert cal.previous_working_day(D(2026, 1, 3)) == D(2025, 12, 31)
    # 2024-12-31 Tue; 2025-01-01 元旦; 01-02 Thu.
    assert cal.add_working_days(D(2024, 12, 31), 1) == D(2025, 1, 2)
    # 2026-12-31 Thu → into provisional 2027: 01-01 元旦 (Fri), 1st WD Mon 01-04.
    assert cal.add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 4)
    assert cal.previous_working_day(D(2024, 1, 1)) == D(2023, 12, 29)


# ------------------------------------------------------------------ provisional years


def test_provisional_2027(cal: WorkCalendar) -> None:
    assert cal.is_provisional(D(2027, 2, 6))
    assert not cal.is_provisional(D(2026, 12, 31))
    assert cal.provisional_years(D(2026, 1, 1), D(2028, 5, 1)) == [2027, 2028]
    # 春节 2027: 初一 is Sat 02-06; 除夕 Fri 02-05 .. 初三 Mon 02-08; Sat/Sun given in lieu
    # on Tue 02-09 and Wed 02-10.
    off = _days(D(2027, 2, 5), D(2027, 2, 10))
    assert not any(cal.is_working_day(d) for d in off)
    assert cal.is_working_day(D(2027, 2, 4))
    assert cal.is_working_day(D(2027, 2, 11))
    assert cal.holiday_name(D(2027, 2, 6)) == "春节"
    assert cal.add_working_days(D(2027, 2, 4), 1) == D(2027, 2, 11)
    # No make-up working days are known: every weekend is a rest day.
    assert not any(
        cal.is_working_day(d) for d in _days(D(2027, 1, 1), D(2027, 12, 31)) if d.weekday() >= 5
    )
    year = cal.year(2027)
    assert year.provisional
    assert year.notice == "provisional"
    assert year.workdays == {}
