"""Conditional material uses as rules: an item's ``{material, when}`` becomes the rule
``material:<item>:<material>`` that concludes ``demand_material``.

Written as a rule, a material's condition is parsed, type-checked and ordered into strata
like every rule, run by both engines, explained, and compared by ``diff``; the disclosure
list and the material plan then ask only for the materials whose rule fired.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from pathplanner.catalog.model import Item, Material, MaterialUse
from pathplanner.catalog.rulebook.model import DemandMaterial, Rule
from pathplanner.errors import Location

__all__ = [
    "MATERIAL_RULE_PREFIX",
    "MaterialCondition",
    "material_conditions",
    "material_rule",
    "material_rule_id",
]

MATERIAL_RULE_PREFIX = "material:"
"""The id prefix of the rule a conditional material use becomes."""


def material_rule_id(item: str, material: str) -> str:
    """``material:<item>:<material>``: the id of the rule of a conditional use."""
    return f"{MATERIAL_RULE_PREFIX}{item}:{material}"


@dataclass(frozen=True)
class MaterialCondition:
    """A conditional material use of an item, with where its ``when`` is written."""

    item: Item
    use: MaterialUse
    names: tuple[str, str]
    basis: str
    location: Location
    crumb: str


def material_conditions(
    items: Mapping[str, Item],
    materials: Mapping[str, Material],
    locations: Mapping[tuple[str, str], Location],
) -> Iterator[MaterialCondition]:
    """Every conditional use of ``items``, in item then listing order. Its basis is the
    use's own, else the material's, else the item's first; ``locations`` maps (item,
    material) to where the ``when`` is written (the item's place when unknown)."""
    for item in items.values():
        for index, use in enumerate(item.materials):
            if not use.conditional:
                continue
            material = materials.get(use.material)
            basis = use.basis or (material.basis if material else "") or item.basis[0]
            where = locations.get((item.id, use.material), Location("", 0, 0))
            yield MaterialCondition(
                item=item,
                use=use,
                names=(material.zh, material.en) if material else (use.material, use.material),
                basis=basis,
                location=where,
                crumb=f"Item(id={item.id!r}) > materials[{index}]",
            )


def material_rule(condition: MaterialCondition) -> Rule:
    """The rule of a conditional use: in force while the item is, its condition the use's
    ``when``, its one conclusion ``demand_material``.

    Built without validation: its id has colons, which a rule file's id may not, so that
    it can never clash with one.
    """
    item, use = condition.item, condition.use
    demand = DemandMaterial.model_validate(
        {"demand_material": {"item": item.id, "material": use.material}}
    )
    return Rule.model_construct(
        id=material_rule_id(item.id, use.material),
        zh=f"{item.zh}要求{condition.names[0]}",
        en=f"{item.en or item.id} asks for {condition.names[1] or use.material}",
        when=use.when,
        then=[demand],
        basis=condition.basis,
        valid_from=item.valid_from,
        valid_until=item.valid_until,
        confidence=use.confidence,
        note=use.note,
        accepted_warnings=[],
    )
