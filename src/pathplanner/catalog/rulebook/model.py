"""Pydantic models of a rule file (``rules/**/*.yaml``), exactly as policy staff write it.

A rule file is a mapping with two optional keys: ``facts`` (derived facts, declared with a
type) and ``rules``. Each rule has an ``id``, a ``when`` condition (an expression, parsed
by :mod:`pathplanner.catalog.rulebook.expressions`), a list of ``then`` conclusions, a legal
``basis`` and an inclusive validity range. A conclusion is a one-key mapping naming its
kind (``require: task-id``, ``enable_mode: {...}``); the models below accept exactly the
shorthands of ``docs/rules.md``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from pathplanner._input.dates import IsoDate
from pathplanner._input.ids import FIELD_ID_PATTERN, ID_PATTERN
from pathplanner._input.validation import model_error
from pathplanner.catalog.model import (
    AcceptedWarning,
    Clock,
    Confidence,
    Duration,
    EnumValue,
    FieldType,
    in_force,
)

__all__ = [
    "AddDependency",
    "AlternativesConclusion",
    "Conclusion",
    "DemandMaterial",
    "DeriveConclusion",
    "EnableMode",
    "ExcludeConclusion",
    "FactDecl",
    "ObligationConclusion",
    "ParallelGroupConclusion",
    "RemoveDependency",
    "RequireConclusion",
    "Rule",
    "RuleFile",
    "SetTimeLimit",
]

Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=80)]
FactId = Annotated[str, Field(pattern=FIELD_ID_PATTERN, max_length=120)]
FactLiteral = bool | int | float | str | dt.date


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class FactDecl(_Model):
    """A derived fact: ``derived.<name>``, with a type (enum facts list their values)."""

    id: Annotated[str, Field(pattern=r"^derived(\.[a-z][a-z0-9_]*)+$", max_length=120)]
    type: FieldType
    zh: str
    en: str = ""
    values: list[EnumValue] = Field(default_factory=list)

    @model_validator(mode="after")
    def _values_for_enum(self) -> FactDecl:
        if (self.type == FieldType.enum) != bool(self.values):
            raise model_error("value-enum-values", "type")
        return self


class _Derive(_Model):
    fact: FactId
    value: FactLiteral = True


class DeriveConclusion(_Model):
    """``derive: fact`` (value true) or ``derive: {fact: f, value: v}``."""

    derive: _Derive

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("derive"), str):
            return {"derive": {"fact": data["derive"]}}
        return data


class RequireConclusion(_Model):
    """``require: task-id``: the item or work applies."""

    require: Id


class ExcludeConclusion(_Model):
    """``exclude: task-id``: the item or work does not apply (an exemption)."""

    exclude: Id


class _EnableMode(_Model):
    item: Id
    mode: Id
    mandatory: bool = False


class EnableMode(_Model):
    """``enable_mode: {item, mode, mandatory}``: a mode the item declares becomes possible."""

    enable_mode: _EnableMode


class _TimeLimit(_Model):
    item: Id
    value: Annotated[int, Field(ge=0, le=3650)]
    clock: Clock = Clock.working
    limit: Literal["committed", "statutory"] = "committed"


class SetTimeLimit(_Model):
    """``set_time_limit: {item, value, clock, limit}``."""

    set_time_limit: _TimeLimit


class _Group(_Model):
    id: Id
    zh: str
    en: str = ""
    lead: Id
    members: list[Id] = Field(default_factory=list)
    optional_members: list[Id] = Field(default_factory=list)
    cap: Duration | None = None
    issue_together: bool = False

    @model_validator(mode="after")
    def _some_members(self) -> _Group:
        if not self.members and not self.optional_members:
            raise model_error("value-group-members", "members")
        return self


class ParallelGroupConclusion(_Model):
    """``parallel_group: {id, zh, lead, members, optional_members, cap, issue_together}``."""

    parallel_group: _Group


class _AddDependency(_Model):
    before: Id
    after: Id
    binds: Literal["acceptance", "decision"] = "acceptance"
    lag: Duration | None = None


class AddDependency(_Model):
    """``add_dependency: {before, after, binds, lag}``."""

    add_dependency: _AddDependency


class _RemoveDependency(_Model):
    before: Id
    after: Id


class RemoveDependency(_Model):
    """``remove_dependency: {before, after}``."""

    remove_dependency: _RemoveDependency


class _Alternatives(_Model):
    id: Id
    item: Id
    any_of: Annotated[list[Id], Field(min_length=2)]
    zh: str
    en: str = ""


class AlternativesConclusion(_Model):
    """``alternatives: {id, item, any_of, zh}``: any one of the outputs will do."""

    alternatives: _Alternatives


class _Obligation(_Model):
    id: Id
    item: Id
    zh: str
    en: str = ""
    after: Literal["acceptance", "decision"] = "decision"
    due: Duration
    basis: str = ""


class ObligationConclusion(_Model):
    """``obligation: {id, item, zh, after, due}``: something owed after the item."""

    obligation: _Obligation


class _DemandMaterial(_Model):
    item: Id
    material: Id


class DemandMaterial(_Model):
    """``demand_material: {item, material}``: the item asks for a material whose use is
    conditional. Only the rule book writes it, for a material use's ``when`` (the rule
    ``material:<item>:<material>``); rule files cannot."""

    demand_material: _DemandMaterial


Conclusion = (
    DeriveConclusion
    | RequireConclusion
    | ExcludeConclusion
    | EnableMode
    | SetTimeLimit
    | ParallelGroupConclusion
    | AddDependency
    | RemoveDependency
    | AlternativesConclusion
    | ObligationConclusion
    | DemandMaterial
)

CONCLUSION_KINDS: dict[str, type[BaseModel]] = {
    "derive": DeriveConclusion,
    "require": RequireConclusion,
    "exclude": ExcludeConclusion,
    "enable_mode": EnableMode,
    "set_time_limit": SetTimeLimit,
    "parallel_group": ParallelGroupConclusion,
    "add_dependency": AddDependency,
    "remove_dependency": RemoveDependency,
    "alternatives": AlternativesConclusion,
    "obligation": ObligationConclusion,
}
"""Conclusion kind (the one key of a ``then`` entry) → its model."""


class Rule(_Model):
    """One rule as written in YAML. ``when`` is kept as text; the loader parses it."""

    id: Id
    zh: str
    en: str = ""
    when: Annotated[str, Field(min_length=1)]
    then: Annotated[list[Conclusion], Field(min_length=1)]
    basis: Annotated[str, Field(min_length=1)]
    valid_from: IsoDate
    valid_until: IsoDate | None = None
    confidence: Confidence = Confidence.verified
    note: str = ""
    accepted_warnings: list[AcceptedWarning] = Field(default_factory=list)

    @model_validator(mode="after")
    def _ordered(self) -> Rule:
        if self.valid_until is not None and self.valid_until < self.valid_from:
            raise model_error("value-dates-reversed", "valid_until")
        return self

    def in_force(self, day: dt.date) -> bool:
        """True when ``day`` lies in [valid_from, valid_until]."""
        return in_force(self.valid_from, self.valid_until, day)


class RuleFile(_Model):
    """A whole rule file: ``facts`` and ``rules``."""

    facts: list[FactDecl] = Field(default_factory=list)
    rules: list[Rule] = Field(default_factory=list)
