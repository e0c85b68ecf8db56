"""The OpenAPI document: FastAPI's, completed with the project's own contracts.

Request bodies are read by the service itself (so that their problems read like the
CLI's), which FastAPI cannot see; :func:`request_body` names their schema and examples,
and :func:`openapi_document` adds the schemas every route refers to: the request models,
the project document of the loaded catalog (``GET /schemas/profile``), the published plan
and actuals schemas, and the problem document. Their ``$defs`` move to
``components/schemas`` so that every reference resolves inside the document.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel

from pathplanner.catalog import Catalog
from pathplanner.plan.model import plan_json_schema
from pathplanner.profile import profile_json_schema
from pathplanner.schedule.actuals import actuals_json_schema
from pathplanner.service.problems import PROBLEM_JSON, ProblemDetails
from pathplanner.service.requests import ExplainRequest, PlanRequest

__all__ = ["COMPONENTS", "install", "openapi_document", "problem_responses", "request_body"]

COMPONENTS = "#/components/schemas/"

_DESCRIPTIONS = {
    400: "the body is not JSON the service can read (syntax, encoding, duplicate key, depth)",
    401: "no bearer token, or one unknown, expired or revoked (`pathplanner users add`)",
    403: "the caller's role does not have the right this request needs",
    404: "no such address, no such schema, or no such case within the caller's reach",
    405: "the address does not take this method",
    413: "the body is over the size limit",
    409: "the case changed since the caller read it (a stale `version`: read it again "
    "and retry), or the process has no such move from the case's status",
    415: "the body is not `application/json`",
    422: "the input is invalid: every problem, located in the body",
    500: "a bug in pathplanner (never caused by input)",
}


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The problem responses of a route, for ``responses=``: ``statuses`` and 500."""
    schema = {"$ref": f"{COMPONENTS}ProblemDetails"}
    return {
        status: {
            "description": _DESCRIPTIONS[status],
            "content": {PROBLEM_JSON: {"schema": schema}},
        }
        for status in (*statuses, 500)
    }


def request_body(schema: str, examples: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """An ``openapi_extra`` naming a JSON body of component ``schema``, with examples."""
    return {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {"$ref": f"{COMPONENTS}{schema}"},
                    "examples": examples,
                }
            },
        }
    }


def _rewrite_refs(node: Any, prefix: str) -> Any:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith("#/$defs/"):
                out[key] = f"{COMPONENTS}{prefix}{value.removeprefix('#/$defs/')}"
            else:
                out[key] = _rewrite_refs(value, prefix)
        return out
    if isinstance(node, list):
        return [_rewrite_refs(value, prefix) for value in node]
    return node


def _hoisted(name: str, schema: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """``schema`` as component ``name`` and its ``$defs`` as components ``prefix + def``
    (``$id`` and ``$schema`` dropped: inside the document, references resolve from its
    root)."""
    root = {k: v for k, v in schema.items() if k not in ("$defs", "$id", "$schema")}
    found = {name: _rewrite_refs(root, prefix)}
    for key, definition in schema.get("$defs", {}).items():
        found[f"{prefix}{key}"] = _rewrite_refs(definition, prefix)
    return found


def _model(model: type[BaseModel]) -> dict[str, Any]:
    return _hoisted(model.__name__, model.model_json_schema(mode="validation"))


def _request_schemas(catalog: Catalog) -> dict[str, Any]:
    schemas = {**_model(PlanRequest), **_model(ExplainRequest)}
    project = {"$ref": f"{COMPONENTS}ProjectDocument"}
    for name in ("PlanRequest", "ExplainRequest"):
        described = schemas[name]["properties"]["project"]
        schemas[name]["properties"]["project"] = {
            **project,
            "description": described["description"],
        }
    actuals = schemas["PlanRequest"]["properties"]["actuals"]
    schemas["PlanRequest"]["properties"]["actuals"] = {
        "anyOf": [{"$ref": f"{COMPONENTS}Actuals"}, {"type": "null"}],
        "default": None,
        "description": actuals["description"],
    }
    return {
        **schemas,
        **_hoisted("ProjectDocument", profile_json_schema(catalog, "zh")),
        **_hoisted("Plan", plan_json_schema(), prefix="Plan"),
        **_hoisted("Actuals", actuals_json_schema(), prefix="Actuals"),
        **_model(ProblemDetails),
    }


_FASTAPI_422 = f"{COMPONENTS}HTTPValidationError"


def _problems_for_validation(document: dict[str, Any]) -> None:
    """FastAPI documents its own 422 body for routes with parameters; this service
    answers those refusals with problem documents (:mod:`pathplanner.service.problems`)."""
    for item in document.get("paths", {}).values():
        for operation in item.values():
            for status, response in operation.get("responses", {}).items():
                schema = response.get("content", {}).get("application/json", {}).get("schema")
                if schema == {"$ref": _FASTAPI_422}:
                    operation["responses"][status] = problem_responses(422)[422]
    schemas = document.get("components", {}).get("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)


def openapi_document(app: FastAPI, catalog: Catalog) -> dict[str, Any]:
    """The complete OpenAPI document of ``app`` serving ``catalog``."""
    document = get_openapi(
        title=app.title,
        version=app.version,
        description=app.description,
        routes=app.routes,
    )
    _problems_for_validation(document)
    components = document.setdefault("components", {}).setdefault("schemas", {})
    components.update(_request_schemas(catalog))
    document["components"]["schemas"] = dict(sorted(components.items()))
    return document


def install(app: FastAPI, catalog: Catalog) -> None:
    """Serve :func:`openapi_document` at ``/openapi.json`` (built once, on first request)."""
    built: dict[str, Any] = {}

    def openapi() -> dict[str, Any]:
        if not built:
            built.update(openapi_document(app, catalog))
        return built

    app.openapi = openapi  # type: ignore[method-assign]
