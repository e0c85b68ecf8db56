"""Physical prerequisites against the rules: nothing waives one, and every work feeds a task.

Two checks run once the rules are loaded (``docs/scheduling.md`` §1.5 gives the semantics
they rely on):

- ``physical-input-removed``: a rule's ``remove_dependency`` or a mode's
  ``drops`` names a prerequisite marked ``physical``.
- ``work-feeds-nothing``: a work (not ``terminal``) whose outputs no task would wait for.

"Some applicable path" is decided on one worst case, the union of every removal any rule or
mode can make: every ``exclude`` of every rule, every removed dependency, every mode's
dropped prerequisites and replaced items, all at once. A work still feeding a task there
feeds one on every path, because removals only take edges away (an edge to a physical
input is never taken, and what a removed task leaves behind reaches its consumers). A
dependency a rule adds counts when every rule that makes the work apply also adds one from
it. The check is linear in the catalog and the rules, and can be stricter than needed when
two removals never meet on one path. It assumes the users of a work apply whenever it does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from pathplanner.catalog.loaded import Catalog
from pathplanner.catalog.model import Item, Work
from pathplanner.catalog.rulebook.model import (
    AddDependency,
    ExcludeConclusion,
    RemoveDependency,
    RequireConclusion,
)
from pathplanner.errors import Location, Problem

__all__ = ["check_physical"]


@dataclass
class _Removals:
    """The union of what the rules and modes can remove, each with what removes it."""

    excluded: dict[str, str] = field(default_factory=dict)
    required: dict[str, set[str]] = field(default_factory=dict)
    added: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    removed: dict[tuple[str, str], str] = field(default_factory=dict)
    dropped: dict[tuple[str, str], str] = field(default_factory=dict)
    replaced: dict[str, str] = field(default_factory=dict)


def _removals(catalog: Catalog) -> _Removals:
    found = _Removals()
    for rule in catalog.rules.rules:
        for c in rule.then:
            if isinstance(c, ExcludeConclusion):
                found.excluded.setdefault(c.exclude, rule.id)
            elif isinstance(c, RequireConclusion):
                found.required.setdefault(c.require, set()).add(rule.id)
            elif isinstance(c, AddDependency):
                add = c.add_dependency
                found.added.setdefault(add.before, {}).setdefault(rule.id, set()).add(add.after)
            elif isinstance(c, RemoveDependency):
                dep = c.remove_dependency
                found.removed.setdefault((dep.before, dep.after), rule.id)
    for item in catalog.items.values():
        for mode in item.modes:
            for ref in mode.dropped("prerequisite") | mode.dropped("material"):
                found.dropped.setdefault((ref, item.id), f"{item.id}:{mode.id}")
            for gone in mode.replaces:
                found.replaced.setdefault(gone, item.id)
    return found


def check_physical(catalog: Catalog) -> list[Problem]:
    """Every ``physical-input-removed`` and ``work-feeds-nothing`` problem of a catalog
    whose entities and rules are otherwise valid."""
    removals = _removals(catalog)
    return [*_waived(catalog), *_unfed(catalog, removals)]


def _physical_outputs(task: Item | Work) -> set[str]:
    return {o for p in task.prerequisites if p.physical for o in p.any_of}


def _waived(catalog: Catalog) -> list[Problem]:
    """Rules and modes that remove a physical prerequisite."""
    problems = []
    by_id = catalog.rules.by_id()
    for rule in catalog.rules.rules:
        for c in rule.then:
            if not isinstance(c, RemoveDependency):
                continue
            dep = c.remove_dependency
            task = catalog.items.get(dep.after) or catalog.works.get(dep.after)
            if task is not None and dep.before in _physical_outputs(task):
                problems.append(
                    Problem(
                        "physical-input-removed",
                        by_id[rule.id].location,
                        f"Rule(id='{rule.id}')",
                        args={"by": rule.id, "task": dep.after, "output": dep.before},
                    )
                )
    for item in catalog.items.values():
        physical = _physical_outputs(item)
        for mode in item.modes:
            for ref in sorted(mode.dropped("prerequisite")):
                if ref in physical:
                    crumb = f"Item(id='{item.id}')"
                    problems.append(
                        Problem(
                            "physical-input-removed",
                            catalog.locations.get(crumb, Location("catalog")),
                            f"{crumb} > modes > {mode.id}",
                            args={"by": f"{item.id}:{mode.id}", "task": item.id, "output": ref},
                        )
                    )
    return problems


@dataclass(frozen=True)
class _Use:
    """A task waiting for an output: through a prerequisite (``physical`` or not) or a
    material (``material``: its id)."""

    task: str
    output: str
    physical: bool
    material: str | None = None


def _uses(catalog: Catalog) -> dict[str, list[_Use]]:
    """Output id → every use of it in the catalog."""
    uses: dict[str, list[_Use]] = {}
    tasks: list[Item | Work] = [*catalog.items.values(), *catalog.works.values()]
    for task in sorted(tasks, key=lambda t: t.id):
        for prereq in task.prerequisites:
            for out in prereq.any_of:
                uses.setdefault(out, []).append(_Use(task.id, out, prereq.physical))
        for use in task.materials if isinstance(task, Item) else ():
            material = catalog.materials.get(use.material)
            if material is None:
                continue
            made_from = [material.issued_by] if material.issued_by else []
            made_from += [o for p in material.inputs for o in p.any_of]
            for out in made_from:
                uses.setdefault(out, []).append(_Use(task.id, out, True, material.id))
    return uses


def _unfed(catalog: Catalog, removals: _Removals) -> list[Problem]:
    uses = _uses(catalog)
    problems = []
    for work in sorted(catalog.works.values(), key=lambda w: w.id):
        if work.terminal:
            continue
        lost = _feeds(catalog, work, uses, removals)
        if lost is None:
            continue
        crumb = f"Work(id='{work.id}')"
        problems.append(
            Problem(
                "work-feeds-nothing",
                catalog.locations.get(crumb, Location("catalog")),
                crumb,
                args={"work": work.id, "lost": ", ".join(dict.fromkeys(lost)) or "-"},
            )
        )
    return problems


def _feeds(
    catalog: Catalog, work: Work, uses: dict[str, list[_Use]], removals: _Removals
) -> list[str] | None:
    """``None`` when ``work`` feeds a task in the worst case; else each lost use, with what
    removes it."""
    excluded = {t: r for t, r in removals.excluded.items() if t != work.id}
    if _fed_by_its_rules(work, removals, excluded):
        return None
    lost: list[str] = []
    stack: list[tuple[str, bool]] = [(work.id, False)]
    seen = {work.id}
    while stack:
        task_id, left_behind = stack.pop()
        for use in _outputs_used(catalog, task_id, uses):
            consumer = use.task
            if consumer in excluded:
                if use.physical and use.material is None and consumer not in seen:
                    seen.add(consumer)
                    stack.append((consumer, True))
                else:
                    lost.append(f"{consumer} ({excluded[consumer]})")
                continue
            heir = removals.replaced.get(consumer)
            if heir is not None:
                if use.physical and use.material is None and heir not in excluded:
                    return None
                lost.append(f"{consumer} ({heir})")
                continue
            if left_behind:
                return None  # a consumer of a removed task waits for what it left behind
            by = removals.removed.get((use.output, consumer)) or removals.dropped.get(
                (use.material or use.output, consumer)
            )
            if by is not None and not (use.physical and use.material is None):
                lost.append(f"{consumer} ({by})")
                continue
            return None
    return lost


def _fed_by_its_rules(work: Work, removals: _Removals, excluded: dict[str, str]) -> bool:
    """A work that applies only through rules, each of which also makes a task wait for it
    (``add_dependency`` from it or its output to a task no rule excludes)."""
    requiring = removals.required.get(work.id, set())
    if work.applies_by_default or not requiring:
        return False
    feeding: set[str] = set()
    for ref in (work.id, *(o.id for o in work.outputs)):
        for rule_id, after in removals.added.get(ref, {}).items():
            kept = [a for a in after if a not in excluded and (ref, a) not in removals.removed]
            if kept:
                feeding.add(rule_id)
    return requiring <= feeding


def _outputs_used(catalog: Catalog, task_id: str, uses: dict[str, list[_Use]]) -> Iterable[_Use]:
    task = catalog.items.get(task_id) or catalog.works.get(task_id)
    for out in task.outputs if task is not None else ():
        yield from uses.get(out.id, ())
