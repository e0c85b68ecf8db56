"""The likeliest holiday schedule (放假调休安排) of a year whose notice is not out yet.

The statutory days are fixed by law (:mod:`~pathplanner.calendar.holiday_law`); each year's
State Council notice then arranges them into breaks joined with weekends, and moves the
weekdays of a break that are not statutory to nearby weekend days (调休上班). The notices
follow stable principles, and this module applies them:

1. **Block length per festival** (:class:`Practice`, by period): 春节 from 除夕 for 7 days
   (8 from 2025), 国庆 from 10-1 for 7 days (8 together with 中秋 when 中秋 falls from
   09-29 to 10-08), 劳动节 5 days since 2020 (3 before, 7 before 2008); 元旦, 清明, 端午 and
   中秋 3 days.
2. **Placement by weekday**: a block that is not anchored (3-day festivals, 劳动节) is the
   run of its length that holds every statutory day and the most weekend days; among equals
   the latest. A 3-day block that would cost more than one make-up day (the festival on a
   Wednesday) is only the statutory day.
3. **Make-up working days**: a block has as many weekdays off as the festival has statutory
   days (a statutory day on a weekend or shared with another festival owes one weekday);
   each further weekday in it is paid back on a weekend day within two weeks of the block,
   not in any block. The days chosen are those that, in this order: keep every run of
   working days within the period's limit (at most 6 days since the 2025 amendment, art. 7;
   7 before; none before 2008), leave the fewest single rest days between working days,
   and lie nearest the block.

Back-tested against every published year from 2004 to 2026 (``docs/calendar.md`` §4 gives
the mismatching days per year). Every function here is pure and cached by year.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from pathplanner.calendar.holiday_law import Festival, festivals, lunar_new_year

__all__ = [
    "PRACTICES",
    "Arrangement",
    "Block",
    "Practice",
    "arrangement",
    "blocks",
    "practice_of",
]

_SATURDAY = 5
_DAY = dt.timedelta(days=1)
_SHORT_DAYS = 3
"""Length of a 元旦, 清明, 端午 or 中秋 break (and 劳动节 2008-2019)."""
_SHORT_MAX_MAKE_UP = 1
"""A 3-day break is given only when it costs at most this many make-up days."""
_REACH = 14
"""Make-up days lie within this many days of their block."""
_CONTEXT = 28
"""Days either side of a block whose working runs and single rest days are weighed."""
_MID_AUTUMN_JOINS = (dt.date(1, 9, 29), dt.date(1, 10, 8))
"""中秋 from 09-29 to 10-08 (as in 2012, 2017, 2020, 2023, 2025) joins 国庆 in one break."""
_ARRANGED_YEARS = range(dt.MINYEAR + 1, dt.MAXYEAR)
"""Years whose breaks are estimated: a break and its make-up days stay inside the years a
date can hold."""
_JOINED_ZH = "国庆节、中秋节"
_JOINED_EN = "National Day and Mid-Autumn Festival"


@dataclass(frozen=True)
class Practice:
    """How the notices of a period arrange the statutory days into breaks.

    ``spring_from`` is the first day off of 春节 counted from 初一 (-1: 除夕);
    ``max_run`` is the longest run of working days make-up days may create (``None``: no
    limit).
    """

    since: int
    spring_from: int
    spring_days: int
    labour_days: int
    national_days: int
    max_run: int | None


PRACTICES: tuple[Practice, ...] = (
    # 1999-2007: three golden weeks from the first statutory day.
    Practice(since=1, spring_from=0, spring_days=7, labour_days=7, national_days=7, max_run=None),
    # 2008 amendment: 劳动节 one day, 清明 / 端午 / 中秋 added; 春节 from 除夕.
    Practice(since=2008, spring_from=-1, spring_days=7, labour_days=3, national_days=7, max_run=7),
    # From the 2020 notice on, 劳动节 is a 5-day break.
    Practice(since=2020, spring_from=-1, spring_days=7, labour_days=5, national_days=7, max_run=7),
    # 2025 amendment: 春节 8 days, at most 6 working days in a row (art. 7).
    Practice(since=2025, spring_from=-1, spring_days=8, labour_days=5, national_days=7, max_run=6),
)


def practice_of(year: int) -> Practice:
    """The practice in force for the festivals of ``year``."""
    return next(p for p in reversed(PRACTICES) if p.since <= year)


@dataclass(frozen=True)
class Block:
    """One break: its days off (weekends included) and its make-up working days."""

    zh: str
    en: str
    days: tuple[dt.date, ...]
    make_up: tuple[dt.date, ...]


@dataclass(frozen=True)
class Arrangement:
    """The breaks of one calendar year: days off and make-up working days by festival name.

    It holds the days of that year only, whichever year's festival they belong to (a 元旦
    break may start in the December before).
    """

    year: int
    holidays: Mapping[dt.date, str]
    workdays: Mapping[dt.date, str]


@functools.cache
def arrangement(year: int) -> Arrangement:
    """The likeliest days off and make-up working days of ``year`` (see the module doc).

    The first and last years a date can hold (1 and 9999) have no neighbour to borrow days
    from: they keep their statutory days and no make-up day.
    """
    holidays: dict[dt.date, str] = {}
    workdays: dict[dt.date, str] = {}
    if year not in _ARRANGED_YEARS:
        holidays = {d: f.zh for f in festivals(year) for d in f.days}
        return Arrangement(year, MappingProxyType(dict(sorted(holidays.items()))), {})
    for festival_year in _neighbourhood(year):
        for block in blocks(festival_year):
            holidays.update((d, block.zh) for d in block.days if d.year == year)
            workdays.update((d, block.zh) for d in block.make_up if d.year == year)
    return Arrangement(
        year=year,
        holidays=MappingProxyType(dict(sorted(holidays.items()))),
        workdays=MappingProxyType(dict(sorted(workdays.items()))),
    )


@functools.cache
def blocks(year: int) -> tuple[Block, ...]:
    """The breaks of the festivals of ``year`` with their make-up days, in date order (a
    元旦 break and its make-up days may lie in the December before)."""
    practice = practice_of(year)
    breaks = _breaks(year)
    rest: set[dt.date] = set()
    for y in _neighbourhood(year):
        for _festival, days in _breaks(y):
            rest.update(days)
    chosen: set[dt.date] = set()
    out: list[Block] = []
    for festival, days in breaks:
        owed = _weekdays(days) - len(festival.days)
        make_up = _make_up_days(days, owed, rest, chosen, practice.max_run)
        chosen.update(make_up)
        out.append(Block(festival.zh, festival.en, days, make_up))
    return tuple(out)


@functools.cache
def _breaks(year: int) -> tuple[tuple[Festival, tuple[dt.date, ...]], ...]:
    """Each festival of ``year`` (中秋 joined to 国庆 when close) with its days off."""
    practice = practice_of(year)
    found = {f.zh: f for f in festivals(year)}
    mid_autumn = found.get("中秋节")
    national = found["国庆节"]
    if mid_autumn is not None and _joins_national_day(mid_autumn.days[0]):
        del found["中秋节"]
        days = tuple(sorted(national.days + mid_autumn.days))
        found["国庆节"] = Festival(_JOINED_ZH, _JOINED_EN, days)
        national_days = practice.national_days + 1
    else:
        national_days = practice.national_days
    out: list[tuple[Festival, tuple[dt.date, ...]]] = []
    for zh, festival in found.items():
        if zh == "春节":
            new_year = lunar_new_year(year)
            assert new_year is not None  # 春节 is only listed when the lunar date is known
            first = new_year + dt.timedelta(days=practice.spring_from)
            days = _run(min(first, festival.days[0]), practice.spring_days)
        elif zh == "国庆节":
            days = _run(festival.days[0], national_days)
        elif zh == "劳动节" and practice.labour_days != _SHORT_DAYS:
            days = _best_run(festival.days, practice.labour_days)
        else:
            days = _best_run(festival.days, _SHORT_DAYS)
            if _weekdays(days) - len(festival.days) > _SHORT_MAX_MAKE_UP:
                days = tuple(sorted(set(festival.days)))
        out.append((festival, days))
    return tuple(sorted(out, key=lambda pair: pair[1][0]))


def _neighbourhood(year: int) -> list[int]:
    """``year`` and the years beside it whose breaks can reach into it."""
    return [y for y in (year - 1, year, year + 1) if y in _ARRANGED_YEARS]


def _joins_national_day(mid_autumn: dt.date) -> bool:
    lo, hi = (d.replace(year=mid_autumn.year) for d in _MID_AUTUMN_JOINS)
    return lo <= mid_autumn <= hi


def _run(first: dt.date, length: int) -> tuple[dt.date, ...]:
    return tuple(first + k * _DAY for k in range(length))


def _best_run(statutory: tuple[dt.date, ...], length: int) -> tuple[dt.date, ...]:
    """The run of ``length`` days holding every statutory day with the most weekend days;
    among equals the latest."""
    first, last = min(statutory), max(statutory)
    starts = [last - (length - 1 - k) * _DAY for k in range(length - (last - first).days)]
    return max((_run(s, length) for s in starts), key=lambda run: (len(run) - _weekdays(run), run))


def _weekdays(days: Iterable[dt.date]) -> int:
    return sum(1 for d in days if d.weekday() < _SATURDAY)


def _make_up_days(
    days: tuple[dt.date, ...],
    count: int,
    rest: set[dt.date],
    chosen: set[dt.date],
    max_run: int | None,
) -> tuple[dt.date, ...]:
    """The ``count`` weekend days that pay back the extra weekdays of the break ``days``."""
    if count <= 0:
        return ()
    first, last = days[0], days[-1]
    candidates = [
        d
        for d in (first + k * _DAY for k in range(-_REACH, (last - first).days + _REACH + 1))
        if d.weekday() >= _SATURDAY and d not in rest and d not in chosen
    ]
    lo = first - _CONTEXT * _DAY
    span = [lo + k * _DAY for k in range((last - first).days + 2 * _CONTEXT + 1)]
    base = [d in chosen or (d.weekday() < _SATURDAY and d not in rest) for d in span]

    def distance(d: dt.date) -> int:
        return (first - d).days if d < first else (d - last).days

    rank = _weekend_ranks(candidates, first)

    def cost(pick: tuple[dt.date, ...]) -> tuple[int, int, int, int, tuple[dt.date, ...]]:
        working = list(base)
        for d in pick:
            working[(d - lo).days] = True
        return (
            _excess(working, max_run),
            sum(rank[d] for d in pick),
            _single_rest_days(working),
            sum(distance(d) for d in pick),
            pick,
        )

    count = min(count, len(candidates))
    return min(itertools.combinations(candidates, count), key=cost)


def _weekend_ranks(candidates: list[dt.date], first: dt.date) -> dict[dt.date, int]:
    """Each candidate's weekend counted from the break on its side: 1 for the nearest
    weekend with a candidate before (or after) the break, 2 for the next, and so on."""
    saturday = {d: d - (d.weekday() - _SATURDAY) * _DAY for d in candidates}
    before = sorted({saturday[d] for d in candidates if d < first}, reverse=True)
    after = sorted({saturday[d] for d in candidates if d > first})
    order = {sat: k + 1 for side in (before, after) for k, sat in enumerate(side)}
    return {d: order[saturday[d]] for d in candidates}


def _excess(working: list[bool], max_run: int | None) -> int:
    """Working days beyond ``max_run`` in the runs of working days."""
    if max_run is None:
        return 0
    excess = run = 0
    for w in working:
        run = run + 1 if w else 0
        if run > max_run:
            excess += 1
    return excess


def _single_rest_days(working: list[bool]) -> int:
    """Rest days with a working day on both sides."""
    return sum(
        1
        for k in range(1, len(working) - 1)
        if not working[k] and working[k - 1] and working[k + 1]
    )
