"""The Gantt SVG, parsed: one bar per task, geometry matching the dates, marks right."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from pathplanner.plan.model import Plan
from pathplanner.render._common import Labeller
from pathplanner.render.gantt import MIN_W, gantt_svg
from plan_fixtures import plan as fixture_plan

SVG = "{http://www.w3.org/2000/svg}"


def _bars(svg_text: str) -> tuple[ET.Element, list[ET.Element]]:
    root = ET.fromstring(svg_text)
    bars = [r for r in root.iter(f"{SVG}rect") if "bar" in r.get("class", "").split()]
    return root, bars


def check_gantt(plan: Plan, lang: str = "zh") -> None:
    """The invariants of the chart for any plan (also used on the example plans)."""
    root, bars = _bars(gantt_svg(plan, Labeller(plan, lang)))
    by_task = {b.get("data-task"): b for b in bars}
    assert len(bars) == len(plan.tasks), "one bar per task"
    assert set(by_task) == {t.id for t in plan.tasks}
    x0 = float(root.get("data-x0", "nan"))
    scale = float(root.get("data-scale", "nan"))
    origin = dt.date.fromisoformat(root.get("data-origin", ""))
    for task in plan.tasks:
        bar = by_task[task.id]
        classes = bar.get("class", "").split()
        assert bar.get("data-start") == task.start.isoformat()
        assert bar.get("data-finish") == task.finish.isoformat()
        expected_x = x0 + (task.start - origin).days * scale
        expected_w = max((task.finish - task.start).days * scale, MIN_W)
        assert float(bar.get("x", "nan")) == pytest.approx(expected_x, abs=0.01), task.id
        assert float(bar.get("width", "nan")) == pytest.approx(expected_w, abs=0.01), task.id
        assert ("critical" in classes) == task.critical, task.id
        assert ("on-path" in classes) == (task.id in plan.critical_path), task.id
        assert ("provisional" in classes) == task.provisional, task.id
        assert bar.get("data-provisional") == str(task.provisional).lower()


def test_fixture_gantt_invariants() -> None:
    check_gantt(fixture_plan())
    check_gantt(fixture_plan(), "en")


def test_bars_grouped_by_stage_in_stage_order() -> None:
    plan = fixture_plan()
    root = ET.fromstring(gantt_svg(plan, Labeller(plan, "zh")))
    stages = [g.get("data-stage") for g in root.iter(f"{SVG}g") if g.get("class") == "stage"]
    assert stages == ["s1", "s2", "s3"]


def test_today_line_group_box_and_provisional_hatch() -> None:
    plan = fixture_plan()
    root = ET.fromstring(gantt_svg(plan, Labeller(plan, "zh")))
    today = [g for g in root.iter(f"{SVG}g") if g.get("class") == "today"]
    assert [g.get("data-date") for g in today] == ["2026-03-10"]
    groups = [g.get("data-group") for g in root.iter(f"{SVG}g") if g.get("class") == "group"]
    assert groups == ["stage3-parallel"]
    hatches = [r for r in root.iter(f"{SVG}rect") if r.get("class") == "hatch"]
    assert len(hatches) == sum(t.provisional for t in plan.tasks) == 1


def test_critical_bars_are_exactly_the_critical_tasks() -> None:
    plan = fixture_plan()
    _, bars = _bars(gantt_svg(plan, Labeller(plan, "zh")))
    marked = {b.get("data-task") for b in bars if "critical" in b.get("class", "").split()}
    assert marked == {t.id for t in plan.tasks if t.critical}
    assert set(plan.critical_path) <= marked


def test_long_names_are_shortened_to_the_label_column() -> None:
    from pathplanner.render.gantt import X0, fit, text_width

    long = "统一社会信用代码证明、法定代表人身份证明、授权委托书及其他材料"
    short = fit(long, X0 - 10, 10)
    assert short.endswith("…") and long.startswith(short[:-1])
    assert text_width(short, 10) <= X0 - 10
    assert fit("Project filing", X0 - 10, 10) == "Project filing"
