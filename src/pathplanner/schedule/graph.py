"""The dependency graph of one combination of choices: tasks, edges with their sources.

:func:`build_graph` turns a :class:`~pathplanner.catalog.Catalog`, the rules'
:class:`~pathplanner.decisions.Decisions` and one alternative per option into a
:class:`PlanGraph`: the applicable items and works, material preparation tasks, 容缺
supplement tasks, one milestone per stage gate and the parallel groups, with every edge
recording why it exists. :func:`to_networkx` gives the same graph as a ``networkx.DiGraph``;
:func:`cycle_problem` reports a cycle with every id on it and each edge's source.

The graph stays linear in size: a stage gate is one milestone node that every task of its
stage feeds and every task of the following stages waits for, never all-to-all edges.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Literal

import networkx as nx

from pathplanner.catalog import Catalog
from pathplanner.catalog.cache import per_catalog
from pathplanner.catalog.model import (
    Clock,
    DatedDuration,
    Duration,
    FieldDuration,
    Item,
    Mode,
    ModeKind,
    Obligation,
    Work,
)
from pathplanner.decisions import Alternative, Decisions, Dependency, Option, Reason
from pathplanner.errors import InputError, Location, Problem
from pathplanner.schedule.result import Edge, EdgeEnd, TaskType

__all__ = [
    "BuildMemo",
    "GroupSpec",
    "ObligationSpec",
    "PlanGraph",
    "TaskSpec",
    "Timing",
    "build_graph",
    "cached_item_duration",
    "chosen_alternatives",
    "cycle_problem",
    "item_duration",
    "normal_limits",
    "relaxed_mode",
    "to_networkx",
]

Timing = Literal["review", "span", "legal", "working", "milestone", "supplement"]
"""How a task's dates follow from its start (see ``docs/scheduling.md``):

