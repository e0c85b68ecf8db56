"""A rule book compiled to durable-rules rulesets that durable-rules can always take.

Pure Python (durable-rules is not imported here): :mod:`pathplanner.rules._durable` runs
the program, :mod:`pathplanner.rules.durable_check` proves that it compiles. Measured on
durable-rules 2.0.28 (``docs/engines.md``), one durable rule breaks the engine when

- it has 512 or more alternatives under one node (an ``in`` list of 512 values, a long
  ``or``): ``create_ruleset`` loops forever, holding the interpreter lock;
- 64 or more of its tests match one fact: ``assert_fact`` fails (error 303);
- it nests 15 or more ``$and``/``$or``: ``create_ruleset`` fails (error 113);
- a number is written with an exponent and no decimal point (``6e-05``), or is ``inf``:
  error 204/202; an integer past 64 bits saturates; ints meet doubles in C.

So a condition is compiled in two steps that keep its meaning exactly:

1. **Values become ranks.** For each name the rules compare, the literals they compare it
   with are sorted once; a literal ``t`` at index ``i`` is sent as ``2i + 1`` and a value
   ``v`` as ``2k + 1`` when it equals the literal at ``k``, else ``2k`` where ``k`` is the
   number of literals below ``v``. Every comparison with a literal (``==``, ``!=``, ``<``,
   ``<=``, ``>``, ``>=``, ``in``) gives the same answer on the ranks as Python gives on the
   values, so durable-rules only ever reads small integers (and ``true``/``false``).
2. **Big conditions are split.** A condition (negations pushed down to the comparisons)
   with more than :data:`MAX_RULE_TESTS` tests or :data:`MAX_RULE_GROUPS` groups becomes
   several durable rules: an ``or`` is cut into pieces that each fire the rule (the
   adapter ORs them); an ``and`` is cut into pieces that each set an auxiliary flag,
   evaluated in an earlier phase of the same stratum, and the rule tests the flags. Flags
   are only ever tested for being set, so the split condition holds exactly when the
   original does.

Rulesets hold at most :data:`MAX_RULES` durable rules and :data:`MAX_TESTS` tests, so no
node of a ruleset can reach 512 alternatives.
"""

from __future__ import annotations

import bisect
import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from pathplanner.catalog.rulebook.book import CompiledRule, RuleBook
from pathplanner.catalog.rulebook.evaluator import sum_value
from pathplanner.catalog.rulebook.expressions import (
    And,
    Compare,
    Contains,
    Expr,
    InList,
    Lit,
    LitValue,
    Name,
    Not,
    Operand,
    Or,
    Quantified,
    Sum,
    Truth,
)

__all__ = [
    "MAX_PROPERTIES",
    "MAX_RULES",
    "MAX_RULE_GROUPS",
    "MAX_RULE_TESTS",
    "MAX_TESTS",
    "Chunk",
    "Internal",
    "Program",
    "compile_book",
    "compile_rule",
    "encode",
    "fact_for",
    "props_of",
    "scales_of",
    "split",
]

MAX_RULES = 16
"""Most durable rules in one ruleset."""

MAX_TESTS = 48
"""Most tests (leaves of the conditions) in one ruleset."""

MAX_RULE_TESTS = 24
"""Most tests in one durable rule (64 matching tests fail an assert with error 303)."""

MAX_RULE_GROUPS = 8
"""Most ``$and``/``$or`` groups in one durable rule (15 fail ``create_ruleset``, 113)."""

MAX_PROPERTIES = 200
"""Most properties a fact may carry (durable-rules fails past 255)."""

ALWAYS = "pp_k"
"""A property every fact carries (``1``): constant conditions and the catch-all test it."""

CATCH = "pp-catch-all"
"""The rule of every ruleset that matches every fact (a fact matching nothing raises)."""

_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
_NEG = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}
_OPS = {"<": "$lt", "<=": "$lte", ">": "$gt", ">=": "$gte", "!=": "$neq"}

Value = LitValue


# -- values as ranks -------------------------------------------------------------------


