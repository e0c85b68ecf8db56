"""Running the rules: the two engines, the conclusions they lead to, and explanations.

The rule language and the compiled :class:`~pathplanner.catalog.rulebook.RuleBook` belong to
the catalog (:mod:`pathplanner.catalog.rulebook`). Here the planner calls :func:`decide`, which
runs a catalog's rules for one profile as of one date and returns
:class:`~pathplanner.decisions.Decisions`; :func:`explain` says why an item applies or not.
"""

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

__all__ = [
    "DEFAULT_ENGINE",
    "ENGINES",
    "ConditionPart",
    "Explanation",
    "RuleTrace",
    "decide",
    "default_engine",
    "durable_available",
    "explain",
    "fired_rules",
    "validity_warnings",
]
