"""Day arithmetic on integer day numbers (proleptic ordinals), for the hot loops.

The scheduler counts in ordinals (``date.toordinal()``) and looks everything up in flat
arrays built once from the :class:`~pathplanner.workcalendar.WorkCalendar`: whether a day is
a working day, how many working days there are up to it, the n-th working day, and whether
it belongs to a provisional year. Every function here is O(1) after the table covers the
days asked for; the table grows on demand.

Notation (see ``docs/scheduling.md``): ``cw(o)`` is the number of working days in
``[lo, o]``; ``wd[k]`` is the (k+1)-th working day of the table.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from typing import Protocol

from pathplanner.model import Clock, Duration

__all__ = ["CalendarLike", "DayTable", "shared_table"]

_GROW_DAYS = 3 * 366
_SHARED_MAX = 8
_shared: OrderedDict[int, tuple[object, DayTable]] = OrderedDict()
_shared_lock = threading.Lock()


class CalendarLike(Protocol):
    """The two calendar questions the scheduler asks (``WorkCalendar`` answers them)."""

    def is_working_day(self, d: dt.date) -> bool: ...

    def is_provisional(self, d: dt.date) -> bool: ...


class DayTable:
    """O(1) working-day arithmetic over a growing range of ordinals."""

    def __init__(self, calendar: CalendarLike, around: dt.date) -> None:
        self.calendar = calendar
        o = around.toordinal()
        self.lo = o - _GROW_DAYS
        self.hi = self.lo  # exclusive
        self.work = bytearray()
        self.cum: list[int] = []  # cum[i] = working days in [lo, lo + i]
        self.wd: list[int] = []  # ordinals of working days, ascending
        self.prov: list[int] = []  # prov[i] = provisional days in [lo, lo + i]
        self._lock = threading.Lock()
        self._extend_to(o + 4 * _GROW_DAYS)

    # ------------------------------------------------------------------ table
    def _extend_to(self, hi: int) -> None:
        # Readers only look below ``self.hi``, which moves after the arrays have grown, so
        # a table shared between threads (:func:`shared_table`) only locks to grow.
        with self._lock:
            self._grow(hi)

    def _grow(self, hi: int) -> None:
        if hi <= self.hi:
            return
        hi = max(hi, self.hi + _GROW_DAYS)
        cal = self.calendar
        count = self.cum[-1] if self.cum else 0
        pcount = self.prov[-1] if self.prov else 0
        prov_year: dict[int, bool] = {}
        for o in range(self.hi, hi):
            d = dt.date.fromordinal(o)
            w = cal.is_working_day(d)
            self.work.append(1 if w else 0)
            if w:
                count += 1
                self.wd.append(o)
            self.cum.append(count)
            p = prov_year.get(d.year)
            if p is None:
                p = cal.is_provisional(d)
                prov_year[d.year] = p
            if p:
                pcount += 1
            self.prov.append(pcount)
        self.hi = hi

    def _need(self, o: int) -> None:
        if o < self.lo:
            raise ValueError("date before the planning window")
        if o >= self.hi:
            self._extend_to(o + _GROW_DAYS)

    def _need_k(self, k: int) -> None:
        while k >= len(self.wd):
            self._extend_to(self.hi + _GROW_DAYS)

    # ------------------------------------------------------------ primitives
    def is_working(self, o: int) -> bool:
        self._need(o)
        return bool(self.work[o - self.lo])

    def cw(self, o: int) -> int:
        """Working days in ``[lo, o]``; ``cw(b) - cw(a)`` counts those in ``(a, b]``."""
        i = o - self.lo
        if i < 0 or o >= self.hi:
            self._need(o)
        return self.cum[i]

    def next_wd(self, o: int) -> int:
        """The first working day on or after ``o``."""
        i = o - self.lo
        if i < 0 or o >= self.hi:
            self._need(o)
        if self.work[i]:
            return o
        k = self.cum[i]
        if k >= len(self.wd):
            self._need_k(k)
        return self.wd[k]

    def prev_wd(self, o: int) -> int:
        """The last working day on or before ``o``."""
        i = o - self.lo
        if i < 0 or o >= self.hi:
            self._need(o)
        if self.work[i]:
            return o
        k = self.cum[i]
        if k == 0:
            raise ValueError("no working day before the planning window")
        return self.wd[k - 1]

    def add_wd(self, o: int, n: int) -> int:
        """The n-th working day after ``o`` (``o`` not counted); n = 0: ``next_wd(o)``."""
        if n == 0:
            return self.next_wd(o)
        self._need(o)
        k = self.cum[o - self.lo] + n - 1
        self._need_k(k)
        return self.wd[k]

    def inv_add_wd(self, limit: int, n: int) -> int:
        """The latest day ``y`` with ``add_wd(y, n) <= limit``."""
        if n == 0:
            return limit
        k = self.cw(limit) - n
        if k < 0:
            raise ValueError("before the planning window")
        return self.wd[k] - 1

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
        self._need(a)
        self._need(b)
        before = self.prov[a - self.lo - 1] if a > self.lo else 0
        return self.prov[b - self.lo] > before

    @staticmethod
    def date(o: int) -> dt.date:
        return dt.date.fromordinal(o)


def shared_table(calendar: CalendarLike, around: dt.date) -> DayTable:
    """A :class:`DayTable` of ``calendar`` covering ``around``, shared between plans.

    Building the table asks the calendar about every day of several years, so the tables
    of the last few calendars are kept (calendars do not change) and reused whenever their
    window already starts early enough for ``around``.
    """
    o = around.toordinal()
    key = id(calendar)
    with _shared_lock:
        entry = _shared.get(key)
        if entry is not None and entry[0] is calendar and entry[1].lo <= o - _GROW_DAYS:
            _shared.move_to_end(key)
            return entry[1]
    table = DayTable(calendar, around)
    with _shared_lock:
        entry = _shared.get(key)
        if entry is None or entry[0] is not calendar or entry[1].lo > table.lo:
            _shared[key] = (calendar, table)
            _shared.move_to_end(key)
            while len(_shared) > _SHARED_MAX:
                _shared.popitem(last=False)
    return table
