"""Users and bearer tokens on SQLite and PostgreSQL: stored hashed, expiring, revocable,
and no one gets in before ``users add``."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from sqlalchemy import select, text

from case_fixtures import Organisation
from pathplanner.cases import CaseBook, Principal, Role
from pathplanner.cases.storage import TokenRow
from pathplanner.cases.users import add_user, authenticate, issue_token, revoke_tokens
from pathplanner.errors import InputError


def test_a_fresh_database_lets_no_one_in(book: CaseBook, engine) -> None:
    with book.session() as session:
        assert session.scalars(select(TokenRow)).all() == []
        assert authenticate(session, "ppt_anything", book.clock()) is None
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM users")).scalar_one() == 0


def test_tokens_are_stored_as_their_digest_only(book: CaseBook, org: Organisation, engine):
    secret = org.tokens["agent-a"]
    assert secret.startswith("ppt_") and len(secret) >= 40
    with engine.connect() as connection:
        stored = [tuple(row) for row in connection.execute(text("SELECT * FROM tokens"))]
    flat = " ".join(str(value) for row in stored for value in row)
    assert secret not in flat
    assert hashlib.sha256(secret.encode()).hexdigest() in flat
    with book.session() as session:
        assert authenticate(session, secret, book.clock()) == Principal(
            "agent-a", Role.AGENT, "town-a"
        )


def test_a_token_expires(book: CaseBook, org: Organisation) -> None:
    with book.session() as session:
        now = book.clock()
        _, secret = issue_token(session, "supervisor", now, days=1)
    with book.session() as session:
        assert authenticate(session, secret, now + dt.timedelta(hours=23)) is not None
        assert authenticate(session, secret, now + dt.timedelta(days=1)) is None


def test_revoking_ends_every_token_of_the_user(book: CaseBook, org: Organisation) -> None:
    with book.session() as session:
        _, second = issue_token(session, "head-a", book.clock(), days=30)
    with book.session() as session:
        assert revoke_tokens(session, "head-a", book.clock()) == 2
    with book.session() as session:
        for secret in (org.tokens["head-a"], second):
            assert authenticate(session, secret, book.clock()) is None
        assert authenticate(session, org.tokens["agent-a"], book.clock()) is not None


@pytest.mark.parametrize(
    ("role", "unit", "code"),
    [
        (Role.AGENT, None, "user-needs-unit"),
        (Role.SUPERVISOR, "town-a", "user-takes-no-unit"),
        (Role.UNIT_HEAD, "town-z", "unit-unknown"),
    ],
)
def test_a_user_sits_where_the_role_says(
    book: CaseBook, org: Organisation, role: Role, unit: str | None, code: str
) -> None:
    with pytest.raises(InputError) as refused, book.session() as session:
        add_user(session, "new", "新人", role, unit=unit, now=book.clock())
    assert [p.code for p in refused.value.problems] == [code]
