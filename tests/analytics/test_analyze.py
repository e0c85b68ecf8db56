"""Issue 17, analytics: ``pathplanner analyze`` writes a self-contained report with real
charts and the CSV tables behind it; the tables say what the batch's rows say."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest
from playwright import sync_api

from pathplanner.cli import main
from pathplanner.portfolio.store import BatchStore
from portfolio_support import BAD_LINES, PlannedBatch

CHROMIUM = Path("/usr/bin/chromium")
CHARTS = 6
TABLES = [
    "commitments_by_month.csv",
    "critical_items.csv",
    "department_load.csv",
    "failed_projects.csv",
    "stage_days.csv",
    "target_days.csv",
    "target_misses.csv",
]


@pytest.fixture(scope="module")
def report(batch: PlannedBatch, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("report")
    assert main(["analyze", str(batch.out), "-o", str(target)]) == 0
    return target


def _csv(report: Path, name: str) -> list[dict[str, str]]:
    with (report / name).open(encoding="utf-8") as file:
        return list(csv.DictReader(file))


def test_the_report_and_its_tables_are_written(report: Path) -> None:
    assert sorted(p.name for p in report.iterdir()) == sorted([*TABLES, "report.html"])
    html = (report / "report.html").read_text(encoding="utf-8")
    assert html.count("<svg") == CHARTS
    assert "最常处于关键路径的事项" in html and "施工许可" in html  # catalog names, in Chinese


def test_the_report_is_self_contained(report: Path) -> None:
    html = (report / "report.html").read_text(encoding="utf-8")
    assert "<script" not in html and "<link" not in html and "<img" not in html
    assert re.findall(r"(?:href|src)\s*=\s*[\"'](?:https?:)?//", html) == []


def test_critical_items_count_the_projects_with_the_item_critical(
    report: Path, batch: PlannedBatch
) -> None:
    tasks = BatchStore(batch.out).read("tasks").to_pylist()
    counted = Counter(t["ref"] for t in tasks if t["type"] == "item" and t["critical"])
    rows = _csv(report, "critical_items.csv")
    assert {r["item"]: int(r["projects"]) for r in rows} == dict(counted)
    assert [int(r["projects"]) for r in rows] == sorted(counted.values(), reverse=True)


def test_each_miss_names_its_target_and_driving_item(report: Path, batch: PlannedBatch) -> None:
    projects = BatchStore(batch.out).read("projects").to_pylist()
    missed = {
        (p["project"], t["target"]): t for p in projects for t in p["targets"] if not t["met"]
    }
    rows = _csv(report, "target_misses.csv")
    assert len(rows) == len(missed) > 0
    for row in rows:
        target = missed[(row["project"], row["target"])]
        assert row["driver"] == target["drivers"][0]
        assert int(row["excess"]) == target["working_days"] - target["limit"] > 0
    excesses = [int(r["excess"]) for r in rows]
    assert excesses == sorted(excesses, reverse=True)


def test_department_load_counts_each_file_in_every_week_it_spans(
    report: Path, batch: PlannedBatch
) -> None:
    tasks = BatchStore(batch.out).read("tasks").to_pylist()
    expected: Counter[tuple[str, str]] = Counter()
    for t in tasks:
        if t["type"] == "item" and t["government"] and t["department"]:
            week = t["start"] - dt.timedelta(days=t["start"].weekday())
            while week <= t["finish"]:
                expected[(t["department"], week.isoformat())] += 1
                week += dt.timedelta(days=7)
    rows = _csv(report, "department_load.csv")
    assert {(r["department"], r["week"]): int(r["files"]) for r in rows} == dict(expected)


def test_commitments_fall_due_by_month(report: Path, batch: PlannedBatch) -> None:
    obligations = BatchStore(batch.out).read("obligations").to_pylist()
    expected = Counter(
        o["due_date"].strftime("%Y-%m-01") for o in obligations if o["mode_kind"] == "commitment"
    )
    rows = _csv(report, "commitments_by_month.csv")
    assert {r["month"]: int(r["obligations"]) for r in rows} == dict(expected)
    assert sum(expected.values()) > 0


def test_failed_projects_are_listed_with_their_problems(report: Path) -> None:
    rows = _csv(report, "failed_projects.csv")
    assert len({r["project"] for r in rows}) == len(BAD_LINES)
    assert all(r["code"] and r["message"] for r in rows)


def test_the_same_batch_gives_the_same_bytes_in_both_languages(
    report: Path, batch: PlannedBatch, tmp_path: Path
) -> None:
    again, english = tmp_path / "again", tmp_path / "en"
    assert main(["analyze", str(batch.out), "-o", str(again)]) == 0
    for name in [*TABLES, "report.html"]:
        assert (again / name).read_bytes() == (report / name).read_bytes(), name
    assert main(["analyze", str(batch.out), "-o", str(english), "--lang", "en"]) == 0
    html = (english / "report.html").read_text(encoding="utf-8")
    assert "Items most often on the critical path" in html and 'lang="en"' in html


def test_a_directory_without_a_batch_is_one_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "en", "analyze", str(tmp_path), "-o", str(tmp_path / "r")]) == 1
    err = capsys.readouterr().err
    assert "manifest.json is missing" in err and "Traceback" not in err


def test_every_chart_renders_in_headless_chromium(report: Path, tmp_path: Path) -> None:
    assert CHROMIUM.exists(), f"no {CHROMIUM}: run scripts/install-system-deps.sh as root"
    page_file = report / "report.html"
    messages: list[str] = []
    requests: list[str] = []
    with sync_api.sync_playwright() as play:
        browser = play.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1240, "height": 1754})
            page.on("console", lambda m: messages.append(f"{m.type}: {m.text}"))
            page.on("pageerror", lambda e: messages.append(f"pageerror: {e}"))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(page_file.as_uri())
            page.wait_for_load_state("load")
            charts = page.locator("figure.chart svg")
            sizes = [charts.nth(i).bounding_box() for i in range(charts.count())]
            shapes = [
                charts.nth(i).locator("path, rect, line, polyline").count()
                for i in range(charts.count())
            ]
            shots = []
            for section in ("critical", "load", "targets"):
                shot = tmp_path / f"{section}.png"
                page.locator(f"#{section}").screenshot(path=str(shot))
                shots.append(shot)
            whole = tmp_path / "report.png"
            page.screenshot(path=str(whole), full_page=True)
            pdf = page.pdf(format="A4")
        finally:
            browser.close()
    assert [m for m in messages if m.startswith(("error", "pageerror"))] == []
    assert requests == [page_file.as_uri()], "nothing else is fetched"
    assert len(sizes) == CHARTS
    assert all(box is not None and box["width"] > 300 and box["height"] > 60 for box in sizes)
    assert all(count > 10 for count in shapes), shapes
    assert all(shot.stat().st_size > 5_000 for shot in [*shots, whole])
    assert pdf.startswith(b"%PDF")


def test_a_batch_where_nothing_was_planned_still_gives_a_report(tmp_path: Path) -> None:
    portfolio = tmp_path / "bad.jsonl"
    portfolio.write_text("".join(f"{line}\n" for line in BAD_LINES), encoding="utf-8")
    assert main(["batch", str(portfolio), "-o", str(tmp_path / "out"), "--workers", "1"]) == 0
    assert main(["analyze", str(tmp_path / "out"), "-o", str(tmp_path / "r"), "--lang", "en"]) == 0
    html = (tmp_path / "r" / "report.html").read_text(encoding="utf-8")
    assert html.count("<svg") == CHARTS and html.count("(no data)") == CHARTS
    failed = _csv(tmp_path / "r", "failed_projects.csv")
    assert len({r["project"] for r in failed}) == len(BAD_LINES)
