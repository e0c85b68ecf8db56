"""A project's buildings and their spaces: which fields describe them, and their facts.

A catalog declares building fields (ids ``building.<name>``) and space fields
(``space.<name>``) beside the project's own. A profile lists its buildings under
``buildings``, each with its ``spaces`` (a podium mall under housing, a cinema inside an
office tower); a profile that lists none has one building made of its ``project`` values.
Either way the rules see one shape, flattened into scalar facts::

    buildings.count = 2
    buildings.0.use = "residential"      # building.use of the first building
    buildings.0.spaces.count = 2
    buildings.0.spaces.1.use = "mall"    # space.use of its second space

A building's spaces always cover its floor area: the area its listed spaces leave is one
more space of the building's own use (all of it, when it lists none). So a sum of space
areas over a building is its floor area, and over the project the project's total.

Conditions read these facts through :class:`BuildingView` (``building.<name>`` inside
``any building:``) and :func:`space_sum` (``sum of floor_area_m2 where use in [...]``).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from pathplanner.catalog.model import ProfileField

__all__ = [
    "AREA",
    "BUILDINGS",
    "COUNT_KEY",
    "SPACES",
    "USE",
    "BuildingView",
    "Scope",
    "SpaceView",
    "building_facts",
    "building_key",
    "building_views",
    "leaf",
    "main_building",
    "scope",
    "single_building",
    "space_key",
    "space_sum",
    "spaces_count_key",
    "summary_values",
]

Scope = Literal["project", "building", "space"]
Value = bool | int | float | str | dt.date | tuple[str, ...]

BUILDINGS = "buildings"
"""The profile key of the building list, and the prefix of its facts."""
SPACES = "spaces"
"""A building's key of its space list."""
AREA = "floor_area_m2"
"""The floor-area field of a building and of a space (``building.`` / ``space.``)."""
USE = "use"
"""The use field of a building and of a space."""
COUNT_KEY = f"{BUILDINGS}.count"
"""The fact holding how many buildings the project has."""


def scope(fid: str) -> Scope:
    """Whether a field id describes the project, one building or one space."""
    head = fid.split(".", 1)[0]
    if head == "building":
        return "building"
    if head == "space":
        return "space"
    return "project"


def leaf(fid: str) -> str:
    """A field id without its first part: ``floor_area_m2`` for ``building.floor_area_m2``."""
    return fid.split(".", 1)[1]


def building_key(index: int, name: str) -> str:
    """The fact of field ``building.<name>`` of building ``index``."""
    return f"{BUILDINGS}.{index}.{name}"


def spaces_count_key(index: int) -> str:
    """The fact holding how many spaces building ``index`` has."""
    return f"{BUILDINGS}.{index}.{SPACES}.count"


def space_key(index: int, space: int, name: str) -> str:
    """The fact of field ``space.<name>`` of space ``space`` of building ``index``."""
    return f"{BUILDINGS}.{index}.{SPACES}.{space}.{name}"


class BuildingView(Mapping[str, Any]):
    """The facts as a condition inside a building quantifier sees them: ``building.<name>``
    is the value of building ``index``; every other name is the project's fact."""

    __slots__ = ("facts", "index")

    def __init__(self, facts: Mapping[str, Any], index: int) -> None:
        self.facts = facts
        self.index = index

    def __getitem__(self, key: str) -> Any:
        if key.startswith("building."):
            return self.facts[building_key(self.index, key[9:])]
        return self.facts[key]

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default

    def __iter__(self) -> Iterator[str]:
        return iter(self.facts)

    def __len__(self) -> int:
        return len(self.facts)


