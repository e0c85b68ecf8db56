"""``pathplanner schema actuals``: the JSON Schema of an actuals file (re-planning input).

See ``docs/scheduling.md`` §10 for the file and how it is re-planned.
"""

from __future__ import annotations

import typer

from pathplanner.cli.schema import schema_text
from pathplanner.schedule import actuals_json_schema

__all__ = ["schema_actuals_command"]


def schema_actuals_command() -> None:
    """Print the JSON Schema of an actuals file (实际办理进度)."""
    typer.echo(schema_text(actuals_json_schema()), nl=False)
