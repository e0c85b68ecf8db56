"""The case records over HTTP: a FastAPI router and its bearer-token authentication.

Include it in an application whose ``state.case_book`` holds a
:class:`~pathplanner.cases.CaseBook`::

    app = FastAPI()
    app.state.case_book = CaseBook(engine, Planner.default())
    app.include_router(router)

Every refusal is the service's problem document (:mod:`pathplanner.service.problems`:
RFC 9457 ``application/problem+json`` whose ``errors`` carry code, field path and message in
the ``Accept-Language`` language): no token 401, a role without the right 403, a case out of
reach 404, a stale version or a move the process does not have 409, bad input 422.
Handlers translate; :class:`~pathplanner.cases.CaseBook` decides.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field

from pathplanner.cases.access import Principal, Right
from pathplanner.cases.clock import local_date
from pathplanner.cases.errors import (
    CaseNotFound,
    Forbidden,
    StaleVersion,
    TransitionRefused,
    Unauthenticated,
    problem,
)
from pathplanner.cases.evaluation import Score
from pathplanner.cases.model import (
    ActualsUpdate,
    CaseDraft,
    NoteRequest,
    RatingRequest,
    TransitionRequest,
)
from pathplanner.cases.records import CaseBook, Change
from pathplanner.cases.reminders import Reminder
from pathplanner.cases.staffing import UnitStaffing, staffing_report
from pathplanner.cases.status import CaseStatus
from pathplanner.cases.users import authenticate
from pathplanner.cases.views import CaseView, EventView, PlanVersionView, case_view
from pathplanner.errors import InputError, Problem
from pathplanner.service.examples import (
    EXAMPLE_ACCEPTANCE,
    EXAMPLE_CASE_ACTUALS,
    EXAMPLE_CASE_DRAFT,
    EXAMPLE_NOTE,
    EXAMPLE_RATING,
)
from pathplanner.service.openapi import COMPONENTS, problem_responses
from pathplanner.service.problems import problem_response

__all__ = ["router"]

_STATUS: tuple[tuple[type[InputError], int], ...] = (
    (Unauthenticated, 401),
    (Forbidden, 403),
    (CaseNotFound, 404),
    (StaleVersion, 409),
    (TransitionRefused, 409),
    (InputError, 422),
)
_CHALLENGE = {"WWW-Authenticate": "Bearer"}

_PYDANTIC_CODES = {
    "missing": "missing-key",
    "extra_forbidden": "unknown-key",
    "literal_error": "bad-choice",
    "enum": "bad-choice",
}


def _validation_problems(error: RequestValidationError) -> tuple[int, list[Problem]]:
    """The status (404 when a path parameter is wrong, as for an unknown case) and the
    problems of a request the models refuse, coded as the CLI codes a file's."""
    problems = []
    in_path = False
    for entry in error.errors():
        where = [str(part) for part in entry.get("loc", ())]
        in_path = in_path or where[:1] == ["path"]
        steps = where[1:] if where[:1] in (["body"], ["path"], ["query"]) else where
        key = steps[-1] if steps else "body"
        code = _PYDANTIC_CODES.get(str(entry.get("type")), "invalid-value")
        detail = str(entry.get("msg", ""))
        problems.append(problem(code, " > ".join(steps), key=key, detail=detail))
    return (404 if in_path else 422), problems


