"""The scheduler: dependency graph, working-day CPM, exact choice of options, re-planning."""

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
    "AlternativeFinish",
    "Choice",
    "Edge",
    "GroupSpan",
    "ObligationDue",
    "Schedule",
    "ScheduledTask",
    "Slippage",
    "TaskSlip",
]
