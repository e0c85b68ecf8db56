"""The reference evaluator: the rules in plain Python, forward chaining to a fixpoint.

Rules are evaluated stratum by stratum (a rule runs once every rule deriving a fact it
reads has run), so negation of a derived fact is well defined and the fixpoint is unique.
Within a stratum rules are visited in id order. Deterministic, and thread-safe: it keeps no
state between calls.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Mapping
from itertools import groupby

from pathplanner.catalog.rulebook.book import CompiledRule, RuleBook
from pathplanner.rules.evaluation import Facts, apply_derives

__all__ = ["fire"]

_Strata = tuple[tuple[CompiledRule, ...], ...]
_IN_FORCE: weakref.WeakKeyDictionary[RuleBook, dict[dt.date, _Strata]] = weakref.WeakKeyDictionary()
_MAX_DATES = 1000
"""Most as-of dates whose rules in force are kept per rule book."""


def _strata(rules: tuple[CompiledRule, ...], as_of: dt.date) -> _Strata:
    in_force = [r for r in rules if r.in_force(as_of)]
    return tuple(tuple(group) for _, group in groupby(in_force, key=lambda r: r.stratum))


def _in_force(book: RuleBook, as_of: dt.date) -> _Strata:
    """The rules of ``book`` in force on ``as_of``, stratum by stratum (kept per date)."""
    by_date = _IN_FORCE.get(book)
    if by_date is None:
        by_date = _IN_FORCE[book] = {}
    found = by_date.get(as_of)
    if found is None:
        if len(by_date) >= _MAX_DATES:
            by_date.clear()
        found = by_date[as_of] = _strata(book.compiled, as_of)
    return found


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
    if only is None:
        strata = _in_force(book, as_of)
    else:
        strata = _strata(tuple(r for r in book.compiled if r.id in only), as_of)
    fired: list[CompiledRule] = []
    for stratum in strata:
        now = [r for r in stratum if r.test(facts)]
        if now:
            apply_derives(book, now, facts, profile_text)
            fired += now
    return tuple(fired)
