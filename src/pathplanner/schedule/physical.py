"""Physical inputs: what a task waits for whatever the rules waive (``docs/scheduling.md`` §1.5).

A prerequisite marked ``physical`` (the drawings to build from, the scheme a review
approves) is never removed. When the task issuing one is not in the plan, the consumer waits
for that task's own physical inputs instead, and so on back through every removed task.
When an administrative prerequisite (a permit) is removed, the consumer likewise waits for
the physical inputs of the task that would have issued it. :class:`PhysicalInputs` answers
both questions for one build.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pathplanner.catalog import Catalog
from pathplanner.catalog.cache import per_catalog
from pathplanner.catalog.model import Item, Work

__all__ = ["PhysicalInputs", "Source", "physical_prerequisites"]

Source = tuple[str, str]
"""A planned task and the output of it that a consumer waits for."""


@per_catalog
def physical_prerequisites(catalog: Catalog) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Task id → the ``any_of`` lists of its physical prerequisites (tasks without any are
    left out), and ``material:<id>`` → the ``any_of`` lists of a material's inputs."""
    found: dict[str, tuple[tuple[str, ...], ...]] = {}
    tasks: list[Item | Work] = [*catalog.items.values(), *catalog.works.values()]
    for task in tasks:
        physical = tuple(tuple(p.any_of) for p in task.prerequisites if p.physical)
        if physical:
            found[task.id] = physical
    for material in catalog.materials.values():
        if material.inputs:
            found[f"material:{material.id}"] = tuple(tuple(p.any_of) for p in material.inputs)
    return found


class PhysicalInputs:
    """The physical sources of outputs in one build.

    ``producer``: output id → the planned task issuing it; ``owners``: output id → the
    catalog task issuing it, planned or not.
    """

    __slots__ = ("owners", "physical", "producer")

    def __init__(
        self,
        catalog: Catalog,
        producer: Mapping[str, str],
        owners: Mapping[str, str],
    ) -> None:
        self.producer = producer
        self.owners = owners
        self.physical = physical_prerequisites(catalog)

    def sources(self, any_of: Sequence[str]) -> list[Source]:
        """What a physical prerequisite satisfied by any one of ``any_of`` waits for: the
        first output a planned task issues; else, for the first output whose issuer leaves
        something behind, what its issuer leaves behind (:meth:`behind`)."""
        return self._sources(any_of, set())

    def behind(self, task_id: str) -> list[Source]:
        """What a consumer waits for in place of ``task_id`` (a task that is not planned, or
        an output of it no longer waited for): the sources of its physical prerequisites."""
        return self._behind(task_id, set())

    def behind_output(self, out: str) -> list[Source]:
        """What a consumer of ``out`` waits for when no planned task issues it: what its
        issuer leaves behind (nothing for an output the catalog does not issue)."""
        owner = self.owners.get(out)
        return self._behind(owner, set()) if owner is not None else []

    def inherited(self, any_of: Sequence[str]) -> list[Source]:
        """What a removed administrative prerequisite leaves behind: :meth:`behind` of the
        issuer of the first of ``any_of`` that leaves anything."""
        seen: set[str] = set()
        for out in any_of:
            owner = self.owners.get(out)
            if owner is None:
                continue
            found = self._behind(owner, seen)
            if found:
                return found
        return []

    def _sources(self, any_of: Sequence[str], seen: set[str]) -> list[Source]:
        producer = self.producer
        for out in any_of:
            task = producer.get(out)
            if task is not None:
                return [(task, out)]
        for out in any_of:
            owner = self.owners.get(out)
            if owner is None or owner in seen:
                continue
            found = self._behind(owner, seen)
            if found:
                return found
        return []

    def _behind(self, task_id: str, seen: set[str]) -> list[Source]:
        seen.add(task_id)
        found: list[Source] = []
        for any_of in self.physical.get(task_id, ()):
            for source in self._sources(any_of, seen):
                if source not in found:
                    found.append(source)
        return found