- ``review``: an item, accepted on a working day, decided after its excluded time and limit;
- ``span``: calendar days ``(s, s + d]`` that may start and end on rest days;
- ``legal``: like ``span`` but ending on the next working day when the end is a rest day;
- ``working``: a non-item task counted in working days (``add_working_days``);
- ``milestone``: zero length, ends when it starts;
- ``supplement``: a 容缺 supplement, starting with its item's acceptance.
"""

_ZERO = Duration(value=0, clock=Clock.working)
_ZERO_CAL = Duration(value=0, clock=Clock.calendar)
_DAYS_PER_MONTH = 30
GATE = "gate:"
GROUP = "group:"
GROUP_END = "group-end:"
MATERIAL = "material:"
RELAXED_MODE = "lower-bound-relaxation"
SUPPLEMENT = "supplement:"


@dataclass
class TaskSpec:
    """One node of the plan graph, with how its dates are computed."""

    id: str
    type: TaskType | Literal["group"]
    ref: str
    zh: str
    en: str
    timing: Timing
    duration: Duration
    stage: str | None = None
    department: str | None = None
    mode: str | None = None
    provider: str | None = None
    government: bool = False
    excluded: tuple[Duration, ...] = ()
    cap: Duration | None = None
    group: str | None = None
    anchor: str | None = None
    deadline: Duration | None = None
    pre_review: bool = False

    @property
    def visible(self) -> bool:
        """False for the internal nodes of parallel groups."""
        return self.type != "group"


@dataclass(frozen=True)
class GroupSpec:
    """A parallel group as planned for one combination of choices."""

    id: str
    zh: str
    en: str
    lead_department: str
    members: tuple[str, ...]
    cap: Duration | None
    issue_together: bool


@dataclass(frozen=True)
class ObligationSpec:
    """An obligation owed after a planned item."""

    id: str
    item: str
    zh: str
    en: str
    after: Literal["acceptance", "decision"]
    due: Duration
    basis: str
    mode: str | None


@dataclass
class PlanGraph:
    """Tasks and edges of one combination of choices.

    ``edges`` are the recorded dependencies ``(before, after, Edge)``; ``cpm_edges`` the
    same after parallel groups are wired through their internal start (and, when results
    are issued together, end) nodes, which is what the timing pass reads.
    """

    tasks: dict[str, TaskSpec]
    edges: list[tuple[str, str, Edge]]
    cpm_edges: list[tuple[str, str, Edge]]
    groups: dict[str, GroupSpec]
    obligations: list[ObligationSpec]
    supplements: dict[str, list[str]]
    problems: list[Problem] = field(default_factory=list)
    commitments: int = 0
    items: int = 0


def sorted_edges(edges: Iterable[tuple[str, str, Edge]]) -> list[tuple[str, str, Edge]]:
    """Recorded edges in their stable order: by successor, predecessor, binding, source."""
    return sorted(edges, key=lambda e: (e[1], e[0], e[2].binds, e[2].source))


def _source_of(reasons: Sequence[Reason]) -> str:
    return f"rule:{reasons[0].rule_id}" if reasons else "rule:"


def _in_force(values: Iterable[DatedDuration], day: dt.date) -> DatedDuration | None:
    for value in values:
        if value.in_force(day):
            return value
    return None


def item_duration(
    item: Item,
    mode: Mode | None,
    decisions: Decisions,
    *,
    statutory: bool,
) -> tuple[Duration, tuple[Duration, ...]]:
    """The limit an item is planned with and its excluded segments.

    Order: a rule's :class:`~pathplanner.decisions.TimeLimitOverride` for the limit in use;
    else the mode's own duration (no excluded time then); else the catalog's committed limit
    in force on ``decisions.as_of`` (the statutory one when none is committed). With
    ``statutory`` the statutory limit plus every extension in force plus every excluded part
    at its maximum; otherwise the expected excluded parts at their expected length.
    """
    wanted = "statutory" if statutory else "committed"
    for override in decisions.time_limits:
        if override.item == item.id and override.limit == wanted:
            return override.duration, ()
    if mode is not None and mode.duration is not None:
        return mode.duration, ()
    limits = item.time_limits
    as_of = decisions.as_of
    base: Duration | None
    if statutory:
        stat = _in_force(limits.statutory, as_of) or _in_force(limits.committed, as_of)
        base = None
        if stat is not None:
            value = stat.value + sum(e.value for e in limits.extensions if e.in_force(as_of))
            base = Duration(value=value, clock=stat.clock)
        excluded = tuple(e.maximum or e.duration for e in limits.excluded)
    else:
        base = _in_force(limits.committed, as_of) or _in_force(limits.statutory, as_of)
        excluded = tuple(e.duration for e in limits.excluded if e.expected)
    if base is None:
        base = _ZERO
    return Duration(value=base.value, clock=base.clock), excluded


_MaterialStep = tuple[str, str | None, Duration | None, bool, str, str]
"""One material of an item in a mode: id, issuing output, 容缺 deadline, whether it has a
preparation task, edge source, preparation task id (see ``_Builder._material_plan``)."""


_Limits = tuple[Duration, tuple[Duration, ...]]
_LIMIT_TABLES_MAX = 8
"""Most (as-of date, limit kind) tables kept per catalog (the oldest is dropped)."""


class _Static:
    """What every build of one catalog reads and never changes: computed once per catalog
    object (see :func:`_static`), so a plan does not re-sort or re-derive catalog data.

    ``order``: every item and work id, sorted (``tasks``: as a set); ``owners``: output
    id → issuing task; ``sources``: output id → the source of an edge from it;
    ``obligated``: items with an obligation of their own or in a mode; ``government``:
    department id → whether it counts toward government working days;
    ``distinct_prereqs``: tasks whose prerequisites name every output once (their
    prerequisite edges cannot repeat); ``limits``: per (as-of date, statutory) the limits
    of each item in normal handling; ``material_plans``: per (item, catalog mode id) the
    materials step list; ``edges``: lag-free edge records shared between plans;
    ``gate_edges``: task id → its edge into its stage's gate.
    """

    def __init__(self, catalog: Catalog) -> None:
        self.order: list[str] = sorted((*catalog.items, *catalog.works))
        self.tasks: frozenset[str] = frozenset(self.order)
        self.owners: dict[str, str] = {out: task for out, (task, _o) in catalog.outputs().items()}
        self.sources: dict[str, str] = {out: f"output:{out}" for out in self.owners}
        self.obligated: list[str] = [
            i.id
            for i in (catalog.items[k] for k in self.order if k in catalog.items)
            if i.obligations or any(m.obligations for m in i.modes)
        ]
        self.distinct_prereqs: set[str] = set()
        tasks: list[Item | Work] = [*catalog.items.values(), *catalog.works.values()]
        for task in tasks:
            outs = [o for p in task.prerequisites for o in p.any_of]
            if len(outs) == len(set(outs)):
                self.distinct_prereqs.add(task.id)
        self.government: dict[str, bool] = {
            d.id: d.kind in ("government", "utility") for d in catalog.departments.values()
        }
        self.limits: dict[tuple[dt.date, bool], dict[str, _Limits]] = {}
        self.material_plans: dict[tuple[str, str | None], list[_MaterialStep]] = {}
        self.edges: dict[tuple[str, str, str], Edge] = {}
        self.gate_edges: dict[str, Edge] = {}
        self.lock = threading.Lock()

    def sorted_tasks(self, planned: AbstractSet[str]) -> list[str]:
        """``sorted(planned)`` for a set of item and work ids of this catalog."""
        if len(planned) * 8 < len(self.order):
            return sorted(planned)
        return [t for t in self.order if t in planned]

    def limits_for(self, as_of: dt.date, statutory: bool) -> dict[str, _Limits]:
        """The table of items' normal limits for one as-of date and limit kind."""
        key = (as_of, statutory)
        table = self.limits.get(key)
        if table is None:
            with self.lock:
                table = self.limits.get(key)
                if table is None:
                    while len(self.limits) >= _LIMIT_TABLES_MAX:
                        del self.limits[next(iter(self.limits))]
                    table = {}
                    self.limits[key] = table
        return table


