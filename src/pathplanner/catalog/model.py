"""The catalog's domain model: stages, departments, parties, materials, items, works, fields.

These pydantic models mirror the YAML files of a catalog directory one to one (see
``docs/catalog-format.md``). They forbid unknown keys, so a typo is an error with a location
rather than a silently ignored value. Cross-references (an item's department, a material's
provider, a prerequisite's output) are checked by the loader, which sees the whole catalog.

Dates: every ``valid_from`` / ``valid_until`` pair is inclusive at both ends; a missing
``valid_until`` means "until further notice".
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from pathplanner._input.dates import IsoDate
from pathplanner._input.ids import FIELD_ID_PATTERN, ID_PATTERN
from pathplanner._input.validation import model_error

__all__ = [
    "ID_PATTERN",
    "AcceptedWarning",
    "CatalogManifest",
    "Clock",
    "Confidence",
    "DatedDuration",
    "DeferredMaterial",
    "Department",
    "Drop",
    "Duration",
    "EnumValue",
    "ExcludedTime",
    "Fee",
    "FieldDuration",
    "FieldType",
    "Item",
    "ItemKind",
    "Lead",
    "Material",
    "MaterialUse",
    "Mode",
    "ModeKind",
    "Obligation",
    "Output",
    "Party",
    "Point",
    "Prerequisite",
    "ProfileField",
    "Stage",
    "Target",
    "TimeLimits",
    "Work",
    "in_force",
]


Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=80)]
FieldId = Annotated[str, Field(pattern=FIELD_ID_PATTERN, max_length=120)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Clock(StrEnum):
    """How a duration is counted: working days (工作日) or calendar days (自然日)."""

    working = "working"
    calendar = "calendar"


class Confidence(StrEnum):
    """How sure the catalog is of a figure: verified in a source, recalled, or inferred."""

    verified = "verified"
    recalled = "recalled"
    inferred = "inferred"


class Duration(_Model):
    """A number of days on a clock. ``value`` 0 means "the same day" (即办)."""

    value: Annotated[int, Field(ge=0, le=3650)]
    clock: Clock = Clock.working


class DatedDuration(Duration):
    """A duration in force from ``valid_from`` to ``valid_until`` (both inclusive)."""

    valid_from: IsoDate
    valid_until: IsoDate | None = None
    basis: Annotated[str, Field(min_length=1)]
    confidence: Confidence = Confidence.verified
    note: str = ""

    @model_validator(mode="after")
    def _ordered(self) -> DatedDuration:
        if self.valid_until is not None and self.valid_until < self.valid_from:
            raise model_error("value-dates-reversed", "valid_until")
        return self

    def in_force(self, day: dt.date) -> bool:
        return in_force(self.valid_from, self.valid_until, day)


def in_force(valid_from: dt.date | None, valid_until: dt.date | None, day: dt.date) -> bool:
    """True when ``day`` lies in the inclusive range [valid_from, valid_until]."""
    if valid_from is not None and day < valid_from:
        return False
    return valid_until is None or day <= valid_until


class AcceptedWarning(_Model):
    """A warning the catalog intends, accepted with a written reason and a date."""

    code: Annotated[str, Field(min_length=1)]
    reason: Annotated[str, Field(min_length=1)]
    date: IsoDate
    subject: str = ""


class Stage(_Model):
    """A stage of the approval pathway; its gate becomes one milestone node."""

    id: Id
    zh: str
    en: str = ""
    order: int
    gate: bool = True
    note: str = ""


class Department(_Model):
    """An authority or a utility that accepts and decides items."""

    id: Id
    zh: str
    en: str = ""
    kind: Literal["government", "utility", "technical"] = "government"
    window: str = ""
    note: str = ""


class Party(_Model):
    """Someone who prepares materials or does the investor's own work."""

    id: Id
    zh: str
    en: str = ""
    kind: Literal["investor", "third_party", "utility", "government"] = "third_party"
    note: str = ""


class Output(_Model):
    """A certificate, opinion or result that an item or work issues."""

    id: Id
    zh: str
    en: str = ""
    validity: Duration | None = None


class Lead(Duration):
    """A negative lag: the dependent task may start this long *before* the output is ready
    (a step tied to the end of construction, say). Counted in calendar days."""

    clock: Clock = Clock.calendar

    @model_validator(mode="after")
    def _calendar(self) -> Lead:
        if self.clock != Clock.calendar:
            raise model_error("value-lead-calendar", "clock")
        return self


