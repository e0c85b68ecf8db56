"""The statutory holidays of a year as fixed by law, for years without a published notice.

《全国年节及纪念日放假办法》 fixes which days are 全体公民放假的节日; each year's 国务院办公厅
notice then arranges them into breaks (:mod:`~pathplanner.calendar.arrangement` makes the
likeliest guess before the notice is out). The statutory days are known in advance: fixed
solar dates, lunar dates (春节, 端午, 中秋) and the 清明 solar term.

Regimes (by the year of the day):

- 2025 onwards: 13 days — 元旦 1, 春节 4 (除夕 and 初一..初三), 清明 1, 劳动节 2 (5-1, 5-2),
  端午 1, 中秋 1, 国庆 3.
- 2014-2024: 11 days — 春节 初一..初三, 劳动节 5-1 only.
- 2008-2013: 11 days — 春节 除夕, 初一, 初二.
- before 2008: 10 days — 春节 初一..初三, 劳动节 5-1..5-3, no 清明 / 端午 / 中秋.

Lunar dates come from the ``lunardate`` package (a table for lunar years 1900-2099), the 清明
solar term from :mod:`~pathplanner.calendar._qingming`, a table of its April day that
``make snapshots`` writes from the ``lunar-python`` package's astronomical solar terms
(computing one year's terms costs ~10 ms, more than the rest of a year's estimate). Outside
:data:`LAW_YEARS` (the table's range) the lunar festivals and 清明 are left out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lunardate import LunarDate

from pathplanner.calendar._qingming import APRIL_DAYS, FIRST_YEAR

__all__ = ["LAW_YEARS", "Festival", "festivals", "lunar_new_year", "qingming"]

LAW_YEARS = range(1901, 2100)
"""Years whose lunar festivals can be computed (the lunar table's range)."""


@dataclass(frozen=True)
class Festival:
    """One festival of a year with its statutory days (before any day given in lieu).

    ``days`` are ascending; two festivals may share a date (中秋 on a day of 国庆).
    """

    zh: str
    en: str
    days: tuple[dt.date, ...]


def qingming(year: int) -> dt.date:
    """The day of the 清明 solar term (April 4, 5 or 6) for a year in :data:`LAW_YEARS`."""
    if year not in LAW_YEARS:
        raise ValueError(f"清明 is computed for {LAW_YEARS.start}-{LAW_YEARS.stop - 1}, not {year}")
    return dt.date(year, 4, int(APRIL_DAYS[year - FIRST_YEAR]))


def _lunar(year: int, month: int, day: int) -> dt.date:
    solar: dt.date = LunarDate(year, month, day).to_solar_date()
    return solar


def lunar_new_year(year: int) -> dt.date | None:
    """正月初一 of the lunar year starting in ``year``, or ``None`` outside :data:`LAW_YEARS`."""
    return _lunar(year, 1, 1) if year in LAW_YEARS else None


def festivals(year: int) -> list[Festival]:
    """The festivals of ``year`` with their statutory days, in the law's order (art. 2:
    元旦, 春节, 清明, 劳动节, 端午, 中秋, 国庆).

    Lunar festivals and 清明 are left out for a year outside :data:`LAW_YEARS`.
    """
    found = [Festival("元旦", "New Year's Day", (dt.date(year, 1, 1),))]
    new_year = lunar_new_year(year)
    if new_year is not None:
        if year >= 2025:
            offsets = [-1, 0, 1, 2]
        elif 2008 <= year <= 2013:
            offsets = [-1, 0, 1]
        else:
            offsets = [0, 1, 2]
        spring = tuple(new_year + dt.timedelta(days=k) for k in offsets)
        found.append(Festival("春节", "Spring Festival", spring))
    lunar_ok = year >= 2008 and year in LAW_YEARS
    if lunar_ok:
        found.append(Festival("清明节", "Qingming Festival", (qingming(year),)))
    if year >= 2025:
        labour_days = [1, 2]
    elif year >= 2008:
        labour_days = [1]
    else:
        labour_days = [1, 2, 3]
    found.append(Festival("劳动节", "Labour Day", tuple(dt.date(year, 5, d) for d in labour_days)))
    if lunar_ok:
        found.append(Festival("端午节", "Dragon Boat Festival", (_lunar(year, 5, 5),)))
        found.append(Festival("中秋节", "Mid-Autumn Festival", (_lunar(year, 8, 15),)))
    national = tuple(dt.date(year, 10, d) for d in (1, 2, 3))
    found.append(Festival("国庆节", "National Day", national))
    return found
