"""The one-time disclosure list (一次性告知) and the material plan.

Both are built from the catalog, the rules' :class:`~pathplanner.decisions.Decisions` and the
scheduler's :class:`~pathplanner.schedule.Schedule`:

- the disclosure list has one entry per applicable item, in the order the investor meets
  them (planned acceptance date, then stage order, then id), with everything needed so that
  no second visit is necessary; items excluded by a rule (for example thanks to a regional
  assessment) are listed apart with the reason;
- the material plan lists each distinct material once, with its provider, lead time, the
  dates it is needed by, every item using it, and warnings. It is derived from the
  disclosure list, so the two always name the same materials.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from pathplanner.catalog import Catalog
from pathplanner.catalog.model import Duration
from pathplanner.catalog.needs import withheld_uses
from pathplanner.decisions import Decisions, DependencyDecision, Reason
from pathplanner.plan import parts as _plan_parts
from pathplanner.plan.model import (
    Disclosure,
    DisclosureEntry,
    DisclosureMaterial,
    DisclosureObligation,
    DisclosurePrerequisite,
    MaterialPlanEntry,
    NotApplicable,
    PlanDuration,
    PlanReason,
    PlanWarning,
    TimeLimitsPlan,
)
from pathplanner.plan.parts import CatalogParts, ReasonCache, catalog_parts, name, plan_warning
from pathplanner.schedule.result import ObligationDue, Schedule, ScheduledTask

__all__ = ["build_disclosure", "build_material_plan", "plan_duration", "plan_reasons"]

NORMAL_MODE = "normal"


def plan_duration(duration: Duration | None) -> PlanDuration | None:
    """A catalog duration as it appears in the plan (``None`` stays ``None``)."""
    return _plan_parts.plan_duration(duration)


def plan_reasons(catalog: Catalog, reasons: Iterable[Reason]) -> list[PlanReason]:
    """Reasons as they appear in the plan: dates as ISO text, facts sorted by name, words."""
    return ReasonCache(catalog).convert(tuple(reasons))


def add_duration(catalog: Catalog, day: dt.date, duration: Duration) -> dt.date:
    """``day`` plus ``duration`` on its clock (working days skip rest days)."""
    if duration.clock.value == "working":
        return catalog.calendar.add_working_days(day, duration.value)
    return day + dt.timedelta(days=duration.value)


def item_tasks(schedule: Schedule) -> dict[str, ScheduledTask]:
    """Each item id mapped to its scheduled item task (the first one in schedule order)."""
    found: dict[str, ScheduledTask] = {}
    for task in schedule.tasks:
        if task.type == "item" and task.ref not in found:
            found[task.ref] = task
    return found


def build_disclosure(
    catalog: Catalog,
    decisions: Decisions,
    schedule: Schedule,
    *,
    reasons: ReasonCache | None = None,
    items: Mapping[str, ScheduledTask] | None = None,
) -> Disclosure:
    """The one-time disclosure list for a planned schedule.

    ``reasons`` and ``items`` (from :func:`item_tasks`) let a caller share work it has
    already done for the same plan.
    """
    parts = catalog_parts(catalog)
    convert = (reasons or ReasonCache(catalog)).convert
    known = catalog.items
    tasks = {k: v for k, v in (items or item_tasks(schedule)).items() if k in known}
    applicable = {d.task: d.reasons for d in decisions.applicable}
    mode_reasons = {(m.item, m.mode): m.reasons for m in decisions.modes}
    overrides: dict[str, list[str]] = {}
    for override in decisions.time_limits:
        for reason in override.reasons:
            overrides.setdefault(override.item, []).append(reason.rule_id)
    removed: dict[str, set[str]] = {}
    for d in decisions.removed_dependencies:
        removed.setdefault(d.dependency.after, set()).add(d.dependency.before)
    added: dict[str, list[DependencyDecision]] = {}
    for d in decisions.added_dependencies:
        added.setdefault(d.dependency.after, []).append(d)
    obligations: dict[str, list[ObligationDue]] = {}
    for o in sorted(schedule.obligations, key=lambda o: (o.due, o.id)):
        obligations.setdefault(o.item, []).append(o)
    supplements = [t for t in schedule.tasks if t.type == "supplement"]
    demanded = {(m.item, m.material): m.reasons for m in decisions.materials}
    seen_materials: dict[str, str] = {}
    as_of = decisions.as_of
    ranked = sorted(
        (task.start, parts.item(item_id).stage_rank, item_id) for item_id, task in tasks.items()
    )
    entries: list[DisclosureEntry] = []
    for order, (_, _, item_id) in enumerate(ranked, start=1):
        ip = parts.item(item_id)
        item = ip.item
        task = tasks[item_id]
        mp = ip.modes.get(task.mode) if task.mode is not None else None
        entry_reasons = list(applicable.get(item_id, ()))
        if mp is not None:
            entry_reasons.extend(mode_reasons.get((item_id, mp.mode.id), ()))
        statutory, committed, statutory_basis, committed_basis = ip.limits_on(as_of)
        owners = (item_id, *task.replaces)
        withheld = withheld_uses(catalog, demanded, owners)
        wants = parts.wants(item_id, mp.mode.id if mp else None, task.replaces, withheld)
        entries.append(
            DisclosureEntry.trusted_dict(
                {
                    "order": order,
                    "item": item_id,
                    "name": ip.name,
                    "kind": ip.kind,
                    "stage": item.stage,
                    "department": item.department,
                    "department_name": ip.department_name,
                    "window": ip.window,
                    "channel": item.channel,
                    "mode": mp.mode.id if mp else NORMAL_MODE,
                    "mode_kind": mp.kind if mp else NORMAL_MODE,
                    "mode_name": mp.name if mp else parts.normal_name,
                    "mode_basis": mp.mode.basis if mp else "",
                    "acceptance": task.start,
                    "decision": task.finish,
                    "time_limits": TimeLimitsPlan.trusted_dict(
                        {
                            "statutory": statutory,
                            "committed": committed,
                            "planned": _plan_parts.plan_duration(task.duration),
                            "statutory_basis": statutory_basis,
                            "committed_basis": committed_basis,
                            "overridden_by": sorted(set(overrides.get(item_id, ()))),
                            "excluded": list(ip.excluded),
                        }
                    ),
                    "fees": list(ip.fees),
                    "replaces": [parts.item_ref(r) for r in task.replaces],
                    "prerequisites": _prerequisites(parts, wants, task, removed, added),
                    "materials": _materials(
                        parts,
                        ip,
                        wants,
                        mp,
                        task,
                        seen=seen_materials,
                        supplements=supplements,
                        because=_conditions_held(demanded, owners, convert),
                    ),
                    "obligations": [
                        DisclosureObligation.trusted(
                            id=o.id,
                            name=name(o.zh, o.en),
                            after=o.after,
                            due=_plan_parts.plan_duration(o.duration),
                            due_date=o.due,
                            basis=o.basis,
                        )
                        for o in obligations.get(item_id, ())
                    ],
                    "basis": list(item.basis),
                    "confidence": ip.confidence,
                    "reasons": convert(entry_reasons),
                }
            )
        )
    not_applicable = []
    for excluded in sorted(decisions.excluded, key=lambda e: e.task):
        if excluded.task not in known and excluded.task not in catalog.works:
            continue
        label, stage, department = parts.task_label(excluded.task)
        not_applicable.append(
            NotApplicable.trusted(
                item=excluded.task,
                name=label,
                stage=stage,
                department=department,
                reasons=convert(excluded.reasons),
            )
        )
    return Disclosure.trusted(entries=entries, not_applicable=not_applicable)


def _prerequisites(
    parts: CatalogParts,
    wants: _plan_parts.ItemWants,
    task: ScheduledTask,
    removed_by: Mapping[str, set[str]],
    added_by: Mapping[str, list[DependencyDecision]],
) -> list[DisclosurePrerequisite]:
    """The item's prerequisites (a merged item's include those it inherits), less the
    outputs a rule removed from the item that owns each one, then those rules added."""
    describe = parts.describe
    found: list[DisclosurePrerequisite] = []
    for prereq, owner in wants.prerequisites:
        removed = removed_by.get(owner)
        if removed:
            refs = [r for r in prereq.any_of if r not in removed]
            if not refs:
                continue
            any_of = [describe(r) for r in refs]
        else:
            any_of = list(prereq.described)
        found.append(
            DisclosurePrerequisite.trusted(any_of=any_of, binds=prereq.binds, lag=prereq.lag)
        )
    for owner in (task.ref, *task.replaces):
        removed = removed_by.get(owner, set())
        for added in added_by.get(owner, ()):
            dep = added.dependency
            if dep.before in removed:
                continue
            found.append(
                DisclosurePrerequisite.trusted(
                    any_of=[describe(dep.before)],
                    binds=dep.binds,
                    lag=_plan_parts.plan_duration(dep.lag),
                )
            )
    return found


def _materials(
    parts: CatalogParts,
    ip: _plan_parts.ItemParts,
    wants: _plan_parts.ItemWants,
    mode: _plan_parts.ModeParts | None,
    task: ScheduledTask,
    *,
    seen: dict[str, str],
    supplements: list[ScheduledTask],
    because: Mapping[str, list[Any]],
) -> list[DisclosureMaterial]:
    deferred = mode.deferred if mode else {}
    supplied: dict[str, ScheduledTask] = {}
    if deferred and supplements:
        waits_for = {e.task for e in task.predecessors}
        for supplement in supplements:
            if supplement.id in waits_for:
                supplied[supplement.ref] = supplement
    item_id = ip.item.id
    out: list[DisclosureMaterial] = []
    for asked in wants.asked:
        material_id = asked.material
        values = asked.values.copy()
        if material_id in because:
            values["reasons"] = because[material_id]
        earlier = seen.get(material_id)
        if earlier is None:
            seen[material_id] = item_id
        else:
            values["reused_from"] = earlier
            values["reusable"] = asked.reusable
        if deferred:
            deadline = deferred.get(material_id)
            if deadline is not None:
                values["deferred_until"] = _deferred_until(
                    parts.catalog, task, deadline, supplied.get(material_id)
                )
        out.append(DisclosureMaterial.trusted_dict(values))
    return out


def _conditions_held(
    demanded: Mapping[tuple[str, str], tuple[Reason, ...]],
    owners: tuple[str, ...],
    convert: Callable[[Sequence[Reason]], list[Any]],
) -> dict[str, list[Any]]:
    """Material id → why the item (or an item it replaces) asks for it, for each
    conditional material whose condition held."""
    found: dict[str, list[Reason]] = {}
    for owner in owners:
        for (item, material), reasons in demanded.items():
            if item == owner:
                found.setdefault(material, []).extend(reasons)
    return {m: convert(tuple(r)) for m, r in found.items()}


def _deferred_until(
    catalog: Catalog,
    task: ScheduledTask,
    deadline: Duration,
    supplement: ScheduledTask | None,
) -> dt.date:
    """The supplement deadline of a 容缺 material: the scheduler's, else counted here."""
    if supplement is not None and supplement.deadline is not None:
        return supplement.deadline
    return add_duration(catalog, task.start, deadline)


