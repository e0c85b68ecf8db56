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
from collections.abc import Iterable, Mapping

from pathplanner._messages import text
from pathplanner.catalog import Catalog
from pathplanner.decisions import Decisions, Reason
from pathplanner.model import DatedDuration, Duration, Item, Material, Mode, Output
from pathplanner.plan_model import (
    Disclosure,
    DisclosureEntry,
    DisclosureMaterial,
    DisclosureObligation,
    DisclosurePrerequisite,
    ExcludedTimePlan,
    Fee,
    MaterialPlanEntry,
    Name,
    NotApplicable,
    PlanDuration,
    PlanReason,
    PlanWarning,
    PrerequisiteOutput,
    TimeLimitsPlan,
)
from pathplanner.schedule.result import Schedule, ScheduledTask

__all__ = ["build_disclosure", "build_material_plan", "plan_duration", "plan_reasons"]

NORMAL_MODE = "normal"


def plan_duration(duration: Duration | None) -> PlanDuration | None:
    """A catalog duration as it appears in the plan (``None`` stays ``None``)."""
    if duration is None:
        return None
    return PlanDuration(value=duration.value, clock=duration.clock.value)


def plan_reasons(reasons: Iterable[Reason]) -> list[PlanReason]:
    """Reasons as they appear in the plan: dates as ISO text, facts sorted by name."""
    out: list[PlanReason] = []
    for reason in reasons:
        facts: dict[str, bool | int | float | str | None] = {}
        for key in sorted(reason.facts):
            value = reason.facts[key]
            facts[key] = value.isoformat() if isinstance(value, dt.date) else value
        out.append(
            PlanReason(rule_id=reason.rule_id, text=reason.text, basis=reason.basis, facts=facts)
        )
    return out


def add_duration(catalog: Catalog, day: dt.date, duration: Duration) -> dt.date:
    """``day`` plus ``duration`` on its clock (working days skip rest days)."""
    if duration.clock.value == "working":
        return catalog.calendar.add_working_days(day, duration.value)
    return day + dt.timedelta(days=duration.value)


def _in_force(values: Iterable[DatedDuration], day: dt.date) -> DatedDuration | None:
    for value in values:
        if value.in_force(day):
            return value
    return None


def _item_tasks(schedule: Schedule) -> dict[str, ScheduledTask]:
    """Each item id mapped to its scheduled item task (the first one in schedule order)."""
    found: dict[str, ScheduledTask] = {}
    for task in schedule.tasks:
        if task.type == "item" and task.ref not in found:
            found[task.ref] = task
    return found


def _mode(item: Item, mode_id: str | None) -> Mode | None:
    for mode in item.modes:
        if mode.id == mode_id:
            return mode
    return None


def _party_name(catalog: Catalog, party_id: str | None) -> Name | None:
    if party_id is None:
        return None
    if party_id in catalog.parties:
        party = catalog.parties[party_id]
        return Name(zh=party.zh, en=party.en)
    if party_id in catalog.departments:
        dept = catalog.departments[party_id]
        return Name(zh=dept.zh, en=dept.en)
    return Name(zh=party_id, en=party_id)


def _meeting_order(catalog: Catalog, tasks: Mapping[str, ScheduledTask]) -> list[str]:
    stage_rank = {s.id: s.order for s in catalog.stages.values()}

    def key(item_id: str) -> tuple[dt.date, int, str]:
        item = catalog.items[item_id]
        return (tasks[item_id].start, stage_rank.get(item.stage, 1 << 30), item_id)

    return sorted(tasks, key=key)