class Prerequisite(_Model):
    """A requirement satisfied by any one of ``any_of`` (output ids).

    ``binds`` says which end of the dependent item waits: ``acceptance`` (the usual case) or
    ``decision`` (review may start before it, the decision waits). ``lag`` is added after
    the output is ready; ``lead`` (at most one of the two) is taken off it instead.

    ``physical``: the task cannot be done without the thing itself (drawings to build from,
    a builder, the scheme a review approves, the completed works a survey measures), as
    opposed to an administrative prerequisite (a permit or an opinion) that a rule or a mode
    may waive. No rule or mode removes a physical prerequisite, and when an administrative
    one is removed the task waits for the physical prerequisites behind it instead
    (``docs/scheduling.md`` §1.5).
    """

    any_of: Annotated[list[Id], Field(min_length=1)]
    binds: Literal["acceptance", "decision"] = "acceptance"
    lag: Duration | None = None
    physical: bool = False
    lead: Lead | None = None

    @model_validator(mode="after")
    def _one_offset(self) -> Prerequisite:
        if self.lag is not None and self.lead is not None:
            raise model_error("value-either-lag", "lead")
        return self

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"any_of": [data]}
        if isinstance(data, dict) and "output" in data:
            data = dict(data)
            if "any_of" in data:
                raise model_error("value-either-output", "any_of")
            data["any_of"] = [data.pop("output")]
        return data


class MaterialUse(_Model):
    """A material an item needs. Secondary materials may come later under 容缺受理.

    ``when`` (a condition in the rule language) makes the use conditional: the item asks
    for the material only for a project on which it holds. The rule book turns it into a
    rule ``material:<item>:<material>`` (``basis`` and ``confidence`` are that rule's), so
    it is evaluated by both engines and explained like any rule.
    """

    material: Id
    secondary: bool = False
    original: bool | None = None
    copies: Annotated[int, Field(ge=1, le=100)] | None = None
    note: str = ""
    when: str = ""
    basis: str = ""
    confidence: Confidence = Confidence.verified

    @property
    def conditional(self) -> bool:
        """Whether the use holds only when its ``when`` condition does."""
        return bool(self.when.strip())

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        return {"material": data} if isinstance(data, str) else data


class Fee(_Model):
    zh: str
    en: str = ""
    amount: str = ""
    basis: str = ""
    confidence: Confidence = Confidence.verified


class ExcludedTime(_Model):
    """Time not counted toward the legal limit (行政许可法 art. 45), with its own clock.

    ``duration`` is the expected time used in the committed plan; ``maximum`` is the most
    the law allows, used by ``--statutory``. ``expected: false`` parts (needed only in some
    cases) count only in the statutory worst case.
    """

    id: Id
    zh: str
    en: str = ""
    duration: Duration
    maximum: Duration | None = None
    expected: bool = True
    basis: str = ""


class TimeLimits(_Model):
    """Statutory (法定) and committed (承诺) limits, each a list of dated values."""

    statutory: list[DatedDuration] = Field(default_factory=list)
    committed: list[DatedDuration] = Field(default_factory=list)
    extensions: list[DatedDuration] = Field(default_factory=list)
    excluded: list[ExcludedTime] = Field(default_factory=list)


class Obligation(_Model):
    """Something owed after an item, with a due date counted from one of its ends."""

    id: Id
    zh: str
    en: str = ""
    after: Literal["acceptance", "decision"] = "decision"
    due: Duration
    basis: str = ""
    confidence: Confidence = Confidence.verified


class DeferredMaterial(_Model):
    """A secondary material that may come after acceptance, by ``deadline`` after it."""

    material: Id
    deadline: Duration


class Drop(_Model):
    """Something a mode does without, with the basis that allows it: a ``prerequisite``
    (an output id), a ``material`` or an ``obligation`` (ids), of the item itself or of an
    item the mode replaces. Exactly one of the three is given."""

    prerequisite: Id | None = None
    material: Id | None = None
    obligation: Id | None = None
    basis: Annotated[str, Field(min_length=1)]
    confidence: Confidence = Confidence.verified

    @model_validator(mode="after")
    def _one_kind(self) -> Drop:
        if sum(x is not None for x in (self.prerequisite, self.material, self.obligation)) != 1:
            raise model_error("value-drop-one-kind", "prerequisite")
        return self

    @property
    def kind(self) -> Literal["prerequisite", "material", "obligation"]:
        """Which of the three it drops."""
        if self.prerequisite is not None:
            return "prerequisite"
        return "material" if self.material is not None else "obligation"

    @property
    def ref(self) -> str:
        """The id it drops."""
        found = self.prerequisite or self.material or self.obligation
        assert found is not None
        return found


class ModeKind(StrEnum):
    normal = "normal"
    commitment = "commitment"  # 告知承诺
    tolerance = "tolerance"  # 容缺受理
    merged = "merged"  # 多图联审, 联合验收: one item replaces several
    pre_review = "pre_review"  # 拿地即开工-style pre-review
    fast_track = "fast_track"  # green channel and similar


