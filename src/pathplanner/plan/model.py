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

from pydantic import BaseModel, ConfigDict, Field

from pathplanner._support.trusted import TrustedModel

__all__ = [
    "SCHEMA_ID",
    "SCHEMA_VERSION",
    "ChainItem",
    "Choice",
    "ChoiceAlternative",
    "Disclosure",
    "DisclosureEntry",
    "DisclosureMaterial",
    "DisclosureObligation",
    "DisclosurePrerequisite",
    "ExcludedTimePlan",
    "Fee",
    "GovernmentTimePlan",
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
    "StageDays",
    "StageGovernmentTime",
    "TargetCheck",
    "TaskSlipPlan",
    "TimeLimitsPlan",
    "plan_json_schema",
]

SCHEMA_VERSION = "1.3"
"""Version of the plan JSON contract. A minor bump may add fields (not required in the schema:
plans of older minor versions lack them) and values of open vocabularies; anything a reader of
an older version could misread bumps the major part (``docs/plan-format.md``,
"Compatibility")."""

SCHEMA_ID = f"urn:pathplanner:schema:plan:{SCHEMA_VERSION}"
"""The ``$id`` of the plan schema: a name, not a location (see ``docs/plan-format.md``)."""

TaskType = Literal["item", "material", "work", "milestone", "supplement"]
TaskStatus = Literal[
    "planned", "accepted", "decided", "suspended", "terminated", "refused", "blocked"
]
Binds = Literal["acceptance", "decision"]
ClockName = Literal["working", "calendar"]
TaskProgress = Literal["done", "in_progress", "remaining"]


class _Out(TrustedModel):
    # A plan is read as the contract tells every reader to read it: unknown fields are
    # ignored, so a plan written by a newer minor version still loads (and its schema says
    # nothing about additional properties, which leaves them allowed). Every field is always
    # written, so the schema requires every field, except those a later minor version adds:
    # they get a default and ``x-since`` (see _contract_schema), so older plans still load
    # and validate.
    model_config = ConfigDict(
        extra="ignore", frozen=True, json_schema_serialization_defaults_required=True
    )


class Name(_Out):
    """A label in Chinese and English; ``en`` is empty when the catalog has no English."""

    zh: str = Field(description="Chinese label")
    en: str = Field("", description='English label, `""` when the catalog has none')

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

    id: str = Field(description="catalog id")
    name: Name = Field(description="its name")
    kind: str = Field(
        "",
        description='departments: `government`, `utility` or `technical`; stages and items: `""`',
    )
    window: str = Field(
        "", description="departments: the service window, when the catalog names one"
    )


class PlanDuration(_Out):
    """A number of days on a clock (``working`` days or ``calendar`` days)."""

    value: int = Field(description="number of days; `0` means the same day (即办)")
    clock: ClockName = Field(description="`working` or `calendar`")


class PlanReason(_Out):
    """Why something holds: the rule id, its condition text, the facts seen, the basis."""

    rule_id: str = Field(description="the rule (or catalog default) that concluded it")
    text: str = Field(description="the rule's condition")
    basis: str = Field(description="its legal basis")
    facts: dict[str, bool | int | float | str | None] = Field(
        default_factory=dict,
        description=(
            "each profile field or derived fact the condition read, with the value it saw (`null` "
            "when unset); a list membership as `<field>.<value>: true/false`; a sum over spaces "
            "by its text; a building quantifier as the fields of the building it found or "
            "stopped at (`buildings.1.name`, `buildings.1.use`, …)"
        ),
    )
    title: Name = Field(
        default_factory=lambda: Name(zh=""),
        description=(
            "the rule's title, or the reform target's for `target:<id>` "
            '(`{"zh": "", "en": ""}` for a catalog default)'
        ),
        json_schema_extra={"x-since": "1.2"},
    )
    facts_in_words: list[Name] = Field(
        default_factory=list,
        description=(
            "each fact of `facts` as a clause in words, in the same order: the field's or "
            "derived fact's label and the value's label, e.g. 环境影响评价类别为“编制环境影响"
            "报告表”; a building's name is no clause of its own but names the building in the "
            "others"
        ),
        json_schema_extra={"x-since": "1.2"},
    )


