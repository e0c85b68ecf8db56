"""The engine for a database URL, and migrating a database to the newest schema."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

__all__ = ["DEFAULT_URL", "MIGRATIONS", "connect", "upgrade"]

DEFAULT_URL = "sqlite:///pathplanner-cases.db"
"""A file in the working directory, so the service runs on a laptop with no set-up."""

MIGRATIONS = Path(__file__).with_name("migrations")


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    # WAL: readers do not block the writer; FULL: a commit is on disk when acknowledged
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def connect(url: str = DEFAULT_URL) -> Engine:
    """An engine for ``url`` (``sqlite:///file.db`` or ``postgresql+psycopg://…``).

    A plain ``postgresql://`` URL is read as psycopg 3, the driver pathplanner ships with."""
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite":
        # writers wait for each other instead of failing at once with "database is locked"
        engine = create_engine(parsed, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(parsed, pool_pre_ping=True)


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database of ``engine`` to ``revision`` with the shipped migrations."""
    config = Config()
    config.set_main_option("script_location", MIGRATIONS.as_posix())
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