class Mode(_Model):
    """A way an item can be handled, declaring its effects on the graph.

    A rule can only enable a mode that the item declares; the effects live here. A mode that
    ``replaces`` items (merged handling) takes over what the replaced items that apply would
    have needed, less its ``drops`` (see :mod:`pathplanner.catalog.needs`).
    """

    id: Id
    kind: ModeKind
    zh: str
    en: str = ""
    basis: Annotated[str, Field(min_length=1)]
    valid_from: IsoDate
    valid_until: IsoDate | None = None
    drops: list[Drop] = Field(default_factory=list)
    deferred_materials: list[DeferredMaterial] = Field(default_factory=list)
    adds_materials: list[Id] = Field(default_factory=list)
    obligations: list[Obligation] = Field(default_factory=list)
    duration: Duration | None = None
    replaces: list[Id] = Field(default_factory=list)
    runs_first: list[Id] = Field(default_factory=list)
    decision_waits_for: list[Id] = Field(default_factory=list)
    note: str = ""

    def dropped(self, kind: Literal["prerequisite", "material", "obligation"]) -> frozenset[str]:
        """The ids of one kind that the mode drops."""
        return frozenset(d.ref for d in self.drops if d.kind == kind)


class ItemKind(StrEnum):
    approval = "approval"
    filing = "filing"
    review = "review"
    service = "service"
    utility = "utility"
    registration = "registration"


