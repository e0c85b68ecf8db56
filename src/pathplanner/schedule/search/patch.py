"""Combinations of alternatives timed by patching one compiled net, not by rebuilding it.

The optimizer compares many combinations of alternatives. Building and compiling the plan
graph for each is what made it slow, yet one alternative usually changes a handful of nodes.
:meth:`PatchNet.build` builds the graph once with every option at its first alternative (the
*base*) and once per other alternative with only that option changed (a *deviation*), and
records each deviation as a :class:`Delta` against the base: nodes removed, nodes added or
changed, and incoming edges gained and lost per node (counted, as the compiled net keeps one
entry per recorded edge).

The net of a combination is the base with the chosen deltas applied when the options are
*separable*, which is checked for every pair of options:

- a node whose attributes an option changes, or (for an item, work, material or supplement)
  whose incoming edges it drops, is touched by no other option; nor is an ``any_of`` node
  whose incoming edges it changes at all (it is ready with the *first* of them, so what
  another option adds there would move it earlier); a stage gate and a parallel
  group's start and end nodes may gain and lose edges under several options, since the build
  gives them one edge per member or task and nothing else;
- a node two options both add is added with the same attributes by both;
- no option adds an edge from a node another option removes.

Options that are not separable from each other (a merged mode that replaces an item whose
own mode is another option, say) form one *unit* whose alternatives are all their
combinations, each built in full, as long as a unit has at most :data:`UNIT_LIMIT`
combinations. When that fails, or the union of all edges has a cycle, :meth:`PatchNet.build`
returns ``None`` and the optimizer builds every combination's graph. The tests check on
generated catalogs that the patched finish equals the built graph's for every combination.

For the lower bound an undecided unit contributes its *meet* over the alternatives still
possible: the weakest net they all dominate. A node some of them remove or add is left out; a
node whose attributes differ keeps the shortest duration when only the duration differs, and
otherwise becomes a zero-length milestone; a node keeps only the incoming edges none of them
drops, except an ``any_of`` node, ready with the first of its inputs, which keeps every input
any of them has. The timing pass is monotone (fewer edges into a node that waits for all of
them, more into one that waits for the first, and shorter durations never finish later), so
the meet never finishes later than any of its alternatives.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from pathplanner.catalog.model import Clock, Duration
from pathplanner.schedule._days import DayTable
from pathplanner.schedule.cpm import (
    MILESTONE,
    TIMING_CODES,
    Fixed,
    Net,
    Times,
    forward,
    lag_code,
    topological_order,
)
from pathplanner.schedule.graph import ANY, GATE, GROUP, GROUP_END, PlanGraph

__all__ = ["UNIT_LIMIT", "Delta", "PatchNet"]

UNIT_LIMIT = 64
"""Most combinations one unit of interacting options may have (each is built once)."""

_EARLIEST_MAX = 200_000
"""Most remembered unit timings per patch net (see :meth:`PatchNet._earliest`)."""

_ZERO = Duration(value=0, clock=Clock.working)
_NONE = -1
_SHARED_PREFIXES = (GATE, GROUP, GROUP_END)

InEdge = tuple[int, bool, int, int]
"""An incoming edge: predecessor's index, whether it binds the decision, lag kind, lag."""

NodeState = tuple[
    int,
    Duration,
    tuple[Duration, ...],
    Duration | None,
    bool,
    tuple[int, ...],
    int,
    Duration | None,
]
"""What the timing pass reads of a node: timing, duration, excluded, cap, visible,
supplement indices, anchor index, supplement deadline."""

_RawState = tuple[
    int,
    Duration,
    tuple[Duration, ...],
    Duration | None,
    bool,
    tuple[str, ...],
    str | None,
    Duration | None,
]
_RawEdge = tuple[str, bool, int, int]


@dataclass(frozen=True)
class _RawDelta:
    state: dict[str, _RawState | None]
    add: dict[str, Counter[_RawEdge]]
    drop: dict[str, Counter[_RawEdge]]
    items: int


