"""``Decisions``: what the rules conclude for one profile, and all the scheduler reads.

The rules (:mod:`pathplanner.rules`) and the scheduler (:mod:`pathplanner.schedule`) meet
only here. Rules run once per profile and as of one date; nothing in here depends on which
option the optimizer later chooses. Every conclusion carries the :class:`Reason` list that
explains it (rule id, its condition text, the fact values it saw, its legal basis).

Task ids are item ids or work ids of the catalog. Dependency ends (``before``) are output
ids or task ids. All sequences are kept sorted by id so that equal decisions serialize to
byte-identical JSON.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from pathplanner._support.trusted import TrustedModel
from pathplanner.catalog.model import Duration
from pathplanner.messages import message_text

__all__ = [
    "Alternative",
    "Decisions",
    "Dependency",
    "DependencyDecision",
    "Edits",
    "FactValue",
    "MaterialDecision",
    "ModeDecision",
    "ObligationDecision",
    "Option",
    "ParallelGroup",
    "Reason",
    "RuleWarning",
    "TargetDecision",
    "TaskDecision",
    "TimeLimitOverride",
]

FactValue = bool | int | float | str | dt.date | tuple[str, ...]

DEFAULT_RULE_ID = "catalog:applies_by_default"
"""Rule id used in the reason of a task that applies because the catalog says so."""


@dataclass(frozen=True, order=True)
class RuleWarning:
    """A warning the rules give for one profile: a message code and its arguments.

    It is written out in a language only when shown (:meth:`text`), so that a report in
    English says it in English. An argument may name a ``kind-…`` label (``kind-rule``),
    written in the same language. Hashable and ordered (by code, then arguments).
    """

    code: str
    args: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, code: str, **args: str) -> RuleWarning:
        """The warning ``code`` with ``args`` (kept sorted by name)."""
        return cls(code, tuple(sorted(args.items())))

    def text(self, lang: str = "zh") -> str:
        """The warning in ``lang`` (``zh`` or ``en``)."""
        return message_text(self.code, lang, dict(self.args))


class _Frozen(TrustedModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Reason(_Frozen):
    """Why a conclusion holds: the rule, its condition, the facts it saw, the legal basis.

    ``facts`` maps each profile field or derived fact the condition read to the value it saw
    (``None`` when the profile left it unset).
    """

    rule_id: str
    text: str
    basis: str
    facts: dict[str, FactValue | None] = Field(default_factory=dict)


Reasons = Annotated[tuple[Reason, ...], Field(default=())]


class TaskDecision(_Frozen):
    """An item or work that applies, or does not, with the reasons."""

    task: str
    reasons: Reasons


class ModeDecision(_Frozen):
    """A mode the rules enabled for an item. A mandatory mode is applied as is; a
    non-mandatory one also appears as an :class:`Option` the scheduler chooses."""

    item: str
    mode: str
    mandatory: bool = False
    reasons: Reasons


class Dependency(_Frozen):
    """``after`` waits for ``before`` (an output id or a task id) to be ready.

    ``binds`` names the end of ``after`` that waits; ``lag`` is added after readiness.
    """

    before: str
    after: str
    binds: Literal["acceptance", "decision"] = "acceptance"
    lag: Duration | None = None


class DependencyDecision(_Frozen):
    dependency: Dependency
    reasons: Reasons


class TimeLimitOverride(_Frozen):
    """A rule sets the limit an item is planned with (for example a green channel)."""

    item: str
    duration: Duration
    limit: Literal["committed", "statutory"] = "committed"
    reasons: Reasons


class ParallelGroup(_Frozen):
    """并联审批: members accepted together on the latest readiness among them, reviewed
    concurrently, each decided after min(own limit, cap). ``optional_members`` may join or
    not; the optimizer decides (each is also an :class:`Option`)."""

    id: str
    zh: str
    en: str = ""
    members: tuple[str, ...]
    optional_members: tuple[str, ...] = ()
    lead_department: str
    cap: Duration | None = None
    issue_together: bool = False
    reasons: Reasons


class ObligationDecision(_Frozen):
    """An obligation owed after an item (from the item, a mode, or a rule)."""

    id: str
    item: str
    zh: str
    en: str = ""
    after: Literal["acceptance", "decision"] = "decision"
    due: Duration
    basis: str = ""
    mode: str | None = None
    reasons: Reasons


class Edits(_Frozen):
    """Changes to the planned graph that one alternative of an option makes."""

    set_modes: dict[str, str] = Field(default_factory=dict)
    add_tasks: tuple[str, ...] = ()
    remove_tasks: tuple[str, ...] = ()
    add_dependencies: tuple[Dependency, ...] = ()
    remove_dependencies: tuple[Dependency, ...] = ()
    join_groups: dict[str, tuple[str, ...]] = Field(default_factory=dict)


class Alternative(_Frozen):
    """One way to settle an option. ``commitments`` counts the 告知承诺 it implies (used by
    the tie-break); the first alternative of an option is its default."""

    id: str
    zh: str
    en: str = ""
    edits: Edits = Field(default_factory=Edits)
    commitments: int = 0


class Option(_Frozen):
    """A choice left to the optimizer: exactly one alternative is taken."""

    id: str
    subject: str
    zh: str
    en: str = ""
    alternatives: Annotated[tuple[Alternative, ...], Field(min_length=2)]
    reasons: Reasons


class MaterialDecision(_Frozen):
    """A conditional material an applicable item asks for, because its condition held.

    A conditional use (``when`` in the catalog) the decisions do not list is not asked
    for: :meth:`Decisions.withheld` names those.
    """

    item: str
    material: str
    reasons: Reasons


class TargetDecision(_Frozen):
    """A reform target (catalog ``targets``) the project is measured against, and why."""

    target: str
    reasons: Reasons


_Concluded = (
    TaskDecision
    | ModeDecision
    | Option
    | TimeLimitOverride
    | ParallelGroup
    | DependencyDecision
    | ObligationDecision
    | MaterialDecision
)


class Decisions(_Frozen):
    """Everything the rules concluded for one profile as of one date.

    ``facts`` holds the profile values and every derived fact. ``applicable`` and
    ``excluded`` are disjoint; a task in neither does not apply (and is not worth telling).
    """

    as_of: dt.date
    catalog_hash: str
    engine: str
    facts: dict[str, FactValue]
    applicable: tuple[TaskDecision, ...] = ()
    excluded: tuple[TaskDecision, ...] = ()
    modes: tuple[ModeDecision, ...] = ()
    options: tuple[Option, ...] = ()
    time_limits: tuple[TimeLimitOverride, ...] = ()
    groups: tuple[ParallelGroup, ...] = ()
    added_dependencies: tuple[DependencyDecision, ...] = ()
    removed_dependencies: tuple[DependencyDecision, ...] = ()
    obligations: tuple[ObligationDecision, ...] = ()
    warnings: tuple[RuleWarning, ...] = ()
    targets: tuple[TargetDecision, ...] = ()
    materials: tuple[MaterialDecision, ...] = ()

    def applicable_ids(self) -> tuple[str, ...]:
        return tuple(d.task for d in self.applicable)

    def rule_ids(self) -> set[str]:
        """Every rule id among the reasons of any conclusion."""
        conclusions: tuple[tuple[_Concluded, ...], ...] = (
            self.applicable,
            self.excluded,
            self.modes,
            self.options,
            self.time_limits,
            self.groups,
            self.added_dependencies,
            self.removed_dependencies,
            self.obligations,
            self.materials,
        )
        return {r.rule_id for group in conclusions for entry in group for r in entry.reasons}

    def to_json(self) -> str:
        """Canonical JSON: same decisions, byte-identical text."""
        return self.model_dump_json(indent=2)
