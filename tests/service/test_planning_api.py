"""The planning endpoints answer what the library and the CLI answer, byte for byte, with
the catalog named in every response's headers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from pathplanner._input.yaml import read_yaml
from pathplanner.cli.schema import published_schemas
from pathplanner.plan.model import Plan
from pathplanner.plan.planner import Planner
from pathplanner.profile import load_profile, profile_json_schema
from pathplanner.render import FORMATS, render
from pathplanner.schedule.actuals import load_actuals
from pathplanner.service.examples import EXAMPLE_ACTUALS
from pathplanner.service.planning import MEDIA_TYPES

ROOT = Path(__file__).resolve().parents[2]
WAREHOUSE = ROOT / "examples" / "low-risk-warehouse.yaml"


@pytest.fixture(scope="module")
def planner() -> Planner:
    return Planner.default()


def _catalog_headers(planner: Planner) -> dict[str, str]:
    return {
        "x-catalog-id": planner.catalog.manifest.id,
        "x-catalog-version": planner.catalog.manifest.version,
        "x-catalog-hash": planner.catalog.content_hash,
    }


def test_the_example_body_is_the_example_file(planner: Planner, project: dict[str, Any]) -> None:
    document = load_profile(WAREHOUSE, planner.catalog)
    assert project["name"] == document.name
    assert project["zh"] == document.zh
    assert project["start"] == document.start.isoformat() if document.start else False
    # the whole body, so the OpenAPI example cannot drift from the example it names
    assert project == json.loads(json.dumps(read_yaml(WAREHOUSE, WAREHOUSE.name)[0], default=str))


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_plan_is_the_library_plan_in_every_format(
    client: TestClient, planner: Planner, project: dict[str, Any], fmt: str
) -> None:
    expected = render(planner.plan(WAREHOUSE), fmt, "zh")
    response = client.post("/plans", json={"project": project, "format": fmt})
    assert response.status_code == 200, response.text
    # text formats as UTF-8 text, the letter and the workbook as the very bytes of the file
    wanted = expected.encode("utf-8") if isinstance(expected, str) else expected
    assert response.content == wanted
    media = response.headers["content-type"]
    assert media.startswith(MEDIA_TYPES[fmt].split(";")[0])


def test_a_plan_reads_actuals_pins_and_the_statutory_limits(
    client: TestClient, planner: Planner, project: dict[str, Any], tmp_path: Path
) -> None:
    actuals_file = tmp_path / "actuals.json"
    actuals_file.write_text(json.dumps(EXAMPLE_ACTUALS), encoding="utf-8")
    expected = planner.plan(WAREHOUSE, actuals=load_actuals(actuals_file), statutory=True)
    body = {"project": project, "actuals": EXAMPLE_ACTUALS, "statutory": True}
    response = client.post("/plans", json=body)
    assert response.status_code == 200, response.text
    plan = Plan.model_validate_json(response.text)
    assert plan.to_json() == expected.to_json()
    assert plan.inputs.statutory
    filing = plan.task("enterprise-project-filing")
    assert filing is not None
    assert filing.finish.isoformat() == "2026-03-06"  # the actual date, not the planned one
    assert not [w for w in plan.warnings if w.code.startswith("actual")]


def test_the_report_language_follows_accept_language_unless_the_body_names_one(
    client: TestClient, planner: Planner, project: dict[str, Any]
) -> None:
    plan = planner.plan(WAREHOUSE)
    english = client.post(
        "/plans", json={"project": project, "format": "md"}, headers={"Accept-Language": "en"}
    )
    assert english.text == render(plan, "md", "en")
    chinese = client.post(
        "/plans",
        json={"project": project, "format": "md", "lang": "zh"},
        headers={"Accept-Language": "en"},
    )
    assert chinese.text == render(plan, "md", "zh")


def test_the_same_request_gives_the_same_bytes(client: TestClient, project: dict[str, Any]) -> None:
    answers = {client.post("/plans", json={"project": project}).content for _ in range(3)}
    assert len(answers) == 1


def test_explain_is_the_cli_explanation(
    client: TestClient, planner: Planner, project: dict[str, Any]
) -> None:
    from pathplanner.rules import explain

    document = load_profile(WAREHOUSE, planner.catalog)
    assert document.as_of is not None
    expected = explain(
        planner.catalog, document.profile, "construction-permit", as_of=document.as_of
    )
    answer = client.post("/explain", json={"project": project, "item": "construction-permit"})
    assert answer.status_code == 200, answer.text
    assert answer.text == expected.to_json()
    text = client.post(
        "/explain",
        json={"project": project, "item": "construction-permit", "format": "text"},
        headers={"Accept-Language": "en"},
    )
    assert text.text == expected.render("en")
    assert text.headers["content-type"].startswith("text/plain")


def test_catalog_lists_items_with_their_modes_and_the_intake_form(
    client: TestClient, planner: Planner
) -> None:
    catalog = planner.catalog
    answer = client.get("/catalog", headers={"Accept-Language": "en"}).json()
    assert answer["catalog"]["content_hash"] == catalog.content_hash
    assert [item["id"] for item in answer["items"]] == list(catalog.items)
    permit = next(item for item in answer["items"] if item["id"] == "construction-permit")
    source = catalog.items["construction-permit"]
    assert [mode["id"] for mode in permit["modes"]] == [mode.id for mode in source.modes]
    assert permit["zh"] == source.zh
    assert answer["profile_form"] == profile_json_schema(catalog, "en")
    chinese = client.get("/catalog").json()["profile_form"]
    assert chinese == profile_json_schema(catalog, "zh")
    use = chinese["properties"]["profile"]["properties"]["project"]["properties"]["use"]
    assert use["title"] and use["description"]


@pytest.mark.parametrize("name", ["profile", "plan", "actuals"])
def test_schemas_are_the_published_schemas(client: TestClient, name: str) -> None:
    answer = client.get(f"/schemas/{name}")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/schema+json"
    assert answer.json() == json.loads(published_schemas()[f"{name}.schema.json"])


def test_health_names_the_catalog(client: TestClient, planner: Planner) -> None:
    answer = client.get("/health")
    assert answer.status_code == 200
    assert answer.json()["status"] == "ok"
    assert answer.json()["catalog"]["version"] == planner.catalog.manifest.version


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/health", None),
        ("GET", "/catalog", None),
        ("GET", "/schemas/plan", None),
        ("GET", "/openapi.json", None),
        ("POST", "/plans", {"project": {}}),  # a refusal (422)
        ("POST", "/plans", "{"),  # unreadable (400)
        ("GET", "/no-such-address", None),  # 404
        ("DELETE", "/plans", None),  # 405
    ],
)
def test_every_response_names_the_catalog(
    client: TestClient, planner: Planner, method: str, path: str, body: object
) -> None:
    content = body if isinstance(body, str) else json.dumps(body) if body is not None else None
    answer = client.request(
        method, path, content=content, headers={"Content-Type": "application/json"}
    )
    for name, value in _catalog_headers(planner).items():
        assert answer.headers[name] == value
