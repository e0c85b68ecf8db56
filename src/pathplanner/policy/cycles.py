"""Dependency cycles that rules close: found at check time, located at the rules.

The catalog's own prerequisites are acyclic (the loader checks that). A rule's
``add_dependency`` adds an edge from the task issuing an output to another task; if that
edge, alone or with the edge of one other rule, closes a cycle through the catalog's
prerequisites, and the rules can fire together somewhere in the declared domain, every
plan of such a profile would fail with ``schedule-cycle``. This check says so before any
plan is made, naming the rules, the cycle and a sample profile where they fire.

Edges counted: a prerequisite satisfied by exactly one output (one satisfied by any of
several may be broken by another), a material issued by a task, and the rules' added
dependencies. Cycles that need three or more rules are left to plan time, where
``schedule-cycle`` names them.
"""

from __future__ import annotations

import graphlib
import itertools
from collections.abc import Iterable, Sequence

import networkx as nx

from pathplanner.catalog import Catalog
from pathplanner.catalog.checks import producers
from pathplanner.catalog.model import Item, Work
from pathplanner.catalog.rulebook import CompiledRule
from pathplanner.catalog.rulebook.contradictions import overlap, witness
from pathplanner.catalog.rulebook.expressions import sample_text
from pathplanner.catalog.rulebook.model import AddDependency
from pathplanner.errors import Problem

__all__ = ["MAX_PAIR_TRIES", "rule_dependency_cycles"]

Edge = tuple[str, str]  # (producing task, waiting task)


def _catalog_edges(catalog: Catalog) -> set[Edge]:
    producer = {out_id: task_id for out_id, (task_id, _) in catalog.outputs().items()}
    tasks: list[Item | Work] = [*catalog.items.values(), *catalog.works.values()]
    waits = producers(tasks, producer, catalog.materials.values())
    return {(before, task) for task, needs in waits.items() for before in needs}


def _rule_edges(catalog: Catalog) -> dict[str, tuple[CompiledRule, set[Edge]]]:
    producer = {out_id: task_id for out_id, (task_id, _) in catalog.outputs().items()}
    found: dict[str, tuple[CompiledRule, set[Edge]]] = {}
    for rule in catalog.rules.compiled:
        edges = {
            (producer[c.add_dependency.before], c.add_dependency.after)
            for c in rule.rule.then
            if isinstance(c, AddDependency) and c.add_dependency.before in producer
        }
        if edges:
            found[rule.id] = (rule, edges)
    return found


def _acyclic(edges: Iterable[Edge]) -> bool:
    waits: dict[str, set[str]] = {}
    for before, after in edges:
        waits.setdefault(after, set()).add(before)
    try:
        graphlib.TopologicalSorter(waits).prepare()
    except graphlib.CycleError:
        return False
    return True


def _cycle_text(edges: Iterable[Edge], added: set[Edge]) -> str:
    graph: nx.DiGraph = nx.DiGraph()
    graph.add_edges_from(sorted(edges))
    # a cycle through one of the rules' edges, starting at its smallest task id
    for before, after in sorted(added):
        try:
            back = nx.shortest_path(graph, source=after, target=before)
        except nx.NetworkXNoPath:
            continue
        return " → ".join([before, *back])
    return ""  # pragma: no cover - only called with a cyclic graph


def _problem(
    catalog: Catalog, rules: Sequence[CompiledRule], edges: set[Edge], added: set[Edge]
) -> Problem | None:
    day = overlap(rules)
    if day is None:
        return None
    sample, _complete = witness(catalog.rules, catalog, list(rules), day)
    if sample is None:
        return None
    last = rules[-1]
    return Problem(
        "rule-dependency-cycle",
        last.location,
        f"Rule(id={last.id!r})",
        args={
            "rules": ", ".join(r.id for r in rules),
            "cycle": _cycle_text(edges, added),
            "sample": sample_text(sample),
        },
    )


MAX_PAIR_TRIES = 64
"""Rule pairs tried (for a witness that both fire) per pair of edge sets that closes a
cycle; a catalog repeats the same dependency in many rules, and one witness is enough."""


def rule_dependency_cycles(catalog: Catalog) -> list[Problem]:
    """One error per rule whose added dependencies close a cycle with the catalog's
    prerequisites where it can fire, and one per pair of added-dependency sets that closes
    one only together, at the first pair of their rules that can fire together.

    Rules adding the same dependencies are grouped, so the graph work grows with the number
    of distinct dependency sets, not with the number of rules."""
    base = _catalog_edges(catalog)
    by_edges: dict[frozenset[Edge], list[CompiledRule]] = {}
    for rule, added in _rule_edges(catalog).values():
        by_edges.setdefault(frozenset(added), []).append(rule)
    groups = sorted(
        ((edges, sorted(rules, key=lambda r: r.id)) for edges, rules in by_edges.items()),
        key=lambda group: sorted(group[0]),
    )
    problems: list[Problem] = []
    alone: set[frozenset[Edge]] = set()
    for edges, rules in groups:
        if not _acyclic(base | edges):
            alone.add(edges)
            for rule in rules:
                found = _problem(catalog, [rule], base | edges, set(edges))
                if found is not None:
                    problems.append(found)
    rest = [(edges, rules) for edges, rules in groups if edges not in alone]
    for (edges_a, rules_a), (edges_b, rules_b) in itertools.combinations(rest, 2):
        added = set(edges_a | edges_b)
        if _acyclic(base | added):
            continue
        pairs = itertools.product(
            sorted(rules_a, key=lambda r: r.id), sorted(rules_b, key=lambda r: r.id)
        )
        for a, b in itertools.islice(pairs, MAX_PAIR_TRIES):
            first, second = sorted((a, b), key=lambda r: r.id)
            found = _problem(catalog, [first, second], base | added, added)
            if found is not None:
                problems.append(found)
                break
    return problems
