"""The ``plan`` and ``schema plan`` commands."""

from __future__ import annotations

import json

import pytest
import typer

from pathplanner.cli import main
from pathplanner.cli_plan import parse_pins
from pathplanner.plan_model import plan_json_schema


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