def build_material_plan(
    catalog: Catalog,
    disclosure: Disclosure,
    schedule: Schedule,
    *,
    items: Mapping[str, ScheduledTask] | None = None,
) -> list[MaterialPlanEntry]:
    """Each material of the disclosure list once, sorted by the date first needed, then id.

    ``items`` (from :func:`item_tasks`) lets a caller share work already done for the plan.
    """
    parts = catalog_parts(catalog)
    by_item = items if items is not None else item_tasks(schedule)
    by_id: dict[str, ScheduledTask] | None = None
    # material id -> [used by, earliest first use, latest start, last use, original, copies]
    uses: dict[str, list[Any]] = {}
    for entry in disclosure.entries:
        task = by_item.get(entry.item)
        if task is None:
            if by_id is None:
                by_id = {t.id: t for t in schedule.tasks}
            task = by_id.get(entry.item)
            if task is None:
                continue
        for use in entry.materials:
            if use.deferred_until:
                first, latest = use.deferred_until, task.latest_finish
            else:
                first, latest = task.start, task.latest_start
            found = uses.get(use.material)
            if found is None:
                uses[use.material] = [[entry.item], first, latest, first, use.original, use.copies]
                continue
            found[0].append(entry.item)
            found[1] = min(found[1], first)
            found[2] = min(found[2], latest)
            found[3] = max(found[3], first)
            found[4] = found[4] or use.original
            found[5] = max(found[5], use.copies)
    if by_id is None:
        by_id = {t.id: t for t in schedule.tasks}
    made = _made(schedule, by_id)
    plan: list[MaterialPlanEntry] = []
    for material_id, (used_by, earliest, latest, last_use, original, copies) in uses.items():
        mp = parts.material(material_id)
        material = mp.material
        window_start, ready = made.get(material_id, (None, None))
        if ready is None and material.provider is not None:
            # a provider's material without preparation time is at hand from the start
            window_start = ready = schedule.start
        expires = (
            add_duration(catalog, ready or earliest, material.validity)
            if material.validity is not None
            else None
        )
        late = _not_ready(material_id, used_by, ready, by_item, by_id)
        plan.append(
            MaterialPlanEntry.trusted_dict(
                {
                    "material": material_id,
                    "name": mp.name,
                    "provider": material.provider,
                    "provider_name": mp.provider_name,
                    "issued_by": material.issued_by,
                    "lead_time": mp.lead_time,
                    "validity": mp.validity,
                    "original": original,
                    "copies": copies,
                    "template": material.template,
                    "needed_by_earliest": earliest,
                    "needed_by_latest": latest,
                    "last_use": last_use,
                    "ready": ready,
                    "window_start": window_start,
                    "window_end": earliest if window_start is not None else None,
                    "expires": expires,
                    "used_by": used_by,
                    "warnings": [*late, *_material_warnings(mp, expires, last_use)],
                }
            )
        )
    plan.sort(key=lambda m: (m.needed_by_earliest or dt.date.max, m.material))
    return plan


