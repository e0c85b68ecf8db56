"""A chain of derived facts costs linear time to load and decide (issue 18, section 6)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from _rules_domain import build_extremes, chain_rules, make_profile
from _rules_support import AS_OF

from pathplanner.catalog.loader import load_catalog
from pathplanner.catalog.rulebook.book import RuleBook
from pathplanner.catalog.rulebook.contradictions import search_domain
from pathplanner.rules import decide, durable_available
from pathplanner.rules.evaluation import initial_facts
from pathplanner.rules.reference import fire as reference_fire


def _counting(book: RuleBook) -> tuple[RuleBook, list[int]]:
    """``book`` with every rule's test counting its calls (in ``calls[0]``)."""
    calls = [0]

    def counted(test: Callable[[Any], bool]) -> Callable[[Any], bool]:
        def run(facts: Any) -> bool:
            calls[0] += 1
            return test(facts)

        return run

    compiled = tuple(replace(r, test=counted(r.test)) for r in book.compiled)
    return replace(book, compiled=compiled), calls


def test_a_chain_of_2000_derived_facts_is_evaluated_in_linear_time(tmp_path: Path) -> None:
    """Counted, not timed: loading (the domain search that proves each rule can fire) and
    deciding evaluate at most a few rule conditions per link. Before: the search visited
    every earlier link for every link, n²/2 evaluations (70–88 s per plan for 2,000)."""
    n = 2000
    root = build_extremes(tmp_path / "cat", chain_rules(n))
    catalog = load_catalog(root)
    book, calls = _counting(catalog.rules)
    assert search_domain(book, catalog) == []
    assert calls[0] <= 10 * n
    calls[0] = 0
    profile = make_profile(catalog, {"project.floor_area_m2": 3000})
    facts = initial_facts(book, profile)
    fired = reference_fire(book, facts, AS_OF, "")
    assert len(fired) == n and facts[f"derived.c{n - 1}"] is True
    assert calls[0] == n
    if durable_available():
        assert (
            decide(catalog, profile, as_of=AS_OF, engine="durable").rule_ids()
            == decide(catalog, profile, as_of=AS_OF, engine="reference").rule_ids()
        )
