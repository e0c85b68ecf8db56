"""The stateless planning endpoints: ``POST /plans``, ``POST /explain``, ``GET /catalog``,
``GET /schemas/{name}`` and ``GET /health``.

The routes and what the OpenAPI document says of them. A request body is read by
:func:`~pathplanner.service.body.read_json`; :mod:`pathplanner.service.planning` checks it
as the CLI checks a file and answers, in the threadpool, on the one planner of the
process.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

import pathplanner
from pathplanner.plan.model import plan_json_schema
from pathplanner.plan.planner import Planner
from pathplanner.profile import profile_json_schema
from pathplanner.render import FORMATS
from pathplanner.schedule.actuals import actuals_json_schema
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
from pathplanner.service.planning import explain_answer, media_type, plan_answer

__all__ = ["Health", "SchemaName", "router"]

router = APIRouter()


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
    return await run_in_threadpool(plan_answer, planner, data, lang)


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
    return await run_in_threadpool(explain_answer, planner, data, lang)


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