_SHARED_EDGES_MAX = 2_000_000


@per_catalog
def _static(catalog: Catalog) -> _Static:
    """The :class:`_Static` tables of ``catalog`` (built on first use)."""
    return _Static(catalog)


def normal_limits(
    catalog: Catalog, as_of: dt.date, statutory: bool
) -> Mapping[str, tuple[Duration, tuple[Duration, ...]]]:
    """Item id → :func:`item_duration` in normal handling without a rule's override, for
    the items already looked up for this catalog, as-of date and limit kind (read-only;
    :func:`cached_item_duration` fills it)."""
    return _static(catalog).limits_for(as_of, statutory)


def cached_item_duration(
    catalog: Catalog,
    item: Item,
    mode: Mode | None,
    decisions: Decisions,
    *,
    statutory: bool,
) -> tuple[Duration, tuple[Duration, ...]]:
    """:func:`item_duration` of a catalog item, remembered per catalog object.

    Without a rule's override and a mode's own duration the result depends only on the
    item, ``decisions.as_of`` and ``statutory``, so it is kept for later plans.
    """
    if (mode is not None and mode.duration is not None) or any(
        o.item == item.id for o in decisions.time_limits
    ):
        return item_duration(item, mode, decisions, statutory=statutory)
    table = _static(catalog).limits_for(decisions.as_of, statutory)
    found = table.get(item.id)
    if found is None:
        found = item_duration(item, None, decisions, statutory=statutory)
        table[item.id] = found
    return found


