"""What the planning endpoints do with a parsed body: check it as the CLI checks a file,
plan or explain on the process's planner, and answer in the format asked for.

Every problem found in the body comes back at once, located in it: the body's own keys
(:mod:`pathplanner.service.requests`), the project document
(:func:`~pathplanner.profile.profile_document`), the actuals
(:func:`~pathplanner.schedule.actuals.actuals_from_data`), and what the planner refuses
(pins, an unknown item), pointed at the key of the body that caused it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from fastapi import Response

from pathplanner._input.suggest import quote_all
from pathplanner._input.validation import validate_model
from pathplanner._input.yaml import breadcrumb, locate
from pathplanner.errors import InputError, Location, Problem
from pathplanner.plan.planner import Planner
from pathplanner.profile import ProfileDocument, profile_document
from pathplanner.render import FORMATS, render
from pathplanner.rules import explain
from pathplanner.schedule.actuals import Actuals, actuals_from_data
from pathplanner.service.problems import REQUEST
from pathplanner.service.requests import ExplainRequest, PlanRequest, RequestModel

__all__ = ["MEDIA_TYPES", "explain_answer", "media_type", "plan_answer"]

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


def _body(data: Any, model: type[RequestModel]) -> dict[str, Any]:
    """``data`` checked against ``model``: the body's own keys, located problems else."""
    checked, problems = validate_model(model, data, file=REQUEST, breadcrumb="")
    if checked is None or problems:
        raise InputError(problems)
    assert isinstance(data, dict)
    return data


def _document(data: dict[str, Any], planner: Planner) -> ProfileDocument:
    return profile_document(data["project"], planner.catalog, file=REQUEST, base="project")


def plan_answer(planner: Planner, data: Any, lang: str) -> Response:
    """The answer to ``POST /plans`` for the parsed body ``data``: the plan or report in
    ``lang`` unless the body names one; raises :class:`InputError` with every problem."""
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


def explain_answer(planner: Planner, data: Any, lang: str) -> Response:
    """The answer to ``POST /explain`` for the parsed body ``data``; raises
    :class:`InputError`."""
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
