"""The scheduler's result: frozen dataclasses that renderers and the JSON plan read.

Every sequence is in a deterministic order (tasks in topological order with ids breaking
ties, everything else sorted by id), so identical inputs give identical results. Fields are
only ever added to these classes (with defaults), never renamed or removed.

Dates follow ``docs/scheduling.md``: an item is accepted on ``start`` (a working day) and
decided on ``finish``; the task occupies the half-open interval ``(start, finish]``; its
``ready`` date is the first working day on or after ``finish``, when successors may start.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from pathplanner.catalog.model import Duration
from pathplanner.errors import Problem
from pathplanner.schedule.government import GovernmentTime

__all__ = [
    "AlternativeFinish",
    "Choice",
    "Edge",
    "EdgeEnd",
    "GroupSpan",
    "ObligationDue",
    "Schedule",
    "ScheduledTask",
    "Slippage",
    "TaskProgress",
    "TaskSlip",
    "TaskStatus",
    "TaskType",
]

TaskType = Literal["item", "material", "work", "milestone", "supplement"]
"""What a scheduled task is: an administrative item, the preparation of a material, the
investor's (or a third party's) own work, a stage-gate milestone, or the late supply of a
material accepted under 容缺受理."""

EdgeEnd = Literal["acceptance", "decision"]

TaskStatus = Literal[
    "planned", "accepted", "decided", "suspended", "terminated", "refused", "blocked"
]
"""``planned`` (no actual date yet), ``accepted`` (actual acceptance, no decision yet),
``decided`` (办结), ``suspended`` (中止), ``terminated`` (终止), ``refused`` (不予许可),
``blocked`` (waits for a terminated or refused item)."""

TaskProgress = Literal["done", "in_progress", "remaining"]
"""Where a task stands in a re-plan: ``done`` (its finish is an actual date, or it is taken
as done on its baseline dates), ``in_progress`` (started on an actual date, not finished),
``remaining`` (its dates are forecast; a terminated or refused item applied for again too)."""


@dataclass(frozen=True)
class Edge:
    """Why a task waits for another one.

    ``task`` is the predecessor's task id. ``binds`` is the end of the successor that waits
    (``acceptance``: the start; ``decision``: the finish, as in pre-review or a 容缺
    supplement). ``lag`` is added after the predecessor's ready date (a
    :class:`~pathplanner.catalog.model.Lead` is taken off it). ``source`` says where the
    edge comes from, as ``kind:id`` text:

    - ``output:<output id>``: a prerequisite of the catalog satisfied by that output;
    - ``rule:<rule id>``: a dependency a rule added;
    - ``material:<material id>``: the material is prepared by, or issued by, the predecessor;
    - ``gate:<stage id>``: a stage gate milestone;
    - ``point:<point id>``: an item outside the gates must be ready before this point;
    - ``mode:<item id>:<mode id>``: an effect of a handling mode (commitment letter,
      supplement, pre-review, merged item);
    - ``option:<option id>:<alternative id>``: a dependency an alternative added.

    ``one_of`` names the ``any_of`` prerequisite the edge is one input of, when that
    prerequisite has several available inputs: the earliest of those satisfies it, so the
    task need not wait for the others (edges with the same ``one_of`` are alternatives).
    """

    task: str
    binds: EdgeEnd = "acceptance"
    lag: Duration | None = None
    source: str = ""
    one_of: str | None = None


@dataclass(frozen=True)
class ScheduledTask:
    """One task with its planned dates, float and provenance.

    ``start``/``finish``/``ready`` are the planned dates; for an item they are acceptance,
    decision and the first working day on or after the decision. They are the earliest
    dates, except for a material's preparation, planned as late as its first consumer's
    planned start allows (its window runs from ``earliest_start`` to that start). ``duration``
    is the limit or length used (committed by default, statutory with ``statutory=True``);
    ``excluded`` the time not counted against the limit (art. 45) that lengthens the item.
    ``float_working_days`` counts working days between the earliest and latest ready date;
    ``critical`` is true when it is 0. ``government`` says whether the task counts toward
    government working days. ``provisional`` is true when counting any of its dates touched
    a day of a provisional (not yet published) calendar year. ``replaces``: for an item in a
    merged mode, the items it replaces that the project would otherwise apply for.
    """

    id: str
    type: TaskType
    ref: str
    zh: str
    en: str
    stage: str | None
    department: str | None
    mode: str | None
    start: dt.date
    finish: dt.date
    ready: dt.date
    duration: Duration
    predecessors: tuple[Edge, ...]
    earliest_start: dt.date
    earliest_finish: dt.date
    latest_start: dt.date
    latest_finish: dt.date
    float_working_days: int
    critical: bool
    provisional: bool
    government: bool
    group: str | None = None
    excluded: Duration | None = None
    deadline: dt.date | None = None
    status: TaskStatus = "planned"
    actual_start: dt.date | None = None
    actual_finish: dt.date | None = None
    provider: str | None = None
    replaces: tuple[str, ...] = ()


@dataclass(frozen=True)
class AlternativeFinish:
    """One alternative of an option and the finish the plan would have with it (all other
    options chosen optimally for it); ``finish`` is ``None`` when it was not evaluated
    within the node budget.

    ``misses_deadline``: with it, a 容缺 supplement of its tolerance mode is late, so the
    application would be refused: the optimizer does not take it unless pinned.
    ``refused``: it sets a mode of a kind the investor refuses; not taken unless pinned."""

    id: str
    zh: str
    en: str
    finish: dt.date | None
    commitments: int = 0
    items: int = 0
    misses_deadline: bool = False
    refused: bool = False


@dataclass(frozen=True)
class Choice:
    """How one option was settled: the chosen alternative, and every alternative's finish.

    ``pinned`` when the user fixed it; ``frozen`` when re-planning kept an option that has
    already started.
    """

    option: str
    subject: str
    zh: str
    en: str
    chosen: str
    alternatives: tuple[AlternativeFinish, ...]
    pinned: bool = False
    frozen: bool = False


@dataclass(frozen=True)
class GroupSpan:
    """A parallel-approval group as planned: members accepted together on ``start``.

    ``finish`` is the last member's decision. ``cap`` is the group's cap, if any.
    """

    id: str
    zh: str
    en: str
    lead_department: str
    members: tuple[str, ...]
    start: dt.date
    finish: dt.date
    cap: Duration | None = None
    issue_together: bool = False


@dataclass(frozen=True)
class ObligationDue:
    """An obligation owed after an item, with its due date.

    ``origin`` is the date it is counted from (the item's acceptance or decision); ``due``
    is ``origin`` plus the obligation's duration (a legal period: a due date on a rest day
    moves to the next working day).
    """

    id: str
    item: str
    zh: str
    en: str
    after: EdgeEnd
    origin: dt.date
    due: dt.date
    duration: Duration
    basis: str = ""
    mode: str | None = None
    provisional: bool = False


@dataclass(frozen=True)
class TaskSlip:
    """How one task moved against the baseline.

    ``working_days`` / ``calendar_days`` are the finish's slip (positive: later).
    ``reasons`` are the reasons given in the actuals for its dates; ``blocked_by`` names
    terminated or refused items this task depends on; ``progress`` says which of its dates
    are actual (``done``: both, ``in_progress``: the start) and which forecast.
    """

    task: str
    baseline_start: dt.date | None
    baseline_finish: dt.date | None
    start: dt.date
    finish: dt.date
    working_days: int
    calendar_days: int
    status: TaskStatus = "planned"
    reasons: tuple[str, ...] = ()
    blocked_by: tuple[str, ...] = ()
    progress: TaskProgress = "remaining"


@dataclass(frozen=True)
class Slippage:
    """The re-planned schedule against its baseline, as of ``today``."""

    today: dt.date
    baseline_finish: dt.date
    finish: dt.date
    working_days: int
    calendar_days: int
    tasks: tuple[TaskSlip, ...] = ()
    blocked: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Schedule:
    """A planned (or re-planned) schedule.

    ``working_days`` counts working days in ``(start, finish]``. ``government_working_days``
    counts the working days in ``(start, finish]`` on which at least one government or
    utility item is under review (see ``docs/scheduling.md``). ``optimal`` is false when the
    optimizer stopped at its node budget; ``bound`` is then the best lower bound on the
    finish it proved. ``statutory`` says which limits the durations use; ``other_finish`` is
    the finish with the other limits (same choices), so reports can show both.
    """

    start: dt.date
    finish: dt.date
    working_days: int
    government_working_days: int
    tasks: tuple[ScheduledTask, ...]
    critical_path: tuple[str, ...]
    choices: tuple[Choice, ...]
    groups: tuple[GroupSpan, ...]
    obligations: tuple[ObligationDue, ...]
    optimal: bool
    bound: dt.date | None
    provisional: bool
    warnings: tuple[Problem, ...]
    slippage: Slippage | None = None
    statutory: bool = False
    other_finish: dt.date | None = None
    provisional_years: tuple[int, ...] = ()
    nodes_explored: int = 0
    calendar_versions: dict[str, str] = field(default_factory=dict)
    government_time: GovernmentTime | None = None

    def task(self, task_id: str) -> ScheduledTask:
        """The scheduled task with this id (``KeyError`` when there is none)."""
        for task in self.tasks:
            if task.id == task_id:
                return task
        raise KeyError(task_id)