@dataclass(frozen=True)
class Delta:
    """How one alternative's net differs from the base (indices of the shared order).

    ``state``: node → its new state, or ``None`` when the alternative removes it;
    ``add``/``drop``: node → incoming edges gained/lost, with their counts; ``items``: the
    change in the number of planned items."""

    state: dict[int, NodeState | None]
    add: dict[int, Counter[InEdge]]
    drop: dict[int, Counter[InEdge]]
    items: int
    edge_nodes: frozenset[int] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "edge_nodes", frozenset(self.add) | frozenset(self.drop))


@dataclass(frozen=True)
class _Raw:
    """A compiled net keyed by task id."""

    state: dict[str, _RawState]
    incoming: dict[str, tuple[_RawEdge, ...]]
    items: int


def _raw(graph: PlanGraph) -> _Raw:
    """The graph as the timing pass sees it, keyed by task id (read straight from the
    graph: compiling it would also sort it, which the diff does not need)."""
    anchor_of: dict[str, str] = {}
    for item, sup_ids in graph.supplements.items():
        for s in sup_ids:
            anchor_of[s] = item
    state: dict[str, _RawState] = {}
    for t, spec in graph.tasks.items():
        sups = graph.supplements.get(t)
        state[t] = (
            TIMING_CODES[spec.timing],
            spec.duration,
            spec.excluded,
            spec.cap,
            spec.visible,
            tuple(sups) if sups else (),
            anchor_of.get(t),
            spec.deadline if spec.timing == "supplement" else None,
        )
    lists: dict[str, list[_RawEdge]] = {}
    for before, after, edge in graph.cpm_edges:
        kind, value = lag_code(edge.lag)
        entry = (before, edge.binds == "decision", kind, value)
        found = lists.get(after)
        if found is None:
            lists[after] = [entry]
        else:
            found.append(entry)
    incoming = {t: tuple(sorted(e)) for t, e in lists.items()}
    return _Raw(state, incoming, graph.items)


def _diff(base: _Raw, other: _Raw) -> _RawDelta:
    state: dict[str, _RawState | None] = {t: None for t in base.state if t not in other.state}
    add: dict[str, Counter[_RawEdge]] = {}
    drop: dict[str, Counter[_RawEdge]] = {}
    base_state, base_in, other_in = base.state, base.incoming, other.incoming
    for t, st in other.state.items():
        if base_state.get(t) != st:
            state[t] = st
    for t in set(base_in) | set(other_in):
        mine = other_in.get(t, ())
        theirs = base_in.get(t, ())
        if mine == theirs:
            continue
        gained = Counter(mine) - Counter(theirs)
        lost = Counter(theirs) - Counter(mine)
        if gained:
            add[t] = gained
        if lost:
            drop[t] = lost
    return _RawDelta(state, add, drop, other.items - base.items)


def _shared(task_id: str) -> bool:
    return task_id.startswith(_SHARED_PREFIXES)


@dataclass
class _Footprint:
    """Where one unit's alternatives change the base."""

    owned: set[str]
    added: dict[str, _RawState]
    touched: set[str]
    removed: set[str]
    preds: set[str]


def _footprint(deltas: Sequence[_RawDelta], base: _Raw) -> _Footprint:
    fp = _Footprint(set(), {}, set(), set(), set())
    for d in deltas:
        for t, st in d.state.items():
            if t in base.state:
                fp.owned.add(t)
                if st is None:
                    fp.removed.add(t)
            elif st is not None and fp.added.setdefault(t, st) != st:
                fp.owned.add(t)  # added differently by two alternatives: its own
        for t in d.drop:
            if not _shared(t):
                fp.owned.add(t)
        fp.owned.update(t for t in d.add if t.startswith(ANY))
        fp.touched.update(d.add)
        fp.touched.update(d.drop)
        for found in d.add.values():
            fp.preds.update(p for p, *_ in found)
    return fp


def _conflict(a: _Footprint, b: _Footprint) -> bool:
    if a.owned & (b.owned | b.touched | set(b.added)) or b.owned & (a.touched | set(a.added)):
        return True
    if any(b.added[t] != st for t, st in a.added.items() if t in b.added):
        return True
    return bool(a.removed & b.preds or b.removed & a.preds)


Builder = Callable[[Mapping[int, int]], PlanGraph]
"""Builds the graph with the given options (by index) at the given alternatives, every
other option at its first."""