def build_disclosure(catalog: Catalog, decisions: Decisions, schedule: Schedule) -> Disclosure:
    """The one-time disclosure list for a planned schedule."""
    tasks = {k: v for k, v in _item_tasks(schedule).items() if k in catalog.items}
    reasons = {d.task: d.reasons for d in decisions.applicable}
    mode_reasons = {(m.item, m.mode): m.reasons for m in decisions.modes}
    overrides: dict[str, list[str]] = {}
    for override in decisions.time_limits:
        for reason in override.reasons:
            overrides.setdefault(override.item, []).append(reason.rule_id)
    outputs = catalog.outputs()
    supplements = [t for t in schedule.tasks if t.type == "supplement"]
    seen_materials: dict[str, str] = {}
    entries: list[DisclosureEntry] = []
    for order, item_id in enumerate(_meeting_order(catalog, tasks), start=1):
        item = catalog.items[item_id]
        task = tasks[item_id]
        mode = _mode(item, task.mode)
        entry_reasons = list(reasons.get(item_id, ()))
        if mode is not None:
            entry_reasons.extend(mode_reasons.get((item_id, mode.id), ()))
        entries.append(
            DisclosureEntry(
                order=order,
                item=item_id,
                name=Name(zh=item.zh, en=item.en),
                kind=item.kind.value,
                stage=item.stage,
                department=item.department,
                department_name=_party_name(catalog, item.department) or Name(zh=""),
                window=item.window or catalog.departments[item.department].window
                if item.department in catalog.departments
                else item.window,
                channel=item.channel,
                mode=mode.id if mode else NORMAL_MODE,
                mode_kind=mode.kind.value if mode else NORMAL_MODE,
                mode_name=Name(zh=mode.zh, en=mode.en)
                if mode
                else Name(zh=text("plan-mode-normal", "zh"), en=text("plan-mode-normal", "en")),
                mode_basis=mode.basis if mode else "",
                acceptance=task.start,
                decision=task.finish,
                time_limits=_time_limits(item, task, decisions.as_of, overrides.get(item_id, [])),
                fees=[
                    Fee(name=Name(zh=f.zh, en=f.en), amount=f.amount, basis=f.basis)
                    for f in item.fees
                ],
                prerequisites=_prerequisites(item, mode, decisions, outputs),
                materials=_materials(
                    catalog, item, mode, task, seen_materials, supplements=supplements
                ),
                obligations=[
                    DisclosureObligation(
                        id=o.id,
                        name=Name(zh=o.zh, en=o.en),
                        after=o.after,
                        due=PlanDuration(value=o.duration.value, clock=o.duration.clock.value),
                        due_date=o.due,
                        basis=o.basis,
                    )
                    for o in sorted(schedule.obligations, key=lambda o: (o.due, o.id))
                    if o.item == item_id
                ],
                basis=list(item.basis),
                confidence=item.confidence.value,
                reasons=plan_reasons(entry_reasons),
            )
        )
    not_applicable = [
        NotApplicable(
            item=d.task,
            name=Name(zh=catalog.task(d.task).zh, en=catalog.task(d.task).en),
            stage=catalog.task(d.task).stage,
            department=catalog.items[d.task].department if d.task in catalog.items else "",
            reasons=plan_reasons(d.reasons),
        )
        for d in sorted(decisions.excluded, key=lambda d: d.task)
        if d.task in catalog.items or d.task in catalog.works
    ]
    return Disclosure(entries=entries, not_applicable=not_applicable)


def _time_limits(
    item: Item, task: ScheduledTask, as_of: dt.date, overridden_by: list[str]
) -> TimeLimitsPlan:
    statutory = _in_force(item.time_limits.statutory, as_of)
    committed = _in_force(item.time_limits.committed, as_of)
    return TimeLimitsPlan(
        statutory=plan_duration(statutory),
        committed=plan_duration(committed),
        planned=PlanDuration(value=task.duration.value, clock=task.duration.clock.value),
        statutory_basis=statutory.basis if statutory else "",
        committed_basis=committed.basis if committed else "",
        overridden_by=sorted(set(overridden_by)),
        excluded=[
            ExcludedTimePlan(
                id=e.id,
                name=Name(zh=e.zh, en=e.en),
                duration=PlanDuration(value=e.duration.value, clock=e.duration.clock.value),
                maximum=plan_duration(e.maximum),
                expected=e.expected,
                basis=e.basis,
            )
            for e in item.time_limits.excluded
        ],
    )


def _prerequisites(
    item: Item,
    mode: Mode | None,
    decisions: Decisions,
    outputs: Mapping[str, tuple[str, Output]],
) -> list[DisclosurePrerequisite]:
    dropped = set(mode.drops_prerequisites) if mode else set()
    removed = {
        d.dependency.before for d in decisions.removed_dependencies if d.dependency.after == item.id
    }

    def describe(ref: str) -> PrerequisiteOutput:
        if ref in outputs:
            issuer, output = outputs[ref]
            return PrerequisiteOutput(
                output=ref, name=Name(zh=output.zh, en=output.en), issued_by=issuer
            )
        return PrerequisiteOutput(output=ref, name=Name(zh=ref, en=ref), issued_by=ref)

    found: list[DisclosurePrerequisite] = []
    for prereq in item.prerequisites:
        refs = [r for r in prereq.any_of if r not in dropped and r not in removed]
        if not refs:
            continue
        found.append(
            DisclosurePrerequisite(
                any_of=[describe(r) for r in refs],
                binds=prereq.binds,
                lag=plan_duration(prereq.lag),
            )
        )
    for added in decisions.added_dependencies:
        dep = added.dependency
        if dep.after != item.id or dep.before in removed:
            continue
        found.append(
            DisclosurePrerequisite(
                any_of=[describe(dep.before)], binds=dep.binds, lag=plan_duration(dep.lag)
            )
        )
    return found