class PlanWarning(_Out):
    """A warning found while planning, rendered in both languages."""

    code: str = Field(
        description=(
            "stable code, e.g. `material-expires`, `material-no-provider`, `calendar-provisional`"
        )
    )
    severity: Literal["error", "warning"] = Field(
        description="`warning` (plans carry no errors: errors stop planning)"
    )
    location: str = Field(
        description=(
            '`file:line:col` in the catalog when the warning is about catalog data, else `""`'
        )
    )
    breadcrumb: str = Field(description="the entity by id, e.g. `Material(id='survey-report')`")
    message: Name = Field(description="the message in both languages")


class Predecessor(_Out):
    """A task this task waits for, the end of this task it binds, and the lag after it."""

    task: str = Field(description="the predecessor's task id")
    binds: Binds = Field(
        description=(
            "the end of *this* task that waits: `acceptance` (it cannot be accepted before the "
            "predecessor is ready) or `decision` (it may be accepted and reviewed, but not "
            "decided, before — a 容缺 supplement or a pre-review waiting for the land contract)"
        )
    )
    lag: PlanDuration | None = Field(
        None,
        description=(
            "time added after the predecessor is ready; a negative value is a lead (this task "
            "may start that long before the predecessor is ready)"
        ),
    )
    source: str = Field(
        "",
        description=(
            "why the edge exists: `output:<id>`, `rule:<id>`, `material:<id>`, `gate:<stage>`, "
            "`point:<point>`, `mode:<item>:<mode>` or `option:<option>:<alternative>`"
        ),
    )
    one_of: str | None = Field(
        None,
        description=(
            "set on the inputs of one `any_of` prerequisite that several tasks can satisfy "
            "(the same value on each): the earliest of them satisfies it, so this task need "
            "not wait for the others"
        ),
        json_schema_extra={"x-since": "1.1"},
    )


class PlanTask(_Out):
    """One scheduled task. For items ``start`` is the acceptance date and ``finish`` the
    decision date; ``ready`` is the day its output is available to successors."""

    id: str = Field(description="task id, unique in the plan")
    type: TaskType = Field(description="`item`, `material`, `work`, `milestone` or `supplement`")
    ref: str = Field(description="the catalog id it comes from (item, material, work or stage id)")
    name: Name = Field(description="its name")
    stage: str | None = Field(description="stage id")
    department: str | None = Field(description="department id (items)")
    mode: str | None = Field(
        description="the handling mode chosen (items; `null` is normal handling)"
    )
    group: str | None = Field(description="the parallel group it joined")
    start: dt.date = Field(
        description=(
            "items: acceptance (受理) date; others: start (a material's preparation: as late "
            "as its first user allows, see `MaterialPlanEntry.window_end`)"
        )
    )
    finish: dt.date = Field(description="items: decision (办结) date; others: end")
    ready: dt.date = Field(
        description="first working day on or after `finish`, when successors may use its result"
    )
    duration: PlanDuration = Field(
        description="the limit or length used (committed limit by default)"
    )
    predecessors: list[Predecessor] = Field(description="what it waits for, by task id")
    earliest_start: dt.date = Field(
        description="earliest possible start (a material's preparation window opens here)"
    )
    earliest_finish: dt.date = Field(description="earliest possible finish")
    latest_start: dt.date = Field(description="latest start that does not delay the plan's finish")
    latest_finish: dt.date = Field(
        description="latest finish that does not delay the plan's finish"
    )
    float_working_days: int = Field(
        description="working days it can slip without delaying the finish"
    )
    critical: bool = Field(description="`true` exactly when `float_working_days` is 0")
    provisional: bool = Field(
        description="one of its dates was counted on a provisional calendar year"
    )
    government: bool = Field(description="it counts toward `government_working_days`")
    excluded: PlanDuration | None = Field(
        description=(
            "time not counted against the legal limit (行政许可法 art. 45: expert review, hearing, "
            "testing) that lengthens the item"
        )
    )
    deadline: dt.date | None = Field(description="supplements and obligations: the date it is due")
    provider: str | None = Field(description="materials and works: the party who prepares it")
    status: TaskStatus = Field(
        description=(
            "`planned`, `accepted`, `decided`, `suspended`, `terminated`, `refused` or `blocked` "
            "(from actual dates)"
        )
    )
    actual_start: dt.date | None = Field(description="actual acceptance or start, when known")
    actual_finish: dt.date | None = Field(description="actual decision or end, when known")
    reasons: list[PlanReason] = Field(description="why the task applies")
    replaces: list[str] = Field(
        default_factory=list,
        description=(
            "an item in a merged mode: the items it replaces that the project would otherwise "
            "apply for, in the mode's order (`[]` for every other task)"
        ),
        json_schema_extra={"x-since": "1.1"},
    )


