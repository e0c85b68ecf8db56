"""The stateless planning endpoints: ``POST /plans``, ``POST /explain``, ``GET /catalog``,
``GET /schemas/{name}`` and ``GET /health``.

A request body is read by :func:`~pathplanner.service.body.read_json` and checked by the
same code as a file on the command line (:func:`~pathplanner.profile.profile_document`,
:func:`~pathplanner.schedule.actuals.actuals_from_data`), so a portal gets the problems
the CLI would print, located in the body. Planning runs in the threadpool, on the one
planner of the process.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

import pathplanner
from pathplanner._input.suggest import quote_all
from pathplanner._input.validation import validate_model
from pathplanner._input.yaml import breadcrumb, locate
from pathplanner.errors import InputError, Location, Problem
from pathplanner.plan.model import plan_json_schema
from pathplanner.plan.planner import Planner
from pathplanner.profile import ProfileDocument, profile_document, profile_json_schema
from pathplanner.render import FORMATS, render
from pathplanner.rules import explain
from pathplanner.schedule.actuals import Actuals, actuals_from_data, actuals_json_schema
from pathplanner.service.body import read_json
from pathplanner.service.catalog_view import (
    CatalogIdentity,
    CatalogView,
    catalog_identity,
    catalog_view,
)
from pathplanner.service.dependencies import current_planner, response_language
from pathplanner.service.examples import EXAMPLE_ACTUALS, EXAMPLE_PROJECT
from pathplanner.service.openapi import problem_responses, request_body
from pathplanner.service.problems import REQUEST
from pathplanner.service.requests import ExplainRequest, PlanRequest, RequestModel

__all__ = ["MEDIA_TYPES", "Health", "SchemaName", "media_type", "router"]

router = APIRouter()

MEDIA_TYPES = {
    "json": "application/json",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "dot": "text/vnd.graphviz; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
"""The media type of each report format; a format without one is sent as octet-stream."""


def media_type(fmt: str) -> str:
    """The media type a report in ``fmt`` is sent as."""
    return MEDIA_TYPES.get(fmt, "application/octet-stream")


class Health(BaseModel):
    """The process is up and has its catalog loaded."""

    status: Literal["ok"] = Field(description="always `ok` when the service answers")
    version: str = Field(description="the pathplanner version serving")
    catalog: CatalogIdentity = Field(description="the catalog loaded at start-up")


class SchemaName(StrEnum):
    """The published JSON Schemas."""

    profile = "profile"
    plan = "plan"
    actuals = "actuals"


def _body(data: Any, model: type[RequestModel]) -> dict[str, Any]:
    """``data`` checked against ``model``: the body's own keys, located problems else."""
    checked, problems = validate_model(model, data, file=REQUEST, breadcrumb="")
    if checked is None or problems:
        raise InputError(problems)
    assert isinstance(data, dict)
    return data


def _document(data: dict[str, Any], planner: Planner) -> ProfileDocument:
    return profile_document(data["project"], planner.catalog, file=REQUEST, base="project")


def _plan(planner: Planner, data: Any, lang: str) -> Response:
    body = _body(data, PlanRequest)
    problems: list[Problem] = []
    fmt = body.get("format", "json")
    if fmt not in FORMATS:
        args = {"value": fmt, "allowed": quote_all(FORMATS)}
        where = Location(REQUEST, *locate(body, ["format"]))
        problems.append(Problem("http-unknown-format", where, breadcrumb="format", args=args))
    document: ProfileDocument | None = None
    actuals: Actuals | None = None
    try:
        document = _document(body, planner)
    except InputError as error:
        problems += error.problems
    if body.get("actuals") is not None:
        try:
            actuals = actuals_from_data(body["actuals"], file=REQUEST, base="actuals")
        except InputError as error:
            problems += error.problems
    if problems or document is None:
        raise InputError(problems)
    try:
        plan = planner.plan(
            document,
            actuals=actuals,
            pins=body.get("pins") or {},
            statutory=body.get("statutory", False),
            strict_calendar=body.get("strict_calendar", False),
            engine=body.get("engine"),
        )
    except InputError as error:
        raise InputError([_in_body(p, body) for p in error.problems]) from None
    rendered = render(plan, fmt, body.get("lang") or lang)
    return Response(rendered, media_type=media_type(fmt))


def _in_body(problem: Problem, body: dict[str, Any]) -> Problem:
    """``problem`` pointing into the body where the library names a command-line place:
    the pins (``<pins>``, the CLI's ``--pin``) and the item to explain (``ITEM_ID``)."""
    if problem.location.file == "<pins>":
        pins = body.get("pins") or {}
        option = problem.args.get("option", "")
        named = [option, option.removeprefix("mode:"), problem.args.get("item", "")]
        key = next((k for k in named if k in pins), None)
        path: list[str | int] = ["pins", key] if key is not None else ["pins"]
    elif problem.code == "explain-unknown-task":
        path = ["item"]
    else:
        return problem
    where = Location(REQUEST, *locate(body, path))
    return dataclasses.replace(problem, location=where, breadcrumb=breadcrumb("", path))


