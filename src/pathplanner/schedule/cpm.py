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
- an ``earliest`` node (an ``any_of`` prerequisite with several inputs) is ready when the
  first of its predecessors is;
- a calendar-day task occupies ``(s, s + d]`` (a legal period ends on the next working day);
- a task's ready date is ``next_wd(finish)``;
- float is ``cw(latest ready) - cw(earliest ready)`` in working days.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from pathplanner.catalog.model import Clock, Duration, Lead
from pathplanner.errors import InputError
from pathplanner.schedule._days import DayTable
from pathplanner.schedule.graph import PlanGraph, cycle_problem
from pathplanner.schedule.result import Edge

__all__ = [
    "TIMING_CODES",
    "Fixed",
    "Net",
    "Times",
    "backward",
    "compile_graph",
    "forward",
    "lag_code",
    "late_supplements",
    "legal_end",
    "topological_order",
]

# timing codes
REVIEW, SPAN, LEGAL, WORKING, MILESTONE, SUPPLEMENT, EARLIEST = range(7)
TIMING_CODES = {
    "review": REVIEW,
    "span": SPAN,
    "legal": LEGAL,
    "working": WORKING,
    "milestone": MILESTONE,
    "supplement": SUPPLEMENT,
    "earliest": EARLIEST,
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
    deadline: list[Duration | None]


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


def topological_order(succ: Sequence[Sequence[int]]) -> list[int]:
    """Kahn's order of the nodes ``0 .. len(succ) - 1`` (``succ[i]``: the successors of
    ``i``, repeats allowed), the smallest index first among the ready ones; shorter than
    the node count when there is a cycle."""
    n = len(succ)
    indeg = [0] * n
    for targets in succ:
        for j in targets:
            indeg[j] += 1
    heap = [i for i in range(n) if indeg[i] == 0]
    heapq.heapify(heap)
    order: list[int] = []
    push, pop, append = heapq.heappush, heapq.heappop, order.append
    while heap:
        i = pop(heap)
        append(i)
        for j in succ[i]:
            indeg[j] -= 1
            if indeg[j] == 0:
                push(heap, j)
    return order


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
    succ: list[list[int]] = [[] for _ in range(n)]
    out_edges: list[list[Edge]] = [[] for _ in range(n)]
    for before, after, edge in graph.cpm_edges:
        b = pos[before]
        succ[b].append(pos[after])
        out_edges[b].append(edge)
    order = topological_order(succ)
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
        plain = (k, _NO_LAG, 0)  # one entry shared by the node's lag-free out-edges
        for j, edge in zip(succ[i], out_edges[i], strict=True):
            lag = edge.lag
            if lag is None:
                entry = plain
            else:
                code = codes.get(id(lag))
                if code is None:
                    code = codes[id(lag)] = lag_code(lag)
                entry = (k, *code)
            (dec if edge.binds == "decision" else acc)[rank[j]].append(entry)
    sups: list[list[int]] = [[] for _ in range(n)]
    anchor = [_NONE] * n
    for item, sup_ids in graph.supplements.items():
        for s in sup_ids:
            sups[index[item]].append(index[s])
            anchor[index[s]] = index[item]
    codes_of = TIMING_CODES
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
        visible=[s.visible for s in specs],
        deadline=[s.deadline if s.timing == "supplement" else None for s in specs],
    )


_NO_LAG, _CAL_LAG, _WD_LAG = 0, 1, 2


def lag_code(lag: Duration | None) -> tuple[int, int]:
    """An edge lag as (kind, value): no lag, calendar days, or working days. A
    :class:`~pathplanner.catalog.model.Lead` is a negative number of calendar days."""
    if lag is None or (lag.value == 0 and lag.clock == Clock.calendar):
        return _NO_LAG, 0
    if isinstance(lag, Lead):
        return _CAL_LAG, -lag.value
    return (_CAL_LAG if lag.clock == Clock.calendar else _WD_LAG), lag.value


def legal_end(days: DayTable, origin: int, d: Duration) -> int:
    """The end of a period ``d`` counted from ``origin``: ``d`` working days after it, or
    ``d`` calendar days after it moved to the next working day when that is a rest day."""
    if d.clock == Clock.working:
        return days.add_wd(origin, d.value)
    return days.next_wd(origin + d.value)


_limit = legal_end


def _inv_limit(days: DayTable, latest: int, d: Duration) -> int:
    """Latest ``x`` with ``_limit(x, d) <= latest`` (``latest`` a working day)."""
    if d.clock == Clock.working:
        return days.inv_add_wd(latest, d.value)
    return latest - d.value


def _shift_dur(days: DayTable, s: int, d: Duration) -> int:
    if d.clock == Clock.working:
        return days.add_wd(s, d.value)
    return s + d.value


