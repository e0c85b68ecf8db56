"""The published JSON Schemas (plan, actuals, profile) and the plan's compatibility policy.

docs/plan-format.md, "Compatibility": the plan schema is open (a 1.0 validator accepts the
plans of later 1.x versions), the input schemas are closed (an unknown key is a typo, and
pathplanner rejects it), every property is described, every ``$id`` is a stable URN, and
``schemas/`` holds exactly what the code generates.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import json
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from jsonschema import Draft202012Validator
from pydantic import Field

from pathplanner.catalog.loader import load_catalog
from pathplanner.cli.schema import published_schemas
from pathplanner.errors import InputError
from pathplanner.organisation.letter import letter_json_schema
from pathplanner.plan.model import SCHEMA_VERSION, Name, Plan, _contract_schema, plan_json_schema
from pathplanner.profile import load_profile, profile_json_schema
from pathplanner.schedule.actuals import actuals_json_schema, load_actuals
from snapshots import example_paths, example_plan, shared_planner

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "schemas"
DOC = ROOT / "docs" / "plan-format.md"
MINI = Path(__file__).resolve().parents[1] / "data" / "mini"
FROZEN_1_0 = Path(__file__).resolve().parents[1] / "data" / "plan-1.0.json"
EXAMPLES = example_paths()
ACTUALS = (
    "today: 2026-06-10\n"
    "tasks:\n"
    "  - task: construction-permit\n"
    "    accepted: 2026-06-01\n"
    "    decided: 2026-06-08\n"
    "    reason: 补正材料\n"
)


def _shipped(name: str) -> dict[str, Any]:
    return dict(json.loads((SCHEMAS / name).read_text(encoding="utf-8")))


def _validator(schema: dict[str, Any]) -> Draft202012Validator:
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _errors(schema: dict[str, Any], instance: Any) -> list[str]:
    """Every validation error as ``path: message``, sorted."""
    found = _validator(schema).iter_errors(instance)
    return sorted(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in found)


def _objects(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every object schema (a mapping with ``properties``) inside a schema, with its path."""
    if isinstance(node, dict):
        if isinstance(node.get("properties"), dict):
            yield path, node
        for key, value in node.items():
            yield from _objects(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _objects(value, f"{path}/{index}")


@functools.cache
def _all_schemas() -> dict[str, dict[str, Any]]:
    """Every schema the CLI can publish, by name (made once; the tests only read them)."""
    default = load_catalog(None)
    mini = load_catalog(MINI)
    return {
        "plan": plan_json_schema(),
        "actuals": actuals_json_schema(),
        "letter": letter_json_schema(),
        "profile": profile_json_schema(default),
        "profile-en": profile_json_schema(default, "en"),
        "profile-mini": profile_json_schema(mini),
        "profile-mini-en": profile_json_schema(mini, "en"),
    }


SCHEMA_NAMES = list(_all_schemas())


# --- the files in schemas/ ------------------------------------------------------------------


def test_schema_files_are_what_the_code_generates() -> None:
    published = published_schemas()
    assert sorted(p.name for p in SCHEMAS.iterdir()) == sorted(published), (
        "schemas/ holds other files than the published ones: run `make snapshots`"
    )
    for name, text in published.items():
        assert (SCHEMAS / name).read_text(encoding="utf-8") == text, (
            f"schemas/{name} is out of date: run `make snapshots` and review the diff"
        )


@pytest.mark.parametrize(
    ("command", "name"),
    [
        (["plan"], "plan"),
        (["actuals"], "actuals"),
        (["letter"], "letter"),
        (["profile"], "profile"),
    ],
)
def test_schema_commands_print_the_shipped_files(
    command: list[str],
    name: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pathplanner.cli import main

    monkeypatch.delenv("PATHPLANNER_LANG", raising=False)  # the shipped profile is in Chinese
    assert main(["schema", *command]) == 0
    printed = capsys.readouterr().out
    assert printed == (SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8")


def test_the_wheel_ships_the_schema_files() -> None:
    """pyproject's force-include puts schemas/ into the wheel as pathplanner/schemas."""
    with (ROOT / "pyproject.toml").open("rb") as file:
        wheel = tomllib.load(file)["tool"]["hatch"]["build"]["targets"]["wheel"]
    assert wheel["force-include"]["schemas"] == "pathplanner/schemas"


# --- what every schema must say -------------------------------------------------------------


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_every_property_has_a_description(name: str) -> None:
    schema = _all_schemas()[name]
    undescribed = [
        f"{path}/properties/{key}"
        for path, node in _objects(schema)
        for key, sub in node["properties"].items()
        if not (isinstance(sub.get("description"), str) and sub["description"].strip())
    ]
    assert undescribed == [], f"{name}: properties without a description: {undescribed}"


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_id_is_a_stable_urn(name: str) -> None:
    schema = _all_schemas()[name]
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    parts = urlsplit(schema["$id"])
    assert (parts.scheme, parts.fragment) == ("urn", "")
    assert schema["$id"].startswith("urn:pathplanner:schema:")
    assert ".invalid" not in json.dumps(schema)


def test_ids_name_the_version_and_differ() -> None:
    schemas = _all_schemas()
    assert schemas["plan"]["$id"] == f"urn:pathplanner:schema:plan:{SCHEMA_VERSION}"
    assert schemas["actuals"]["$id"] == "urn:pathplanner:schema:actuals:1.0"
    manifest = load_catalog(None).manifest
    assert schemas["profile"]["$id"] == (
        f"urn:pathplanner:schema:profile:{manifest.id}:{manifest.version}:zh"
    )
    ids = [s["$id"] for s in schemas.values()]
    assert len(set(ids)) == len(ids)


def test_plan_schema_is_open_everywhere() -> None:
    closed = [
        path
        for path, node in _objects(plan_json_schema())
        if node.get("additionalProperties") is False
    ]
    assert closed == []
    assert "false" not in re.findall(
        r'"additionalProperties": (\w+)', (SCHEMAS / "plan.schema.json").read_text()
    )


@pytest.mark.parametrize("name", ["actuals", "profile", "profile-mini"])
def test_input_schemas_are_closed_everywhere(name: str) -> None:
    schema = _all_schemas()[name]
    open_objects = [
        path for path, node in _objects(schema) if node.get("additionalProperties") is not False
    ]
    assert open_objects == []


# --- the plan schema against real plans ------------------------------------------------------


def _replanned() -> Plan:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        actuals = Path(folder) / "actuals.yaml"
        actuals.write_text(ACTUALS, encoding="utf-8")
        example = next(p for p in EXAMPLES if p.stem == "factory-in-assessed-park")
        planned = example_plan(example)
        return shared_planner().plan(
            load_profile(example, shared_planner().catalog),
            start=planned.start,
            as_of=planned.as_of,
            actuals=actuals,
        )


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_plan_validates(example: Path) -> None:
    plan = json.loads(example_plan(example).to_json())
    assert _errors(_shipped("plan.schema.json"), plan) == []


def test_a_replanned_plan_validates() -> None:
    plan = json.loads(_replanned().to_json())
    assert plan["slippage"] is not None
    assert _errors(_shipped("plan.schema.json"), plan) == []


def _newer_minor(plan: dict[str, Any]) -> dict[str, Any]:
    """``plan`` as a later 1.x version might write it: new fields at several depths."""
    newer = copy.deepcopy(plan)
    newer["schema_version"] = "1.1"
    newer["portal_hint"] = {"shown": True}
    newer["tasks"][0]["cost_estimate"] = {"amount": 1200, "currency": "CNY"}
    newer["tasks"][0]["duration"]["note"] = "新增的说明"
    newer["tasks"][0]["name"]["ug"] = "تۈر"
    entry = newer["disclosure"]["entries"][0]
    entry["online_url"] = "https://example.org/apply"
    entry["time_limits"]["source_year"] = 2026
    entry["materials"][0]["format"] = "pdf"
    newer["disclosure"]["summary"] = "一次性告知清单"
    newer["inputs"]["client"] = "portal 2.3"
    return newer


def test_a_later_minor_plan_validates_against_this_schema() -> None:
    example = next(p for p in EXAMPLES if p.stem == "factory-in-assessed-park")
    text = example_plan(example).to_json()
    newer = _newer_minor(json.loads(text))
    assert _errors(_shipped("plan.schema.json"), newer) == []
    # the Python model reads it as every reader should: the unknown fields are ignored
    read = Plan.model_validate(newer)
    assert read.schema_version == "1.1"
    assert read.model_copy(update={"schema_version": SCHEMA_VERSION}).to_json() == text


def test_a_value_in_an_open_vocabulary_validates_but_not_in_a_closed_enum() -> None:
    """docs/plan-format.md: a string field the schema gives no ``enum`` may gain values in a
    minor version; a field with an ``enum`` may not (that is a major bump)."""
    example = next(p for p in EXAMPLES if p.stem == "factory-in-assessed-park")
    plan = json.loads(example_plan(example).to_json())
    open_value = copy.deepcopy(plan)
    open_value["disclosure"]["entries"][0]["mode_kind"] = "joint_review"
    assert _errors(_shipped("plan.schema.json"), open_value) == []
    closed_value = copy.deepcopy(plan)
    closed_value["tasks"][0]["type"] = "inspection"
    assert _errors(_shipped("plan.schema.json"), closed_value) == [
        "tasks/0/type: 'inspection' is not one of "
        "['item', 'material', 'work', 'milestone', 'supplement']"
    ]


@pytest.mark.parametrize(
    ("remove", "error"),
    [
        (("finish",), ": 'finish' is a required property"),
        (("schema_version",), ": 'schema_version' is a required property"),
        (("tasks", 0, "ready"), "tasks/0: 'ready' is a required property"),
        (("tasks", 0, "name", "en"), "tasks/0/name: 'en' is a required property"),
        (
            ("disclosure", "entries", 0, "time_limits", "planned"),
            "disclosure/entries/0/time_limits: 'planned' is a required property",
        ),
    ],
    ids=["finish", "schema_version", "task-ready", "name-en", "time-limits-planned"],
)
def test_a_plan_missing_a_field_fails(remove: tuple[str | int, ...], error: str) -> None:
    example = next(p for p in EXAMPLES if p.stem == "low-risk-warehouse")
    plan = json.loads(example_plan(example).to_json())
    node: Any = plan
    for step in remove[:-1]:
        node = node[step]
    del node[remove[-1]]
    assert _errors(_shipped("plan.schema.json"), plan) == [error]


def test_a_1_0_plan_still_validates() -> None:
    """A plan stored by pathplanner 1.0 passes every later 1.x schema: a field that a minor
    version adds must not be required (mark it ``x-since``, docs/plan-format.md).

    ``data/plan-1.0.json`` is the factory example re-planned from actual dates, its lists cut
    to the entries that show every object kind and every non-null field once. Never
    regenerate it: it stands for the plans portals stored in 1.0.
    """
    frozen = json.loads(FROZEN_1_0.read_text(encoding="utf-8"))
    assert frozen["schema_version"] == "1.0"
    assert _errors(plan_json_schema(), frozen) == [], (
        "the current plan schema rejects a 1.0 plan: a new field must be optional (x-since) "
        "and an old one must keep its name and type, or this is a major version"
    )


def test_a_field_marked_x_since_is_not_required() -> None:
    class LaterName(Name):
        """A name as a later minor version might extend it."""

        script: str = Field(
            "", description="the writing system", json_schema_extra={"x-since": "1.1"}
        )

    schema = _contract_schema(LaterName, "urn:test")
    assert schema["required"] == ["zh", "en"]
    assert schema["properties"]["script"]["x-since"] == "1.1"
    assert _errors(schema, {"zh": "名称", "en": "name"}) == []


# --- docs/plan-format.md and the schema say the same ----------------------------------------


def _documented_meanings() -> dict[tuple[str, str], str]:
    """(model, field) -> the meaning column of its row in docs/plan-format.md."""
    found: dict[tuple[str, str], str] = {}
    model: str | None = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^### `(\w+)`\s*$", line)
        if heading:
            model = heading.group(1)
            continue
        row = re.match(r"^\| `(\w+)` \| [^|]+ \| (.+) \|$", line)
        if row and model is not None:
            found[(model, row.group(1))] = row.group(2)
    return found


def test_descriptions_are_the_documented_meanings() -> None:
    schema = plan_json_schema()
    described = {
        (model, field): spec.get("description")
        for model, definition in [("Plan", schema), *schema["$defs"].items()]
        for field, spec in definition.get("properties", {}).items()
    }
    documented = _documented_meanings()
    differing = sorted(key for key in described if described[key] != documented.get(key))
    assert differing == [], "docs/plan-format.md and the Field descriptions differ"


def test_the_documented_closed_enumerations_are_the_schema_enums() -> None:
    """docs/plan-format.md lists the fields whose new values need a major version; they are
    exactly the fields the schema gives an ``enum``."""
    schema = plan_json_schema()

    def closed(spec: dict[str, Any]) -> bool:
        if "$ref" in spec:
            return closed(schema["$defs"][spec["$ref"].split("/")[-1]])
        return "enum" in spec or any(closed(option) for option in spec.get("anyOf", []))

    enums = {
        f"{model}.{field}"
        for model, definition in schema["$defs"].items()
        for field, spec in definition.get("properties", {}).items()
        if closed(spec)
    }
    found = re.search(r"The closed enumerations are(.*?)\n- ", DOC.read_text(), re.S)
    assert found is not None
    assert set(re.findall(r"`(\w+\.\w+)`", found.group(1))) == enums


# --- the input schemas against real inputs and against the loaders --------------------------


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_profile_validates(example: Path) -> None:
    from pathplanner._input.yaml import read_yaml

    data, problems = read_yaml(example, example.name)
    assert problems == []
    assert _errors(_shipped("profile.schema.json"), data) == []


def test_the_documented_actuals_validate(tmp_path: Path) -> None:
    from pathplanner._input.yaml import read_yaml

    path = tmp_path / "actuals.yaml"
    path.write_text(ACTUALS, encoding="utf-8")
    data, problems = read_yaml(path, "actuals.yaml")
    assert problems == []
    assert _errors(_shipped("actuals.schema.json"), data) == []
    assert load_actuals(path).today == dt.date(2026, 6, 10)


@pytest.mark.parametrize(
    ("text", "code", "error"),
    [
        (
            "name: p\nprofile:\n  project: {investment: government, floor_area_m2: 10}\n"
            "colour: red\n",
            "unknown-key",
            ": Additional properties are not allowed ('colour' was unexpected)",
        ),
        (
            "name: p\nprofile:\n  project: {investment: government, floor_area_m2: 10, "
            "colour: red}\n",
            "profile-unknown-field",
            "profile/project: Additional properties are not allowed ('colour' was unexpected)",
        ),
    ],
    ids=["top", "field"],
)
def test_profile_schema_and_loader_both_reject_an_unknown_key(
    tmp_path: Path, text: str, code: str, error: str
) -> None:
    from pathplanner._input.yaml import read_yaml

    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    data, _ = read_yaml(path, "p.yaml")
    mini = load_catalog(MINI)
    assert _errors(profile_json_schema(mini), data) == [error]
    with pytest.raises(InputError) as raised:
        load_profile(path, mini)
    assert [p.code for p in raised.value.problems] == [code]


@pytest.mark.parametrize(
    ("text", "error"),
    [
        (
            "today: 2026-06-10\nnote: late\ntasks: []\n",
            ": Additional properties are not allowed ('note' was unexpected)",
        ),
        (
            "today: 2026-06-10\ntasks:\n  - {task: a, accepted: 2026-06-01, decidd: 2026-06-08}\n",
            "tasks/0: Additional properties are not allowed ('decidd' was unexpected)",
        ),
    ],
    ids=["top", "task"],
)
def test_actuals_schema_and_loader_both_reject_an_unknown_key(
    tmp_path: Path, text: str, error: str
) -> None:
    from pathplanner._input.yaml import read_yaml

    path = tmp_path / "actuals.yaml"
    path.write_text(text, encoding="utf-8")
    data, _ = read_yaml(path, "actuals.yaml")
    assert _errors(actuals_json_schema(), data) == [error]
    with pytest.raises(InputError) as raised:
        load_actuals(path)
    assert [p.code for p in raised.value.problems] == ["unknown-key"]
