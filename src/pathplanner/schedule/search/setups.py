"""What the optimizer builds before it searches, kept for the decisions it saw last.

The patch net and the graphs it is built from depend only on the catalog, the decisions
and the limits, not on the start date, the pins or the actual dates; a portal plans the
same project again on every form change that does not change what the rules decide.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from dataclasses import dataclass

from pathplanner.catalog import Catalog
from pathplanner.schedule.build import BuildMemo
from pathplanner.schedule.graph import PlanGraph
from pathplanner.schedule.search.patch import PatchNet

__all__ = ["SETUPS", "Setup", "SetupCache", "clear_setup_cache"]


@dataclass(frozen=True)
class Setup:
    """What an optimizer builds before it searches, which depends only on the catalog,
    the decisions and the limits: the patch net (``None``: not separable), the graphs it
    was built from and the build memo."""

    patch: PatchNet | None
    graphs: dict[tuple[tuple[int, int], ...], PlanGraph]
    memo: BuildMemo

    @property
    def nodes(self) -> int:
        """Graph nodes held (what the setup costs in memory)."""
        return sum(len(g.tasks) for g in self.graphs.values())


class SetupCache:
    """The setups of the last few distinct decisions per catalog object.

    A portal plans the same project again on every form change that does not change what
    the rules decide (a start date, a pin, the statutory view), so the graph builds are kept for
    the decisions seen last. Keyed by the decisions' JSON, which holds everything a build
    reads."""

    SIZE = 16
    NODES = 100_000
    """Most graph nodes kept per catalog, over all kept setups: a plan of a very large
    catalog is not kept at all rather than holding hundreds of megabytes."""

    def __init__(self) -> None:
        self._by_catalog: weakref.WeakKeyDictionary[
            Catalog, OrderedDict[tuple[bytes, bool], Setup]
        ] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def get(self, catalog: Catalog, key: tuple[bytes, bool]) -> Setup | None:
        with self._lock:
            table = self._by_catalog.get(catalog)
            found = table.get(key) if table is not None else None
            if found is not None and table is not None:
                table.move_to_end(key)
            return found

    def clear(self) -> None:
        with self._lock:
            self._by_catalog = weakref.WeakKeyDictionary()

    def put(self, catalog: Catalog, key: tuple[bytes, bool], setup: Setup) -> None:
        if setup.nodes > self.NODES:
            return
        with self._lock:
            table = self._by_catalog.setdefault(catalog, OrderedDict())
            table[key] = setup
            while len(table) > self.SIZE or sum(s.nodes for s in table.values()) > self.NODES:
                table.popitem(last=False)


SETUPS = SetupCache()


def clear_setup_cache() -> None:
    """Forget every kept setup, so that the next plan builds its graphs again (for
    benchmarks that measure a plan whose decisions were never seen)."""
    SETUPS.clear()