def _clock_codes(durations: Sequence[Duration | None]) -> list[int]:
    """Durations as integers for the hot loops: ``n`` working days stay ``n``, ``n``
    calendar days become ``~n`` (negative)."""
    working = Clock.working
    return [0 if d is None else (d.value if d.clock == working else ~d.value) for d in durations]


def forward(net: Net, days: DayTable, start: int, fixed: Fixed | None = None) -> Times:
    """Earliest dates of every node from the project start ``start`` (an ordinal).

    Day arithmetic reads the calendar's arrays directly for the days they cover (``top``:
    every day before the snapshot's last working day has its next working day inside) and
    asks the :class:`DayTable` for the rest.
    """
    n = len(net.ids)
    c_arr = [start] * n
    es = [start] * n
    ef = [start] * n
    er = [start] * n
    drv = [_NONE] * n
    next_wd, shift, add_wd = days.next_wd, days.shift, days.add_wd
    arr = days.arrays
    lo, size, working, cum, ords = arr.lo, arr.size, arr.working, arr.cum, arr.ords
    nords = len(ords)
    top = ords[-1] - lo if nords else 0
    fx = fixed or Fixed()
    finish = start
    last = _NONE
    base = start if fx.floor_all is None else max(start, fx.floor_all)
    timing, acc, dec, durations = net.timing, net.acc, net.dec, net.duration
    excluded, caps, sups, visible = net.excluded, net.cap, net.sups, net.visible
    codes = _clock_codes(durations)
    fixed_start, fixed_finish = fx.start, fx.finish
    start_floor, finish_floor = fx.start_floor, fx.finish_floor
    for i in range(n):
        t = timing[i]
        if t == SUPPLEMENT:
            continue
        c = start_floor.get(i, base) if start_floor else base
        d_i = _NONE
        if t == EARLIEST:
            # ready with the first of its inputs (an any_of prerequisite)
            first = _NONE
            for p, k, n_lag in acc[i]:
                v = er[p] if k == 0 else (er[p] + n_lag if k == 1 else add_wd(er[p], n_lag))
                if first == _NONE or v < first:
                    first = v
                    d_i = p
            if first > c:
                c = first
            else:
                d_i = _NONE
            f = c
            if finish_floor:
                floor = finish_floor.get(i)
                if floor is not None and floor > f:
                    f = floor
            c_arr[i] = es[i] = ef[i] = c
            ef[i] = f
            er[i] = next_wd(f)
            drv[i] = d_i
            continue
        for p, k, n_lag in acc[i]:
            v = er[p] if k == 0 else (er[p] + n_lag if k == 1 else add_wd(er[p], n_lag))
            if v > c:
                c = v
                d_i = p
        c_arr[i] = c
        code = codes[i]
        if t in (REVIEW, WORKING):
            if fixed_start and i in fixed_start:
                s_start = fixed_start[i]
            else:
                j = c - lo
                s_start = (c if working[j] else ords[cum[j]]) if 0 <= j < top else next_wd(c)
            x = s_start
            if t == REVIEW:
                for seg in excluded[i]:
                    x = shift(x, seg)
            if t == WORKING and code < 0:
                code = ~code  # a working-day task counts its length in working days
            # the limit: n working days after x, or the working day on or after x + n
            if code > 0:
                j = x - lo
                if 0 <= j < size and cum[j] + code <= nords:
                    f = ords[cum[j] + code - 1]
                else:
                    f = add_wd(x, code)
            else:
                y = x + ~code if code < 0 else x
                j = y - lo
                f = (y if working[j] else ords[cum[j]]) if 0 <= j < top else next_wd(y)
            if t == REVIEW:
                cap = caps[i]
                if cap is not None:
                    f = min(f, _limit(days, x, cap))
                for s in sups[i]:
                    sc = s_start
                    sd = d_i
                    for p, k, n_lag in acc[s]:
                        v = er[p] if k == 0 else (er[p] + n_lag if k == 1 else add_wd(er[p], n_lag))
                        if v > sc:
                            sc = v
                            sd = p
                    sf = _shift_dur(days, sc, durations[s])
                    c_arr[s], es[s], ef[s], er[s], drv[s] = sc, sc, sf, next_wd(sf), sd
        else:
            s_start = fixed_start.get(i, c) if fixed_start else c
            if t == MILESTONE:
                f = s_start
            else:
                f = s_start + (~code if code < 0 else code)
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
        j = f - lo
        if 0 <= j < top:
            er[i] = f if working[j] else ords[cum[j]]
        else:
            er[i] = next_wd(f)
        drv[i] = d_i
        if visible[i] and (f > finish or last == _NONE):
            finish = f
            last = i
    return Times(constraint=c_arr, es=es, ef=ef, er=er, driver=drv, finish=finish, last=last)