@dataclass(frozen=True)
class _Unit:
    """Options timed together: their indices and every combination of their alternatives
    (row ``r`` of the unit's deltas is ``combos[r]``, row 0 all first alternatives)."""

    options: tuple[int, ...]
    combos: tuple[tuple[int, ...], ...]


def _units(
    sizes: Sequence[int],
    build: Builder,
    base: _Raw,
    graphs: dict[tuple[tuple[int, int], ...], PlanGraph],
) -> tuple[list[_Unit], list[list[_RawDelta]]] | None:
    """Group the options into separable units (building each unit's combinations)."""
    units: list[_Unit] = []
    rows: list[list[_RawDelta]] = []

    def make(options: tuple[int, ...]) -> bool:
        ranges = [range(sizes[k]) for k in options]
        combos = tuple(itertools.product(*ranges))
        if len(combos) > UNIT_LIMIT:
            return False
        row = [_RawDelta({}, {}, {}, 0)]
        for combo in combos[1:]:
            chosen = {k: a for k, a in zip(options, combo, strict=True) if a}
            key = tuple(sorted(chosen.items()))
            graph = graphs.get(key)
            if graph is None:
                graph = build(chosen)
                graphs[key] = graph
            row.append(_diff(base, _raw(graph)))
        units.append(_Unit(options, combos))
        rows.append(row)
        return True

    for k in range(len(sizes)):
        if not make((k,)):
            return None
    while True:
        prints = [_footprint(row, base) for row in rows]
        clash = next(
            (
                (i, j)
                for i in range(len(units))
                for j in range(i + 1, len(units))
                if _conflict(prints[i], prints[j])
            ),
            None,
        )
        if clash is None:
            return units, rows
        i, j = clash
        merged = tuple(sorted(units[i].options + units[j].options))
        for r in (j, i):
            del units[r]
            del rows[r]
        if not make(merged):
            return None


@dataclass(frozen=True)
class _World:
    """A unit's touched nodes under one of its rows (local net: proxies first, then the
    nodes, each list by global index)."""

    net: Net
    proxies: tuple[int, ...]
    nodes: tuple[int, ...]
    floored: tuple[tuple[int, int], ...]
    """Shared (gate or group) nodes as (local index, global index): their constraint is
    floored at the relaxed net's."""


