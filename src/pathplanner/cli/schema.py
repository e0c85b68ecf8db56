"""``pathplanner schema profile [--catalog DIR]``: the JSON Schema of a project profile.

A portal renders its one intake form from it (titles in the ``--lang`` language, both
languages under ``x-title``; see :func:`pathplanner.profile.profile_json_schema`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from pathplanner.catalog.loader import load_catalog
from pathplanner.cli._common import lang
from pathplanner.profile import profile_json_schema

__all__ = ["schema_profile_command"]


def schema_profile_command(
    catalog: Annotated[
        Path | None,
        typer.Option("--catalog", help="Catalog directory; default: the shipped one."),
    ] = None,
) -> None:
    """Print the JSON Schema of a project profile (项目信息表单)."""
    schema = profile_json_schema(load_catalog(catalog), lang())
    typer.echo(json.dumps(schema, ensure_ascii=False, indent=2))
