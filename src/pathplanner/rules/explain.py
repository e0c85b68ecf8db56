"""Why an item or work applies, or does not: :func:`explain` and its renderings.

An item's conditional materials (a material use with ``when``) are explained with it: for
each, whether its rule ``material:<item>:<material>`` fired and, if not, which parts of its
condition failed.

For an applicable task: the reasons (rule id, condition, the facts it saw, legal basis).
For a task that does not apply: the rules that would have required it and, for each, the
parts of its condition that failed with the values they saw (or that the rule is not in
force). For an excluded task: the excluding rules. Explanations are computed by the
reference evaluator over the facts of the run; the decisions come from the chosen engine
(the two agree, see ``docs/engines.md``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from pathplanner._input.suggest import did_you_mean, quote_all
from pathplanner.catalog.model import Item, in_force
from pathplanner.catalog.rulebook.book import CompiledRule
from pathplanner.catalog.rulebook.evaluator import evaluate, observed
from pathplanner.catalog.rulebook.expressions import (
    And,
    Expr,
    literal_text,
    names,
    render,
)
from pathplanner.catalog.rulebook.model import (
    DemandMaterial,
    DeriveConclusion,
    ExcludeConclusion,
    RequireConclusion,
)
from pathplanner.decisions import FactValue, Reason
from pathplanner.errors import InputError, Location, Problem
from pathplanner.messages import text
from pathplanner.rules.conclusions import build_decisions
from pathplanner.rules.engines import run

if TYPE_CHECKING:
    from pathplanner.catalog import Catalog

__all__ = ["ConditionPart", "Explanation", "RuleTrace", "explain"]

Status = Literal["applicable", "excluded", "not_required", "not_in_force"]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ConditionPart(_Frozen):
    """One conjunct of a condition: its text, whether it holds, the values it read."""

    text: str
    holds: bool
    facts: dict[str, FactValue | None] = Field(default_factory=dict)


class RuleTrace(_Frozen):
    """A rule that requires or excludes the task, and what happened to it."""

    rule_id: str
    zh: str
    en: str = ""
    when: str
    basis: str
    valid_from: dt.date
    valid_until: dt.date | None = None
    in_force: bool
    fired: bool
    conclusion: Literal["require", "exclude", "derive", "material"]
    failed: tuple[ConditionPart, ...] = ()
    facts: dict[str, FactValue | None] = Field(default_factory=dict)
    derivations: tuple[RuleTrace, ...] = ()
    """Rules that derive a fact a failed part reads, and why they did not fire."""


class Explanation(_Frozen):
    """Why ``task`` applies or not, for one profile as of one date."""

    task: str
    zh: str
    en: str = ""
    kind: Literal["item", "work"]
    as_of: dt.date
    engine: str
    status: Status
    applies_by_default: bool
    reasons: tuple[Reason, ...] = ()
    requiring: tuple[RuleTrace, ...] = ()
    excluding: tuple[RuleTrace, ...] = ()
    materials: tuple[RuleTrace, ...] = ()
    """The item's conditional materials: the rule of each, fired (asked for) or not."""

    @property
    def applies(self) -> bool:
        return self.status == "applicable"

    def to_json(self) -> str:
        """Canonical JSON."""
        return self.model_dump_json(indent=2)

    def render(self, lang: str = "zh") -> str:
        """Readable text in ``lang``: the verdict, then one line per rule."""
        return _render(self, lang)


def _parts(expr: Expr) -> list[Expr]:
    if isinstance(expr, And):
        return [q for p in expr.parts for q in _parts(p)]
    return [expr]


def _trace(  # noqa: PLR0917
    rule: CompiledRule,
    kind: Literal["require", "exclude", "derive", "material"],
    facts: Mapping[str, Any],
    fired: set[str],
    as_of: dt.date,
    derivers: Mapping[str, list[CompiledRule]],
    seen: frozenset[str] = frozenset(),
) -> RuleTrace:
    failed = []
    derivations: list[RuleTrace] = []
    if rule.id not in fired:
        for part in _parts(rule.expr):
            if not evaluate(part, facts):
                failed.append(
                    ConditionPart(
                        text=render(part),
                        holds=False,
                        facts=observed(part, facts),
                    )
                )
                for name in names(part):
                    for other in derivers.get(name, []):
                        if other.id not in seen and other.id not in fired:
                            derivations.append(
                                _trace(
                                    other,
                                    "derive",
                                    facts,
                                    fired,
                                    as_of,
                                    derivers,
                                    seen | {rule.id, other.id},
                                )
                            )
    return RuleTrace(
        rule_id=rule.id,
        zh=rule.rule.zh,
        en=rule.rule.en,
        when=" ".join(rule.rule.when.split()),
        basis=rule.rule.basis,
        valid_from=rule.rule.valid_from,
        valid_until=rule.rule.valid_until,
        in_force=rule.in_force(as_of),
        fired=rule.id in fired,
        conclusion=kind,
        failed=tuple(failed),
        facts=observed(rule.expr, facts),
        derivations=tuple(sorted(derivations, key=lambda t: t.rule_id)),
    )


