"""The plan: the JSON contract portals embed, as pydantic models.

A :class:`Plan` is everything one planning run produced: the inputs that reproduce it, the
schedule (tasks with their dates, float and critical path), the options the optimizer weighed,
the parallel groups, the obligations, the one-time disclosure list (一次性告知) and the
material plan. Renderers (:mod:`pathplanner.render`) read only a ``Plan``; they never go back
to the catalog, so a stored plan JSON renders the same report later.

Field names are stable and documented in ``docs/plan-format.md`` (a test keeps the two in
step). Dates are ISO ``YYYY-MM-DD``. Every list is in a documented, deterministic order, so
the same inputs give byte-identical JSON. Names come in both languages (``zh`` and ``en``;
``en`` is empty where the catalog has no English), so one JSON serves both audiences.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Literal

from pydantic import ConfigDict, Field

from pathplanner._support.trusted import TrustedModel

__all__ = [
    "SCHEMA_VERSION",
    "Choice",
    "ChoiceAlternative",
    "Disclosure",
    "DisclosureEntry",
    "DisclosureMaterial",
    "DisclosureObligation",
    "DisclosurePrerequisite",
    "ExcludedTimePlan",
    "Fee",
    "GroupPlan",
    "Inputs",
    "LabelRef",
    "MaterialPlanEntry",
    "Name",
    "NotApplicable",
    "ObligationPlan",
    "Plan",
    "PlanDuration",
    "PlanReason",
    "PlanTask",
    "PlanWarning",
    "Predecessor",
    "PrerequisiteOutput",
    "SlippagePlan",
    "TaskSlipPlan",
    "TimeLimitsPlan",
    "plan_json_schema",
]

SCHEMA_VERSION = "1.0"
"""Version of the plan JSON contract. Adding a field bumps the minor part; renaming or
removing one bumps the major part."""

TaskType = Literal["item", "material", "work", "milestone", "supplement"]
TaskStatus = Literal[
    "planned", "accepted", "decided", "suspended", "terminated", "refused", "blocked"
]
Binds = Literal["acceptance", "decision"]
ClockName = Literal["working", "calendar"]


class _Out(TrustedModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Name(_Out):
    """A label in Chinese and English; ``en`` is empty when the catalog has no English."""

    zh: str
    en: str = ""

    def get(self, lang: str) -> str:
        """The label in ``lang``, falling back to Chinese when English is missing."""
        if lang == "en" and self.en:
            return self.en
        return self.zh

    def falls_back(self, lang: str) -> bool:
        """True when asking for ``lang`` gives the Chinese fallback instead."""
        return lang == "en" and not self.en


class LabelRef(_Out):
    """A catalog entity referred to by id, with its name (stages, departments, parties)."""

    id: str
    name: Name
    kind: str = ""
    window: str = ""


class PlanDuration(_Out):
    """A number of days on a clock (``working`` days or ``calendar`` days)."""

    value: int
    clock: ClockName


class PlanReason(_Out):
    """Why something holds: the rule id, its condition text, the facts seen, the basis."""

    rule_id: str
    text: str
    basis: str
    facts: dict[str, bool | int | float | str | None] = Field(default_factory=dict)


class PlanWarning(_Out):
    """A warning found while planning, rendered in both languages."""

    code: str
    severity: Literal["error", "warning"]
    location: str
    breadcrumb: str
    message: Name


class Predecessor(_Out):
    """A task this task waits for, the end of this task it binds, and the lag after it."""

    task: str
    binds: Binds
    lag: PlanDuration | None = None
    source: str = ""


class PlanTask(_Out):
    """One scheduled task. For items ``start`` is the acceptance date and ``finish`` the
    decision date; ``ready`` is the day its output is available to successors."""

    id: str
    type: TaskType
    ref: str
    name: Name
    stage: str | None
    department: str | None
    mode: str | None
    group: str | None
    start: dt.date
    finish: dt.date
    ready: dt.date
    duration: PlanDuration
    predecessors: list[Predecessor]
    earliest_start: dt.date
    earliest_finish: dt.date
    latest_start: dt.date
    latest_finish: dt.date
    float_working_days: int
    critical: bool
    provisional: bool
    government: bool
    excluded: PlanDuration | None
    deadline: dt.date | None
    provider: str | None
    status: TaskStatus
    actual_start: dt.date | None
    actual_finish: dt.date | None
    reasons: list[PlanReason]


class GroupPlan(_Out):
    """A parallel group (并联审批) with the members that joined it."""

    id: str
    name: Name
    lead_department: str
    members: list[str]
    optional_members: list[str]
    joined: list[str]
    cap: PlanDuration | None
    issue_together: bool
    start: dt.date | None
    finish: dt.date | None
    reasons: list[PlanReason]


class ChoiceAlternative(_Out):
    """One alternative of an option and the finish date it would give."""

    id: str
    name: Name
    finish: dt.date | None
    commitments: int
    items: int
    chosen: bool


class Choice(_Out):
    """An option the optimizer weighed, the alternative it chose and why."""

    id: str
    subject: str
    name: Name
    chosen: str
    pinned: bool
    frozen: bool
    alternatives: list[ChoiceAlternative]
    reasons: list[PlanReason]


class ObligationPlan(_Out):
    """Something owed after an item (commitment check, supplement), with its due date."""

    id: str
    item: str
    name: Name
    after: Binds
    origin: dt.date
    due: PlanDuration
    due_date: dt.date
    basis: str
    mode: str | None
    provisional: bool
    reasons: list[PlanReason]


class Fee(_Out):
    """A fee charged for an item."""

    name: Name
    amount: str
    basis: str


class ExcludedTimePlan(_Out):
    """Time not counted toward the legal limit (行政许可法 art. 45), such as expert review."""

    id: str
    name: Name
    duration: PlanDuration
    maximum: PlanDuration | None
    expected: bool
    basis: str


class TimeLimitsPlan(_Out):
    """An item's time limits: statutory (法定), committed (承诺), and the one planned with."""

    statutory: PlanDuration | None
    committed: PlanDuration | None
    planned: PlanDuration
    statutory_basis: str
    committed_basis: str
    overridden_by: list[str]
    excluded: list[ExcludedTimePlan]