def encode(scale: Sequence[Value], value: Value) -> bool | int:
    """``value`` as its rank on ``scale`` (the sorted literals its name is compared with).

    ``2i + 1`` for the literal at index ``i``; ``2k`` for a value between literals, ``k``
    being how many literals lie below it. Order and equality with every literal are kept:
    ``encode(s, v) < encode(s, t)`` exactly when ``v < t``, for each ``t`` in ``s``. Bools
    stay bools.
    """
    if isinstance(value, bool):
        return value
    k = bisect.bisect_left(scale, value)
    return 2 * k + 1 if k < len(scale) and scale[k] == value else 2 * k


def scales_of(book: RuleBook) -> dict[str, tuple[Value, ...]]:
    """Name (or computed fact, :func:`computed_key`) → its sorted distinct literals (bools
    left out)."""
    found: dict[str, set[Value]] = defaultdict(set)
    for rule in book.compiled:
        for name, value in _tested(rule.expr):
            if not isinstance(value, bool):
                found[name].add(value)
    return {name: tuple(sorted(values)) for name, values in found.items()}


def _key(operand: Operand) -> str:
    return computed_key(operand) if isinstance(operand, Sum) else getattr(operand, "id", "")


def _tested(expr: Expr) -> Iterator[tuple[str, LitValue]]:
    """(name or computed fact, literal) of every test the durable rules make."""
    if isinstance(expr, And | Or):
        for part in expr.parts:
            yield from _tested(part)
    elif isinstance(expr, Not):
        yield from _tested(expr.operand)
    elif isinstance(expr, Quantified):
        yield from _tested(expr.body)
    elif isinstance(expr, InList):
        for lit in expr.values:
            yield _key(expr.operand), lit.value
    elif isinstance(expr, Compare):
        sides: tuple[tuple[Operand, Operand], ...] = (
            (expr.left, expr.right),
            (expr.right, expr.left),
        )
        for named, other in sides:
            if isinstance(other, Lit) and not isinstance(named, Lit):
                yield _key(named), other.value


# -- facts computed before asserting ---------------------------------------------------

Computed = Sum | Contains | Quantified


def computed_key(node: Computed) -> str:
    """The fact carrying the value of a sum, a list membership or a quantifier, which
    durable-rules cannot compute: the node's canonical text (a sum over one building is
    told apart from the project's)."""
    if isinstance(node, Sum) and node.per_building:
        return "building: " + node.key
    return node.key


def _member(expr: Contains) -> Contains:
    """The membership a (possibly negated) ``in`` test reads."""
    return Contains(expr.value, expr.name, False, expr.column)


def _computed(expr: Expr) -> Iterator[Computed]:
    """Every sum, membership and quantifier of ``expr`` (inside quantifiers too)."""
    if isinstance(expr, And | Or):
        for part in expr.parts:
            yield from _computed(part)
    elif isinstance(expr, Not):
        yield from _computed(expr.operand)
    elif isinstance(expr, Quantified):
        yield expr
        yield from _computed(expr.body)
    elif isinstance(expr, Contains):
        yield _member(expr)
    elif isinstance(expr, Truth) and isinstance(expr.operand, Sum):
        yield expr.operand
    elif isinstance(expr, Compare):
        yield from (side for side in (expr.left, expr.right) if isinstance(side, Sum))


# -- conditions as a small tree --------------------------------------------------------


@dataclass(frozen=True)
class _Leaf:
    test: dict[str, Any]
    reads: frozenset[str]


@dataclass(frozen=True)
class _Group:
    kind: str  # "$and" or "$or"
    parts: tuple[_Node, ...]
    tests: int
    groups: int


_Node = _Leaf | _Group


def _size(node: _Node) -> tuple[int, int]:
    return (1, 0) if isinstance(node, _Leaf) else (node.tests, node.groups)


def _group(kind: str, parts: Sequence[_Node]) -> _Node:
    flat: list[_Node] = []
    for part in parts:
        if isinstance(part, _Group) and part.kind == kind:
            flat.extend(part.parts)
        else:
            flat.append(part)
    if len(flat) == 1:
        return flat[0]
    sizes = [_size(p) for p in flat]
    return _Group(kind, tuple(flat), sum(s[0] for s in sizes), 1 + sum(s[1] for s in sizes))


def _fits(node: _Node) -> bool:
    tests, groups = _size(node)
    return tests <= MAX_RULE_TESTS and groups <= MAX_RULE_GROUPS


def _json(node: _Node) -> dict[str, Any]:
    if isinstance(node, _Leaf):
        return node.test
    return {node.kind: [_json(p) for p in node.parts]}


