"""Tests of the working-day calendar: the shipped years, counting rules, provisional years."""

from __future__ import annotations

import datetime as dt
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathplanner.calendar import (
    WorkCalendar,
    load_calendar,
    provisional_problem,
    provisional_problems,
)
from pathplanner.calendar.holiday_law import LAW_YEARS, festivals, qingming

REPO = Path(__file__).resolve().parents[2]
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
    # 春节 2027, estimated (docs/calendar.md §4): 除夕 Fri 02-05 .. Fri 02-12 off, Sat 02-13
    # with the break; the two weekdays beyond the statutory four worked on Sun 01-31 and
    # Sun 02-14.
    assert not any(cal.is_working_day(d) for d in _days(D(2027, 2, 5), D(2027, 2, 13)))
    assert cal.is_working_day(D(2027, 2, 4))
    assert cal.is_working_day(D(2027, 1, 31)) and cal.is_working_day(D(2027, 2, 14))
    assert cal.holiday_name(D(2027, 2, 6)) == "春节"
    assert cal.holiday_name(D(2027, 2, 14)) == "春节"
    assert cal.add_working_days(D(2027, 2, 4), 1) == D(2027, 2, 14)
    year = cal.year(2027)
    assert year.provisional
    assert year.notice == "provisional"
    assert sorted(year.workdays) == [
        D(2027, 1, 31),
        D(2027, 2, 14),
        D(2027, 5, 8),
        D(2027, 9, 26),
        D(2027, 10, 9),
    ]


def test_provisional_2028_spring_festival_and_national_day(cal: WorkCalendar) -> None:
    # 春节 2028: 除夕 Tue 01-25 .. Tue 02-01 off; Sun 01-23 and Sat 02-05 worked.
    assert [d.day for d in _days(D(2028, 1, 22), D(2028, 2, 6)) if cal.is_working_day(d)] == [
        23,
        24,
        2,
        3,
        4,
        5,
    ]
    # 中秋 2028 is Tue 10-03, a day of 国庆: one break Sun 10-01 .. Sun 10-08, Sat 09-30
    # worked.
    assert cal.holiday_name(D(2028, 10, 3)) == "国庆节、中秋节"
    assert [d.day for d in _days(D(2028, 9, 29), D(2028, 10, 9)) if cal.is_working_day(d)] == [
        29,
        30,
        9,
    ]


def test_statutory_days_match_published_years() -> None:
    """Every statutory day the law gives is a day off in every year chinesecalendar covers
    since 2008, so the lunar dates, 清明 and the regimes are right."""
    wrong = [
        (day, f.zh)
        for year in range(2008, 2027)
        for f in festivals(year)
        for day in f.days
        if chinese_calendar.is_workday(day)
    ]
    assert wrong == []


def test_statutory_day_count_by_regime() -> None:
    def count(year: int) -> int:
        return sum(len(f.days) for f in festivals(year))

    assert count(2025) == 13
    assert count(2026) == 13
    assert count(2028) == 13  # 中秋 on 国庆's third day: one date, owed twice
    assert count(2024) == 11
    assert count(2010) == 11
    assert count(2005) == 10


def test_qingming_dates() -> None:
    assert [qingming(y).day for y in (2024, 2025, 2026, 2027, 2028, 2030)] == [4, 4, 5, 5, 4, 5]
    with pytest.raises(ValueError):
        qingming(2100)


def test_the_qingming_table_is_lunar_pythons_solar_term() -> None:
    """The shipped table (``make snapshots`` writes it) against lunar-python's computation."""
    from snapshots import QINGMING, qingming_source

    assert QINGMING.read_text(encoding="utf-8") == qingming_source(), (
        "run `make snapshots` and commit src/pathplanner/calendar/_qingming.py"
    )


def test_qingming_agrees_with_chinesecalendar_every_year() -> None:
    """The shipped 清明 table against chinesecalendar's own solar terms (validation only)."""

    def terms(day: dt.date) -> list[str]:
        return [name for _, name in chinese_calendar.get_solar_terms(day, day)]

    assert [year for year in LAW_YEARS if terms(qingming(year)) != ["清明"]] == []


def test_years_beyond_the_lunar_table_do_not_crash() -> None:
    cal = WorkCalendar()
    assert cal.add_working_days(D(2100, 1, 29), 1) == D(2100, 2, 1)  # Fri → Mon
    assert cal.is_provisional(D(2100, 6, 1))
    assert cal.holiday_name(D(2100, 10, 1)) == "国庆节"


