"""``pathplanner db`` and ``pathplanner users`` against real databases (SQLite and
PostgreSQL): migrate, add a unit and a user, use the printed token, revoke it."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import inspect

from pathplanner.cases import Principal, Role
from pathplanner.cases.storage import connect, transaction
from pathplanner.cases.users import authenticate
from pathplanner.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_users_and_tokens_from_the_command_line(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = ["--url", database_url]
    assert run(capsys, "db", "upgrade", *url) == (0, "ok\n", "")
    assert run(capsys, "db", "upgrade", *url) == (0, "ok\n", "")  # again: nothing to do
    engine = connect(database_url)
    assert {"cases", "case_events", "case_plans", "users", "tokens", "units"} <= set(
        inspect(engine).get_table_names()
    )
    assert (
        run(capsys, "users", "add-unit", "town-a", "--name", "甲镇", "--kind", "town", *url)[0] == 0
    )
    code, out, err = run(
        capsys, "users", "add", "li", "--name", "李", "--role", "agent", "--unit", "town-a", *url
    )
    assert (code, err) == (0, "")
    secret = out.split(": ", 1)[1].strip()
    now = dt.datetime.now(dt.UTC)
    with transaction(engine) as session:
        assert authenticate(session, secret, now) == Principal("li", Role.AGENT, "town-a")
    assert run(capsys, "users", "revoke", "li", *url) == (0, "1\n", "")
    with transaction(engine) as session:
        assert authenticate(session, secret, now) is None
    engine.dispose()


def test_a_user_of_a_missing_unit_is_one_message(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "db", "upgrade", "--url", database_url)[0] == 0
    code, out, err = run(
        capsys,
        "--lang",
        "en",
        "users",
        "add",
        "li",
        "--name",
        "李",
        "--role",
        "agent",
        "--unit",
        "town-x",
        "--url",
        database_url,
    )
    assert (code, out) == (1, "")
    assert err == (
        "request: error [unit-unknown] unit: there is no unit 'town-x': add it first with "
        "pathplanner users add-unit\n"
    )


def test_a_database_that_cannot_be_opened_is_one_message(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "--lang", "en", "db", "upgrade", "--url", "not a url")
    assert (code, out) == (1, "")
    assert err == (
        "--url: error [db-bad-url]: cannot read the database URL 'not a url': use "
        "sqlite:///file.db or postgresql://user@host/db\n"
    )
