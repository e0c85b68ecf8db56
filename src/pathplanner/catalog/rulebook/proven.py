"""The domain search's verdict on the shipped catalog, stored so that a plan need not
repeat it.

:func:`~pathplanner.catalog.rulebook.contradictions.search_domain` proves a rule book free
of contradictions, conflicts and rules that can never fire. With the whole fire list and
the building quantifiers it became a quarter of a cold ``pathplanner plan``. Its verdict
depends on nothing but the catalog's files, which ``Catalog.content_hash`` covers (every
YAML file of ``catalog/`` and ``rules/``), so ``make snapshots`` stores the default
catalog's verdict beside that hash in ``_proven.py``. A catalog with that hash takes the
stored verdict; any edit changes the hash and the search runs as before.
``tests/catalog/test_proven.py`` keeps the stored verdict equal to a fresh search and its
hash equal to the shipped catalog's.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from pathplanner.catalog.rulebook import _proven
from pathplanner.catalog.rulebook.book import RuleBook
from pathplanner.catalog.rulebook.contradictions import search_domain
from pathplanner.errors import Location, Problem

if TYPE_CHECKING:
    from pathplanner.catalog import Catalog

__all__ = ["domain_problems", "proven_source"]


def domain_problems(book: RuleBook, catalog: Catalog) -> list[Problem]:
    """What :func:`search_domain` finds for ``book``: stored for the shipped catalog."""
    if catalog.content_hash == _proven.CONTENT_HASH:
        return [_problem(stored) for stored in _proven.PROBLEMS]
    return search_domain(book, catalog)


def proven_source(book: RuleBook, catalog: Catalog) -> str:
    """The source of ``_proven.py`` for ``catalog`` (``make snapshots`` writes it)."""
    found = tuple(dataclasses.asdict(p) for p in search_domain(book, catalog))
    for stored in found:
        stored["args"] = dict(sorted(stored["args"].items()))
    return (
        '"""The domain search\'s verdict on the default catalog, written by ``make snapshots``:\n'
        "do not edit. Used only while ``CONTENT_HASH`` is the loaded catalog's (see\n"
        '``proven.py``)."""\n\n'
        "from typing import Any\n\n"
        f"CONTENT_HASH = {catalog.content_hash!r}\n"
        f"PROBLEMS: tuple[dict[str, Any], ...] = {found!r}\n"
    )


def _problem(stored: dict[str, Any]) -> Problem:
    fields = dict(stored)
    fields["location"] = Location(**stored["location"])
    fields["args"] = dict(stored["args"])
    return Problem(**fields)