def test_empty_calendar_is_all_provisional() -> None:
    cal = WorkCalendar()
    assert cal.versions() == {}
    assert cal.versions(2025, 2026) == {"2025": "provisional", "2026": "provisional"}
    assert cal.is_provisional(D(2025, 3, 3))
    # Estimated 2025 is the notice's: 春节 除夕 Tue 01-28 .. Tue 02-04, Sun 01-26 and Sat
    # 02-08 worked.
    assert [d.day for d in _days(D(2025, 1, 25), D(2025, 2, 9)) if cal.is_working_day(d)] == [
        26,
        27,
        5,
        6,
        7,
        8,
    ]


# ------------------------------------------------------------------ problems and helpers


def test_provisional_problem_messages() -> None:
    warning = provisional_problem(2027)
    assert warning.code == "calendar-provisional"
    assert warning.severity == "warning"
    assert warning.message("en") == (
        "catalog/calendars/cn-2027.yaml: warning [calendar-provisional] Calendar(year=2027): "
        "no holiday notice for 2027 yet: its calendar is provisional, estimated from the "
        "statutory holidays and the principles of past notices (make-up working days "
        "included); add cn-2027.yaml once the notice is published"
    )
    assert warning.message("zh") == (
        "catalog/calendars/cn-2027.yaml: 警告 [calendar-provisional] Calendar(year=2027): "
        "2027 年的放假调休安排尚未发布，按法定节假日和历年通知的安排原则推算（含调休上班日），"
        "相关日期为临时结果；通知发布后请新增 cn-2027.yaml"
    )
    assert provisional_problem(2027, strict=True).severity == "error"


def test_provisional_problems_one_per_year(cal: WorkCalendar) -> None:
    found = provisional_problems(cal, D(2026, 5, 1), D(2028, 2, 1), strict=True)
    assert [(p.args["year"], p.severity) for p in found] == [("2027", "error"), ("2028", "error")]
    assert provisional_problems(cal, D(2024, 5, 1), D(2026, 2, 1)) == []


def test_with_extra_holidays(cal: WorkCalendar) -> None:
    # Sat 2026-02-14 is a make-up working day; an extra holiday overrides it.
    extra = cal.with_extra_holidays([D(2026, 2, 14), D(2026, 2, 24)])
    assert not extra.is_working_day(D(2026, 2, 14))
    assert extra.add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 25)
    assert cal.add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 14)  # original unchanged
    assert extra.versions() == cal.versions()


def test_concurrent_growth_is_consistent(cal: WorkCalendar) -> None:
    fresh = WorkCalendar(cal.year(y) for y in cal.published_years())
    starts = [D(2024, 1, 1) + dt.timedelta(days=37 * k) for k in range(200)]
    expected = [cal.add_working_days(d, 900) for d in starts]
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda d: fresh.add_working_days(d, 900), starts))
    assert got == expected


# ------------------------------------------------------------------ loading errors


def _load(tmp_path: Path, name: str, text: str) -> list[str]:
    folder = tmp_path / "calendars"
    folder.mkdir()
    (folder / name).write_text(text, encoding="utf-8")
    calendar, problems = load_calendar(folder, tmp_path)
    assert calendar.versions() == {} or not [p for p in problems if p.severity == "error"]
    return [p.message("en") for p in problems]


GOOD_HEAD = "year: 2025\nnotice: {id: 国办发明电〔2024〕12号, title: T}\n"


def test_error_date_outside_year(tmp_path: Path) -> None:
    text = GOOD_HEAD + (
        "holidays:\n"
        "  - {name: 元旦, start: 2025-01-01}\n"
        "  - {name: 春节, start: 2025-01-28, end: 2025-02-04}\n"
        "  - {name: 清明节, start: 2025-04-04, end: 2025-04-06}\n"
        "  - {name: 元旦, start: 2024-12-31, end: 2025-01-01}\n"
    )
    assert _load(tmp_path, "cn-2025.yaml", text) == [
        "calendars/cn-2025.yaml:7:5: error [calendar-date-outside-year] "
        "Calendar(year=2025) > holidays[3]: date 2024-12-31 is not in 2025; "
        "put it in the file of its own year\n"
        "  expected: 2025-01-01 .. 2025-12-31\n"
        "  found: 2024-12-31"
    ]


