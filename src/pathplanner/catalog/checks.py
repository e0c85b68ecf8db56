"""Cross-checks of a catalog's entities: ids, references, dated values, cycles, usage.

Each entity arrives as an :class:`Entry` (the validated model, where it is, its breadcrumb
and the marked YAML it came from), so every problem can point at the exact line of the
offending reference.
"""

from __future__ import annotations

import datetime as dt
import graphlib
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from pathplanner._input.suggest import did_you_mean, quote_all
from pathplanner._input.validation import describe
from pathplanner._input.yaml import MarkedDict, breadcrumb, locate
from pathplanner.catalog.buildings import AREA, USE, leaf, scope
from pathplanner.catalog.model import DatedDuration, FieldDuration, Item, Material, Mode, Work
from pathplanner.catalog.values import check_value
from pathplanner.errors import Location, Problem, Severity

__all__ = ["Entry", "check_catalog", "check_points"]


@dataclass(frozen=True)
class Entry:
    """One validated catalog entity and where it was defined."""

    model: Any
    location: Location
    crumb: str
    raw: MarkedDict

    def at(self, path: Sequence[str | int]) -> Location:
        """Where the value at ``path`` inside this entity is."""
        line, col = locate(self.raw, path)
        return Location(self.location.file, line or self.location.line, col)

    def problem(
        self,
        code: str,
        path: Sequence[str | int] = (),
        *,
        severity: Severity = "error",
        hint: str = "",
        found: str = "",
        **args: str,
    ) -> Problem:
        return Problem(
            code,
            self.at(path),
            breadcrumb=breadcrumb(self.crumb, path),
            severity=severity,
            hint=hint,
            found=found,
            args=args,
        )


Entries = Mapping[str, list[Entry]]


def _unknown(
    entry: Entry, path: Sequence[str | int], kind: str, ref: str, known: Iterable[str]
) -> Problem:
    close = did_you_mean(ref, known)
    return entry.problem(
        "unknown-reference",
        path,
        hint="did-you-mean" if close else "",
        kind=kind,
        ref=ref,
        candidates=quote_all(close),
    )


def _duplicates(entries: Iterable[Entry]) -> list[Problem]:
    first: dict[str, Entry] = {}
    problems = []
    for entry in sorted(entries, key=lambda e: e.location):
        ident = entry.model.id
        if ident in first:
            problems.append(
                entry.problem("duplicate-id", ["id"], id=ident, first=str(first[ident].location))
            )
        else:
            first[ident] = entry
    return problems


def _duplicate_children(entry: Entry, key: str, children: Sequence[Any]) -> list[Problem]:
    seen: dict[str, int] = {}
    problems = []
    for index, child in enumerate(children):
        if child.id in seen:
            where = entry.at([key, seen[child.id]])
            problems.append(
                entry.problem("duplicate-id", [key, index, "id"], id=child.id, first=str(where))
            )
        else:
            seen[child.id] = index
    return problems


def _outputs(tasks: Iterable[Entry]) -> tuple[dict[str, str], list[Problem]]:
    """Output id -> issuing task id, and duplicate-output problems."""
    issued: dict[str, tuple[str, Location]] = {}
    problems = []
    for entry in sorted(tasks, key=lambda e: e.location):
        for index, out in enumerate(entry.model.outputs):
            if out.id in issued:
                first = issued[out.id][1]
                problems.append(
                    entry.problem(
                        "duplicate-id", ["outputs", index, "id"], id=out.id, first=str(first)
                    )
                )
            else:
                issued[out.id] = (entry.model.id, entry.at(["outputs", index]))
    return {k: v[0] for k, v in issued.items()}, problems


def _span(d: DatedDuration) -> str:
    return f"[{d.valid_from.isoformat()}, {d.valid_until.isoformat() if d.valid_until else '…'}]"


