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


@pytest.mark.parametrize(
    ("task", "line", "hint"),
    [
        (
            "    accepted: 2026-04-01\n    decided: 2026-03-01\n",
            5,
            "'decided' is before 'accepted'",
        ),
        ("    decided: 2026-03-01\n", 4, "'decided' needs 'accepted'"),
        (
            "    accepted: 2026-04-01\n    status: decided\n",
            5,
            "status 'decided' needs the date 'decided'",
        ),
        ("    status: refused\n", 4, "status 'refused' needs the date 'accepted'"),
        (
            "    accepted: 2026-04-01\n    suspended_on: 2026-04-03\n",
            5,
            "'suspended_on' or 'resumes' is given but the status is not 'suspended'",
        ),
        (
            "    accepted: 2026-04-01\n    status: suspended\n    decided: 2026-04-09\n",
            6,
            "a 'suspended' task cannot have a 'decided' date",
        ),
        (
            "    accepted: 2026-04-01\n    status: suspended\n    suspended_on: 2026-03-20\n",
            6,
            "'suspended_on' is before 'accepted'",
        ),
        (
            "    accepted: 2026-04-01\n    status: suspended\n    suspended_on: 2026-04-03\n"
            "    resumes: 2026-04-02\n",
            7,
            "'resumes' is before 'suspended_on'",
        ),
    ],
)
def test_each_contradiction_in_a_task_is_located_at_its_key(
    tmp_path: Path, task: str, line: int, hint: str
) -> None:
    path = _write(tmp_path, f"today: 2026-05-11\ntasks:\n  - task: a\n{task}")
    with pytest.raises(InputError) as err:
        load_actuals(path)
    (problem,) = err.value.problems
    assert problem.location.line == line  # the key that contradicts an earlier one
    assert problem.message("en").split(": error ", 1)[1] == (
        f"[invalid-combination] Actuals > tasks[0]: the values contradict each other\n"
        f"  hint: {hint}"
    )


@pytest.mark.parametrize("value", ["0", "20260511", "2026-05-11T09:00:00", "2026-02-30", "true"])
def test_dates_are_dates(tmp_path: Path, value: str) -> None:
    """A number is not a date (pydantic would read 0 as 1970-01-01), nor is a basic-format
    or a datetime string."""
    path = _write(tmp_path, f"today: {value}\ntasks: []\n")
    with pytest.raises(InputError) as err:
        load_actuals(path)
    (problem,) = err.value.problems
    assert problem.code == "bad-type" and problem.location.line == 1
    assert "expected: a date, YYYY-MM-DD" in problem.message("en")


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


def test_an_actual_the_plan_cannot_use_is_a_located_warning(tmp_path: Path) -> None:
    """An item of the catalog that this plan does not hold, and a date that no window
    works on: both were accepted in silence before (#18)."""
    from pathplanner import Planner

    path = _write(
        tmp_path,
        "today: 2026-05-11\ntasks:\n"
        "  - task: construction-permit\n    accepted: 2026-05-01\n"
        "  - task: fire-design-review\n    accepted: 2026-04-01\n    decided: 2026-04-10\n",
    )
    example = Path(__file__).resolve().parents[2] / "examples" / "low-risk-warehouse.yaml"
    plan = Planner.default().plan(example, actuals=path)
    found = {w.code: (w.location, w.message.en) for w in plan.warnings}
    where = path.as_posix()
    assert found["replan-day-off"] == (
        f"{where}:4:15",
        "the accepted date 2026-05-01 of 'construction-permit' is not a working day; please "
        "check it",
    )
    assert found["replan-task-not-planned"] == (
        f"{where}:5:11",
        "task 'fire-design-review' in the actual dates is a catalog item but not part of this "
        "plan; its dates are not used",
    )
    assert found["replan-contradiction"][0] == f"{where}:4:15"


def test_a_misspelt_task_is_an_error_with_did_you_mean(tmp_path: Path) -> None:
    """A typo used to be a warning while the plan moved on without the actual date."""
    from pathplanner import Planner

    path = _write(
        tmp_path,
        "today: 2026-05-11\ntasks:\n  - task: planing-conditions\n    accepted: 2026-03-03\n",
    )
    example = Path(__file__).resolve().parents[2] / "examples" / "factory-in-assessed-park.yaml"
    with pytest.raises(InputError) as caught:
        Planner.default().plan(example, actuals=path)
    [problem] = caught.value.problems
    assert problem.code == "replan-unknown-task"
    assert str(problem.location) == f"{path.as_posix()}:3:11"
    assert "did you mean 'planning-conditions'" in problem.message("en")
