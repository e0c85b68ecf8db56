"""The invariants of the Gantt chart for any plan, shared by the render and plan tests."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from pathplanner.plan.model import Plan
from pathplanner.render._common import Labeller
from pathplanner.render.gantt import MIN_W, gantt_svg

SVG = "{http://www.w3.org/2000/svg}"


def bars_of(svg_text: str) -> tuple[ET.Element, list[ET.Element]]:
    root = ET.fromstring(svg_text)
    bars = [r for r in root.iter(f"{SVG}rect") if "bar" in r.get("class", "").split()]
    return root, bars


def check_gantt(plan: Plan, lang: str = "zh") -> None:
    """The invariants of the chart for any plan (also used on the example plans)."""
    root, bars = bars_of(gantt_svg(plan, Labeller(plan, lang)))
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