def _dated(entry: Entry, path: list[str | int], values: Sequence[DatedDuration]) -> list[Problem]:
    """Overlaps and gaps in one list of dated values (both ends inclusive)."""
    order = sorted(range(len(values)), key=lambda i: (values[i].valid_from, i))
    problems = []
    for prev_i, next_i in itertools.pairwise(order):
        prev, nxt = values[prev_i], values[next_i]
        first, second = _span(prev), _span(nxt)
        if prev.valid_until is None or nxt.valid_from <= prev.valid_until:
            problems.append(
                entry.problem("dated-overlap", [*path, next_i], first=first, second=second)
            )
        elif nxt.valid_from > prev.valid_until + dt.timedelta(days=1):
            problems.append(entry.problem("dated-gap", [*path, next_i], first=first, second=second))
    return problems


def _accepted(entry: Entry, code: str) -> bool:
    return any(w.code == code for w in getattr(entry.model, "accepted_warnings", ()))


def _prerequisite_path(entry: Entry, p_index: int, o_index: int) -> list[str | int]:
    """Where output ``o_index`` of prerequisite ``p_index`` is written, in any of the three
    spellings (``- out``, ``- {output: out}``, ``- {any_of: [a, b]}``)."""
    raw = entry.raw.get("prerequisites")
    written = raw[p_index] if isinstance(raw, list) and p_index < len(raw) else None
    if isinstance(written, dict):
        if "output" in written:
            return ["prerequisites", p_index, "output"]
        return ["prerequisites", p_index, "any_of", o_index]
    return ["prerequisites", p_index]


def _reversed(entry: Entry, path: list[str | int], dated: Any) -> list[Problem]:
    """``valid_until`` before ``valid_from`` (both inclusive, so equal is one day)."""
    if dated.valid_until is not None and dated.valid_until < dated.valid_from:
        return [
            entry.problem(
                "invalid-combination", [*path, "valid_until"], hint="value-dates-reversed"
            )
        ]
    return []


def _check_task_refs(
    entry: Entry,
    ids: Mapping[str, set[str]],
    outputs: Mapping[str, str],
    items: Mapping[str, Item],
) -> list[Problem]:
    task = entry.model
    problems = _reversed(entry, [], task)
    if isinstance(task, Item):
        for index, mode in enumerate(task.modes):
            problems += _reversed(entry, ["modes", index], mode)
    if task.stage not in ids["stages"]:
        problems.append(_unknown(entry, ["stage"], "kind-stage", task.stage, ids["stages"]))
    for p_index, prereq in enumerate(task.prerequisites):
        for o_index, out in enumerate(prereq.any_of):
            if out not in ids["outputs"]:
                path = _prerequisite_path(entry, p_index, o_index)
                close = did_you_mean(out, outputs)
                problems.append(
                    entry.problem(
                        "output-not-issued",
                        path,
                        hint="did-you-mean" if close else "",
                        ref=out,
                        candidates=quote_all(close),
                    )
                )
    if isinstance(task, Work):
        providers = ids["parties"] | ids["departments"]
        if task.provider not in providers:
            problems.append(_unknown(entry, ["provider"], "kind-party", task.provider, providers))
        if isinstance(task.duration, FieldDuration) and task.duration.field not in ids["fields"]:
            problems.append(
                _unknown(
                    entry, ["duration", "field"], "kind-field", task.duration.field, ids["fields"]
                )
            )
        return problems
    assert isinstance(task, Item)
    if task.department not in ids["departments"]:
        problems.append(
            _unknown(entry, ["department"], "kind-department", task.department, ids["departments"])
        )
    for index, use in enumerate(task.materials):
        if use.material not in ids["materials"]:
            problems.append(
                _unknown(
                    entry, ["materials", index], "kind-material", use.material, ids["materials"]
                )
            )
    for kind in ("statutory", "committed", "extensions"):
        problems += _dated(entry, ["time_limits", kind], getattr(task.time_limits, kind))
    problems += _duplicate_children(entry, "modes", task.modes)
    own_materials = {u.material for u in task.materials}
    for m_index, mode in enumerate(task.modes):
        base: list[str | int] = ["modes", m_index]
        problems += _check_drops(entry, m_index, mode, items)
        for i, deferred in enumerate(mode.deferred_materials):
            if deferred.material not in own_materials:
                problems.append(
                    _unknown(
                        entry,
                        [*base, "deferred_materials", i, "material"],
                        "kind-material",
                        deferred.material,
                        own_materials,
                    )
                )
        for i, mat in enumerate(mode.adds_materials):
            if mat not in ids["materials"]:
                problems.append(
                    _unknown(
                        entry, [*base, "adds_materials", i], "kind-material", mat, ids["materials"]
                    )
                )
        for i, other in enumerate(mode.replaces):
            if other not in ids["items"] or other == task.id:
                problems.append(
                    _unknown(entry, [*base, "replaces", i], "kind-item", other, ids["items"])
                )
        for i, other in enumerate(mode.runs_first):
            if other not in mode.replaces:
                problems.append(
                    entry.problem("runs-first-not-replaced", [*base, "runs_first", i], ref=other)
                )
        waits = ids["outputs"] | ids["tasks"]
        for i, ref in enumerate(mode.decision_waits_for):
            if ref not in waits:
                problems.append(
                    _unknown(entry, [*base, "decision_waits_for", i], "kind-output", ref, waits)
                )
    return problems


