"""The Chinese working-day calendar (工作日历) that every working-day duration is counted on.

A working day is a Monday to Friday that is not a day off, or a weekend day made a working
day by 调休 (a make-up working day). Published years come from ``catalog/calendars/cn-YYYY.yaml``
(one State Council notice each); any other year is *provisional*: estimated from the statutory
holidays in law and the principles the notices follow, make-up working days included (see
:mod:`pathplanner.calendar.arrangement`), because the real ones are only known once the notice
is out. Such dates are flagged by :meth:`is_provisional` and the planner warns with
:func:`provisional_problem`.

Counting rules (see ``docs/calendar.md``):

- :meth:`WorkCalendar.add_working_days` ``(d, n)`` is the n-th working day after ``d``; ``d``
  itself is not counted (行政许可法 art. 82, 民法典 art. 201). ``n = 0`` gives
  :meth:`~WorkCalendar.next_working_day` ``(d)``: ``d`` when it is a working day.
- :meth:`WorkCalendar.working_days_between` ``(a, b)`` counts the working days in ``(a, b]``.
- :meth:`WorkCalendar.wd_index` numbers days so that ``wd_index(b) - wd_index(a)`` is that
  count; a working day ``w`` has ``wd_date(wd_index(w)) == w``.

A :class:`WorkCalendar` is immutable and thread-safe. It keeps per-day arrays (working flag,
cumulative working-day count) over a range of whole years that grows on demand, so lookups
are O(1) after the first touch of a year. The arrays are public as :class:`DayArrays`
(:meth:`WorkCalendar.day_arrays`) for hot loops that count in ``date.toordinal()`` numbers:
the scheduler's :class:`~pathplanner.schedule._days.DayTable` is a view of them, and is the
one API that answers calendar questions on day numbers.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pathplanner.calendar.arrangement import arrangement
from pathplanner.calendar.file import CalendarYear, read_year
from pathplanner.errors import Location, Problem, Severity

__all__ = [
    "PROVISIONAL",
    "CalendarYear",
    "DayArrays",
    "WorkCalendar",
    "load_calendar",
    "provisional_problem",
    "provisional_problems",
]

PROVISIONAL = "provisional"
_SATURDAY = 5
_MIN_YEAR = 1
_MAX_YEAR = 9999
# Whole years added around a requested date when the tables grow, to amortize rebuilding.
_MARGIN_YEARS = 2


@dataclass(frozen=True, slots=True)
class DayArrays:
    """Per-day arrays over the ordinals ``[lo, lo + size)`` (whole years); never mutated.

    For an ordinal ``o`` in range and ``k = o - lo``: ``working[k]`` is 1 on a working day;
    ``cum[k]`` counts the working days in ``[lo, o]``, so ``ords[cum[k]]`` is the first
    working day after ``o`` and ``ords[cum[k] - 1]`` the last one on or before it;
    ``cum[k] - base`` is the calendar's :meth:`~WorkCalendar.wd_index` (stable when the
    arrays grow); ``prov[k]`` counts the provisional days in ``[lo, o]``.
    """

    lo: int
    size: int
    working: bytes
    cum: tuple[int, ...]
    ords: tuple[int, ...]
    base: int
    prov: tuple[int, ...]

    @property
    def first_year(self) -> int:
        """The first year covered."""
        return dt.date.fromordinal(self.lo).year

    @property
    def last_year(self) -> int:
        """The last year covered."""
        return dt.date.fromordinal(self.lo + self.size - 1).year


class WorkCalendar:
    """Working days for China: published years from data, other years estimated.

    Build one with :func:`load_calendar` (or :meth:`from_years` in tests). All methods take
    and return :class:`datetime.date`; none mutates the calendar.
    """

    __slots__ = ("_anchor", "_extra", "_lock", "_published", "_table", "_years")

    def __init__(
        self,
        published: Iterable[CalendarYear] = (),
        *,
        extra_holidays: Iterable[dt.date] = (),
    ) -> None:
        self._published: dict[int, CalendarYear] = {y.year: y for y in published}
        self._extra: frozenset[dt.date] = frozenset(extra_holidays)
        first = min(self._published, default=2025)
        self._anchor = dt.date(first, 1, 1).toordinal()
        self._years: dict[int, CalendarYear] = dict(self._published)
        self._lock = threading.RLock()
        last = max(self._published, default=first)
        self._table: DayArrays = self._build(first, last)

    def __repr__(self) -> str:
        return f"WorkCalendar(published={self.published_years()})"

    @classmethod
    def from_years(cls, years: Iterable[CalendarYear]) -> WorkCalendar:
        """A calendar from already-checked year data (tests and programmatic use)."""
        return cls(years)

    # ----------------------------------------------------------------- day queries

    def is_working_day(self, d: dt.date) -> bool:
        """True when ``d`` is a working day (工作日)."""
        o = d.toordinal()
        t = self._table
        k = o - t.lo
        if not 0 <= k < t.size:
            t = self._cover(o)
            k = o - t.lo
        return t.working[k] == 1

    def is_provisional(self, d: dt.date) -> bool:
        """True when ``d`` lies in a year without a published notice (computed from law)."""
        return d.year not in self._published

    def holiday_name(self, d: dt.date) -> str | None:
        """The festival ``d`` is a day off or a make-up working day for, else ``None``."""
        year = self._year(d.year)
        return year.holidays.get(d) or year.workdays.get(d)

    def next_working_day(self, d: dt.date) -> dt.date:
        """The first working day on or after ``d``."""
        return self.wd_date(self.wd_index(d - dt.timedelta(days=1)) + 1)

    def previous_working_day(self, d: dt.date) -> dt.date:
        """The last working day on or before ``d``."""
        return self.wd_date(self.wd_index(d))

    def add_working_days(self, d: dt.date, n: int) -> dt.date:
        """The n-th working day after ``d`` (``d`` not counted); ``n = 0`` → next working day.

        A negative ``n`` is :meth:`subtract_working_days` ``(d, -n)``.
        """
        if n == 0:
            return self.next_working_day(d)
        if n < 0:
            return self.subtract_working_days(d, -n)
        return self.wd_date(self.wd_index(d) + n)

    def subtract_working_days(self, d: dt.date, n: int) -> dt.date:
        """The n-th working day before ``d`` (``d`` not counted); ``n = 0`` → previous one.

        For a working day ``w``: ``subtract_working_days(add_working_days(w, n), n) == w``.
        """
        if n == 0:
            return self.previous_working_day(d)
        if n < 0:
            return self.add_working_days(d, -n)
        return self.wd_date(self.wd_index(d - dt.timedelta(days=1)) + 1 - n)

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        """The number of working days in ``(a, b]``; negative when ``b < a``."""
        return self.wd_index(b) - self.wd_index(a)

    def wd_index(self, d: dt.date) -> int:
        """An integer that grows by one on each working day and stays put on rest days.

        ``wd_index(b) - wd_index(a)`` is the number of working days in ``(a, b]``. The origin
        is fixed for the life of the calendar (the day before its first published year) but
        is not part of the contract: only differences and :meth:`wd_date` are.
        """
        o = d.toordinal()
        t = self._table
        k = o - t.lo
        if not 0 <= k < t.size:
            t = self._cover(o)
            k = o - t.lo
        return t.cum[k] - t.base

    def wd_date(self, i: int) -> dt.date:
        """The working day whose :meth:`wd_index` is ``i``."""
        return dt.date.fromordinal(self._wd_ordinal(i))

    # ----------------------------------------------------------------- day numbers

    def day_arrays(self, lo: int, hi: int) -> DayArrays:
        """The calendar's per-day arrays covering the ordinals ``[lo, hi)`` (and more: whole
        years with a margin). Snapshots never change; a later call may return a larger one,
        whose ``cum[k] - base`` values agree with this one's on the common days."""
        t = self._table
        if t.lo <= lo and hi <= t.lo + t.size:
            return t
        first = dt.date.fromordinal(max(lo, 1)).year
        last = dt.date.fromordinal(max(hi - 1, lo, 1)).year
        with self._lock:
            t = self._table
            if t.lo <= lo and hi <= t.lo + t.size:
                return t
            # Exactly the years asked for: a provisional year costs an estimate of its
            # festivals, so none is made before a plan needs it.
            new = self._build(min(t.first_year, first), max(t.last_year, last))
            self._table = new
            return new

    def _wd_ordinal(self, i: int) -> int:
        """The ordinal of the working day whose :meth:`wd_index` is ``i``."""
        t = self._table
        j = i + t.base - 1
        if not 0 <= j < len(t.ords):
            t = self._cover_index(i)
            j = i + t.base - 1
        return t.ords[j]

    # ----------------------------------------------------------------- years and versions

    def published_years(self) -> list[int]:
        """The years with a published notice, ascending."""
        return sorted(self._published)

    def provisional_years(self, a: dt.date | int, b: dt.date | int) -> list[int]:
        """The years from ``a`` to ``b`` (dates or years, inclusive) without a notice."""
        first = a if isinstance(a, int) else a.year
        last = b if isinstance(b, int) else b.year
        if last < first:
            first, last = last, first
        return [y for y in range(first, last + 1) if y not in self._published]

    def versions(
        self, a: dt.date | int | None = None, b: dt.date | int | None = None
    ) -> dict[str, str]:
        """Year → notice id for every published year, sorted by year.

        With ``a`` and ``b`` the years between them (inclusive) are included too, mapped to
        ``"provisional"`` where no notice is published.
        """
        out = {str(y): self._published[y].notice for y in sorted(self._published)}
        if a is not None and b is not None:
            for y in self.provisional_years(a, b):
                out[str(y)] = PROVISIONAL
        return dict(sorted(out.items()))

    def year(self, year: int) -> CalendarYear:
        """The days off and make-up working days of ``year`` (computed when provisional)."""
        return self._year(year)

    def with_extra_holidays(self, days: Iterable[dt.date]) -> WorkCalendar:
        """A new calendar where ``days`` are also days off (even make-up working days)."""
        return WorkCalendar(self._published.values(), extra_holidays=self._extra | set(days))

    # ----------------------------------------------------------------- internals

    def _year(self, year: int) -> CalendarYear:
        found = self._years.get(year)
        if found is not None:
            return found
        with self._lock:
            found = self._years.get(year)
            if found is None:
                found = _provisional_year(year)
                self._years[year] = found
            return found

    def _working(self, d: dt.date, year: CalendarYear) -> bool:
        if d in self._extra:
            return False
        if d in year.workdays:
            return True
        return d.weekday() < _SATURDAY and d not in year.holidays

    def _build(self, first: int, last: int) -> DayArrays:
        lo = dt.date(first, 1, 1).toordinal()
        hi = dt.date(last, 12, 31).toordinal() + 1
        working = bytearray(hi - lo)
        cum: list[int] = []
        ords: list[int] = []
        prov: list[int] = []
        count = 0
        provisional = 0
        base = 0
        for y in range(first, last + 1):
            year = self._year(y)
            step = 0 if y in self._published else 1
            o = dt.date(y, 1, 1).toordinal()
            end = dt.date(y, 12, 31).toordinal()
            while o <= end:
                if o == self._anchor:
                    base = count
                if self._working(dt.date.fromordinal(o), year):
                    working[o - lo] = 1
                    count += 1
                    ords.append(o)
                cum.append(count)
                provisional += step
                prov.append(provisional)
                o += 1
        if self._anchor >= hi:
            base = count
        return DayArrays(lo, hi - lo, bytes(working), tuple(cum), tuple(ords), base, tuple(prov))

    def _cover(self, o: int) -> DayArrays:
        """The table grown to include ordinal ``o`` (with a margin)."""
        year = dt.date.fromordinal(o).year if o >= 1 else _MIN_YEAR
        with self._lock:
            t = self._table
            if t.lo <= o < t.lo + t.size:
                return t
            first = min(t.first_year, max(_MIN_YEAR, year - _MARGIN_YEARS))
            last = max(t.last_year, min(_MAX_YEAR, year + _MARGIN_YEARS))
            new = self._build(first, last)
            if not new.lo <= o < new.lo + new.size:
                raise OverflowError(f"date ordinal {o} is outside the supported years")
            self._table = new
            return new

    def _cover_index(self, i: int) -> DayArrays:
        """The table grown until working-day index ``i`` falls inside it."""
        while True:
            t = self._table
            j = i + t.base - 1
            if 0 <= j < len(t.ords):
                return t
            # Each year has more than 200 working days; grow by enough years at once.
            if j < 0:
                years = -j // 200 + 1
                target = dt.date(max(_MIN_YEAR, t.first_year - years), 1, 1)
                if t.first_year == _MIN_YEAR:
                    raise OverflowError(f"working-day index {i} is before the supported years")
            else:
                years = (j - len(t.ords)) // 200 + 1
                target = dt.date(min(_MAX_YEAR, t.last_year + years), 12, 31)
                if t.last_year == _MAX_YEAR:
                    raise OverflowError(f"working-day index {i} is after the supported years")
            self._cover(target.toordinal())