def _reads(node: _Node) -> frozenset[str]:
    if isinstance(node, _Leaf):
        return node.reads
    return frozenset().union(*(_reads(p) for p in node.parts))


@dataclass
class _Compiler:
    """Negation normal form over ranked values: ``not`` is pushed down to the comparisons,
    and a negated comparison of a name that may be unset also holds when it is unset (the
    fact then carries the flag ``u<n>``; durable-rules' ``$nex`` hangs)."""

    props: dict[str, str]
    scales: dict[str, tuple[Value, ...]]
    nullable: frozenset[str]

    def test(self, op: str, name: str, value: Value) -> _Leaf:
        prop = self.props[name]
        code = encode(self.scales.get(name, ()), value)
        body = {prop: code} if op == "==" else {_OPS[op]: {prop: code}}
        return _Leaf(body, frozenset({name}))

    def negated(self, test: _Node, name: str) -> _Node:
        if name not in self.nullable:
            return test
        flag = _Leaf({"u" + self.props[name][1:]: 1}, frozenset({name}))
        return _group("$or", [test, flag])

    def compile(self, expr: Expr, neg: bool = False) -> _Node:
        if isinstance(expr, And | Or):
            kind = "$and" if isinstance(expr, And) != neg else "$or"
            return _group(kind, [self.compile(p, neg) for p in expr.parts])
        if isinstance(expr, Not):
            return self.compile(expr.operand, not neg)
        if isinstance(expr, Quantified):  # computed true or false, always set
            return self.test("!=" if neg else "==", computed_key(expr), True)
        if isinstance(expr, Contains):  # the membership is computed; "not in" tests false
            member = expr.negated == neg
            return self.test("==" if member else "!=", computed_key(_member(expr)), True)
        if isinstance(expr, Truth):
            if isinstance(expr.operand, Lit):
                return _Leaf({ALWAYS: 1 if bool(expr.operand.value) != neg else 0}, frozenset())
            assert isinstance(expr.operand, Name)  # a sum alone is refused by the type check
            name = expr.operand.id
            if not neg:
                return self.test("==", name, True)
            return self.negated(self.test("!=", name, True), name)
        if isinstance(expr, InList):
            assert isinstance(expr.operand, Name)
            name = expr.operand.id
            values = [lit.value for lit in expr.values]
            if expr.negated == neg:  # the compiled test asks "is a member"
                test = _group("$or", [self.test("==", name, v) for v in values])
            else:
                test = _group("$and", [self.test("!=", name, v) for v in values])
            return self.negated(test, name) if neg else test
        left, right, op = expr.left, expr.right, expr.op
        if isinstance(left, Lit):
            left, right, op = right, left, _FLIP[op]  # type: ignore[assignment]
        assert isinstance(right, Lit)
        if isinstance(left, Sum):  # computed, always set
            return self.test(_NEG[op] if neg else op, computed_key(left), right.value)
        assert isinstance(left, Name)
        if not neg:
            return self.test(op, left.id, right.value)
        return self.negated(self.test(_NEG[op], left.id, right.value), left.id)


# -- splitting a condition into durable rules ------------------------------------------


@dataclass(frozen=True)
class Internal:
    """One durable rule: when ``condition`` holds, ``target`` fires (a rule id, or an
    auxiliary flag when ``aux``). ``reads`` are the names (and flags) it reads."""

    target: str
    aux: bool
    condition: dict[str, Any]
    tests: int
    reads: frozenset[str]
    phase: int = 0
    quantifier: str = ""
    """The quantifier whose body this durable rule is part of (run once per building;
    ``target`` is then the quantifier or one of its flags), or ``""``."""