def _check_drops(
    entry: Entry, m_index: int, mode: Mode, items: Mapping[str, Item]
) -> list[Problem]:
    """Each drop of a mode names something the item or an item the mode replaces has."""
    if not mode.drops:
        return []
    item: Item = entry.model
    owners = [item, *(items[r] for r in mode.replaces if r in items)]
    has = {
        "prerequisite": {o for t in owners for p in t.prerequisites for o in p.any_of},
        "material": {u.material for t in owners for u in t.materials},
        "obligation": {o.id for t in owners for o in t.obligations},
    }
    problems = []
    for i, drop in enumerate(mode.drops):
        known = has[drop.kind]
        if drop.ref in known:
            continue
        close = did_you_mean(drop.ref, known)
        problems.append(
            entry.problem(
                "drop-not-needed",
                ["modes", m_index, "drops", i, drop.kind],
                hint="did-you-mean" if close else "drop-candidates",
                mode=mode.id,
                kind=f"kind-{drop.kind}",
                ref=drop.ref,
                candidates=quote_all(close or sorted(known)),
            )
        )
    return problems


def _check_material(
    entry: Entry, ids: Mapping[str, set[str]], outputs: Mapping[str, str], used: set[str]
) -> list[Problem]:
    material: Material = entry.model
    problems = []
    providers = ids["parties"] | ids["departments"]
    if material.provider is not None and material.provider not in providers:
        problems.append(_unknown(entry, ["provider"], "kind-party", material.provider, providers))
    if material.issued_by is not None and material.issued_by not in ids["outputs"]:
        problems.append(_unknown(entry, ["issued_by"], "kind-output", material.issued_by, outputs))
    if (
        material.provider is None
        and material.issued_by is None
        and not _accepted(entry, "material-no-source")
    ):
        problems.append(
            entry.problem("material-no-source", ["id"], severity="warning", ref=material.id)
        )
    if material.id not in used and not _accepted(entry, "material-unused"):
        problems.append(entry.problem("material-unused", ["id"], ref=material.id))
    return problems


def _check_provider_names(entries: Entries, tasks: Iterable[Entry]) -> list[Problem]:
    """Every material's provider (a party or department) or issuer (an output) has a
    Chinese and an English name, so that reports never show an id in their place."""
    names: dict[str, tuple[str, str]] = {}
    for section in ("parties", "departments"):
        for entry in entries[section]:
            names.setdefault(entry.model.id, (entry.model.zh, entry.model.en))
    issued: dict[str, tuple[str, str]] = {}
    for entry in tasks:
        for out in entry.model.outputs:
            issued.setdefault(out.id, (out.zh, out.en))
    problems = []
    for entry in entries["materials"]:
        material: Material = entry.model
        if material.provider is not None:
            key, ref, found = "provider", material.provider, names.get(material.provider)
        elif material.issued_by is not None:
            key, ref, found = "issued_by", material.issued_by, issued.get(material.issued_by)
        else:
            continue
        if found is None:  # an unknown id: reported as such
            continue
        missing = [lang for lang, text in zip(("zh", "en"), found, strict=True) if not text]
        if missing:
            problems.append(
                entry.problem(
                    "provider-unnamed",
                    [key],
                    ref=ref,
                    material=material.id,
                    langs="/".join(missing),
                )
            )
    return problems