class GroupPlan(_Out):
    """A parallel group (并联审批) with the members that joined it."""

    id: str = Field(description="group id")
    name: Name = Field(description="its name")
    lead_department: str = Field(description="the lead department's id")
    members: list[str] = Field(description="item ids that always belong to it")
    optional_members: list[str] = Field(description="item ids that may join (each an option)")
    joined: list[str] = Field(description="the members in this plan")
    cap: PlanDuration | None = Field(description="the group's time cap")
    issue_together: bool = Field(description="all members' decisions are issued together")
    start: dt.date | None = Field(
        description="common acceptance date (`null` when no member is planned)"
    )
    finish: dt.date | None = Field(description="last member's decision")
    reasons: list[PlanReason] = Field(description="why the group exists")


class ChoiceAlternative(_Out):
    """One alternative of an option and the finish date it would give."""

    id: str = Field(
        description="alternative id (`normal`, a mode id, `join`, `separate`, an output id)"
    )
    name: Name = Field(description="its name")
    finish: dt.date | None = Field(
        description=(
            "the earliest finish a plan with it has (this planner always gives a date; when that "
            "search stopped at the node budget it is the best found, and the warning "
            "`schedule-alternative-not-optimal` says so)"
        )
    )
    commitments: int = Field(description="how many 告知承诺 it implies (fewer wins a tie)")
    items: int = Field(description="how many items the plan would have with it")
    chosen: bool = Field(description="it is the one taken")
    note: Name | None = Field(
        None,
        description=(
            "for a pre-review (拿地即开工) mode not taken: why it does not make the plan finish "
            "earlier (the item holding the subject up, or its float); `null` otherwise"
        ),
        json_schema_extra={"x-since": "1.1"},
    )
    misses_deadline: bool = Field(
        False,
        description=(
            "with it a 容缺 material would be handed in after its deadline, so the application "
            "would be refused: it is not taken unless pinned"
        ),
        json_schema_extra={"x-since": "1.1"},
    )
    refused: bool = Field(
        False,
        description=(
            "it uses a handling mode the investor refuses (profile `investor.refuses_*`): it is "
            "not taken unless pinned"
        ),
        json_schema_extra={"x-since": "1.1"},
    )


class Choice(_Out):
    """An option the optimizer weighed, the alternative it chose and why."""

    id: str = Field(description="option id: `mode:<item>`, `alt:<id>` or `group:<group>:<item>`")
    subject: str = Field(description="the item or task it is about")
    name: Name = Field(description="its name")
    chosen: str = Field(description="the alternative taken")
    pinned: bool = Field(description="the user fixed it with `--pin`")
    frozen: bool = Field(description="re-planning kept it because the item has already started")
    alternatives: list[ChoiceAlternative] = Field(description="every alternative, default first")
    reasons: list[PlanReason] = Field(description="why the option exists")


class ObligationPlan(_Out):
    """Something owed after an item (commitment check, supplement), with its due date."""

    id: str = Field(description="obligation id")
    item: str = Field(description="the item it follows")
    name: Name = Field(description="what is owed")
    after: Binds = Field(description="counted from the item's `acceptance` or `decision`")
    origin: dt.date = Field(description="that date")
    due: PlanDuration = Field(description="how long after it")
    due_date: dt.date = Field(description="the date it is due")
    basis: str = Field(description="legal basis")
    mode: str | None = Field(description="the mode that imposes it")
    provisional: bool = Field(description="the due date was counted on a provisional calendar year")
    reasons: list[PlanReason] = Field(description="why it is owed")