def test_error_holiday_and_workday(tmp_path: Path) -> None:
    text = GOOD_HEAD + (
        "holidays:\n"
        "  - {name: 春节, start: 2025-01-28, end: 2025-02-04}\n"
        "workdays:\n"
        "  - {date: 2025-01-26, name: 春节}\n"
        "  - {date: 2025-02-01, name: 春节}\n"
    )
    assert _load(tmp_path, "cn-2025.yaml", text) == [
        "calendars/cn-2025.yaml:7:12: error [calendar-holiday-workday] "
        "Calendar(year=2025) > workdays[1]: date 2025-02-01 is both a day off "
        "(Calendar(year=2025) > holidays[0]) and a make-up working day\n"
        "  found: 2025-02-01"
    ]


def test_error_duplicate_dates(tmp_path: Path) -> None:
    text = GOOD_HEAD + (
        "holidays:\n"
        "  - {name: 劳动节, start: 2025-05-01, end: 2025-05-05}\n"
        "  - {name: 劳动节, start: 2025-05-05}\n"
        "workdays:\n"
        "  - {date: 2025-04-27, name: 劳动节}\n"
        "  - {date: 2025-04-27, name: 劳动节}\n"
    )
    assert [m.splitlines()[0] for m in _load(tmp_path, "cn-2025.yaml", text)] == [
        "calendars/cn-2025.yaml:5:5: error [calendar-duplicate-date] "
        "Calendar(year=2025) > holidays[1]: date 2025-05-05 is listed twice "
        "(first at Calendar(year=2025) > holidays[0])",
        "calendars/cn-2025.yaml:8:12: error [calendar-duplicate-date] "
        "Calendar(year=2025) > workdays[1]: date 2025-04-27 is listed twice "
        "(first at Calendar(year=2025) > workdays[0])",
    ]


def test_error_unknown_key_suggests(tmp_path: Path) -> None:
    text = GOOD_HEAD + "holidays:\n  - {name: 劳动节, strat: 2025-05-01, start: 2025-05-01}\n"
    assert _load(tmp_path, "cn-2025.yaml", text) == [
        "calendars/cn-2025.yaml:4:17: error [unknown-key] Calendar(year=2025) > holidays[0]: "
        "unknown key 'strat'\n"
        "  hint: did you mean 'start'?"
    ]


def test_error_other_checks(tmp_path: Path) -> None:
    text = GOOD_HEAD + (
        "holidays:\n"
        "  - {name: 劳动节, start: 2025-05-05, end: 2025-05-01}\n"
        "workdays:\n"
        "  - {date: 2025-04-28, name: 劳动节}\n"
    )
    assert [m.splitlines()[0] for m in _load(tmp_path, "cn-2025.yaml", text)] == [
        "calendars/cn-2025.yaml:4:41: error [calendar-range-reversed] "
        "Calendar(year=2025) > holidays[0]: the block ends on 2025-05-01, "
        "before its start 2025-05-05",
        "calendars/cn-2025.yaml:6:12: error [calendar-workday-not-weekend] "
        "Calendar(year=2025) > workdays[0]: make-up working day 2025-04-28 is not a "
        "Saturday or Sunday, so it is a working day anyway",
    ]


def test_error_year_and_file_name(tmp_path: Path) -> None:
    assert _load(tmp_path, "cn-2026.yaml", GOOD_HEAD) == [
        "calendars/cn-2026.yaml:1:7: error [calendar-year-mismatch] Calendar(year=2026): "
        "the file name says 2026 but year is 2025\n"
        "  expected: 2026\n"
        "  found: 2025"
    ]


def test_error_file_name(tmp_path: Path) -> None:
    assert _load(tmp_path, "2025.yaml", GOOD_HEAD) == [
        "calendars/2025.yaml: error [calendar-file-name]: "
        "a calendar file must be named cn-YYYY.yaml, not '2025.yaml'\n"
        "  expected: cn-YYYY.yaml\n"
        "  found: 2025.yaml"
    ]


def test_missing_directory_is_all_provisional(tmp_path: Path) -> None:
    calendar, problems = load_calendar(tmp_path / "nowhere", tmp_path)
    assert problems == []
    assert calendar.is_provisional(D(2026, 1, 5))


