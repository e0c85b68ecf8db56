"""Users, units and bearer tokens.

A token is 32 random bytes from :mod:`secrets` (256 bits), shown once when it is made and
stored only as its SHA-256 digest. A slow password hash (argon2, bcrypt) defends guessable
secrets against a stolen table; a uniformly random 256-bit token cannot be guessed, so one
fast hash already makes the stolen digest useless, and a lookup by digest stays one index
probe per request. There are no default users: the first is made with ``pathplanner users
add``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from pathplanner.cases.access import Principal, Role
from pathplanner.cases.errors import problem
from pathplanner.cases.storage.tables import TokenRow, UnitRow, UserRow
from pathplanner.errors import InputError
from pathplanner.organisation import UnitKind

__all__ = [
    "TOKEN_PREFIX",
    "add_unit",
    "add_user",
    "authenticate",
    "digest",
    "issue_token",
    "revoke_tokens",
]

TOKEN_PREFIX = "ppt_"
"""Marks a pathplanner token, so a leaked one is recognisable in a scanner's rules."""


def digest(secret: str) -> str:
    """The stored form of a token or a one-time link: its SHA-256, hex."""
    return hashlib.sha256(secret.encode()).hexdigest()


def add_unit(session: Session, unit_id: str, name: str, kind: UnitKind) -> UnitRow:
    """Add an agency unit; raises :class:`InputError` when the id is taken."""
    if session.get(UnitRow, unit_id) is not None:
        raise InputError([problem("unit-exists", "id", unit=unit_id)])
    row = UnitRow(id=unit_id, name=name, kind=kind.value)
    session.add(row)
    session.flush()
    return row


def add_user(
    session: Session,
    user_id: str,
    name: str,
    role: Role,
    *,
    unit: str | None,
    now: dt.datetime,
    phone: str | None = None,
) -> UserRow:
    """Add a user. Agents and unit heads belong to a unit that exists; the others to none."""
    if session.get(UserRow, user_id) is not None:
        raise InputError([problem("user-exists", "id", user=user_id)])
    bound = role in (Role.AGENT, Role.UNIT_HEAD)
    if bound and unit is None:
        raise InputError([problem("user-needs-unit", "unit", role=role.value)])
    if not bound and unit is not None:
        raise InputError([problem("user-takes-no-unit", "unit", role=role.value)])
    if unit is not None and session.get(UnitRow, unit) is None:
        raise InputError([problem("unit-unknown", "unit", unit=unit)])
    row = UserRow(id=user_id, name=name, role=role.value, unit_id=unit, phone=phone, created_at=now)
    session.add(row)
    session.flush()
    return row


def issue_token(session: Session, user_id: str, now: dt.datetime, days: int) -> tuple[str, str]:
    """A new token for ``user_id`` valid for ``days``; returns (token id, the token itself).

    The token is shown only here; the database keeps its digest."""
    if session.get(UserRow, user_id) is None:
        raise InputError([problem("user-unknown", "user", user=user_id)])
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token_id = secrets.token_hex(8)
    session.add(
        TokenRow(
            id=token_id,
            user_id=user_id,
            digest=digest(secret),
            created_at=now,
            expires_at=now + dt.timedelta(days=days),
        )
    )
    return token_id, secret


def revoke_tokens(session: Session, user_id: str, now: dt.datetime) -> int:
    """Revoke every live token of ``user_id``; returns how many."""
    rows = session.scalars(
        select(TokenRow).where(TokenRow.user_id == user_id, TokenRow.revoked_at.is_(None))
    ).all()
    for row in rows:
        row.revoked_at = now
    return len(rows)


def authenticate(session: Session, secret: str, now: dt.datetime) -> Principal | None:
    """The user a token belongs to, or ``None`` when it is unknown, expired or revoked."""
    token = session.scalar(select(TokenRow).where(TokenRow.digest == digest(secret)))
    if token is None or token.revoked_at is not None or token.expires_at <= now:
        return None
    user = session.get(UserRow, token.user_id)
    if user is None or user.disabled_at is not None:
        return None
    return Principal(user=user.id, role=Role(user.role), unit=user.unit_id)
