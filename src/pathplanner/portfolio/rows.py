"""The batch's rows: one per project, one per task, one per obligation, and their Arrow
schemas (the columns of the Parquet files, documented in docs/portfolio.md).

:func:`plan_rows` turns one :class:`~pathplanner.plan.Plan` into its rows and
:func:`error_rows` a project that could not be planned into one error row; both are plain
dictionaries of Python values, cheap to send between processes. A portfolio diff compares
two such rows of the same project.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from pathplanner.calendar import WorkCalendar
from pathplanner.errors import Problem
from pathplanner.plan.model import Plan

__all__ = [
    "OBLIGATION_SCHEMA",
    "PROJECT_SCHEMA",
    "TASK_SCHEMA",
    "PlanRows",
    "error_rows",
    "plan_rows",
    "table",
]

Row = dict[str, Any]

_STAGE = pa.struct(
    [
        ("stage", pa.string()),
        ("chain_working_days", pa.int32()),
        ("office_working_days", pa.int32()),
    ]
)
_TARGET = pa.struct(
    [
        ("target", pa.string()),
        ("limit", pa.int32()),
        ("working_days", pa.int32()),
        ("met", pa.bool_()),
        ("drivers", pa.list_(pa.string())),
    ]
)
_MODE = pa.struct([("item", pa.string()), ("mode", pa.string()), ("mode_kind", pa.string())])
_PROBLEM = pa.struct(
    [
        ("code", pa.string()),
        ("file", pa.string()),
        ("line", pa.int32()),
        ("field", pa.string()),
        ("message_zh", pa.string()),
        ("message_en", pa.string()),
    ]
)

PROJECT_SCHEMA = pa.schema(
    [
        ("project", pa.string()),
        ("source", pa.string()),
        ("ok", pa.bool_()),
        ("start", pa.date32()),
        ("finish", pa.date32()),
        ("working_days", pa.int32()),
        ("government_working_days", pa.int32()),
        ("chain_working_days", pa.int32()),
        ("stages", pa.list_(_STAGE)),
        ("targets", pa.list_(_TARGET)),
        ("targets_met", pa.bool_()),
        ("modes", pa.list_(_MODE)),
        ("critical_items", pa.list_(pa.string())),
        ("warnings", pa.list_(pa.string())),
        ("problems", pa.list_(_PROBLEM)),
    ]
)
"""One row per project; a project that failed has ``ok`` false, its ``problems`` and nulls."""

TASK_SCHEMA = pa.schema(
    [
        ("project", pa.string()),
        ("task", pa.string()),
        ("type", pa.string()),
        ("ref", pa.string()),
        ("stage", pa.string()),
        ("department", pa.string()),
        ("mode", pa.string()),
        ("start", pa.date32()),
        ("finish", pa.date32()),
        ("working_days", pa.int32()),
        ("float_working_days", pa.int32()),
        ("critical", pa.bool_()),
        ("government", pa.bool_()),
        ("chain_working_days", pa.int32()),
    ]
)
"""One row per task of each planned project, in the plan's task order."""

OBLIGATION_SCHEMA = pa.schema(
    [
        ("project", pa.string()),
        ("obligation", pa.string()),
        ("item", pa.string()),
        ("mode", pa.string()),
        ("mode_kind", pa.string()),
        ("origin", pa.date32()),
        ("due_date", pa.date32()),
    ]
)
"""One row per obligation a plan leaves the investor (告知承诺 and the like), by due date."""


@dataclass(frozen=True)
class PlanRows:
    """The rows of one project: its project row, its task rows and its obligation rows."""

    project: Row
    tasks: list[Row] = field(default_factory=list)
    obligations: list[Row] = field(default_factory=list)


def plan_rows(project: str, source: str, plan: Plan, calendar: WorkCalendar) -> PlanRows:
    """The rows of a planned project. ``calendar`` counts each task's working days in
    ``(start, finish]``."""
    time = plan.government_time
    chain = {c.task: c.working_days for c in time.chain} if time is not None else {}
    entries = plan.disclosure.entries
    kinds = {e.item: e.mode_kind for e in entries}
    row: Row = {
        "project": project,
        "source": source,
        "ok": True,
        "start": plan.start,
        "finish": plan.finish,
        "working_days": plan.working_days,
        "government_working_days": plan.government_working_days,
        "chain_working_days": time.chain_working_days if time is not None else None,
        "stages": [
            {
                "stage": s.stage,
                "chain_working_days": s.chain_working_days,
                "office_working_days": s.office_working_days,
            }
            for s in (time.stages if time is not None else [])
        ],
        "targets": [
            {
                "target": t.id,
                "limit": t.limit,
                "working_days": t.working_days,
                "met": t.met,
                "drivers": list(t.drivers),
            }
            for t in (time.targets if time is not None else [])
        ],
        "targets_met": all(t.met for t in time.targets) if time and time.targets else None,
        "modes": [{"item": e.item, "mode": e.mode, "mode_kind": e.mode_kind} for e in entries],
        "critical_items": [t.id for t in plan.tasks if t.type == "item" and t.critical],
        "warnings": [w.code for w in plan.warnings],
        "problems": [],
    }
    tasks = [
        {
            "project": project,
            "task": t.id,
            "type": str(t.type),
            "ref": t.ref,
            "stage": t.stage,
            "department": t.department,
            "mode": t.mode,
            "start": t.start,
            "finish": t.finish,
            "working_days": calendar.working_days_between(t.start, t.finish),
            "float_working_days": t.float_working_days,
            "critical": t.critical,
            "government": t.government,
            "chain_working_days": chain.get(t.id),
        }
        for t in plan.tasks
    ]
    obligations = [
        {
            "project": project,
            "obligation": o.id,
            "item": o.item,
            "mode": o.mode,
            "mode_kind": kinds.get(o.item),
            "origin": o.origin,
            "due_date": o.due_date,
        }
        for o in plan.obligations
    ]
    return PlanRows(row, tasks, obligations)


def error_rows(project: str, source: str, problems: Iterable[Problem]) -> PlanRows:
    """The one row of a project that could not be planned: every problem, in both languages."""
    row: Row = dict.fromkeys(PROJECT_SCHEMA.names)
    row.update(
        project=project,
        source=source,
        ok=False,
        stages=[],
        targets=[],
        modes=[],
        critical_items=[],
        warnings=[],
        problems=[
            {
                "code": p.code,
                "file": p.location.file,
                "line": p.location.line,
                "field": p.breadcrumb,
                "message_zh": p.message("zh"),
                "message_en": p.message("en"),
            }
            for p in sorted(problems, key=lambda p: p.sort_key())
        ],
    )
    return PlanRows(row)


def table(rows: Iterable[Row], schema: pa.Schema) -> pa.Table:
    """``rows`` as an Arrow table of ``schema`` (columns in the schema's order)."""
    return pa.Table.from_pylist(list(rows), schema=schema)
