"""An independent model of the optimizer's problem in OR-Tools CP-SAT: the yardstick.

It reads the same :class:`~pathplanner.catalog.Catalog` and
:class:`~pathplanner.decisions.Decisions` as the planner and shares no code with
``pathplanner.schedule``. Time is counted in working days from the planned start (day 0 =
the first working day on or after it), which is exact for working-day limits:

- each option is a set of Boolean literals, one per alternative, with ``AddExactlyOne``;
- each item has one *optional interval* per way it can be handled (mode, and in or out of
  its parallel group), present exactly when the alternatives that select it are taken:
  ``acceptance + duration == decision``, the duration being the mode's own, capped at the
  group's cap while in the group;
- a prerequisite is a precedence ``acceptance(after) >= decision(before) + lag`` enforced
  only when the literals that keep it are true (a commitment mode drops it; an
  ``alternatives`` option keeps one output of several); an ``any_of`` prerequisite with
  several outputs and no such option is satisfied by the earliest of them (a literal per
  output, at least one true, each enforcing its own precedence);
- a material prepared by a party in working days delays acceptance by its lead time from
  the start; a tolerance (容缺) mode defers it instead: the decision waits for it, handed in
  ``lead`` working days after acceptance, and the mode is infeasible when that is after the
  material's deadline;
- a parallel group's start is at least every joined member's readiness, and every joined
  member is accepted on or after it;
- the objective is the planner's: the earliest finish first, then the fewest commitments,
  then the fewest items (``finish * W1 + commitments * W2 + items``).

Supported: working-day item limits, commitment-like modes that drop prerequisites and
a ``duration``, tolerance modes deferring working-day materials, ``alternatives`` options
written as add/remove dependency edits, ``any_of`` prerequisites, optional group membership
with a cap, one stage. Anything else raises ``NotImplementedError`` so a
comparison never silently models a different problem.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from itertools import product

from ortools.sat.python import cp_model

from pathplanner.catalog import Catalog
from pathplanner.catalog.model import Clock, Duration
from pathplanner.decisions import Decisions

__all__ = ["CpSatResult", "solve"]


@dataclass(frozen=True)
class CpSatResult:
    """The optimum CP-SAT proved: the finish date, its working-day count, commitments."""

    finish: dt.date
    makespan: int
    commitments: int
    items: int
    optimal: bool
    seconds: float
    assignment: dict[str, str]


def _working(d: Duration | None) -> int:
    if d is None:
        return 0
    if d.clock != Clock.working:
        raise NotImplementedError("calendar-day durations are outside the CP-SAT model")
    return d.value


def _limit(catalog: Catalog, item_id: str, as_of: dt.date) -> int:
    item = catalog.items[item_id]
    limits = item.time_limits
    if limits.excluded:
        raise NotImplementedError("excluded time is outside the CP-SAT model")
    for values in (limits.committed, limits.statutory):
        for value in values:
            if value.in_force(as_of):
                return _working(value)
    return 0


def solve(
    catalog: Catalog, decisions: Decisions, start: dt.date, *, workers: int = 1
) -> CpSatResult:
    """Solve the instance to optimality with ``workers`` CP-SAT workers (1 by default)."""
    if decisions.time_limits or decisions.added_dependencies or decisions.removed_dependencies:
        raise NotImplementedError("rule-level time limits and dependencies are not modelled")
    if catalog.works or len(catalog.stages) != 1:
        raise NotImplementedError("works and several stages are not modelled")
    calendar = catalog.calendar
    day0 = calendar.next_working_day(start)
    m = cp_model.CpModel()

    # options: one literal per alternative, exactly one per option
    lit: dict[tuple[str, str], cp_model.IntVar] = {}
    commitments: list[tuple[cp_model.IntVar, int]] = []
    mode_choice: dict[str, dict[str, list[cp_model.IntVar]]] = {}  # item -> mode -> lits
    join_lits: dict[str, tuple[str, cp_model.IntVar]] = {}  # item -> (group, join literal)
    edge_on: dict[tuple[str, str], list[cp_model.IntVar]] = {}  # (output, item) -> lits keeping it
    edge_off: dict[tuple[str, str], list[cp_model.IntVar]] = {}
    for option in decisions.options:
        lits = []
        for alt in option.alternatives:
            v = m.NewBoolVar(f"{option.id}={alt.id}")
            lit[option.id, alt.id] = v
            lits.append(v)
            if alt.commitments:
                commitments.append((v, alt.commitments))
            e = alt.edits
            if e.add_tasks or e.remove_tasks:
                raise NotImplementedError("adding or removing tasks is not modelled")
            for item_id, mode_id in e.set_modes.items():
                mode_choice.setdefault(item_id, {}).setdefault(mode_id, []).append(v)
            for group_id, members in e.join_groups.items():
                for member in members:
                    join_lits[member] = (group_id, v)
            for dep in e.add_dependencies:
                edge_on.setdefault((dep.before, dep.after), []).append(v)
            for dep in e.remove_dependencies:
                edge_off.setdefault((dep.before, dep.after), []).append(v)
        m.AddExactlyOne(lits)

    fixed_group: dict[str, str] = {}
    caps: dict[str, int | None] = {}
    for group in decisions.groups:
        if group.issue_together:
            raise NotImplementedError("issue_together is not modelled")
        caps[group.id] = _working(group.cap) if group.cap is not None else None
        for member in group.members:
            fixed_group[member] = group.id
    for mode in decisions.modes:
        if mode.mandatory:
            raise NotImplementedError("mandatory modes are not modelled")

    items = sorted(decisions.applicable_ids())
    producer = {out.id: item_id for item_id in items for out in catalog.items[item_id].outputs}
    horizon = 1
    for item_id in items:
        item = catalog.items[item_id]
        horizon += max(
            [_limit(catalog, item_id, decisions.as_of)]
            + [_working(mode.duration) for mode in item.modes if mode.duration]
        )
        horizon += sum(_working(p.lag) for p in item.prerequisites)
        horizon += sum(_leads(catalog, item_id).values())

    acc = {i: m.NewIntVar(0, horizon, f"A[{i}]") for i in items}
    dec = {i: m.NewIntVar(0, horizon, f"D[{i}]") for i in items}
    group_start = {g: m.NewIntVar(0, horizon, f"S[{g}]") for g in caps}
    true = m.NewConstant(1)

    # one optional interval per (mode, in group or not); exactly one is present
    for item_id in items:
        item = catalog.items[item_id]
        base = _limit(catalog, item_id, decisions.as_of)
        modes = {"normal": base}
        chosen_modes = mode_choice.get(item_id, {})
        lead = _leads(catalog, item_id)
        refused: set[str] = set()
        for mode in item.modes:
            if mode.id in chosen_modes:
                if mode.replaces or mode.decision_waits_for or mode.adds_materials:
                    raise NotImplementedError(f"mode {mode.kind} effects are not modelled")
                modes[mode.id] = _working(mode.duration) if mode.duration else base
                # a deferred material is handed in `lead` days after acceptance; the
                # decision waits for it; past its deadline the application is refused
                late = False
                waits = 0
                for d in mode.deferred_materials:
                    waits = max(waits, lead.get(d.material, 0))
                    late = late or lead.get(d.material, 0) > _working(d.deadline)
                modes[mode.id] = max(modes[mode.id], waits)
                if late:
                    refused.add(mode.id)
        mode_lits: dict[str, cp_model.IntVar] = {}
        if len(modes) > 1:
            normal = m.NewBoolVar(f"{item_id}:normal")
            m.Add(normal + sum(v for ls in chosen_modes.values() for v in ls) == 1)
            mode_lits["normal"] = normal
            for mode_id, ls in chosen_modes.items():
                mode_lits[mode_id] = ls[0] if len(ls) == 1 else _or(m, ls, f"{item_id}:{mode_id}")
        else:
            mode_lits["normal"] = true
        for mode_id in sorted(refused):
            m.Add(mode_lits[mode_id] == 0)
        # materials prepared from the start delay acceptance, unless the mode defers them
        for material_id, days in lead.items():
            for mode_id, mode_lit in mode_lits.items():
                mode = next((x for x in item.modes if x.id == mode_id), None)
                if mode is not None and any(
                    d.material == material_id for d in mode.deferred_materials
                ):
                    continue
                m.Add(acc[item_id] >= days).OnlyEnforceIf(mode_lit)
        if item_id in fixed_group:
            ways = [(fixed_group[item_id], true)]
        elif item_id in join_lits:
            group_id, joined = join_lits[item_id]
            ways = [(group_id, joined), (None, joined.Not())]
        else:
            ways = [(None, true)]
        present_all = []
        for (mode_id, mode_lit), (group_id, way_lit) in product(mode_lits.items(), ways):
            size = modes[mode_id]
            cap = caps.get(group_id) if group_id else None
            if cap is not None:
                size = min(size, cap)
            present = _and(m, [mode_lit, way_lit], f"{item_id}:{mode_id}:{group_id}")
            m.NewOptionalIntervalVar(acc[item_id], size, dec[item_id], present, f"I[{item_id}]")
            present_all.append(present)
        m.AddExactlyOne(present_all)
        # group membership: accepted on or after the group's start
        for group_id, way_lit in ways:
            if group_id is not None:
                m.Add(acc[item_id] >= group_start[group_id]).OnlyEnforceIf(way_lit)

    # prerequisites
    for item_id in items:
        item = catalog.items[item_id]
        dropping: dict[str, list[cp_model.IntVar]] = {}
        for mode in item.modes:
            for out in mode.dropped("prerequisite"):
                dropping.setdefault(out, []).extend(mode_choice.get(item_id, {}).get(mode.id, []))
        for prereq in item.prerequisites:
            if prereq.binds != "acceptance":
                raise NotImplementedError("decision-binding prerequisites are not modelled")
            candidates = [o for o in prereq.any_of if o in producer]
            if not candidates:
                continue
            earliest: list[cp_model.IntVar] = []
            if len(prereq.any_of) > 1 and not any((o, item_id) in edge_on for o in candidates):
                if any(dropping.get(o) or edge_off.get((o, item_id)) for o in prereq.any_of):
                    raise NotImplementedError("a dropped 'any of' prerequisite is not modelled")
                # the earliest available output satisfies it: one of them binds
                earliest = [m.NewBoolVar(f"first:{o}>{item_id}") for o in candidates]
                m.AddBoolOr(earliest)
            for n, out in enumerate(candidates):
                if earliest:
                    before = producer[out]
                    _precede(
                        m,
                        dec[before] + _working(prereq.lag),
                        item_id,
                        acc=acc,
                        join_lits=join_lits,
                        fixed_group=fixed_group,
                        group_start=group_start,
                        conds=[earliest[n]],
                    )
                    continue
                conds: list[cp_model.IntVar] = []
                keep = edge_on.get((out, item_id))
                if len(prereq.any_of) > 1 or keep:
                    if keep is None:
                        continue  # an unselected alternative output never binds
                    conds.append(_or(m, keep, f"keep:{out}>{item_id}"))
                drops = [d for o in prereq.any_of for d in dropping.get(o, [])]
                conds += [d.Not() for d in drops]
                conds += [d.Not() for d in edge_off.get((out, item_id), [])]
                before = producer[out]
                ready = dec[before] + _working(prereq.lag)
                _precede(
                    m,
                    ready,
                    item_id,
                    acc=acc,
                    join_lits=join_lits,
                    fixed_group=fixed_group,
                    group_start=group_start,
                    conds=conds,
                )

    makespan = m.NewIntVar(0, horizon, "finish")
    m.AddMaxEquality(makespan, [dec[i] for i in items])
    n_commit = sum(v * c for v, c in commitments) if commitments else 0
    max_commit = sum(c for _, c in commitments)
    weight = (max_commit + 1) * (len(items) + 1)
    m.Minimize(makespan * weight + n_commit * (len(items) + 1) + len(items))

    solver = cp_model.CpSolver()
    solver.parameters.num_workers = workers
    solver.parameters.max_time_in_seconds = 120.0
    t0 = time.perf_counter()
    status = solver.Solve(m)
    seconds = time.perf_counter() - t0
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise RuntimeError(f"CP-SAT found no solution: {solver.StatusName(status)}")
    span = int(solver.Value(makespan))
    assignment = {
        option.id: next(a.id for a in option.alternatives if solver.Value(lit[option.id, a.id]))
        for option in decisions.options
    }
    return CpSatResult(
        finish=calendar.add_working_days(day0, span),
        makespan=span,
        commitments=int(sum(solver.Value(v) * c for v, c in commitments)),
        items=len(items),
        optimal=status == cp_model.OPTIMAL,
        seconds=seconds,
        assignment=assignment,
    )


def _leads(catalog: Catalog, item_id: str) -> dict[str, int]:
    """Material → its lead time in working days, for the item's materials a party prepares."""
    out: dict[str, int] = {}
    for use in catalog.items[item_id].materials:
        material = catalog.materials.get(use.material)
        if material is None or material.provider is None or material.lead_time is None:
            continue
        out[use.material] = _working(material.lead_time)
    return out