@dataclass
class _Splitter:
    rule: str
    made: list[tuple[str, bool, _Node]] = field(default_factory=list)
    flags: int = 0

    def flag(self) -> tuple[str, _Leaf]:
        self.flags += 1
        name = f"{self.rule}#{self.flags}"
        return name, _Leaf({name: 1}, frozenset({name}))

    def lower(self, node: _Node, target: str, aux: bool) -> None:
        """Durable rules that fire ``target`` exactly when ``node`` holds."""
        if _fits(node):
            self.made.append((target, aux, node))
            return
        assert isinstance(node, _Group)
        if node.kind == "$or":
            for piece in self._bins(node.parts, split_big=lambda p: self.lower(p, target, aux)):
                self.made.append((target, aux, _group("$or", piece)))
            return
        parts: list[_Node] = []
        for part in node.parts:
            if _fits(part):
                parts.append(part)
            else:
                name, leaf = self.flag()
                self.lower(part, name, True)
                parts.append(leaf)
        bins = self._bins(parts, split_big=None)
        if len(bins) == 1:
            self.made.append((target, aux, _group("$and", bins[0])))
            return
        flags: list[_Node] = []
        for piece in bins:
            name, leaf = self.flag()
            self.made.append((name, True, _group("$and", piece)))
            flags.append(leaf)
        self.lower(_group("$and", flags), target, aux)

    @staticmethod
    def _bins(
        parts: Sequence[_Node], split_big: Callable[[_Node], None] | None
    ) -> list[list[_Node]]:
        """``parts`` cut, in order, into runs that fit one durable rule (a part too big
        on its own is handed to ``split_big``)."""
        bins: list[list[_Node]] = []
        current: list[_Node] = []
        tests = groups = 0
        for part in parts:
            if not _fits(part):
                assert split_big is not None  # an `and` replaces its big parts by flags
                split_big(part)
                continue
            size, inner = _size(part)
            if current and (tests + size > MAX_RULE_TESTS or groups + inner + 1 > MAX_RULE_GROUPS):
                bins.append(current)
                current, tests, groups = [], 0, 0
            current.append(part)
            tests += size
            groups += inner
        if current:
            bins.append(current)
        return bins


def compile_rule(
    rule: CompiledRule,
    props: dict[str, str],
    scales: dict[str, tuple[Value, ...]],
    nullable: frozenset[str],
) -> list[Internal]:
    """The durable rules of one rule, each with its phase (flags before their readers),
    then those of the bodies of its building quantifiers (:attr:`Internal.quantifier`)."""
    compiler = _Compiler(props, scales, nullable)
    out = _lowered(compiler.compile(rule.expr), rule.id, "")
    for node in _computed(rule.expr):
        if isinstance(node, Quantified):
            key = computed_key(node)
            out += _lowered(compiler.compile(node.body), key, key)
    return out


def _lowered(node: _Node, target: str, quantifier: str) -> list[Internal]:
    splitter = _Splitter(target)
    splitter.lower(node, target, bool(quantifier))
    phase: dict[str, int] = {}
    out: list[Internal] = []
    for name, aux, part in splitter.made:  # a flag's rules come before any rule reading it
        reads = _reads(part)
        level = max((phase[r] + 1 for r in reads if r in phase), default=0)
        if aux:
            phase[name] = max(phase.get(name, 0), level)
        out.append(Internal(name, aux, _json(part), _size(part)[0], reads, level, quantifier))
    return out


# -- rulesets --------------------------------------------------------------------------


