"""The OpenAPI document is complete: every field of every schema is described, every
operation and parameter too, request bodies carry examples that the service accepts, and
every reference resolves inside the document."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fastapi.testclient import TestClient


def _schemas(node: Any, path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        if isinstance(node.get("properties"), dict):
            yield path, node
        for key, value in node.items():
            yield from _schemas(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _schemas(value, f"{path}/{index}")


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def test_every_field_is_described(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    undescribed = [
        f"{path}/{name}"
        for path, schema in _schemas(document["components"], "#/components")
        for name, field in schema["properties"].items()
        if not field.get("description")
    ]
    assert undescribed == []
    assert len(document["components"]["schemas"]) > 20  # the plan's own definitions too


def test_every_operation_and_parameter_is_described(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    operations = [
        (path, method, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
    ]
    assert {(path, method) for path, method, _ in operations} >= {
        ("/plans", "post"),
        ("/explain", "post"),
        ("/catalog", "get"),
        ("/schemas/{name}", "get"),
        ("/health", "get"),
    }
    for path, method, operation in operations:
        assert operation.get("summary") and operation.get("description"), (path, method)
        for parameter in operation.get("parameters", []):
            assert parameter.get("description"), (path, method, parameter["name"])
        for status, response in operation["responses"].items():
            assert response.get("description"), (path, method, status)


def test_every_reference_resolves(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    schemas = document["components"]["schemas"]
    prefix = "#/components/schemas/"
    refs = set(_refs(document))
    assert refs, "the document refers to its components"
    assert {ref for ref in refs if not ref.startswith(prefix)} == set()
    assert {ref for ref in refs if ref.removeprefix(prefix) not in schemas} == set()


def test_the_request_examples_are_accepted(client: TestClient, agent_token: str) -> None:
    """Sent in the document's order, the examples walk one case: created, accepted,
    actual dates recorded, a note. The rating link is one only 办结 issues, so its example
    can only meet an unknown link (404), never a refused body (422)."""
    document = client.get("/openapi.json").json()
    bearer = {"Authorization": f"Bearer {agent_token}"}
    case_id = ""
    seen = 0
    for path, item in document["paths"].items():
        for method, operation in item.items():
            content = operation.get("requestBody", {}).get("content", {})
            for example in content.get("application/json", {}).get("examples", {}).values():
                address = path.replace("{case_id}", case_id).replace("{token}", "no-such-link")
                answer = client.request(
                    method.upper(), address, json=example["value"], headers=bearer
                )
                expected = {"/cases": 201, "/ratings/{token}": 404}.get(path, 200)
                assert answer.status_code == expected, (path, answer.text)
                if path == "/cases":
                    case_id = answer.json()["id"]
                seen += 1
    assert seen >= 8


def test_the_case_endpoints_declare_the_bearer_and_their_refusals(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    assert document["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    problem = {"$ref": "#/components/schemas/ProblemDetails"}
    guarded = 0
    for path, item in document["paths"].items():
        for method, operation in item.items():
            refusals = {
                status: response["content"]["application/problem+json"]["schema"]
                for status, response in operation["responses"].items()
                if status.startswith(("4", "5"))
            }
            assert all(schema == problem for schema in refusals.values()), (path, method)
            if operation.get("security") == [{"bearer": []}]:
                guarded += 1
                assert {"401", "403", "422", "500"} <= set(refusals), (path, method)
                if "{case_id}" in path:
                    assert "404" in refusals, (path, method)
    assert guarded == 12  # every case operation but the investor's rating link
