"""The HTML report: self-contained, opens in headless Chromium without console errors."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright import sync_api

from pathplanner.plan.model import Plan
from pathplanner.render import graph as graph_module
from pathplanner.render.html import render_html
from plan_fixtures import plan as fixture_plan
from plan_fixtures import plan_counted_into_2027

CHROMIUM = Path("/usr/bin/chromium")


def test_self_contained_no_network_no_scripts() -> None:
    html = render_html(fixture_plan())
    assert html.startswith("<!DOCTYPE html>")
    assert "<script" not in html
    assert not re.search(r"""(src|href)=["']https?:""", html)
    assert "@import" not in html and "url(http" not in html
    assert "@page { size: A4" in html


def test_summary_sections_and_tables_present() -> None:
    html = render_html(fixture_plan())
    for anchor in (
        'id="gantt"',
        'id="graph"',
        'id="disclosure"',
        'id="materials"',
        'id="not-applicable"',
        'id="choices"',
        'id="obligations"',
    ):
        assert anchor in html
    assert "2026-04-02" in html and "预计完成" in html
    assert html.count('class="entry') == 3


def test_graph_is_inline_svg_from_graphviz() -> None:
    html = render_html(fixture_plan())
    section = html.split('id="graph"', 1)[1].split("</section>", 1)[0]
    assert "<svg" in section and 'class="missing"' not in section


def test_missing_dot_gives_a_message_and_the_report_still_renders(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(graph_module.shutil, "which", lambda _name: None)
    html = render_html(fixture_plan(), "en")
    section = html.split('id="graph"', 1)[1].split("</section>", 1)[0]
    assert "<svg" not in section
    assert "apt-get install graphviz" in section
    assert 'class="gantt"' in html, "the rest of the report is still there"


def test_english_names_and_fallback_note() -> None:
    html = render_html(fixture_plan(), "en")
    assert 'lang="en"' in html
    assert "Project filing" in html and "One-time disclosure list" in html
    # stage s3 and the survey report have no English: shown in Chinese and listed
    note = html.split('class="fallback"', 1)[1].split("</p>", 1)[0]
    assert "s3" in note and "survey-report" in note


def _example_plan() -> Plan:
    from snapshots import EXAMPLES, example_plan

    return example_plan(EXAMPLES / "low-risk-warehouse.yaml")


@pytest.mark.parametrize(
    ("make_plan", "lang"),
    [(fixture_plan, "zh"), (_example_plan, "en")],
    ids=["fixture-zh", "low-risk-warehouse-en"],
)
def test_opens_in_headless_chromium_without_console_errors(
    tmp_path: Path, make_plan: Callable[[], Plan], lang: str
) -> None:
    assert CHROMIUM.exists(), f"no {CHROMIUM}: run scripts/install-system-deps.sh as root"
    plan = make_plan()
    report = tmp_path / "plan.html"
    report.write_text(render_html(plan, lang), encoding="utf-8")
    messages: list[str] = []
    requests: list[str] = []
    with sync_api.sync_playwright() as play:
        browser = play.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1240, "height": 1754})
            page.on("console", lambda m: messages.append(f"{m.type}: {m.text}"))
            page.on("pageerror", lambda e: messages.append(f"pageerror: {e}"))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(report.as_uri())
            page.wait_for_load_state("load")
            bars = page.locator("svg.gantt rect.bar").count()
            shot = tmp_path / "plan.png"
            page.screenshot(path=str(shot), full_page=True)
            pdf = page.pdf(format="A4")
        finally:
            browser.close()
    assert [m for m in messages if m.startswith(("error", "pageerror"))] == []
    assert requests == [report.as_uri()], "no other resource is fetched"
    assert bars == len(plan.tasks)
    assert shot.stat().st_size > 10_000
    assert pdf.startswith(b"%PDF")


def test_provisional_due_dates_and_other_finish_are_marked() -> None:
    html = render_html(plan_counted_into_2027())
    # in the disclosure entry and in the obligations table
    assert html.count("2027-01-11（暂定）") == 2
    assert "2027-03-01（暂定）" in html
    assert "2026-05-02（暂定）" not in render_html(fixture_plan())