class _ProblemRoute(APIRoute):
    """A route whose refusals are problem documents (:mod:`pathplanner.service.problems`)
    with the case records' statuses; the router brings its own, so an application that
    includes it needs no exception handler."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def answer(request: Request) -> Response:
            try:
                return await handler(request)
            except RequestValidationError as error:
                status, problems = _validation_problems(error)
                return problem_response(status, problems, request)
            except InputError as error:
                status = next(s for kind, s in _STATUS if isinstance(error, kind))
                headers = _CHALLENGE if status == 401 else None
                return problem_response(status, error.problems, request, headers)

        return answer


router = APIRouter(route_class=_ProblemRoute, tags=["cases"])
_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="bearer",
    description="a token made with `pathplanner users add` (or `users token`)",
)

_CASE_ID = Path(description="the case's id, as `POST /cases` answered it")
CaseId = Annotated[str, _CASE_ID]
_READ = problem_responses(401, 403, 404, 422)
"""A read of one case: 422 only for a malformed query."""
_CHANGE = problem_responses(400, 401, 403, 404, 409, 413, 422)
"""A change to one case: 409 for a stale version or a move the process does not have."""
_LIST = problem_responses(401, 403, 422)


def _book(request: Request) -> CaseBook:
    book = request.app.state.case_book
    assert isinstance(book, CaseBook)
    return book


Book = Annotated[CaseBook, Depends(_book)]


def _principal(
    book: Book, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> Principal:
    if credentials is None:
        raise Unauthenticated([problem("auth-missing", "authorization")])
    with book.session() as session:
        who = authenticate(session, credentials.credentials, book.clock())
    if who is None:
        raise Unauthenticated([problem("auth-invalid", "authorization")])
    return who


Who = Annotated[Principal, Depends(_principal)]


def _view(book: CaseBook, who: Principal, change: Change) -> CaseView:
    with book.session() as session:
        plans = book.plans(session, who, change.case.id)
    view = case_view(change.case, who, plans)
    if change.rating_secret is not None:
        view = view.model_copy(update={"rating_link_token": change.rating_secret})
    return view


def _examples(summary: str, value: dict[str, Any]) -> dict[str, Any]:
    return {"example": {"summary": summary, "value": value}}


@router.post(
    "/cases",
    status_code=201,
    summary="Record an application (申请)",
    responses=problem_responses(400, 401, 403, 413, 422),
)
def create_case(
    draft: Annotated[
        CaseDraft,
        Body(
            openapi_examples=_examples("the warehouse, for the caller's unit", EXAMPLE_CASE_DRAFT)
        ),
    ],
    book: Book,
    who: Who,
) -> CaseView:
    """Record an application for the caller's unit; the case starts as `applied`."""
    return _view(book, who, book.create(who, draft))


@router.get("/cases", summary="The cases within reach", responses=_LIST)
def list_cases(
    book: Book,
    who: Who,
    status: Annotated[CaseStatus | None, Query(description="only cases in this status")] = None,
) -> list[CaseView]:
    """Agents and unit heads see their unit's cases; the supervisor sees every case."""
    with book.session() as session:
        rows = book.cases(session, who, status)
        return [case_view(row, who, book.plans(session, who, row.id)) for row in rows]


@router.get("/cases/{case_id}", summary="One case as it stands", responses=_READ)
def read_case(case_id: CaseId, book: Book, who: Who) -> CaseView:
    """The case; the investor's contact only for the roles that handle it."""
    with book.session() as session:
        row = book.case(session, who, case_id, Right.READ_CASE)
        return case_view(row, who, book.plans(session, who, case_id))


@router.post(
    "/cases/{case_id}/transitions", summary="Move a case along the process", responses=_CHANGE
)
def move_case(
    case_id: CaseId,
    request: Annotated[
        TransitionRequest,
        Body(openapi_examples=_examples("受理, partial scope (部分代办)", EXAMPLE_ACCEPTANCE)),
    ],
    book: Book,
    who: Who,
) -> CaseView:
    """申请 → 受理 (with the agreement; makes the baseline plan) or 不予受理 (with a reason);
    受理 → 承办; 承办 → 办结 (with the investor's confirmation; answers the one-time rating
    token); 申请, 受理 or 承办 → 终止 (with a reason); 办结 or 终止 → 归档 (with the archive
    record). Every other move is refused (409)."""
    return _view(book, who, book.transition(who, case_id, request))


@router.post(
    "/cases/{case_id}/actuals", summary="Record actual dates and re-plan", responses=_CHANGE
)
def record_actuals(
    case_id: CaseId,
    update: Annotated[
        ActualsUpdate,
        Body(openapi_examples=_examples("the filing, decided late", EXAMPLE_CASE_ACTUALS)),
    ],
    book: Book,
    who: Who,
) -> CaseView:
    """Record actual dates (a reason code for each date that differs from the plan in force,
    and for each pause) and re-plan from all of them; the baseline stays plan 1."""
    return _view(book, who, book.record_actuals(who, case_id, update))


