"""The DOT graph: valid for Graphviz, one node per task, critical path highlighted."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from pathplanner.render.dot import quote, render_dot
from plan_fixtures import plan as fixture_plan


def test_nodes_edges_and_critical_highlight() -> None:
    plan = fixture_plan()
    dot = render_dot(plan)
    nodes = re.findall(r'^    "([^"]+)" \[label=', dot, flags=re.M)
    assert sorted(nodes) == sorted(t.id for t in plan.tasks)
    edges = re.findall(r'^  "([^"]+)" -> "([^"]+)"(.*);$', dot, flags=re.M)
    expected = {(p.task, t.id) for t in plan.tasks for p in t.predecessors}
    assert {(a, b) for a, b, _ in edges} == expected
    critical = set(zip(plan.critical_path, plan.critical_path[1:], strict=False))
    for before, after, attrs in edges:
        assert ("penwidth=2" in attrs) == ((before, after) in critical), (before, after)
    assert '"material:survey-report" -> "planning-permit" [style="dashed"' in dot


def test_quote_escapes() -> None:
    assert quote('a"b\\c\nd') == '"a\\"b\\\\c\\nd"'


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")
def test_graphviz_accepts_it() -> None:
    done = subprocess.run(
        ["dot", "-Tsvg"],
        input=render_dot(fixture_plan()).encode(),
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert done.stderr == b""


def test_without_materials_edges_go_through_hidden_tasks() -> None:
    plan = fixture_plan()
    dot = render_dot(plan, materials=False)
    assert '"material:survey-report" [' not in dot
    # the survey report was prepared after the filing and needed by the permit's decision
    assert '"project-filing" -> "planning-permit" [style="dashed"' not in dot
    edges = set(re.findall(r'^  "([^"]+)" -> "([^"]+)"', dot, flags=re.M))
    assert ("project-filing", "planning-permit") in edges
    assert not any("material:" in a or "material:" in b for a, b in edges)


def test_english_labels_with_the_fallback_said_in_a_comment() -> None:
    dot = render_dot(fixture_plan(), "en")
    assert 'label="Project filing\\n2026-03-02 → 2026-03-03"' in dot
    [comment] = [line for line in dot.splitlines() if line.startswith("  //")]
    assert "shown in Chinese" in comment and "s3" in comment
