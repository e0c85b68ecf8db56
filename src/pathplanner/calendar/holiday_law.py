"""The statutory holidays of a year as fixed by law, for years without a published notice.

《全国年节及纪念日放假办法》 fixes which days are 全体公民放假的节日; each year's 国务院办公厅
notice then joins them with weekends by 调休 (make-up working days). Those swaps cannot be
known before the notice, but the statutory days can: they are fixed solar dates, lunar dates
(春节, 端午, 中秋) and the 清明 solar term. Article 6 (art. 4 before 2025) says a holiday that
falls on a Saturday or Sunday is given in lieu (补假) on a working day; we give it on the next
weekday that is not itself a holiday.

Regimes (by the year of the day):

- 2025 onwards: 13 days — 元旦 1, 春节 4 (除夕 and 初一..初三), 清明 1, 劳动节 2 (5-1, 5-2),
  端午 1, 中秋 1, 国庆 3.
- 2014-2024: 11 days — 春节 初一..初三, 劳动节 5-1 only.
- 2008-2013: 11 days — 春节 除夕, 初一, 初二.
- before 2008: 10 days — 春节 初一..初三, 劳动节 5-1..5-3, no 清明 / 端午 / 中秋.

Lunar dates come from the ``lunardate`` package (a table for lunar years 1900-2099). For a
year outside that table the lunar holidays cannot be computed and are left out; the 清明
formula is valid for 1901-2099 and is likewise left out beyond it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lunardate import LunarDate

__all__ = ["LAW_YEARS", "StatutoryDay", "qingming", "statutory_days"]

# Years for which both the lunar table and the 清明 formula hold.
LAW_YEARS = range(1901, 2100)

_SATURDAY = 5


@dataclass(frozen=True, order=True)
class StatutoryDay:
    """One day off by law: the date, the festival's Chinese and English name, and whether
    it is a day given in lieu (补假) of a statutory day that fell on a weekend."""

    date: dt.date
    zh: str
    en: str
    in_lieu: bool = False


def qingming(year: int) -> dt.date:
    """The date of the 清明 solar term (April 4, 5 or 6) for a year in 1901-2099.

    Uses the usual "C value" approximation ``floor(Y*D + C) - floor(Y/4)`` with Y the year
    within its century, D = 0.2422 and C = 5.59 (20th century) or 4.81 (21st century).
    """
    if year not in LAW_YEARS:
        raise ValueError(f"清明 formula only holds for 1901-2099, not {year}")
    y = year % 100
    c = 5.59 if year < 2000 else 4.81
    day = int(y * 0.2422 + c) - y // 4
    return dt.date(year, 4, day)


def _lunar(year: int, month: int, day: int) -> dt.date:
    solar: dt.date = LunarDate(year, month, day).to_solar_date()
    return solar


def _festival_days(year: int) -> list[StatutoryDay]:
    """The statutory days of ``year`` before in-lieu days are added."""
    days: list[StatutoryDay] = [StatutoryDay(dt.date(year, 1, 1), "元旦", "New Year's Day")]
    lunar_ok = year in LAW_YEARS
    spring = "春节"
    spring_en = "Spring Festival"
    if lunar_ok:
        new_year = _lunar(year, 1, 1)
        if year >= 2025:
            offsets = [-1, 0, 1, 2]
        elif 2008 <= year <= 2013:
            offsets = [-1, 0, 1]
        else:
            offsets = [0, 1, 2]
        days += [StatutoryDay(new_year + dt.timedelta(days=k), spring, spring_en) for k in offsets]
    labour = "劳动节"
    labour_en = "Labour Day"
    if year >= 2025:
        labour_days = [1, 2]
    elif year >= 2008:
        labour_days = [1]
    else:
        labour_days = [1, 2, 3]
    days += [StatutoryDay(dt.date(year, 5, d), labour, labour_en) for d in labour_days]
    if year >= 2008 and lunar_ok:
        days.append(StatutoryDay(qingming(year), "清明节", "Qingming Festival"))
        days.append(StatutoryDay(_lunar(year, 5, 5), "端午节", "Dragon Boat Festival"))
        days.append(StatutoryDay(_lunar(year, 8, 15), "中秋节", "Mid-Autumn Festival"))
    days += [StatutoryDay(dt.date(year, 10, d), "国庆节", "National Day") for d in (1, 2, 3)]
    return sorted(days, key=lambda day: day.date)  # stable: festival order breaks ties


def statutory_days(year: int) -> list[StatutoryDay]:
    """Every day off by law in ``year``, with the days given in lieu, sorted by date.

    A statutory day on a Saturday or Sunday is given in lieu on the first weekday after it
    that is neither a statutory day nor already given in lieu. When two festivals fall on
    the same date (中秋 inside 国庆, as in 2020 and 2028) 中秋 keeps the date and the other
    day is given in lieu the same way, as the 2020 notice did (four statutory weekdays off).
    Dates are unique in the result.
    """
    by_date: dict[dt.date, StatutoryDay] = {}
    owed: list[StatutoryDay] = []
    for day in _festival_days(year):
        if day.date in by_date:
            owed.append(day)
        else:
            by_date[day.date] = day
            if day.date.weekday() >= _SATURDAY:
                owed.append(day)
    taken = set(by_date)
    result = list(by_date.values())
    for day in sorted(owed):
        candidate = day.date + dt.timedelta(days=1)
        while candidate.weekday() >= _SATURDAY or candidate in taken:
            candidate += dt.timedelta(days=1)
        taken.add(candidate)
        result.append(StatutoryDay(candidate, day.zh, day.en, in_lieu=True))
    return sorted(result)