@dataclass
class Chunk:
    """One durable-rules ruleset: a few durable rules of one phase of one stratum, named
    ``r0``, ``r1``… in it and by the hash of its definition."""

    rules: list[Internal]
    name: str = ""
    definition: dict[str, Any] = field(default_factory=dict)
    reads: tuple[str, ...] = ()
    parts: list[tuple[Chunk, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        definition: dict[str, Any] = {
            f"r{n}": {"all": [{"m": r.condition}], "run": f"r{n}"} for n, r in enumerate(self.rules)
        }
        definition[CATCH] = {"all": [{"m": {ALWAYS: 1}}], "run": CATCH}
        text = json.dumps(definition, sort_keys=True, separators=(",", ":"))
        self.name = "pp_" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]
        self.definition = definition
        self.reads = tuple(sorted({n for r in self.rules for n in r.reads}))

    def halves(self) -> tuple[Chunk, Chunk]:
        half = len(self.rules) // 2
        return Chunk(self.rules[:half]), Chunk(self.rules[half:])


@dataclass
class Stratum:
    rules: list[CompiledRule]
    phases: list[list[Chunk]]


@dataclass
class Scoped:
    """The body of a building quantifier as rulesets, by phase, run once per building:
    it holds for a building when the durable rules fire the quantifier's key."""

    kind: str
    phases: list[list[Chunk]]


@dataclass
class Program:
    """A rule book compiled to rulesets: per stratum, phases of rulesets; the bodies of
    its building quantifiers; the sums and memberships computed before asserting."""

    props: dict[str, str]
    scales: dict[str, tuple[Value, ...]]
    nullable: frozenset[str]
    strata: list[Stratum]
    scoped: dict[str, Scoped] = field(default_factory=dict)
    computed: dict[str, Sum | Contains] = field(default_factory=dict)


def split(internal: Sequence[Internal]) -> list[Chunk]:
    """Durable rules packed, in order, into rulesets within the caps."""
    chunks: list[Chunk] = []
    current: list[Internal] = []
    tests = 0
    reads: set[str] = set()
    for r in internal:
        over = (
            len(current) >= MAX_RULES
            or tests + r.tests > MAX_TESTS
            or len(reads | r.reads) * 2 > MAX_PROPERTIES
        )
        if current and over:
            chunks.append(Chunk(current))
            current, tests, reads = [], 0, set()
        current.append(r)
        tests += r.tests
        reads |= r.reads
    if current:
        chunks.append(Chunk(current))
    return chunks


def props_of(book: RuleBook) -> dict[str, str]:
    """Name (or computed fact) → the property that carries it in a fact (``v<n>``; its
    unset flag ``u<n>``)."""
    computed = {computed_key(node) for rule in book.compiled for node in _computed(rule.expr)}
    names = sorted(book.types) + sorted(computed - set(book.types))
    return {name: f"v{n}" for n, name in enumerate(names)}


def _phased(internal: Sequence[Internal]) -> list[list[Chunk]]:
    depth = max((i.phase for i in internal), default=0)
    return [split([i for i in internal if i.phase == p]) for p in range(depth + 1)]


def compile_book(book: RuleBook) -> Program:
    """Every rule of ``book``, stratum by stratum, as rulesets."""
    props = props_of(book)
    scales = scales_of(book)
    strata: list[Stratum] = []
    bodies: dict[str, list[Internal]] = {}
    kinds: dict[str, str] = {}
    computed: dict[str, Sum | Contains] = {}
    for _, group in groupby(book.compiled, key=lambda r: r.stratum):
        rules = list(group)
        internal = []
        for rule in rules:
            for i in compile_rule(rule, props, scales, book.nullable):
                if not i.quantifier:
                    internal.append(i)
                elif i.quantifier not in kinds:  # the same body in several rules: once
                    bodies.setdefault(i.quantifier, []).append(i)
            for node in _computed(rule.expr):
                if isinstance(node, Quantified):
                    kinds.setdefault(computed_key(node), node.kind)
                else:
                    computed[computed_key(node)] = node
        strata.append(Stratum(rules, _phased(internal)))
    scoped = {key: Scoped(kinds[key], _phased(body)) for key, body in sorted(bodies.items())}
    return Program(props, scales, book.nullable, strata, scoped, computed)


def fact_for(  # noqa: PLR0917
    chunk: Chunk,
    program: Program,
    facts: Mapping[str, Any],
    flags: set[str],
    sid: str,
    quantify: Callable[[str, Mapping[str, Any]], bool],
) -> dict[str, Any]:
    """The fact asserted into ``chunk``: the values it reads as ranks, ``u<n>: 1`` for an
    unset value of a name that may be unset, ``<flag>: 1`` for each flag set. Sums and
    memberships are computed here; ``quantify`` says whether a quantifier holds."""
    fact: dict[str, Any] = {"sid": sid, ALWAYS: 1}
    props = program.props
    for name in chunk.reads:
        prop = props.get(name)
        if prop is None:  # an auxiliary flag
            if name in flags:
                fact[name] = 1
            continue
        value: Any
        if name in program.scoped:
            value = quantify(name, facts)
        elif name in program.computed:
            value = _computed_value(program.computed[name], facts)
        else:
            value = facts.get(name)
        if value is None:
            if name in program.nullable:
                fact["u" + prop[1:]] = 1
        else:
            fact[prop] = encode(program.scales.get(name, ()), value)
    return fact


def _computed_value(node: Sum | Contains, facts: Mapping[str, Any]) -> Value:
    if isinstance(node, Sum):
        return sum_value(node, facts)
    held = facts.get(node.name.id)
    return isinstance(held, tuple) and node.value.value in held
