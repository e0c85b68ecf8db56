"""Parts of a :class:`~pathplanner.plan.model.Plan` made once and reused between plans.

Building a plan is on the hot path of every planning call (a portal plans on each form
change), so what depends only on the catalog is made once per catalog object (labels,
names, fees, the prerequisites' outputs, material labels), and the small frozen parts
that carry no list or dict (:class:`~pathplanner.plan.model.Name`,
:class:`~pathplanner.plan.model.PlanDuration`) are shared between plans. Shared parts
never hold a mutable container, so no plan can change another one.

Parts are made with ``trusted`` (no validation): their values come from validated catalog
models and are of the declared types by construction; tests re-validate whole plans.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pathplanner.catalog import Catalog
from pathplanner.catalog.cache import per_catalog
from pathplanner.catalog.model import Duration, Item, Lead, Material, Mode, Output
from pathplanner.catalog.needs import Withheld, item_needs
from pathplanner.decisions import Reason
from pathplanner.messages import message_text, text
from pathplanner.plan.model import (
    ExcludedTimePlan,
    Fee,
    LabelRef,
    Name,
    PlanDuration,
    PlanReason,
    PlanWarning,
    Predecessor,
    PrerequisiteOutput,
)
from pathplanner.plan.reason_words import ReasonWords, reason_words
from pathplanner.schedule.durations import limits_in_force

__all__ = [
    "CatalogParts",
    "ItemParts",
    "ItemWants",
    "MaterialAsked",
    "MaterialParts",
    "ModeParts",
    "PrerequisiteParts",
    "ReasonCache",
    "catalog_parts",
    "name",
    "plan_duration",
    "plan_warning",
    "predecessor",
]

_MAX_SHARED = 20_000
"""Most shared names or durations kept; past it the table starts over (bounded memory)."""

_NAMES: dict[tuple[str, str], Name] = {}
_DURATIONS: dict[tuple[int, str], PlanDuration] = {}


def name(zh: str, en: str = "") -> Name:
    """The (shared) name with these labels."""
    key = (zh, en)
    found = _NAMES.get(key)
    if found is None:
        if len(_NAMES) >= _MAX_SHARED:
            _NAMES.clear()
        found = _NAMES[key] = Name.trusted(zh=zh, en=en)
    return found


def plan_warning(
    code: str,
    args: Mapping[str, str],
    *,
    location: str = "",
    breadcrumb: str = "",
    severity: Literal["error", "warning"] = "warning",
    english: Mapping[str, str] | None = None,
) -> PlanWarning:
    """The plan's warning ``code`` with its message written in both languages from
    ``args`` (the renderer shows the one of the report). ``english`` replaces the args
    that name something in English (an item's English name for its Chinese one)."""
    en_args = {**args, **english} if english else args
    return PlanWarning.trusted(
        code=code,
        severity=severity,
        location=location,
        breadcrumb=breadcrumb,
        message=name(message_text(code, "zh", args), message_text(code, "en", en_args)),
    )


def plan_duration(duration: Duration | None) -> PlanDuration | None:
    """A catalog duration as it appears in the plan, shared (``None`` stays ``None``); a
    :class:`~pathplanner.catalog.model.Lead` is a negative lag."""
    if duration is None:
        return None
    value = -duration.value if isinstance(duration, Lead) else duration.value
    key = (value, duration.clock)
    found = _DURATIONS.get(key)
    if found is None:
        if len(_DURATIONS) >= _MAX_SHARED:
            _DURATIONS.clear()
        found = _DURATIONS[key] = PlanDuration.trusted(value=value, clock=duration.clock.value)
    return found


_PREDECESSORS: dict[tuple[str, str, Duration | None, str, str | None], Predecessor] = {}


def predecessor(
    task: str, binds: str, lag: Duration | None, source: str, one_of: str | None = None
) -> Predecessor:
    """The (shared) predecessor entry of a scheduled task's edge."""
    key = (task, binds, lag, source, one_of)
    found = _PREDECESSORS.get(key)
    if found is None:
        if len(_PREDECESSORS) >= _MAX_SHARED:
            _PREDECESSORS.clear()
        found = _PREDECESSORS[key] = Predecessor.trusted(
            task=task, binds=binds, lag=plan_duration(lag), source=source, one_of=one_of
        )
    return found


def plain_facts(values: Mapping[str, Any]) -> dict[str, bool | int | float | str | None]:
    """Facts as the plan writes them, sorted: dates as ISO text, and a list field as one
    key per value it holds (``site.zone_assessments.eia: true``)."""
    out: dict[str, bool | int | float | str | None] = {}
    for key, value in values.items():
        if isinstance(value, tuple):
            out.update({f"{key}.{member}": True for member in value})
        else:
            out[key] = value.isoformat() if isinstance(value, dt.date) else value
    return dict(sorted(out.items()))


def _plan_reason(reason: Reason, words: ReasonWords) -> PlanReason:
    facts = plain_facts(reason.facts)
    return PlanReason.trusted(
        rule_id=reason.rule_id,
        text=reason.text,
        basis=reason.basis,
        facts=facts,
        title=words.title(reason.rule_id),
        facts_in_words=words.clauses(facts),
    )


class ReasonCache:
    """Reasons converted for one plan: each :class:`Reason` object once.

    Keyed by object identity; the decisions the reasons belong to must outlive the cache
    (they do: one cache serves one ``build_plan`` call).
    """

    __slots__ = ("_found", "_words")

    def __init__(self, catalog: Catalog) -> None:
        self._found: dict[int, PlanReason] = {}
        self._words = reason_words(catalog)

    def convert(self, reasons: Sequence[Reason]) -> list[PlanReason]:
        """The reasons as they appear in the plan: dates as ISO text, facts by name, and
        the rule's title and the facts in words."""
        out: list[PlanReason] = []
        if not reasons:
            return out
        found = self._found
        for reason in reasons:
            made = found.get(id(reason))
            if made is None:
                made = found[id(reason)] = _plan_reason(reason, self._words)
            out.append(made)
        return out


Limits = tuple[PlanDuration | None, PlanDuration | None, str, str]
"""An item's (statutory, committed, statutory basis, committed basis) on one day."""

Use = tuple[str, bool, bool | None, int | None, str, tuple[str, ...]]
"""A material an item asks for: (material id, secondary, original, copies, note, the
replaced items it is inherited from)."""


@dataclass(frozen=True)
class MaterialAsked:
    """A material an item (in one mode) asks for, as far as the catalog says: the values
    of its disclosure entry in declared field order, those known only when planning
    (``deferred_until``, ``reused_from``, ``reusable``) left as placeholders."""

    material: str
    values: dict[str, Any]
    reusable: bool
    """Whether a later use may reuse an earlier submission (not a kept original)."""


@dataclass(frozen=True)
class PrerequisiteParts:
    """A catalog prerequisite of an item: its outputs (ids and as shown), binds, lag."""

    any_of: tuple[str, ...]
    described: tuple[PrerequisiteOutput, ...]
    binds: str
    lag: PlanDuration | None


@dataclass(frozen=True)
class ModeParts:
    """An item's handling mode as the disclosure list shows it."""

    mode: Mode
    name: Name
    kind: str
    deferred: dict[str, Duration]


@dataclass(frozen=True)
class ItemWants:
    """What an item in one mode, replacing some items, asks for in its disclosure entry
    (from :func:`~pathplanner.catalog.needs.item_needs`): its prerequisites, each with the
    item whose prerequisite it is, and its materials."""

    prerequisites: tuple[tuple[PrerequisiteParts, str], ...]
    asked: tuple[MaterialAsked, ...]


@dataclass(frozen=True)
class ItemParts:
    """What the disclosure entry of one item takes from the catalog alone."""

    item: Item
    name: Name
    kind: str
    department_name: Name
    window: str
    stage_rank: int
    confidence: str
    fees: tuple[Fee, ...]
    excluded: tuple[ExcludedTimePlan, ...]
    modes: dict[str, ModeParts]
    limits: dict[dt.date, Limits] = field(default_factory=dict)
    wants: dict[tuple[str | None, tuple[str, ...], Withheld], ItemWants] = field(
        default_factory=dict
    )
    """What the item asks for, per (mode id, items it replaces, conditional uses withheld),
    made on first use."""

    def limits_on(
        self, as_of: dt.date
    ) -> tuple[PlanDuration | None, PlanDuration | None, str, str]:
        """(statutory, committed, statutory basis, committed basis) in force on ``as_of``."""
        found = self.limits.get(as_of)
        if found is None:
            statutory, committed = limits_in_force(self.item.time_limits, as_of)
            found = (
                plan_duration(statutory),
                plan_duration(committed),
                statutory.basis if statutory else "",
                committed.basis if committed else "",
            )
            if len(self.limits) >= 1000:
                self.limits.clear()
            self.limits[as_of] = found
        return found


@dataclass(frozen=True)
class MaterialParts:
    """What a material's disclosure and material-plan entries take from the catalog."""

    material: Material
    name: Name
    provider_name: Name | None
    lead_time: PlanDuration | None
    validity: PlanDuration | None
    breadcrumb: str
    location: str
    accepted: frozenset[str]
    no_provider: PlanWarning | None


class CatalogParts:
    """Plan parts that depend only on one catalog; made on first use, then reused.

    Thread-safe: two threads may make the same part at once; both make equal parts.
    """

    def __init__(self, catalog: Catalog) -> None:
        # a weak reference: the parts are kept in a table keyed weakly by the catalog
        self._catalog = weakref.ref(catalog)
        self.stages: tuple[LabelRef, ...] = tuple(
            LabelRef.trusted(id=s.id, name=name(s.zh, s.en), kind="", window="")
            for s in sorted(catalog.stages.values(), key=lambda s: (s.order, s.id))
        )
        self.departments: tuple[LabelRef, ...] = tuple(
            LabelRef.trusted(id=d.id, name=name(d.zh, d.en), kind=d.kind, window=d.window)
            for d in sorted(catalog.departments.values(), key=lambda d: d.id)
        )
        self.stage_rank = {s.id: s.order for s in catalog.stages.values()}
        self.outputs: dict[str, tuple[str, Output]] = catalog.outputs()
        self.normal_name = name(text("plan-mode-normal", "zh"), text("plan-mode-normal", "en"))
        self._items: dict[str, ItemParts] = {}
        self._materials: dict[str, MaterialParts] = {}
        self._described: dict[str, PrerequisiteOutput] = {}
        self._tasks: dict[str, tuple[Name, str, str]] = {}

    @property
    def catalog(self) -> Catalog:
        """The catalog these parts belong to."""
        catalog = self._catalog()
        assert catalog is not None, "the catalog of these parts was collected"
        return catalog

    def party_name(self, party_id: str | None) -> Name | None:
        """The name of a party or department (its id when neither is known)."""
        if party_id is None:
            return None
        catalog = self.catalog
        if party_id in catalog.parties:
            party = catalog.parties[party_id]
            return name(party.zh, party.en)
        if party_id in catalog.departments:
            dept = catalog.departments[party_id]
            return name(dept.zh, dept.en)
        return name(party_id, party_id)

    def provider_name(self, material: Material) -> Name | None:
        """Who provides a material, by name: its party or department, or the output it is
        (an earlier item's certificate, a work's result)."""
        if material.issued_by is not None and material.issued_by in self.outputs:
            output = self.outputs[material.issued_by][1]
            return name(output.zh, output.en)
        return self.party_name(material.provider)

    def item(self, item_id: str) -> ItemParts:
        """The parts of the item ``item_id``."""
        found = self._items.get(item_id)
        if found is None:
            found = self._items[item_id] = self._make_item(self.catalog.items[item_id])
        return found

    def _make_item(self, item: Item) -> ItemParts:
        departments = self.catalog.departments
        window = (
            item.window or departments[item.department].window
            if item.department in departments
            else item.window
        )
        modes: dict[str, ModeParts] = {}
        for mode in item.modes:
            if mode.id in modes:
                continue
            modes[mode.id] = ModeParts(
                mode=mode,
                name=name(mode.zh, mode.en),
                kind=mode.kind.value,
                deferred={d.material: d.deadline for d in mode.deferred_materials},
            )
        department_name = self.party_name(item.department)
        assert department_name is not None
        return ItemParts(
            item=item,
            name=name(item.zh, item.en),
            kind=item.kind.value,
            department_name=department_name,
            window=window,
            stage_rank=self.stage_rank.get(item.stage, 1 << 30),
            confidence=item.confidence.value,
            fees=tuple(
                Fee.trusted(name=name(f.zh, f.en), amount=f.amount, basis=f.basis)
                for f in item.fees
            ),
            excluded=tuple(
                ExcludedTimePlan.trusted(
                    id=e.id,
                    name=name(e.zh, e.en),
                    duration=plan_duration(e.duration),
                    maximum=plan_duration(e.maximum),
                    expected=e.expected,
                    basis=e.basis,
                )
                for e in item.time_limits.excluded
            ),
            modes=modes,
        )

    def wants(
        self,
        item_id: str,
        mode_id: str | None,
        absorbed: tuple[str, ...],
        withheld: Withheld = frozenset(),
    ) -> ItemWants:
        """What the item ``item_id`` in the mode ``mode_id`` (``None``: normal handling),
        replacing the items ``absorbed``, without the conditional uses ``withheld``, asks
        for (made once per catalog)."""
        ip = self.item(item_id)
        key = (mode_id, absorbed, withheld)
        found = ip.wants.get(key)
        if found is None:
            mp = ip.modes.get(mode_id) if mode_id is not None else None
            needs = item_needs(self.catalog, ip.item, mp.mode if mp else None, absorbed, withheld)
            found = ip.wants[key] = ItemWants(
                prerequisites=tuple(
                    (
                        PrerequisiteParts(
                            any_of=tuple(n.prerequisite.any_of),
                            described=tuple(self.describe(r) for r in n.prerequisite.any_of),
                            binds=n.prerequisite.binds,
                            lag=plan_duration(n.prerequisite.lag or n.prerequisite.lead),
                        ),
                        n.owner,
                    )
                    for n in needs.prerequisites
                ),
                asked=self._asked(
                    (u.material, u.secondary, u.original, u.copies, u.note, n.inherited_from)
                    for n in needs.materials
                    for u in (n.use,)
                ),
            )
        return found

    def _asked(self, uses: Iterable[Use]) -> tuple[MaterialAsked, ...]:
        """The materials asked for, each once (first mention), unknown ids left out."""
        known = self.catalog.materials
        found: list[MaterialAsked] = []
        listed: set[str] = set()
        for material_id, secondary, original, copies, note, inherited_from in uses:
            if material_id in listed or material_id not in known:
                continue
            listed.add(material_id)
            mp = self.material(material_id)
            material = mp.material
            wants_original = material.original if original is None else original
            values = {
                "material": material_id,
                "name": mp.name,
                "original": wants_original,
                "copies": copies if copies is not None else material.copies,
                "provider": material.provider,
                "provider_name": mp.provider_name,
                "issued_by": material.issued_by,
                "template": material.template,
                "secondary": secondary,
                "deferred_until": None,
                "reused_from": None,
                "reusable": False,
                "note": note or material.note,
                "inherited_from": list(inherited_from),
                "reasons": [],
            }
            reusable = not (wants_original and material.keeps_original)
            found.append(MaterialAsked(material_id, values, reusable))
        return tuple(found)

    def material(self, material_id: str) -> MaterialParts:
        """The parts of the material ``material_id``."""
        found = self._materials.get(material_id)
        if found is None:
            found = self._materials[material_id] = self._make_material(
                self.catalog.materials[material_id]
            )
        return found

    def _make_material(self, material: Material) -> MaterialParts:
        breadcrumb = f"Material(id='{material.id}')"
        where = self.catalog.locations.get(breadcrumb)
        location = str(where) if where is not None else ""
        accepted = frozenset(w.code for w in material.accepted_warnings)
        no_provider = None
        if (
            material.provider is None
            and material.issued_by is None
            and "material-no-provider" not in accepted
        ):
            no_provider = plan_warning(
                "material-no-provider",
                {"material": material.id},
                location=location,
                breadcrumb=breadcrumb,
            )
        return MaterialParts(
            material=material,
            name=name(material.zh, material.en),
            provider_name=self.provider_name(material),
            lead_time=plan_duration(material.lead_time),
            validity=plan_duration(material.validity),
            breadcrumb=breadcrumb,
            location=location,
            accepted=accepted,
            no_provider=no_provider,
        )

    def describe(self, ref: str) -> PrerequisiteOutput:
        """An output (or task) a prerequisite names, with its issuer."""
        found = self._described.get(ref)
        if found is None:
            if ref in self.outputs:
                issuer, output = self.outputs[ref]
                found = PrerequisiteOutput.trusted(
                    output=ref, name=name(output.zh, output.en), issued_by=issuer
                )
            else:
                found = PrerequisiteOutput.trusted(output=ref, name=name(ref, ref), issued_by=ref)
            self._described[ref] = found
        return found

    def item_ref(self, item_id: str) -> LabelRef:
        """The item ``item_id`` referred to by id, with its name."""
        return LabelRef.trusted(id=item_id, name=self.item(item_id).name, kind="", window="")

    def task_label(self, task_id: str) -> tuple[Name, str, str]:
        """(name, stage, department or "") of an item or work."""
        found = self._tasks.get(task_id)
        if found is None:
            task = self.catalog.task(task_id)
            department = (
                self.catalog.items[task_id].department if task_id in self.catalog.items else ""
            )
            found = self._tasks[task_id] = (name(task.zh, task.en), task.stage, department)
        return found


@per_catalog
def catalog_parts(catalog: Catalog) -> CatalogParts:
    """The parts of ``catalog`` (made on first use, kept while the catalog lives)."""
    return CatalogParts(catalog)
