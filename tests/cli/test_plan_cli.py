"""The ``plan`` and ``schema plan`` commands."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import typer

from pathplanner.cli import main
from pathplanner.cli.plan import parse_pins
from pathplanner.plan.model import Plan, plan_json_schema


def test_schema_plan_prints_the_plan_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "plan"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == plan_json_schema()


def test_pins_parse_and_malformed_pin_is_a_command_line_error() -> None:
    assert parse_pins(["construction-permit=commitment", " a = b "]) == {
        "construction-permit": "commitment",
        "a": "b",
    }
    with pytest.raises(typer.BadParameter, match="ITEM=MODE"):
        parse_pins(["construction-permit"], "en")


def test_malformed_pin_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "missing.yaml", "--pin", "nomode"]) == 2
    assert "--pin" in capsys.readouterr().err


def test_bad_date_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "missing.yaml", "--start", "2026-13-01"]) == 2
    assert "--start" in capsys.readouterr().err


EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "low-risk-warehouse.yaml"


def test_plan_writes_the_report_and_prints_its_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out" / "plan.md"
    assert main(["--lang", "en", "plan", str(EXAMPLE), "--format", "md", "-o", str(target)]) == 0
    captured = capsys.readouterr()
    assert captured.out == f"report written to {target.as_posix()}\n"
    summary, *_ = captured.err.splitlines()
    assert re.fullmatch(
        r"finish \d{4}-\d\d-\d\d, \d+ working days, critical path \d+ tasks, \d+ warnings",
        summary,
    )
    assert target.read_text(encoding="utf-8").startswith("# Low-risk simple warehouse")


def test_plan_json_to_stdout_is_the_api_plan(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", str(EXAMPLE), "--engine", "reference"]) == 0
    captured = capsys.readouterr()
    plan = Plan.model_validate_json(captured.out)
    assert plan.inputs.engine == "reference"
    assert captured.err.startswith(f"完成日 {plan.finish.isoformat()}，")
    assert plan.to_json() == captured.out


def test_invalid_profile_exits_1_with_located_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("floor_area_m2: 2800", "floor_area_m2: -5"),
        encoding="utf-8",
    )
    assert main(["plan", str(bad)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "bad.yaml:" in captured.err and "floor_area_m2" in captured.err


def test_a_pin_against_a_mandatory_mode_names_the_rule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The low-risk path (Shandong's definition) makes the permit's commitment mode
    mandatory: pinning it to the normal mode is invalid input (exit 1) naming that rule,
    not an 'unknown option'."""
    out = tmp_path / "plan.json"
    args = ["--lang", "en", "plan", str(EXAMPLE), "--pin", "construction-permit=normal"]
    assert main([*args, "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "schedule-pin-mandatory" in err
    assert "rule low-risk-shandong-commitment" in err
    assert "unknown option" not in err
    assert "Traceback" not in err
    assert not out.exists()


FACTORY = EXAMPLE.parent / "factory-in-assessed-park.yaml"


def test_plan_prints_each_warning_after_the_summary_and_quiet_hides_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "plan.json"
    assert main(["plan", str(FACTORY), "-o", str(target)]) == 0
    summary, *warnings = capsys.readouterr().err.splitlines()
    plan = Plan.model_validate_json(target.read_text(encoding="utf-8"))
    assert summary.endswith(f"警告 {len(plan.warnings)} 条")
    assert plan.warnings, "the example is expected to carry warnings"
    assert len(warnings) == len(plan.warnings)
    for line, warning in zip(warnings, plan.warnings, strict=True):
        assert f"[{warning.code}]" in line
        assert line.endswith(warning.message.zh)
    assert main(["--lang", "en", "plan", str(FACTORY), "--quiet", "-o", str(target)]) == 0
    [summary] = capsys.readouterr().err.splitlines()
    assert summary.endswith(f"{len(plan.warnings)} warnings")