class Fee(_Out):
    """A fee charged for an item."""

    name: Name = Field(description="what is charged")
    amount: str = Field(description="amount or rate as published")
    basis: str = Field(description="the charging basis")


class ExcludedTimePlan(_Out):
    """Time not counted toward the legal limit (行政许可法 art. 45), such as expert review."""

    id: str = Field(description="id")
    name: Name = Field(description="what it is (expert review, hearing, testing …)")
    duration: PlanDuration = Field(description="expected time")
    maximum: PlanDuration | None = Field(
        description="the most the law allows (used by `--statutory`)"
    )
    expected: bool = Field(description="`false` when needed only in some cases")
    basis: str = Field(description="legal basis")


class TimeLimitsPlan(_Out):
    """An item's time limits: statutory (法定), committed (承诺), and the one planned with."""

    statutory: PlanDuration | None = Field(
        description="the statutory limit (法定时限) in force on `as_of`"
    )
    committed: PlanDuration | None = Field(
        description="the committed limit (承诺时限) in force on `as_of`"
    )
    planned: PlanDuration = Field(description="the limit the schedule used (after modes and rules)")
    statutory_basis: str = Field(description="source of the statutory limit")
    committed_basis: str = Field(description="source of the committed limit")
    overridden_by: list[str] = Field(description="rule ids that set the planned limit, sorted")
    excluded: list[ExcludedTimePlan] = Field(description="time not counted against the limit")


class PrerequisiteOutput(_Out):
    """An output that satisfies a prerequisite and the task that issues it."""

    output: str = Field(description="output id (certificate, opinion, contract …) or task id")
    name: Name = Field(description="its name")
    issued_by: str | None = Field(description="the item or work that issues it")


class DisclosurePrerequisite(_Out):
    """A prerequisite of an item: any one of its outputs satisfies it."""

    any_of: list[PrerequisiteOutput] = Field(
        description="any one of these satisfies it (the plan waits for the earliest available)"
    )
    binds: Binds = Field(
        description="`acceptance` (needed to apply) or `decision` (needed only before the decision)"
    )
    lag: PlanDuration | None = Field(
        description="waiting time after it is ready; negative: the item may start that long before"
    )


class DisclosureMaterial(_Out):
    """A material as an item asks for it."""

    material: str = Field(description="material id")
    name: Name = Field(description="its name")
    original: bool = Field(description="`true`: the original; `false`: a copy")
    copies: int = Field(description="number of copies")
    provider: str | None = Field(description="party or department id that prepares it")
    provider_name: Name | None = Field(
        description="its name; for an `issued_by` material, the name of the output it is"
    )
    issued_by: str | None = Field(
        description="the output id it is, when an earlier item or work issues it"
    )
    template: str = Field(description='where a template or sample is available (`""`: none)')
    secondary: bool = Field(
        description="a secondary material (may be accepted missing under 容缺受理)"
    )
    deferred_until: dt.date | None = Field(
        description="under 容缺受理: the date by which it must be supplied"
    )
    reused_from: str | None = Field(description="an earlier item it was already submitted for")
    reusable: bool = Field(
        description=(
            "that submission can be reused (`false` when the earlier department keeps the original)"
        )
    )
    note: str = Field(description="remarks from the catalog")
    inherited_from: list[str] = Field(
        default_factory=list,
        description=(
            "a merged item's material taken over from the items it replaces: the replaced "
            "items that ask for it (`[]`: the item's own)"
        ),
        json_schema_extra={"x-since": "1.1"},
    )
    reasons: list[PlanReason] = Field(
        default_factory=list,
        description=(
            "why a conditional material is asked for: the rule of its condition "
            "(`material:<item>:<material>`) with the facts it saw (`[]`: the item always "
            "asks for it)"
        ),
        json_schema_extra={"x-since": "1.1"},
    )


