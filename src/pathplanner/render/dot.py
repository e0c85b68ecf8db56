"""The dependency graph as Graphviz DOT, for analysts: one cluster per stage, the critical
path in red, provisional dates dashed, each edge labelled with the end it binds."""

from __future__ import annotations

from pathplanner.plan_model import Plan, PlanTask
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


def render_dot(plan: Plan, lang: str = "zh") -> str:
    """The plan's dependency graph in DOT. Deterministic: stages in order, tasks by id."""
    names = Labeller(plan, lang)
    ids = {t.id for t in plan.tasks}
    critical_edges = set(zip(plan.critical_path, plan.critical_path[1:], strict=False))
    lines = [
        f"digraph {quote(plan.inputs.project or 'plan')} {{",
        '  graph [rankdir=LR, fontname="sans-serif", fontsize=10, newrank=true];',
        '  node [fontname="sans-serif", fontsize=9];',
        '  edge [fontname="sans-serif", fontsize=8, color="#868e96"];',
    ]
    by_stage: dict[str, list[PlanTask]] = {}
    stage_of = display_stages(plan)
    for task in plan.tasks:
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
    for task in sorted(plan.tasks, key=lambda t: t.id):
        for pred in sorted(task.predecessors, key=lambda p: (p.task, p.binds)):
            if pred.task not in ids:
                continue
            attrs: list[str] = []
            if pred.binds == "decision":
                attrs.append('style="dashed"')
                attrs.append(f"label={quote(names.label('plan-binds-decision'))}")
            if pred.lag is not None and pred.lag.value:
                attrs.append(f"taillabel={quote('+' + names.duration(pred.lag))}")
            if (pred.task, task.id) in critical_edges:
                attrs.append('color="#c92a2a"')
                attrs.append("penwidth=2")
            suffix = f" [{', '.join(attrs)}]" if attrs else ""
            lines.append(f"  {quote(pred.task)} -> {quote(task.id)}{suffix};")
    lines.append("}")
    return "\n".join(lines) + "\n"
