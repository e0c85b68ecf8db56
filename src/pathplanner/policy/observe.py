"""What a plan shows, reduced to the facts scenario tests and ``diff`` compare.

:class:`Observation` is a small, sorted, comparable summary of a
:class:`~pathplanner.plan.model.Plan`: the tasks in it, the mode of each item, parallel
group members, the finish date, working days, the reasons of each decision, the time
limits planned with, and the materials.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathplanner.plan.model import Plan

__all__ = ["NORMAL_MODE", "Observation", "observe_plan"]

NORMAL_MODE = "normal"
"""The mode name an item has when no other mode is used."""


@dataclass(frozen=True)
class Observation:
    """The comparable facts of one plan.

    ``tasks``: ids of the items and works in the plan. ``modes``: item id -> mode.
    ``groups``: group id -> sorted members that are in the group. ``reasons``: task id ->
    rule ids of its decision (applicable or not). ``time_limits``: item id -> the planned
    limit as ``(value, clock)``. ``materials``: material ids of the material plan.
    ``disclosed``: item id -> the material ids its disclosure entry lists; ``statutory``:
    item id -> the statutory limit it states as ``(value, clock)``, or ``None``.
    """

    tasks: frozenset[str]
    modes: Mapping[str, str]
    groups: Mapping[str, tuple[str, ...]]
    finish: dt.date
    working_days: int
    reasons: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    time_limits: Mapping[str, tuple[int, str]] = field(default_factory=dict)
    materials: frozenset[str] = frozenset()
    excluded: frozenset[str] = frozenset()
    disclosed: Mapping[str, frozenset[str]] = field(default_factory=dict)
    statutory: Mapping[str, tuple[int, str] | None] = field(default_factory=dict)


def observe_plan(plan: Plan) -> Observation:
    """Summarise ``plan`` for comparison."""
    tasks: set[str] = set()
    modes: dict[str, str] = {}
    reasons: dict[str, set[str]] = {}
    for task in plan.tasks:
        if task.type not in ("item", "work"):
            continue
        tasks.add(task.ref)
        if task.type == "item":
            modes[task.ref] = task.mode or NORMAL_MODE
        reasons.setdefault(task.ref, set()).update(r.rule_id for r in task.reasons)
    excluded: set[str] = set()
    for entry in plan.disclosure.not_applicable:
        excluded.add(entry.item)
        reasons.setdefault(entry.item, set()).update(r.rule_id for r in entry.reasons)
    groups = {g.id: tuple(sorted(set(g.members) | set(g.joined))) for g in plan.groups}
    limits = {
        e.item: (e.time_limits.planned.value, e.time_limits.planned.clock)
        for e in plan.disclosure.entries
    }
    return Observation(
        tasks=frozenset(tasks),
        modes=dict(sorted(modes.items())),
        groups=dict(sorted(groups.items())),
        finish=plan.finish,
        working_days=plan.working_days,
        reasons={k: tuple(sorted(v)) for k, v in sorted(reasons.items())},
        time_limits=dict(sorted(limits.items())),
        materials=frozenset(m.material for m in plan.materials),
        excluded=frozenset(excluded),
        disclosed={
            e.item: frozenset(m.material for m in e.materials)
            for e in sorted(plan.disclosure.entries, key=lambda e: e.item)
        },
        statutory={
            e.item: (
                (e.time_limits.statutory.value, e.time_limits.statutory.clock)
                if e.time_limits.statutory is not None
                else None
            )
            for e in sorted(plan.disclosure.entries, key=lambda e: e.item)
        },
    )
