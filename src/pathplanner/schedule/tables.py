"""What every graph build of one catalog reads and never changes, made once per catalog.

:func:`build_tables` gives the :class:`BuildTables` of a catalog object (kept while the
catalog lives, see :func:`~pathplanner.catalog.cache.per_catalog`), so a plan does not
re-sort or re-derive catalog data.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Set as AbstractSet

from pathplanner.catalog import Catalog
from pathplanner.catalog.cache import per_catalog
from pathplanner.catalog.model import Duration, Item, Work
from pathplanner.catalog.needs import ItemNeeds, Withheld
from pathplanner.schedule.result import Edge

__all__ = [
    "BuildTables",
    "Limits",
    "MaterialStep",
    "build_tables",
]

Limits = tuple[Duration, tuple[Duration, ...]]
"""An item's planned limit and its excluded segments (see
:func:`~pathplanner.schedule.durations.item_duration`)."""

MaterialStep = tuple[str, str | None, Duration | None, bool, str, str]
"""One material of an item in a mode: id, issuing output, 容缺 deadline, whether it has a
preparation task, edge source, preparation task id (see
:func:`~pathplanner.schedule.materials.material_plan`)."""

_LIMIT_TABLES_MAX = 8
"""Most (as-of date, limit kind) tables kept per catalog (the oldest is dropped)."""


class BuildTables:
    """The tables of one catalog that graph builds share.

    ``order``: every item and work id, sorted (``tasks``: as a set); ``owners``: output
    id → issuing task; ``sources``: output id → the source of an edge from it;
    ``obligated``: items with an obligation of their own or in a mode; ``government``:
    department id → whether it counts toward government working days;
    ``distinct_prereqs``: tasks whose prerequisites name every output once (their
    prerequisite edges cannot repeat); ``limits``: per (as-of date, statutory) the limits
    of each item in normal handling; ``material_plans`` and ``needs``: per (item, catalog
    mode id, items it replaces; for materials also the conditional uses withheld) the
    materials step list and what the item needs
    (:func:`~pathplanner.catalog.needs.item_needs`); ``edges``: lag-free edge records by
    (before, binds, source), shared between plans (they are frozen).
    """

    def __init__(self, catalog: Catalog) -> None:
        self.order: list[str] = sorted((*catalog.items, *catalog.works))
        self.tasks: frozenset[str] = frozenset(self.order)
        self.owners: dict[str, str] = {out: task for out, (task, _o) in catalog.outputs().items()}
        self.sources: dict[str, str] = {out: f"output:{out}" for out in self.owners}
        self.obligated: list[str] = [
            i.id
            for i in (catalog.items[k] for k in self.order if k in catalog.items)
            if i.obligations or any(m.obligations for m in i.modes)
        ]
        self.distinct_prereqs: set[str] = set()
        tasks: list[Item | Work] = [*catalog.items.values(), *catalog.works.values()]
        for task in tasks:
            outs = [o for p in task.prerequisites for o in p.any_of]
            if len(outs) == len(set(outs)):
                self.distinct_prereqs.add(task.id)
        self.government: dict[str, bool] = {
            d.id: d.kind in ("government", "utility") for d in catalog.departments.values()
        }
        self.limits: dict[tuple[dt.date, bool], dict[str, Limits]] = {}
        self.material_plans: dict[
            tuple[str, str | None, tuple[str, ...], Withheld], list[MaterialStep]
        ] = {}
        self.needs: dict[tuple[str, str, tuple[str, ...]], ItemNeeds] = {}
        self.edges: dict[tuple[str, str, str], Edge] = {}
        self.lock = threading.Lock()

    def sorted_tasks(self, planned: AbstractSet[str]) -> list[str]:
        """``sorted(planned)`` for a set of item and work ids of this catalog."""
        if len(planned) * 8 < len(self.order):
            return sorted(planned)
        return [t for t in self.order if t in planned]

    def limits_for(self, as_of: dt.date, statutory: bool) -> dict[str, Limits]:
        """The table of items' normal limits for one as-of date and limit kind (filled by
        :class:`~pathplanner.schedule.durations.ItemLimits`)."""
        key = (as_of, statutory)
        table = self.limits.get(key)
        if table is None:
            with self.lock:
                table = self.limits.get(key)
                if table is None:
                    while len(self.limits) >= _LIMIT_TABLES_MAX:
                        del self.limits[next(iter(self.limits))]
                    table = {}
                    self.limits[key] = table
        return table


@per_catalog
def build_tables(catalog: Catalog) -> BuildTables:
    """The :class:`BuildTables` of ``catalog`` (made on first use)."""
    return BuildTables(catalog)
