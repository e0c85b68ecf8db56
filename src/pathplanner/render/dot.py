"""The dependency graph as Graphviz DOT, for analysts: one cluster per stage, the critical
path in red, provisional dates dashed, each edge labelled with the end it binds.

The DOT text is written by the ``graphviz`` package, which quotes names and values. Every
text from the plan goes through :func:`_text`, so that Graphviz shows it as it is."""

from __future__ import annotations

import itertools

import graphviz

from pathplanner.plan.model import Plan, PlanTask, Predecessor
from pathplanner.render._common import Labeller, display_stages, iso

__all__ = ["node_name", "render_dot"]

_SHAPES = {
    "item": "box",
    "work": "box",
    "material": "note",
    "milestone": "diamond",
    "supplement": "box",
}
_CRITICAL = {"color": "#c92a2a", "penwidth": "2"}


def node_name(task_id: str) -> str:
    """A task's node name in the DOT text: its id with ``/`` for ``:``
    (``material/survey-report``).

    The ``graphviz`` package reads a colon in an edge's end as a port separator. Task ids
    are catalog ids (``[a-z0-9_-]``) with at most a ``kind:`` prefix, so no two tasks share
    a node name; the id itself is the node's tooltip."""
    return task_id.replace(":", "/")


def _text(value: str) -> str:
    """``value`` shown literally in a label, tooltip or name: backslashes doubled (Graphviz
    reads ``\\n``, ``\\l``, ``\\N`` in labels), ``&`` as ``&amp;`` (it reads entities such
    as ``&alpha;`` in labels and tooltips, and copies them into SVG as they are), line
    breaks as DOT's ``\\n``, never an HTML-like ``<...>`` label, and no NUL (it ends a string
    for ``dot``)."""
    lines = value.replace("\0", "").split("\n")
    escaped = (graphviz.escape(line).replace("&", "&amp;") for line in lines)
    shown: str = graphviz.nohtml("\\n".join(escaped))
    return shown


def _node(graph: graphviz.Digraph, task: PlanTask, names: Labeller) -> None:
    label = f"{names.name(task.name, task.id)}\n{iso(task.start)} → {iso(task.finish)}"
    if task.float_working_days and not task.critical:
        label += "\n" + names.label("plan-float-short", n=task.float_working_days)
    attrs = {"shape": _SHAPES.get(task.type, "box"), "tooltip": _text(task.id)}
    styles = ["rounded"] if task.type in ("item", "supplement") else []
    if task.type == "work":
        styles.append("filled")
        attrs["fillcolor"] = "#f1f3f5"
    if task.provisional:
        styles.append("dashed")
    if task.critical:
        attrs.update(_CRITICAL)
    if styles:
        attrs["style"] = ",".join(styles)
    graph.node(node_name(task.id), _text(label), **attrs)


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
    """The plan's dependency graph in DOT. Deterministic: stages in order, tasks by id,
    edges by the id of their head, then of their tail.

    ``materials=False`` leaves out the material-preparation tasks (the HTML report's
    figure does, for legibility), joining their predecessors to their successors."""
    names = Labeller(plan, lang)
    hidden = set() if materials else {t.id for t in plan.tasks if t.type == "material"}
    path = [t for t in plan.critical_path if t not in hidden]
    critical_edges = set(itertools.pairwise(path))
    graph = graphviz.Digraph(
        name=_text(plan.inputs.project) or "plan",
        graph_attr={"rankdir": "LR", "fontname": "sans-serif", "fontsize": "10", "newrank": "true"},
        node_attr={"fontname": "sans-serif", "fontsize": "9"},
        edge_attr={"fontname": "sans-serif", "fontsize": "8", "color": "#868e96"},
    )
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
        title = names.stage(stage_id) if stage_id else names.label("plan-stage-none")
        with graph.subgraph(name=f"cluster_{index}") as cluster:
            cluster.attr(label=_text(title), style="rounded", color="#adb5bd")
            for task in tasks:
                _node(cluster, task, names)
    edges = _visible_predecessors(plan, hidden)
    for task_id in sorted(edges):
        for source, pred in edges[task_id]:
            attrs: dict[str, str] = {}
            if pred.binds == "decision":
                attrs["style"] = "dashed"
                attrs["label"] = _text(names.label("plan-binds-decision"))
            if pred.lag is not None and pred.lag.value:
                sign = "+" if pred.lag.value > 0 else "−"
                ahead = pred.lag.model_copy(update={"value": abs(pred.lag.value)})
                attrs["taillabel"] = _text(sign + names.duration(ahead))
            if (source, task_id) in critical_edges:
                attrs.update(_CRITICAL)
            graph.edge(node_name(source), node_name(task_id), **attrs)
    # the note goes last: only the labels above decide which names fell back to Chinese
    fallback = names.fallback_note()
    if fallback:
        graph.comment = " ".join(fallback.split())
    dot: str = graph.source
    return dot