def explain(
    catalog: Catalog,
    profile: Mapping[str, Any],
    task_id: str,
    *,
    as_of: dt.date,
    engine: str | None = None,
) -> Explanation:
    """Explain whether ``task_id`` (an item or work id) applies to ``profile`` on ``as_of``.

    Raises :class:`~pathplanner.errors.InputError` for an unknown task (with "did you
    mean") and for whatever deciding raises (for example contradicting rules).
    """
    if task_id not in catalog.items and task_id not in catalog.works:
        close = did_you_mean(task_id, [*catalog.items, *catalog.works])
        raise InputError(
            [
                Problem(
                    "explain-unknown-task",
                    Location("ITEM_ID"),
                    hint="did-you-mean" if close else "",
                    args={"task": task_id, "candidates": quote_all(close)},
                )
            ]
        )
    name, fired_rules, facts, profile_text = run(catalog, profile, as_of=as_of, engine=engine)
    decisions = build_decisions(
        catalog, fired_rules, facts, as_of=as_of, engine=name, profile_text=profile_text
    )
    task = catalog.task(task_id)
    fired = {r.id for r in fired_rules}
    derivers: dict[str, list[CompiledRule]] = {}
    for rule in sorted(catalog.rules.compiled, key=lambda r: r.id):
        for c in rule.rule.then:
            if isinstance(c, DeriveConclusion):
                derivers.setdefault(c.derive.fact, []).append(rule)
    requiring, excluding, materials = [], [], []
    for rule in sorted(catalog.rules.compiled, key=lambda r: r.id):
        for c in rule.rule.then:
            if isinstance(c, RequireConclusion) and c.require == task_id:
                requiring.append(_trace(rule, "require", facts, fired, as_of, derivers))
            elif isinstance(c, ExcludeConclusion) and c.exclude == task_id:
                excluding.append(_trace(rule, "exclude", facts, fired, as_of, derivers))
            elif isinstance(c, DemandMaterial) and c.demand_material.item == task_id:
                materials.append(_trace(rule, "material", facts, fired, as_of, derivers))
    applicable = {d.task: d for d in decisions.applicable}
    excluded = {d.task: d for d in decisions.excluded}
    status: Status
    reasons: tuple[Reason, ...]
    if not in_force(task.valid_from, task.valid_until, as_of):
        status, reasons = "not_in_force", ()
    elif task_id in applicable:
        status, reasons = "applicable", applicable[task_id].reasons
    elif task_id in excluded:
        status, reasons = "excluded", excluded[task_id].reasons
    else:
        status, reasons = "not_required", ()
    return Explanation(
        task=task_id,
        zh=task.zh,
        en=task.en,
        kind="item" if isinstance(task, Item) else "work",
        as_of=as_of,
        engine=name,
        status=status,
        applies_by_default=task.applies_by_default,
        reasons=reasons,
        requiring=tuple(requiring),
        excluding=tuple(excluding),
        materials=tuple(materials),
    )


def _value(value: FactValue | None) -> str:
    return "—" if value is None else literal_text(value)


def _facts(facts: Mapping[str, Any], lang: str) -> str:
    return text("sep-comma", lang).join(f"{k} = {_value(v)}" for k, v in sorted(facts.items()))


def _title(trace: RuleTrace | Explanation, lang: str) -> str:
    return (trace.en or trace.zh) if lang == "en" else trace.zh


def _flatten(traces: list[RuleTrace]) -> list[RuleTrace]:
    out: list[RuleTrace] = []
    for t in traces:
        out.append(t)
        out += _flatten(list(t.derivations))
    return out


def _render(x: Explanation, lang: str) -> str:
    head_key = {
        "applicable": "explain-applies",
        "excluded": "explain-excluded",
        "not_required": "explain-not-required",
        "not_in_force": "explain-not-in-force",
    }[x.status]
    lines = [text(head_key, lang, task=x.task, title=_title(x, lang), date=x.as_of.isoformat())]
    for reason in x.reasons:
        if reason.rule_id.startswith("catalog:"):
            lines.append(text("explain-by-default", lang, basis=reason.basis))
        else:
            lines.append(
                text(
                    "explain-reason",
                    lang,
                    rule=reason.rule_id,
                    when=reason.text,
                    facts=_facts(reason.facts, lang) or "—",
                    basis=reason.basis,
                )
            )
    if x.status != "applicable":
        traces = [t for t in x.requiring if not t.fired]
        if not traces:
            lines.append(text("explain-no-rule", lang))
        for t in _flatten(traces):
            if not t.in_force:
                lines.append(
                    text(
                        "explain-rule-not-in-force",
                        lang,
                        rule=t.rule_id,
                        title=_title(t, lang),
                        start=t.valid_from.isoformat(),
                        end=t.valid_until.isoformat() if t.valid_until else "—",
                    )
                )
                continue
            parts = text("sep-clause", lang).join(
                text("explain-part", lang, text=p.text, facts=_facts(p.facts, lang) or "—")
                for p in t.failed
            )
            lines.append(
                text(
                    "explain-derive-failed" if t.conclusion == "derive" else "explain-rule-failed",
                    lang,
                    rule=t.rule_id,
                    title=_title(t, lang),
                    when=t.when,
                    parts=parts,
                )
            )
    for t in x.materials:
        lines.append(_material_line(t, lang))
    return "\n".join(lines) + "\n"  # one line per rule, in either language


def _material_line(t: RuleTrace, lang: str) -> str:
    """Whether a conditional material is asked for, and why (not)."""
    if t.fired:
        return text(
            "explain-material-asked",
            lang,
            rule=t.rule_id,
            title=_title(t, lang),
            when=t.when,
            facts=_facts(t.facts, lang) or "—",
            basis=t.basis,
        )
    parts = text("sep-clause", lang).join(
        text("explain-part", lang, text=p.text, facts=_facts(p.facts, lang) or "—")
        for p in t.failed
    )
    return text(
        "explain-material-not-asked",
        lang,
        rule=t.rule_id,
        title=_title(t, lang),
        when=t.when,
        parts=parts or text("explain-material-out-of-force", lang),
    )
