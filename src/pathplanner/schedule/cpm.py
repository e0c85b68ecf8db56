"""The timing pass: forward (earliest) and backward (latest) dates, float, critical chain.

Everything runs on integer day numbers (ordinals) with the O(1) lookups of
:class:`~pathplanner.schedule._days.DayTable`, over a compiled array form of the
:class:`~pathplanner.schedule.graph.PlanGraph`, so one pass is linear in the size of the
graph. The semantics are those of ``docs/scheduling.md``:

- an item is accepted on ``A = next_wd(c)`` where ``c`` is the latest constraint on its
  acceptance (a predecessor's ready date plus the edge's lag, or the project start); its
  excluded segments follow on their own clocks, ending on ``X``; it is decided on
  ``D = add_wd(X, d)`` for a working-day limit ``d`` (``next_wd(X + d)`` for a calendar-day
  limit), capped by its group's cap, and no earlier than any decision-binding constraint
  (pre-review, 容缺 supplement);
- a calendar-day task occupies ``(s, s + d]`` (a legal period ends on the next working day);
- a task's ready date is ``next_wd(finish)``;
- float is ``cw(latest ready) - cw(earliest ready)`` in working days.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from pathplanner.errors import InputError
from pathplanner.model import Clock, Duration
from pathplanner.schedule._days import DayTable
from pathplanner.schedule.graph import PlanGraph, cycle_problem
from pathplanner.schedule.result import Edge

__all__ = ["Fixed", "Net", "Times", "backward", "compile_graph", "forward"]

# timing codes
REVIEW, SPAN, LEGAL, WORKING, MILESTONE, SUPPLEMENT = range(6)
_CODES = {
    "review": REVIEW,
    "span": SPAN,
    "legal": LEGAL,
    "working": WORKING,
    "milestone": MILESTONE,
    "supplement": SUPPLEMENT,
}
_NONE = -1


@dataclass
class Net:
    """A compiled plan graph: nodes by index in topological order (ids break ties)."""

    ids: list[str]
    index: dict[str, int]
    timing: list[int]
    duration: list[Duration]
    excluded: list[tuple[Duration, ...]]
    cap: list[Duration | None]
    acc: list[list[tuple[int, int, int]]]
    dec: list[list[tuple[int, int, int]]]
    sups: list[list[int]]
    anchor: list[int]
    visible: list[bool]


@dataclass
class Fixed:
    """Re-planning constraints per node index: actual dates and earliest allowed dates."""

    start: dict[int, int] = field(default_factory=dict)
    finish: dict[int, int] = field(default_factory=dict)
    start_floor: dict[int, int] = field(default_factory=dict)
    finish_floor: dict[int, int] = field(default_factory=dict)
    floor_all: int | None = None


@dataclass
class Times:
    """Dates of every node as ordinals; ``lf`` etc. are filled by :func:`backward`."""

    constraint: list[int]
    es: list[int]
    ef: list[int]
    er: list[int]
    driver: list[int]
    finish: int
    last: int
    ls: list[int] = field(default_factory=list)
    lf: list[int] = field(default_factory=list)
    lr: list[int] = field(default_factory=list)
    floats: list[int] = field(default_factory=list)


def compile_graph(graph: PlanGraph) -> Net:
    """Order the nodes topologically (smallest id first among the ready ones) and index
    the edges; raises :class:`InputError` naming the cycle when there is one.

    Linear apart from sorting the ids and the heap of ready nodes: a node's incoming edges
    come out ordered by the predecessor's index (ties in recorded order) because they are
    collected while walking the predecessors in topological order.
    """
    tasks = graph.tasks
    ids = sorted(tasks)
    pos = {t: i for i, t in enumerate(ids)}
    n = len(ids)
    succ: list[list[tuple[int, Edge]]] = [[] for _ in range(n)]
    indeg = [0] * n
    for before, after, edge in graph.cpm_edges:
        a = pos[after]
        succ[pos[before]].append((a, edge))
        indeg[a] += 1
    heap = [i for i in range(n) if indeg[i] == 0]
    heapq.heapify(heap)
    order: list[int] = []
    push, pop, append = heapq.heappush, heapq.heappop, order.append
    while heap:
        i = pop(heap)
        append(i)
        for j, _edge in succ[i]:
            indeg[j] -= 1
            if indeg[j] == 0:
                push(heap, j)
    if len(order) != n:
        problem = cycle_problem(graph)
        raise InputError([problem] if problem else [])
    new_ids = [ids[i] for i in order]
    index = dict(zip(new_ids, range(n), strict=True))
    specs = [tasks[t] for t in new_ids]
    rank = [0] * n
    for k, i in enumerate(order):
        rank[i] = k
    acc: list[list[tuple[int, int, int]]] = [[] for _ in range(n)]
    dec: list[list[tuple[int, int, int]]] = [[] for _ in range(n)]
    codes: dict[int, tuple[int, int]] = {}
    for k, i in enumerate(order):
        for j, edge in succ[i]:
            lag = edge.lag
            if lag is None:
                entry = (k, _NO_LAG, 0)
            else:
                code = codes.get(id(lag))
                if code is None:
                    code = codes[id(lag)] = _lag_code(lag)
                entry = (k, *code)
            (dec if edge.binds == "decision" else acc)[rank[j]].append(entry)
    sups: list[list[int]] = [[] for _ in range(n)]
    anchor = [_NONE] * n
    for item, sup_ids in graph.supplements.items():
        for s in sup_ids:
            sups[index[item]].append(index[s])
            anchor[index[s]] = index[item]
    codes_of = _CODES
    return Net(
        ids=new_ids,
        index=index,
        timing=[codes_of[s.timing] for s in specs],
        duration=[s.duration for s in specs],
        excluded=[s.excluded for s in specs],
        cap=[s.cap for s in specs],
        acc=acc,
        dec=dec,
        sups=sups,
        anchor=anchor,
        visible=[s.type != "group" for s in specs],
    )


_NO_LAG, _CAL_LAG, _WD_LAG = 0, 1, 2


def _lag_code(lag: Duration | None) -> tuple[int, int]:
    """An edge lag as (kind, value): no lag, calendar days, or working days."""
    if lag is None or (lag.value == 0 and lag.clock == Clock.calendar):
        return _NO_LAG, 0
    return (_CAL_LAG if lag.clock == Clock.calendar else _WD_LAG), lag.value


def _limit(days: DayTable, x: int, d: Duration) -> int:
    if d.clock == Clock.working:
        return days.add_wd(x, d.value)
    return days.next_wd(x + d.value)


def _inv_limit(days: DayTable, latest: int, d: Duration) -> int:
    """Latest ``x`` with ``_limit(x, d) <= latest`` (``latest`` a working day)."""
    if d.clock == Clock.working:
        return days.inv_add_wd(latest, d.value)
    return latest - d.value


def _shift_dur(days: DayTable, s: int, d: Duration) -> int:
    if d.clock == Clock.working:
        return days.add_wd(s, d.value)
    return s + d.value


def forward(net: Net, days: DayTable, start: int, fixed: Fixed | None = None) -> Times:
    """Earliest dates of every node from the project start ``start`` (an ordinal)."""
    n = len(net.ids)
    c_arr = [start] * n
    es = [start] * n
    ef = [start] * n
    er = [start] * n
    drv = [_NONE] * n
    next_wd, shift, add_wd = days.next_wd, days.shift, days.add_wd
    fx = fixed or Fixed()
    finish = start
    last = _NONE
    base = start if fx.floor_all is None else max(start, fx.floor_all)
    timing, acc, dec, durations = net.timing, net.acc, net.dec, net.duration
    excluded, caps, sups, visible = net.excluded, net.cap, net.sups, net.visible
    fixed_start, fixed_finish = fx.start, fx.finish
    start_floor, finish_floor = fx.start_floor, fx.finish_floor
    for i in range(n):
        t = timing[i]
        if t == SUPPLEMENT:
            continue
        c = start_floor.get(i, base) if start_floor else base
        d_i = _NONE
        for p, k, n_lag in acc[i]:
            v = er[p] if k == 0 else (er[p] + n_lag if k == 1 else add_wd(er[p], n_lag))
            if v > c:
                c = v
                d_i = p
        c_arr[i] = c
        dur = durations[i]
        if t == REVIEW:
            a = fixed_start.get(i, next_wd(c)) if fixed_start else next_wd(c)
            x = a
            for seg in excluded[i]:
                x = shift(x, seg)
            f = _limit(days, x, dur)
            cap = caps[i]
            if cap is not None:
                f = min(f, _limit(days, x, cap))
            for s in sups[i]:
                sc = a
                sd = d_i
                for p, k, n_lag in acc[s]:
                    v = er[p] if k == 0 else (er[p] + n_lag if k == 1 else add_wd(er[p], n_lag))
                    if v > sc:
                        sc = v
                        sd = p
                sf = _shift_dur(days, sc, durations[s])
                c_arr[s], es[s], ef[s], er[s], drv[s] = sc, sc, sf, next_wd(sf), sd
            s_start = a
        elif t == WORKING:
            s_start = fixed_start.get(i, next_wd(c)) if fixed_start else next_wd(c)
            f = add_wd(s_start, dur.value)
        else:
            s_start = fixed_start.get(i, c) if fixed_start else c
            f = s_start + dur.value if t != MILESTONE else s_start
            if t == LEGAL:
                f = next_wd(f)
        for p, k, n_lag in dec[i]:
            v = er[p] if k == 0 else (er[p] + n_lag if k == 1 else add_wd(er[p], n_lag))
            if t == REVIEW:
                v = next_wd(v)
            if v > f:
                f = v
                d_i = p
        if finish_floor:
            floor = finish_floor.get(i)
            if floor is not None and floor > f:
                f = floor
        if fixed_finish:
            f = fixed_finish.get(i, f)
        es[i] = s_start
        ef[i] = f
        er[i] = next_wd(f)
        drv[i] = d_i
        if visible[i] and (f > finish or last == _NONE):
            finish = f
            last = i
    return Times(constraint=c_arr, es=es, ef=ef, er=er, driver=drv, finish=finish, last=last)


def backward(net: Net, days: DayTable, times: Times) -> None:
    """Latest dates and float of every node (fills ``times.ls``, ``lf``, ``lr``, ``floats``).

    The latest finish of a node without successors is the project finish; a predecessor
    must be ready early enough for every successor's latest acceptance (or decision, for a
    decision-binding edge).
    """
    n = len(net.ids)
    fin = times.finish
    lf = [fin] * n
    ls = [fin] * n
    prev_wd, next_wd, inv_shift = days.prev_wd, days.next_wd, days.inv_shift

    inv_add_wd = days.inv_add_wd

    def push(preds: Sequence[tuple[int, int, int]], bound: int) -> None:
        if not preds:
            return
        plain = prev_wd(bound)
        for p, k, n_lag in preds:
            if k == 0:
                y = plain
            elif k == 1:
                y = prev_wd(bound - n_lag)
            else:
                y = prev_wd(inv_add_wd(bound, n_lag))
            lf[p] = min(lf[p], y)

    for i in range(n - 1, -1, -1):
        t = net.timing[i]
        dur = net.duration[i]
        if t == REVIEW:
            ld = prev_wd(lf[i])
            lf[i] = ld
            push(net.dec[i], ld)
            xmax = _inv_limit(days, ld, dur)
            cap = net.cap[i]
            if cap is not None:
                xmax = max(xmax, _inv_limit(days, ld, cap))
            for seg in reversed(net.excluded[i]):
                xmax = inv_shift(xmax, seg)
            la = prev_wd(xmax)
            for s in net.sups[i]:
                sls = inv_shift(lf[s], net.duration[s])
                ls[s] = sls
                la = min(la, prev_wd(sls))
            ls[i] = la
            push(net.acc[i], la)
            continue
        if t == SUPPLEMENT:
            push(net.acc[i], ls[i])
            continue
        push(net.dec[i], lf[i])
        if t == SPAN:
            ls[i] = lf[i] - dur.value
        elif t == LEGAL:
            ls[i] = prev_wd(lf[i]) - dur.value
        elif t == WORKING:
            ls[i] = prev_wd(days.inv_add_wd(lf[i], dur.value))
        else:
            ls[i] = lf[i]
        push(net.acc[i], ls[i])
    lr = [next_wd(x) for x in lf]
    cw = days.cw
    times.ls, times.lf, times.lr = ls, lf, lr
    times.floats = [max(cw(lr[i]) - cw(times.er[i]), 0) for i in range(n)]


def critical_chain(net: Net, times: Times) -> list[str]:
    """The chain of binding predecessors from the task that finishes last back to the
    project start, visible tasks only, first task first.

    Each task on it starts (or, for a decision-binding edge, is decided) on its
    predecessor's ready date plus lag. Its tasks usually have float 0; one can have a little
    float when rounding to working days absorbs slack (a calendar-day task that ends on a
    rest day either way), see ``docs/scheduling.md`` §5.
    """
    chain: list[str] = []
    i = times.last
    seen: set[int] = set()
    while i != _NONE and i not in seen:
        seen.add(i)
        if net.visible[i]:
            chain.append(net.ids[i])
        i = times.driver[i]
    chain.reverse()
    return chain


def index_map(net: Net, values: Mapping[str, int]) -> dict[int, int]:
    """Task id → value, re-keyed by node index (unknown ids are ignored)."""
    return {net.index[k]: v for k, v in values.items() if k in net.index}
