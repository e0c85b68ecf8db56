"""Every refusal is an RFC 9457 problem document carrying the CLI's located problems, in
Chinese by default and in English on ``Accept-Language: en``; bad input is never a 500."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient

from live_server import scratch_database
from pathplanner.errors import InputError
from pathplanner.plan.planner import Planner
from pathplanner.profile import load_profile
from pathplanner.service.app import create_app
from pathplanner.service.settings import Settings

JSON = {"Content-Type": "application/json"}
LANGUAGES = {"zh": {}, "en": {"Accept-Language": "en-GB,en;q=0.9,zh;q=0.5"}}


def _problem(answer: Any, status: int, codes: list[str]) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    document: dict[str, Any] = answer.json()
    assert document["status"] == status
    assert document["type"].startswith("urn:pathplanner:problem:")
    assert [e["code"] for e in document["errors"]] == codes
    assert document["detail"] == "\n".join(e["message"] for e in document["errors"])
    return document


def _language_of(document: dict[str, Any], lang: str) -> None:
    chinese = any("\u4e00" <= char <= "\u9fff" for char in document["title"])
    assert chinese == (lang == "zh"), document["title"]
    for entry in document["errors"]:
        says = " 错误 " if lang == "zh" else " error "
        assert says in entry["message"], entry["message"]


def _broken(project: dict[str, Any]) -> dict[str, Any]:
    project["profile"]["project"]["floor_area_m2"] = -1
    project["profile"]["project"]["colour"] = "red"
    project["start"] = "2026-02-30"
    return project


@pytest.mark.parametrize("lang", LANGUAGES)
def test_invalid_profile_gives_the_cli_problems_located_in_the_body(
    client: TestClient, project: dict[str, Any], tmp_path: Path, lang: str
) -> None:
    project = _broken(project)
    body = json.dumps({"project": project}, indent=2, ensure_ascii=False)
    answer = client.post("/plans", content=body.encode(), headers={**JSON, **LANGUAGES[lang]})
    document = _problem(answer, 422, ["bad-type", "out-of-range", "profile-unknown-field"])
    _language_of(document, lang)
    lines = body.splitlines()
    for entry in document["errors"]:
        assert entry["file"] == "<request>"
        assert entry["field"].startswith("project")
        assert entry["line"] > 0  # the line of the body that holds the bad value or key
    area = next(e for e in document["errors"] if e["code"] == "out-of-range")
    assert area["field"] == "project > profile > project > floor_area_m2"
    assert '"floor_area_m2": -1' in lines[area["line"] - 1]
    assert lines[area["line"] - 1][area["column"] - 1 :].startswith("-1")
    # the CLI reading the same project from a file finds the same problems
    project_file = tmp_path / "project.yaml"
    project_file.write_text(yaml.safe_dump(project, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError) as cli:
        load_profile(project_file, Planner.default().catalog)
    assert sorted((p.code, f"project > {p.breadcrumb}") for p in cli.value.problems) == sorted(
        (e["code"], e["field"]) for e in document["errors"]
    )


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    ("body", "codes"),
    [
        (b'{"project": {', ["http-bad-json"]),
        (b'{"project": {}, "project": {}}', ["http-duplicate-key"]),
        (b'{"project": ' + b"[" * 60 + b"]" * 60 + b"}", ["yaml-too-deep"]),
        (b'{"project": ' + b"[" * 5000 + b"]" * 5000 + b"}", ["yaml-too-deep"]),
        (b'{"project": {"start": 1' + b"0" * 200 + b"}}", ["yaml-bad-number"]),
        (b'{"project": {"start": 1e999}}', ["yaml-bad-number"]),
        (b'{"project": NaN}', ["http-bad-json"]),
        (b'{"project": "\\ud800"}', ["yaml-surrogate"]),
        (b'{"project": "\xff"}', ["http-encoding"]),
        (b"", ["http-bad-json"]),
    ],
)
def test_unreadable_bodies_are_400(
    client: TestClient, body: bytes, codes: list[str], lang: str
) -> None:
    answer = client.post("/plans", content=body, headers={**JSON, **LANGUAGES[lang]})
    _language_of(_problem(answer, 400, codes), lang)


def _found(document: dict[str, Any]) -> set[tuple[str, str]]:
    return {(e["code"], e["field"]) for e in document["errors"]}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ([], {("bad-type", "")}),
        ({"project": {}, "colour": 1}, {("unknown-key", "")}),
        ({"project": "warehouse"}, {("bad-type", "project")}),
        ({"project": {}, "format": "pdfx"}, {("http-unknown-format", "format")}),
        ({"statutory": "yes"}, {("bad-type", "statutory"), ("missing-key", "")}),
        ({"project": {}, "pins": {"x": 1}}, {("bad-type", "pins > x")}),
    ],
)
def test_bodies_of_the_wrong_shape_are_422(
    client: TestClient, body: Any, expected: set[tuple[str, str]], lang: str
) -> None:
    answer = client.post("/plans", json=body, headers=LANGUAGES[lang])
    document = _problem(answer, 422, [e["code"] for e in answer.json()["errors"]])
    assert expected <= _found(document)
    _language_of(document, lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_invalid_actuals_and_unknown_items_are_422(
    client: TestClient, project: dict[str, Any], lang: str
) -> None:
    actuals = {"tasks": [{"task": "enterprise-project-filing", "decided": "2026-03-06"}]}
    answer = client.post(
        "/plans", json={"project": project, "actuals": actuals}, headers=LANGUAGES[lang]
    )
    document = _problem(answer, 422, [e["code"] for e in answer.json()["errors"]])
    assert ("invalid-combination", "actuals > tasks[0]") in _found(document)
    _language_of(document, lang)
    unknown = client.post(
        "/explain", json={"project": project, "item": "construction-permt"}, headers=LANGUAGES[lang]
    )
    document = _problem(unknown, 422, ["explain-unknown-task"])
    assert document["errors"][0]["field"] == "item"
    assert "construction-permit" in document["errors"][0]["message"]  # did you mean
    _language_of(document, lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_body_that_is_not_json_is_415(client: TestClient, lang: str) -> None:
    answer = client.post(
        "/plans",
        content=b"name: x",
        headers={"Content-Type": "application/yaml", **LANGUAGES[lang]},
    )
    _language_of(_problem(answer, 415, ["http-media-type"]), lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_unknown_addresses_schemas_and_methods(client: TestClient, lang: str) -> None:
    headers = LANGUAGES[lang]
    _language_of(_problem(client.get("/plan", headers=headers), 404, ["http-not-found"]), lang)
    _language_of(
        _problem(client.get("/schemas/catalog", headers=headers), 404, ["http-bad-parameter"]),
        lang,
    )
    _language_of(_problem(client.put("/plans", headers=headers), 405, ["http-method"]), lang)


def _chunks(size: int) -> Any:
    for _ in range(size // 1000):
        yield b" " * 1000


@pytest.mark.parametrize("lang", LANGUAGES)
def test_bodies_over_the_limit_are_413_declared_or_streamed(lang: str, tmp_path: Path) -> None:
    settings = Settings(max_body_bytes=10_000, database_url=scratch_database(tmp_path))
    with TestClient(create_app(settings)) as small:
        declared = small.post("/plans", content=b" " * 10_001, headers={**JSON, **LANGUAGES[lang]})
        _language_of(_problem(declared, 413, ["http-too-large"]), lang)
        streamed = small.post(
            "/plans", content=_chunks(50_000), headers={**JSON, **LANGUAGES[lang]}
        )
        _language_of(_problem(streamed, 413, ["http-too-large"]), lang)
        fits = small.post("/plans", content=b"{}" + b" " * 9_000, headers=JSON)
        assert fits.status_code == 422  # read whole: a missing project, not a size


def test_a_bug_is_a_500_problem_without_a_traceback(
    project: dict[str, Any], tmp_path: Path
) -> None:
    app = create_app(Settings(database_url=scratch_database(tmp_path)))

    class Broken:
        catalog = Planner.default().catalog

        def plan(self, *args: object, **kwargs: object) -> None:
            raise ZeroDivisionError("a bug")

    app.state.planner = Broken()
    with TestClient(app, raise_server_exceptions=False) as broken:
        answer = broken.post("/plans", json={"project": project}, headers=LANGUAGES["en"])
    document = _problem(answer, 500, ["internal"])
    assert "Traceback" not in answer.text
    assert document["title"] == "Internal server error"


def test_the_default_body_limit_reads_as_docs_limits_md_shows(client: TestClient) -> None:
    limits = (Path(__file__).resolve().parents[2] / "docs" / "limits.md").read_text("utf-8")
    answer = client.post("/plans", content=b" " * 2_000_001, headers={**JSON, **LANGUAGES["en"]})
    detail = _problem(answer, 413, ["http-too-large"])["detail"]
    assert f"`{detail}`" in limits


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pin_problems_point_at_the_pin_in_the_body(
    client: TestClient, project: dict[str, Any], lang: str
) -> None:
    pins = {"construction-permt": "commitment", "construction-permit": "nope"}
    body = json.dumps({"project": project, "pins": pins}, indent=2, ensure_ascii=False)
    answer = client.post("/plans", content=body.encode(), headers={**JSON, **LANGUAGES[lang]})
    document = _problem(answer, 422, [e["code"] for e in answer.json()["errors"]])
    _language_of(document, lang)
    lines = body.splitlines()
    fields = {}
    for entry in document["errors"]:
        assert entry["file"] == "<request>"
        fields[entry["field"]] = lines[entry["line"] - 1].strip()
    assert fields == {
        "pins > construction-permit": '"construction-permit": "nope"',
        "pins > construction-permt": '"construction-permt": "commitment",',
    }
