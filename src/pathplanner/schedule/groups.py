"""Parallel approval groups (并联审批) in the plan graph: who is a member, and the wiring.

:func:`plan_groups` decides each group's members in one build and marks their tasks;
:func:`wire_groups` routes the members' edges through the group's start node (and, when
results are issued together, its end node), which is what the timing pass reads. See
``docs/scheduling.md`` §3.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet

from pathplanner.catalog import Catalog
from pathplanner.catalog.model import Clock, Duration
from pathplanner.decisions import Decisions
from pathplanner.errors import InputError, Location, Problem
from pathplanner.schedule.edges import EdgeRecord
from pathplanner.schedule.graph import GROUP, GROUP_END, GroupSpec, TaskSpec
from pathplanner.schedule.result import Edge

__all__ = ["plan_groups", "wire_groups"]

_ZERO = Duration(value=0, clock=Clock.working)


def plan_groups(
    catalog: Catalog,
    decisions: Decisions,
    planned: AbstractSet[str],
    *,
    joins: Mapping[str, list[str]],
    tasks: Mapping[str, TaskSpec],
    edges: Sequence[tuple[str, str, Edge]],
    relax: AbstractSet[str],
) -> tuple[dict[str, GroupSpec], list[Problem]]:
    """The groups of the decisions (with the members options join, ``joins``), limited to
    planned items, and a warning for each item named by a second group (it stays in the
    first). Members' tasks get their group and its cap (none for a relaxed task).

    Raises :class:`~pathplanner.errors.InputError` when one member depends on another
    (``edges``: the recorded edges)."""
    out: dict[str, GroupSpec] = {}
    warnings: list[Problem] = []
    member_of: dict[str, str] = {}
    for group in sorted(decisions.groups, key=lambda g: g.id):
        wanted = [*group.members, *joins.get(group.id, [])]
        members: list[str] = []
        for m in wanted:
            if m not in planned or m not in catalog.items or m in members:
                continue
            if m in member_of:
                breadcrumb = f"ParallelGroup(id='{group.id}')"
                warnings.append(
                    Problem(
                        "schedule-group-twice",
                        catalog.locations.get(breadcrumb, Location("catalog")),
                        breadcrumb=breadcrumb,
                        severity="warning",
                        args={"item": m, "group": group.id, "other": member_of[m]},
                    )
                )
                continue
            members.append(m)
        if not members:
            continue
        for m in members:
            member_of[m] = group.id
            tasks[m].group = group.id
            tasks[m].cap = None if m in relax else group.cap
        out[group.id] = GroupSpec(
            id=group.id,
            zh=group.zh,
            en=group.en,
            lead_department=group.lead_department,
            members=tuple(sorted(members)),
            cap=group.cap,
            issue_together=group.issue_together,
        )
    inside = [(a, b, e) for a, b, e in edges if a in member_of and member_of.get(b) == member_of[a]]
    if inside:
        raise InputError(
            [
                Problem(
                    "schedule-group-internal",
                    Location("rules"),
                    breadcrumb=f"ParallelGroup(id='{member_of[a]}')",
                    args={"group": member_of[a], "before": a, "after": b, "source": e.source},
                )
                for a, b, e in inside
            ]
        )
    return out, warnings


def wire_groups(
    tasks: dict[str, TaskSpec],
    edges: list[tuple[str, str, Edge]],
    groups: Mapping[str, GroupSpec],
    record: EdgeRecord,
) -> list[tuple[str, str, Edge]]:
    """Route members' acceptance edges through the group's start node (all members are
    accepted on the latest readiness among them) and, for 统一出件, their successors
    through the group's end node (successors wait for the last member). Adds the start
    and end nodes to ``tasks``; edge records come from ``record``."""
    if not groups:
        return list(edges)
    member_of = {m: g.id for g in groups.values() for m in g.members}
    out: list[tuple[str, str, Edge]] = []
    for gid, group in groups.items():
        start = GROUP + gid
        tasks[start] = TaskSpec(
            id=start, type="group", ref=gid, zh=group.zh, en=group.en,
            timing="review", duration=_ZERO, group=gid,
        )  # fmt: skip
        for m in group.members:
            out.append((start, m, record(start, "acceptance", None, GROUP + gid)))
        if group.issue_together:
            end = GROUP_END + gid
            tasks[end] = TaskSpec(
                id=end, type="group", ref=gid, zh=group.zh, en=group.en,
                timing="milestone", duration=_ZERO, group=gid,
            )  # fmt: skip
            for m in group.members:
                out.append((m, end, record(m, "acceptance", None, GROUP + gid)))
    together = {m for m, g in member_of.items() if groups[g].issue_together}
    append = out.append
    for entry in edges:
        before, after, edge = entry
        if before not in member_of and after not in member_of:
            append(entry)  # most edges: the same entry
            continue
        b, a, e = before, after, edge
        if before in together:
            b = GROUP_END + member_of[before]
            e = record(b, edge.binds, edge.lag, edge.source)
        ga = member_of.get(after)
        if ga is not None and edge.binds == "acceptance":
            a = GROUP + ga
        append((b, a, e))
    return out
