"""The engine for a database URL, and migrating a database to the newest schema."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session

from pathplanner.cases.defaults import DEFAULT_URL
from pathplanner.errors import InputError, Location, Problem

__all__ = ["DEFAULT_URL", "MIGRATIONS", "connect", "reachable", "transaction", "upgrade"]

"""A file in the working directory, so the service runs on a laptop with no set-up."""

MIGRATIONS = Path(__file__).with_name("migrations")


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    # the driver's own transaction handling off: _begin_immediate starts each one
    connection.isolation_level = None
    cursor = connection.cursor()
    # WAL: readers do not block the writer; FULL: a commit is on disk when acknowledged
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _begin_immediate(connection: Any) -> None:
    # a transaction takes the write lock when it starts: one that read a case and then
    # writes it can never find its snapshot stale (SQLite would fail it, not wait)
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def connect(url: str = DEFAULT_URL) -> Engine:
    """An engine for ``url`` (``sqlite:///file.db`` or ``postgresql+psycopg://…``).

    A plain ``postgresql://`` URL is read as psycopg 3, the driver pathplanner ships with."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise InputError([Problem("db-bad-url", Location("--url"), args={"url": url})]) from None
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite":
        # writers wait for each other instead of failing at once with "database is locked"
        engine = create_engine(parsed, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _begin_immediate)
        return engine
    return create_engine(parsed, pool_pre_ping=True)


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database of ``engine`` to ``revision`` with the shipped migrations."""
    config = Config()
    config.set_main_option("script_location", MIGRATIONS.as_posix())
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


@contextmanager
def reachable(url: str) -> Iterator[None]:
    """Turn a database that cannot be opened into one located problem (no traceback)."""
    try:
        yield
    except OperationalError as error:
        detail = str(error.orig or error).strip().splitlines()[0]
        shown = make_url(url).render_as_string(hide_password=True)
        args = {"url": shown, "detail": detail}
        raise InputError([Problem("db-unreachable", Location("--url"), args=args)]) from None


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """A session in one transaction, committed when the block ends without error.

    No autoflush: an operation writes a case row once, so its version moves by one."""
    with Session(engine, expire_on_commit=False, autoflush=False) as session, session.begin():
        yield session