def producers(
    tasks: Iterable[Item | Work], outputs: Mapping[str, str], materials: Iterable[Material]
) -> dict[str, set[str]]:
    """Task id -> the tasks it waits for by the catalog alone: the issuer of a prerequisite
    satisfied by exactly one output (one satisfied by any of several may be broken by
    another), and the issuer of each material it uses. ``outputs`` maps output -> task."""
    issued_by = {
        m.id: outputs[m.issued_by]
        for m in materials
        if m.issued_by is not None and m.issued_by in outputs
    }
    edges: dict[str, set[str]] = {}
    for task in tasks:
        needs = edges.setdefault(task.id, set())
        for prereq in task.prerequisites:
            if len(prereq.any_of) == 1 and prereq.any_of[0] in outputs:
                needs.add(outputs[prereq.any_of[0]])
        for use in getattr(task, "materials", ()):
            if use.material in issued_by:
                needs.add(issued_by[use.material])
    return edges


def _cycles(
    tasks: Sequence[Entry], outputs: Mapping[str, str], materials: Entries
) -> list[Problem]:
    """Prerequisite cycles among tasks (see :func:`producers` for the edges counted)."""
    edges = producers([e.model for e in tasks], outputs, [e.model for e in materials["materials"]])
    try:
        graphlib.TopologicalSorter(edges).prepare()
    except graphlib.CycleError:
        return _named_cycles(edges, {e.model.id: e for e in tasks})
    return []


def _named_cycles(edges: Mapping[str, set[str]], by_id: Mapping[str, Entry]) -> list[Problem]:
    """One problem per cycle, naming its tasks in order."""
    # lazy import: networkx costs ~70 ms to import, and only a catalog with a cycle needs it
    import networkx as nx

    graph: nx.DiGraph = nx.DiGraph()
    graph.add_nodes_from(edges)
    graph.add_edges_from((producer, task) for task, needs in edges.items() for producer in needs)
    problems = []
    for component in nx.strongly_connected_components(graph):
        members = sorted(component)
        if len(members) == 1 and not graph.has_edge(members[0], members[0]):
            continue
        start = members[0]
        cycle = [start]
        sub = graph.subgraph(members)
        # walk the shortest way back to the start, so the cycle names each id once
        back = nx.shortest_path(sub, source=min(sub.successors(start)), target=start)
        cycle += back[:-1] if back[0] != start else []
        text = " → ".join([*cycle, start])
        problems.append(by_id[start].problem("prerequisite-cycle", ["prerequisites"], cycle=text))
    return problems


