"""The dependency graph as Graphviz DOT, for analysts: one cluster per stage, the critical
path in red, provisional dates dashed, each edge labelled with the end it binds."""

from __future__ import annotations

import itertools

from pathplanner.plan.model import Plan, PlanTask, Predecessor
from pathplanner.render._common import Labeller, display_stages, iso

__all__ = ["quote", "render_dot"]

_SHAPES = {
    "item": "box",
    "work": "box",
    "material": "note",
    "milestone": "diamond",
    "supplement": "box",
}


def quote(value: str) -> str:
    """A DOT double-quoted string (backslashes, quotes and newlines escaped)."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _node(task: PlanTask, names: Labeller) -> str:
    label = f"{names.name(task.name, task.id)}\n{iso(task.start)} → {iso(task.finish)}"
    if task.float_working_days and not task.critical:
        label += "\n" + names.label("plan-float-short", n=task.float_working_days)
    attrs = [
        f"label={quote(label)}",
        f"shape={_SHAPES.get(task.type, 'box')}",
    ]
    styles = ["rounded"] if task.type in ("item", "supplement") else []
    if task.type == "work":
        styles.append("filled")
        attrs.append('fillcolor="#f1f3f5"')
    if task.provisional:
        styles.append("dashed")
    if task.critical:
        attrs.append('color="#c92a2a"')
        attrs.append("penwidth=2")
    if styles:
        attrs.append(f"style={quote(','.join(styles))}")
    attrs.append(f"tooltip={quote(task.id)}")
    return f"    {quote(task.id)} [{', '.join(attrs)}];"


def _visible_predecessors(plan: Plan, hidden: set[str]) -> dict[str, list[tuple[str, Predecessor]]]:
    """Each shown task's predecessors, looking through hidden tasks to the shown tasks
    behind them (an edge through a hidden task keeps the binding of its last step)."""
    by_id = {t.id: t for t in plan.tasks}

    def behind(task_id: str, seen: frozenset[str]) -> list[str]:
        found: list[str] = []
        for pred in by_id[task_id].predecessors:
            if pred.task not in by_id or pred.task in seen:
                continue
            if pred.task in hidden:
                found.extend(behind(pred.task, seen | {pred.task}))
            else:
                found.append(pred.task)
        return found

    result: dict[str, list[tuple[str, Predecessor]]] = {}
    for task in plan.tasks:
        if task.id in hidden:
            continue
        edges: dict[str, Predecessor] = {}
        ordered = sorted(task.predecessors, key=lambda p: (p.task in hidden, p.task, p.binds))
        for pred in ordered:  # direct edges first: they win over ones through hidden tasks
            if pred.task not in by_id:
                continue
            if pred.task not in hidden:
                edges.setdefault(pred.task, pred)
                continue
            for source in behind(pred.task, frozenset({pred.task})):
                edges.setdefault(source, Predecessor(task=source, binds=pred.binds))
        result[task.id] = sorted(edges.items())
    return result


def render_dot(plan: Plan, lang: str = "zh", *, materials: bool = True) -> str:
    """The plan's dependency graph in DOT. Deterministic: stages in order, tasks by id.

    ``materials=False`` leaves out the material-preparation tasks (the HTML report's
    figure does, for legibility), joining their predecessors to their successors."""
    names = Labeller(plan, lang)
    hidden = set() if materials else {t.id for t in plan.tasks if t.type == "material"}
    path = [t for t in plan.critical_path if t not in hidden]
    critical_edges = set(itertools.pairwise(path))
    lines = [
        f"digraph {quote(plan.inputs.project or 'plan')} {{",
        '  graph [rankdir=LR, fontname="sans-serif", fontsize=10, newrank=true];',
        '  node [fontname="sans-serif", fontsize=9];',
        '  edge [fontname="sans-serif", fontsize=8, color="#868e96"];',
    ]
    by_stage: dict[str, list[PlanTask]] = {}
    stage_of = display_stages(plan)
    for task in plan.tasks:
        if task.id not in hidden:
            by_stage.setdefault(stage_of[task.id], []).append(task)
    stage_order = [s.id for s in plan.stages] + sorted(set(by_stage) - {s.id for s in plan.stages})
    for index, stage_id in enumerate(stage_order):
        tasks = sorted(by_stage.get(stage_id, []), key=lambda t: t.id)
        if not tasks:
            continue
        lines.append(f"  subgraph cluster_{index} {{")
        title = names.stage(stage_id) if stage_id else names.label("plan-stage-none")
        lines.append(f"    label={quote(title)};")
        lines.append('    style="rounded"; color="#adb5bd";')
        lines.extend(_node(task, names) for task in tasks)
        lines.append("  }")
    edges = _visible_predecessors(plan, hidden)
    for task_id in sorted(edges):
        for source, pred in edges[task_id]:
            attrs: list[str] = []
            if pred.binds == "decision":
                attrs.append('style="dashed"')
                attrs.append(f"label={quote(names.label('plan-binds-decision'))}")
            if pred.lag is not None and pred.lag.value:
                attrs.append(f"taillabel={quote('+' + names.duration(pred.lag))}")
            if (source, task_id) in critical_edges:
                attrs.append('color="#c92a2a"')
                attrs.append("penwidth=2")
            suffix = f" [{', '.join(attrs)}]" if attrs else ""
            lines.append(f"  {quote(source)} -> {quote(task_id)}{suffix};")
    fallback = names.fallback_note()
    if fallback:
        lines.append(f"  // {fallback}")
    lines.append("}")
    return "\n".join(lines) + "\n"
