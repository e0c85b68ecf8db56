"""Which time limit an item is planned with: the one place that decides it.

:func:`limits_in_force` says which statutory (法定) and committed (承诺) limits of an item
are in force on a day; the disclosure list shows exactly those.
:func:`item_duration` decides the limit a plan uses for an item in a mode (a rule's
override, the mode's own duration, else the limit in force on the decisions' as-of date)
and its excluded time, for the committed or the statutory view. :class:`ItemLimits` is the
same answer remembered, for the builder and for the other view of a finished plan.
:func:`work_duration` is how long a work takes.
``docs/scheduling.md`` §2.1 states the order for users.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

from pathplanner.catalog import Catalog
from pathplanner.catalog.model import (
    Clock,
    DatedDuration,
    Duration,
    FieldDuration,
    Item,
    Mode,
    TimeLimits,
    Work,
)
from pathplanner.decisions import Decisions
from pathplanner.schedule.tables import Limits, build_tables

__all__ = [
    "InForce",
    "ItemLimits",
    "Limits",
    "item_duration",
    "limit_in_force",
    "limits_in_force",
    "work_duration",
]

_ZERO = Duration(value=0, clock=Clock.working)
_DAYS_PER_MONTH = 30


def limit_in_force(values: Iterable[DatedDuration], day: dt.date) -> DatedDuration | None:
    """The first of ``values`` in force on ``day`` (the catalog checks that they do not
    overlap), or ``None``."""
    for value in values:
        if value.in_force(day):
            return value
    return None


class InForce(NamedTuple):
    """The statutory and committed limits of an item in force on one day (``None``: no
    such limit that day)."""

    statutory: DatedDuration | None
    committed: DatedDuration | None


def limits_in_force(limits: TimeLimits, day: dt.date) -> InForce:
    """The statutory and committed limits of ``limits`` in force on ``day``."""
    return InForce(limit_in_force(limits.statutory, day), limit_in_force(limits.committed, day))


def item_duration(
    item: Item,
    mode: Mode | None,
    decisions: Decisions,
    *,
    statutory: bool,
) -> Limits:
    """The limit an item is planned with and its excluded segments.

    Order: a rule's :class:`~pathplanner.decisions.TimeLimitOverride` for the limit in use;
    else the mode's own duration (no excluded time then); else the catalog's committed limit
    in force on ``decisions.as_of`` (the statutory one when none is committed). With
    ``statutory`` the statutory limit plus every extension in force plus every excluded part
    at its maximum; otherwise the expected excluded parts at their expected length. An item
    with no limit in force is planned with 0 working days.
    """
    wanted = "statutory" if statutory else "committed"
    for override in decisions.time_limits:
        if override.item == item.id and override.limit == wanted:
            return override.duration, ()
    if mode is not None and mode.duration is not None:
        return mode.duration, ()
    limits = item.time_limits
    as_of = decisions.as_of
    found = limits_in_force(limits, as_of)
    base: Duration | None
    if statutory:
        stat = found.statutory or found.committed
        base = None
        if stat is not None:
            value = stat.value + sum(e.value for e in limits.extensions if e.in_force(as_of))
            base = Duration(value=value, clock=stat.clock)
        excluded = tuple(e.maximum or e.duration for e in limits.excluded)
    else:
        base = found.committed or found.statutory
        excluded = tuple(e.duration for e in limits.excluded if e.expected)
    if base is None:
        base = _ZERO
    return Duration(value=base.value, clock=base.clock), excluded


class ItemLimits:
    """:func:`item_duration` of the items of one catalog, for one decisions and view,
    remembered.

    In normal handling without a rule's override the answer depends only on the item, the
    as-of date and the view, so it is kept in the catalog's table and shared by every plan
    (:meth:`~pathplanner.schedule.tables.BuildTables.limits_for`); any other answer is kept
    here, per item and mode object (modes are kept alive, so an id is never reused).
    """

    __slots__ = ("decisions", "moded", "modes", "normal", "overridden", "statutory")

    def __init__(self, catalog: Catalog, decisions: Decisions, *, statutory: bool) -> None:
        self.decisions = decisions
        self.statutory = statutory
        self.overridden = frozenset(o.item for o in decisions.time_limits)
        self.normal = build_tables(catalog).limits_for(decisions.as_of, statutory)
        self.moded: dict[tuple[str, int], Limits] = {}
        self.modes: dict[int, Mode] = {}

    def of(self, item: Item, mode: Mode | None) -> Limits:
        """:func:`item_duration` of ``item`` in ``mode`` (``None``: normal handling)."""
        if mode is None and item.id not in self.overridden:
            found = self.normal.get(item.id)
            if found is None:
                found = item_duration(item, None, self.decisions, statutory=self.statutory)
                self.normal[item.id] = found
            return found
        key = (item.id, id(mode))
        found = self.moded.get(key)
        if found is None:
            if mode is not None:
                self.modes[id(mode)] = mode
            found = item_duration(item, mode, self.decisions, statutory=self.statutory)
            self.moded[key] = found
        return found


def work_duration(work: Work, decisions: Decisions) -> Duration:
    """How long a work takes: its own duration, or a profile field's value (its default when
    the field is missing or not a number; months of 30 days), never negative."""
    d = work.duration
    if isinstance(d, Duration):
        return Duration(value=d.value, clock=d.clock)
    assert isinstance(d, FieldDuration)
    raw = decisions.facts.get(d.field)
    value = raw if isinstance(raw, int | float) and not isinstance(raw, bool) else d.default
    days = int(value or 0)
    if d.unit == "months":
        days *= _DAYS_PER_MONTH
    return Duration(value=max(days, 0), clock=d.clock)
