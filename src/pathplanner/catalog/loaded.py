"""The loaded catalog: every entity of a catalog directory, cross-checked, with its hash.

A catalog directory holds ``catalog/`` (manifest, stages, departments, parties, profile
fields, materials, items, works, calendars) and ``rules/``. :func:`load_catalog` reads it
in one pass and raises :class:`~pathplanner.errors.InputError` with every problem found.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pathplanner.calendar import WorkCalendar
from pathplanner.catalog.model import (
    CatalogManifest,
    Department,
    Item,
    Material,
    Output,
    Party,
    ProfileField,
    Stage,
    Target,
    Work,
)
from pathplanner.catalog.rulebook.book import RuleBook
from pathplanner.errors import Location, Problem

__all__ = ["Catalog", "default_catalog_dir"]


@dataclass(frozen=True, eq=False)
class Catalog:
    """A validated catalog. Mappings are ordered by id (stages by their ``order``).

    ``locations`` maps a breadcrumb such as ``Item(id='x')`` to where it is defined, so that
    problems found later (at plan time) can still point at a file and line.
    """

    root: Path
    manifest: CatalogManifest
    stages: Mapping[str, Stage]
    departments: Mapping[str, Department]
    parties: Mapping[str, Party]
    fields: Mapping[str, ProfileField]
    materials: Mapping[str, Material]
    items: Mapping[str, Item]
    works: Mapping[str, Work]
    rules: RuleBook
    calendar: WorkCalendar
    content_hash: str
    locations: Mapping[str, Location] = field(default_factory=dict)
    warnings: tuple[Problem, ...] = ()
    targets: Mapping[str, Target] = field(default_factory=dict)

    def task(self, task_id: str) -> Item | Work:
        """The item or work with this id (``KeyError`` when there is none)."""
        if task_id in self.items:
            return self.items[task_id]
        return self.works[task_id]

    def outputs(self) -> dict[str, tuple[str, Output]]:
        """Every output id mapped to (issuing task id, output)."""
        found: dict[str, tuple[str, Output]] = {}
        tasks: list[Item | Work] = [*self.items.values(), *self.works.values()]
        for task in tasks:
            for out in task.outputs:
                found[out.id] = (task.id, out)
        return found


def default_catalog_dir() -> Path:
    """The default catalog shipped with the package.

    In a wheel it lives in ``pathplanner/default_catalog``; in a source checkout (editable
    install) it is the repository's top-level ``catalog/`` and ``rules/``.
    """
    packaged = Path(__file__).resolve().parents[1] / "default_catalog"
    if (packaged / "catalog").is_dir():
        return packaged
    return Path(__file__).resolve().parents[3]
