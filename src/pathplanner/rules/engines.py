"""Choosing an engine and running it: :func:`decide`, :func:`fired_rules`.

Two engines decide which rules fire: ``reference`` (plain Python, always available) and
``durable`` (durable-rules, a Rete engine, on CPython < 3.13 where it is installed). Both
feed the same :func:`~pathplanner.rules.conclusions.build_decisions`. See
``docs/engines.md`` for the measurements behind :data:`DEFAULT_ENGINE`.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pathplanner.catalog.rulebook.book import CompiledRule
from pathplanner.catalog.rulebook.expressions import sample_text
from pathplanner.decisions import Decisions
from pathplanner.errors import InputError, Location, Problem
from pathplanner.rules.conclusions import build_decisions
from pathplanner.rules.evaluation import Facts, initial_facts
from pathplanner.rules.reference import fire as reference_fire

if TYPE_CHECKING:
    from pathplanner.catalog import Catalog

__all__ = [
    "DEFAULT_ENGINE",
    "ENGINES",
    "decide",
    "default_engine",
    "durable_available",
    "fired_rules",
]

ENGINES = ("durable", "reference")
DEFAULT_ENGINE = "durable"
"""The engine used when none is named, if it is available (else ``reference``)."""


@lru_cache(maxsize=1)
def durable_available() -> bool:
    """True when durable-rules can be imported (it does not build on Python 3.13+)."""
    try:
        return importlib.util.find_spec("durable.engine") is not None
    except (ImportError, ValueError):
        return False


def default_engine() -> str:
    """The engine :func:`decide` uses when none is named."""
    if DEFAULT_ENGINE == "durable" and not durable_available():
        return "reference"
    return DEFAULT_ENGINE


def _engine_name(engine: str | None) -> str:
    name = engine or default_engine()
    if name not in ENGINES:
        raise InputError(
            [
                Problem(
                    "rule-engine-unknown",
                    Location("--engine"),
                    args={"engine": name, "engines": ", ".join(ENGINES)},
                )
            ]
        )
    if name == "durable" and not durable_available():
        raise InputError(
            [
                Problem(
                    "rule-engine-unavailable",
                    Location("--engine"),
                    args={"engine": name, "detail": "durable-rules is not installed"},
                )
            ]
        )
    return name


def run(
    catalog: Catalog, profile: Mapping[str, Any], *, as_of: dt.date, engine: str | None = None
) -> tuple[str, tuple[CompiledRule, ...], Facts, str]:
    """Run an engine: (engine name, fired rules, facts with derived values, profile text)."""
    name = _engine_name(engine)
    book = catalog.rules
    facts = initial_facts(book, profile)
    text = sample_text(facts)
    if name == "reference":
        fired = reference_fire(book, facts, as_of, text)
    else:
        # lazy import: durable-rules costs ~40 ms to import and is absent on Python >= 3.13
        from pathplanner.rules._durable import fire as durable_fire

        fired = durable_fire(book, facts, as_of, text)
    return name, fired, facts, text


def decide(
    catalog: Catalog,
    profile: Mapping[str, Any],
    *,
    as_of: dt.date,
    engine: str | None = None,
    horizon: dt.date | None = None,
) -> Decisions:
    """Decide, for one validated ``profile`` as of ``as_of``, what applies and how.

    ``engine`` is ``"durable"`` or ``"reference"`` (``None``: :func:`default_engine`).
    With ``horizon`` (for example the plan's finish), the decisions warn about rules, tasks,
    modes and time limits used whose validity changes between ``as_of`` and ``horizon``.
    Thread-safe. Raises :class:`~pathplanner.errors.InputError` for an unknown or missing
    engine and for contradicting rules (both rule ids and the profile are named).
    """
    name, fired, facts, text = run(catalog, profile, as_of=as_of, engine=engine)
    return build_decisions(
        catalog, fired, facts, as_of=as_of, engine=name, profile_text=text, horizon=horizon
    )


def fired_rules(
    catalog: Catalog,
    profile: Mapping[str, Any],
    *,
    as_of: dt.date,
    engine: str | None = "reference",
) -> tuple[str, ...]:
    """Ids of the rules that fire for ``profile`` as of ``as_of`` (sorted)."""
    _, fired, _, _ = run(catalog, profile, as_of=as_of, engine=engine)
    return tuple(sorted(r.id for r in fired))