class Item(_Model):
    """An administrative item (事项): accepted, reviewed and decided by a department.

    ``gated: false`` takes the item out of its stage's gate (调整审批时序): it neither waits
    for the previous gate nor holds up its own; its own prerequisites place it. ``precedes``
    names a point of the manifest (``points``) its result must be ready before.
    """

    id: Id
    zh: str
    en: str = ""
    kind: ItemKind
    stage: Id
    department: Id
    window: str = ""
    channel: Literal["online", "in_person", "both"] = "both"
    basis: Annotated[list[str], Field(min_length=1)]
    valid_from: IsoDate
    valid_until: IsoDate | None = None
    applies_by_default: bool = False
    outputs: list[Output] = Field(default_factory=list)
    prerequisites: list[Prerequisite] = Field(default_factory=list)
    materials: list[MaterialUse] = Field(default_factory=list)
    fees: list[Fee] = Field(default_factory=list)
    time_limits: TimeLimits
    modes: list[Mode] = Field(default_factory=list)
    obligations: list[Obligation] = Field(default_factory=list)
    gated: bool = True
    precedes: Id | None = None
    confidence: Confidence = Confidence.verified
    accepted_warnings: list[AcceptedWarning] = Field(default_factory=list)
    note: str = ""

    @field_validator("basis", mode="before")
    @classmethod
    def _one_basis(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class FieldDuration(_Model):
    """A duration read from a profile field, for example planned construction months."""

    field: FieldId
    unit: Literal["days", "months"] = "days"
    clock: Clock = Clock.calendar
    default: Annotated[int, Field(ge=0)] | None = None


class Work(_Model):
    """The investor's own work, or a third party's, that the path waits for.

    Design, tendering, the construction period, utility connection works. Calendar-day
    tasks by default; ``legal_period`` marks a period fixed in law (a public notice) whose end
    moves to the next working day when it falls on a rest day. ``terminal``: its result is
    an end of the pathway that no later task of the catalog needs (an environmental
    self-acceptance published before production); every other work must feed some task
    whatever the rules remove (checked when the catalog is loaded).
    """

    id: Id
    zh: str
    en: str = ""
    stage: Id
    provider: Id
    duration: Duration | FieldDuration
    legal_period: bool = False
    terminal: bool = False
    applies_by_default: bool = False
    prerequisites: list[Prerequisite] = Field(default_factory=list)
    outputs: list[Output] = Field(default_factory=list)
    basis: list[str] = Field(default_factory=list)
    valid_from: IsoDate
    valid_until: IsoDate | None = None
    confidence: Confidence = Confidence.verified
    accepted_warnings: list[AcceptedWarning] = Field(default_factory=list)
    note: str = ""

    @field_validator("basis", mode="before")
    @classmethod
    def _one_basis(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class Material(_Model):
    """A document an item needs. Exactly one of ``provider`` (a party or department id) and
    ``issued_by`` (an output id) says who produces it; neither is a warning.

    ``inputs`` (for a provider's material): the outputs its preparation starts from, for
    example the scheme design a scheme text is printed from or the completed works an
    archive describes. They are physical: the preparation never starts before them.
    """

    id: Id
    zh: str
    en: str = ""
    provider: Id | None = None
    issued_by: Id | None = None
    inputs: list[Prerequisite] = Field(default_factory=list)
    lead_time: Duration | None = None
    original: bool = False
    copies: Annotated[int, Field(ge=1, le=100)] = 1
    keeps_original: bool = False
    template: str = ""
    validity: Duration | None = None
    basis: str = ""
    confidence: Confidence = Confidence.verified
    accepted_warnings: list[AcceptedWarning] = Field(default_factory=list)
    note: str = ""

    @model_validator(mode="after")
    def _one_source(self) -> Material:
        if self.provider is not None and self.issued_by is not None:
            raise model_error("value-either-provider", "issued_by")
        if self.issued_by is not None and self.inputs:
            raise model_error("value-inputs-issued", "inputs")
        return self


class FieldType(StrEnum):
    enum = "enum"
    bool = "bool"
    integer = "integer"
    number = "number"
    date = "date"
    string = "string"
    list = "list"
    """A set of the field's enum values, written as a YAML list (empty by default)."""


class EnumValue(_Model):
    value: Annotated[str, Field(pattern=ID_PATTERN)]
    zh: str
    en: str = ""


class ProfileField(_Model):
    """A project profile field declared by policy staff; a profile validates against these."""

    id: FieldId
    type: FieldType
    zh: str
    en: str = ""
    help_zh: str = ""
    help_en: str = ""
    unit: str = ""
    values: list[EnumValue] = Field(default_factory=list)
    values_from: FieldId | None = None
    """Another enum field whose values this one shares (``building.use`` takes
    ``project.use``'s); the loader copies them into ``values``."""
    minimum: float | None = None
    maximum: float | None = None
    required: bool = False
    default: bool | int | float | str | dt.date | list[str] | None = None
    summary: Literal["sum", "max", "main"] | None = None
    """For a building field: how the project field of the same name follows from the
    buildings (their sum, their maximum, or the value of the main building)."""

    @model_validator(mode="after")
    def _consistent(self) -> ProfileField:
        listed = self.type in (FieldType.enum, FieldType.list)
        if listed != bool(self.values or self.values_from) or (self.values and self.values_from):
            raise model_error("value-enum-values", "type")
        if (self.minimum is not None or self.maximum is not None) and self.type not in (
            FieldType.integer,
            FieldType.number,
        ):
            raise model_error("value-range-type", "type")
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise model_error("value-range-reversed", "minimum")
        return self


class Point(_Model):
    """A point of the plan that items outside the gates must precede (an item's
    ``precedes``): the first planned task of ``before`` (its acceptance; its decision when
    it is pre-reviewed). A city chooses where its conditions are checked by the order of
    ``before``."""

    id: Id
    zh: str
    en: str = ""
    before: Annotated[list[Id], Field(min_length=1)]
    basis: Annotated[str, Field(min_length=1)]
    confidence: Confidence = Confidence.verified
    note: str = ""


class Target(_Model):
    """A reform target for government time (审批时限目标): along the approval chain, the
    government working days of ``stages`` add up to at most ``working_days``.

    ``utilities`` says whether utility connection items (水电气网报装) count; ``when`` is a
    condition in the rule language on profile fields and derived facts (empty: every
    project) naming the kinds of project the target is for.
    """

    id: Id
    zh: str
    en: str = ""
    working_days: Annotated[int, Field(ge=0, le=3650)]
    stages: Annotated[list[Id], Field(min_length=1)]
    utilities: bool
    when: str = ""
    valid_from: IsoDate
    valid_until: IsoDate | None = None
    basis: Annotated[str, Field(min_length=1)]
    confidence: Confidence = Confidence.verified
    note: str = ""

    @model_validator(mode="after")
    def _ordered(self) -> Target:
        if self.valid_until is not None and self.valid_until < self.valid_from:
            raise model_error("value-dates-reversed", "valid_until")
        return self

    def in_force(self, day: dt.date) -> bool:
        return in_force(self.valid_from, self.valid_until, day)


TieBreak = Literal["commitments", "items", "stable"]
DEFAULT_TIE_BREAK: tuple[TieBreak, ...] = ("commitments", "items", "stable")


class CatalogManifest(_Model):
    """``catalog/catalog.yaml``: the catalog's name, version and planning settings."""

    id: Id
    zh: str
    en: str = ""
    version: str
    country: Literal["CN"] = "CN"
    tie_break: list[TieBreak] = Field(default_factory=lambda: list(DEFAULT_TIE_BREAK))
    node_budget: Annotated[int, Field(ge=1)] = 20000
    points: list[Point] = Field(default_factory=list)
    accepted_warnings: list[AcceptedWarning] = Field(default_factory=list)
    note: str = ""
