"""Contradictions, conflicts and rules that cannot fire, found by searching the domain.

The declared domain of a profile field is finite where it matters: a condition can only
tell apart the values on either side of the thresholds and enum values the rules test. So
each field gets a few candidate values (every enum value; true/false; each threshold
``t`` with ``t-1``, ``t+1`` and the midpoints between thresholds; unset when the field is
optional), and for a pair of rules only the fields they read, directly or through the
rules deriving the facts they read, vary. Where that product is small enough
(:data:`MAX_COMBINATIONS`) the search is complete: a pair that never fires together is
proved compatible, a rule that fires nowhere is reported. Beyond it the pair is left to
decide time, where every contradiction raises anyway.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pathplanner.catalog.buildings import building_facts, leaf, scope
from pathplanner.catalog.rulebook.book import CompiledRule, RuleBook
from pathplanner.catalog.rulebook.expressions import has_buildings, literals, sample_text
from pathplanner.catalog.rulebook.model import (
    DeriveConclusion,
    EnableMode,
    ExcludeConclusion,
    RequireConclusion,
)
from pathplanner.errors import Problem

if TYPE_CHECKING:
    from pathplanner.catalog import Catalog

__all__ = [
    "MAX_COMBINATIONS",
    "candidate_values",
    "closure",
    "overlap",
    "search_domain",
    "witness",
]

MAX_COMBINATIONS = 20_000
"""Largest number of value combinations searched for one pair of rules."""

Value = bool | int | float | str | dt.date | tuple[str, ...] | None


def candidate_values(
    book: RuleBook,
    catalog: Catalog,
    rules: Sequence[CompiledRule] | None = None,
    *,
    scoped: bool = False,
) -> dict[str, list[Value]]:
    """Field id → the values worth trying: around every threshold that ``rules`` (default:
    all rules) test, every enum value, true and false, and unset for optional fields. The
    project's fields only (what a flat profile gives), unless ``scoped``: then also the
    fields of one building and one space (``building.<name>``, ``space.<name>``)."""
    tested: dict[str, set[Any]] = defaultdict(set)
    for rule in book.compiled if rules is None else rules:
        for name, value in literals(rule.expr):
            tested[name].add(value)
            projected = _projected(name)
            # a sum compared with 0 asks whether such a space exists at all: any floor
            # area the other thresholds give answers it, and no building has none
            positive = not name.startswith("sum of ") or (
                isinstance(value, int | float) and value > 0
            )
            if projected is not None and positive:
                tested[projected].add(value)
    out: dict[str, list[Value]] = {}
    for fid, spec in catalog.fields.items():
        if not scoped and scope(fid) != "project":
            continue
        kind = spec.type.value
        values: list[Value]
        if kind == "list":
            tested_values = sorted(str(v) for v in tested.get(fid, set()))
            values = [
                tuple(v for v in (e.value for e in spec.values) if v in chosen)
                for n in range(len(tested_values) + 1)
                for chosen in itertools.combinations(tested_values, n)
            ]
        elif kind == "enum":
            values = [v.value for v in spec.values]
        elif kind == "bool":
            values = [False, True]
        elif kind in ("integer", "number"):
            values = _numbers(
                sorted(float(v) for v in tested.get(fid, set())),
                integer=kind == "integer",
                low=spec.minimum,
                high=spec.maximum,
            )
        elif kind == "date":
            days = sorted(v for v in tested.get(fid, set()) if isinstance(v, dt.date))
            near = {d + dt.timedelta(days=k) for d in days for k in (-1, 0, 1)}
            values = [*sorted(near or {dt.date(2025, 1, 1)})]
        else:
            values = [*sorted({str(v) for v in tested.get(fid, set())} | {"~other"})]
        if fid in book.nullable:
            values = [*values, None]
        out[fid] = values
    return out


def _projected(name: str) -> str | None:
    """The project field whose value the search's one building takes for a name a
    condition tests inside a quantifier or a sum (``project.height_m`` for
    ``building.height_m``; ``project.floor_area_m2`` for ``sum of floor_area_m2 …``)."""
    if name.startswith(("building.", "space.")):
        return f"project.{leaf(name)}"
    if name.startswith("sum of "):
        return f"project.{name.split()[2]}"
    return None


def _numbers(
    thresholds: Sequence[float], *, integer: bool, low: float | None, high: float | None
) -> list[Value]:
    found: set[float] = set()
    for t in thresholds:
        found |= {t - 1, t, t + 1}
    for a, b in itertools.pairwise(thresholds):
        if b - a > 1:
            found.add((a + b) / 2)
    if not found:
        found = {low if low is not None else 0.0}
    kept = sorted(
        v for v in found if (low is None or v >= low) and (high is None or v <= high)
    ) or [low if low is not None else 0.0]
    if integer:
        whole: list[Value] = []
        whole.extend(sorted({int(v) for v in kept if float(v).is_integer()} or {int(kept[0])}))
        return whole
    return [int(v) if float(v).is_integer() else v for v in kept]


@lru_cache(maxsize=8)
def _derivers(book: RuleBook) -> dict[str, tuple[CompiledRule, ...]]:
    found: dict[str, list[CompiledRule]] = defaultdict(list)
    for rule in book.compiled:
        for c in rule.rule.then:
            if isinstance(c, DeriveConclusion):
                found[c.derive.fact].append(rule)
    return {k: tuple(v) for k, v in found.items()}


def closure(book: RuleBook, roots: Sequence[CompiledRule]) -> list[CompiledRule]:
    """``roots`` and every rule deriving a fact they read, transitively, in evaluation
    order."""
    derivers = _derivers(book)
    seen: dict[str, CompiledRule] = {}
    todo = list(roots)
    while todo:
        rule = todo.pop()
        if rule.id in seen:
            continue
        seen[rule.id] = rule
        for name in rule.reads:
            todo += derivers.get(name, ())
    return sorted(seen.values(), key=lambda r: (r.stratum, r.id))


def _fires(
    book: RuleBook,
    catalog: Catalog,
    rules: Sequence[CompiledRule],
    profile: Mapping[str, Value],
    day: dt.date,
) -> set[str]:
    """The rules of ``rules`` that fire for ``profile`` (its project fields; a rule about
    buildings sees the one building those fields make)."""
    facts: dict[str, Any] = dict(profile)
    if any(has_buildings(r.expr) for r in rules):
        facts.update(building_facts(catalog.fields, facts, None))
    for rule in rules:
        for name in rule.reads:
            fact = book.facts.get(name)
            if fact is not None:
                facts[name] = False if fact.type.value == "bool" else None
    fired: set[str] = set()
    derived: dict[str, Any] = {}
    pending: dict[str, Any] = {}  # derived in this stratum: set before the next one reads
    stratum = -1
    for rule in rules:
        if rule.stratum != stratum:
            facts.update(pending)
            pending.clear()
            stratum = rule.stratum
        if rule.in_force(day) and rule.test(facts):
            fired.add(rule.id)
            for c in rule.rule.then:
                if isinstance(c, DeriveConclusion) and c.derive.fact not in derived:
                    derived[c.derive.fact] = pending[c.derive.fact] = c.derive.value
    return fired


def _profiles(
    fields: Sequence[str], candidates: Mapping[str, list[Value]]
) -> Iterator[dict[str, Value]]:
    for combo in itertools.product(*(candidates[f] for f in fields)):
        yield {f: v for f, v in zip(fields, combo, strict=True) if v is not None}


def _size(fields: Sequence[str], candidates: Mapping[str, list[Value]]) -> int:
    size = 1
    for f in fields:
        size *= len(candidates[f])
    return size


def witness(
    book: RuleBook,
    catalog: Catalog,
    rules: Sequence[CompiledRule],
    day: dt.date,
) -> tuple[dict[str, Value] | None, bool]:
    """A profile (over the fields ``rules`` depend on) where all of ``rules`` fire on
    ``day``, and whether the search was complete.

    Up to :data:`MAX_COMBINATIONS` combinations are tried in order; past that, as many
    are drawn with a fixed seed (a witness found is real; none found proves nothing).
    """
    involved = closure(book, rules)
    candidates = candidate_values(book, catalog, involved)
    read = {n for r in involved for n in r.reads}
    read |= {p for r in involved for n, _ in literals(r.expr) if (p := _projected(n))}
    fields = sorted(n for n in read if n in candidates)
    wanted = {r.id for r in rules}
    # one building made of the project's fields is all the search tries: a rule about
    # buildings may fire only for several, so its search is never complete
    scoped = any(has_buildings(r.expr) for r in involved)
    small = _size(fields, candidates) <= MAX_COMBINATIONS
    complete = small and not scoped
    if small:
        profiles: Iterator[dict[str, Value]] = _profiles(fields, candidates)
    else:
        profiles = _drawn(fields, candidates)
    for profile in profiles:
        if wanted <= _fires(book, catalog, involved, profile, day):
            return profile, complete
    return None, complete


def _drawn(
    fields: Sequence[str], candidates: Mapping[str, list[Value]]
) -> Iterator[dict[str, Value]]:
    rng = random.Random(len(fields))
    for _ in range(MAX_COMBINATIONS):
        combo = [rng.choice(candidates[f]) for f in fields]
        yield {f: v for f, v in zip(fields, combo, strict=True) if v is not None}


def overlap(rules: Sequence[CompiledRule]) -> dt.date | None:
    """The first day on which all of ``rules`` are in force (None when there is none)."""
    start = max(r.rule.valid_from for r in rules)
    ends = [r.rule.valid_until for r in rules if r.rule.valid_until is not None]
    return start if not ends or start <= min(ends) else None


def _pairs(book: RuleBook) -> list[tuple[CompiledRule, CompiledRule, str, str]]:
    """Pairs of rules whose conclusions clash when both fire: (a, b, code, what)."""
    requires: dict[str, list[CompiledRule]] = defaultdict(list)
    excludes: dict[str, list[CompiledRule]] = defaultdict(list)
    derives: dict[str, list[tuple[CompiledRule, Any]]] = defaultdict(list)
    mandatory: dict[str, list[tuple[CompiledRule, str]]] = defaultdict(list)
    for rule in book.compiled:
        for c in rule.rule.then:
            if isinstance(c, RequireConclusion):
                requires[c.require].append(rule)
            elif isinstance(c, ExcludeConclusion):
                excludes[c.exclude].append(rule)
            elif isinstance(c, DeriveConclusion):
                derives[c.derive.fact].append((rule, c.derive.value))
            elif isinstance(c, EnableMode) and c.enable_mode.mandatory:
                mandatory[c.enable_mode.item].append((rule, c.enable_mode.mode))
    out: list[tuple[CompiledRule, CompiledRule, str, str]] = []
    for task in sorted(set(requires) & set(excludes)):
        for a in requires[task]:
            for b in excludes[task]:
                if a.id != b.id:
                    out.append((a, b, "rule-contradiction", task))
    for what, found in sorted(
        [
            *((f"derive {k}", v) for k, v in derives.items()),
            *((f"enable_mode {k}", v) for k, v in mandatory.items()),
        ],
        key=lambda kv: kv[0],
    ):
        for (a, va), (b, vb) in itertools.combinations(found, 2):
            if va != vb and a.id != b.id:
                out.append((a, b, "rule-conflict", what))
    return out


def search_domain(book: RuleBook, catalog: Catalog) -> list[Problem]:
    """Contradictions and conflicts with a witness profile (errors), and rules that cannot
    fire over the declared domain (warnings)."""
    problems: list[Problem] = []
    for a, b, code, what in _pairs(book):
        day = overlap([a, b])
        if day is None:
            continue
        found, _complete = witness(book, catalog, [a, b], day)
        if found is None:
            continue
        args = {"rule": a.id, "other": b.id, "sample": sample_text(found)}
        args["task" if code == "rule-contradiction" else "what"] = what
        problems.append(Problem(code, b.location, f"Rule(id={b.id!r})", args=args))
    # Last stratum first: a witness of a rule fires the rules it reads through, and a rule
    # seen firing needs no search of its own (a chain of n facts costs n, not n²/2).
    can_fire: set[str] = set()
    never: set[str] = set()
    for rule in reversed(book.compiled):
        if rule.id in can_fire:
            continue
        day = rule.rule.valid_from
        found, complete = witness(book, catalog, [rule], day)
        if found is not None:
            can_fire |= _fires(book, catalog, closure(book, [rule]), found, day)
        elif complete:
            never.add(rule.id)
    for rule in book.compiled:
        if rule.id in never:
            problems.append(
                Problem(
                    "rule-never-fires",
                    rule.location,
                    f"Rule(id={rule.id!r})",
                    severity="warning",
                    args={"rule": rule.id},
                )
            )
    return problems
