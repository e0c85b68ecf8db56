"""What an item handled in a mode needs: its prerequisites, materials and obligations.

:func:`item_needs` is the one definition, read by the scheduler (edges, preparation tasks,
obligations) and by the one-time disclosure list alike (``docs/scheduling.md`` §1):

- the item's own prerequisites, materials and obligations, and the mode's obligations;
- in a merged mode, the union of those of the replaced items the project would otherwise
  apply for (``absorbed``, in the mode's ``replaces`` order): a merged item keeps what it
  replaces;
- less what the mode ``drops`` (each with its basis), and less every prerequisite met
  inside the merged item: one that any output of the item or of an item it replaces
  satisfies (the replaced items no longer wait for each other);
- plus the materials the mode adds (a commitment letter);
- less the conditional material uses whose condition failed for the project (``withheld``:
  (item, material) pairs, see :func:`withheld_uses`).

Each entry keeps where it comes from, so the disclosure list can say which replaced item
asks for an inherited material, and a rule's dependency change on a replaced item still
applies to the prerequisite the merged item inherits from it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pathplanner.catalog.cache import per_catalog
from pathplanner.catalog.loaded import Catalog
from pathplanner.catalog.model import Item, MaterialUse, Mode, Obligation, Prerequisite

__all__ = [
    "ItemNeeds",
    "NeededMaterial",
    "NeededObligation",
    "NeededPrerequisite",
    "Withheld",
    "conditional_uses",
    "item_needs",
    "withheld_uses",
]

Withheld = frozenset[tuple[str, str]]


def _conditional_uses(catalog: Catalog) -> Withheld:
    return frozenset(
        (item.id, use.material)
        for item in catalog.items.values()
        for use in item.materials
        if use.conditional
    )


conditional_uses = per_catalog(_conditional_uses)
"""Every (item, material) use of the catalog that carries a ``when`` condition."""


def withheld_uses(
    catalog: Catalog, demanded: Iterable[tuple[str, str]], items: Sequence[str]
) -> Withheld:
    """The conditional uses of ``items`` (an item and the items it replaces) that are not
    ``demanded`` (the (item, material) pairs whose condition held for the project)."""
    conditional = conditional_uses(catalog)
    if not conditional:
        return frozenset()
    wanted = set(items)
    return frozenset(p for p in conditional if p[0] in wanted) - frozenset(demanded)


@dataclass(frozen=True)
class NeededPrerequisite:
    """A prerequisite and the item whose prerequisite it is (``owner``: the item itself or
    a replaced item it is inherited from)."""

    prerequisite: Prerequisite
    owner: str


@dataclass(frozen=True)
class NeededMaterial:
    """A material as the first item asking for it lists it. ``inherited_from``: the
    replaced items that ask for it, when the item itself does not (empty for its own and
    for ``added`` ones); ``added``: the mode adds it."""

    use: MaterialUse
    inherited_from: tuple[str, ...] = ()
    added: bool = False


@dataclass(frozen=True)
class NeededObligation:
    """An obligation owed after the item: its own (``mode`` ``None``), its mode's, or one
    inherited from a replaced item (``owner``)."""

    obligation: Obligation
    owner: str
    mode: str | None = None


@dataclass(frozen=True)
class ItemNeeds:
    """Everything the item ``item`` in one mode needs, each entry with where it comes from."""

    item: str
    prerequisites: tuple[NeededPrerequisite, ...]
    materials: tuple[NeededMaterial, ...]
    obligations: tuple[NeededObligation, ...]

    @property
    def inherits_prerequisites(self) -> bool:
        """Whether some prerequisite comes from a replaced item."""
        return any(p.owner != self.item for p in self.prerequisites)


def item_needs(
    catalog: Catalog,
    item: Item,
    mode: Mode | None,
    absorbed: Sequence[str] = (),
    withheld: Withheld = frozenset(),
) -> ItemNeeds:
    """What ``item`` needs in ``mode`` (``None``: normal handling) when it replaces the
    items ``absorbed`` (those of the mode's ``replaces`` that the project applies for; ids
    the catalog or the mode does not know are ignored), without the ``withheld`` uses."""
    if mode is None:
        return ItemNeeds(
            item=item.id,
            prerequisites=tuple(NeededPrerequisite(p, item.id) for p in item.prerequisites),
            materials=tuple(
                NeededMaterial(u) for u in item.materials if (item.id, u.material) not in withheld
            ),
            obligations=tuple(NeededObligation(o, item.id) for o in item.obligations),
        )
    replaced = [catalog.items[r] for r in mode.replaces if r in catalog.items]
    wanted = set(absorbed)
    owners = [item, *(r for r in replaced if r.id in wanted)]
    return ItemNeeds(
        item=item.id,
        prerequisites=_prerequisites(item, mode, replaced, owners),
        materials=_materials(item, mode, owners, withheld),
        obligations=_obligations(item, mode, owners),
    )


def _prerequisites(
    item: Item, mode: Mode, replaced: Sequence[Item], owners: Sequence[Item]
) -> tuple[NeededPrerequisite, ...]:
    inside = {o.id for task in (item, *replaced) for o in task.outputs}
    dropped = mode.dropped("prerequisite")
    found: list[NeededPrerequisite] = []
    seen: list[Prerequisite] = []
    for owner in owners:
        for prereq in owner.prerequisites:
            outs = prereq.any_of
            if dropped.intersection(outs) or inside.intersection(outs) or prereq in seen:
                continue
            seen.append(prereq)
            found.append(NeededPrerequisite(prereq, owner.id))
    return tuple(found)


def _materials(
    item: Item, mode: Mode, owners: Sequence[Item], withheld: Withheld
) -> tuple[NeededMaterial, ...]:
    dropped = mode.dropped("material")
    first: dict[str, MaterialUse] = {}
    asked_by: dict[str, list[str]] = {}
    for owner in owners:
        for use in owner.materials:
            if use.material in dropped or (owner.id, use.material) in withheld:
                continue
            first.setdefault(use.material, use)
            asked_by.setdefault(use.material, []).append(owner.id)
    found = [
        NeededMaterial(use, () if asked_by[m][0] == item.id else tuple(asked_by[m]))
        for m, use in first.items()
    ]
    found += [
        NeededMaterial(MaterialUse(material=m), added=True)
        for m in dict.fromkeys(mode.adds_materials)
        if m not in first
    ]
    return tuple(found)


def _obligations(item: Item, mode: Mode, owners: Sequence[Item]) -> tuple[NeededObligation, ...]:
    dropped = mode.dropped("obligation")
    found = [NeededObligation(o, item.id) for o in item.obligations if o.id not in dropped]
    found += [NeededObligation(o, item.id, mode.id) for o in mode.obligations]
    ids = {o.id for o in item.obligations} | {o.id for o in mode.obligations}
    for owner in owners[1:]:
        for ob in owner.obligations:
            if ob.id in dropped or ob.id in ids:
                continue
            ids.add(ob.id)
            found.append(NeededObligation(ob, owner.id))
    return tuple(found)
