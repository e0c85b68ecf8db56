"""Evaluating agents and units on what they control (单项评价 per case, 综合测评 overall).

Per agent and per unit: the on-time rate (items decided within the limit the plan used,
counted in working days from acceptance to decision, less pauses whose reason the investor
or 行政许可法 art. 45 caused; an item late for such a reason is left out), the median finish
slippage of the cases with the reason codes behind it, the cases handled, and the investors'
ratings. The weights are data (``evaluation.yaml``); every score carries its numbers.
"""

from __future__ import annotations

import datetime as dt
import functools
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from pathplanner._input.validation import validate_model
from pathplanner._input.yaml import read_yaml
from pathplanner.calendar import WorkCalendar
from pathplanner.cases.reasons import Cause, Reason
from pathplanner.errors import InputError

__all__ = [
    "EVALUATION_FILE",
    "CaseFacts",
    "Score",
    "Weights",
    "evaluate",
    "weights",
]

EVALUATION_FILE = Path(__file__).with_name("evaluation.yaml")
_NOT_THE_AGENTS = frozenset({Cause.INVESTOR, Cause.ART45})


class Weights(BaseModel):
    """The weights of the parts of a score, and the slippage that scores 0."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    on_time: float = Field(ge=0, description="weight of the on-time rate")
    slippage: float = Field(ge=0, description="weight of the slippage part")
    rating: float = Field(ge=0, description="weight of the investors' ratings")


class _EvaluationFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    weights: Weights
    slippage_scale: int = Field(gt=0)


@functools.cache
def weights(path: Path = EVALUATION_FILE) -> tuple[Weights, int]:
    """The weights and the slippage scale of ``path``; raises :class:`InputError`."""
    data, problems = read_yaml(path, path.name)
    if problems:
        raise InputError(problems)
    parsed, problems = validate_model(
        _EvaluationFile, data, file=path.name, breadcrumb="evaluation"
    )
    if parsed is None:
        raise InputError(problems)
    return parsed.weights, parsed.slippage_scale


@dataclass(frozen=True)
class CaseFacts:
    """What the evaluation reads of one case."""

    case: str
    unit: str
    agent: str | None
    closed: bool  # the investor confirmed it (办结), whether archived since or not
    plan: Mapping[str, Any]  # the plan in force (JSON)
    replanned: bool
    pauses: Mapping[str, Sequence[Mapping[str, Any]]]  # task → every pause entry recorded
    actuals: Sequence[Mapping[str, Any]]
    rating: int | None


class Score(BaseModel):
    """One agent's or unit's score, with every number behind it."""

    model_config = ConfigDict(frozen=True)

    who: str = Field(description="agent user id or unit id")
    cases_handled: int = Field(description="cases assigned")
    cases_closed: int = Field(description="of them closed (办结), archived since or not")
    items_decided: int = Field(description="items with an acceptance and a decision recorded")
    items_on_time: int = Field(description="of them decided within their limit")
    items_excluded: int = Field(
        description="late for a reason the investor or art. 45 caused: not counted"
    )
    on_time_rate: float | None = Field(description="on time / counted items (null: none)")
    median_slippage: float | None = Field(
        description="median finish slip of the re-planned cases, working days (null: none)"
    )
    slippage_reasons: dict[str, int] = Field(description="reason codes behind the slips, counted")
    ratings: int = Field(description="ratings received")
    average_rating: float | None = Field(description="their mean, 1 to 5 (null: none)")
    weights: dict[str, float] = Field(description="the weights used (parts with data only)")
    score: float | None = Field(description="0 to 100 (null: no part has data)")


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else None


def _days(a: dt.date, b: dt.date, clock: str, calendar: WorkCalendar) -> int:
    """Days in ``(a, b]`` on the item's clock."""
    return (b - a).days if clock == "calendar" else calendar.working_days_between(a, b)