def _work_duration(work: Work, decisions: Decisions) -> Duration:
    d = work.duration
    if isinstance(d, Duration):
        return Duration(value=d.value, clock=d.clock)
    assert isinstance(d, FieldDuration)
    raw = decisions.facts.get(d.field)
    value = raw if isinstance(raw, int | float) and not isinstance(raw, bool) else d.default
    days = int(value or 0)
    if d.unit == "months":
        days *= _DAYS_PER_MONTH
    return Duration(value=max(days, 0), clock=d.clock)


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

    The optimizer builds a graph per search node; the limits of an item in a mode, the
    duration of a work, the materials an item in a mode needs and the preparation task of a
    material are the same every time, so they are computed once. Modes are keyed by object
    identity and kept alive here, so an id is never reused while the memo lives.
    """

    def __init__(self, *, intern_edges: bool = False) -> None:
        self.intern_edges = intern_edges
        self.edges: dict[tuple[str, str, str, int], Edge] = {}
        self.lags: dict[int, Duration] = {}
        self.durations: dict[tuple[str, int], tuple[Duration, tuple[Duration, ...]]] = {}
        self.work_durations: dict[str, Duration] = {}
        self.material_plans: dict[tuple[str, int], list[_MaterialStep]] = {}
        self.material_tasks: dict[str, TaskSpec] = {}
        self.modes: dict[int, Mode] = {}


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
        self.edges: list[tuple[str, str, Edge]] = []
        self.seen_edges: set[tuple[str, str, str, str]] = set()
        self.decision_pairs: set[tuple[str, str]] = set()
        self.problems: list[Problem] = []
        self.supplements: dict[str, list[str]] = {}
        self.static = _static(catalog)
        self.shared_edges = self.static.edges
        self.overridden = {o.item for o in decisions.time_limits}
        self.limits = self.static.limits_for(decisions.as_of, statutory)

    # ------------------------------------------------------------ helpers
    def edge(self, before: str, after: str, edge: Edge) -> None:
        key = (before, after, edge.binds, edge.source)
        if before == after or key in self.seen_edges:
            return
        if self.relax and (before in self.relax or after in self.relax):
            return
        self.seen_edges.add(key)
        self.edges.append((before, after, edge))
        if edge.binds == "decision":
            self.decision_pairs.add((before, after))

    def link(
        self, before: str, after: str, binds: EdgeEnd, lag: Duration | None, source: str
    ) -> None:
        """:meth:`edge` with the record made only when the edge is new (and, with
        ``memo.intern_edges``, shared between builds)."""
        key = (before, after, binds, source)
        seen = self.seen_edges
        if key in seen or before == after:
            return
        relax = self.relax
        if relax and (before in relax or after in relax):
            return
        edge: Edge | None
        if lag is None:
            # lag-free records are shared by every plan of the catalog (they are frozen)
            shared = self.shared_edges
            skey = (before, binds, source)
            edge = shared.get(skey)
            if edge is None:
                if len(shared) >= _SHARED_EDGES_MAX:
                    shared.clear()
                edge = shared[skey] = Edge(before, binds, None, source)
        elif self.memo.intern_edges:
            memo = self.memo
            lag_key = id(lag)
            memo.lags[lag_key] = lag
            ekey = (before, binds, source, lag_key)
            edge = memo.edges.get(ekey)
            if edge is None:
                edge = Edge(before, binds, lag, source)
                memo.edges[ekey] = edge
        else:
            edge = Edge(before, binds, lag, source)
        seen.add(key)
        self.edges.append((before, after, edge))
        if binds == "decision":
            self.decision_pairs.add((before, after))

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
        for option_id, alt in sorted(self.chosen.items()):
            edits = alt.edits
            commitments += alt.commitments
            modes.update(edits.set_modes)
            planned.update(edits.add_tasks)
            planned.difference_update(edits.remove_tasks)
            src = f"option:{option_id}:{alt.id}"
            add_deps += [(d, src) for d in edits.add_dependencies]
            removed.update((d.before, d.after) for d in edits.remove_dependencies)
            for group, members in edits.join_groups.items():
                joins.setdefault(group, []).extend(members)
        planned.intersection_update(self.static.tasks)

        # modes in effect, and merged items replacing others
        active: dict[str, Mode] = {}
        replaced_by: dict[str, str] = {}
        for item_id, mode_id in sorted(modes.items()):
            item = cat.items.get(item_id)
            if item is None or item_id not in planned:
                continue
            mode = next((m for m in item.modes if m.id == mode_id), None)
            if mode is None or mode.kind == ModeKind.normal:
                continue
            active[item_id] = mode
            for gone in mode.replaces:
                replaced_by[gone] = item_id
        planned.difference_update(replaced_by)
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
        # without the duplicate check (and the lag-free record shared across plans).
        shared, distinct = self.shared_edges, static.distinct_prereqs
        edges_append, decision_pairs = self.edges.append, self.decision_pairs
        for task_id in order:
            task: Item | Work | None = cat_items.get(task_id)
            if task is None:
                task = cat_works[task_id]
            fast = task_id in distinct and not (relax and task_id in relax)
            mode = active.get(task_id) if active else None
            if mode is None:
                dropped = waits = no_outputs
            else:
                dropped = frozenset(mode.drops_prerequisites)
                waits = frozenset(mode.decision_waits_for)
            for prereq in task.prerequisites:
                any_of = prereq.any_of
                if dropped and dropped.intersection(any_of):
                    continue
                if added_pairs and any((o, task_id) in added_pairs for o in any_of):
                    continue
                chosen: str | None = None
                before: str | None = None
                if removed:
                    for out in any_of:
                        if (out, task_id) in removed:
                            continue
                        before = producer_get(out)
                        if before is not None and (before, task_id) not in removed:
                            chosen = out
                            break
                else:
                    for out in any_of:
                        before = producer_get(out)
                        if before is not None:
                            chosen = out
                            break
                if chosen is None or before is None:
                    if not any((o, task_id) in removed for o in any_of):
                        self.warn(
                            "schedule-prerequisite-unmet",
                            _crumb(task),
                            task=task_id,
                            outputs=", ".join(any_of),
                        )
                    continue
                binds: EdgeEnd = (
                    "decision" if waits and waits.intersection(any_of) else prereq.binds
                )
                source = sources[chosen]
                lag = prereq.lag
                if not fast or lag is not None or before == task_id or (relax and before in relax):
                    link(before, task_id, binds, lag, source)
                    continue
                skey = (before, binds, source)
                edge = shared.get(skey)
                if edge is None:
                    edge = shared[skey] = Edge(before, binds, None, source)
                edges_append((before, task_id, edge))
                if binds == "decision":
                    decision_pairs.add((before, task_id))
            if mode is not None and mode.id != RELAXED_MODE:
                for out in mode.decision_waits_for:
                    before = resolve(out)
                    bound = (before, task_id) in self.decision_pairs
                    if before is not None and not bound and (out, task_id) not in removed:
                        self.link(before, task_id, "decision", None, f"mode:{task_id}:{mode.id}")
            if (
                isinstance(task, Item)
                and (task.materials or mode is not None)
                and not (relax and task_id in relax)
            ):
                self._materials(task, mode, dropped, producer)

        for dep, src in add_deps:
            after = dep.after if dep.after in planned else None
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

        self._gates(order)
        groups = self._groups(planned, joins)
        obligations = self._obligations(planned, active)
        items = sum(1 for t in planned if t in cat.items)
        cpm_edges = _wire_groups(self.tasks, self.edges, groups)
        return PlanGraph(
            tasks=self.tasks,
            edges=sorted_edges(self.edges) if self.sort_edges else self.edges,
            cpm_edges=cpm_edges,
            groups=groups,
            obligations=obligations,
            supplements=self.supplements,
            problems=self.problems,
            commitments=commitments,
            items=items,
        )

    def _mode_key(self, mode: Mode | None) -> int:
        if mode is None:
            return 0
        self.memo.modes[id(mode)] = mode
        return id(mode)

    def _add_item(self, item: Item, mode: Mode | None) -> None:
        found: _Limits | None
        if mode is None and item.id not in self.overridden:
            found = self.limits.get(item.id)
            if found is None:
                found = item_duration(item, None, self.decisions, statutory=self.statutory)
                self.limits[item.id] = found
        else:
            key = (item.id, self._mode_key(mode))
            found = self.memo.durations.get(key)
            if found is None:
                found = cached_item_duration(
                    self.catalog, item, mode, self.decisions, statutory=self.statutory
                )
                self.memo.durations[key] = found
        duration, excluded = found
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
        )

    def _add_work(self, work: Work) -> None:
        duration = self.memo.work_durations.get(work.id)
        if duration is None:
            duration = _work_duration(work, self.decisions)
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

    def _materials(
        self, item: Item, mode: Mode | None, dropped: AbstractSet[str], producer: Mapping[str, str]
    ) -> None:
        plan: list[_MaterialStep] | None
        if mode is None or mode.id != RELAXED_MODE:
            # a catalog mode: the same for every plan of the catalog
            skey = (item.id, mode.id if mode is not None else None)
            plans = self.static.material_plans
            plan = plans.get(skey)
            if plan is None:
                plan = plans[skey] = self._material_plan(item, mode, dropped)
        else:
            key = (item.id, self._mode_key(mode))
            plan = self.memo.material_plans.get(key)
            if plan is None:
                plan = self._material_plan(item, mode, dropped)
                self.memo.material_plans[key] = plan
        if mode is None:
            # normal handling: no deferred material, and every edge has its own source
            # (material:<id>), so none can repeat: recorded without the duplicate check
            item_id, tasks, relax = item.id, self.tasks, self.relax
            shared, append = self.shared_edges, self.edges.append
            for material_id, issued_by, _d, prepared, src, mtask in plan:
                if prepared:
                    if mtask not in tasks:
                        self._material_task(material_id)
                    issuer = mtask
                elif issued_by is not None:
                    found = producer.get(issued_by)
                    if found is None or found == item_id:
                        continue
                    issuer = found
                else:
                    continue
                if relax and issuer in relax:
                    continue
                ekey = (issuer, "acceptance", src)
                edge = shared.get(ekey)
                if edge is None:
                    edge = shared[ekey] = Edge(issuer, "acceptance", None, src)
                append((issuer, item_id, edge))
            return
        for material_id, issued_by, deadline, prepared, src, _t in plan:
            before = producer.get(issued_by) if issued_by is not None else None
            if deadline is not None:
                # the supplement task is the preparation of the deferred material
                sup = self._supplement(item, mode, material_id, deadline)
                if before is not None:
                    self.link(before, sup, "acceptance", None, src)
                continue
            if prepared:
                before = self._material_task(material_id)
            if before is not None:
                self.link(before, item.id, "acceptance", None, src)

    def _material_plan(
        self, item: Item, mode: Mode | None, dropped: AbstractSet[str]
    ) -> list[_MaterialStep]:
        """What :meth:`_materials` does for ``item`` in ``mode``, apart from looking up who
        issues a material in this graph: per material (sorted by id), who issues it, the
        deadline of a deferred (容缺) material, whether it has a preparation task, and the
        source of the edge."""
        cat = self.catalog
        deferred = (
            {d.material: d.deadline for d in mode.deferred_materials}
            if mode is not None and mode.kind == ModeKind.tolerance
            else {}
        )
        added = list(mode.adds_materials) if mode else []
        uses = [u.material for u in item.materials if u.material not in dropped]
        plan: list[_MaterialStep] = []
        for material_id in sorted(set(uses) | set(added)):
            material = cat.materials.get(material_id)
            if material is None:
                continue
            src = f"material:{material_id}"
            task_id = MATERIAL + material_id
            if material_id in deferred:
                plan.append(
                    (material_id, material.issued_by, deferred[material_id], False, src, task_id)
                )
                continue
            prepared = material.provider is not None and (
                material.lead_time is not None or material_id in added
            )
            if mode is not None and material_id in added:
                src = f"mode:{item.id}:{mode.id}"
            plan.append((material_id, material.issued_by, None, prepared, src, task_id))
        return plan

    def _material_task(self, material_id: str) -> str:
        task_id = MATERIAL + material_id
        if task_id in self.tasks:
            return task_id
        # never changed after it is made (relaxation and groups only touch items and works)
        spec = self.memo.material_tasks.get(material_id)
        if spec is not None:
            self.tasks[task_id] = spec
            return task_id
        if task_id not in self.tasks:
            material = self.catalog.materials[material_id]
            lead = material.lead_time or _ZERO_CAL
            timing: Timing = "working" if lead.clock == Clock.working else "span"
            party = self.catalog.parties.get(material.provider or "")
            dept = self.catalog.departments.get(material.provider or "")
            government = (party is not None and party.kind in ("government", "utility")) or (
                dept is not None and dept.kind in ("government", "utility")
            )
            self.tasks[task_id] = TaskSpec(
                id=task_id,
                type="material",
                ref=material_id,
                zh=material.zh,
                en=material.en,
                timing=timing,
                duration=Duration(value=lead.value, clock=lead.clock),
                provider=material.provider,
                government=government,
            )
            self.memo.material_tasks[material_id] = self.tasks[task_id]
        return task_id

    def _supplement(
        self, item: Item, mode: Mode | None, material_id: str, deadline: Duration
    ) -> str:
        material = self.catalog.materials[material_id]
        lead = material.lead_time or _ZERO_CAL
        task_id = f"{SUPPLEMENT}{item.id}:{material_id}"
        self.tasks[task_id] = TaskSpec(
            id=task_id,
            type="supplement",
            ref=material_id,
            zh=material.zh,
            en=material.en,
            timing="supplement",
            duration=Duration(value=lead.value, clock=lead.clock),
            provider=material.provider,
            anchor=item.id,
            deadline=deadline,
            mode=mode.id if mode else None,
        )
        src = f"mode:{item.id}:{mode.id}" if mode else f"material:{material_id}"
        self.link(task_id, item.id, "decision", None, src)
        self.supplements.setdefault(item.id, []).append(task_id)
        return task_id

    def _gates(self, order: Sequence[str]) -> None:
        """One milestone per gated stage: every planned task (``order``: sorted) feeds its
        stage's gate and waits for the previous one."""
        stages = sorted(self.catalog.stages.values(), key=lambda s: (s.order, s.id))
        gate_of_stage: dict[str, str] = {}
        previous_gate: dict[str, str | None] = {}
        last: str | None = None
        for stage in stages:
            previous_gate[stage.id] = last
            if stage.gate:
                gid = GATE + stage.id
                gate_of_stage[stage.id] = gid
                self.tasks[gid] = TaskSpec(
                    id=gid,
                    type="milestone",
                    ref=stage.id,
                    zh=stage.zh,
                    en=stage.en,
                    timing="milestone",
                    duration=_ZERO,
                    stage=stage.id,
                )
                if last is not None:
                    self.link(last, gid, "acceptance", None, GATE + stage.id)
                last = gid
        if not gate_of_stage:
            return
        into = {s: (g, GATE + s) for s, g in gate_of_stage.items()}
        out_of = {
            s: (g, GATE + self.tasks[g].ref) for s, g in previous_gate.items() if g is not None
        }
        # Gate edges are unique by construction (one per task and direction, sources
        # ``gate:<stage>`` used nowhere else) and no edge is linked after them, so they are
        # recorded without the duplicate check.
        tasks, relax, shared = self.tasks, self.relax, self.shared_edges
        append, gate_edges = self.edges.append, self.static.gate_edges
        for task_id in order:
            if relax and task_id in relax:
                continue
            spec = tasks[task_id]
            stage_id = spec.stage or ""
            found = into.get(stage_id)
            if found is not None:
                gid, src = found
                edge = gate_edges.get(task_id)
                if edge is None or edge.source != src:
                    edge = gate_edges[task_id] = Edge(task_id, "acceptance", None, src)
                append((task_id, gid, edge))
            found = out_of.get(stage_id)
            if found is not None:
                gid, src = found
                binds: EdgeEnd = "decision" if spec.pre_review else "acceptance"
                key = (gid, binds, src)
                edge = shared.get(key)
                if edge is None:
                    edge = shared[key] = Edge(gid, binds, None, src)
                append((gid, task_id, edge))

    def _groups(self, planned: set[str], joins: Mapping[str, list[str]]) -> dict[str, GroupSpec]:
        out: dict[str, GroupSpec] = {}
        member_of: dict[str, str] = {}
        for group in sorted(self.decisions.groups, key=lambda g: g.id):
            wanted = [*group.members, *joins.get(group.id, [])]
            members: list[str] = []
            for m in wanted:
                if m not in planned or m not in self.catalog.items or m in members:
                    continue
                if m in member_of:
                    self.warn(
                        "schedule-group-twice",
                        f"ParallelGroup(id='{group.id}')",
                        item=m,
                        group=group.id,
                        other=member_of[m],
                    )
                    continue
                members.append(m)
            if not members:
                continue
            for m in members:
                member_of[m] = group.id
                self.tasks[m].group = group.id
                self.tasks[m].cap = None if m in self.relax else group.cap
            out[group.id] = GroupSpec(
                id=group.id,
                zh=group.zh,
                en=group.en,
                lead_department=group.lead_department,
                members=tuple(sorted(members)),
                cap=group.cap,
                issue_together=group.issue_together,
            )
        inside = [
            (a, b, e)
            for a, b, e in self.edges
            if a in member_of and member_of.get(b) == member_of[a]
        ]
        if inside:
            problems = [
                Problem(
                    "schedule-group-internal",
                    Location("rules"),
                    breadcrumb=f"ParallelGroup(id='{member_of[a]}')",
                    args={"group": member_of[a], "before": a, "after": b, "source": e.source},
                )
                for a, b, e in inside
            ]
            raise InputError(problems)
        return out

    def _obligations(self, planned: set[str], active: Mapping[str, Mode]) -> list[ObligationSpec]:
        found: dict[tuple[str, str], ObligationSpec] = {}
        for item_id in self.static.obligated:
            if item_id not in planned:
                continue
            item = self.catalog.items[item_id]
            mode = active.get(item_id)
            sources: list[tuple[Obligation, str | None]] = [(o, None) for o in item.obligations]
            if mode is not None:
                sources += [(o, mode.id) for o in mode.obligations]
            for ob, mode_id in sources:
                found[(item_id, ob.id)] = ObligationSpec(
                    ob.id, item_id, ob.zh, ob.en, ob.after, ob.due, ob.basis, mode_id
                )
        for dec in self.decisions.obligations:
            if dec.item not in planned:
                continue
            mode = active.get(dec.item)
            if dec.mode is not None and (mode is None or mode.id != dec.mode):
                continue
            found[(dec.item, dec.id)] = ObligationSpec(
                dec.id, dec.item, dec.zh, dec.en, dec.after, dec.due, dec.basis, dec.mode
            )
        return [found[k] for k in sorted(found)]


