"""The plan JSON contract: schema and documentation agree, output is byte-stable."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from pathplanner.plan.model import SCHEMA_VERSION, Plan, plan_json_schema
from plan_fixtures import plan as fixture_plan

DOC = Path(__file__).resolve().parents[2] / "docs" / "plan-format.md"


def _documented() -> dict[str, set[str]]:
    """Model name -> the field names listed in its table in docs/plan-format.md."""
    found: dict[str, set[str]] = {}
    current: str | None = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^### `(\w+)`\s*$", line)
        if heading:
            current = heading.group(1)
            found[current] = set()
            continue
        row = re.match(r"^\| `(\w+)` \|", line)
        if row and current is not None:
            found[current].add(row.group(1))
    return found


def _schema_fields() -> dict[str, set[str]]:
    schema = plan_json_schema()
    fields = {"Plan": set(schema["properties"])}
    for name, definition in schema["$defs"].items():
        if "properties" in definition:
            fields[name] = set(definition["properties"])
    return fields


def test_doc_lists_exactly_the_schema_fields() -> None:
    documented = _documented()
    schema = _schema_fields()
    assert sorted(documented) == sorted(schema), "documented models differ from the schema"
    for model, fields in schema.items():
        assert documented[model] == fields, f"{model}: doc and schema differ"


def test_schema_is_draft_2020_and_names_the_version() -> None:
    schema = plan_json_schema()
    assert schema["$schema"].endswith("2020-12/schema")
    assert SCHEMA_VERSION in schema["$id"]
    assert schema["title"] == "Plan"


GOLDEN_JSON = sorted((Path(__file__).resolve().parents[1] / "golden").glob("*.json"))


@pytest.mark.parametrize(
    "source", ["fixture", *GOLDEN_JSON], ids=["fixture", *[p.stem for p in GOLDEN_JSON]]
)
def test_every_field_is_present_in_serialized_json(source: object) -> None:
    """Portals can rely on every key being present (optional values are null), in the
    hand-built plan and in every example's golden plan."""
    if isinstance(source, Path):
        data = json.loads(source.read_text(encoding="utf-8"))
    else:
        data = json.loads(fixture_plan().to_json())

    def walk(schema: dict[str, Any], value: Any, defs: dict[str, Any], path: str) -> None:
        if "$ref" in schema:
            walk(defs[schema["$ref"].split("/")[-1]], value, defs, path)
            return
        if "properties" in schema and isinstance(value, dict):
            assert set(value) == set(schema["properties"]), path
            for key, sub in schema["properties"].items():
                walk(sub, value[key], defs, f"{path}.{key}")
        for option in schema.get("anyOf", []):
            if value is not None and option.get("type") != "null":
                walk(option, value, defs, path)
        if schema.get("type") == "array" and isinstance(value, list):
            for index, item in enumerate(value):
                walk(schema.get("items", {}), item, defs, f"{path}[{index}]")

    schema = plan_json_schema()
    walk(schema, data, schema["$defs"], "plan")


def test_json_is_byte_identical_and_round_trips() -> None:
    first = fixture_plan().to_json()
    second = fixture_plan().to_json()
    assert first == second
    assert first.endswith("}\n")
    assert "企业投资项目备案" in first, "Chinese is written as UTF-8, not escaped"
    again = Plan.model_validate_json(first)
    assert again.to_json() == first


def test_dates_are_iso_strings() -> None:
    data = json.loads(fixture_plan().to_json())
    assert data["start"] == "2026-03-02"
    assert data["tasks"][0]["start"] == "2026-03-02"
    assert data["disclosure"]["entries"][1]["materials"][2]["deferred_until"] == "2026-03-30"