def _explain(planner: Planner, data: Any, lang: str) -> Response:
    body = _body(data, ExplainRequest)
    document = _document(body, planner)
    try:
        result = explain(
            planner.catalog,
            document.profile,
            body["item"],
            as_of=document.as_of or dt.date.today(),
            engine=body.get("engine"),
        )
    except InputError as error:
        raise InputError([_in_body(p, body) for p in error.problems]) from None
    if body.get("format") == "text":
        return Response(result.render(lang), media_type="text/plain; charset=utf-8")
    return Response(result.to_json(), media_type="application/json")


_REPORTS = {
    fmt: {
        "schema": {"type": "string"}
        if media_type(fmt).startswith("text/")
        else {"type": "string", "format": "binary"}
    }
    for fmt in FORMATS
    if fmt != "json"
}


@router.post(
    "/plans",
    summary="Plan a project",
    description="Decides the items and modes, schedules them on the working-day calendar "
    "and answers the plan as JSON, or a report rendered from it (`format`). The same "
    "request always gives the same bytes.",
    response_class=Response,
    responses={
        200: {
            "description": "the plan (`format: json`) or the report",
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/Plan"}},
                **{media_type(fmt): body for fmt, body in _REPORTS.items()},
            },
        },
        **problem_responses(400, 413, 415, 422),
    },
    openapi_extra=request_body(
        "PlanRequest",
        {
            "warehouse": {
                "summary": "A low-risk warehouse, as JSON",
                "value": {"project": EXAMPLE_PROJECT},
            },
            "report": {
                "summary": "The same project re-planned from actual dates, as Markdown",
                "value": {"project": EXAMPLE_PROJECT, "actuals": EXAMPLE_ACTUALS, "format": "md"},
            },
        },
    ),
)
async def create_plan(
    request: Request,
    planner: Annotated[Planner, Depends(current_planner)],
    lang: Annotated[str, Depends(response_language)],
) -> Response:
    """Plan a project (the ``pathplanner plan`` command over HTTP)."""
    data = await read_json(request)
    return await run_in_threadpool(_plan, planner, data, lang)


@router.post(
    "/explain",
    summary="Explain why an item applies or not",
    description="The rules that require or exclude the item, their conditions, the profile "
    "values they read and the legal basis.",
    response_class=Response,
    responses={
        200: {
            "description": "the explanation",
            "content": {
                "application/json": {"schema": {"type": "object"}},
                "text/plain; charset=utf-8": {"schema": {"type": "string"}},
            },
        },
        **problem_responses(400, 413, 415, 422),
    },
    openapi_extra=request_body(
        "ExplainRequest",
        {
            "permit": {
                "summary": "Why the warehouse needs (or not) a construction permit",
                "value": {"project": EXAMPLE_PROJECT, "item": "construction-permit"},
            }
        },
    ),
)
async def explain_item(
    request: Request,
    planner: Annotated[Planner, Depends(current_planner)],
    lang: Annotated[str, Depends(response_language)],
) -> Response:
    """Explain one item (the ``pathplanner explain`` command over HTTP)."""
    data = await read_json(request)
    return await run_in_threadpool(_explain, planner, data, lang)


@router.get(
    "/catalog",
    summary="The loaded catalog and the intake form",
    response_model=CatalogView,
    responses=problem_responses(),
)
def read_catalog(
    planner: Annotated[Planner, Depends(current_planner)],
    lang: Annotated[str, Depends(response_language)],
) -> CatalogView:
    """Items, modes, stages, departments, and the profile form in the response's language."""
    return catalog_view(planner.catalog, lang)


@router.get(
    "/schemas/{name}",
    summary="A published JSON Schema",
    response_class=JSONResponse,
    responses={
        200: {
            "description": "the JSON Schema (draft 2020-12)",
            "content": {"application/schema+json": {"schema": {"type": "object"}}},
        },
        **problem_responses(404),
    },
)
def read_schema(
    name: Annotated[
        SchemaName,
        Path(description="`profile` (this catalog's project document), `plan` or `actuals`"),
    ],
    planner: Annotated[Planner, Depends(current_planner)],
    lang: Annotated[str, Depends(response_language)],
) -> JSONResponse:
    """``profile`` (this catalog's, titles in the response's language), ``plan`` or
    ``actuals``: what ``pathplanner schema NAME`` prints."""
    if name == SchemaName.profile:
        schema = profile_json_schema(planner.catalog, lang)
    elif name == SchemaName.plan:
        schema = plan_json_schema()
    else:
        schema = actuals_json_schema()
    return JSONResponse(schema, media_type="application/schema+json")


@router.get(
    "/health",
    summary="Is the service up",
    response_model=Health,
    responses=problem_responses(),
)
def read_health(planner: Annotated[Planner, Depends(current_planner)]) -> Health:
    """Up, with its version and catalog."""
    return Health(
        status="ok", version=pathplanner.__version__, catalog=catalog_identity(planner.catalog)
    )