def _made(
    schedule: Schedule, by_id: Mapping[str, ScheduledTask]
) -> dict[str, tuple[dt.date, dt.date]]:
    """Material id → (the earliest its making can start, the day it is ready), read from
    the plan graph: its preparation task (earliest start, planned ready), or else the
    tasks an item's edge for it comes from (``material:<id>``: the issuer, or what a removed
    issuer left behind; the latest of them), or else its 容缺 supplement."""
    found: dict[str, tuple[dt.date, dt.date]] = {}
    for task in schedule.tasks:
        if task.type == "material":
            found[task.ref] = (task.earliest_start, task.ready)
    issued: dict[str, tuple[dt.date, dt.date]] = {}
    for task in schedule.tasks:
        for edge in task.predecessors:
            if not edge.source.startswith("material:") or edge.task.startswith("material:"):
                continue
            material_id = edge.source[len("material:") :]
            before = by_id[edge.task]
            known = issued.get(material_id)
            if known is None or before.ready > known[1]:
                issued[material_id] = (before.ready, before.ready)
        if task.type == "supplement" and task.ref not in found:
            known = issued.get(task.ref)
            if known is None or task.ready > known[1]:
                issued[task.ref] = (task.earliest_start, task.ready)
    return {**issued, **found}


def _not_ready(
    material_id: str,
    used_by: Sequence[str],
    ready: dt.date | None,
    by_item: Mapping[str, ScheduledTask],
    by_id: Mapping[str, ScheduledTask],
) -> list[PlanWarning]:
    """``material-not-ready`` / ``material-not-produced``: an item decided before a
    material it reviews is ready, or with no task of the plan producing it."""
    found: list[PlanWarning] = []
    for item_id in used_by:
        task = by_item.get(item_id) or by_id.get(item_id)
        if task is None or (ready is not None and ready <= task.finish):
            continue
        args = {"item": item_id, "material": material_id, "decided": task.finish.isoformat()}
        if ready is None:
            found.append(plan_warning("material-not-produced", args))
        else:
            found.append(plan_warning("material-not-ready", {**args, "ready": ready.isoformat()}))
    return found


def _material_warnings(
    mp: _plan_parts.MaterialParts, expires: dt.date | None, last_use: dt.date
) -> list[PlanWarning]:
    found: list[PlanWarning] = []
    if expires is not None and expires < last_use and "material-expires" not in mp.accepted:
        args = {
            "material": mp.material.id,
            "expires": expires.isoformat(),
            "last_use": last_use.isoformat(),
        }
        found.append(
            plan_warning("material-expires", args, location=mp.location, breadcrumb=mp.breadcrumb)
        )
    if mp.no_provider is not None:
        found.append(mp.no_provider)
    return found
