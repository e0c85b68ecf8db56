"""The case records over HTTP: a FastAPI router and its bearer-token authentication.

Include it in an application whose ``state.case_book`` holds a
:class:`~pathplanner.cases.CaseBook`::

    app = FastAPI()
    app.state.case_book = CaseBook(engine, Planner.default())
    app.include_router(router)

Every refusal is RFC 9457 ``application/problem+json`` with a ``problems`` list (code,
message in the ``Accept-Language`` language, field path): no token 401, a role without the
right 403, a case out of reach 404, a stale version or a move the process does not have 409,
bad input 422. Handlers translate; :class:`~pathplanner.cases.CaseBook` decides.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Coroutine, Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
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
from pathplanner.messages import message_text

__all__ = ["PROBLEM_JSON", "problem_response", "router"]

PROBLEM_JSON = "application/problem+json"

_STATUS: tuple[tuple[type[InputError], int, str], ...] = (
    (Unauthenticated, 401, "Unauthorized"),
    (Forbidden, 403, "Forbidden"),
    (CaseNotFound, 404, "Not Found"),
    (StaleVersion, 409, "Conflict"),
    (TransitionRefused, 409, "Conflict"),
    (InputError, 422, "Unprocessable Content"),
)


def _language(request: Request) -> str:
    """``en`` when the client prefers English (``Accept-Language: en…``), else ``zh``."""
    first = request.headers.get("accept-language", "").split(",")[0].strip().lower()
    return "en" if first.startswith("en") else "zh"


def problem_response(
    problems: Sequence[Problem], status: int, title: str, lang: str
) -> JSONResponse:
    """An RFC 9457 problem document carrying every problem (code, message, field)."""
    items = [
        {
            "code": p.code,
            "message": message_text(p.code, lang, p.args),
            "field": p.breadcrumb,
        }
        for p in problems
    ]
    body = {
        "type": f"urn:pathplanner:problem:{problems[0].code}" if problems else "about:blank",
        "title": title,
        "status": status,
        "detail": " ".join(item["message"] for item in items),
        "problems": items,
    }
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


_PYDANTIC_CODES = {
    "missing": "missing-key",
    "extra_forbidden": "unknown-key",
    "literal_error": "bad-choice",
    "enum": "bad-choice",
}


def _validation_problems(error: RequestValidationError) -> list[Problem]:
    problems = []
    for entry in error.errors():
        loc = [str(part) for part in entry.get("loc", ()) if part != "body"]
        field = ".".join(loc)
        key = loc[-1] if loc else "body"
        code = _PYDANTIC_CODES.get(str(entry.get("type")), "invalid-value")
        problems.append(problem(code, field, key=key, detail=str(entry.get("msg", ""))))
    return problems


class _ProblemRoute(APIRoute):
    """A route whose refusals are problem documents (the router brings its own, so the
    application that includes it needs no exception handler)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def answer(request: Request) -> Response:
            lang = _language(request)
            try:
                return await handler(request)
            except RequestValidationError as error:
                return problem_response(
                    _validation_problems(error), 422, "Unprocessable Content", lang
                )
            except InputError as error:
                status, title = next((s, t) for k, s, t in _STATUS if isinstance(error, k))
                return problem_response(error.problems, status, title, lang)

        return answer


_REFUSALS: dict[int | str, dict[str, Any]] = {
    status: {"description": title, "content": {PROBLEM_JSON: {}}} for _, status, title in _STATUS
}

router = APIRouter(route_class=_ProblemRoute, tags=["cases"], responses=_REFUSALS)
_bearer = HTTPBearer(auto_error=False, description="a token made with `pathplanner users add`")


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


@router.post("/cases", status_code=201, summary="Record an application (申请)")
def create_case(draft: CaseDraft, book: Book, who: Who) -> CaseView:
    """Record an application for the caller's unit; the case starts as `applied`."""
    return _view(book, who, book.create(who, draft))


