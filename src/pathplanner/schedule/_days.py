"""Day arithmetic on integer day numbers (proleptic ordinals), for the hot loops.

The scheduler counts in ordinals (``date.toordinal()``). :class:`DayTable` keeps no per-day
data of its own: it is a view of the calendar's arrays
(:class:`~pathplanner.calendar.DayArrays`: working flag, cumulative working-day count,
working-day ordinals, cumulative provisional-day count), holding a reference to the current
snapshot and swapping in a larger one when a day outside it is asked for. Every function is
O(1) within the snapshot. Hot loops may read :attr:`DayTable.arrays` directly and call the
methods only for ordinals outside it (the timing passes do).

Notation (see ``docs/scheduling.md``): ``cw(o)`` is the number of working days up to ``o``
counted from a fixed origin, so ``cw(b) - cw(a)`` counts those in ``(a, b]``.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Protocol

from pathplanner.calendar import DayArrays
from pathplanner.catalog.model import Clock, Duration

__all__ = ["CalendarLike", "DayTable", "shared_table"]

_GROW_DAYS = 3 * 366
# A new table covers a year before the day it is made around and two after: a plan's usual
# span. It grows on demand, so a narrow start only saves estimating years nobody asks for.
_BACK_DAYS = 366
_AHEAD_DAYS = 2 * 366
_SHARED_MAX = 8
_shared: OrderedDict[int, tuple[object, DayTable]] = OrderedDict()
_shared_lock = threading.Lock()


class CalendarLike(Protocol):
    """The two calendar questions the scheduler asks (``WorkCalendar`` answers them, and
    also gives its arrays directly through ``day_arrays``)."""

    def is_working_day(self, d: dt.date) -> bool: ...

    def is_provisional(self, d: dt.date) -> bool: ...


class _AskedArrays:
    """:class:`DayArrays` of a calendar that only answers day by day (no ``day_arrays``),
    from a fixed first day on."""

    def __init__(self, calendar: CalendarLike, lo: int) -> None:
        self.calendar = calendar
        self.lo = lo
        self.arrays: DayArrays | None = None

    def day_arrays(self, lo: int, hi: int) -> DayArrays:
        if lo < self.lo:
            raise ValueError("date before the planning window")
        have = self.arrays
        if have is not None and hi <= have.lo + have.size:
            return have
        hi = max(hi, (have.lo + have.size if have else self.lo) + _GROW_DAYS)
        cal = self.calendar
        working = bytearray()
        cum: list[int] = []
        ords: list[int] = []
        prov: list[int] = []
        count = pcount = 0
        prov_year: dict[int, bool] = {}
        for o in range(self.lo, hi):
            d = dt.date.fromordinal(o)
            if cal.is_working_day(d):
                working.append(1)
                count += 1
                ords.append(o)
            else:
                working.append(0)
            cum.append(count)
            p = prov_year.get(d.year)
            if p is None:
                p = prov_year[d.year] = cal.is_provisional(d)
            pcount += p
            prov.append(pcount)
        self.arrays = DayArrays(
            self.lo, hi - self.lo, bytes(working), tuple(cum), tuple(ords), 0, tuple(prov)
        )
        return self.arrays


class DayTable:
    """O(1) working-day arithmetic on ordinals, over the calendar's own arrays.

    ``arrays`` is the snapshot in use; it only ever grows (a new snapshot covers every day
    the previous one did), so a reader holding an older one still gets right answers for
    the days it covers.
    """

    def __init__(self, calendar: CalendarLike, around: dt.date) -> None:
        self.calendar = calendar
        o = around.toordinal()
        source: Callable[[int, int], DayArrays] | None = getattr(calendar, "day_arrays", None)
        if source is None:
            # a day-by-day calendar cannot grow backwards: it starts three years early
            source = _AskedArrays(calendar, o - _GROW_DAYS).day_arrays
        self._source = source
        self._lock = threading.Lock()
        self.arrays: DayArrays = source(o - _BACK_DAYS, o + _AHEAD_DAYS)

    # ------------------------------------------------------------------ table
    def _cover(self, o: int) -> DayArrays:
        """The snapshot grown to include ordinal ``o`` (with a margin)."""
        with self._lock:
            a = self.arrays
            if a.lo <= o < a.lo + a.size:
                return a
            a = self._source(min(o - _GROW_DAYS, a.lo), max(o + _GROW_DAYS, a.lo + a.size))
            self.arrays = a
            return a

    def _later(self, a: DayArrays) -> DayArrays:
        """A snapshot reaching past the end of ``a``."""
        return self._cover(a.lo + a.size)

    def _earlier(self, a: DayArrays) -> DayArrays:
        """A snapshot reaching before the start of ``a``."""
        if a.lo <= 1:
            raise ValueError("no working day before the planning window")
        return self._cover(a.lo - 1)

    # ------------------------------------------------------------ primitives
    def is_working(self, o: int) -> bool:
        """Whether ordinal ``o`` is a working day."""
        a = self.arrays
        i = o - a.lo
        if not 0 <= i < a.size:
            a = self._cover(o)
            i = o - a.lo
        return a.working[i] == 1

    def cw(self, o: int) -> int:
        """Working days up to ``o`` from a fixed origin; ``cw(b) - cw(a)`` counts those in
        ``(a, b]``."""
        a = self.arrays
        i = o - a.lo
        if not 0 <= i < a.size:
            a = self._cover(o)
            i = o - a.lo
        return a.cum[i] - a.base

    def next_wd(self, o: int) -> int:
        """The first working day on or after ``o``."""
        a = self.arrays
        i = o - a.lo
        if 0 <= i < a.size:
            if a.working[i]:
                return o
            k = a.cum[i]
            if k < len(a.ords):
                return a.ords[k]
        a = self._cover(o)
        while True:
            i = o - a.lo
            if a.working[i]:
                return o
            k = a.cum[i]
            if k < len(a.ords):
                return a.ords[k]
            a = self._later(a)

    def prev_wd(self, o: int) -> int:
        """The last working day on or before ``o``."""
        a = self.arrays
        i = o - a.lo
        if 0 <= i < a.size:
            if a.working[i]:
                return o
            k = a.cum[i]
            if k > 0:
                return a.ords[k - 1]
        a = self._cover(o)
        while True:
            i = o - a.lo
            if a.working[i]:
                return o
            k = a.cum[i]
            if k > 0:
                return a.ords[k - 1]
            a = self._earlier(a)

    def add_wd(self, o: int, n: int) -> int:
        """The n-th working day after ``o`` (``o`` not counted); n = 0: ``next_wd(o)``."""
        if n == 0:
            return self.next_wd(o)
        a = self.arrays
        i = o - a.lo
        if 0 <= i < a.size:
            k = a.cum[i] + n - 1
            if k < len(a.ords):
                return a.ords[k]
        a = self._cover(o)
        while True:
            k = a.cum[o - a.lo] + n - 1
            if k < len(a.ords):
                return a.ords[k]
            a = self._later(a)

    def inv_add_wd(self, limit: int, n: int) -> int:
        """The latest day ``y`` with ``add_wd(y, n) <= limit``."""
        if n == 0:
            return limit
        a = self.arrays
        i = limit - a.lo
        if 0 <= i < a.size:
            k = a.cum[i] - n
            if k >= 0:
                return a.ords[k] - 1
        a = self._cover(limit)
        while True:
            k = a.cum[limit - a.lo] - n
            if k >= 0:
                return a.ords[k] - 1
            a = self._earlier(a)

    def between(self, a: int, b: int) -> int:
        """Working days in ``(a, b]`` (negative when b < a)."""
        return self.cw(b) - self.cw(a)

    def shift(self, o: int, d: Duration | None) -> int:
        """``o`` plus a lag or duration: calendar days, or the n-th working day after."""
        if d is None or (d.value == 0 and d.clock == Clock.calendar):
            return o
        if d.clock == Clock.calendar:
            return o + d.value
        return self.add_wd(o, d.value)

    def inv_shift(self, limit: int, d: Duration | None) -> int:
        """The latest day ``y`` with ``shift(y, d) <= limit``."""
        if d is None or (d.value == 0 and d.clock == Clock.calendar):
            return limit
        if d.clock == Clock.calendar:
            return limit - d.value
        return self.inv_add_wd(limit, d.value)

    def touches_provisional(self, a: int, b: int) -> bool:
        """Whether any day in ``[min(a, b), max(a, b)]`` is in a provisional year."""
        if b < a:
            a, b = b, a
        s = self.arrays
        if not (s.lo <= a and b < s.lo + s.size):
            self._cover(a)
            s = self._cover(b)
        i = a - s.lo
        before = s.prov[i - 1] if i > 0 else 0
        return s.prov[b - s.lo] > before

    @staticmethod
    def date(o: int) -> dt.date:
        """The date of ordinal ``o``."""
        return dt.date.fromordinal(o)


def shared_table(calendar: CalendarLike, around: dt.date) -> DayTable:
    """A :class:`DayTable` of ``calendar`` covering ``around``, shared between plans.

    Over a ``WorkCalendar`` a table is only a view of the calendar's arrays; a calendar
    that answers day by day is asked about every day of several years. Either way the
    tables of the last few calendars are kept (calendars do not change) and reused whenever
    their window already starts early enough for ``around``.
    """
    o = around.toordinal()
    key = id(calendar)
    with _shared_lock:
        entry = _shared.get(key)
        if entry is not None and entry[0] is calendar and entry[1].arrays.lo <= o - _BACK_DAYS:
            _shared.move_to_end(key)
            return entry[1]
    table = DayTable(calendar, around)
    with _shared_lock:
        entry = _shared.get(key)
        if entry is None or entry[0] is not calendar or entry[1].arrays.lo > table.arrays.lo:
            _shared[key] = (calendar, table)
            _shared.move_to_end(key)
            while len(_shared) > _SHARED_MAX:
                _shared.popitem(last=False)
    return table
