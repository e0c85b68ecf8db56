"""Issue 17, batch planning: every project of a portfolio gets its rows, a bad one an error
row naming what to fix; the output resumes; workers change nothing in the files."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pathplanner.cli import main
from pathplanner.portfolio.backend import PlanSettings, ProcessBackend, SerialBackend
from pathplanner.portfolio.batch import run_batch
from pathplanner.portfolio.files import write_portfolio
from pathplanner.portfolio.generate import generate_portfolio
from pathplanner.portfolio.inputs import read_portfolio
from pathplanner.portfolio.store import MANIFEST, SCHEMAS, BatchStore
from portfolio_support import BAD_LINES, SIZE, PlannedBatch


def _rows(out: Path, name: str = "projects") -> list[dict[str, object]]:
    return BatchStore(out).read(name).to_pylist()


def test_every_project_has_a_row_and_bad_ones_say_what_to_fix(batch: PlannedBatch) -> None:
    rows = {r["project"]: r for r in _rows(batch.out)}
    assert len(rows) == SIZE + len(BAD_LINES)
    generated = {str(d["name"]) for d in batch.documents}
    assert all(rows[name]["ok"] for name in generated)
    failed = {name: r for name, r in rows.items() if not r["ok"]}
    first_bad = SIZE + 1  # the bad lines follow the generated ones
    assert sorted(failed) == sorted(
        [f"line-{first_bad}", f"line-{first_bad + 1}", "bad-height", "bad-date"]
    )
    (not_json,) = failed[f"line-{first_bad}"]["problems"]
    assert (not_json["code"], not_json["line"]) == ("batch-bad-json", first_bad)
    assert failed[f"line-{first_bad + 1}"]["problems"][0]["code"] == "batch-not-object"
    (height,) = failed["bad-height"]["problems"]
    assert height["line"] == first_bad + 2
    assert "height_m" in height["field"] and "tall" in height["message_en"]
    assert "project.height_m" in height["message_zh"] or "height_m" in height["message_zh"]
    date = failed["bad-date"]["problems"][0]
    assert date["code"] == "plan-bad-date" and "2026-02-30" in date["message_en"]
    assert all(r["finish"] is None for r in failed.values())


def test_project_rows_agree_with_their_task_rows(batch: PlannedBatch) -> None:
    tasks: dict[str, list[dict[str, object]]] = {}
    for task in _rows(batch.out, "tasks"):
        tasks.setdefault(str(task["project"]), []).append(task)
    for row in _rows(batch.out):
        if not row["ok"]:
            assert str(row["project"]) not in tasks
            continue
        own = tasks[str(row["project"])]
        assert max(t["finish"] for t in own) == row["finish"]
        critical = [t["task"] for t in own if t["type"] == "item" and t["critical"]]
        assert critical == row["critical_items"]
        assert all(t["float_working_days"] == 0 for t in own if t["critical"])
        chain = sum(int(t["chain_working_days"] or 0) for t in own)
        assert chain == row["chain_working_days"]
        stages = sum(s["chain_working_days"] for s in row["stages"])
        assert stages == row["chain_working_days"]
        for target in row["targets"]:
            assert target["met"] == (target["working_days"] <= target["limit"])
            assert bool(target["drivers"]) == (not target["met"])


def test_rows_are_in_project_order_and_the_manifest_names_every_part(
    batch: PlannedBatch,
) -> None:
    names = [r["project"] for r in _rows(batch.out)]
    assert names == sorted(names)
    manifest = json.loads((batch.out / MANIFEST).read_text(encoding="utf-8"))
    for table in SCHEMAS:
        files = sorted(p.stem for p in (batch.out / table).glob("*.parquet"))
        assert files == manifest["parts"]
        for file in (batch.out / table).glob("*.parquet"):
            assert pq.read_schema(file).equals(SCHEMAS[table], check_metadata=False)


def _portfolio(tmp_path: Path, count: int, seed: int) -> Path:
    path = tmp_path / "portfolio.jsonl"
    write_portfolio(generate_portfolio(count, seed), path)
    return path


def test_two_worker_processes_write_the_same_files_as_one(tmp_path: Path) -> None:
    portfolio = _portfolio(tmp_path, 40, 5)
    one, two = tmp_path / "one", tmp_path / "two"
    assert main(["batch", str(portfolio), "-o", str(one), "--workers", "1"]) == 0
    assert main(["batch", str(portfolio), "-o", str(two), "--workers", "2"]) == 0
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(two) for p in two.rglob("*") if p.is_file())
    for file in files:
        assert (one / file).read_bytes() == (two / file).read_bytes(), file


def test_a_second_run_plans_only_what_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    documents = generate_portfolio(30, 9)
    half, whole = tmp_path / "half.jsonl", tmp_path / "whole.jsonl"
    write_portfolio(documents[:12], half)
    write_portfolio(documents, whole)
    resumed, fresh = tmp_path / "resumed", tmp_path / "fresh"
    assert main(["--lang", "en", "batch", str(half), "-o", str(resumed), "--workers", "1"]) == 0
    assert main(["--lang", "en", "batch", str(whole), "-o", str(resumed), "--workers", "1"]) == 0
    assert "18 projects planned (0 failed), 12 already done skipped" in capsys.readouterr().err
    assert main(["batch", str(whole), "-o", str(fresh), "--workers", "1"]) == 0
    for table in SCHEMAS:  # the same rows; only the file each project was read from differs
        got = BatchStore(resumed).read(table).sort_by("project")
        want = BatchStore(fresh).read(table).sort_by("project")
        if table == "projects":
            got, want = got.drop(["source"]), want.drop(["source"])
        assert got.to_pylist() == want.to_pylist()
    assert json.loads((resumed / MANIFEST).read_text())["parts"] == ["part-000000", "part-000001"]


def test_a_part_written_before_a_stop_but_not_in_the_manifest_is_replaced(
    tmp_path: Path,
) -> None:
    documents = generate_portfolio(6, 4)
    portfolio = tmp_path / "p.jsonl"
    write_portfolio(documents, portfolio)
    settings = PlanSettings()
    catalog = settings.planner().catalog
    projects = read_portfolio(portfolio, catalog)
    out = tmp_path / "out"
    run_batch(projects[:3], BatchStore(out, catalog.content_hash), SerialBackend(settings))
    manifest = (out / MANIFEST).read_bytes()
    # a run that stopped after writing its part's files, before the manifest named them
    run_batch(projects, BatchStore(out, catalog.content_hash), SerialBackend(settings))
    (out / MANIFEST).write_bytes(manifest)
    assert BatchStore(out).done() == {p.id for p in projects[:3]}
    summary = run_batch(projects, BatchStore(out, catalog.content_hash), SerialBackend(settings))
    assert (summary.planned, summary.skipped) == (3, 3)
    assert sorted(BatchStore(out).done()) == sorted(p.id for p in projects)


def test_tables_and_project_files_give_the_rows_of_json_lines(tmp_path: Path) -> None:
    documents = generate_portfolio(24, 9)
    buildings = [b for d in documents for b in d["profile"].get("buildings", [])]
    assert any("spaces" in b for b in buildings), "the sample must hold buildings with spaces"
    outputs = {}
    for target in ("p.jsonl", "p.csv", "p.parquet", "files"):
        write_portfolio(documents, tmp_path / target)
        out = tmp_path / f"out-{target}"
        assert main(["batch", str(tmp_path / target), "-o", str(out), "--workers", "1"]) == 0
        rows = BatchStore(out).read("projects").drop(["source", "problems"]).to_pylist()
        outputs[target] = rows
    assert all(r["ok"] for r in outputs["p.jsonl"])
    assert (tmp_path / "p.buildings.csv").is_file() and (tmp_path / "p.spaces.csv").is_file()
    for target, rows in outputs.items():
        assert rows == outputs["p.jsonl"], target


def test_a_table_cell_that_is_not_its_type_is_an_error_row_at_its_line(tmp_path: Path) -> None:
    table = tmp_path / "p.csv"
    table.write_text(
        "name,start,project.investment,project.total_investment_10k,project.use,"
        "project.floor_area_m2,project.height_m,land.supply,site.area_ha\n"
        "good,2026-03-02,enterprise,100,warehouse,1000,8,existing,0.2\n"
        "bad,2026-03-02,enterprise,lots,warehouse,1000,8,existing,0.2\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert main(["batch", str(table), "-o", str(out), "--workers", "1"]) == 0
    rows = {r["project"]: r for r in _rows(out)}
    assert rows["good"]["ok"] and not rows["bad"]["ok"]
    (problem,) = rows["bad"]["problems"]
    assert problem["line"] == 3 and "total_investment_10k" in problem["field"]


def test_a_portfolio_that_cannot_be_read_is_one_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "en", "batch", str(tmp_path / "none.jsonl"), "-o", "x"]) == 1
    err = capsys.readouterr().err
    assert "none.jsonl" in err and "no portfolio here" in err and "Traceback" not in err
    odd = tmp_path / "p.txt"
    odd.write_text("x", encoding="utf-8")
    assert main(["batch", str(odd), "-o", str(tmp_path / "out")]) == 1
    assert "无法识别的项目组合格式" in capsys.readouterr().err
    assert main(["batch", str(odd), "-o", str(tmp_path / "o"), "--workers", "0"]) == 2


def test_an_output_of_another_catalog_is_not_resumed(
    tmp_path: Path, batch: PlannedBatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    shutil.copytree(batch.out, out)
    manifest = json.loads((out / MANIFEST).read_text())
    manifest["catalog_hash"] = "0" * 64
    (out / MANIFEST).write_text(json.dumps(manifest))
    assert main(["--lang", "en", "batch", str(batch.portfolio), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "manifest.json" in err and "another catalog" in err
    (out / MANIFEST).write_text("{}")
    assert main(["batch", str(batch.portfolio), "-o", str(out)]) == 1
    assert "batch-bad-manifest" in capsys.readouterr().err


def test_projects_without_dates_take_the_command_line_start(tmp_path: Path) -> None:
    document = generate_portfolio(1, 3)[0]
    del document["start"], document["as_of"]
    portfolio = tmp_path / "p.jsonl"
    write_portfolio([document], portfolio)
    out = tmp_path / "out"
    args = ["batch", str(portfolio), "-o", str(out), "--workers", "1", "--start", "2026-06-01"]
    assert main(args) == 0
    (row,) = _rows(out)
    assert row["start"] >= dt.date(2026, 6, 1)


def test_the_process_backend_yields_rows_in_the_order_given(tmp_path: Path) -> None:
    portfolio = _portfolio(tmp_path, 20, 8)
    settings = PlanSettings()
    projects = read_portfolio(portfolio, settings.planner().catalog)[::-1]
    backend = ProcessBackend(settings, 2)
    try:
        got = [rows.project["project"] for rows in backend.run(projects)]
    finally:
        backend.close()
    assert got == [p.id for p in projects]
