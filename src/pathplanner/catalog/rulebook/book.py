"""The loaded rule book: every rule parsed, type-checked and ordered for evaluation."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from pathplanner.catalog.rulebook.evaluator import Test, compile_test
from pathplanner.catalog.rulebook.expressions import Expr, TypeInfo, names
from pathplanner.catalog.rulebook.model import FactDecl, Rule
from pathplanner.errors import Location

__all__ = ["CompiledRule", "RuleBook"]


@dataclass(frozen=True, eq=False)
class CompiledRule:
    """A rule with its parsed condition.

    ``reads`` are the names its condition reads; ``stratum`` orders evaluation: a rule runs
    after every rule that derives a fact it reads (0 when it reads no derived fact).
    """

    rule: Rule
    expr: Expr
    stratum: int
    location: Location
    reads: tuple[str, ...] = field(default=())
    test: Test = field(default=lambda facts: False, repr=False)

    @property
    def id(self) -> str:
        return self.rule.id

    def in_force(self, day: dt.date) -> bool:
        return self.rule.in_force(day)

    @staticmethod
    def build(rule: Rule, expr: Expr, stratum: int, location: Location) -> CompiledRule:
        return CompiledRule(rule, expr, stratum, location, names(expr), compile_test(expr))


@dataclass(frozen=True, eq=False)
class RuleBook:
    """Every rule of a catalog's ``rules/`` directory, ready to evaluate.

    ``rules`` are the rules as written (sorted by id); ``compiled`` the same rules parsed,
    ordered by (stratum, id), which is the order both engines evaluate them in. ``facts``
    declares the derived facts; ``types`` maps every name a condition may read (profile
    fields and derived facts) to its type. ``content_hash`` identifies the rules' content
    (the durable-rules adapter names its compiled rulesets by it).
    """

    compiled: tuple[CompiledRule, ...] = ()
    facts: Mapping[str, FactDecl] = field(default_factory=lambda: MappingProxyType({}))
    types: Mapping[str, TypeInfo] = field(default_factory=lambda: MappingProxyType({}))
    content_hash: str = ""
    nullable: frozenset[str] = frozenset()

    @staticmethod
    def empty() -> RuleBook:
        """A rule book without rules (the catalog before its rules are loaded)."""
        return RuleBook(content_hash=_hash([], {}))

    @property
    def rules(self) -> tuple[Rule, ...]:
        """The rules as written, sorted by id."""
        return tuple(sorted((c.rule for c in self.compiled), key=lambda r: r.id))

    def by_id(self) -> dict[str, CompiledRule]:
        """Rule id → compiled rule."""
        return {c.id: c for c in self.compiled}

    def __len__(self) -> int:
        return len(self.compiled)

    @staticmethod
    def create(
        compiled: list[CompiledRule],
        facts: Mapping[str, FactDecl],
        types: Mapping[str, TypeInfo],
        nullable: frozenset[str],
    ) -> RuleBook:
        ordered = tuple(sorted(compiled, key=lambda c: (c.stratum, c.id)))
        return RuleBook(
            compiled=ordered,
            facts=MappingProxyType(dict(sorted(facts.items()))),
            types=MappingProxyType(dict(sorted(types.items()))),
            content_hash=_hash([c.rule for c in ordered], facts),
            nullable=nullable,
        )


def _hash(rules: list[Rule], facts: Mapping[str, FactDecl]) -> str:
    payload = {
        "rules": [r.model_dump(mode="json") for r in sorted(rules, key=lambda r: r.id)],
        "facts": [facts[k].model_dump(mode="json") for k in sorted(facts)],
    }
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