class DisclosureObligation(_Out):
    """An obligation an item's mode or a rule imposes, in the disclosure entry."""

    id: str = Field(description="obligation id")
    name: Name = Field(description="what is owed")
    after: Binds = Field(description="counted from the item's `acceptance` or `decision`")
    due: PlanDuration = Field(description="how long after it")
    due_date: dt.date | None = Field(description="the date it is due")
    basis: str = Field(description="legal basis")


class DisclosureEntry(_Out):
    """One applicable item of the one-time disclosure list (一次性告知)."""

    order: int = Field(description="1-based position in the list")
    item: str = Field(description="item id")
    name: Name = Field(description="item name")
    kind: str = Field(
        description="`approval`, `filing`, `review`, `service`, `utility` or `registration`"
    )
    stage: str = Field(description="stage id")
    department: str = Field(description="accepting department id")
    department_name: Name = Field(description="its name")
    window: str = Field(description="where to apply (the item's window, else the department's)")
    channel: str = Field(description="`online`, `in_person` or `both`")
    mode: str = Field(description="the handling mode (`normal` when none)")
    mode_kind: str = Field(
        description="`normal`, `commitment`, `tolerance`, `merged`, `pre_review` or `fast_track`"
    )
    mode_name: Name = Field(description="the mode's name")
    mode_basis: str = Field(description='the mode\'s legal basis (`""` for normal handling)')
    acceptance: dt.date | None = Field(description="planned acceptance")
    decision: dt.date | None = Field(description="planned decision")
    time_limits: TimeLimitsPlan = Field(description="statutory, committed and planned limits")
    fees: list[Fee] = Field(description="fees charged, in catalog order")
    replaces: list[LabelRef] = Field(
        default_factory=list,
        description=(
            "in a merged mode: the items it replaces in this plan, whose materials, "
            "prerequisites and obligations it takes over (`[]` otherwise)"
        ),
        json_schema_extra={"x-since": "1.1"},
    )
    prerequisites: list[DisclosurePrerequisite] = Field(description="what must be ready first")
    materials: list[DisclosureMaterial] = Field(
        description="every material to bring, in catalog order"
    )
    obligations: list[DisclosureObligation] = Field(
        description="what is owed afterwards (commitment checks, supplements), by due date"
    )
    basis: list[str] = Field(description="the item's legal basis")
    confidence: str = Field(
        description=(
            "how sure the catalog is of the item's figures: `verified`, `recalled`, `inferred`"
        )
    )
    reasons: list[PlanReason] = Field(description="why the item applies and why in this mode")


class NotApplicable(_Out):
    """An item an investor might expect that does not apply, and why."""

    item: str = Field(description="item (or work) id")
    name: Name = Field(description="its name")
    stage: str = Field(description="stage id")
    department: str = Field(description='department id (`""` for works)')
    reasons: list[PlanReason] = Field(description="the rules that excluded it")


class Disclosure(_Out):
    """The one-time disclosure list: applicable entries in meeting order, and the items that
    do not apply though an investor might expect them."""

    entries: list[DisclosureEntry] = Field(
        description=(
            "one per applicable item, in the order the investor meets them: planned acceptance "
            "date, then stage order, then id"
        )
    )
    not_applicable: list[NotApplicable] = Field(
        description=(
            "items a rule excluded although an investor might expect them (for example thanks to a "
            "regional assessment), by id"
        )
    )


