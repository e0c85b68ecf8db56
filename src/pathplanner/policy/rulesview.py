"""A flat, comparable view of the catalog's rules, for lint and diff.

The rules package owns the rule model; this module reads it through its YAML-shaped dump
(``id``, ``when``, ``then``, ``basis``, ``valid_from``, ``valid_until``), so policy tooling
does not depend on the rule classes' internals.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pathplanner.catalog.model import AcceptedWarning
from pathplanner.catalog.rulebook.book import CompiledRule
from pathplanner.catalog.rulebook.expressions import And, Expr, render
from pathplanner.catalog.rulebook.model import Rule
from pathplanner.errors import InputError, Location, Problem
from pathplanner.rules import decide, fired_rules

if TYPE_CHECKING:
    from pathplanner.catalog import Catalog
    from pathplanner.profile import Profile

__all__ = [
    "RuleView",
    "conjuncts",
    "fired_rule_ids",
    "rule_dump",
    "rule_views",
    "rules_of",
]

_NAME = re.compile(r"(?<![\w\"'])([a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+)")
_STRING = re.compile(r"\"[^\"]*\"|'[^']*'")
_TASK_KEYS = ("item", "after", "before", "members", "optional_members")


@dataclass(frozen=True)
class RuleView:
    """What policy tooling needs to know of one rule."""

    id: str
    when: str
    basis: str
    valid_from: dt.date | None
    valid_until: dt.date | None
    conclusions: frozenset[str]
    requires: frozenset[str]
    excludes: frozenset[str]
    derives: frozenset[str]
    reads: frozenset[str]
    mentions: frozenset[str]
    location: Location
    derived_values: tuple[tuple[str, Any], ...] = ()
    conjuncts: frozenset[str] = frozenset()
    accepted_warnings: tuple[AcceptedWarning, ...] = field(default=())

    @property
    def breadcrumb(self) -> str:
        return f"Rule(id={self.id!r})"


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _dump(obj: Any) -> Any:
    if hasattr(obj, "model_dump"):
        return obj.model_dump(mode="json", exclude_defaults=True, by_alias=True)
    if isinstance(obj, Mapping):
        return {str(k): _dump(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_dump(v) for v in obj]
    if isinstance(obj, dt.date):
        return obj.isoformat()
    return obj


def rules_of(catalog: Catalog) -> list[Rule]:
    return [c.rule for c in _compiled(catalog)]


def _compiled(catalog: Catalog) -> list[CompiledRule]:
    return sorted(catalog.rules.compiled, key=lambda c: c.id)


def conjuncts(expr: Expr) -> frozenset[str]:
    """The canonical text of each top-level ``and`` part of a condition."""
    parts = expr.parts if isinstance(expr, And) else (expr,)
    return frozenset(render(p) for p in parts)


def rule_dump(rule: Any) -> dict[str, Any]:
    """A rule as plain JSON-like data, shaped like its YAML."""
    data = _dump(rule)
    return dict(data) if isinstance(data, Mapping) else {"id": str(rule)}


def _when_text(data: Mapping[str, Any]) -> str:
    when = data.get("when", "")
    if isinstance(when, Mapping):
        when = when.get("text") or when.get("source") or json.dumps(when, sort_keys=True)
    return str(when)


def _tasks_in(value: Any) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, list):
        return {v for v in value if isinstance(v, str)}
    return set()


def _conclusion_parts(
    then: Iterable[Any],
) -> tuple[set[str], set[str], set[str], set[str], set[str], list[tuple[str, Any]]]:
    canon: set[str] = set()
    requires: set[str] = set()
    excludes: set[str] = set()
    derives: set[str] = set()
    mentions: set[str] = set()
    derived_values: list[tuple[str, Any]] = []
    for raw in then:
        step = _dump(raw)
        canon.add(json.dumps(step, sort_keys=True, ensure_ascii=False))
        if not isinstance(step, Mapping):
            continue
        for kind, arg in step.items():
            if kind == "require":
                requires |= _tasks_in(arg)
                mentions |= _tasks_in(arg)
            elif kind == "exclude":
                excludes |= _tasks_in(arg)
                mentions |= _tasks_in(arg)
            elif kind == "derive":
                fact = arg.get("fact") if isinstance(arg, Mapping) else arg
                value = arg.get("value", True) if isinstance(arg, Mapping) else True
                if isinstance(fact, str):
                    derives.add(fact)
                    derived_values.append((fact, value))
            elif isinstance(arg, Mapping):
                for key in _TASK_KEYS:
                    mentions |= _tasks_in(arg.get(key))
    return canon, requires, excludes, derives, mentions, derived_values


def rule_views(catalog: Catalog) -> list[RuleView]:
    """Every rule of ``catalog`` as a :class:`RuleView`, sorted by id."""
    views: list[RuleView] = []
    for compiled in _compiled(catalog):
        rule = compiled.rule
        data = rule_dump(rule)
        canon, requires, excludes, derives, mentions, values = _conclusion_parts(data["then"])
        views.append(
            RuleView(
                id=rule.id,
                when=rule.when,
                basis=rule.basis,
                valid_from=rule.valid_from,
                valid_until=rule.valid_until,
                conclusions=frozenset(canon),
                requires=frozenset(requires),
                excludes=frozenset(excludes),
                derives=frozenset(derives),
                reads=frozenset(compiled.reads),
                mentions=frozenset(mentions),
                derived_values=tuple(sorted(values, key=lambda fv: fv[0])),
                location=compiled.location,
                conjuncts=conjuncts(compiled.expr),
                accepted_warnings=tuple(rule.accepted_warnings),
            )
        )
    return views


def fired_rule_ids(
    catalog: Catalog, profile: Profile, as_of: dt.date
) -> tuple[set[str], list[Problem]]:
    """The rules that fire for ``profile`` as of ``as_of`` (reference evaluator), or the
    problems deciding met (for example a contradiction)."""
    try:
        decide(catalog, profile, as_of=as_of, engine="reference")
    except InputError as exc:
        return set(), list(exc.problems)
    return set(fired_rules(catalog, profile, as_of=as_of, engine="reference")), []
