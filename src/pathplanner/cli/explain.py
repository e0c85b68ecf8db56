"""The ``explain`` command: why an item or work applies to a project, or does not.

``pathplanner explain PROFILE ITEM_ID [--catalog DIR] [--as-of DATE] [--engine E]
[--format text|json]`` prints the verdict and one line per rule (Chinese by default,
``--lang en`` for English where labels exist) or the explanation as JSON. Exit codes: 0
success, 1 invalid input, 2 a wrong command line.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from pathplanner.catalog.loader import load_catalog
from pathplanner.cli._common import lang
from pathplanner.profile import load_profile
from pathplanner.rules import explain

__all__ = ["ExplainFormat", "explain_command"]


class ExplainFormat(StrEnum):
    """Output formats of ``explain``."""

    text = "text"
    json = "json"


class _Engine(StrEnum):
    durable = "durable"
    reference = "reference"


def explain_command(
    profile: Annotated[
        Path, typer.Argument(metavar="PROFILE", help="Project profile file (YAML).", readable=False)
    ],
    item_id: Annotated[str, typer.Argument(metavar="ITEM_ID", help="Item or work id.")],
    *,
    catalog: Annotated[
        Path | None,
        typer.Option(
            "--catalog",
            metavar="DIR",
            help="Catalog directory; default: the shipped catalog.",
            readable=False,
        ),
    ] = None,
    as_of: Annotated[
        dt.datetime | None,
        typer.Option(
            "--as-of",
            formats=["%Y-%m-%d"],
            metavar="DATE",
            help="Rules in force on (YYYY-MM-DD); default: the profile's as_of, else today.",
        ),
    ] = None,
    engine: Annotated[
        _Engine | None, typer.Option("--engine", help="Rule engine (default: the library's).")
    ] = None,
    fmt: Annotated[ExplainFormat, typer.Option("--format", help="Output format.")] = (
        ExplainFormat.text
    ),
) -> None:
    """Explain why an item applies or not: rules, conditions, values, legal basis."""
    loaded = load_catalog(catalog)
    document = load_profile(profile, loaded)
    day = as_of.date() if as_of is not None else (document.as_of or dt.date.today())
    result = explain(
        loaded,
        document.profile,
        item_id,
        as_of=day,
        engine=engine.value if engine is not None else None,
    )
    if fmt == ExplainFormat.json:
        typer.echo(result.to_json())
    else:
        typer.echo(result.render(lang()), nl=False)