class MaterialPlanEntry(_Out):
    """One distinct material: who provides it, when it is needed, who uses it, warnings."""

    material: str = Field(description="material id")
    name: Name = Field(description="its name")
    provider: str | None = Field(description="who prepares it")
    provider_name: Name | None = Field(
        description="their name; for an `issued_by` material, the name of the output it is"
    )
    issued_by: str | None = Field(description="the output it is, when an item or work issues it")
    lead_time: PlanDuration | None = Field(description="preparation time")
    validity: PlanDuration | None = Field(description="how long it stays valid once issued")
    original: bool = Field(description="some item needs the original")
    copies: int = Field(description="the most copies one item asks for")
    template: str = Field(description="where a template is available")
    needed_by_earliest: dt.date | None = Field(
        description=(
            "its first use: the earliest acceptance (or supplement date) among the items using it"
        )
    )
    needed_by_latest: dt.date | None = Field(
        description="the latest date it can be ready without delaying the finish"
    )
    last_use: dt.date | None = Field(description="its last use")
    ready: dt.date | None = Field(
        description=(
            "when it is planned to be ready: the end of its preparation, or the day the task "
            "issuing it is ready; `null` only when no task of the plan produces it (then the "
            "warning `material-not-produced`)"
        )
    )
    window_start: dt.date | None = Field(
        None,
        description=(
            "its preparation window opens: the earliest its own inputs allow (the project "
            "start when it has none), or the day its issuer is ready"
        ),
        json_schema_extra={"x-since": "1.1"},
    )
    window_end: dt.date | None = Field(
        None,
        description=(
            "its preparation window closes: the day its first user needs it "
            "(`needed_by_earliest`); the plan prepares it to be ready by then"
        ),
        json_schema_extra={"x-since": "1.1"},
    )
    expires: dt.date | None = Field(
        description="when its validity ends, counted from `ready` or else its first use"
    )
    used_by: list[str] = Field(description="the items using it, in disclosure order")
    warnings: list[PlanWarning] = Field(
        description=(
            "`material-expires` (validity ends before its last use), `material-no-provider` (no "
            "one is assigned to provide it), `material-not-ready` (an item using it is decided "
            "before it is ready), `material-not-produced` (no task of the plan produces it)"
        )
    )


class TaskSlipPlan(_Out):
    """How one task moved against the baseline when re-planning from actual dates."""

    task: str = Field(description="task id")
    baseline_start: dt.date | None = Field(description="start in the baseline")
    baseline_finish: dt.date | None = Field(description="finish in the baseline")
    start: dt.date = Field(description="re-planned start")
    finish: dt.date = Field(description="re-planned finish")
    working_days: int = Field(description="finish slip in working days")
    calendar_days: int = Field(description="finish slip in calendar days")
    status: TaskStatus = Field(description="as in `PlanTask.status`")
    reasons: list[str] = Field(description="reasons given for its dates")
    blocked_by: list[str] = Field(description="terminated or refused items it waits for")
    progress: TaskProgress | None = Field(
        None,
        description=(
            "`done`: both dates are actual (or taken as done on the baseline's dates); "
            "`in_progress`: the start is actual, the finish forecast; `remaining`: both "
            "forecast"
        ),
        json_schema_extra={"x-since": "1.3"},
    )


class SlippagePlan(_Out):
    """The re-planned finish against the baseline, as of ``today``."""

    today: dt.date = Field(description="the day of the re-plan")
    baseline_finish: dt.date = Field(description="the finish of the plan before the actual dates")
    finish: dt.date = Field(description="the re-planned finish")
    working_days: int = Field(description="finish slip in working days (positive: later)")
    calendar_days: int = Field(description="finish slip in calendar days")
    tasks: list[TaskSlipPlan] = Field(description="every task of the plan, moved or not, by id")
    blocked: list[str] = Field(description="tasks blocked by a terminated or refused item")
    reasons: list[str] = Field(description="reasons given in the actuals")


class ChainItem(_Out):
    """An item on the approval chain and the government working days it adds."""

    task: str = Field(description="the item's task id")
    stage: str | None = Field(description="its stage id")
    working_days: int = Field(
        description=(
            "working days it adds: under review, after its excluded time, and not already "
            "counted for an earlier item on the chain"
        )
    )


class StageDays(_Out):
    """Working days of one stage."""

    stage: str | None = Field(description="stage id")
    working_days: int = Field(description="its working days")


class StageGovernmentTime(_Out):
    """Both measures of government time in one stage."""

    stage: str = Field(description="stage id")
    chain_working_days: int = Field(
        description="the stage's working days along the approval chain (they add up to the total)"
    )
    office_working_days: int = Field(
        description=(
            "working days on which some item or material of the stage is with a government "
            "office or utility (days overlapping other stages count in each)"
        )
    )


