"""``pathplanner db …``: the case database (migrations, the contact-retention sweep).

The database is ``--url``, else ``$PATHPLANNER_DATABASE_URL``, else the SQLite file
``pathplanner-cases.db`` in the working directory."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

from pathplanner.cases.clock import utc_now
from pathplanner.cases.defaults import DEFAULT_URL

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = [
    "UrlOption",
    "database_session",
    "db_app",
    "erase_contacts_command",
    "upgrade_command",
]

UrlOption = Annotated[
    str,
    typer.Option(
        "--url",
        envvar="PATHPLANNER_DATABASE_URL",
        help="Database URL: sqlite:///file.db or postgresql://user@host/db.",
    ),
]


@contextmanager
def database_session(url: str) -> Iterator[Session]:
    """One transaction on the case database at ``url``, committed when the block ends."""
    # lazy import: the case storage (SQLAlchemy) is only for these commands; plan should not pay
    from pathplanner.cases.storage import connect, reachable, transaction

    engine = connect(url)
    try:
        with reachable(url), transaction(engine) as session:
            yield session
    finally:
        engine.dispose()


db_app = typer.Typer(help="The case database: migrations and retention.", no_args_is_help=True)


@db_app.command("upgrade")
def upgrade_command(url: UrlOption = DEFAULT_URL) -> None:
    """Create the case database or bring it to the newest schema (Alembic migrations)."""
    # lazy import: the case storage (SQLAlchemy, Alembic) is only for these commands
    from pathplanner.cases.storage import connect, reachable, upgrade

    engine = connect(url)
    try:
        with reachable(url):
            upgrade(engine)
    finally:
        engine.dispose()
    typer.echo("ok")


@db_app.command("erase-contacts")
def erase_contacts_command(
    url: UrlOption = DEFAULT_URL,
    days: Annotated[
        int | None,
        typer.Option(
            "--retention-days",
            min=0,
            help="Days an archived case keeps the investor's contact details "
            "(default $PATHPLANNER_CONTACT_RETENTION_DAYS, else 365).",
        ),
    ] = None,
) -> None:
    """Erase the investor's contact details from cases archived longer ago than the
    retention period (the facts and events stay). Prints the ids of the cases erased."""
    # lazy import: the case storage (SQLAlchemy) is only for these commands
    from pathplanner.cases.retention import erase_expired_contacts, retention

    keep = retention(days)
    with database_session(url) as session:
        erased = erase_expired_contacts(session, utc_now(), keep)
    for case_id in erased:
        typer.echo(case_id)
