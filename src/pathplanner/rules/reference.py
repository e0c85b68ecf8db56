"""The reference evaluator: the rules in plain Python, forward chaining to a fixpoint.

Rules are evaluated stratum by stratum (a rule runs once every rule deriving a fact it
reads has run), so negation of a derived fact is well defined and the fixpoint is unique.
Within a stratum rules are visited in id order. Deterministic, and thread-safe: it keeps no
state between calls.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from itertools import groupby

from pathplanner.rules.book import CompiledRule, RuleBook
from pathplanner.rules.evaluation import Facts, apply_derives

__all__ = ["fire"]


def fire(
    book: RuleBook,
    facts: Facts,
    as_of: dt.date,
    profile_text: str,
    only: Mapping[str, CompiledRule] | None = None,
) -> tuple[CompiledRule, ...]:
    """The rules that fire, in evaluation order; derived facts are set into ``facts``.

    ``only`` restricts the evaluation to some rules (used by the domain search).
    """
    rules = book.compiled if only is None else tuple(r for r in book.compiled if r.id in only)
    fired: list[CompiledRule] = []
    for _, stratum in groupby(rules, key=lambda r: r.stratum):
        now = [r for r in stratum if r.in_force(as_of) and r.test(facts)]
        apply_derives(book, now, facts, profile_text)
        fired += now
    return tuple(fired)