class PrerequisiteOutput(_Out):
    """An output that satisfies a prerequisite and the task that issues it."""

    output: str
    name: Name
    issued_by: str | None


class DisclosurePrerequisite(_Out):
    """A prerequisite of an item: any one of its outputs satisfies it."""

    any_of: list[PrerequisiteOutput]
    binds: Binds
    lag: PlanDuration | None


class DisclosureMaterial(_Out):
    """A material as an item asks for it."""

    material: str
    name: Name
    original: bool
    copies: int
    provider: str | None
    provider_name: Name | None
    issued_by: str | None
    template: str
    secondary: bool
    deferred_until: dt.date | None
    reused_from: str | None
    reusable: bool
    note: str


class DisclosureObligation(_Out):
    """An obligation an item's mode or a rule imposes, in the disclosure entry."""

    id: str
    name: Name
    after: Binds
    due: PlanDuration
    due_date: dt.date | None
    basis: str


class DisclosureEntry(_Out):
    """One applicable item of the one-time disclosure list (一次性告知)."""

    order: int
    item: str
    name: Name
    kind: str
    stage: str
    department: str
    department_name: Name
    window: str
    channel: str
    mode: str
    mode_kind: str
    mode_name: Name
    mode_basis: str
    acceptance: dt.date | None
    decision: dt.date | None
    time_limits: TimeLimitsPlan
    fees: list[Fee]
    prerequisites: list[DisclosurePrerequisite]
    materials: list[DisclosureMaterial]
    obligations: list[DisclosureObligation]
    basis: list[str]
    confidence: str
    reasons: list[PlanReason]


class NotApplicable(_Out):
    """An item an investor might expect that does not apply, and why."""

    item: str
    name: Name
    stage: str
    department: str
    reasons: list[PlanReason]


class Disclosure(_Out):
    """The one-time disclosure list: applicable entries in meeting order, and the items that
    do not apply though an investor might expect them."""

    entries: list[DisclosureEntry]
    not_applicable: list[NotApplicable]


class MaterialPlanEntry(_Out):
    """One distinct material: who provides it, when it is needed, who uses it, warnings."""

    material: str
    name: Name
    provider: str | None
    provider_name: Name | None
    issued_by: str | None
    lead_time: PlanDuration | None
    validity: PlanDuration | None
    original: bool
    copies: int
    template: str
    needed_by_earliest: dt.date | None
    needed_by_latest: dt.date | None
    last_use: dt.date | None
    ready: dt.date | None
    expires: dt.date | None
    used_by: list[str]
    warnings: list[PlanWarning]


class TaskSlipPlan(_Out):
    """How one task moved against the baseline when re-planning from actual dates."""

    task: str
    baseline_start: dt.date | None
    baseline_finish: dt.date | None
    start: dt.date
    finish: dt.date
    working_days: int
    calendar_days: int
    status: TaskStatus
    reasons: list[str]
    blocked_by: list[str]


class SlippagePlan(_Out):
    """The re-planned finish against the baseline, as of ``today``."""

    today: dt.date
    baseline_finish: dt.date
    finish: dt.date
    working_days: int
    calendar_days: int
    tasks: list[TaskSlipPlan]
    blocked: list[str]
    reasons: list[str]


class Inputs(_Out):
    """Everything needed to reproduce the plan."""

    project: str
    project_name: Name
    profile: dict[str, bool | int | float | str | None]
    start: dt.date
    as_of: dt.date
    pins: dict[str, str]
    statutory: bool
    strict_calendar: bool
    engine: str
    catalog_id: str
    catalog_version: str
    calendar_versions: dict[str, str]
    actuals: dict[str, Any] | None


class Plan(_Out):
    """A complete plan for one project profile: the JSON contract (see ``docs/plan-format.md``)."""

    schema_version: str = SCHEMA_VERSION
    catalog_hash: str
    inputs: Inputs
    as_of: dt.date
    start: dt.date
    finish: dt.date
    working_days: int
    government_working_days: int
    optimal: bool
    bound: dt.date | None
    statutory: bool
    other_finish: dt.date | None
    provisional: bool
    provisional_years: list[int]
    warnings: list[PlanWarning]
    critical_path: list[str]
    stages: list[LabelRef]
    departments: list[LabelRef]
    tasks: list[PlanTask]
    groups: list[GroupPlan]
    choices: list[Choice]
    obligations: list[ObligationPlan]
    disclosure: Disclosure
    materials: list[MaterialPlanEntry]
    slippage: SlippagePlan | None

    def task(self, task_id: str) -> PlanTask:
        """The task with this id (``KeyError`` when there is none)."""
        for task in self.tasks:
            if task.id == task_id:
                return task
        raise KeyError(task_id)

    def to_json(self) -> str:
        """Canonical JSON text: fields in schema order, lists already sorted by the builder,
        UTF-8 (Chinese not escaped), 2-space indent, one trailing newline. Same plan, same
        bytes. The other formats are :mod:`pathplanner.render`'s (``render(plan, "html")``)."""
        return self.model_dump_json(indent=2) + "\n"


def plan_json_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`Plan` (what ``pathplanner schema plan`` prints)."""
    schema = Plan.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://pathplanner.invalid/schema/plan-{SCHEMA_VERSION}.json"
    return dict(json.loads(json.dumps(schema, sort_keys=True)))
