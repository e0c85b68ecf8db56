"""The re-plan section of the reports: the delayed task with its baseline, its actual and
forecast dates, its slip and the reason from the actuals file, in the HTML seen in
Chromium, in the Markdown and in the workbook; the finish's slip; done vs remaining."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import openpyxl
import pytest
from playwright import sync_api

from pathplanner.plan.model import Plan
from pathplanner.render import render
from pathplanner.render.html import render_html
from pathplanner.render.markdown import render_markdown
from pathplanner.render.slippage import progress_counts
from plan_fixtures import plan as fixture_plan
from replan_fixtures import DELAYED, REASON, baseline, replan

CHROMIUM = Path("/usr/bin/chromium")


def _expected(plan: Plan) -> dict[str, str]:
    """What the delayed task's row must say, from the plans themselves."""
    assert plan.slippage is not None
    slip = next(t for t in plan.slippage.tasks if t.task == DELAYED)
    before, now = baseline().task(DELAYED), plan.task(DELAYED)
    return {
        "name": now.name.zh,
        "baseline": f"{before.start} → {before.finish}",
        "current": f"实际 {now.start} → 预测 {now.finish}",
        "slip": f"+{slip.working_days}",
    }


def _rendered(html: Path) -> tuple[list[list[str]], str]:
    """The slippage table's cells and the whole section's text, as Chromium lays them out
    (what a reader sees)."""
    assert CHROMIUM.exists(), f"no {CHROMIUM}: run scripts/install-system-deps.sh as root"
    with sync_api.sync_playwright() as play:
        browser = play.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.goto(html.as_uri())
            rows = page.locator("#replan table.slippage tbody tr")
            cells = [
                [c.strip() for c in rows.nth(i).locator("td").all_inner_texts()]
                for i in range(rows.count())
            ]
            return cells, page.locator("#replan").inner_text()
        finally:
            browser.close()


def test_the_html_shows_the_delayed_task_its_slip_and_reason(tmp_path: Path) -> None:
    plan = replan(tmp_path)
    want = _expected(plan)
    report = tmp_path / "plan.html"
    report.write_text(render_html(plan, graph=False), encoding="utf-8")
    rows, section = _rendered(report)
    assert plan.slippage is not None
    finish = rows[0]
    assert finish[0] == "项目完成日"
    assert finish[2] == plan.slippage.baseline_finish.isoformat()
    assert finish[4] == f"+{plan.slippage.working_days}"
    row = next(r for r in rows if r[0] == want["name"])
    assert row[1] == "进行中（已受理）"
    assert row[2:5] == [want["baseline"], want["current"], want["slip"]]
    assert row[5] == REASON, "the reason as written in the actuals file, markup shown as text"
    slips = [int(r[4]) for r in rows[1:]]
    assert slips == sorted(slips, reverse=True), "latest slip first"
    counts = progress_counts(plan)
    assert f"已完成 {counts['done']} 项，进行中 1 项，待完成 {counts['remaining']} 项" in section


def _markdown_row(text: str, first_cell: str) -> list[str]:
    section = text.split("## 进度与偏差", 1)[1].split("\n## ", 1)[0]
    for line in section.splitlines():
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        if cells and cells[0] == first_cell:
            return cells
    raise AssertionError(f"no row {first_cell!r} in:\n{section}")


def test_the_markdown_shows_the_delayed_task_its_slip_and_reason(tmp_path: Path) -> None:
    plan = replan(tmp_path)
    want = _expected(plan)
    text = render_markdown(plan)
    row = _markdown_row(text, want["name"])
    assert row[2:5] == [want["baseline"], want["current"], want["slip"]]
    assert row[5] == r"补正材料 \*第二轮\* \| 含图纸 \<b>", "escaped, so it stays text"
    assert plan.slippage is not None
    assert _markdown_row(text, "项目完成日")[4] == f"+{plan.slippage.working_days}"
    counts = progress_counts(plan)
    assert counts["done"] > 0 and counts["in_progress"] == 1 and counts["remaining"] > 0
    assert (
        f"任务进度：已完成 {counts['done']} 项，进行中 1 项，待完成 {counts['remaining']} 项。"
        in text
    )


def test_progress_counts_add_up_to_the_tasks_but_the_milestones(tmp_path: Path) -> None:
    plan = replan(tmp_path)
    counts = progress_counts(plan)
    assert sum(counts.values()) == sum(1 for t in plan.tasks if t.type != "milestone")


def test_english_reports_say_it_in_english(tmp_path: Path) -> None:
    plan = replan(tmp_path)
    assert plan.slippage is not None
    text = render_markdown(plan, "en")
    assert "## Progress and slippage" in text
    assert f"working days ({plan.slippage.calendar_days:+d} calendar days" in text
    html = render_html(plan, "en", graph=False)
    assert "actual 2026-06-01 → forecast" in html and "in progress (accepted)" in html


def test_the_schedule_sheet_has_the_baseline_slip_and_reason(tmp_path: Path) -> None:
    plan = replan(tmp_path)
    data = render(plan, "xlsx")
    assert isinstance(data, bytes)
    sheet = openpyxl.load_workbook(io.BytesIO(data))["进度计划"]
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    row = dict(
        zip(header, next(r for r in rows if r[header.index("标识")] == DELAYED), strict=True)
    )
    before = baseline().task(DELAYED)
    assert row["基线开始"] == dt.datetime.combine(before.start, dt.time())
    assert row["基线结束"] == dt.datetime.combine(before.finish, dt.time())
    assert row["进度"] == "进行中"
    assert row["偏差（工作日）"] == int(_expected(plan)["slip"])
    assert row["原因"] == REASON


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_plan_that_is_not_a_replan_has_no_such_section(lang: str) -> None:
    plan = fixture_plan()
    assert 'id="replan"' not in render_html(plan, lang, graph=False)
    assert "## 进度与偏差" not in render_markdown(plan, lang)
    assert "## Progress and slippage" not in render_markdown(plan, lang)
