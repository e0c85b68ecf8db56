"""``pathplanner diff`` between two catalog versions."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import add_file, edit
from typer.testing import CliRunner

from pathplanner.cli import app
from pathplanner.policy.diff import diff_catalogs, render_diff

NEW_ITEM = """\
items:
  - id: lightning-review
    zh: 防雷装置设计审核
    kind: review
    stage: permit
    department: housing
    basis: 《气象灾害防御条例》第二十四条
    valid_from: 2011-04-01
    applies_by_default: true
    materials: [lightning-design]
    time_limits: {committed: [{value: 5, valid_from: 2020-01-01, basis: 承诺}]}
materials:
  - {id: lightning-design, zh: 防雷装置设计文件, provider: design-institute}
"""


def _pair(mini: Path, tmp_path: Path) -> Path:
    new = tmp_path / "new"
    shutil.copytree(mini, new)
    add_file(new, "catalog/lightning.yaml", NEW_ITEM)
    edit(new, "rules/mini.yaml", "project.floor_area_m2 < 50000", "project.floor_area_m2 < 5000")
    edit(
        new,
        "catalog/items.yaml",
        "{value: 7, valid_from: 2026-01-01",
        "{value: 4, valid_from: 2026-01-01",
    )
    return new


def test_diff_reports_item_rule_time_limit_and_material(mini: Path, tmp_path: Path) -> None:
    new = _pair(mini, tmp_path)
    diff = diff_catalogs(mini, new, old_label="old", new_label="new")
    data = json.loads(diff.to_json())
    assert data["catalog"] == {
        "items": {
            "added": ["lightning-review"],
            "removed": [],
            "changed": [
                {
                    "id": "planning-permit",
                    "changes": [{"path": "time_limits.committed[1].value", "old": 7, "new": 4}],
                }
            ],
        },
        "materials": {"added": ["lightning-design"], "removed": [], "changed": []},
        "rules": {
            "added": [],
            "removed": [],
            "changed": [
                {
                    "id": "assessed-zone-commitment",
                    "changes": [
                        {
                            "path": "when",
                            "old": "site.in_assessed_zone and project.floor_area_m2 < 50000",
                            "new": "site.in_assessed_zone and project.floor_area_m2 < 5000",
                        }
                    ],
                }
            ],
        },
    }
    [prof] = data["profiles"]
    assert prof["file"] == "examples/small-factory.yaml"
    assert prof["tasks_added"] == ["lightning-review"]
    assert prof["materials_added"] == ["lightning-design"]
    assert prof["modes_changed"] == []  # the plan used the normal mode either way
    assert prof["time_limits_changed"] == [
        {
            "task": "planning-permit",
            "old": {"value": 7, "clock": "working"},
            "new": {"value": 4, "clock": "working"},
        }
    ]
    assert prof["finish"] is not None


def test_diff_command_text_and_json(mini: Path, tmp_path: Path) -> None:
    new = _pair(mini, tmp_path)
    runner = CliRunner()
    result = runner.invoke(app, ["diff", str(mini), str(new)])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == f"目录差异：{mini.as_posix()} → {new.as_posix()}"
    assert "  新增事项：lightning-review" in lines
    assert "    time_limits.committed[1].value：7 → 4" in lines
    assert "  修改规则：assessed-zone-commitment" in lines
    assert "    时限变化：planning-permit 7 个工作日 → 4 个工作日" in lines
    again = runner.invoke(app, ["diff", str(mini), str(new), "--format", "json"])
    assert again.exit_code == 0
    assert json.loads(again.output)["profiles"][0]["file"] == "examples/small-factory.yaml"
    assert runner.invoke(app, ["diff", str(mini), str(new), "--format", "json"]).output == (
        again.output
    )


def test_identical_catalogs_have_no_differences(mini: Path) -> None:
    result = CliRunner().invoke(app, ["diff", str(mini), str(mini)])
    assert result.exit_code == 0
    assert result.output == (
        f"目录差异：{mini.as_posix()} → {mini.as_posix()}\n"
        "  没有差异\n"
        "对项目的影响：\n"
        "  其余 1 个项目的计划没有变化\n"
    )


def test_next_years_calendar_shows_in_the_diff(mini: Path, tmp_path: Path) -> None:
    new = tmp_path / "new"
    shutil.copytree(mini, new)
    add_file(
        new,
        "catalog/calendars/cn-2027.yaml",
        """\
        year: 2027
        notice: {id: 国办发明电〔2026〕1号, title: 国务院办公厅关于2027年部分节假日安排的通知}
        holidays:
          - {name: 元旦, start: 2027-01-01, end: 2027-01-03}
        workdays: []
        """,
    )
    diff = diff_catalogs(mini, new, old_label="old", new_label="new")
    assert diff.catalog["calendars"].added == ["2027"]
    assert "  新增工作日历：2027" in render_diff(diff).splitlines()


def test_diff_in_english_and_a_profile_that_cannot_be_planned(mini: Path, tmp_path: Path) -> None:
    new = _pair(mini, tmp_path)
    broken = add_file(
        tmp_path,
        "broken.yaml",
        """\
        name: broken
        start: 2026-03-02
        profile:
          project: {investment: private}
        """,
    )
    result = CliRunner().invoke(app, ["--lang", "en", "diff", str(mini), str(new), str(broken)])
    assert result.exit_code == 1  # the comparison is printed, but it is incomplete
    lines = result.output.splitlines()
    assert "  added item: lightning-review" in lines
    assert f"  project broken ({broken.as_posix()}):" in lines
    failed = lines[lines.index(f"  project broken ({broken.as_posix()}):") + 1]
    assert failed.startswith(f"    cannot plan: {broken.as_posix()}:4:")
