"""The exact path's lower bound: the finish of a relaxed graph, built.

When the options are not separable (or actual dates pin tasks of the built graph), the
optimizer builds every combination it times, and bounds a partial choice by the finish of
the *relaxed* graph: every task that an undecided option could touch (modes set, tasks
added or removed, dependencies added or removed, group membership) takes no time and has no
edges, and an item whose mode alone is open takes a mode no slower than any candidate
(:func:`relaxed_mode`). Every completion has at least the relaxed
graph's constraints and the timing pass is monotone, so no completion finishes earlier.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from pathplanner.catalog import Catalog
from pathplanner.catalog.model import Clock, Drop, Duration, Item, Mode, ModeKind
from pathplanner.decisions import Decisions, Option
from pathplanner.schedule._days import DayTable
from pathplanner.schedule.build import BuildMemo, build_graph
from pathplanner.schedule.cpm import Fixed, compile_graph, forward
from pathplanner.schedule.durations import item_duration
from pathplanner.schedule.graph import RELAXED_MODE

__all__ = ["RelaxedBounds", "relaxed_mode", "touched_tasks"]

_ZERO = Duration(value=0, clock=Clock.working)


def touched_tasks(option: Option) -> frozenset[str]:
    """Every task any alternative of ``option`` could change."""
    found: set[str] = set()
    if option.subject:
        found.add(option.subject)
    for alt in option.alternatives:
        e = alt.edits
        found.update(e.set_modes)
        found.update(e.add_tasks)
        found.update(e.remove_tasks)
        found.update(d.after for d in e.add_dependencies)
        found.update(d.after for d in e.remove_dependencies)
        for members in e.join_groups.values():
            found.update(members)
    return frozenset(found)


def relaxed_mode(
    item: Item, candidates: Sequence[Mode | None], decisions: Decisions, *, statutory: bool
) -> Mode:
    """A mode no slower than any of ``candidates`` (``None``: normal handling), for the
    optimizer's lower bound: the shortest limit without excluded time, every prerequisite or
    material any candidate drops or defers dropped, decision-binding wherever one candidate
    binds the decision, and only the materials every candidate adds."""
    durations = [item_duration(item, m, decisions, statutory=statutory)[0] for m in candidates]
    clocks = {d.clock for d in durations}
    shortest = (
        Duration(value=min(d.value for d in durations), clock=durations[0].clock)
        if len(clocks) == 1
        else _ZERO
    )
    modes = [m for m in candidates if m is not None]
    drops: set[tuple[str, str]] = set()
    waits: set[str] = set()
    for m in modes:
        drops.update((d.kind, d.ref) for d in m.drops)
        drops.update(("material", x.material) for x in m.deferred_materials)
        waits.update(m.decision_waits_for)
    added = set.intersection(*(set(m.adds_materials) for m in modes)) if modes else set()
    if len(modes) < len(candidates):
        added = set()
    pre = any(m.kind == ModeKind.pre_review for m in modes)
    return Mode(
        id=RELAXED_MODE,
        kind=ModeKind.pre_review if pre else ModeKind.fast_track,
        zh=RELAXED_MODE,
        basis=RELAXED_MODE,
        valid_from=dt.date.min,
        drops=[
            Drop.model_validate({kind: ref, "basis": RELAXED_MODE}) for kind, ref in sorted(drops)
        ],
        decision_waits_for=sorted(waits),
        adds_materials=sorted(added),
        duration=shortest,
    )


class RelaxedBounds:
    """Relaxed-graph bounds of partial choices (the first options decided, by index),
    with the fewest planned items any completion can have."""

    def __init__(
        self,
        catalog: Catalog,
        decisions: Decisions,
        options: Sequence[Option],
        *,
        statutory: bool,
    ) -> None:
        self.catalog = catalog
        self.decisions = decisions
        self.options = list(options)
        self.statutory = statutory
        self.touched = [self._touched_with_replaced(o) for o in self.options]
        self.mode_sets = [self._mode_candidates(o) for o in self.options]
        self.removals = [self._most_removed(o) for o in self.options]
        self.first_adds = [len(o.alternatives[0].edits.add_tasks) for o in self.options]
        self.relaxations: dict[int, tuple[frozenset[str], dict[str, Mode]]] = {}
        self.bounds: dict[tuple[int, ...], int] = {}
        self.item_bounds: dict[tuple[int, ...], int] = {}

    def known(self, prefix: tuple[int, ...]) -> bool:
        """Whether the bound of ``prefix`` was computed already."""
        return prefix in self.bounds

    def items_bound(self, prefix: tuple[int, ...]) -> int:
        """The fewest planned items of any completion of ``prefix`` (no bound known yet:
        a value below every count)."""
        return self.item_bounds.get(prefix, -(10**9))

    def _touched_with_replaced(self, option: Option) -> frozenset[str]:
        found = set(touched_tasks(option))
        for alt in option.alternatives:
            for item_id, mode_id in alt.edits.set_modes.items():
                item = self.catalog.items.get(item_id)
                mode = next((m for m in item.modes if m.id == mode_id), None) if item else None
                if mode is not None:
                    found.update(mode.replaces)
        return frozenset(found)

    def _most_removed(self, option: Option) -> int:
        """The most tasks one alternative of ``option`` removes (directly or by a merged
        mode replacing them)."""
        most = 0
        for alt in option.alternatives:
            gone = set(alt.edits.remove_tasks)
            for item_id, mode_id in alt.edits.set_modes.items():
                item = self.catalog.items.get(item_id)
                mode = next((m for m in item.modes if m.id == mode_id), None) if item else None
                if mode is not None:
                    gone.update(mode.replaces)
            most = max(most, len(gone))
        return most

    def _mode_candidates(self, option: Option) -> dict[str, list[Mode | None]] | None:
        """For an option that only chooses an item's handling mode: item → the candidate
        modes (``None`` for normal handling); ``None`` for any other option."""
        subject: str | None = None
        found: list[Mode | None] = []
        for alt in option.alternatives:
            e = alt.edits
            if e.add_tasks or e.add_dependencies or e.remove_dependencies or e.join_groups:
                return None
            if len(e.set_modes) > 1:
                return None
            if not e.set_modes:
                found.append(None)
                continue
            ((item_id, mode_id),) = e.set_modes.items()
            if subject not in (None, item_id):
                return None
            subject = item_id
            item = self.catalog.items.get(item_id)
            mode = next((m for m in item.modes if m.id == mode_id), None) if item else None
            if mode is None or not set(e.remove_tasks) <= set(mode.replaces):
                return None
            found.append(None if mode.kind == ModeKind.normal else mode)
        if subject is None:
            return None
        return {subject: found}

    def _relaxation(self, k: int) -> tuple[frozenset[str], dict[str, Mode]]:
        """Tasks to neutralize and items to soften for the options from index ``k`` on
        (computed once per ``k``)."""
        found = self.relaxations.get(k)
        if found is None:
            found = self._relaxation_of(k)
            self.relaxations[k] = found
        return found

    def _relaxation_of(self, k: int) -> tuple[frozenset[str], dict[str, Mode]]:
        relax: set[str] = set()
        candidates: dict[str, list[Mode | None]] = {}
        for touched, modes in zip(self.touched[k:], self.mode_sets[k:], strict=True):
            if modes is None:
                relax.update(touched)
                continue
            relax.update(touched - set(modes))
            for item_id, found in modes.items():
                candidates.setdefault(item_id, []).extend(found)
        soft: dict[str, Mode] = {}
        for item_id, found in candidates.items():
            item = self.catalog.items.get(item_id)
            if item is None or item_id in relax:
                continue
            soft[item_id] = relaxed_mode(
                item, [None, *found], self.decisions, statutory=self.statutory
            )
        return frozenset(relax), soft

    def bound(
        self,
        prefix: tuple[int, ...],
        assignment: Mapping[str, str],
        *,
        memo: BuildMemo,
        days: DayTable,
        start: int,
        fixed_for: Callable[[dict[str, int]], Fixed],
    ) -> int:
        """A finish no completion of ``prefix`` can beat; ``assignment`` is the prefix as
        option id → alternative id."""
        found = self.bounds.get(prefix)
        if found is not None:
            return found
        relax, soft = self._relaxation(len(prefix))
        graph = build_graph(
            self.catalog,
            self.decisions,
            assignment,
            statutory=self.statutory,
            relax=relax,
            soft=soft,
            memo=memo,
            sort_edges=False,
        )
        net = compile_graph(graph)
        fx = fixed_for(net.index)
        for name in ("start", "finish"):
            table: dict[int, int] = getattr(fx, name)
            for task_id in relax:
                table.pop(net.index.get(task_id, -1), None)
        bound = forward(net, days, start, fx).finish
        self.bounds[prefix] = bound
        self.item_bounds[prefix] = graph.items - sum(
            self.removals[k] + self.first_adds[k] for k in range(len(prefix), len(self.options))
        )
        return bound