def late_supplements(net: Net, times: Times, days: DayTable) -> list[tuple[int, int]]:
    """The 容缺 supplements that end after their deadline (counted from their item's
    acceptance, ``docs/scheduling.md`` §4), as (node index, deadline day), by index."""
    late: list[tuple[int, int]] = []
    es, ef, anchor = times.es, times.ef, net.anchor
    for i, deadline in enumerate(net.deadline):
        if deadline is None or net.timing[i] != SUPPLEMENT:
            continue
        due = legal_end(days, es[anchor[i]], deadline)
        if ef[i] > due:
            late.append((i, due))
    return late


def backward(net: Net, days: DayTable, times: Times) -> None:
    """Latest dates and float of every node (fills ``times.ls``, ``lf``, ``lr``, ``floats``).

    The latest finish of a node without successors is the project finish; a predecessor
    must be ready early enough for every successor's latest acceptance (or decision, for a
    decision-binding edge). Day arithmetic reads the calendar's arrays directly where they
    cover the day (``bot``: every day from the snapshot's first working day on has its
    previous working day inside), like :func:`forward`.
    """
    n = len(net.ids)
    fin = times.finish
    lf = [fin] * n
    ls = [fin] * n
    prev_wd, next_wd, inv_shift = days.prev_wd, days.next_wd, days.inv_shift
    inv_add_wd = days.inv_add_wd
    arr = days.arrays
    lo, size, working, cum, ords = arr.lo, arr.size, arr.working, arr.cum, arr.ords
    bot = ords[0] - lo if ords else size
    timing, durations, caps, excluded = net.timing, net.duration, net.cap, net.excluded
    acc, dec, sups = net.acc, net.dec, net.sups
    codes = _clock_codes(durations)

    def push(preds: Sequence[tuple[int, int, int]], bound: int) -> None:
        j = bound - lo
        plain = (bound if working[j] else ords[cum[j] - 1]) if bot <= j < size else prev_wd(bound)
        for p, k, n_lag in preds:
            if k == 0:
                y = plain
            elif k == 1:
                y = prev_wd(bound - n_lag)
            else:
                y = prev_wd(inv_add_wd(bound, n_lag))
            lf[p] = min(lf[p], y)

    for i in range(n - 1, -1, -1):
        t = timing[i]
        code = codes[i]
        if t == REVIEW:
            o = lf[i]
            j = o - lo
            ld = (o if working[j] else ords[cum[j] - 1]) if bot <= j < size else prev_wd(o)
            lf[i] = ld
            if dec[i]:
                push(dec[i], ld)
            # the latest x whose limit ends by ld
            if code > 0:
                j = ld - lo
                if 0 <= j < size and cum[j] >= code:
                    xmax = ords[cum[j] - code] - 1
                else:
                    xmax = inv_add_wd(ld, code)
            else:
                xmax = ld + code + 1 if code < 0 else ld  # ld - n for n calendar days
            cap = caps[i]
            if cap is not None:
                xmax = max(xmax, _inv_limit(days, ld, cap))
            for seg in reversed(excluded[i]):
                xmax = inv_shift(xmax, seg)
            j = xmax - lo
            la = (xmax if working[j] else ords[cum[j] - 1]) if bot <= j < size else prev_wd(xmax)
            for s in sups[i]:
                sls = inv_shift(lf[s], durations[s])
                ls[s] = sls
                la = min(la, prev_wd(sls))
            ls[i] = la
            if acc[i]:
                push(acc[i], la)
            continue
        if t == SUPPLEMENT:
            if acc[i]:
                push(acc[i], ls[i])
            continue
        if t == EARLIEST:
            # only the input that made it ready must stay that early
            ls[i] = lf[i]
            first = times.driver[i]
            if first != _NONE:
                push([e for e in acc[i] if e[0] == first][:1], ls[i])
            continue
        o = lf[i]
        if dec[i]:
            push(dec[i], o)
        value = ~code if code < 0 else code
        if t == SPAN:
            ls[i] = o - value
        elif t == LEGAL:
            ls[i] = prev_wd(o) - value
        elif t == WORKING:
            ls[i] = prev_wd(inv_add_wd(o, value))
        else:
            ls[i] = o
        if acc[i]:
            push(acc[i], ls[i])
    lr = [next_wd(x) for x in lf]
    cw = days.cw
    er = times.er
    times.ls, times.lf, times.lr = ls, lf, lr
    floats = [0] * n
    for i in range(n):
        a, b = lr[i] - lo, er[i] - lo
        gap = cum[a] - cum[b] if 0 <= a < size and 0 <= b < size else cw(lr[i]) - cw(er[i])
        floats[i] = gap if gap > 0 else 0
    times.floats = floats


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