@router.get("/cases", summary="The cases within reach")
def list_cases(
    book: Book,
    who: Who,
    status: Annotated[CaseStatus | None, Query(description="only cases in this status")] = None,
) -> list[CaseView]:
    """Agents and unit heads see their unit's cases; the supervisor sees every case."""
    with book.session() as session:
        rows = book.cases(session, who, status)
        return [case_view(row, who, book.plans(session, who, row.id)) for row in rows]


@router.get("/cases/{case_id}", summary="One case as it stands")
def read_case(case_id: str, book: Book, who: Who) -> CaseView:
    """The case; the investor's contact only for the roles that handle it."""
    with book.session() as session:
        row = book.case(session, who, case_id, Right.READ_CASE)
        return case_view(row, who, book.plans(session, who, case_id))


@router.post("/cases/{case_id}/transitions", summary="Move a case along the process")
def move_case(case_id: str, request: TransitionRequest, book: Book, who: Who) -> CaseView:
    """申请 → 受理 (with the agreement; makes the baseline plan) or 不予受理 (with a reason);
    受理 → 承办; 承办 → 办结 (with the investor's confirmation; answers the one-time rating
    token); 申请, 受理 or 承办 → 终止 (with a reason); 办结 or 终止 → 归档 (with the archive
    record). Every other move is refused (409)."""
    return _view(book, who, book.transition(who, case_id, request))


@router.post("/cases/{case_id}/actuals", summary="Record actual dates and re-plan")
def record_actuals(case_id: str, update: ActualsUpdate, book: Book, who: Who) -> CaseView:
    """Record actual dates (a reason code for each date that differs from the plan in force,
    and for each pause) and re-plan from all of them; the baseline stays plan 1."""
    return _view(book, who, book.record_actuals(who, case_id, update))


@router.post("/cases/{case_id}/notes", summary="Add a note")
def add_note(case_id: str, note: NoteRequest, book: Book, who: Who) -> CaseView:
    """Append a note to the case's event log."""
    return _view(book, who, book.add_note(who, case_id, note))


@router.get("/cases/{case_id}/events", summary="The case's event log")
def case_events(case_id: str, book: Book, who: Who) -> list[EventView]:
    """Who did what, when (Asia/Shanghai) and why, oldest first."""
    with book.session() as session:
        return [EventView.of(row) for row in book.events(session, who, case_id)]


@router.get("/cases/{case_id}/plans", summary="The case's plan versions")
def case_plans(case_id: str, book: Book, who: Who) -> list[PlanVersionView]:
    """Every plan version; number 1 is the baseline, the last is in force."""
    with book.session() as session:
        return [PlanVersionView.of(row) for row in book.plans(session, who, case_id)]


@router.get(
    "/cases/{case_id}/plans/{number}",
    summary="One plan version (the plan JSON)",
    response_class=Response,
    responses={200: {"content": {"application/json": {}}, "description": "the plan JSON"}},
)
def case_plan(case_id: str, number: int, book: Book, who: Who) -> Response:
    """The plan JSON of version ``number``, byte for byte as it was made."""
    with book.session() as session:
        for row in book.plans(session, who, case_id):
            if row.number == number:
                return Response(row.plan, media_type="application/json")
    raise CaseNotFound(f"{case_id}/plans/{number}")


@router.get("/organisation", summary="Units, their agents and the staffing report")
def organisation(book: Book, who: Who) -> list[UnitStaffing]:
    """Units with their agents, flagging those below the opinion's minimum (3 per town,
    5 per main functional zone). A unit head sees their own unit."""
    with book.session() as session:
        return staffing_report(session, who)


@router.get("/reminders", summary="What is due soon on the caller's open cases")
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


@router.get("/evaluation", summary="Scores of agents and units, with their numbers")
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
)
def rate_case(token: str, rating: RatingRequest, book: Book) -> Response:
    """Record the investor's rating through the link issued at 办结; a second use, or an
    unknown link, is 404."""
    book.rate(token, rating.score, rating.comment)
    return Response(status_code=204)