def check_catalog(entries: Entries, invalid: Mapping[str, set[str]]) -> list[Problem]:
    """Every cross-entity problem of a catalog (ids, references, dates, cycles, usage).

    ``invalid`` holds the ids (per section, plus ``outputs`` and ``used_materials``) written
    by entities that failed validation: references to them are not reported again, since
    the entity's own problem is the one to fix.
    """
    problems: list[Problem] = []
    tasks = [*entries["items"], *entries["works"]]
    for section in ("stages", "departments", "parties", "fields", "materials", "targets"):
        problems += _duplicates(entries[section])
    problems += _duplicates(tasks)
    outputs, found = _outputs(tasks)
    problems += found
    ids = {
        section: {e.model.id for e in entries[section]} | invalid.get(section, set())
        for section in entries
    }
    ids["tasks"] = ids["items"] | ids["works"]
    ids["outputs"] = set(outputs) | invalid.get("outputs", set())
    items: dict[str, Item] = {}
    for entry in entries["items"]:
        items.setdefault(entry.model.id, entry.model)
    for entry in tasks:
        problems += _check_task_refs(entry, ids, outputs, items)
    used = set(invalid.get("used_materials", set())) | {
        ref
        for e in entries["items"]
        for ref in (
            *(u.material for u in e.model.materials),
            *(m for mode in e.model.modes for m in mode.adds_materials),
        )
    }
    # a misspelt reference makes its intended material look unused: report the typo only
    used |= {
        guess[0]
        for ref in used - ids["materials"]
        if (guess := did_you_mean(ref, ids["materials"], limit=1))
    }
    for entry in entries["materials"]:
        problems += _check_material(entry, ids, outputs, used)
    problems += _check_provider_names(entries, tasks)
    problems += _cycles(tasks, outputs, entries)
    problems += _resolve_fields(entries["fields"])
    problems += _check_defaults(entries["fields"])
    for entry in entries["targets"]:
        for index, stage in enumerate(entry.model.stages):
            if stage not in ids["stages"]:
                problems.append(
                    _unknown(entry, ["stages", index], "kind-stage", stage, ids["stages"])
                )
    return problems


def check_points(manifest: Entry, entries: Entries) -> list[Problem]:
    """The manifest's points name planned-able tasks, once each; an item's ``precedes``
    names one of them."""
    points = manifest.model.points
    problems = _duplicate_children(manifest, "points", points)
    tasks = {e.model.id for section in ("items", "works") for e in entries[section]}
    for p_index, point in enumerate(points):
        for t_index, task_id in enumerate(point.before):
            if task_id not in tasks:
                path: list[str | int] = ["points", p_index, "before", t_index]
                problems.append(_unknown(manifest, path, "kind-task", task_id, tasks))
    known = {p.id for p in points}
    for entry in entries["items"]:
        ref = entry.model.precedes
        if ref is not None and ref not in known:
            problems.append(_unknown(entry, ["precedes"], "kind-point", ref, known))
    return problems


_CORE = (f"building.{USE}", f"building.{AREA}", f"space.{USE}", f"space.{AREA}")
"""The fields every catalog declaring buildings must have: the layout rests on them."""


def _resolve_fields(fields: list[Entry]) -> list[Problem]:
    """Give each field with ``values_from`` the values of the field it names (in place), and
    check the building and space fields: a ``summary`` names a project field of the same
    name, and the core fields of the layout are declared."""
    problems: list[Problem] = []
    by_id = {e.model.id: e.model for e in fields}
    for n, entry in enumerate(fields):
        spec = entry.model
        if spec.values_from is not None:
            source = by_id.get(spec.values_from)
            if source is None or not source.values:
                shared = [f for f, m in by_id.items() if m.values and not m.values_from]
                problems.append(
                    _unknown(entry, ["values_from"], "kind-field", spec.values_from, shared)
                )
            else:
                fields[n] = replace(entry, model=spec.model_copy(update={"values": source.values}))
        if spec.summary is not None and (
            scope(spec.id) != "building" or f"project.{leaf(spec.id)}" not in by_id
        ):
            problems.append(entry.problem("field-summary-target", ["summary"], field=spec.id))
    scoped = [e for e in fields if scope(e.model.id) != "project"]
    missing = [fid for fid in _CORE if fid not in by_id]
    if scoped and missing:
        problems.append(
            scoped[0].problem("field-building-core", ["id"], missing=", ".join(missing))
        )
    return problems


def _check_defaults(fields: Iterable[Entry]) -> list[Problem]:
    """A field's default must be a valid value of the field."""
    problems = []
    for entry in fields:
        default = entry.model.default
        if default is None:
            continue
        _, code, expected, extra = check_value(entry.model, default)
        if code:
            problems.append(
                Problem(
                    code,
                    entry.at(["default"]),
                    breadcrumb=breadcrumb(entry.crumb, ["default"]),
                    expected=expected,
                    found=describe(default),
                    hint="did-you-mean" if extra.get("candidates") else "",
                    args={"key": "default", **extra},
                )
            )
    return problems