def _provisional_year(year: int) -> CalendarYear:
    likely = arrangement(year)
    return CalendarYear(
        year=year,
        notice=PROVISIONAL,
        holidays=likely.holidays,
        workdays=likely.workdays,
        provisional=True,
    )


def load_calendar(calendars_dir: Path, display_root: Path) -> tuple[WorkCalendar, list[Problem]]:
    """Read every ``cn-YYYY.yaml`` in ``calendars_dir`` into one calendar.

    Never raises on bad input: returns the calendar of the files that are valid (other
    years become provisional) and every problem found, located relative to
    ``display_root``. A missing directory gives an all-provisional calendar and no problem.
    """
    problems: list[Problem] = []
    years: list[CalendarYear] = []
    if calendars_dir.is_dir():
        for path in sorted(calendars_dir.iterdir()):
            if path.is_dir() or path.suffix not in (".yaml", ".yml"):
                continue
            display = _display(path, display_root)
            year, found = read_year(path, display)
            problems += found
            if year is not None:
                years.append(year)
    return WorkCalendar(years), sorted(problems, key=lambda p: p.sort_key())


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def provisional_problem(
    year: int, *, strict: bool = False, file: str = "catalog/calendars"
) -> Problem:
    """The warning (``strict``: error) that ``year`` uses a provisional calendar.

    Code ``calendar-provisional``; ``file`` is where the missing notice file belongs.
    """
    severity: Severity = "error" if strict else "warning"
    return Problem(
        "calendar-provisional",
        Location(f"{file}/cn-{year}.yaml"),
        breadcrumb=f"Calendar(year={year})",
        severity=severity,
        args={"year": str(year)},
    )


def provisional_problems(
    calendar: WorkCalendar,
    first: dt.date,
    last: dt.date,
    *,
    strict: bool = False,
    file: str = "catalog/calendars",
) -> list[Problem]:
    """One :func:`provisional_problem` per provisional year from ``first`` to ``last``."""
    return [
        provisional_problem(y, strict=strict, file=file)
        for y in calendar.provisional_years(first, last)
    ]
