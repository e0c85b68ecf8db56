"""Government working days, measured two ways (``docs/scheduling.md`` §6).

- **Office days**: the working days on which some department or utility holds a file,
  whichever task it is (the plan's ``government_working_days``), per stage and in total.
- **Chain days**, as the reform targets count them (国办发〔2019〕11号, 苏政办发〔2019〕53号):
  along one chain of tasks that follow one another, the working days that government and
  utility items spend under review, summed stage by stage. The chain is the one with the
  most such days, so parallel items (并联审批) count once, by the longest of them, and work
  that is not government time (the investor's design, construction, material preparation)
  links the chain without adding to it.

Both are computed from the timed plan (its tasks, their dates and edges), never from an
assumption about which items come in which order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from pathplanner.schedule._days import DayTable

__all__ = [
    "ChainShare",
    "GovernmentChain",
    "GovernmentTime",
    "Scope",
    "TimedTask",
    "approval_chain",
    "office_days",
]


@dataclass(frozen=True)
class TimedTask:
    """What the measures read of one timed task (day numbers are ordinals).

    ``review`` is ``(x, d)`` for a task in the hands of a department or utility: it counts
    on the working days of ``(x, d]`` (an item after its excluded time); ``None`` otherwise.
    """

    id: str
    stage: str | None
    item: bool
    utility: bool
    review: tuple[int, int] | None
    predecessors: tuple[str, ...]


@dataclass(frozen=True)
class Scope:
    """Which items a chain counts: those of ``stages`` (``None``: every stage), utility
    items only when ``utilities``."""

    stages: frozenset[str] | None = None
    utilities: bool = True

    def counts(self, task: TimedTask) -> bool:
        if not task.item or task.review is None:
            return False
        if task.utility and not self.utilities:
            return False
        return self.stages is None or task.stage in self.stages


@dataclass(frozen=True)
class ChainShare:
    """One item on the chain and the working days it adds."""

    task: str
    stage: str | None
    working_days: int


@dataclass(frozen=True)
class GovernmentChain:
    """The chain's days in total, per stage (stages in catalog order, those with days)
    and per item (in chain order)."""

    working_days: int
    stages: tuple[tuple[str | None, int], ...]
    shares: tuple[ChainShare, ...]


@dataclass(frozen=True)
class GovernmentTime:
    """Both measures of a plan: the chain over every stage, office days per stage, and the
    chain each target counts (target id → chain)."""

    chain: GovernmentChain
    office_stages: tuple[tuple[str, int], ...]
    targets: Mapping[str, GovernmentChain]


@dataclass
class _Best:
    days: int
    end: int
    prev: str | None
    gain: int


def approval_chain(
    tasks: Sequence[TimedTask],
    days: DayTable,
    start: int,
    scope: Scope,
    stage_order: Sequence[str],
) -> GovernmentChain:
    """The chain of ``tasks`` (in topological order) with the most counted working days.

    A counted item adds the working days of ``(max(x, e, start), d]``, where ``e`` is the end
    of the last counted item before it on the chain, so a day counts once even where an
    item waits, under review, for its predecessor (a decision-binding edge). The counted
    spans are disjoint and lie in ``(start, finish]``: the total never exceeds the plan's
    elapsed working days, and the stage sums add up to it. Ties go to the chain that ends
    its counted days earlier, then to the predecessor first in id order.
    """
    best: dict[str, _Best] = {}
    for task in tasks:
        counted = scope.counts(task)
        here: _Best | None = None
        for prev in (None, *sorted(task.predecessors)):
            base = best.get(prev) if prev is not None else None
            if prev is not None and base is None:
                continue
            days_before = base.days if base else 0
            end_before = base.end if base else start
            gain = 0
            end = end_before
            if counted and task.review is not None:
                x, d = task.review
                lo = max(x, end_before)
                if d > lo:
                    gain = days.between(lo, d)
                    end = d
            found = _Best(days_before + gain, end, prev, gain)
            if here is None or (found.days, -found.end) > (here.days, -here.end):
                here = found
        assert here is not None
        best[task.id] = here
    last: str | None = None
    for task in tasks:
        b = best[task.id]
        if last is None or (b.days, -b.end) > (best[last].days, -best[last].end):
            last = task.id
    by_id = {t.id: t for t in tasks}
    shares: list[ChainShare] = []
    while last is not None:
        b = best[last]
        if b.gain:
            shares.append(ChainShare(last, by_id[last].stage, b.gain))
        last = b.prev
    shares.reverse()
    return GovernmentChain(
        working_days=sum(s.working_days for s in shares),
        stages=_by_stage(((s.stage, s.working_days) for s in shares), stage_order),
        shares=tuple(shares),
    )


def office_days(
    tasks: Iterable[TimedTask], days: DayTable, stage_order: Sequence[str]
) -> tuple[tuple[str, int], ...]:
    """Per stage, the working days on which at least one of its tasks is under review by a
    department or utility (days when several run at once count once)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for task in tasks:
        if task.review is not None and task.stage is not None:
            spans.setdefault(task.stage, []).append(task.review)
    found = ((stage, union_working_days(days, found)) for stage, found in spans.items())
    return tuple((s, n) for s, n in _by_stage(found, stage_order) if s is not None)


def union_working_days(days: DayTable, spans: Iterable[tuple[int, int]]) -> int:
    """Working days in the union of half-open intervals ``(a, b]``."""
    total = 0
    cur_a: int | None = None
    cur_b = 0
    for a, b in sorted(spans):
        if b <= a:
            continue
        if cur_a is None or a > cur_b:
            if cur_a is not None:
                total += days.between(cur_a, cur_b)
            cur_a, cur_b = a, b
        else:
            cur_b = max(cur_b, b)
    if cur_a is not None:
        total += days.between(cur_a, cur_b)
    return total


def _by_stage(
    pairs: Iterable[tuple[str | None, int]], stage_order: Sequence[str]
) -> tuple[tuple[str | None, int], ...]:
    """Days summed per stage, stages with days only, in catalog order (no stage last)."""
    sums: dict[str | None, int] = {}
    for stage, n in pairs:
        if n:
            sums[stage] = sums.get(stage, 0) + n
    rank = {s: i for i, s in enumerate(stage_order)}
    return tuple(sorted(sums.items(), key=lambda kv: (kv[0] is None, rank.get(kv[0] or "", 0))))
