"""Fixtures and helpers of the case-record tests (tests/cases, tests/service): every test
that takes ``book`` runs on SQLite (a real file) and on a real PostgreSQL server started
once per session."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from pathplanner._input.yaml import read_yaml
from pathplanner.cases import CaseBook, CaseStatus, Principal, Role
from pathplanner.cases.model import (
    Agreement,
    ArchiveRecord,
    CaseDraft,
    Confirmation,
    InvestorDetails,
    TransitionRequest,
)
from pathplanner.cases.storage import connect, upgrade
from pathplanner.cases.users import add_unit, add_user, issue_token
from pathplanner.organisation import UnitKind
from pathplanner.plan import Planner
from postgres_server import PostgresServer, postgres_server

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "low-risk-warehouse.yaml"
START = dt.date(2026, 3, 2)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    with (
        tempfile.TemporaryDirectory(prefix="pathplanner-pg-") as base,
        postgres_server(Path(base)) as server,
    ):
        yield server


@pytest.fixture(scope="session")
def planner() -> Planner:
    return Planner.default()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'cases.db'}"
    server: PostgresServer = request.getfixturevalue("postgres")
    return server.new_database()


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = connect(database_url)
    upgrade(engine)
    yield engine
    engine.dispose()


class Ticking:
    """A clock that moves one second per reading from a fixed instant, so events order."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(seconds=1)
        return self.now


@pytest.fixture
def clock() -> Ticking:
    return Ticking(dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC))


@pytest.fixture
def book(engine: Engine, planner: Planner, clock: Ticking) -> CaseBook:
    return CaseBook(engine, planner, clock=clock)


@dataclass(frozen=True)
class Organisation:
    """Two towns, each with an agent and a head, a supervisor and an admin, with tokens."""

    people: dict[str, Principal]
    tokens: dict[str, str]


PEOPLE: dict[str, tuple[Role, str | None]] = {
    "agent-a": (Role.AGENT, "town-a"),
    "head-a": (Role.UNIT_HEAD, "town-a"),
    "agent-b": (Role.AGENT, "town-b"),
    "supervisor": (Role.SUPERVISOR, None),
    "admin": (Role.ADMIN, None),
}


@pytest.fixture
def org(book: CaseBook) -> Organisation:
    now = book.clock()
    tokens = {}
    with book.session() as session:
        add_unit(session, "town-a", "甲镇代办点", UnitKind.TOWN)
        add_unit(session, "town-b", "乙镇代办点", UnitKind.TOWN)
        for user, (role, unit) in PEOPLE.items():
            add_user(session, user, user, role, unit=unit, now=now)
            tokens[user] = issue_token(session, user, now, days=30)[1]
    people = {user: Principal(user, role, unit) for user, (role, unit) in PEOPLE.items()}
    return Organisation(people, tokens)


def example_profile() -> dict[str, Any]:
    """The profile of the low-risk warehouse example, as plain data."""
    data, problems = read_yaml(EXAMPLE, EXAMPLE.name)
    assert not problems
    return _plain(data["profile"])


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, bool | int | float | str) or value is None:
        return value
    return str(value)


def draft(**changes: Any) -> CaseDraft:
    """An application for the example warehouse."""
    fields: dict[str, Any] = {
        "investor": InvestorDetails(name="甲公司", contact="李四", phone="13800000000"),
        "project": "甲公司仓库",
        "profile": example_profile(),
        "start": START,
    }
    fields.update(changes)
    return CaseDraft(**fields)


def request_for(target: CaseStatus, version: int) -> TransitionRequest:
    """A complete request to move to ``target`` (with what that move needs)."""
    extra: dict[str, Any] = {}
    if target == CaseStatus.ACCEPTED:
        extra["agreement"] = Agreement(number="DB-2026-001", date=START, scope="all")
    if target in (CaseStatus.NOT_ACCEPTED, CaseStatus.TERMINATED):
        extra["reason"] = "conflict-with-regulations"
    if target == CaseStatus.CLOSED:
        extra["confirmation"] = Confirmation(date=dt.date(2027, 1, 8), by="李四")
    if target == CaseStatus.ARCHIVED:
        extra["archive"] = ArchiveRecord(
            date=dt.date(2027, 1, 15), materials_returned=["营业执照原件"], returned_to="李四"
        )
    return TransitionRequest(to=target, version=version, today=START, **extra)


PATHS: dict[CaseStatus, tuple[CaseStatus, ...]] = {
    CaseStatus.APPLIED: (),
    CaseStatus.ACCEPTED: (CaseStatus.ACCEPTED,),
    CaseStatus.NOT_ACCEPTED: (CaseStatus.NOT_ACCEPTED,),
    CaseStatus.HANDLING: (CaseStatus.ACCEPTED, CaseStatus.HANDLING),
    CaseStatus.CLOSED: (CaseStatus.ACCEPTED, CaseStatus.HANDLING, CaseStatus.CLOSED),
    CaseStatus.TERMINATED: (CaseStatus.TERMINATED,),
    CaseStatus.ARCHIVED: (CaseStatus.TERMINATED, CaseStatus.ARCHIVED),
}
"""A way from 申请 to each status."""


def case_in(book: CaseBook, who: Principal, status: CaseStatus) -> tuple[str, int]:
    """A new case of ``who``'s unit brought to ``status``; returns (id, version)."""
    change = book.create(who, draft())
    for step in PATHS[status]:
        change = book.transition(who, change.case.id, request_for(step, change.case.version))
    return change.case.id, change.case.version
