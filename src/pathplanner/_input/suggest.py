"""Suggestions ("did you mean") for misspelt keys, ids and enum values."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["did_you_mean", "quote_all"]


def did_you_mean(word: str, candidates: Iterable[str], *, limit: int = 3) -> list[str]:
    """The candidates closest to ``word``, best first (at most ``limit``; may be empty).

    A candidate that differs from ``word`` only in case, or in ``-`` versus ``_``, comes
    first; then :mod:`difflib` close matches. The result is deterministic: ties are broken
    by the candidates' sorted order.

    >>> did_you_mean("statutry", ["statutory", "committed"])
    ['statutory']
    """
    pool = sorted({c for c in candidates if c != word})
    if not pool:
        return []

    def norm(s: str) -> str:
        return s.casefold().replace("_", "-")

    exact = [c for c in pool if norm(c) == norm(word)]
    scored = sorted((-_similarity(word, c), c) for c in pool if c not in exact)
    close = [c for score, c in scored if -score >= 0.6]
    return (exact + close)[:limit]


def _similarity(word: str, candidate: str) -> float:
    """difflib's ratio; dotted names that share their prefix are compared by the last part
    (``project.design_days`` is not close to ``project.investment``)."""
    head, _, tail = word.rpartition(".")
    other_head, _, other_tail = candidate.rpartition(".")
    if head and head == other_head:
        word, candidate = tail, other_tail
    return difflib.SequenceMatcher(None, word, candidate).ratio()


def quote_all(words: Iterable[str]) -> str:
    """``'a', 'b'``: words quoted and joined for a message."""
    return ", ".join(f"'{w}'" for w in words)