class SpaceView(Mapping[str, Any]):
    """One space's facts by the last part of their field id (``use``, ``floor_area_m2``),
    as the ``where`` part of a sum reads them."""

    __slots__ = ("facts", "prefix")

    def __init__(self, facts: Mapping[str, Any], index: int, space: int) -> None:
        self.facts = facts
        self.prefix = space_key(index, space, "")

    def __getitem__(self, key: str) -> Any:
        return self.facts[self.prefix + key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.facts.get(self.prefix + key, default)

    def __iter__(self) -> Iterator[str]:
        n = len(self.prefix)
        return (k[n:] for k in self.facts if k.startswith(self.prefix))

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _count(facts: Mapping[str, Any], key: str) -> int:
    value = facts.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def building_views(facts: Mapping[str, Any]) -> list[BuildingView]:
    """One view per building of the project, in the profile's order."""
    if isinstance(facts, BuildingView):  # a quantifier never nests: read the project's
        facts = facts.facts
    return [BuildingView(facts, i) for i in range(_count(facts, COUNT_KEY))]


def space_sum(
    facts: Mapping[str, Any],
    of: str,
    where: Callable[[Mapping[str, Any]], bool] | None,
    building: int | None = None,
) -> int | float:
    """The sum of space field ``space.<of>`` over the spaces for which ``where`` holds
    (all of them without one): of building ``building``, or of every building. Unset
    values count as nothing; the sum is exact (``math.fsum``) and whole when it can be."""
    if isinstance(facts, BuildingView):
        facts = facts.facts
    indexes = range(_count(facts, COUNT_KEY)) if building is None else (building,)
    found: list[int | float] = []
    for i in indexes:
        for j in range(_count(facts, spaces_count_key(i))):
            if where is not None and not where(SpaceView(facts, i, j)):
                continue
            value = facts.get(space_key(i, j, of))
            if isinstance(value, int | float) and not isinstance(value, bool):
                found.append(value)
    total = math.fsum(found)
    if all(isinstance(v, int) for v in found) and total.is_integer():
        return int(total)
    return total


# -- from a profile to facts -----------------------------------------------------------


def main_building(buildings: Sequence[Mapping[str, Value]]) -> int:
    """The index of the main building: the first of the largest floor area."""
    areas = [_number(b.get(f"building.{AREA}")) for b in buildings]
    return areas.index(max(areas)) if areas else 0


def _number(value: Any) -> float:
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    return float(value) if ok else 0.0


class _Layout:
    """Which fields of a catalog describe a building and a space, worked out once: the
    facts of every profile (and of every witness the domain search tries) read them."""

    __slots__ = ("building", "fields", "space")

    def __init__(self, fields: Mapping[str, ProfileField]) -> None:
        self.fields = fields
        # (building field, its project field, its scalar default or None)
        self.building: tuple[tuple[str, str, Value | None], ...] = tuple(
            (
                fid,
                f"project.{leaf(fid)}",
                None if isinstance(spec.default, list) else spec.default,
            )
            for fid, spec in fields.items()
            if scope(fid) == "building"
        )
        # (space field, the building field of the same name)
        self.space: tuple[tuple[str, str], ...] = tuple(
            (fid, f"building.{leaf(fid)}") for fid in fields if scope(fid) == "space"
        )


_layouts: dict[int, _Layout] = {}
_MAX_LAYOUTS = 8


def _layout(fields: Mapping[str, ProfileField]) -> _Layout:
    found = _layouts.get(id(fields))
    if found is not None and found.fields is fields:
        return found
    made = _Layout(fields)
    if len(_layouts) >= _MAX_LAYOUTS:
        _layouts.pop(next(iter(_layouts)))
    _layouts[id(fields)] = made  # holds ``fields``, so its id is not reused meanwhile
    return made


def single_building(
    fields: Mapping[str, ProfileField], values: Mapping[str, Value]
) -> dict[str, Value]:
    """The one building of a profile that lists none: each building field takes the
    project field of the same name (``building.height_m`` ← ``project.height_m``)."""
    found: dict[str, Value] = {}
    for fid, project_fid, default in _layout(fields).building:
        if project_fid in values:
            found[fid] = values[project_fid]
        elif default is not None:
            found[fid] = default
    return found


def _spaces(
    fields: Mapping[str, ProfileField],
    building: Mapping[str, Value],
    spaces: Sequence[Mapping[str, Value]],
) -> list[Mapping[str, Value]]:
    """The listed spaces and, when they leave part of the building's floor area, one more
    space of the building's own fields (its use) over the rest."""
    area = _number(building.get(f"building.{AREA}"))
    listed = math.fsum(_number(s.get(f"space.{AREA}")) for s in spaces)
    if spaces and listed >= area:
        return list(spaces)
    rest: dict[str, Value] = {}
    for fid, building_fid in _layout(fields).space:
        if building_fid in building:
            rest[fid] = building[building_fid]
    whole = building.get(f"building.{AREA}")
    if spaces:
        remainder = area - listed
        rest[f"space.{AREA}"] = int(remainder) if remainder.is_integer() else remainder
    elif whole is not None:
        rest[f"space.{AREA}"] = whole
    return [*spaces, rest]


def building_facts(
    fields: Mapping[str, ProfileField],
    values: Mapping[str, Value],
    buildings: Sequence[tuple[Mapping[str, Value], Sequence[Mapping[str, Value]]]] | None,
) -> dict[str, Value]:
    """The facts of a project's buildings (see the module docstring).

    ``buildings`` pairs each building's values (by building field id) with its spaces'
    values (by space field id); ``None`` means the profile lists none, and the project
    fields in ``values`` make the one building.
    """
    if buildings is None:
        buildings = [(single_building(fields, values), [])]
    facts: dict[str, Value] = {COUNT_KEY: len(buildings)}
    for i, (building, spaces) in enumerate(buildings):
        for fid, value in building.items():
            facts[building_key(i, leaf(fid))] = value
        complete = _spaces(fields, building, spaces)
        facts[spaces_count_key(i)] = len(complete)
        for j, space in enumerate(complete):
            for fid, value in space.items():
                facts[space_key(i, j, leaf(fid))] = value
    return facts


def summary_values(
    fields: Mapping[str, ProfileField], buildings: Sequence[Mapping[str, Value]]
) -> dict[str, Value]:
    """The project fields that follow from the buildings, by each building field's
    ``summary``: the sum (floor areas), the maximum (height) or the main building's value
    (use)."""
    found: dict[str, Value] = {}
    if not buildings:
        return found
    main = main_building(buildings)
    for fid, spec in fields.items():
        if scope(fid) != "building" or spec.summary is None:
            continue
        given = [b[fid] for b in buildings if fid in b]
        target = f"project.{leaf(fid)}"
        if spec.summary == "main":
            if fid in buildings[main]:
                found[target] = buildings[main][fid]
        elif given and spec.summary == "max":
            found[target] = max(given, key=_number)
        elif given:
            total = math.fsum(_number(v) for v in given)
            whole = all(isinstance(v, int) for v in given) and total.is_integer()
            found[target] = int(total) if whole else total
    return found
