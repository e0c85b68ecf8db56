"""The DOT graph, read back through Graphviz's own ``dot``: it parses without a message, one
node per task, the critical path highlighted, any text from the plan shown as it is."""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathplanner.plan.model import Name, Plan
from pathplanner.render.dot import node_name, render_dot
from plan_fixtures import plan as fixture_plan
from snapshots import example_paths, golden_path


@dataclass(frozen=True)
class Drawn:
    """What ``dot`` made of a DOT text: nodes by name, edges as (tail, head, attributes)."""

    name: str
    nodes: dict[str, dict[str, Any]]
    clusters: list[dict[str, Any]]
    edges: list[tuple[str, str, dict[str, Any]]]

    def tooltips(self) -> dict[str, str]:
        """Node name → tooltip (the task id)."""
        return {name: node["tooltip"] for name, node in self.nodes.items()}

    def task_edges(self) -> dict[tuple[str, str], dict[str, Any]]:
        """(task id, task id) → the edge's attributes."""
        ids = self.tooltips()
        return {(ids[tail], ids[head]): attrs for tail, head, attrs in self.edges}


def _drawn(dot: str, fmt: str = "json") -> Drawn:
    """Lay ``dot`` out with Graphviz; it must succeed without a warning."""
    done = subprocess.run(["dot", f"-T{fmt}"], input=dot.encode(), capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stderr == b"", done.stderr.decode()
    layout = json.loads(done.stdout, strict=False)
    by_id = {o["_gvid"]: o for o in layout["objects"]}
    clusters = [o for o in layout["objects"] if "nodes" in o]
    nodes = {o["name"]: o for o in layout["objects"] if "nodes" not in o}
    edges = [
        (by_id[e["tail"]]["name"], by_id[e["head"]]["name"], e) for e in layout.get("edges", [])
    ]
    return Drawn(layout["name"], nodes, clusters, edges)


def _shown(drawn: dict[str, Any]) -> list[str]:
    """The lines of text Graphviz draws for a node or cluster."""
    return [op["text"] for op in drawn.get("_ldraw_", []) if op["op"] == "T"]


def test_nodes_edges_and_critical_highlight() -> None:
    plan = fixture_plan()
    drawn = _drawn(render_dot(plan))
    assert sorted(drawn.tooltips().values()) == sorted(t.id for t in plan.tasks)
    assert sorted(drawn.nodes) == sorted(node_name(t.id) for t in plan.tasks)
    edges = drawn.task_edges()
    assert set(edges) == {(p.task, t.id) for t in plan.tasks for p in t.predecessors}
    critical = set(zip(plan.critical_path, plan.critical_path[1:], strict=False))
    for pair, attrs in edges.items():
        assert (attrs.get("penwidth") == "2") == (pair in critical), pair
        assert (attrs.get("color") == "#c92a2a") == (pair in critical), pair
    survey = edges[("material:survey-report", "planning-permit")]
    assert survey["style"] == "dashed" and survey["label"] == "办结前"
    permit = drawn.nodes[node_name("planning-permit")]
    assert permit["penwidth"] == "2" and permit["style"] == "rounded"


def test_node_names_are_the_ids_without_colons() -> None:
    assert node_name("material:survey-report") == "material/survey-report"
    assert node_name("gate:s3") == "gate/s3"
    assert node_name("project-filing") == "project-filing"
    dot = render_dot(fixture_plan())
    assert '"material/survey-report" -> "planning-permit" [label="办结前" style=dashed]' in dot


def test_without_materials_edges_go_through_hidden_tasks() -> None:
    plan = fixture_plan()
    edges = _drawn(render_dot(plan, materials=False)).task_edges()
    assert not any("material:" in a or "material:" in b for a, b in edges)
    # the survey report was prepared after the filing and needed by the permit's decision;
    # the direct edge (bound to acceptance) wins over the one through the hidden report
    assert "style" not in edges[("project-filing", "planning-permit")]


def test_english_labels_with_the_fallback_said_in_a_comment() -> None:
    dot = render_dot(fixture_plan(), "en")
    drawn = _drawn(dot)
    assert _shown(drawn.nodes["project-filing"]) == ["Project filing", "2026-03-02 → 2026-03-03"]
    assert [_shown(c) for c in drawn.clusters] == [["Stage 1"], ["Stage 2"], ["施工许可阶段"]]
    [comment] = [line for line in dot.splitlines() if line.startswith("//")]
    assert "shown in Chinese" in comment and "s3" in comment


@pytest.mark.parametrize("example", example_paths(), ids=lambda p: p.stem)
def test_every_example_parses_and_renders(example: Path) -> None:
    """``dot`` lays out the golden DOT (what is rendered, see test_render_golden) and draws
    the report's figure (no materials, English) as SVG, silently, one node per task."""
    plan = Plan.model_validate_json(golden_path(example, "json").read_text(encoding="utf-8"))
    golden = golden_path(example, "dot").read_text(encoding="utf-8")
    assert len(_drawn(golden).nodes) == len(plan.tasks)
    figure = render_dot(plan, "en", materials=False)
    done = subprocess.run(["dot", "-Tsvg"], input=figure.encode(), capture_output=True, check=False)
    assert (done.returncode, done.stderr) == (0, b"")
    materials = sum(t.type == "material" for t in plan.tasks)
    assert done.stdout.count(b'class="node"') == len(plan.tasks) - materials


# Text Graphviz would otherwise read as syntax: quotes, escapes such as \N and \l, braces,
# HTML-like labels, entities, comments, keywords, ports; and line breaks and NULs.
_HOSTILE = st.lists(
    st.sampled_from(list('"\\<>{}[];:,=-/#&*+ \nNlrGTHEab审批\0'))
    | st.sampled_from(["node", "edge", "->", "//", "/*", "<b>", "</b>", "\\N", "\\l", "\\\n"])
    | st.sampled_from(["&amp;", "&#65;", "&#;", "&alpha;", "&#x41;"]),
    max_size=20,
).map("".join)


def _lines(value: str) -> list[str]:
    """The lines Graphviz draws for a label made from ``value`` (it skips empty lines)."""
    return [line for line in value.replace("\0", "").split("\n") if line]


def _unescaped(value: str) -> str:
    """An attribute as ``dot`` reports it, with ``\\\\``, ``\\n`` and ``&amp;`` read back."""
    value = re.sub(r"\\(.)", lambda m: "\n" if m[1] == "n" else m[1], value, flags=re.S)
    return value.replace("&amp;", "&")


@settings(max_examples=80, deadline=None)
@given(task=_HOSTILE, stage=_HOSTILE, project=_HOSTILE)
def test_hostile_text_is_shown_as_it_is(task: str, stage: str, project: str) -> None:
    plan = fixture_plan()
    tasks = [
        t.model_copy(update={"name": Name(zh=task or "x")}) if t.id == "design" else t
        for t in plan.tasks
    ]
    stages = [s.model_copy(update={"name": Name(zh=stage or "x")}) for s in plan.stages]
    inputs = plan.inputs.model_copy(update={"project": project})
    hostile = plan.model_copy(update={"tasks": tasks, "stages": stages, "inputs": inputs})
    dot = render_dot(hostile)
    drawn = _drawn(dot)
    svg = subprocess.run(["dot", "-Tsvg"], input=dot.encode(), capture_output=True, check=True)
    ElementTree.fromstring(svg.stdout)  # well-formed, as the HTML report embeds it
    assert _unescaped(drawn.name) == (project.replace("\0", "") or "plan")
    assert _shown(drawn.nodes["design"]) == [*_lines(task or "x"), "2026-03-03 → 2026-03-23"]
    assert [_shown(c) for c in drawn.clusters] == [_lines(stage or "x")] * 3
    assert drawn.task_edges().keys() == _drawn(render_dot(plan)).task_edges().keys()
