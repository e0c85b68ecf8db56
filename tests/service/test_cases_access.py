"""The access matrix over HTTP, on SQLite and PostgreSQL: every endpoint × every caller.

Another town's case reads as not found (404, so ids do not leak); no token or a bad one is
401; a role without the right is 403. Every refusal is an RFC 9457 problem document."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from case_fixtures import (
    Organisation,
    book,
    case_in,
    clock,
    database_url,
    draft,
    engine,
    org,
    planner,
    postgres,
)
from pathplanner.cases import CaseBook, CaseStatus
from pathplanner.service.cases_api import router

__all__ = ["book", "clock", "database_url", "engine", "org", "planner", "postgres"]

CALLERS = ["agent-a", "head-a", "agent-b", "supervisor", "admin", "no-token", "bad-token"]


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    case_status: CaseStatus | None
    body: Callable[[int], dict[str, Any] | None]
    expected: dict[str, int]
    not_found: str = "case-not-found"


def _none(_version: int) -> None:
    return None


def _new_case(_version: int) -> dict[str, Any]:
    return draft().model_dump(mode="json", exclude={"unit", "agent"})


def _terminate(version: int) -> dict[str, Any]:
    return {"to": "terminated", "version": version, "reason": "investor-request"}


def _actuals(version: int) -> dict[str, Any]:
    return {
        "version": version,
        "today": "2026-03-04",
        "tasks": [{"task": "enterprise-project-filing", "accepted": "2026-03-04"}],
    }


def _rating(_version: int) -> dict[str, Any]:
    return {"score": 5, "comment": "满意"}


def _note(version: int) -> dict[str, Any]:
    return {"version": version, "text": "已电话告知申请人补充材料清单"}


READER = {"agent-a": 200, "head-a": 200, "agent-b": 404, "supervisor": 200, "admin": 403}
WRITER = {"agent-a": 200, "head-a": 200, "agent-b": 404, "supervisor": 403, "admin": 403}
ANONYMOUS = {"no-token": 401, "bad-token": 401}

ENDPOINTS = [
    Endpoint(
        "POST",
        "/cases",
        None,
        _new_case,
        {"agent-a": 201, "head-a": 201, "agent-b": 201, "supervisor": 403, "admin": 403},
    ),
    Endpoint(
        "GET",
        "/cases",
        None,
        _none,
        {"agent-a": 200, "head-a": 200, "agent-b": 200, "supervisor": 200, "admin": 403},
    ),
    Endpoint("GET", "/cases/{id}", CaseStatus.APPLIED, _none, READER),
    Endpoint("POST", "/cases/{id}/transitions", CaseStatus.APPLIED, _terminate, WRITER),
    Endpoint("POST", "/cases/{id}/actuals", CaseStatus.ACCEPTED, _actuals, WRITER),
    Endpoint("POST", "/cases/{id}/notes", CaseStatus.APPLIED, _note, WRITER),
    Endpoint("GET", "/cases/{id}/events", CaseStatus.APPLIED, _none, READER),
    Endpoint("GET", "/cases/{id}/plans", CaseStatus.ACCEPTED, _none, READER),
    Endpoint("GET", "/cases/{id}/plans/1", CaseStatus.ACCEPTED, _none, READER),
    Endpoint(
        "GET",
        "/organisation",
        None,
        _none,
        {"agent-a": 403, "head-a": 200, "agent-b": 403, "supervisor": 200, "admin": 200},
    ),
    Endpoint(
        "GET",
        "/reminders",
        None,
        _none,
        {"agent-a": 200, "head-a": 200, "agent-b": 200, "supervisor": 200, "admin": 403},
    ),
    Endpoint(
        "GET",
        "/evaluation",
        None,
        _none,
        {"agent-a": 403, "head-a": 200, "agent-b": 403, "supervisor": 200, "admin": 403},
    ),
    # the investor's link needs no account: an unknown link is 404 for anyone
    Endpoint(
        "POST",
        "/ratings/ppt_no-such-link",
        None,
        _rating,
        dict.fromkeys(CALLERS, 404),
        not_found="rating-link-unknown",
    ),
]

MATRIX = [(e, caller) for e in ENDPOINTS for caller in CALLERS]


def client_for(book: CaseBook) -> TestClient:
    app = FastAPI()
    app.state.case_book = book
    app.include_router(router)
    return TestClient(app)


def headers(org: Organisation, caller: str) -> dict[str, str]:
    if caller == "no-token":
        return {}
    if caller == "bad-token":
        return {"Authorization": "Bearer ppt_not-a-token-anyone-was-given"}
    return {"Authorization": f"Bearer {org.tokens[caller]}"}


def test_the_matrix_covers_every_route() -> None:
    routes = {(m, r.path) for r in router.routes for m in getattr(r, "methods", ())}
    covered = {(e.method, e.path.replace("{id}", "{case_id}")) for e in ENDPOINTS}
    covered = {(m, p.replace("/plans/1", "/plans/{number}")) for m, p in covered}
    covered = {(m, p.replace("ppt_no-such-link", "{token}")) for m, p in covered}
    assert routes == covered


@pytest.mark.parametrize(
    ("endpoint", "caller"), MATRIX, ids=[f"{e.method}{e.path}-{c}" for e, c in MATRIX]
)
def test_access(book: CaseBook, org: Organisation, endpoint: Endpoint, caller: str) -> None:
    path, version = endpoint.path, 1
    if endpoint.case_status is not None:
        case_id, version = case_in(book, org.people["agent-a"], endpoint.case_status)
        path = path.replace("{id}", case_id)
    client = client_for(book)
    answer = client.request(
        endpoint.method, path, json=endpoint.body(version), headers=headers(org, caller)
    )
    expected = {**ANONYMOUS, **endpoint.expected}[caller]
    assert answer.status_code == expected, answer.text
    if expected >= 400:
        assert answer.headers["content-type"] == "application/problem+json"
        document = answer.json()
        assert document["status"] == expected
        code = {401: "auth", 403: "case-forbidden", 404: endpoint.not_found}[expected]
        assert document["errors"][0]["code"].startswith(code)
        assert document["errors"][0]["message"]
    if expected == 401:
        assert answer.headers["www-authenticate"] == "Bearer"


def test_lists_hold_only_the_cases_within_reach(book: CaseBook, org: Organisation) -> None:
    mine, _ = case_in(book, org.people["agent-a"], CaseStatus.APPLIED)
    theirs, _ = case_in(book, org.people["agent-b"], CaseStatus.APPLIED)
    client = client_for(book)

    def listed(caller: str) -> set[str]:
        answer = client.get("/cases", headers=headers(org, caller))
        return {case["id"] for case in answer.json()}

    assert listed("agent-a") == listed("head-a") == {mine}
    assert listed("agent-b") == {theirs}
    assert listed("supervisor") == {mine, theirs}


def test_contact_details_go_only_to_those_who_handle_the_case(
    book: CaseBook, org: Organisation
) -> None:
    case_id, _ = case_in(book, org.people["agent-a"], CaseStatus.APPLIED)
    client = client_for(book)
    seen = {
        caller: client.get(f"/cases/{case_id}", headers=headers(org, caller)).json()["investor"]
        for caller in ("agent-a", "head-a", "supervisor")
    }
    handled = {"name": "甲公司", "contact": "李四", "phone": "13800000000", "contact_erased": False}
    assert seen["agent-a"] == seen["head-a"] == handled
    assert seen["supervisor"] == {**handled, "contact": None, "phone": None}
    events = client.get(f"/cases/{case_id}/events", headers=headers(org, "agent-a")).text
    assert "李四" not in events
    assert "13800000000" not in events