def _precede(
    m: cp_model.CpModel,
    ready: cp_model.LinearExprT,
    item_id: str,
    *,
    acc: dict[str, cp_model.IntVar],
    join_lits: dict[str, tuple[str, cp_model.IntVar]],
    fixed_group: dict[str, str],
    group_start: dict[str, cp_model.IntVar],
    conds: list[cp_model.IntVar],
) -> None:
    """``after`` (or its group's start, while it is a member) waits for ``ready``."""
    if item_id in fixed_group:
        m.Add(group_start[fixed_group[item_id]] >= ready).OnlyEnforceIf(conds)
        return
    if item_id in join_lits:
        group_id, joined = join_lits[item_id]
        m.Add(group_start[group_id] >= ready).OnlyEnforceIf([*conds, joined])
        m.Add(acc[item_id] >= ready).OnlyEnforceIf([*conds, joined.Not()])
        return
    m.Add(acc[item_id] >= ready).OnlyEnforceIf(conds)


def _and(m: cp_model.CpModel, lits: list[cp_model.IntVar], name: str) -> cp_model.IntVar:
    v = m.NewBoolVar(name)
    m.AddBoolAnd(lits).OnlyEnforceIf(v)
    m.AddBoolOr([x.Not() for x in lits]).OnlyEnforceIf(v.Not())
    return v


def _or(m: cp_model.CpModel, lits: list[cp_model.IntVar], name: str) -> cp_model.IntVar:
    if len(lits) == 1:
        return lits[0]
    v = m.NewBoolVar(name)
    m.AddBoolOr(lits).OnlyEnforceIf(v)
    m.AddBoolAnd([x.Not() for x in lits]).OnlyEnforceIf(v.Not())
    return v
