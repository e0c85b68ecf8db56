"""Errors as RFC 9457 problem details (``application/problem+json``).

Every refusal the service gives carries the same located problems as the command line: a
``code``, the place (``file``, ``line``, ``column``; ``<request>`` is the request body), the
field path (``field``) and the message in the request's language. :func:`install` makes
every error an application can meet (invalid input, a malformed request, an unknown
address, a bug) answer this way, so no bad input ever reaches a client as a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from pathplanner.errors import InputError, Location, Problem, printable
from pathplanner.messages import text
from pathplanner.service.language import request_language

__all__ = [
    "PROBLEM_JSON",
    "REQUEST",
    "HttpProblem",
    "ProblemDetails",
    "ProblemEntry",
    "install",
    "problem_response",
]

PROBLEM_JSON = "application/problem+json"
REQUEST = "<request>"
"""How problems name the request body (the CLI names a file there)."""

_log = logging.getLogger("pathplanner.service")


class ProblemEntry(BaseModel):
    """One located problem, as the command line reports it."""

    model_config = ConfigDict(extra="forbid")

    code: str = Field(description="stable code of the problem (the message table's key)")
    severity: str = Field(description="`error` or `warning`")
    message: str = Field(
        description="the whole message in the response's language, as the CLI prints it: "
        "place, severity, code, field path, text, and expected/found/hint lines"
    )
    file: str = Field(
        description="where the problem is: `<request>` for the request body, a parameter "
        "name, or a catalog file"
    )
    line: int = Field(description="1-based line in the request body or file; 0 when unknown")
    column: int = Field(description="1-based column; 0 when unknown")
    field: str = Field(
        description="the path of the field inside the body, steps joined by ` > ` and list "
        "indexes in brackets (`project > profile > buildings[0]`); empty when the problem "
        "concerns the whole body"
    )


class ProblemDetails(BaseModel):
    """An RFC 9457 problem document, with every problem found."""

    model_config = ConfigDict(extra="forbid")

    type: str = Field(description="URI naming the kind of problem")
    title: str = Field(description="short summary of the kind, in the response's language")
    status: int = Field(description="the HTTP status code")
    detail: str = Field(description="every problem's message, one per line")
    instance: str = Field(description="the path of the request that failed")
    errors: list[ProblemEntry] = Field(description="every problem found, sorted by place")


_KINDS: dict[int, tuple[str, str]] = {
    400: ("bad-request", "http-title-bad-request"),
    401: ("unauthorized", "http-title-unauthorized"),
    403: ("forbidden", "http-title-forbidden"),
    404: ("not-found", "http-title-not-found"),
    405: ("method-not-allowed", "http-title-method"),
    409: ("conflict", "http-title-conflict"),
    413: ("too-large", "http-title-too-large"),
    415: ("unsupported-media-type", "http-title-media-type"),
    422: ("invalid-input", "http-title-invalid"),
    500: ("internal", "http-title-internal"),
}
"""Status -> (the problem type's last segment, the title's message code)."""


class HttpProblem(Exception):
    """A refusal with an HTTP status and the problems behind it."""

    def __init__(self, status: int, problems: Sequence[Problem]) -> None:
        self.status = status
        self.problems = tuple(sorted(problems, key=lambda p: p.sort_key()))
        super().__init__(f"{status}: {', '.join(p.code for p in self.problems)}")


def _entry(problem: Problem, lang: str) -> ProblemEntry:
    return ProblemEntry(
        code=problem.code,
        severity=problem.severity,
        message=problem.message(lang),
        file=printable(problem.location.file),
        line=problem.location.line,
        column=problem.location.column,
        field=printable(problem.breadcrumb),
    )


def problem_details(
    status: int, problems: Sequence[Problem], lang: str, instance: str
) -> ProblemDetails:
    """The problem document for ``status`` with ``problems``, in ``lang``."""
    kind, title = _KINDS.get(status, _KINDS[400] if status < 500 else _KINDS[500])
    entries = [_entry(p, lang) for p in problems]
    return ProblemDetails(
        type=f"urn:pathplanner:problem:{kind}",
        title=text(title, lang),
        status=status,
        detail="\n".join(e.message for e in entries),
        instance=printable(instance),
        errors=entries,
    )


def problem_response(
    status: int,
    problems: Sequence[Problem],
    request: Request,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """An ``application/problem+json`` response in the request's language."""
    lang = request_language(request.headers.get("accept-language"))
    details = problem_details(status, problems, lang, request.url.path)
    return JSONResponse(
        details.model_dump(mode="json"),
        status_code=status,
        media_type=PROBLEM_JSON,
        headers=headers,
    )


def _http_problem(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HttpProblem)
    return problem_response(exc.status, exc.problems, request)


def _input_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, InputError)
    return problem_response(422, exc.problems, request)


def _parameter_problem(error: Any) -> Problem:
    where = [str(step) for step in error.get("loc", ())]
    key = where[-1] if where else ""
    return Problem(
        "http-bad-parameter",
        Location(where[0] if where else REQUEST),
        breadcrumb=" > ".join(where[1:]),
        args={"key": key, "detail": str(error.get("msg", ""))},
    )


def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = list(exc.errors())
    problems = [_parameter_problem(e) for e in errors]
    in_path = any(e.get("loc", ("",))[0] == "path" for e in errors)
    return problem_response(404 if in_path else 422, problems, request)


def _http_exception(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    path = printable(request.url.path)
    if exc.status_code == 405:
        method = printable(request.method)
        problem = Problem("http-method", Location(REQUEST), args={"path": path, "method": method})
    elif exc.status_code == 404:
        problem = Problem("http-not-found", Location(REQUEST), args={"path": path})
    else:
        detail = printable(str(exc.detail))
        problem = Problem("http-refused", Location(REQUEST), args={"detail": detail})
    return problem_response(exc.status_code, [problem], request, headers=exc.headers)


def _internal(request: Request, exc: Exception) -> JSONResponse:
    _log.exception("unexpected error answering %s %s", request.method, request.url.path)
    detail = type(exc).__name__
    problem = Problem("internal", Location("pathplanner"), args={"detail": detail})
    return problem_response(500, [problem], request)


def install(app: FastAPI) -> None:
    """Answer every error of ``app`` with a problem document."""
    app.add_exception_handler(HttpProblem, _http_problem)
    app.add_exception_handler(InputError, _input_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_exception)
    app.add_exception_handler(Exception, _internal)
