"""The actuals file: loading with located errors, and its JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _sched_build import d

from pathplanner.errors import InputError
from pathplanner.schedule import ActualStatus, actuals_json_schema, load_actuals


def _write(tmp_path: Path, text: str, name: str = "actuals.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_load_valid_yaml(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "today: 2026-05-11\n"
        "tasks:\n"
        "  - task: a\n"
        "    accepted: 2026-03-20\n"
        "    decided: 2026-04-29\n"
        "    reason: 专家评审延期\n"
        "  - task: b\n"
        "    accepted: 2026-05-06\n"
        "    status: suspended\n"
        "    suspended_on: 2026-05-08\n",
    )
    actuals = load_actuals(path)
    assert actuals.today == d("2026-05-11")
    a, b = actuals.tasks
    assert a.effective_status == ActualStatus.decided
    assert b.effective_status == ActualStatus.suspended


def test_load_json(tmp_path: Path) -> None:
    data = {"today": "2026-05-11", "tasks": [{"task": "a", "accepted": "2026-05-06"}]}
    actuals = load_actuals(_write(tmp_path, json.dumps(data), "actuals.json"))
    assert actuals.tasks[0].effective_status == ActualStatus.accepted


def test_unknown_key_is_located_with_a_suggestion(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "today: 2026-05-11\ntasks:\n  - task: a\n    acepted: 2026-03-20\n",
    )
    with pytest.raises(InputError) as err:
        load_actuals(path)
    (problem,) = err.value.problems
    assert problem.message("en") == (
        f"{path.as_posix()}:4:5: error [unknown-key] Actuals > tasks[0]: unknown key "
        "'acepted'\n  hint: did you mean 'accepted'?"
    )


def test_inconsistent_dates_are_errors(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "today: 2026-05-11\ntasks:\n  - task: a\n    accepted: 2026-04-01\n"
        "    decided: 2026-03-01\n",
    )
    with pytest.raises(InputError) as err:
        load_actuals(path)
    assert [p.severity for p in err.value.problems] == ["error"]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        load_actuals(tmp_path / "nope.yaml")
    assert [p.code for p in err.value.problems] == ["file-missing"]


def test_json_schema_names_every_field() -> None:
    schema = actuals_json_schema()
    assert schema["title"] == "pathplanner actuals"
    assert set(schema["properties"]) == {"today", "tasks"}
    task = schema["$defs"]["ActualTask"]
    assert set(task["properties"]) == {
        "task",
        "accepted",
        "decided",
        "status",
        "reason",
        "suspended_on",
        "resumes",
    }
    assert task["additionalProperties"] is False
    assert json.loads(json.dumps(schema)) == schema


def test_cli_prints_the_schema() -> None:
    from typer.testing import CliRunner

    from pathplanner.cli import app

    result = CliRunner().invoke(app, ["schema", "actuals"])
    assert result.exit_code == 0
    assert json.loads(result.output) == json.loads(json.dumps(actuals_json_schema()))