def _output_owners(catalog: Catalog) -> dict[str, str]:
    """Output id → the task issuing it, computed once per catalog object."""
    return _static(catalog).owners


def _crumb(task: Item | Work) -> str:
    kind = "Item" if isinstance(task, Item) else "Work"
    return f"{kind}(id='{task.id}')"


def _wire_groups(
    tasks: dict[str, TaskSpec],
    edges: list[tuple[str, str, Edge]],
    groups: Mapping[str, GroupSpec],
) -> list[tuple[str, str, Edge]]:
    """Route members' acceptance edges through the group's start node (all members are
    accepted on the latest readiness among them) and, for 统一出件, their successors
    through the group's end node (successors wait for the last member)."""
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
            out.append((start, m, Edge(start, "acceptance", None, GROUP + gid)))
        if group.issue_together:
            end = GROUP_END + gid
            tasks[end] = TaskSpec(
                id=end, type="group", ref=gid, zh=group.zh, en=group.en,
                timing="milestone", duration=_ZERO, group=gid,
            )  # fmt: skip
            for m in group.members:
                out.append((m, end, Edge(m, "acceptance", None, GROUP + gid)))
    together = {m for m, g in member_of.items() if groups[g].issue_together}
    append = out.append
    for record in edges:
        before, after, edge = record
        if before not in member_of and after not in member_of:
            append(record)  # most edges: the same record
            continue
        b, a, e = before, after, edge
        if before in together:
            gb = member_of[before]
            b = GROUP_END + gb
            e = Edge(b, edge.binds, edge.lag, edge.source)
        ga = member_of.get(after)
        if ga is not None and edge.binds == "acceptance":
            a = GROUP + ga
        append((b, a, e))
    return out


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
    drops: set[str] = set()
    waits: set[str] = set()
    for m in modes:
        drops.update(m.drops_prerequisites)
        drops.update(x.material for x in m.deferred_materials)
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
        drops_prerequisites=sorted(drops),
        decision_waits_for=sorted(waits),
        adds_materials=sorted(added),
        duration=shortest,
    )


