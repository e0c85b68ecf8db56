"""Rules: the YAML rule language, its two engines, explanations and effective dates.

Policy staff write rules in ``rules/**/*.yaml`` (see ``docs/rules.md``). The catalog loader
calls :func:`load_rulebook`; the planner calls :func:`decide`, which runs the rules for one
profile as of one date and returns :class:`~pathplanner.decisions.Decisions`;
:func:`explain` says why an item applies or not.
"""

from pathplanner.rules.book import CompiledRule, RuleBook
from pathplanner.rules.conclusions import validity_warnings
from pathplanner.rules.engines import (
    DEFAULT_ENGINE,
    ENGINES,
    decide,
    default_engine,
    durable_available,
    fired_rules,
)
from pathplanner.rules.explain import ConditionPart, Explanation, RuleTrace, explain
from pathplanner.rules.loader import load_rulebook

__all__ = [
    "DEFAULT_ENGINE",
    "ENGINES",
    "CompiledRule",
    "ConditionPart",
    "Explanation",
    "RuleBook",
    "RuleTrace",
    "decide",
    "default_engine",
    "durable_available",
    "explain",
    "fired_rules",
    "load_rulebook",
    "validity_warnings",
]
