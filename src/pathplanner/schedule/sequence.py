"""Stage gates and sequence points in the plan graph: what orders tasks besides their inputs.

:func:`wire_gates` adds one milestone per gated stage and its edges; :func:`wire_points`
ties each item outside the gates to the point of the plan its result must precede (调整审批
时序). ``docs/scheduling.md`` §1.2 defines both.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pathplanner.catalog import Catalog
from pathplanner.catalog.cache import per_catalog
from pathplanner.catalog.model import Clock, Duration, Point
from pathplanner.schedule.edges import BuildEdges
from pathplanner.schedule.graph import GATE, TaskSpec
from pathplanner.schedule.result import EdgeEnd

__all__ = ["POINT", "SequenceTables", "sequence_tables", "wire_gates", "wire_points"]

POINT = "point:"
"""Source prefix of the edge from an item to the point it precedes: ``point:<point id>``."""

_ZERO = Duration(value=0, clock=Clock.working)


@dataclass(frozen=True)
class SequenceTables:
    """What gates and points read from a catalog: the gated stages in order (with the
    gate before each stage), the items outside the gates, and each item's point."""

    gates: tuple[str, ...]
    previous_gate: Mapping[str, str | None]
    ungated: frozenset[str]
    points: Mapping[str, Point]


@per_catalog
def sequence_tables(catalog: Catalog) -> SequenceTables:
    """The :class:`SequenceTables` of ``catalog`` (made once per catalog)."""
    stages = sorted(catalog.stages.values(), key=lambda s: (s.order, s.id))
    gates: list[str] = []
    previous: dict[str, str | None] = {}
    last: str | None = None
    for stage in stages:
        previous[stage.id] = last
        if stage.gate:
            gates.append(stage.id)
            last = stage.id
    by_id = {p.id: p for p in catalog.manifest.points}
    return SequenceTables(
        gates=tuple(gates),
        previous_gate=previous,
        ungated=frozenset(i.id for i in catalog.items.values() if not i.gated),
        points={i.id: by_id[i.precedes] for i in catalog.items.values() if i.precedes in by_id},
    )


def _binds(spec: TaskSpec) -> EdgeEnd:
    """A pre-reviewed item is reviewed before its conditions; its decision waits."""
    return "decision" if spec.pre_review else "acceptance"


def wire_gates(
    catalog: Catalog, order: Sequence[str], tasks: dict[str, TaskSpec], edges: BuildEdges
) -> None:
    """One milestone per gated stage, waiting for the previous one. Every gated task of
    the stage (``order``: the planned tasks, sorted) feeds its gate; every gated task of a
    later stage, up to the next gated one, waits for it. Items with ``gated: false`` do
    neither."""
    table = sequence_tables(catalog)
    if not table.gates:
        return
    last: str | None = None
    for stage_id in table.gates:
        stage = catalog.stages[stage_id]
        gid = GATE + stage_id
        tasks[gid] = TaskSpec(
            id=gid,
            type="milestone",
            ref=stage_id,
            zh=stage.zh,
            en=stage.en,
            timing="milestone",
            duration=_ZERO,
            stage=stage_id,
        )
        if last is not None:
            edges.link(last, gid, "acceptance", None, gid)
        last = gid
    gated = frozenset(table.gates)
    # Gate edges are unique by construction (one per task and direction, sources
    # ``gate:<stage>`` used nowhere else), so they are recorded without the duplicate check.
    relax, record, append = edges.relax, edges.record, edges.edges.append
    ungated, previous = table.ungated, table.previous_gate
    for task_id in order:
        if (relax and task_id in relax) or task_id in ungated:
            continue
        spec = tasks[task_id]
        stage_id = spec.stage or ""
        if stage_id in gated:
            gid = GATE + stage_id
            append((task_id, gid, record(task_id, "acceptance", None, gid)))
        before = previous.get(stage_id)
        if before is not None:
            gid = GATE + before
            append((gid, task_id, record(gid, _binds(spec), None, gid)))


def wire_points(
    catalog: Catalog, order: Sequence[str], tasks: Mapping[str, TaskSpec], edges: BuildEdges
) -> None:
    """Each planned item with ``precedes`` → the first planned task of its point's
    ``before`` (source ``point:<id>``). A point none of whose tasks is planned adds
    nothing."""
    points = sequence_tables(catalog).points
    if not points:
        return
    for task_id in order:
        point = points.get(task_id)
        if point is None:
            continue
        target = next((t for t in point.before if t in tasks), None)
        if target is not None:
            edges.link(task_id, target, _binds(tasks[target]), None, POINT + point.id)