def to_networkx(graph: PlanGraph) -> nx.DiGraph:
    """The plan graph as a ``networkx.DiGraph``: node attribute ``spec`` (TaskSpec), edge
    attribute ``edges`` (the list of Edge records between the two tasks)."""
    g = nx.DiGraph()
    for task_id in sorted(graph.tasks):
        g.add_node(task_id, spec=graph.tasks[task_id])
    for before, after, edge in graph.cpm_edges:
        if g.has_edge(before, after):
            g.edges[before, after]["edges"].append(edge)
        else:
            g.add_edge(before, after, edges=[edge])
    return g


def cycle_problem(graph: PlanGraph) -> Problem | None:
    """The cycle of the graph as one problem naming every id and each edge's source."""
    g = to_networkx(graph)
    try:
        cycle = nx.find_cycle(g)
    except nx.NetworkXNoCycle:
        return None
    parts = []
    for before, after in (c[:2] for c in cycle):
        sources = ", ".join(sorted({e.source for e in g.edges[before, after]["edges"]}))
        parts.append(f"{before} -[{sources}]-> {after}")
    ids = sorted({c[0] for c in cycle})
    return Problem(
        "schedule-cycle",
        Location("catalog"),
        breadcrumb=" > ".join(f"Task(id='{i}')" for i in ids),
        args={"cycle": "; ".join(parts), "ids": ", ".join(ids)},
    )


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
