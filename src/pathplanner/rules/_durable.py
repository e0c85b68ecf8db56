"""The one adapter between pathplanner and durable-rules 2.0.28. Nothing else imports it.

durable-rules is a Rete engine with process-global state and sharp edges, each handled
here or in :mod:`pathplanner.rules._durable_program`, which compiles a rule book into
rulesets durable-rules can take (measured on CPython 3.11; see ``docs/engines.md``):

- rulesets cannot be registered twice: each compiled ruleset is named by the hash of its
  own JSON, so the same rules share one ruleset and changed rules get a new one; one host
  per process, created lazily;
- no ``in`` operator, no dates, a number parser that refuses ``6e-05`` and saturates big
  integers: values are sent as their rank among the literals the rules compare them with
  (small integers); ``in`` compiles to ``$or`` of equalities, ``not in`` to ``$and`` of
  ``$neq``;
- a missing property fails every comparison (even ``$neq``), which is exactly "a comparison
  involving an unset value is false"; ``not`` is pushed down to the comparisons and a
  negated comparison on a field that may be unset also matches a flag property ``u<n>``
  that the fact carries when the value is unset (``$nex`` hangs);
- one durable rule with 512 alternatives loops forever in ``create_ruleset``, 64 matching
  tests fail an assert (error 303), 15 nested groups fail ``create_ruleset`` (error 113):
  big conditions are split into several durable rules (some setting auxiliary flags read
  in a later phase of the stratum);
- one ruleset of many rules fails: ``assert_fact`` with error 303, ``create_ruleset`` with
  error 107. Rules are split into small rulesets per phase; a ruleset that still fails to
  be created, or fails an assert, is split in two and the profile is run again under a
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
  and one lock guards every call. A process forked while another thread holds that lock
  would wait for it forever: the child starts with a new lock, host and programs.

Its exceptions become :class:`~pathplanner.errors.InternalError` with the engine's message.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import json
import os
import threading
from collections.abc import Callable, Mapping
from typing import Any

import durable_rules_engine  # type: ignore[import-not-found]
from durable import engine

from pathplanner.catalog.buildings import building_views
from pathplanner.catalog.rulebook.book import CompiledRule, RuleBook
from pathplanner.errors import InternalError
from pathplanner.rules._durable_program import CATCH, Chunk, Program, compile_book, fact_for
from pathplanner.rules.evaluation import Facts, apply_derives

__all__ = ["create", "fire", "stats"]

_encode = json.JSONEncoder(ensure_ascii=False).encode
"""Facts as JSON text, as durable-rules writes them (one encoder: json.dumps with options
builds a new one per call)."""


class _Guard:
    """The lock around every call into durable-rules (replaced in a forked child)."""

    lock = threading.RLock()


_SIDS = itertools.count(1)
_STATS = {"asserts": 0, "failed_asserts": 0, "rulesets": 0, "splits": 0}


def stats() -> dict[str, int]:
    """Counters: asserts, failed asserts (their state is leaked), rulesets, splits."""
    with _Guard.lock:
        return dict(_STATS)


# -- running ---------------------------------------------------------------------------

_HOSTS: list[Any] = []
_PROGRAMS: dict[str, Program] = {}
_NOT_HANDLED = 1
_OBSERVED = 2
_DEFERRED = 3


def _after_fork_in_child() -> None:
    """A forked child has only the forking thread: a lock another thread held stays held
    forever, and that thread's sessions stay half done. Start afresh (the parent's
    rulesets are left unused)."""
    _Guard.lock = threading.RLock()
    _HOSTS.clear()
    _PROGRAMS.clear()


os.register_at_fork(after_in_child=_after_fork_in_child)


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


def _registered(chunk: Chunk) -> list[Chunk]:
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
        first, second = chunk.halves()
        return [*_registered(first), *_registered(second)]
    _STATS["rulesets"] += 1
    return [chunk]


def create(chunk: Chunk) -> None:
    """Create the ruleset(s) of ``chunk`` as :func:`fire` would (the compile proof)."""
    with _Guard.lock:
        _parts(chunk)


def _parts(chunk: Chunk) -> list[tuple[Chunk, Any]]:
    """The registered rulesets running ``chunk`` (itself, or its halves) with their engine
    handles; found once per chunk."""
    if not chunk.parts:
        directory = _host()._ruleset_directory
        chunk.parts = [(part, directory[part.name]._handle) for part in _registered(chunk)]
    return chunk.parts


def _matched(engine: Any, handle: Any, state: Any) -> set[str]:
    """The durable rules whose action the engine started for ``state``, one after the other.

    An action message is the JSON text ``{"<rule name>": {...}}``; names hold no quote.
    """
    found: set[str] = set()
    started = engine.start_action_for_state(handle, state)
    message = started[1] if started else None
    while message:
        found.add(message[2 : message.index('"', 2)])
        message = engine.complete_and_start_action(handle, state)
    return found


Quantify = Callable[[str, Mapping[str, Any]], bool]


def _quantifier(program: Program) -> Quantify:
    """Whether a building quantifier of ``program`` holds for a profile's facts: its body
    run once per building, each outcome kept for the rest of the profile's run (the facts
    a body reads are final before the first rule reading the quantifier runs)."""
    known: dict[str, bool] = {}

    def quantify(key: str, facts: Mapping[str, Any]) -> bool:
        if key not in known:
            scoped = program.scoped[key]
            outcomes = (
                key in _run_phases(scoped.phases, program, view, quantify)
                for view in building_views(facts)
            )
            known[key] = any(outcomes) if scoped.kind == "any" else all(outcomes)
        return known[key]

    return quantify


def _run_phases(
    phases: list[list[Chunk]], program: Program, facts: Mapping[str, Any], quantify: Quantify
) -> set[str]:
    found: set[str] = set()
    for phase in phases:
        for chunk in phase:
            found |= _run_chunk(chunk, program, facts, found, quantify)
    return found


def _run_chunk(
    chunk: Chunk,
    program: Program,
    facts: Mapping[str, Any],
    flags: set[str],
    quantify: Quantify,
) -> set[str]:
    """The targets (rule ids and flags) of the durable rules of ``chunk`` that hold.

    The fact is asserted through the engine's own functions, not the host's Python
    dispatch (which decodes and re-encodes the state for every matched rule); the
    outcome is the same set of rules.
    """
    engine = _engine()
    found: set[str] = set()
    for part, handle in _parts(chunk):
        sid = str(next(_SIDS))
        _STATS["asserts"] += 1
        fact = fact_for(part, program, facts, flags, sid, quantify)
        try:
            result = engine.assert_fact(handle, _encode(fact))
            if result[0] in {_NOT_HANDLED, _OBSERVED}:
                raise InternalError(f"durable-rules did not take the fact (code {result[0]})")
            names = _matched(engine, handle, 0 if result[0] == _DEFERRED else result[1])
        except Exception as exc:
            # never touch this sid again: delete_state after a failed assert segfaults
            _STATS["failed_asserts"] += 1
            if len(part.rules) == 1:
                raise InternalError(f"durable-rules failed to assert a fact: {exc}") from exc
            _STATS["splits"] += 1
            for half in part.halves():
                found |= _run_chunk(half, program, facts, flags, quantify)
            continue
        engine.delete_state(handle, sid)
        names.discard(CATCH)
        found |= {part.rules[int(name[1:])].target for name in names}
    return found


def fire(
    book: RuleBook, facts: Facts, as_of: dt.date, profile_text: str
) -> tuple[CompiledRule, ...]:
    """The rules that fire, in evaluation order; derived facts are set into ``facts``.

    Same contract as :func:`pathplanner.rules.reference.fire`. Thread-safe (one lock).
    """
    with _Guard.lock:
        program = _PROGRAMS.get(book.content_hash)
        if program is None:
            program = _PROGRAMS[book.content_hash] = compile_book(book)
        fired: list[CompiledRule] = []
        quantify = _quantifier(program)
        for stratum in program.strata:
            found = _run_phases(stratum.phases, program, facts, quantify)
            now = [r for r in stratum.rules if r.id in found and r.in_force(as_of)]
            apply_derives(book, now, facts, profile_text)
            fired += now
        return tuple(fired)