class TargetCheck(_Out):
    """A reform target that applies to the project, compared with the approval chain."""

    id: str = Field(description="target id in the catalog")
    name: Name = Field(description="its name")
    limit: int = Field(description="the most government working days the target allows")
    working_days: int = Field(
        description="this plan's government working days along the approval chain, in its scope"
    )
    met: bool = Field(description="`true` when `working_days` is at most `limit`")
    stages: list[str] = Field(description="the stages it counts, in catalog order")
    utilities: bool = Field(description="utility connection items count toward it")
    stage_working_days: list[StageDays] = Field(
        description="the chain's working days per stage of its scope, in catalog order"
    )
    chain: list[ChainItem] = Field(
        description="the items of its scope on the approval chain, in chain order"
    )
    drivers: list[str] = Field(
        description=(
            "when missed: the chain items that drive the miss, the largest first, as few as "
            "together exceed the excess; `[]` when met"
        )
    )
    basis: str = Field(description="its legal basis")
    confidence: str = Field(description="`verified`, `recalled` or `inferred`")
    valid_from: dt.date = Field(description="first day it applies")
    valid_until: dt.date | None = Field(description="last day it applies (`null`: open)")
    reasons: list[PlanReason] = Field(description="why it applies to this project")


class GovernmentTimePlan(_Out):
    """Government working days as reform targets count them: stage sums along the approval
    chain (see `docs/scheduling.md` §6), beside the office days of each stage."""

    chain_working_days: int = Field(
        description=(
            "government and utility review working days along the approval chain: the chain of "
            "items following one another with the most such days, summed stage by stage "
            "(parallel items count once); never more than `working_days`"
        )
    )
    stages: list[StageGovernmentTime] = Field(
        description="both measures per stage with any government time, in catalog order"
    )
    chain: list[ChainItem] = Field(
        description="the items on the approval chain that add days, in chain order"
    )
    targets: list[TargetCheck] = Field(
        description="the reform targets that apply to the project, by id"
    )


class Inputs(_Out):
    """Everything needed to reproduce the plan."""

    project: str = Field(
        description="the project file's `name` (empty when planning a bare profile)"
    )
    project_name: Name = Field(description="the project file's `zh` / `en` titles")
    profile: dict[str, bool | int | float | str | None] = Field(
        description=(
            "every profile field id (dotted, e.g. `project.use`) with its value, defaults filled "
            "in, sorted by id; dates as ISO strings; a list field as one key per value it holds "
            "(`site.zone_assessments.eia: true`); the buildings and their spaces flattened by "
            "position (`buildings.count`, `buildings.0.use`, "
            "`buildings.0.spaces.1.floor_area_m2`; one building made of the project fields when "
            "the profile lists none)"
        )
    )
    start: dt.date = Field(description="the planned start used")
    as_of: dt.date = Field(description="the as-of date used")
    pins: dict[str, str] = Field(description="modes fixed by the user: item id → mode id")
    statutory: bool = Field(description="`--statutory` was given")
    strict_calendar: bool = Field(
        description="provisional calendar years were refused instead of assumed"
    )
    engine: str = Field(description="the rule engine that decided (`durable` or `reference`)")
    catalog_id: str = Field(description="the catalog manifest's id")
    catalog_version: str = Field(description="the catalog manifest's version")
    calendar_versions: dict[str, str] = Field(
        description="year → the State Council notice it follows, or `provisional`"
    )
    actuals: dict[str, Any] | None = Field(
        description=(
            "the actual dates re-planned from, as read from the actuals file (see `pathplanner "
            "schema actuals`)"
        )
    )