def _materials(
    catalog: Catalog,
    item: Item,
    mode: Mode | None,
    task: ScheduledTask,
    seen: dict[str, str],
    *,
    supplements: list[ScheduledTask],
) -> list[DisclosureMaterial]:
    deferred = {d.material: d.deadline for d in mode.deferred_materials} if mode else {}
    supplied = {
        supplement.ref: supplement
        for supplement in supplements
        if any(e.task == supplement.id for e in task.predecessors)
    }
    uses = [(u.material, u.secondary, u.original, u.copies, u.note) for u in item.materials]
    if mode is not None:
        uses.extend((m, False, None, None, "") for m in mode.adds_materials)
    out: list[DisclosureMaterial] = []
    listed: set[str] = set()
    for material_id, secondary, original, copies, note in uses:
        if material_id in listed or material_id not in catalog.materials:
            continue
        listed.add(material_id)
        material = catalog.materials[material_id]
        wants_original = material.original if original is None else original
        earlier = seen.get(material_id)
        deadline = deferred.get(material_id)
        out.append(
            DisclosureMaterial(
                material=material_id,
                name=Name(zh=material.zh, en=material.en),
                original=wants_original,
                copies=copies if copies is not None else material.copies,
                provider=material.provider,
                provider_name=_party_name(catalog, material.provider),
                issued_by=material.issued_by,
                template=material.template,
                secondary=secondary,
                deferred_until=_deferred_until(catalog, task, deadline, supplied.get(material_id)),
                reused_from=earlier,
                reusable=earlier is not None and not (wants_original and material.keeps_original),
                note=note or material.note,
            )
        )
        seen.setdefault(material_id, item.id)
    return out


def _deferred_until(
    catalog: Catalog,
    task: ScheduledTask,
    deadline: Duration | None,
    supplement: ScheduledTask | None,
) -> dt.date | None:
    """The supplement deadline of a 容缺 material: the scheduler's, else counted here."""
    if deadline is None:
        return None
    if supplement is not None and supplement.deadline is not None:
        return supplement.deadline
    return add_duration(catalog, task.start, deadline)


def build_material_plan(
    catalog: Catalog, disclosure: Disclosure, schedule: Schedule
) -> list[MaterialPlanEntry]:
    """Each material of the disclosure list once, sorted by the date first needed, then id."""
    tasks = {t.id: t for t in schedule.tasks}
    item_tasks = _item_tasks(schedule)
    material_tasks = {t.ref: t for t in schedule.tasks if t.type == "material"}
    uses: dict[str, list[tuple[str, dt.date, dt.date, DisclosureMaterial]]] = {}
    for entry in disclosure.entries:
        task = item_tasks.get(entry.item) or tasks.get(entry.item)
        if task is None:
            continue
        for use in entry.materials:
            first = use.deferred_until or task.start
            latest = task.latest_finish if use.deferred_until else task.latest_start
            uses.setdefault(use.material, []).append((entry.item, first, latest, use))
    plan: list[MaterialPlanEntry] = []
    for material_id, material_uses in uses.items():
        material = catalog.materials[material_id]
        earliest = min(u[1] for u in material_uses)
        latest = min(u[2] for u in material_uses)
        last_use = max(u[1] for u in material_uses)
        prepared = material_tasks.get(material_id)
        ready = prepared.ready if prepared is not None else None
        expires = (
            add_duration(catalog, ready or earliest, material.validity)
            if material.validity is not None
            else None
        )
        plan.append(
            MaterialPlanEntry(
                material=material_id,
                name=Name(zh=material.zh, en=material.en),
                provider=material.provider,
                provider_name=_party_name(catalog, material.provider),
                issued_by=material.issued_by,
                lead_time=plan_duration(material.lead_time),
                validity=plan_duration(material.validity),
                original=any(u[3].original for u in material_uses),
                copies=max(u[3].copies for u in material_uses),
                template=material.template,
                needed_by_earliest=earliest,
                needed_by_latest=latest,
                last_use=last_use,
                ready=ready,
                expires=expires,
                used_by=[u[0] for u in material_uses],
                warnings=_material_warnings(material, catalog, expires, last_use),
            )
        )
    plan.sort(key=lambda m: (m.needed_by_earliest or dt.date.max, m.material))
    return plan


def _material_warnings(
    material: Material, catalog: Catalog, expires: dt.date | None, last_use: dt.date
) -> list[PlanWarning]:
    accepted = {w.code for w in material.accepted_warnings}
    found: list[PlanWarning] = []
    breadcrumb = f"Material(id='{material.id}')"
    where = catalog.locations.get(breadcrumb)
    location = str(where) if where is not None else ""
    if expires is not None and expires < last_use and "material-expires" not in accepted:
        args = {
            "material": material.id,
            "expires": expires.isoformat(),
            "last_use": last_use.isoformat(),
        }
        found.append(
            PlanWarning(
                code="material-expires",
                severity="warning",
                location=location,
                breadcrumb=breadcrumb,
                message=Name(
                    zh=text("material-expires", "zh", **args),
                    en=text("material-expires", "en", **args),
                ),
            )
        )
    if (
        material.provider is None
        and material.issued_by is None
        and "material-no-provider" not in accepted
    ):
        args = {"material": material.id}
        found.append(
            PlanWarning(
                code="material-no-provider",
                severity="warning",
                location=location,
                breadcrumb=breadcrumb,
                message=Name(
                    zh=text("material-no-provider", "zh", **args),
                    en=text("material-no-provider", "en", **args),
                ),
            )
        )
    return found