def _outcome(
    entry: Mapping[str, Any],
    task: Mapping[str, Any] | None,
    pauses: Iterable[Mapping[str, Any]],
    calendar: WorkCalendar,
    reasons: Mapping[str, Reason],
) -> str | None:
    """``on_time``, ``late`` or ``excluded`` for a decided item; ``None`` otherwise."""
    accepted, decided = _date(entry.get("accepted")), _date(entry.get("decided"))
    if accepted is None or decided is None or task is None or task.get("type") != "item":
        return None
    duration = task.get("duration") or {}
    clock = str(duration.get("clock", "working"))
    paused = 0
    for pause in pauses:
        reason = reasons.get(str(pause.get("reason")))
        stopped = _date(pause.get("suspended_on"))
        if reason is None or reason.cause not in _NOT_THE_AGENTS or stopped is None:
            continue
        resumed = min(_date(pause.get("resumes")) or decided, decided)
        paused += max(_days(stopped, resumed, clock, calendar), 0)
    if _days(accepted, decided, clock, calendar) - paused <= int(duration.get("value", 0)):
        return "on_time"
    reason = reasons.get(str(entry.get("reason")))
    return "excluded" if reason is not None and reason.cause in _NOT_THE_AGENTS else "late"


def _score(
    who: str, cases: list[CaseFacts], calendar: WorkCalendar, reasons: Mapping[str, Reason]
) -> Score:
    outcomes: Counter[str] = Counter()
    for case in cases:
        tasks = {task["id"]: task for task in case.plan.get("tasks", [])}
        for entry in case.actuals:
            task_id = str(entry.get("task"))
            pauses = case.pauses.get(task_id, [])
            outcome = _outcome(entry, tasks.get(task_id), pauses, calendar, reasons)
            if outcome is not None:
                outcomes[outcome] += 1
    slips = [int(c.plan["slippage"]["working_days"]) for c in cases if c.replanned]
    codes: Counter[str] = Counter(
        text.rsplit(": ", 1)[-1]
        for c in cases
        if c.replanned
        for text in c.plan["slippage"].get("reasons", [])
    )
    ratings = [c.rating for c in cases if c.rating is not None]
    counted = outcomes["on_time"] + outcomes["late"]
    weight, scale = weights()
    parts: dict[str, float] = {}
    if counted:
        parts["on_time"] = outcomes["on_time"] / counted
    median = statistics.median(slips) if slips else None
    if median is not None:
        parts["slippage"] = max(0.0, 1 - max(median, 0) / scale)
    average = statistics.fmean(ratings) if ratings else None
    if average is not None:
        parts["rating"] = (average - 1) / 4
    used = {part: getattr(weight, part) for part in parts if getattr(weight, part) > 0}
    total = sum(used.values())
    score = round(100 * sum(w * parts[p] for p, w in used.items()) / total, 1) if total else None
    return Score(
        who=who,
        cases_handled=len(cases),
        cases_closed=sum(c.closed for c in cases),
        items_decided=sum(outcomes.values()),
        items_on_time=outcomes["on_time"],
        items_excluded=outcomes["excluded"],
        on_time_rate=round(parts["on_time"], 4) if "on_time" in parts else None,
        median_slippage=median,
        slippage_reasons=dict(sorted(codes.items())),
        ratings=len(ratings),
        average_rating=round(average, 2) if average is not None else None,
        weights=used,
        score=score,
    )


def evaluate(
    cases: Iterable[CaseFacts],
    calendar: WorkCalendar,
    reasons: Mapping[str, Reason],
) -> tuple[list[Score], list[Score]]:
    """The scores per agent and per unit, each sorted by id."""
    by_agent: dict[str, list[CaseFacts]] = {}
    by_unit: dict[str, list[CaseFacts]] = {}
    for case in cases:
        by_unit.setdefault(case.unit, []).append(case)
        if case.agent is not None:
            by_agent.setdefault(case.agent, []).append(case)
    agents = [_score(a, by_agent[a], calendar, reasons) for a in sorted(by_agent)]
    units = [_score(u, by_unit[u], calendar, reasons) for u in sorted(by_unit)]
    return agents, units
