"""The tables of the case records.

Events and plan versions are append-only: the code inserts them and never updates or
deletes them. A case row is the current state, guarded by ``version`` (optimistic locking:
an UPDATE names the version it read, and changes nothing when another writer was first).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = [
    "Base",
    "CaseRow",
    "EventRow",
    "PlanRow",
    "RatingRow",
    "TokenRow",
    "UnitRow",
    "UserRow",
    "UtcDateTime",
]


class UtcDateTime(TypeDecorator[dt.datetime]):
    """An instant stored in UTC and read back timezone-aware on every database (SQLite
    keeps no zone, so the value is normalised to UTC before it is written)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass an aware instant")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    """The declarative base of the case tables."""


class UnitRow(Base):
    """An agency unit (town, zone, main zone, 审批局)."""

    __tablename__ = "units"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))


class UserRow(Base):
    """A person who uses the service; agents are users with the role ``agent``."""

    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(32))
    unit_id: Mapped[str | None] = mapped_column(ForeignKey("units.id"), nullable=True)
    phone: Mapped[str | None] = mapped_column(String(40), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    disabled_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), nullable=True)


class TokenRow(Base):
    """A bearer token, kept only as its SHA-256 digest."""

    __tablename__ = "tokens"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), nullable=True)


class CaseRow(Base):
    """A case's current state (its history is in ``case_events``)."""

    __tablename__ = "cases"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(32), index=True)
    unit_id: Mapped[str] = mapped_column(ForeignKey("units.id"), index=True)
    agent_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    project: Mapped[str] = mapped_column(String(200))
    investor_name: Mapped[str] = mapped_column(String(200))
    investor_contact: Mapped[str | None] = mapped_column(String(100), nullable=True)
    investor_phone: Mapped[str | None] = mapped_column(String(40), nullable=True)
    contact_erased_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    profile: Mapped[dict[str, Any]] = mapped_column(JSON)
    start: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    agreement: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    confirmation: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    archive: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    actuals: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    archived_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), nullable=True)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class EventRow(Base):
    """One entry of a case's append-only event log: who, when, what, why."""

    __tablename__ = "case_events"
    __table_args__ = (UniqueConstraint("case_id", "seq", name="uq_case_events_case_seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    actor: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str | None] = mapped_column(String(64), nullable=True)
    note: Mapped[str] = mapped_column(Text)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class PlanRow(Base):
    """One plan version of a case: number 1 is the baseline."""

    __tablename__ = "case_plans"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_seq: Mapped[int] = mapped_column(Integer)
    made_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    finish: Mapped[dt.date] = mapped_column(Date)
    plan: Mapped[str] = mapped_column(Text)


class RatingRow(Base):
    """The investor's rating of a case, through a one-time link issued at 办结."""

    __tablename__ = "ratings"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    issued_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    used_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    score: Mapped[int | None] = mapped_column(Integer, nullable=True)
    comment: Mapped[str | None] = mapped_column(Text, nullable=True)
