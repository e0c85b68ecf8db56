"""The case records over HTTP, on SQLite and PostgreSQL: the whole process from 申请 to 归档,
and bad input as problem documents naming the field, in the client's language."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from case_fixtures import (
    Organisation,
    book,
    clock,
    database_url,
    draft,
    engine,
    org,
    planner,
    postgres,
)
from pathplanner.cases import CaseBook
from pathplanner.service.cases_api import router

__all__ = ["book", "clock", "database_url", "engine", "org", "planner", "postgres"]

FILING = "enterprise-project-filing"


def client_for(book: CaseBook, org: Organisation, caller: str = "agent-a") -> TestClient:
    app = FastAPI()
    app.state.case_book = book
    app.include_router(router)
    client = TestClient(app)
    client.headers["Authorization"] = f"Bearer {org.tokens[caller]}"
    return client


def _ok(answer: Any, status: int = 200) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert isinstance(body, dict)
    return body


def test_the_process_from_application_to_archive(book: CaseBook, org: Organisation) -> None:
    client = client_for(book, org)
    case = _ok(client.post("/cases", json=draft().model_dump(mode="json")), 201)
    assert (case["status"], case["version"], case["plans"]) == ("applied", 1, 0)
    assert case["status_name"] == {"zh": "申请", "en": "applied"}
    assert case["created_at"].endswith("+08:00")
    url = f"/cases/{case['id']}"
    accept = {
        "to": "accepted",
        "version": 1,
        "today": "2026-03-02",
        "agreement": {"number": "DB-2026-007", "date": "2026-03-02", "scope": [FILING]},
    }
    case = _ok(client.post(url + "/transitions", json=accept))
    assert (case["status"], case["plans"]) == ("accepted", 1)
    assert case["handling"]["agency"] == [FILING]
    assert case["baseline_finish"] == case["finish"]
    baseline = client.get(url + "/plans/1")
    assert baseline.headers["content-type"] == "application/json"
    start = next(t for t in baseline.json()["tasks"] if t["id"] == FILING)["start"]
    case = _ok(client.post(url + "/transitions", json={"to": "handling", "version": 2}))
    actuals = {
        "version": 3,
        "today": "2026-03-20",
        "tasks": [
            {
                "task": FILING,
                "accepted": start,
                "decided": "2026-03-19",
                "reason": "department-delay",
            }
        ],
    }
    case = _ok(client.post(url + "/actuals", json=actuals))
    assert case["plans"] == 2
    assert case["slippage_working_days"] > 0
    assert case["finish"] > case["baseline_finish"]
    close = {
        "to": "closed",
        "version": 4,
        "confirmation": {"date": "2027-02-01", "by": "李四"},
    }
    case = _ok(client.post(url + "/transitions", json=close))
    assert case["status"] == "closed"
    token = case["rating_link_token"]
    assert isinstance(token, str) and len(token) >= 40
    assert client.get(url).json()["rating_link_token"] is None  # shown once
    investor = TestClient(client.app)  # no account, no token
    rating = {"score": 5, "comment": "全程代办，省心"}
    assert investor.post(f"/ratings/{token}", json=rating).status_code == 204
    again = investor.post(f"/ratings/{token}", json=rating)
    assert again.status_code == 404
    assert again.json()["errors"][0]["code"] == "rating-link-unknown"
    case = client.get(url).json()
    archive = {
        "to": "archived",
        "version": 6,
        "archive": {
            "date": "2027-02-10",
            "materials_returned": ["营业执照原件", "土地证原件"],
            "returned_to": "李四",
        },
    }
    case = _ok(client.post(url + "/transitions", json=archive))
    assert case["status"] == "archived"
    events = client.get(url + "/events").json()
    assert [(e["seq"], e["kind"]) for e in events] == [
        (1, "applied"),
        (2, "transition"),
        (3, "transition"),
        (4, "actuals"),
        (5, "transition"),
        (6, "rated"),
        (7, "transition"),
    ]
    assert all(e["at"].endswith("+08:00") for e in events)


def test_bad_input_names_the_field_in_the_clients_language(
    book: CaseBook, org: Organisation
) -> None:
    client = client_for(book, org)
    body = draft().model_dump(mode="json")
    del body["investor"]["name"]
    body["investr"] = {}
    answer = client.post("/cases", json=body, headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert answer.status_code == 422
    assert answer.headers["content-type"] == "application/problem+json"
    document = answer.json()
    assert (document["title"], document["status"]) == ("Invalid input", 422)
    found = {(p["code"], p["field"]) for p in document["errors"]}
    assert found == {("missing-key", "investor > name"), ("unknown-key", "investr")}
    assert any("missing required key 'name'" in p["message"] for p in document["errors"])


def test_a_profile_that_does_not_fit_the_catalog_is_refused(
    book: CaseBook, org: Organisation
) -> None:
    client = client_for(book, org)
    body = draft().model_dump(mode="json")
    body["profile"]["project"]["use"] = "spaceport"
    document = client.post("/cases", json=body).json()
    assert document["status"] == 422
    ((code, field, message),) = [(p["code"], p["field"], p["message"]) for p in document["errors"]]
    assert (code, field) == ("bad-choice", "profile > project > use")
    assert "'project.use' 的取值不在允许的范围内" in message


def test_a_stale_version_is_409(book: CaseBook, org: Organisation) -> None:
    client = client_for(book, org)
    case = _ok(client.post("/cases", json=draft().model_dump(mode="json")), 201)
    url = f"/cases/{case['id']}/notes"
    _ok(client.post(url, json={"version": 1, "text": "先到"}))
    answer = client.post(url, json={"version": 1, "text": "后到"})
    assert answer.status_code == 409
    ((code, field, message),) = [
        (p["code"], p["field"], p["message"]) for p in answer.json()["errors"]
    ]
    assert (code, field) == ("case-stale-version", "version")
    assert (
        "案件在您读取后已被修改（您提交的是第 1 版，当前为第 2 版）；请重新读取案件后再提交"
        in message
    )


def test_the_staffing_report_flags_short_units(book: CaseBook, org: Organisation) -> None:
    report = client_for(book, org, "supervisor").get("/organisation").json()
    assert isinstance(report, list)
    assert [(u["id"], len(u["agents"]), u["minimum"], u["below_minimum"]) for u in report] == [
        ("town-a", 1, 3, True),
        ("town-b", 1, 3, True),
    ]
    own = client_for(book, org, "head-a").get("/organisation").json()
    assert [u["id"] for u in own] == ["town-a"]