class Plan(_Out):
    """A complete plan for one project profile: the JSON contract (see ``docs/plan-format.md``)."""

    schema_version: str = Field(SCHEMA_VERSION, description='version of this format, `"1.3"`')
    catalog_hash: str = Field(
        description=(
            "content hash of the catalog directory (catalog and rules) the plan was made with"
        )
    )
    inputs: Inputs = Field(description="everything needed to make the same plan again")
    as_of: dt.date = Field(
        description=(
            'the day whose rules, modes and time limits apply (also the "today" line of the report)'
        )
    )
    start: dt.date = Field(description="planned start: the submission of the first item")
    finish: dt.date = Field(description="planned finish: the last task's decision or end")
    working_days: int = Field(description="working days in `(start, finish]`")
    government_working_days: int = Field(
        description=(
            "office days: working days in `(start, finish]` with at least one government or "
            "utility item under review (or material being prepared by one), whatever its place "
            "in the plan; reform targets count `government_time` instead"
        )
    )
    government_time: GovernmentTimePlan | None = Field(
        None,
        description=(
            "government working days as reform targets count them: stage sums along the "
            "approval chain, and the targets that apply"
        ),
        json_schema_extra={"x-since": "1.1"},
    )
    optimal: bool = Field(
        description=(
            "`true` when the optimizer proved this the earliest finish; `false` when it stopped at "
            "its node budget"
        )
    )
    bound: dt.date | None = Field(
        description=(
            "with `optimal: false`, the earliest finish any plan could have (a proven lower bound)"
        )
    )
    statutory: bool = Field(
        description=(
            "`true` when the plan uses statutory (法定) limits instead of committed (承诺) ones"
        )
    )
    other_finish: dt.date | None = Field(
        description="the finish with the other kind of limits and the same choices"
    )
    provisional: bool = Field(
        description=(
            "`true` when some date falls in a year whose holiday schedule is not yet published"
        )
    )
    provisional_years: list[int] = Field(
        description=(
            "those years, ascending: every year without a notice that a task's dates, an "
            "obligation's due date or `other_finish` was counted through"
        )
    )
    warnings: list[PlanWarning] = Field(
        description="warnings found while planning, sorted by code, then place"
    )
    critical_path: list[str] = Field(
        description=(
            "one critical chain, from the project start to the task that finishes last, following "
            "the predecessor that set each date; ties broken by id. Its tasks have zero float, "
            "except that working-day rounding can leave a task on it a little float (see "
            "`docs/scheduling.md` §5)"
        )
    )
    stages: list[LabelRef] = Field(description="the catalog's stages in their order")
    departments: list[LabelRef] = Field(description="the catalog's departments by id")
    tasks: list[PlanTask] = Field(
        description="every scheduled task, in topological order with ids breaking ties"
    )
    groups: list[GroupPlan] = Field(description="parallel-approval groups (并联审批), by id")
    choices: list[Choice] = Field(description="options the optimizer weighed, by id")
    obligations: list[ObligationPlan] = Field(
        description="things owed after items, by due date, item, id"
    )
    disclosure: Disclosure = Field(description="the one-time disclosure list (一次性告知)")
    materials: list[MaterialPlanEntry] = Field(
        description="the material plan, by date first needed, then id"
    )
    slippage: SlippagePlan | None = Field(
        description="when re-planned from actual dates: how the finish moved against the baseline"
    )

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
    """The JSON Schema (draft 2020-12) of :class:`Plan`: what ``pathplanner schema plan``
    prints and ``schemas/plan.schema.json`` holds.

    It is open: no object forbids additional properties, so a validator of this version
    accepts the plans of later minor versions. Every field has a description (the meaning
    column of ``docs/plan-format.md``) and is required, except fields that a later minor
    version adds (``x-since``, see :func:`_contract_schema`). Keys are sorted.
    """
    return _contract_schema(Plan, SCHEMA_ID)


def _contract_schema(model: type[BaseModel], schema_id: str) -> dict[str, Any]:
    """The serialization JSON Schema of ``model`` with ``$schema`` and ``$id``, keys sorted.

    A field declared with ``json_schema_extra={"x-since": "1.N"}`` is left out of
    ``required``: minor version 1.N added it, so plans of older minor versions lack it.
    """
    schema = model.model_json_schema(mode="serialization")
    for definition in [schema, *schema.get("$defs", {}).values()]:
        properties = definition.get("properties", {})
        required = [f for f in definition.get("required", []) if "x-since" not in properties[f]]
        if required:
            definition["required"] = required
        else:
            definition.pop("required", None)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = schema_id
    return dict(json.loads(json.dumps(schema, sort_keys=True)))
