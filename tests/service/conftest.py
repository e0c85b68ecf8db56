"""Fixtures of the HTTP service tests: the application in process (FastAPI's TestClient)
and a live ``pathplanner serve`` on loopback, each built once per test session."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from live_server import scratch_database, serving
from pathplanner.cases import CaseBook
from pathplanner.cases.access import Role
from pathplanner.cases.users import add_unit, add_user, issue_token
from pathplanner.organisation import UnitKind
from pathplanner.service.app import create_app
from pathplanner.service.examples import EXAMPLE_PROJECT
from pathplanner.service.settings import Settings


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    """The application on the shipped catalog, its case records in a scratch SQLite file."""
    return create_app(Settings(database_url=scratch_database(tmp_path_factory.mktemp("db"))))


@pytest.fixture(scope="session")
def client(app: FastAPI) -> Iterator[TestClient]:
    """A client calling the application in process."""
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def agent_token(app: FastAPI) -> str:
    """A bearer token of an agent of town ``town-a``, in the application's scratch database."""
    book = app.state.case_book
    assert isinstance(book, CaseBook)
    now = book.clock()
    with book.session() as session:
        add_unit(session, "town-a", "甲镇代办点", UnitKind.TOWN)
        add_user(session, "agent-a", "王五", Role.AGENT, unit="town-a", now=now)
        return issue_token(session, "agent-a", now, days=30)[1]


@pytest.fixture(scope="session")
def live_database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The scratch SQLite database of the live server's case records."""
    return scratch_database(tmp_path_factory.mktemp("live-db"))


@pytest.fixture(scope="session")
def live_url(tmp_path_factory: pytest.TempPathFactory, live_database_url: str) -> Iterator[str]:
    """The base URL of a real ``pathplanner serve`` on a free loopback port."""
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with serving(log, env={"PATHPLANNER_DATABASE_URL": live_database_url}) as url:
        yield url


@pytest.fixture
def project() -> dict[str, Any]:
    """A fresh copy of the example project document (the warehouse)."""
    return copy.deepcopy(EXAMPLE_PROJECT)
