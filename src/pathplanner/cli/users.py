"""``pathplanner users …``: agency units, users and their bearer tokens.

There are no default users. ``users add`` makes a user and prints a token once (only its
digest is stored); ``users token`` issues another; ``users revoke`` revokes them all."""

from __future__ import annotations

from typing import Annotated

import typer

from pathplanner.cases.access import Role
from pathplanner.cases.clock import utc_now
from pathplanner.cases.defaults import DEFAULT_URL
from pathplanner.cli.db import UrlOption, database_session
from pathplanner.organisation import UnitKind

__all__ = ["users_app"]

users_app = typer.Typer(help="Agency units, users and bearer tokens.", no_args_is_help=True)

Days = Annotated[int, typer.Option("--days", min=1, max=3650, help="Days the token is valid.")]


@users_app.command("add-unit")
def add_unit_command(
    unit_id: Annotated[str, typer.Argument(help="Short id, e.g. town-huilong.")],
    name: Annotated[str, typer.Option("--name", help="The unit's name.")],
    kind: Annotated[UnitKind, typer.Option("--kind", help="The kind of unit.")],
    url: UrlOption = DEFAULT_URL,
) -> None:
    """Add an agency unit (town, zone, main zone or the approval bureau)."""
    # lazy import: the case storage (SQLAlchemy) is only for these commands
    from pathplanner.cases import users

    with database_session(url) as session:
        users.add_unit(session, unit_id, name, kind)
    typer.echo("ok")


@users_app.command("add")
def add_user_command(
    user_id: Annotated[str, typer.Argument(help="Short id of the user.")],
    *,
    name: Annotated[str, typer.Option("--name", help="The person's name.")],
    role: Annotated[Role, typer.Option("--role", help="agent, unit_head, supervisor or admin.")],
    unit: Annotated[
        str | None, typer.Option("--unit", help="The unit of an agent or unit head.")
    ] = None,
    days: Days = 90,
    url: UrlOption = DEFAULT_URL,
) -> None:
    """Add a user and print their first bearer token (shown only now; store it safely)."""
    # lazy import: the case storage (SQLAlchemy) is only for these commands
    from pathplanner.cases import users

    now = utc_now()
    with database_session(url) as session:
        users.add_user(session, user_id, name, role, unit=unit, now=now)
        token_id, secret = users.issue_token(session, user_id, now, days)
    typer.echo(f"token {token_id}: {secret}")


@users_app.command("token")
def token_command(
    user_id: Annotated[str, typer.Argument(help="The user's id.")],
    days: Days = 90,
    url: UrlOption = DEFAULT_URL,
) -> None:
    """Issue another bearer token for a user (shown only now)."""
    # lazy import: the case storage (SQLAlchemy) is only for these commands
    from pathplanner.cases import users

    with database_session(url) as session:
        token_id, secret = users.issue_token(session, user_id, utc_now(), days)
    typer.echo(f"token {token_id}: {secret}")


@users_app.command("revoke")
def revoke_command(
    user_id: Annotated[str, typer.Argument(help="The user's id.")],
    url: UrlOption = DEFAULT_URL,
) -> None:
    """Revoke every live token of a user; prints how many."""
    # lazy import: the case storage (SQLAlchemy) is only for these commands
    from pathplanner.cases import users

    with database_session(url) as session:
        count = users.revoke_tokens(session, user_id, utc_now())
    typer.echo(str(count))
