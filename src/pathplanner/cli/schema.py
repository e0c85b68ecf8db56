"""``pathplanner schema profile [--catalog DIR]``, and the published schema files.

A portal renders its one intake form from the profile schema (titles in the ``--lang``
language, both languages under ``x-title``; see :func:`pathplanner.profile.profile_json_schema`).

:func:`schema_text` is how every ``schema`` command prints a schema, and
:func:`published_schemas` is what the repository's ``schemas/`` directory holds (rewritten by
``make snapshots``, kept equal by ``tests/plan/test_schemas.py``, shipped in the wheel).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from pathplanner.catalog.loader import load_catalog
from pathplanner.cli._common import lang
from pathplanner.organisation.letter import letter_json_schema
from pathplanner.plan.model import plan_json_schema
from pathplanner.profile import profile_json_schema
from pathplanner.schedule.actuals import actuals_json_schema

__all__ = [
    "published_schemas",
    "schema_letter_command",
    "schema_profile_command",
    "schema_text",
]


def schema_text(schema: dict[str, Any]) -> str:
    """A schema as printed and stored: JSON with Chinese unescaped, 2-space indent, keys in
    the schema's own order, one final newline."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def published_schemas() -> dict[str, str]:
    """The files of ``schemas/``, name → text: the plan schema, the actuals schema, the
    letter schema, and the profile schema of the shipped catalog in Chinese (``schema
    profile`` with no options)."""
    return {
        "actuals.schema.json": schema_text(actuals_json_schema()),
        "letter.schema.json": schema_text(letter_json_schema()),
        "plan.schema.json": schema_text(plan_json_schema()),
        "profile.schema.json": schema_text(profile_json_schema(load_catalog(None), "zh")),
    }


def schema_profile_command(
    catalog: Annotated[
        Path | None,
        typer.Option("--catalog", help="Catalog directory; default: the shipped one."),
    ] = None,
) -> None:
    """Print the JSON Schema of a project profile (项目信息表单)."""
    typer.echo(schema_text(profile_json_schema(load_catalog(catalog), lang())), nl=False)


def schema_letter_command() -> None:
    """Print the JSON Schema of a letter file (一次性告知书抬头: 告知单位, 代办员, 投资主体)."""
    typer.echo(schema_text(letter_json_schema()), nl=False)