class PatchNet:
    """The base net and one :class:`Delta` per combination of each unit's alternatives."""

    def __init__(  # noqa: PLR0917
        self,
        ids: list[str],
        base: list[NodeState | None],
        base_in: list[tuple[InEdge, ...]],
        units: list[_Unit],
        deltas: list[list[Delta]],
        base_items: int,
        n_options: int,
    ) -> None:
        self.ids = ids
        self.index = {t: i for i, t in enumerate(ids)}
        self.base = base
        self.base_in = base_in
        self.units = units
        self.deltas = deltas
        self.base_items = base_items
        self.unit_of = [0] * n_options
        for u, unit in enumerate(units):
            for k in unit.options:
                self.unit_of[k] = u
        self._meets: dict[tuple[int, tuple[int, ...]], Delta] = {}
        self._worlds: dict[tuple[int, tuple[int, ...]], list[_World]] = {}
        self.shared = [_shared(t) for t in ids]
        self._every_row = [list(range(len(unit.combos))) for unit in units]
        self._fewest = [min(d.items for d in row) for row in deltas]
        # keyed by id(): every Delta lives as long as this net (rows and cached meets)
        self._alone_lists: dict[
            tuple[int, int], tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]]
        ] = {}
        self.refinements = 3
        self._earliest_cache: dict[
            tuple[int, tuple[int, ...], int, tuple[int, ...]], dict[int, int]
        ] = {}
        n = len(ids)
        self._timing = [MILESTONE] * n
        self._duration = [_ZERO] * n
        self._excluded: list[tuple[Duration, ...]] = [()] * n
        self._cap: list[Duration | None] = [None] * n
        self._visible = [False] * n
        self._sups: list[list[int]] = [[] for _ in range(n)]
        self._anchor = [_NONE] * n
        self._deadline: list[Duration | None] = [None] * n
        for i, st in enumerate(base):
            if st is not None:
                self._set(i, st)
        self._base_acc: list[list[tuple[int, int, int]]] = []
        self._base_dec: list[list[tuple[int, int, int]]] = []
        for found in base_in:
            a, d = _lists(found)
            self._base_acc.append(a)
            self._base_dec.append(d)

    def _set(self, i: int, st: NodeState) -> None:
        self._timing[i], self._duration[i], self._excluded[i], self._cap[i] = st[:4]
        self._visible[i], self._sups[i], self._anchor[i] = st[4], list(st[5]), st[6]
        self._deadline[i] = st[7]

    # ----------------------------------------------------------------- build
    @classmethod
    def build(
        cls,
        sizes: Sequence[int],
        build: Builder,
        graphs: dict[tuple[tuple[int, int], ...], PlanGraph],
    ) -> PatchNet | None:
        """The patch net of options with ``sizes[k]`` alternatives each, built with
        ``build``; ``graphs`` keeps every graph built, keyed by the sorted ``(option,
        alternative)`` pairs that differ from the first alternatives (``()``: the base).
        ``None`` when the options are not separable (see the module docstring)."""
        base_graph = graphs.get(())
        if base_graph is None:
            base_graph = build({})
            graphs[()] = base_graph
        base = _raw(base_graph)
        found = _units(sizes, build, base, graphs)
        if found is None:
            return None
        units, raw_rows = found
        names = set(base.state)
        for row in raw_rows:
            for d in row:
                names.update(d.state)
        by_name = sorted(names)  # Kahn's order takes the smallest index, i.e. name, first
        index = {t: i for i, t in enumerate(by_name)}
        succ: list[set[int]] = [set() for _ in by_name]
        for t, found_in in base.incoming.items():
            for p, *_ in found_in:
                succ[index[p]].add(index[t])
        for row in raw_rows:
            for d in row:
                for t, gained in d.add.items():
                    for p, *_ in gained:
                        succ[index[p]].add(index[t])
        order = topological_order([sorted(targets) for targets in succ])
        if len(order) != len(by_name):
            return None  # the union of every alternative's edges has a cycle
        ids = [by_name[i] for i in order]
        pos = {t: k for k, t in enumerate(ids)}

        def node(st: _RawState | None) -> NodeState | None:
            if st is None:
                return None
            timing, dur, exc, cap, vis, sups, anchor, deadline = st
            at = pos[anchor] if anchor is not None else _NONE
            return (timing, dur, exc, cap, vis, tuple(pos[s] for s in sups), at, deadline)

        def edges(found: Counter[_RawEdge] | tuple[_RawEdge, ...]) -> Counter[InEdge]:
            return Counter({(pos[p], dec, k, v): c for (p, dec, k, v), c in Counter(found).items()})

        base_states: list[NodeState | None] = [None] * len(ids)
        base_in: list[tuple[InEdge, ...]] = [()] * len(ids)
        for t, st in base.state.items():
            base_states[pos[t]] = node(st)
            seq = base.incoming.get(t)
            if seq:
                base_in[pos[t]] = tuple((pos[p], dec, k, v) for p, dec, k, v in seq)
        deltas = [
            [
                Delta(
                    {pos[t]: node(st) for t, st in d.state.items()},
                    {pos[t]: edges(e) for t, e in d.add.items()},
                    {pos[t]: edges(e) for t, e in d.drop.items()},
                    d.items,
                )
                for d in row
            ]
            for row in raw_rows
        ]
        return cls(ids, base_states, base_in, units, deltas, base.items, len(sizes))

    # ------------------------------------------------------------- queries
    def rows(self, u: int, chosen: Mapping[int, int]) -> list[int]:
        """The rows of unit ``u`` consistent with ``chosen`` (option → alternative)."""
        unit = self.units[u]
        if len(unit.options) == 1:
            a = chosen.get(unit.options[0])
            return self._every_row[u] if a is None else [a]
        fixed = [(pos, chosen[k]) for pos, k in enumerate(unit.options) if k in chosen]
        return [r for r, combo in enumerate(unit.combos) if all(combo[p] == a for p, a in fixed)]

    def items_bound(self, chosen: Mapping[int, int]) -> int:
        """The fewest planned items of any completion of ``chosen``."""
        total = self.base_items
        for u, row in enumerate(self.deltas):
            rows = self.rows(u, chosen)
            if len(rows) == len(row):
                total += self._fewest[u]
            else:
                total += min(row[r].items for r in rows)
        return total

    def items(self, chosen: Mapping[int, int]) -> int:
        """Planned items of a complete combination."""
        total = self.base_items
        for u in range(len(self.units)):
            (r,) = self.rows(u, chosen)
            total += self.deltas[u][r].items
        return total

    def _meet(self, u: int, rows: Sequence[int]) -> Delta:
        key = (u, tuple(rows))
        found = self._meets.get(key)
        if found is not None:
            return found
        row = [self.deltas[u][r] for r in rows]
        state: dict[int, NodeState | None] = {}
        drop: dict[int, Counter[InEdge]] = {}
        add: dict[int, Counter[InEdge]] = {}
        touched: set[int] = set()
        for d in row:
            touched.update(d.state)
            for t, e in d.drop.items():
                drop.setdefault(t, Counter())
                drop[t] |= e
        # an any_of node is ready with its first input: it keeps every input a row has
        firsts = {t for d in row for t in (*d.add, *d.drop) if self.ids[t].startswith(ANY)}
        for t in firsts:
            kept = None
            for d in row:
                lost = d.drop.get(t, Counter())
                kept = lost if kept is None else kept & lost
            drop[t] = kept or Counter()
            add[t] = Counter()
            for d in row:
                add[t] |= d.add.get(t, Counter())
        for t in sorted(touched):
            if self.base[t] is None:
                continue  # a node only some alternatives add: absent, as in the base
            versions = [d.state[t] if t in d.state else self.base[t] for d in row]
            states = [v for v in versions if v is not None]
            if len(states) < len(versions):
                state[t] = None
                continue
            first = states[0]
            if all(
                v[0] == first[0] and v[1].clock == first[1].clock and v[2:] == first[2:]
                for v in states
            ):
                state[t] = min(states, key=lambda v: v[1].value)
            else:
                state[t] = (MILESTONE, _ZERO, (), None, first[4], (), _NONE, None)
        found = Delta(state, add, drop, 0)
        self._meets[key] = found
        return found

    def worlds(self, u: int, rows: Sequence[int]) -> list[_World]:
        """One small net per row of unit ``u``: the nodes the unit touches, as that row
        has them, fed by proxies of their other predecessors (see :meth:`floors`)."""
        key = (u, tuple(rows))
        found = self._worlds.get(key)
        if found is not None:
            return found
        deltas = self.deltas[u]
        touched: set[int] = set()
        for r in rows:
            d = deltas[r]
            touched.update(d.state)
            touched.update(d.add)
            touched.update(d.drop)
        # A gate or group node other units change too keeps, in each row, only the edges
        # this unit may take away (and those the row adds); the rest of what feeds it
        # comes in as a floor on its constraint, the relaxed net's (see :meth:`bound`).
        mine: dict[int, Counter[InEdge]] = {}
        for t in touched:
            if self.shared[t]:
                mine[t] = Counter()
                for r in rows:
                    mine[t] |= deltas[r].drop.get(t, Counter())
        found = []
        for r in rows:
            d = deltas[r]
            present = [
                t
                for t in sorted(touched)
                if (d.state[t] if t in d.state else self.base[t]) is not None
            ]
            state = {t: d.state[t] if t in d.state else self.base[t] for t in present}
            for t in list(present):  # supplements are timed with their item
                st = state[t]
                assert st is not None
                for s_idx in st[5]:
                    if s_idx not in state:
                        sup = d.state[s_idx] if s_idx in d.state else self.base[s_idx]
                        if sup is not None:
                            state[s_idx] = sup
                            present.append(s_idx)
            present.sort()
            incoming: dict[int, Counter[InEdge]] = {}
            proxies: set[int] = set()
            for t in present:
                edges = _applied(mine[t] if t in mine else self.base_in[t], (d,), t)
                incoming[t] = edges
                proxies.update(p for p, *_ in edges if p not in state)
            local_ids = sorted(proxies) + present  # proxies first: none has predecessors
            pos = {g: i for i, g in enumerate(local_ids)}
            n = len(local_ids)
            timing = [MILESTONE] * n
            duration = [_ZERO] * n
            excluded: list[tuple[Duration, ...]] = [()] * n
            cap: list[Duration | None] = [None] * n
            visible = [False] * n
            sups: list[list[int]] = [[] for _ in range(n)]
            anchor = [_NONE] * n
            deadline: list[Duration | None] = [None] * n
            acc: list[list[tuple[int, int, int]]] = [[] for _ in range(n)]
            dec: list[list[tuple[int, int, int]]] = [[] for _ in range(n)]
            for t in present:
                i = pos[t]
                st = state[t]
                assert st is not None
                timing[i], duration[i], excluded[i], cap[i], visible[i] = st[:5]
                sups[i] = [pos[x] for x in st[5] if x in pos]
                anchor[i] = pos.get(st[6], _NONE)
                deadline[i] = st[7]
                moved = Counter(
                    {(pos[p], dec_, k, v): c for (p, dec_, k, v), c in incoming[t].items()}
                )
                acc[i], dec[i] = _lists(moved)
            net = Net(
                ids=[self.ids[g] for g in local_ids],
                index={self.ids[g]: i for i, g in enumerate(local_ids)},
                timing=timing,
                duration=duration,
                excluded=excluded,
                cap=cap,
                acc=acc,
                dec=dec,
                sups=sups,
                anchor=anchor,
                visible=visible,
                deadline=deadline,
            )
            floored = tuple((pos[t], t) for t in present if t in mine)
            found.append(_World(net, tuple(sorted(proxies)), tuple(present), floored))
        self._worlds[key] = found
        return found

    def bound(
        self, chosen: Mapping[int, int], days: DayTable, start: int, enough: int | None = None
    ) -> tuple[int, bool]:
        """A finish no completion of ``chosen`` can beat: the finish of the net with the
        undecided options at their meet, where every node an undecided unit touches may
        finish no earlier than the earliest it finishes under any of the unit's rows still
        possible (each row timed on its own small net, fed by the meet's dates; repeated
        :attr:`refinements` times, each carrying the raised dates one step further).

        Stops early once the bound reaches ``enough``; the flag says whether it ran to the
        end."""
        net = self.net(chosen, relax_rest=True)
        times = forward(net, days, start)
        if enough is not None and times.finish >= enough:
            return times.finish, False
        open_units = [u for u in range(len(self.units)) if len(self.rows(u, chosen)) > 1]
        floors: dict[int, int] = {}
        fed: dict[int, list[int]] = {}  # unit → the proxies' finishes it was last timed with
        for _ in range(self.refinements):
            ef = times.ef
            raised = False
            for u in open_units:
                rows = self.rows(u, chosen)
                worlds = self.worlds(u, rows)
                inputs = [ef[g] for world in worlds for g in world.proxies]
                inputs += [times.constraint[g] for world in worlds for _, g in world.floored]
                if fed.get(u) == inputs:
                    continue  # nothing feeding this unit moved since its last timing
                fed[u] = inputs
                earliest = self._earliest(
                    u,
                    rows,
                    worlds=worlds,
                    inputs=tuple(inputs),
                    times=times,
                    days=days,
                    start=start,
                )
                for g, v in earliest.items():
                    if v > ef[g] and v > floors.get(g, v - 1):
                        floors[g] = v
                        raised = True
            if not raised:
                break
            times = forward(net, days, start, Fixed(finish_floor=floors))
            if enough is not None and times.finish >= enough:
                return times.finish, False
        return times.finish, True

    def _alone(
        self, d: Delta, t: int
    ) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]]:
        """Node ``t``'s incoming edges when ``d`` is the only part changing them."""
        key = (id(d), t)
        found = self._alone_lists.get(key)
        if found is None:
            found = _lists(_applied(self.base_in[t], (d,), t))
            self._alone_lists[key] = found
        return found

    def _earliest(
        self,
        u: int,
        rows: Sequence[int],
        *,
        worlds: Sequence[_World],
        inputs: tuple[int, ...],
        times: Times,
        days: DayTable,
        start: int,
    ) -> dict[int, int]:
        """Node → the earliest it finishes under any of ``rows`` of unit ``u``, given
        what feeds the unit (``inputs``, read from ``times``); remembered, since a search
        asks again whenever a decision elsewhere leaves the unit's inputs alone."""
        key = (u, tuple(rows), start, inputs)
        found = self._earliest_cache.get(key)
        if found is not None:
            return found
        ef, constraint = times.ef, times.constraint
        earliest: dict[int, int] | None = None
        for world in worlds:
            fixed = Fixed(
                finish={i: ef[g] for i, g in enumerate(world.proxies)},
                start_floor={i: constraint[g] for i, g in world.floored},
            )
            local = forward(world.net, days, start, fixed).ef
            off = len(world.proxies)
            mine = {g: local[off + j] for j, g in enumerate(world.nodes)}
            if earliest is None:
                earliest = mine
            else:
                earliest = {g: min(v, mine[g]) for g, v in earliest.items() if g in mine}
        found = earliest or {}
        if len(self._earliest_cache) >= _EARLIEST_MAX:
            self._earliest_cache.clear()
        self._earliest_cache[key] = found
        return found

    def net(self, chosen: Mapping[int, int], *, relax_rest: bool) -> Net:
        """The net with option ``k`` at alternative ``chosen[k]``; the other options at
        the meet of what they can still be (``relax_rest``) or at their first alternative."""
        parts: list[Delta] = []
        for u, row in enumerate(self.deltas):
            if relax_rest:
                rows = self.rows(u, chosen)
                if len(rows) > 1:
                    parts.append(self._meet(u, rows))
                    continue
                (r,) = rows
            else:
                full = {k: chosen.get(k, 0) for k in self.units[u].options}
                (r,) = self.rows(u, full)
            if r:
                parts.append(row[r])
        timing, duration = list(self._timing), list(self._duration)
        excluded, cap = list(self._excluded), list(self._cap)
        visible, sups, anchor = list(self._visible), list(self._sups), list(self._anchor)
        deadline = list(self._deadline)
        acc = list(self._base_acc)
        dec = list(self._base_dec)
        edge_parts: dict[int, list[Delta]] = {}
        gone: set[int] = set()
        for d in parts:
            for t, st in d.state.items():
                if st is None:
                    gone.add(t)
                    timing[t], duration[t], excluded[t], cap[t] = MILESTONE, _ZERO, (), None
                    visible[t], sups[t], anchor[t], deadline[t] = False, [], _NONE, None
                    acc[t], dec[t] = [], []
                    continue
                timing[t], duration[t], excluded[t], cap[t] = st[:4]
                visible[t], sups[t], anchor[t], deadline[t] = st[4], list(st[5]), st[6], st[7]
            for t in d.edge_nodes:
                edge_parts.setdefault(t, []).append(d)
        for t, touching in edge_parts.items():
            if t in gone:
                continue
            if len(touching) == 1:
                acc[t], dec[t] = self._alone(touching[0], t)
                continue
            acc[t], dec[t] = _lists(_applied(self.base_in[t], touching, t))
        return Net(
            ids=self.ids,
            index=self.index,
            timing=timing,
            duration=duration,
            excluded=excluded,
            cap=cap,
            acc=acc,
            dec=dec,
            sups=sups,
            anchor=anchor,
            visible=visible,
            deadline=deadline,
        )


def _lists(
    edges: Iterable[InEdge],
) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]]:
    """Incoming edges as the timing pass reads them: acceptance-binding and
    decision-binding ``(predecessor, lag kind, lag)``, each sorted, repeats dropped."""
    acc = sorted({(p, k, v) for p, dec, k, v in edges if not dec})
    dec_list = sorted({(p, k, v) for p, dec, k, v in edges if dec})
    return acc, dec_list


def _applied(start: Iterable[InEdge], parts: Iterable[Delta], t: int) -> Counter[InEdge]:
    """Node ``t``'s incoming edges: ``start`` less every part's drops, plus their adds."""
    edges = Counter(start)
    for d in parts:
        lost = d.drop.get(t)
        if lost:
            edges -= lost
    for d in parts:
        got = d.add.get(t)
        if got:
            edges += got
    return edges
