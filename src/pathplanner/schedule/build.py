"""Building the plan graph of one combination of choices: :func:`build_graph`.

The builder turns a :class:`~pathplanner.catalog.Catalog`, the rules'
:class:`~pathplanner.decisions.Decisions` and one alternative per option into a
:class:`~pathplanner.schedule.graph.PlanGraph`: the applicable items and works, material
preparation tasks, 容缺 supplement tasks, one milestone per stage gate and the parallel
groups, with every edge recording why it exists. Item limits come from
:mod:`~pathplanner.schedule.durations`; what only depends on the catalog from
:mod:`~pathplanner.schedule.tables`; materials from :mod:`~pathplanner.schedule.materials`;
parallel groups from :mod:`~pathplanner.schedule.groups`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet

from pathplanner.catalog import Catalog
from pathplanner.catalog.model import (
    Clock,
    Duration,
    Item,
    Mode,
    ModeKind,
    Obligation,
    Prerequisite,
    Work,
)
from pathplanner.catalog.needs import ItemNeeds, item_needs
from pathplanner.decisions import Alternative, Decisions, Dependency, Option, Reason
from pathplanner.errors import Location, Problem
from pathplanner.schedule.durations import ItemLimits, work_duration
from pathplanner.schedule.edges import BuildEdges, edge_records
from pathplanner.schedule.graph import (
    ANY,
    PHYSICAL,
    RELAXED_MODE,
    ObligationSpec,
    PlanGraph,
    TaskSpec,
    Timing,
    sorted_edges,
)
from pathplanner.schedule.groups import plan_groups, wire_groups
from pathplanner.schedule.materials import MaterialMemo, Materials
from pathplanner.schedule.physical import PhysicalInputs
from pathplanner.schedule.result import Edge, EdgeEnd
from pathplanner.schedule.sequence import wire_gates, wire_points
from pathplanner.schedule.tables import build_tables

__all__ = ["BuildMemo", "build_graph", "chosen_alternatives"]

_ZERO = Duration(value=0, clock=Clock.working)


def _source_of(reasons: Sequence[Reason]) -> str:
    return f"rule:{reasons[0].rule_id}" if reasons else "rule:"


def chosen_alternatives(
    options: Sequence[Option], assignment: Mapping[str, str]
) -> dict[str, Alternative]:
    """Option id → the alternative taken (the first one when the option is not assigned)."""
    out: dict[str, Alternative] = {}
    for option in options:
        wanted = assignment.get(option.id)
        alt = next((a for a in option.alternatives if a.id == wanted), option.alternatives[0])
        out[option.id] = alt
    return out


class BuildMemo:
    """What repeated builds for one ``(catalog, decisions, statutory)`` share.

    The optimizer builds a graph per search node; the limits of an item in a mode
    (``limits``, made by the first build), the duration of a work, what materials add
    (``materials``) and the edge records with a lag are the same every time, so they are
    made once. ``intern_edges``: share the edge records with a lag (worth it when many
    graphs are built); their lags are kept alive in ``lags``, so an id is never reused.
    """

    def __init__(self, *, intern_edges: bool = False) -> None:
        self.intern_edges = intern_edges
        self.edges: dict[tuple[str, str, str, int], Edge] = {}
        self.lags: dict[int, Duration] = {}
        self.limits: ItemLimits | None = None
        self.work_durations: dict[str, Duration] = {}
        self.materials = MaterialMemo()


class _Builder:
    def __init__(
        self,
        catalog: Catalog,
        decisions: Decisions,
        assignment: Mapping[str, str],
        statutory: bool,
        *,
        relax: frozenset[str] = frozenset(),
        soft: Mapping[str, Mode] | None = None,
        memo: BuildMemo | None = None,
        sort_edges: bool = True,
    ) -> None:
        self.sort_edges = sort_edges
        self.memo = memo if memo is not None else BuildMemo()
        self.relax = relax
        self.soft = soft or {}
        self.catalog = catalog
        self.decisions = decisions
        self.statutory = statutory
        self.chosen = chosen_alternatives(decisions.options, assignment)
        self.tasks: dict[str, TaskSpec] = {}
        self.problems: list[Problem] = []
        self.absorbed: dict[str, tuple[str, ...]] = {}
        self.static = build_tables(catalog)
        memo = self.memo
        record = edge_records(
            self.static.edges, memo.edges if memo.intern_edges else None, memo.lags
        )
        # edges: what this build records; record: the one maker of edge records
        edges = self.edge_list = BuildEdges(record, relax)
        self.edges, self.decision_pairs = edges.edges, edges.decision_pairs
        self.link, self.record = edges.link, record
        # any_of prerequisites with several inputs: the edges shown (input → task) and the
        # edges timed (input → any: node → task)
        self.any_shown: list[tuple[str, str, Edge]] = []
        self.any_timed: list[tuple[str, str, Edge]] = []
        if self.memo.limits is None:
            self.memo.limits = ItemLimits(catalog, decisions, statutory=statutory)
        self.limits = self.memo.limits
        self.materials = Materials(
            catalog,
            self.static,
            self.memo.materials,
            tasks=self.tasks,
            edges=edges,
            demanded=frozenset((m.item, m.material) for m in decisions.materials),
        )

    def warn(self, code: str, breadcrumb: str, **args: str) -> None:
        self.problems.append(
            Problem(
                code,
                self.catalog.locations.get(breadcrumb, Location("catalog")),
                breadcrumb=breadcrumb,
                severity="warning",
                args=args,
            )
        )

    # ------------------------------------------------------------- build
    def build(self) -> PlanGraph:
        cat, dec = self.catalog, self.decisions
        planned: set[str] = set(dec.applicable_ids())
        modes: dict[str, str] = {m.item: m.mode for m in dec.modes if m.mandatory}
        add_deps: list[tuple[Dependency, str]] = [
            (d.dependency, _source_of(d.reasons)) for d in dec.added_dependencies
        ]
        removed: set[tuple[str, str]] = {
            (d.dependency.before, d.dependency.after) for d in dec.removed_dependencies
        }
        joins: dict[str, list[str]] = {}
        commitments = 0
        # tasks an alternative removes because the mode it sets replaces them: removed below,
        # once the merged item has taken over what they need
        replacing: set[str] = set()
        for option_id, alt in sorted(self.chosen.items()):
            edits = alt.edits
            commitments += alt.commitments
            modes.update(edits.set_modes)
            planned.update(edits.add_tasks)
            merged_away = self._replaced_by_modes(edits.set_modes)
            if merged_away:
                replacing.update(merged_away.intersection(edits.remove_tasks))
                planned.difference_update(set(edits.remove_tasks) - merged_away)
            else:
                planned.difference_update(edits.remove_tasks)
            src = f"option:{option_id}:{alt.id}"
            add_deps += [(d, src) for d in edits.add_dependencies]
            removed.update((d.before, d.after) for d in edits.remove_dependencies)
            for group, members in edits.join_groups.items():
                joins.setdefault(group, []).extend(members)
        planned.intersection_update(self.static.tasks)

        # modes in effect, and merged items replacing others: a merged item absorbs the
        # replaced items the project applies for (it needs what they need)
        active: dict[str, Mode] = {}
        replaced_by: dict[str, str] = {}
        absorbed: dict[str, tuple[str, ...]] = {}
        for item_id, mode_id in sorted(modes.items()):
            item = cat.items.get(item_id)
            if item is None or item_id not in planned:
                continue
            mode = next((m for m in item.modes if m.id == mode_id), None)
            if mode is None or mode.kind == ModeKind.normal:
                continue
            active[item_id] = mode
            if mode.replaces:  # a first step (runs_first) stays its own task: not absorbed
                absorbed[item_id] = tuple(
                    r for r in mode.replaces if r in planned and r not in mode.runs_first
                )
            for gone in mode.replaces:
                if gone not in mode.runs_first:
                    replaced_by[gone] = item_id
        planned.difference_update(replaced_by)
        planned.difference_update(replacing)
        self.absorbed = absorbed
        absorbed_into = {r: m for m, rs in absorbed.items() for r in rs}
        for item_id, relaxed in self.soft.items():
            if item_id in planned and item_id not in self.relax:
                active[item_id] = relaxed

        producer: dict[str, str] = {}
        static = self.static
        if replaced_by:
            for out_id, task_id in static.owners.items():
                owner = task_id
                while owner in replaced_by:
                    owner = replaced_by[owner]
                if owner in planned:
                    producer[out_id] = owner
        else:
            producer = {o: t for o, t in static.owners.items() if t in planned}

        def resolve(ref: str) -> str | None:
            if ref in planned:
                return ref
            return producer.get(ref)

        # tasks
        order = static.sorted_tasks(planned)
        cat_items, cat_works, relax = cat.items, cat.works, self.relax
        for task_id in order:
            item = cat_items.get(task_id)
            if item is not None:
                self._add_item(item, active.get(task_id))
            else:
                self._add_work(cat_works[task_id])
            if relax and task_id in relax:
                spec = self.tasks[task_id]
                spec.timing, spec.duration, spec.excluded = "milestone", _ZERO, ()
                spec.pre_review = False

        # prerequisites and materials
        added_pairs = {(d.before, d.after) for d, _ in add_deps}
        no_outputs: frozenset[str] = frozenset()
        link, producer_get, sources = self.link, producer.get, static.sources
        # A prerequisite edge (source ``output:<id>``) can only repeat another prerequisite
        # edge of the same task, so for tasks naming each output once it is recorded
        # without the duplicate check.
        record, distinct, materials = self.record, static.distinct_prereqs, self.materials
        edges_append, decision_pairs = self.edges.append, self.decision_pairs
        physical = PhysicalInputs(cat, producer, static.owners)
        self.materials.physical = physical
        excluded = {d.task for d in dec.excluded}
        for task_id in order:
            task: Item | Work | None = cat_items.get(task_id)
            if task is None:
                task = cat_works[task_id]
            mode = active.get(task_id) if active else None
            prereqs: Iterable[tuple[Prerequisite, str]]
            lost: list[Sequence[str]] = []
            if mode is None:
                waits = no_outputs
                prereqs = ((p, task_id) for p in task.prerequisites)
                fast = task_id in distinct and not (relax and task_id in relax)
            else:
                assert isinstance(task, Item)
                waits = frozenset(mode.decision_waits_for)
                needs = self._needs(task, mode)
                prereqs = ((n.prerequisite, n.owner) for n in needs.prerequisites)
                fast = (
                    task_id in distinct
                    and not needs.inherits_prerequisites
                    and not (relax and task_id in relax)
                )
                dropped = mode.dropped("prerequisite")
                if dropped:
                    lost += [
                        p.any_of
                        for p in task.prerequisites
                        if not p.physical and dropped.intersection(p.any_of)
                    ]
            for p_index, (prereq, owner) in enumerate(prereqs):
                # owner: whose prerequisite it is (a replaced item's, for a merged item),
                # so that a rule's dependency change on the replaced item still applies
                any_of = prereq.any_of
                if added_pairs and any((o, owner) in added_pairs for o in any_of):
                    continue
                binds: EdgeEnd = (
                    "decision" if waits and waits.intersection(any_of) else prereq.binds
                )
                if prereq.physical:
                    # never removed; several inputs available: the earliest satisfies it
                    inputs = self._inputs(task_id, owner, any_of, producer, frozenset())
                    if len(inputs) > 1:
                        self._any_of(task_id, p_index, inputs, binds, prereq.lag)
                    else:
                        self._physical(task, prereq, physical, excluded)
                    continue
                if len(any_of) > 1:
                    inputs = self._inputs(task_id, owner, any_of, producer, removed)
                    if len(inputs) > 1:
                        self._any_of(task_id, p_index, inputs, binds, prereq.lag or prereq.lead)
                        continue
                chosen: str | None = None
                before: str | None = None
                if removed:
                    for out in any_of:
                        if (out, owner) in removed:
                            continue
                        before = producer_get(out)
                        if before is not None and (before, owner) not in removed:
                            chosen = out
                            break
                else:
                    for out in any_of:
                        before = producer_get(out)
                        if before is not None:
                            chosen = out
                            break
                if chosen is None or before is None:
                    lost.append(any_of)
                    if not any((o, owner) in removed for o in any_of):
                        self.warn(
                            "schedule-prerequisite-unmet",
                            _crumb(task),
                            task=task_id,
                            outputs=", ".join(any_of),
                        )
                    continue
                source = sources[chosen]
                lag = prereq.lag or prereq.lead
                if not fast or before == task_id or (relax and before in relax):
                    link(before, task_id, binds, lag, source)
                    continue
                edges_append((before, task_id, record(before, binds, lag, source)))
                if binds == "decision":
                    decision_pairs.add((before, task_id))
            if mode is not None and mode.id != RELAXED_MODE:
                for out in mode.decision_waits_for:
                    before = resolve(out)
                    bound = (before, task_id) in self.decision_pairs
                    if before is not None and not bound and (out, task_id) not in removed:
                        self.link(before, task_id, "decision", None, f"mode:{task_id}:{mode.id}")
                for first in mode.runs_first:  # a step of the merged item, done before it
                    if first in planned:
                        self.link(first, task_id, "acceptance", None, f"mode:{task_id}:{mode.id}")
            if (
                isinstance(task, Item)
                and (task.materials or mode is not None)
                and not (relax and task_id in relax)
            ):
                materials.add(task, mode, producer, absorbed.get(task_id, ()))
            if lost:
                self._left_behind(task_id, lost, physical)

        for dep, src in add_deps:
            after = dep.after if dep.after in planned else absorbed_into.get(dep.after)
            before = resolve(dep.before)
            if after is None or before is None:
                self.warn(
                    "schedule-dependency-unplanned",
                    f"Dependency(before='{dep.before}', after='{dep.after}')",
                    before=dep.before,
                    after=dep.after,
                )
                continue
            if (dep.before, dep.after) in removed or (before, dep.after) in removed:
                continue
            self.link(before, after, dep.binds, dep.lag, src)

        wire_gates(cat, order, self.tasks, self.edge_list)
        wire_points(cat, order, self.tasks, self.edge_list)
        shown = self.edges + self.any_shown if self.any_shown else self.edges
        groups, warnings = plan_groups(
            cat, dec, planned, joins=joins, tasks=self.tasks, edges=shown, relax=relax
        )
        self.problems.extend(warnings)
        obligations = self._obligations(static.obligated, planned, active, absorbed_into)
        items = sum(1 for t in planned if t in cat.items)
        timed = self.edges + self.any_timed if self.any_timed else self.edges
        cpm_edges = wire_groups(self.tasks, timed, groups, self.record)
        return PlanGraph(
            tasks=self.tasks,
            edges=sorted_edges(shown) if self.sort_edges else shown,
            cpm_edges=cpm_edges,
            groups=groups,
            obligations=obligations,
            supplements=self.materials.supplements,
            problems=self.problems,
            commitments=commitments,
            items=items,
        )

    def _inputs(
        self,
        task_id: str,
        owner: str,
        any_of: Sequence[str],
        producer: Mapping[str, str],
        removed: AbstractSet[tuple[str, str]],
    ) -> list[tuple[str, str]]:
        """The available inputs of an ``any_of`` prerequisite of ``task_id`` (``owner``'s
        prerequisite: a replaced item's, for a merged item): (output, the task issuing
        it), one per issuing task, in listed order."""
        found: list[tuple[str, str]] = []
        seen: set[str] = set()
        for out in any_of:
            before = producer.get(out)
            if before is None or before == task_id or before in seen:
                continue
            if removed and ((out, owner) in removed or (before, owner) in removed):
                continue
            seen.add(before)
            found.append((out, before))
        return found

    def _any_of(
        self,
        task_id: str,
        p_index: int,
        inputs: Sequence[tuple[str, str]],
        binds: EdgeEnd,
        lag: Duration | None,
    ) -> None:
        """An ``any_of`` prerequisite with several available inputs: the earliest one
        satisfies it. Each input's edge is shown; the timing pass reads them through one
        ``earliest`` node. A relaxed input (the optimizer's bound) takes no time, so the
        prerequisite constrains nothing then."""
        relax = self.relax
        if relax and (task_id in relax or any(b in relax for _, b in inputs)):
            return
        node = f"{ANY}{task_id}:{p_index}"
        spec = self.tasks[task_id]
        self.tasks[node] = TaskSpec(
            id=node,
            type="any",
            ref=task_id,
            zh=spec.zh,
            en=spec.en,
            timing="earliest",
            duration=_ZERO,
        )
        sources = self.static.sources
        record = self.record
        outs = "|".join(out for out, _ in inputs)
        for out, before in inputs:
            self.any_shown.append((before, task_id, Edge(before, binds, lag, sources[out], node)))
            self.any_timed.append((before, node, record(before, "acceptance", None, sources[out])))
            if binds == "decision":
                self.decision_pairs.add((before, task_id))
        self.any_timed.append((node, task_id, record(node, binds, lag, f"output:{outs}")))

    def _physical(
        self,
        task: Item | Work,
        prereq: Prerequisite,
        physical: PhysicalInputs,
        excluded: AbstractSet[str],
    ) -> None:
        """Link a physical prerequisite: from the planned task issuing it, else from what its
        removed issuer leaves behind (§1.5); unmet only when no rule excluded the issuer."""
        sources = physical.sources(prereq.any_of)
        if not sources:
            owners = {physical.owners.get(o) for o in prereq.any_of}
            if not owners & excluded:
                self.warn(
                    "schedule-prerequisite-unmet",
                    _crumb(task),
                    task=task.id,
                    outputs=", ".join(prereq.any_of),
                )
            return
        for before, out in sources:
            direct = out in prereq.any_of
            source = self.static.sources[out] if direct else f"{PHYSICAL}{out}"
            lag = prereq.lag if direct else None
            self.link(before, task.id, prereq.binds if direct else "acceptance", lag, source)

    def _left_behind(
        self, task_id: str, lost: Sequence[Sequence[str]], physical: PhysicalInputs
    ) -> None:
        """A removed administrative prerequisite: the task waits for the physical inputs of
        the task that would have issued it (§1.5), unless it already waits for that task."""
        waits = {b for b, a, _e in self.edges if a == task_id}
        for any_of in lost:
            for before, out in physical.inherited(any_of):
                if before not in waits:
                    self.link(before, task_id, "acceptance", None, f"{PHYSICAL}{out}")

    def _add_item(self, item: Item, mode: Mode | None) -> None:
        duration, excluded = self.limits.of(item, mode)
        government = self.static.government.get(item.department, True)
        self.tasks[item.id] = TaskSpec(
            id=item.id,
            type="item",
            ref=item.id,
            zh=item.zh,
            en=item.en,
            timing="review",
            duration=duration,
            stage=item.stage,
            department=item.department,
            mode=mode.id if mode else None,
            government=government,
            excluded=excluded,
            pre_review=mode is not None and mode.kind == ModeKind.pre_review,
            replaces=self.absorbed.get(item.id, ()),
        )

    def _needs(self, item: Item, mode: Mode) -> ItemNeeds:
        """What ``item`` needs in ``mode`` in this build (made once per catalog for a
        catalog mode and the items it absorbs)."""
        absorbed = self.absorbed.get(item.id, ())
        if mode.id == RELAXED_MODE:
            return item_needs(self.catalog, item, mode, absorbed)
        key = (item.id, mode.id, absorbed)
        table = self.static.needs
        found = table.get(key)
        if found is None:
            found = table[key] = item_needs(self.catalog, item, mode, absorbed)
        return found

    def _replaced_by_modes(self, set_modes: Mapping[str, str]) -> frozenset[str]:
        """The items that the (non-normal) modes ``set_modes`` sets replace."""
        found: set[str] = set()
        for item_id, mode_id in set_modes.items():
            item = self.catalog.items.get(item_id)
            mode = next((m for m in item.modes if m.id == mode_id), None) if item else None
            if mode is not None and mode.kind != ModeKind.normal:
                found.update(mode.replaces)
        return frozenset(found)

    def _obligations(
        self,
        obligated: Sequence[str],
        planned: AbstractSet[str],
        active: Mapping[str, Mode],
        absorbed_into: Mapping[str, str],
    ) -> list[ObligationSpec]:
        """The obligations owed after planned items (``obligated``: the catalog's items with
        one of their own or in a mode; ``active``: the modes in effect; ``absorbed_into``:
        replaced item → the merged item that took it over), then the rules'."""
        catalog = self.catalog
        found: dict[tuple[str, str], ObligationSpec] = {}
        owing = set(obligated).union(
            m for r, m in absorbed_into.items() if catalog.items[r].obligations
        )
        for item_id in sorted(owing):
            if item_id not in planned:
                continue
            item = catalog.items[item_id]
            mode = active.get(item_id)
            owed: list[tuple[Obligation, str | None]]
            if mode is None:
                owed = [(o, None) for o in item.obligations]
            else:
                owed = [(n.obligation, n.mode) for n in self._needs(item, mode).obligations]
            for ob, mode_id in owed:
                found[(item_id, ob.id)] = ObligationSpec(
                    ob.id, item_id, ob.zh, ob.en, ob.after, ob.due, ob.basis, mode_id
                )
        for dec in self.decisions.obligations:
            owner = dec.item if dec.item in planned else absorbed_into.get(dec.item)
            if owner is None:
                continue
            mode = active.get(dec.item)
            if dec.mode is not None and (mode is None or mode.id != dec.mode):
                continue
            found[(owner, dec.id)] = ObligationSpec(
                dec.id, owner, dec.zh, dec.en, dec.after, dec.due, dec.basis, dec.mode
            )
        return [found[k] for k in sorted(found)]

    def _add_work(self, work: Work) -> None:
        duration = self.memo.work_durations.get(work.id)
        if duration is None:
            duration = work_duration(work, self.decisions)
            self.memo.work_durations[work.id] = duration
        if duration.clock == Clock.working:
            timing: Timing = "working"
        else:
            timing = "legal" if work.legal_period else "span"
        self.tasks[work.id] = TaskSpec(
            id=work.id,
            type="work",
            ref=work.id,
            zh=work.zh,
            en=work.en,
            timing=timing,
            duration=duration,
            stage=work.stage,
            provider=work.provider,
        )


def _crumb(task: Item | Work) -> str:
    kind = "Item" if isinstance(task, Item) else "Work"
    return f"{kind}(id='{task.id}')"


def build_graph(
    catalog: Catalog,
    decisions: Decisions,
    assignment: Mapping[str, str] | None = None,
    *,
    statutory: bool = False,
    relax: frozenset[str] = frozenset(),
    soft: Mapping[str, Mode] | None = None,
    memo: BuildMemo | None = None,
    sort_edges: bool = True,
) -> PlanGraph:
    """The plan graph for one alternative per option (unassigned options: first one).

    ``relax`` names tasks to neutralize for a lower bound (the optimizer's relaxation): they
    take no time and have no edges in or out, and no material or supplement task of theirs
    is planned. ``soft`` maps items whose mode is still open to a relaxed mode
    (:func:`relaxed_mode`) that is never slower than any of the candidates. ``memo``
    shares per-item work between builds for the same catalog, decisions and limits.
    ``sort_edges=False`` leaves ``edges`` in recorded order (:func:`sorted_edges` orders
    them; the timing pass reads only ``cpm_edges``).

    Raises :class:`~pathplanner.errors.InputError` when two members of one parallel group
    depend on each other. Cycles are found by the timing pass (:func:`cycle_problem`).
    """
    return _Builder(
        catalog,
        decisions,
        assignment or {},
        statutory,
        relax=relax,
        soft=soft,
        memo=memo,
        sort_edges=sort_edges,
    ).build()
