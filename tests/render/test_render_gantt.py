"""The Gantt SVG, parsed: one bar per task, geometry matching the dates, marks right."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from gantt_checks import SVG, bars_of, check_gantt
from pathplanner.render._common import Labeller
from pathplanner.render.gantt import gantt_svg
from plan_fixtures import plan as fixture_plan


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
    _, bars = bars_of(gantt_svg(plan, Labeller(plan, "zh")))
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