# ------------------------------------------------------------------ properties

dates = st.dates(D(2023, 6, 1), D(2028, 12, 31))
counts = st.integers(min_value=0, max_value=400)
PROPS = settings(max_examples=150, deadline=None)


@PROPS
@given(d=dates, n=st.integers(min_value=1, max_value=400))
def test_add_then_between_round_trips(cal: WorkCalendar, d: dt.date, n: int) -> None:
    """between(d, add(d, n)) == n for n >= 1, and the result is a working day."""
    end = cal.add_working_days(d, n)
    assert cal.is_working_day(end)
    assert cal.working_days_between(d, end) == n
    assert cal.working_days_between(d, end - dt.timedelta(days=1)) == n - 1
    assert cal.subtract_working_days(end, n) == cal.previous_working_day(d)


@PROPS
@given(a=dates, b=dates, n=counts, m=counts)
def test_add_is_monotone(cal: WorkCalendar, a: dt.date, b: dt.date, n: int, m: int) -> None:
    """Later start or more days never gives an earlier result."""
    a, b = min(a, b), max(a, b)
    n, m = min(n, m), max(n, m)
    assert cal.add_working_days(a, n) <= cal.add_working_days(b, n)
    assert cal.add_working_days(a, n) <= cal.add_working_days(a, m)
    assert cal.wd_index(a) <= cal.wd_index(b)


@PROPS
@given(d=dates, n=counts, extra=st.lists(dates, max_size=5))
def test_adding_holidays_never_finishes_earlier(
    cal: WorkCalendar, d: dt.date, n: int, extra: list[dt.date]
) -> None:
    """A day off more can only push a due date later."""
    assert cal.with_extra_holidays(extra).add_working_days(d, n) >= cal.add_working_days(d, n)


@PROPS
@given(d=dates)
def test_next_and_previous_working_day(cal: WorkCalendar, d: dt.date) -> None:
    """next_working_day(d) is the first working day >= d; previous the last <= d."""
    nxt = cal.next_working_day(d)
    prev = cal.previous_working_day(d)
    assert cal.is_working_day(nxt)
    assert cal.is_working_day(prev)
    assert prev <= d <= nxt
    assert not any(cal.is_working_day(x) for x in _days(d, nxt)[:-1])
    assert not any(cal.is_working_day(x) for x in _days(prev, d)[1:])
    assert (nxt == d) == cal.is_working_day(d) == (prev == d)
    assert cal.add_working_days(d, 0) == nxt
    assert cal.wd_date(cal.wd_index(nxt)) == nxt


@PROPS
@given(a=dates, b=dates, c=dates)
def test_between_is_additive(cal: WorkCalendar, a: dt.date, b: dt.date, c: dt.date) -> None:
    """Counts over (a, b] and (b, c] add up to (a, c]; the count is antisymmetric."""
    ab = cal.working_days_between(a, b)
    assert ab + cal.working_days_between(b, c) == cal.working_days_between(a, c)
    assert cal.working_days_between(b, a) == -ab
    if a <= b:
        assert ab == sum(cal.is_working_day(x) for x in _days(a, b)[1:])


# ------------------------------------------------------------------ docs stay true

_DOC_ROW = re.compile(
    r"^\| `(?P<fn>\w+)\((?P<a>\d{4}-\d\d-\d\d)(?:, (?P<b>[\d-]+))?\)` \| (?P<result>[\d-]+) \|"
)


def test_docs_worked_examples(cal: WorkCalendar) -> None:
    """Every worked example in docs/calendar.md §2 is what the calendar computes."""
    rows = [
        m
        for line in (REPO / "docs" / "calendar.md").read_text(encoding="utf-8").splitlines()
        if (m := _DOC_ROW.match(line))
    ]
    assert len(rows) == 14
    for m in rows:
        a = D.fromisoformat(m["a"])
        if m["fn"] == "working_days_between":
            got: object = cal.working_days_between(a, D.fromisoformat(m["b"]))
            want: object = int(m["result"])
        elif m["b"] is None:
            got = getattr(cal, m["fn"])(a)
            want = D.fromisoformat(m["result"])
        else:
            got = getattr(cal, m["fn"])(a, int(m["b"]))
            want = D.fromisoformat(m["result"])
        assert got == want, m.group(0)
