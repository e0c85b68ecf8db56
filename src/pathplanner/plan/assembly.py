"""Assembling a :class:`~pathplanner.plan.model.Plan` from the rules' decisions and a
schedule: tasks with their reasons, groups, choices, obligations, warnings, the disclosure
list and the material plan. :class:`~pathplanner.plan.planner.Planner` calls
:func:`build_plan` once per plan.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pathplanner.catalog import Catalog
from pathplanner.decisions import Decisions, Reason
from pathplanner.errors import Problem
from pathplanner.plan.disclosure import build_disclosure, build_material_plan, item_tasks
from pathplanner.plan.government import government_time
from pathplanner.plan.model import (
    SCHEMA_VERSION,
    Choice,
    ChoiceAlternative,
    GroupPlan,
    Inputs,
    ObligationPlan,
    Plan,
    PlanReason,
    PlanTask,
    PlanWarning,
    SlippagePlan,
    TaskSlipPlan,
)
from pathplanner.plan.parts import (
    ReasonCache,
    catalog_parts,
    name,
    plan_duration,
    plan_warning,
    predecessor,
)
from pathplanner.plan.prereview import pre_review_note
from pathplanner.schedule.result import Edge, Schedule, ScheduledTask

__all__ = ["build_plan"]


def _warning(problem: Problem) -> PlanWarning:
    return plan_warning(
        problem.code,
        problem.args,
        location=str(problem.location),
        breadcrumb=problem.breadcrumb,
        severity=problem.severity,
    )


def _edge_key(edge: Edge) -> tuple[str, str, str]:
    return (edge.task, edge.binds, edge.source)


def _task(t: ScheduledTask, reasons: list[PlanReason]) -> PlanTask:
    edges = t.predecessors
    if len(edges) > 1:
        edges = tuple(sorted(edges, key=_edge_key))
    return PlanTask.trusted_dict(
        {
            "id": t.id,
            "type": t.type,
            "ref": t.ref,
            "name": name(t.zh, t.en),
            "stage": t.stage,
            "department": t.department,
            "mode": t.mode,
            "group": t.group,
            "start": t.start,
            "finish": t.finish,
            "ready": t.ready,
            "duration": plan_duration(t.duration),
            "predecessors": [
                predecessor(e.task, e.binds, e.lag, e.source, e.one_of) for e in edges
            ],
            "earliest_start": t.earliest_start,
            "earliest_finish": t.earliest_finish,
            "latest_start": t.latest_start,
            "latest_finish": t.latest_finish,
            "float_working_days": t.float_working_days,
            "critical": t.critical,
            "provisional": t.provisional,
            "government": t.government,
            "excluded": plan_duration(t.excluded),
            "deadline": t.deadline,
            "provider": t.provider,
            "status": t.status,
            "actual_start": t.actual_start,
            "actual_finish": t.actual_finish,
            "reasons": reasons,
            "replaces": list(t.replaces),
        }
    )


def build_plan(catalog: Catalog, decisions: Decisions, schedule: Schedule, inputs: Inputs) -> Plan:
    """Assemble the :class:`Plan` from the rules' decisions and the schedule.

    The plan is assembled from validated parts without validating it again (see
    :meth:`~pathplanner._support.trusted.TrustedModel.trusted`); tests re-validate it on
    every example.
    """
    parts = catalog_parts(catalog)
    cache = ReasonCache(catalog)
    convert = cache.convert
    task_reasons = {d.task: d.reasons for d in decisions.applicable}
    tasks = [
        _task(t, convert(task_reasons.get(t.ref, task_reasons.get(t.id, ()))))
        for t in schedule.tasks
    ]
    items = item_tasks(schedule)
    disclosure = build_disclosure(catalog, decisions, schedule, reasons=cache, items=items)
    materials = build_material_plan(catalog, disclosure, schedule, items=items)
    warnings = [_warning(p) for p in schedule.warnings]
    warnings.extend(w for m in materials for w in m.warnings)
    warnings.extend(plan_warning(w.code, dict(w.args)) for w in decisions.warnings)
    government = None
    if schedule.government_time is not None:
        government, missed = government_time(catalog, decisions, schedule.government_time, convert)
        warnings.extend(missed)
    warnings.sort(key=lambda w: (w.code, w.breadcrumb, w.location, w.message.zh))
    option_reasons = {o.id: o.reasons for o in decisions.options}
    obligation_reasons = {(o.item, o.id): o.reasons for o in decisions.obligations}
    spans = {g.id: g for g in schedule.groups}
    by_id = {t.id: t for t in tasks}
    return Plan.trusted(
        schema_version=SCHEMA_VERSION,
        catalog_hash=decisions.catalog_hash or catalog.content_hash,
        inputs=inputs,
        as_of=inputs.as_of,
        start=schedule.start,
        finish=schedule.finish,
        working_days=schedule.working_days,
        government_working_days=schedule.government_working_days,
        government_time=government,
        optimal=schedule.optimal,
        bound=schedule.bound,
        statutory=schedule.statutory,
        other_finish=schedule.other_finish,
        provisional=schedule.provisional,
        provisional_years=sorted(schedule.provisional_years),
        warnings=warnings,
        critical_path=list(schedule.critical_path),
        stages=list(parts.stages),
        departments=list(parts.departments),
        tasks=tasks,
        groups=_groups(decisions, spans, convert),
        choices=[
            Choice.trusted(
                id=c.option,
                subject=c.subject,
                name=name(c.zh, c.en),
                chosen=c.chosen,
                pinned=c.pinned,
                frozen=c.frozen,
                alternatives=[
                    ChoiceAlternative.trusted(
                        id=a.id,
                        name=name(a.zh, a.en),
                        finish=a.finish,
                        commitments=a.commitments,
                        items=a.items,
                        chosen=a.id == c.chosen,
                        note=None
                        if a.id == c.chosen or not c.option.startswith("mode:")
                        else pre_review_note(catalog, c.subject, a.id, by_id),
                        misses_deadline=a.misses_deadline,
                        refused=a.refused,
                    )
                    for a in c.alternatives
                ],
                reasons=convert(option_reasons.get(c.option, ())),
            )
            for c in sorted(schedule.choices, key=lambda c: c.option)
        ],
        obligations=[
            ObligationPlan.trusted(
                id=o.id,
                item=o.item,
                name=name(o.zh, o.en),
                after=o.after,
                origin=o.origin,
                due=plan_duration(o.duration),
                due_date=o.due,
                basis=o.basis,
                mode=o.mode,
                provisional=o.provisional,
                reasons=convert(obligation_reasons.get((o.item, o.id), ())),
            )
            for o in sorted(schedule.obligations, key=lambda o: (o.due, o.item, o.id))
        ],
        disclosure=disclosure,
        materials=materials,
        slippage=_slippage(schedule),
    )


def _groups(
    decisions: Decisions,
    spans: Mapping[str, Any],
    convert: Callable[[Sequence[Reason]], list[PlanReason]],
) -> list[GroupPlan]:
    found: list[GroupPlan] = []
    for group in sorted(decisions.groups, key=lambda g: g.id):
        span = spans.get(group.id)
        found.append(
            GroupPlan.trusted(
                id=group.id,
                name=name(group.zh, group.en),
                lead_department=group.lead_department,
                members=sorted(group.members),
                optional_members=sorted(group.optional_members),
                joined=sorted(span.members) if span is not None else [],
                cap=plan_duration(span.cap if span is not None else group.cap),
                issue_together=group.issue_together,
                start=span.start if span is not None else None,
                finish=span.finish if span is not None else None,
                reasons=convert(group.reasons),
            )
        )
    known = {g.id for g in found}
    for span_id in sorted(set(spans) - known):
        span = spans[span_id]
        found.append(
            GroupPlan.trusted(
                id=span.id,
                name=name(span.zh, span.en),
                lead_department=span.lead_department,
                members=sorted(span.members),
                optional_members=[],
                joined=sorted(span.members),
                cap=plan_duration(span.cap),
                issue_together=span.issue_together,
                start=span.start,
                finish=span.finish,
                reasons=[],
            )
        )
    return found


def _slippage(schedule: Schedule) -> SlippagePlan | None:
    slip = schedule.slippage
    if slip is None:
        return None
    return SlippagePlan.trusted(
        today=slip.today,
        baseline_finish=slip.baseline_finish,
        finish=slip.finish,
        working_days=slip.working_days,
        calendar_days=slip.calendar_days,
        tasks=[
            TaskSlipPlan.trusted(
                task=t.task,
                baseline_start=t.baseline_start,
                baseline_finish=t.baseline_finish,
                start=t.start,
                finish=t.finish,
                working_days=t.working_days,
                calendar_days=t.calendar_days,
                status=t.status,
                reasons=list(t.reasons),
                blocked_by=list(t.blocked_by),
                progress=t.progress,
            )
            for t in sorted(slip.tasks, key=lambda t: t.task)
        ],
        blocked=sorted(slip.blocked),
        reasons=list(slip.reasons),
    )
