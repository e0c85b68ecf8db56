"""The scheduler: dependency graph, working-day CPM, exact choice of options, re-planning.

:func:`schedule` is the entry point; the result types live in
:mod:`pathplanner.schedule.result`; actual dates for re-planning in
:mod:`pathplanner.schedule.actuals`. Timing semantics: ``docs/scheduling.md``.
"""

from pathplanner.schedule.actuals import (
    Actuals,
    ActualStatus,
    ActualTask,
    actuals_json_schema,
    load_actuals,
)
from pathplanner.schedule.core import schedule
from pathplanner.schedule.result import (
    AlternativeFinish,
    Choice,
    Edge,
    GroupSpan,
    ObligationDue,
    Schedule,
    ScheduledTask,
    Slippage,
    TaskSlip,
)

__all__ = [
    "ActualStatus",
    "ActualTask",
    "Actuals",
    "AlternativeFinish",
    "Choice",
    "Edge",
    "GroupSpan",
    "ObligationDue",
    "Schedule",
    "ScheduledTask",
    "Slippage",
    "TaskSlip",
    "actuals_json_schema",
    "load_actuals",
    "schedule",
]
