"""What both engines share: the starting facts of a profile and the derived facts that
follow from the rules that fired.

An engine's only job is to say which rules fire (:class:`Firing`); everything else, from
derived values to the :class:`~pathplanner.decisions.Decisions`, is computed here and in
:mod:`pathplanner.rules.conclusions`, so the two engines can only differ in which
rules fired.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from pathplanner.catalog.rulebook.book import CompiledRule, RuleBook
from pathplanner.catalog.rulebook.expressions import TypeInfo
from pathplanner.catalog.rulebook.loader import coerce_value
from pathplanner.catalog.rulebook.model import DeriveConclusion
from pathplanner.errors import InputError, Problem

__all__ = ["Facts", "apply_derives", "initial_facts"]

Value = bool | int | float | str | dt.date | tuple[str, ...]
Facts = dict[str, Value | None]


def _normalize(value: Any, info: TypeInfo | None) -> Value | None:
    if value is None:
        return None
    if info is not None and info.type == "date" and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, bool | int | float | str | dt.date):
        return value
    if isinstance(value, tuple | list):
        return tuple(str(v) for v in value)
    return str(value)


def initial_facts(book: RuleBook, profile: Mapping[str, Any]) -> Facts:
    """The profile's values (normalized: ISO date strings become dates) and every derived
    bool fact at ``false``; other derived facts start unset."""
    facts: Facts = {}
    types = book.types
    for key, value in sorted(profile.items()):
        facts[key] = _normalize(value, types.get(key))
    for fid, fact in book.facts.items():
        facts[fid] = False if fact.type.value == "bool" else None
    return facts


def apply_derives(
    book: RuleBook, fired: Iterable[CompiledRule], facts: Facts, profile_text: str
) -> None:
    """Set the facts derived by ``fired`` (one stratum at a time) into ``facts``.

    Two rules deriving different values of one fact is a conflict: an
    :class:`~pathplanner.errors.InputError` naming both rules and the profile.
    """
    by: dict[str, tuple[str, Value]] = {}
    problems: list[Problem] = []
    for rule in fired:
        for c in rule.rule.then:
            if not isinstance(c, DeriveConclusion):
                continue
            fid = c.derive.fact
            value = coerce_value(c.derive.value, book.types[fid])
            if fid in by and by[fid][1] != value:
                problems.append(
                    Problem(
                        "rule-conflict",
                        rule.location,
                        f"Rule(id={rule.id!r})",
                        args={
                            "rule": by[fid][0],
                            "other": rule.id,
                            "what": fid,
                            "sample": profile_text,
                        },
                    )
                )
                continue
            by[fid] = (rule.id, value)
    if problems:
        raise InputError(problems)
    for fid, (_, value) in by.items():
        facts[fid] = value
