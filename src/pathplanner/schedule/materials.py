"""What an item's materials add to the plan graph: preparation tasks, 容缺 supplements, edges.

:func:`material_plan` is what the catalog says an item in a mode needs; :class:`Materials`
adds it to one build (a preparation task per material with a provider and a lead time,
shared by every item that needs it; a supplement task per material a tolerance mode defers;
an edge from whoever issues or prepares each material). See ``docs/scheduling.md`` §1, §4.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pathplanner.catalog import Catalog
from pathplanner.catalog.model import Clock, Duration, Item, Mode, ModeKind
from pathplanner.catalog.needs import Withheld, item_needs, withheld_uses
from pathplanner.schedule.edges import BuildEdges
from pathplanner.schedule.graph import (
    MATERIAL,
    PHYSICAL,
    RELAXED_MODE,
    SUPPLEMENT,
    TaskSpec,
    Timing,
)
from pathplanner.schedule.physical import PhysicalInputs
from pathplanner.schedule.tables import BuildTables, MaterialStep

__all__ = ["MaterialMemo", "Materials", "material_plan"]

_ZERO_CAL = Duration(value=0, clock=Clock.calendar)


class MaterialMemo:
    """What repeated builds share about materials: the plans of items in the optimizer's
    relaxed mode (keyed by mode identity; the modes are kept alive here, so an id is never
    reused) and the preparation tasks (never changed once made: relaxation and groups only
    touch items and works)."""

    def __init__(self) -> None:
        self.plans: dict[tuple[str, int, Withheld], list[MaterialStep]] = {}
        self.tasks: dict[str, TaskSpec] = {}
        self.modes: dict[int, Mode] = {}


class Materials:
    """Adds items' materials to one build: tasks into ``tasks``, edges into ``edges``,
    supplement task ids per item into :attr:`supplements`. ``demanded``: the conditional
    (item, material) uses whose condition held (the decisions' ``materials``)."""

    def __init__(
        self,
        catalog: Catalog,
        tables: BuildTables,
        memo: MaterialMemo,
        *,
        tasks: dict[str, TaskSpec],
        edges: BuildEdges,
        demanded: frozenset[tuple[str, str]] = frozenset(),
    ) -> None:
        self.catalog = catalog
        self.demanded = demanded
        self.tables = tables
        self.memo = memo
        self.tasks = tasks
        self.edges = edges
        self.supplements: dict[str, list[str]] = {}
        self.physical: PhysicalInputs | None = None
        """Set by the builder once the producers of the build are known."""

    def add(
        self,
        item: Item,
        mode: Mode | None,
        producer: Mapping[str, str],
        absorbed: tuple[str, ...] = (),
    ) -> None:
        """The materials of ``item`` in ``mode`` (``None``: normal handling), replacing the
        items ``absorbed``; ``producer``: output id → the planned task issuing it."""
        plan = self._plan(item, mode, absorbed)
        if mode is None:
            # normal handling: no deferred material, and every edge has its own source
            # (material:<id>), so none can repeat: recorded without the duplicate check
            item_id, tasks, relax = item.id, self.tasks, self.edges.relax
            record, append = self.edges.record, self.edges.edges.append
            for material_id, issued_by, _d, prepared, src, mtask in plan:
                if prepared:
                    if mtask not in tasks:
                        self._prepared(material_id)
                    issuer = mtask
                elif issued_by is not None:
                    found = producer.get(issued_by)
                    if found is None:
                        self._issued_elsewhere(issued_by, item_id, src)
                        continue
                    if found == item_id:
                        continue
                    issuer = found
                else:
                    continue
                if relax and issuer in relax:
                    continue
                append((issuer, item_id, record(issuer, "acceptance", None, src)))
            return
        for material_id, issued_by, deadline, prepared, src, _t in plan:
            before = producer.get(issued_by) if issued_by is not None else None
            if deadline is not None:
                # the supplement task is the preparation of the deferred material
                sup = self._supplement(item, mode, material_id, deadline)
                if before is not None:
                    self.edges.link(before, sup, "acceptance", None, src)
                continue
            if prepared:
                before = self._prepared(material_id)
            elif before is None and issued_by is not None:
                self._issued_elsewhere(issued_by, item.id, src)
            if before is not None:
                self.edges.link(before, item.id, "acceptance", None, src)

    def _issued_elsewhere(self, issued_by: str, item_id: str, src: str) -> None:
        """A material whose issuer is not planned: the item waits for what the issuer
        physically needed (``docs/scheduling.md`` §1.5), if anything."""
        if self.physical is None:
            return
        for before, _out in self.physical.behind_output(issued_by):
            if before != item_id:
                self.edges.link(before, item_id, "acceptance", None, src)

    def _plan(self, item: Item, mode: Mode | None, absorbed: tuple[str, ...]) -> list[MaterialStep]:
        if mode is None or mode.id != RELAXED_MODE:
            withheld = withheld_uses(self.catalog, self.demanded, (item.id, *absorbed))
            # a catalog mode: the same for every plan of the catalog replacing the same items
            # and withholding the same conditional uses
            skey = (item.id, mode.id if mode is not None else None, absorbed, withheld)
            plans = self.tables.material_plans
            plan = plans.get(skey)
            if plan is None:
                plan = plans[skey] = material_plan(self.catalog, item, mode, absorbed, withheld)
            return plan
        memo = self.memo
        memo.modes[id(mode)] = mode
        withheld = withheld_uses(self.catalog, self.demanded, (item.id,))
        key = (item.id, id(mode), withheld)
        found = memo.plans.get(key)
        if found is None:
            found = memo.plans[key] = material_plan(self.catalog, item, mode, (), withheld)
        return found

    def _prepared(self, material_id: str) -> str:
        """The id of the preparation task of a material, added when new."""
        task_id = MATERIAL + material_id
        if task_id in self.tasks:
            return task_id
        self._inputs(material_id, task_id)
        spec = self.memo.tasks.get(material_id)
        if spec is None:
            material = self.catalog.materials[material_id]
            lead = material.lead_time or _ZERO_CAL
            timing: Timing = "working" if lead.clock == Clock.working else "span"
            party = self.catalog.parties.get(material.provider or "")
            dept = self.catalog.departments.get(material.provider or "")
            government = (party is not None and party.kind in ("government", "utility")) or (
                dept is not None and dept.kind in ("government", "utility")
            )
            spec = self.memo.tasks[material_id] = TaskSpec(
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
        self.tasks[task_id] = spec
        return task_id

    def _inputs(self, material_id: str, task_id: str) -> None:
        """Edges from the producers of a prepared material's inputs (physical: §1.5)."""
        material = self.catalog.materials[material_id]
        if not material.inputs or self.physical is None:
            return
        for prereq in material.inputs:
            for before, out in self.physical.sources(prereq.any_of):
                source = f"output:{out}" if out in prereq.any_of else f"{PHYSICAL}{out}"
                self.edges.link(before, task_id, "acceptance", prereq.lag, source)

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
        self.edges.link(task_id, item.id, "decision", None, src)
        self.supplements.setdefault(item.id, []).append(task_id)
        return task_id


def material_plan(
    catalog: Catalog,
    item: Item,
    mode: Mode | None,
    absorbed: Sequence[str] = (),
    withheld: Withheld = frozenset(),
) -> list[MaterialStep]:
    """What an item in ``mode`` (``None``: normal handling), replacing the items
    ``absorbed``, less the conditional uses ``withheld``, needs apart from who issues a
    material in a given graph: per material of
    :func:`~pathplanner.catalog.needs.item_needs` (sorted by id), its issuing output, the
    deadline of a deferred (容缺) material, whether it has a preparation task, and the
    source of the edge."""
    deferred = (
        {d.material: d.deadline for d in mode.deferred_materials}
        if mode is not None and mode.kind == ModeKind.tolerance
        else {}
    )
    needed = item_needs(catalog, item, mode, absorbed, withheld).materials
    added = {n.use.material for n in needed if n.added}
    plan: list[MaterialStep] = []
    for material_id in sorted({n.use.material for n in needed}):
        material = catalog.materials.get(material_id)
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
