"""The edges of one graph build: one recorder of edge records, and the recorded list.

:func:`edge_records` is the one place a build makes an :class:`~pathplanner.schedule.result.Edge`
record: lag-free records are shared by every plan of a catalog, and records with a lag by
the builds of one optimizer when they are interned. :class:`BuildEdges` is what one build
records, with the duplicate check of :meth:`BuildEdges.link`.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Set as AbstractSet

from pathplanner.catalog.model import Duration
from pathplanner.schedule.result import Edge, EdgeEnd

__all__ = ["SHARED_EDGES_MAX", "BuildEdges", "EdgeRecord", "edge_records"]

SHARED_EDGES_MAX = 2_000_000
"""Most lag-free edge records kept per catalog; past it the table starts over."""

EdgeRecord = Callable[[str, EdgeEnd, Duration | None, str], Edge]
"""Makes (or reuses) the edge record ``(before, binds, lag, source)`` in one build."""


def edge_records(
    shared: dict[tuple[str, str, str], Edge],
    interned: dict[tuple[str, str, str, int], Edge] | None,
    lags: dict[int, Duration],
) -> EdgeRecord:
    """``record(before, binds, lag, source)``: the edge record, made once.

    A lag-free record is kept in ``shared`` (the catalog's table; records are frozen). One
    with a lag is kept in ``interned`` (its lag kept alive in ``lags``, so an id is never
    reused), or made anew when ``interned`` is ``None``."""

    def record(before: str, binds: EdgeEnd, lag: Duration | None, source: str) -> Edge:
        if lag is None:
            skey = (before, binds, source)
            edge = shared.get(skey)
            if edge is None:
                if len(shared) >= SHARED_EDGES_MAX:
                    shared.clear()
                edge = shared[skey] = Edge(before, binds, None, source)
            return edge
        if interned is None:
            return Edge(before, binds, lag, source)
        lag_key = id(lag)
        lags[lag_key] = lag
        ekey = (before, binds, source, lag_key)
        found = interned.get(ekey)
        if found is None:
            found = interned[ekey] = Edge(before, binds, lag, source)
        return found

    return record


class BuildEdges:
    """The edges one build records, in order: ``edges`` (before, after, record);
    ``decision_pairs``: the (before, after) pairs with a decision-binding edge.

    Edges that cannot repeat by construction are appended to ``edges`` directly with a
    record from ``record`` (the callers say why); every other edge goes through
    :meth:`link`."""

    __slots__ = ("decision_pairs", "edges", "record", "relax", "seen")

    def __init__(self, record: EdgeRecord, relax: AbstractSet[str]) -> None:
        self.record = record
        self.relax = relax
        self.edges: list[tuple[str, str, Edge]] = []
        self.seen: set[tuple[str, str, str, str]] = set()
        self.decision_pairs: set[tuple[str, str]] = set()

    def link(
        self, before: str, after: str, binds: EdgeEnd, lag: Duration | None, source: str
    ) -> None:
        """Record the edge ``before`` → ``after`` unless the same one (ends, binding and
        source) is recorded already, it is a loop, or it touches a relaxed task."""
        key = (before, after, binds, source)
        seen = self.seen
        if key in seen or before == after:
            return
        relax = self.relax
        if relax and (before in relax or after in relax):
            return
        seen.add(key)
        self.edges.append((before, after, self.record(before, binds, lag, source)))
        if binds == "decision":
            self.decision_pairs.add((before, after))
