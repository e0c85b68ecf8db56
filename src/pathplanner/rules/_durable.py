"""The one adapter between pathplanner and durable-rules 2.0.28. Nothing else imports it.

durable-rules is a Rete engine with process-global state and sharp edges, each handled
here (measured on CPython 3.11; see ``docs/engines.md``):

- rulesets cannot be registered twice: each compiled ruleset is named by the hash of its
  own JSON, so the same rules share one ruleset and changed rules get a new one; one host
  per process, created lazily;
- no ``in`` operator: ``x in [a, b]`` compiles to ``$or`` of equalities; ``not in`` to
  ``$and`` of ``$neq``;
- no dates: dates compile to ordinals (``date.toordinal()``);
- a missing property fails every comparison (even ``$neq``), which is exactly "a comparison
  involving an unset value is false"; ``not`` is pushed down to the comparisons (negation
  normal form) and a negated comparison on a field that may be unset also matches a flag
  property ``u<n>`` that the fact carries when the value is unset (``$nex`` hangs);
- one ruleset of many rules fails: ``assert_fact`` with error 303 (87 single comparisons),
  ``create_ruleset`` with error 107 (200 two-branch ``$or``). Rules are split into small
  rulesets per stratum (:data:`MAX_RULES`, :data:`MAX_TESTS`); a ruleset that still fails
  to be created, or fails an assert, is split in two and the profile is run again under a
  fresh ``sid``;
- a fact that matches nothing raises: every ruleset has a rule matching every fact;
- ``delete_state`` of a ``sid`` whose assert failed kills the process: such a ``sid`` is
  never touched again (its state is leaked, and counted in :func:`stats`);
- errors inside actions are swallowed, and the host's dispatch decodes and re-encodes the
  state as JSON for every matched rule (most of the time of a profile): no action is ever
  run; the adapter asserts through the engine's own functions and reads the matched rule
  ids from the action messages the engine starts (``start_action_for_state``,
  ``complete_and_start_action``);
- ``set_rulesets`` mutates its argument: it gets a deep copy;
- no truth maintenance: each profile is asserted from scratch under its own ``sid`` and its
  state deleted afterwards; derived facts are chained across rulesets stratum by stratum
  (the facts a stratum derives are known before the next stratum runs) to the fixpoint;
- not thread-safe, and the host starts timer threads that dispatch rulesets in the
  background: the host here starts none (nothing is queued, every call is synchronous)
  and one lock guards every call.

Its exceptions become :class:`~pathplanner.errors.InternalError` with the engine's message.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import itertools
import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

import durable_rules_engine  # type: ignore[import-not-found]
from durable import engine

from pathplanner.catalog.rulebook.book import CompiledRule, RuleBook
from pathplanner.catalog.rulebook.expressions import (
    And,
    Expr,
    InList,
    Lit,
    Name,
    Not,
    Or,
    Truth,
)
from pathplanner.errors import InternalError
from pathplanner.rules.evaluation import Facts, apply_derives

__all__ = ["MAX_RULES", "MAX_TESTS", "fire", "stats"]

MAX_RULES = 16
"""Most rules in one compiled ruleset."""

MAX_TESTS = 48
"""Most comparisons (leaves of the conditions) in one compiled ruleset."""

MAX_PROPERTIES = 200
"""Most properties a fact may carry (durable-rules fails past 255)."""

_ALWAYS = "pp_k"
_CATCH = "pp-catch-all"
_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
_NEG = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}
_OPS = {"<": "$lt", "<=": "$lte", ">": "$gt", ">=": "$gte", "!=": "$neq"}

_encode = json.JSONEncoder(ensure_ascii=False).encode
"""Facts as JSON text, as durable-rules writes them (one encoder: json.dumps with options
builds a new one per call)."""
_LOCK = threading.RLock()
_SIDS = itertools.count(1)
_STATS = {"asserts": 0, "failed_asserts": 0, "rulesets": 0, "splits": 0}


def stats() -> dict[str, int]:
    """Counters: asserts, failed asserts (their state is leaked), rulesets, splits."""
    with _LOCK:
        return dict(_STATS)


# -- compiling -------------------------------------------------------------------------


def _value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.toordinal()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


@dataclass
class _Compiler:
    props: dict[str, str]
    nullable: frozenset[str]
    tests: int = 0
    used: set[str] = field(default_factory=set)

    def prop(self, name: str) -> str:
        self.used.add(name)
        return self.props[name]

    def unset(self, name: str) -> dict[str, Any] | None:
        return {"u" + self.props[name][1:]: 1} if name in self.nullable else None

    def test(self, op: str, name: str, value: Any) -> dict[str, Any]:
        self.tests += 1
        prop = self.prop(name)
        if op == "==":
            return {prop: _value(value)}
        return {_OPS[op]: {prop: _value(value)}}

    def negated(self, test: dict[str, Any], name: str) -> dict[str, Any]:
        flag = self.unset(name)
        return test if flag is None else _or([test, flag])

    def compile(self, expr: Expr, neg: bool = False) -> dict[str, Any]:
        if isinstance(expr, And | Or):
            parts = [self.compile(p, neg) for p in expr.parts]
            return _and(parts) if isinstance(expr, And) != neg else _or(parts)
        if isinstance(expr, Not):
            return self.compile(expr.operand, not neg)
        if isinstance(expr, Truth):
            if isinstance(expr.operand, Lit):
                return {_ALWAYS: 1 if bool(expr.operand.value) != neg else 0}
            name = expr.operand.id
            if not neg:
                return self.test("==", name, True)
            return self.negated(self.test("!=", name, True), name)
        if isinstance(expr, InList):
            assert isinstance(expr.operand, Name)
            name = expr.operand.id
            values = [lit.value for lit in expr.values]
            member = expr.negated == neg  # the compiled test asks "is a member"
            if member:
                test = _or([self.test("==", name, v) for v in values])
            else:
                test = _and([self.test("!=", name, v) for v in values])
            return self.negated(test, name) if neg else test
        left, right, op = expr.left, expr.right, expr.op
        if isinstance(left, Lit):
            left, right, op = right, left, _FLIP[op]  # type: ignore[assignment]
        assert isinstance(left, Name) and isinstance(right, Lit)
        if not neg:
            return self.test(op, left.id, right.value)
        return self.negated(self.test(_NEG[op], left.id, right.value), left.id)


def _and(parts: list[dict[str, Any]]) -> dict[str, Any]:
    return parts[0] if len(parts) == 1 else {"$and": parts}


def _or(parts: list[dict[str, Any]]) -> dict[str, Any]:
    return parts[0] if len(parts) == 1 else {"$or": parts}


@dataclass(frozen=True)
class _Compiled:
    rule: CompiledRule
    condition: dict[str, Any]
    tests: int
    names: frozenset[str]


@dataclass
class _Chunk:
    """One durable-rules ruleset: a few rules of one stratum."""

    rules: list[_Compiled]
    name: str = ""
    definition: dict[str, Any] = field(default_factory=dict)
    names: tuple[str, ...] = ()
    parts: list[tuple[_Chunk, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        definition: dict[str, Any] = {
            c.rule.id: {"all": [{"m": c.condition}], "run": c.rule.id} for c in self.rules
        }
        definition[_CATCH] = {"all": [{"m": {_ALWAYS: 1}}], "run": _CATCH}
        text = json.dumps(definition, sort_keys=True, separators=(",", ":"))
        self.name = "pp_" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]
        self.definition = definition
        self.names = tuple(sorted({n for c in self.rules for n in c.names}))


@dataclass
class _Program:
    """A rule book compiled to rulesets, stratum by stratum."""

    props: dict[str, str]
    nullable: frozenset[str]
    strata: list[tuple[list[CompiledRule], list[_Chunk]]]


def _split(compiled: Sequence[_Compiled]) -> list[_Chunk]:
    chunks: list[_Chunk] = []
    current: list[_Compiled] = []
    tests = 0
    names: set[str] = set()
    for c in compiled:
        over = (
            len(current) >= MAX_RULES
            or tests + c.tests > MAX_TESTS
            or len(names | c.names) * 2 > MAX_PROPERTIES
        )
        if current and over:
            chunks.append(_Chunk(current))
            current, tests, names = [], 0, set()
        current.append(c)
        tests += c.tests
        names |= c.names
    if current:
        chunks.append(_Chunk(current))
    return chunks


def _compile(book: RuleBook) -> _Program:
    props = {name: f"v{n}" for n, name in enumerate(sorted(book.types))}
    strata: list[tuple[list[CompiledRule], list[_Chunk]]] = []
    for _, group in groupby(book.compiled, key=lambda r: r.stratum):
        rules = list(group)
        compiled = []
        for rule in rules:
            compiler = _Compiler(props, book.nullable)
            condition = compiler.compile(rule.expr)
            compiled.append(
                _Compiled(rule, condition, max(compiler.tests, 1), frozenset(compiler.used))
            )
        strata.append((rules, _split(compiled)))
    return _Program(props, book.nullable, strata)


# -- running ---------------------------------------------------------------------------

_HOSTS: list[Any] = []
_PROGRAMS: dict[str, _Program] = {}
_NOT_HANDLED = 1
_OBSERVED = 2
_DEFERRED = 3


def _host() -> Any:
    """The one durable-rules host of this process (created on first use)."""
    if not _HOSTS:

        class Host(engine.Host):  # type: ignore[misc]
            """A host without background dispatch threads; its actions are never run (the
            adapter reads which rules matched from the engine itself)."""

            def _run(self) -> None:
                return None

            def get_action(self, action_name: str) -> Any:
                def act(_context: Any) -> None:
                    return None

                return act

        _HOSTS.append(Host())
    return _HOSTS[0]


def _engine() -> Any:
    return durable_rules_engine


def _registered(chunk: _Chunk) -> list[_Chunk]:
    """Register ``chunk`` (once per process); a ruleset too big to create is split."""
    host = _host()
    if chunk.name in host._ruleset_directory:
        return [chunk]
    try:
        host.set_rulesets({chunk.name: copy.deepcopy(chunk.definition)})
    except Exception as exc:
        if len(chunk.rules) == 1:
            raise InternalError(f"durable-rules cannot create a ruleset: {exc}") from exc
        _STATS["splits"] += 1
        half = len(chunk.rules) // 2
        return [
            *_registered(_Chunk(chunk.rules[:half])),
            *_registered(_Chunk(chunk.rules[half:])),
        ]
    _STATS["rulesets"] += 1
    return [chunk]


def _parts(chunk: _Chunk) -> list[tuple[_Chunk, Any]]:
    """The registered rulesets running ``chunk`` (itself, or its halves) with their engine
    handles; found once per chunk."""
    if not chunk.parts:
        directory = _host()._ruleset_directory
        chunk.parts = [(part, directory[part.name]._handle) for part in _registered(chunk)]
    return chunk.parts


def _fact(chunk: _Chunk, program: _Program, facts: Facts, sid: str) -> dict[str, Any]:
    fact: dict[str, Any] = {"sid": sid, _ALWAYS: 1}
    props = program.props
    nullable = program.nullable
    for name in chunk.names:
        value = facts.get(name)
        if value is None:
            if name in nullable:
                fact["u" + props[name][1:]] = 1
        else:
            fact[props[name]] = _value(value)
    return fact


def _matched(engine: Any, handle: Any, state: Any) -> set[str]:
    """The rules whose action the engine started for ``state``, one after the other.

    An action message is the JSON text ``{"<rule id>": {...}}``; rule ids hold no quote.
    """
    found: set[str] = set()
    started = engine.start_action_for_state(handle, state)
    message = started[1] if started else None
    while message:
        found.add(message[2 : message.index('"', 2)])
        message = engine.complete_and_start_action(handle, state)
    return found


def _run_chunk(chunk: _Chunk, program: _Program, facts: Facts) -> set[str]:
    """The rule ids of ``chunk`` whose conditions hold for ``facts``.

    The fact is asserted through the engine's own functions, not the host's Python
    dispatch (which decodes and re-encodes the state for every matched rule); the
    outcome is the same set of rules.
    """
    engine = _engine()
    found: set[str] = set()
    for part, handle in _parts(chunk):
        sid = str(next(_SIDS))
        _STATS["asserts"] += 1
        fact = _fact(part, program, facts, sid)
        try:
            result = engine.assert_fact(handle, _encode(fact))
            if result[0] in {_NOT_HANDLED, _OBSERVED}:
                raise InternalError(f"durable-rules did not take the fact (code {result[0]})")
            found |= _matched(engine, handle, 0 if result[0] == _DEFERRED else result[1])
        except Exception as exc:
            # never touch this sid again: delete_state after a failed assert segfaults
            _STATS["failed_asserts"] += 1
            if len(part.rules) == 1:
                raise InternalError(f"durable-rules failed to assert a fact: {exc}") from exc
            _STATS["splits"] += 1
            half = len(part.rules) // 2
            found |= _run_chunk(_Chunk(part.rules[:half]), program, facts)
            found |= _run_chunk(_Chunk(part.rules[half:]), program, facts)
            continue
        engine.delete_state(handle, sid)
    found.discard(_CATCH)
    return found


def fire(
    book: RuleBook, facts: Facts, as_of: dt.date, profile_text: str
) -> tuple[CompiledRule, ...]:
    """The rules that fire, in evaluation order; derived facts are set into ``facts``.

    Same contract as :func:`pathplanner.rules.reference.fire`. Thread-safe (one lock).
    """
    with _LOCK:
        program = _PROGRAMS.get(book.content_hash)
        if program is None:
            program = _PROGRAMS[book.content_hash] = _compile(book)
        fired: list[CompiledRule] = []
        for rules, chunks in program.strata:
            ids: set[str] = set()
            for chunk in chunks:
                ids |= _run_chunk(chunk, program, facts)
            now = [r for r in rules if r.id in ids and r.in_force(as_of)]
            apply_derives(book, now, facts, profile_text)
            fired += now
        return tuple(fired)