@router.post("/cases/{case_id}/notes", summary="Add a note", responses=_CHANGE)
def add_note(
    case_id: CaseId,
    note: Annotated[NoteRequest, Body(openapi_examples=_examples("a note", EXAMPLE_NOTE))],
    book: Book,
    who: Who,
) -> CaseView:
    """Append a note to the case's event log."""
    return _view(book, who, book.add_note(who, case_id, note))


@router.get("/cases/{case_id}/events", summary="The case's event log", responses=_READ)
def case_events(case_id: CaseId, book: Book, who: Who) -> list[EventView]:
    """Who did what, when (Asia/Shanghai) and why, oldest first."""
    with book.session() as session:
        return [EventView.of(row) for row in book.events(session, who, case_id)]


@router.get("/cases/{case_id}/plans", summary="The case's plan versions", responses=_READ)
def case_plans(case_id: CaseId, book: Book, who: Who) -> list[PlanVersionView]:
    """Every plan version; number 1 is the baseline, the last is in force."""
    with book.session() as session:
        return [PlanVersionView.of(row) for row in book.plans(session, who, case_id)]


@router.get(
    "/cases/{case_id}/plans/{number}",
    summary="One plan version (the plan JSON)",
    response_class=Response,
    responses={
        200: {
            "description": "the plan JSON, as `POST /plans` answers it",
            "content": {"application/json": {"schema": {"$ref": f"{COMPONENTS}Plan"}}},
        },
        **_READ,
    },
)
def case_plan(
    case_id: CaseId,
    number: Annotated[int, Path(description="the plan version: 1 is the baseline")],
    book: Book,
    who: Who,
) -> Response:
    """The plan JSON of version ``number``, byte for byte as it was made."""
    with book.session() as session:
        for row in book.plans(session, who, case_id):
            if row.number == number:
                return Response(row.plan, media_type="application/json")
    raise CaseNotFound(f"{case_id}/plans/{number}")


@router.get("/organisation", summary="Units, their agents and the staffing report", responses=_LIST)
def organisation(book: Book, who: Who) -> list[UnitStaffing]:
    """Units with their agents, flagging those below the opinion's minimum (3 per town,
    5 per main functional zone). A unit head sees their own unit."""
    with book.session() as session:
        return staffing_report(session, who)


@router.get("/reminders", summary="What is due soon on the caller's open cases", responses=_LIST)
def due_soon(
    book: Book,
    who: Who,
    days: Annotated[int, Query(ge=1, le=60, description="working days ahead")] = 5,
    today: Annotated[
        dt.date | None, Query(description="the day to count from; today (Asia/Shanghai)")
    ] = None,
) -> list[Reminder]:
    """容缺 supplements and 告知承诺 obligations due, decisions overdue against their limit,
    and the materials the investor brings next: an agent's own cases, a unit head's unit,
    every case for the supervisor."""
    with book.session() as session:
        return book.reminders(session, who, today or local_date(book.clock()), days)


class Evaluation(BaseModel):
    """Scores per agent and per unit, each with the numbers behind it."""

    agents: list[Score] = Field(description="per agent, by user id")
    units: list[Score] = Field(description="per unit, by unit id")


@router.get(
    "/evaluation", summary="Scores of agents and units, with their numbers", responses=_LIST
)
def evaluation(book: Book, who: Who) -> Evaluation:
    """On-time rate (not counting art. 45 time or pauses the investor caused), median
    slippage with its reason codes, cases handled and the investors' ratings, weighed by
    `evaluation.yaml`. The supervisor sees every unit, a unit head their own."""
    with book.session() as session:
        agents, units = book.evaluation(session, who)
    return Evaluation(agents=agents, units=units)


@router.post(
    "/ratings/{token}",
    status_code=204,
    response_class=Response,
    summary="The investor rates a closed case (one-time link, no account)",
    responses={
        204: {"description": "the rating is recorded; the link is used up"},
        **problem_responses(400, 404, 413, 422),
    },
)
def rate_case(
    token: Annotated[
        str, Path(description="the one-time token answered at 办结 (`rating_link_token`)")
    ],
    rating: Annotated[
        RatingRequest, Body(openapi_examples=_examples("five stars", EXAMPLE_RATING))
    ],
    book: Book,
) -> Response:
    """Record the investor's rating through the link issued at 办结; a second use, or an
    unknown link, is 404."""
    book.rate(token, rating.score, rating.comment)
    return Response(status_code=204)
