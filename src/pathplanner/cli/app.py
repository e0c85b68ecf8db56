"""The ``pathplanner`` command line: a typer ``app`` and :func:`main`, its safe entry point.

Commands live in small modules of plain functions; this module registers each of them on
:data:`app` (or on :data:`schema_app` for ``schema ...``) in one explicit table. Exit codes
everywhere: 0 success, 1 invalid input or a failed check, 2 a wrong command line.
:func:`main` turns every :class:`~pathplanner.errors.InputError` into its messages on stderr
and never shows a traceback; an unexpected exception becomes one ``internal`` message.

Global option: ``--lang zh|en`` (default ``zh``, or ``$PATHPLANNER_LANG``). A command reads
it with :func:`pathplanner.cli._common.lang`. ``PATHPLANNER_DEBUG=1`` lets an unexpected
exception through with its traceback (for developers).
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Sequence
from typing import Annotated

import typer

from pathplanner.cli import actuals, check, explain, plan, policy, schema
from pathplanner.cli._common import Lang, echo_problems, lang, set_lang
from pathplanner.errors import InputError, Location, Problem

__all__ = ["app", "main", "schema_app"]

app = typer.Typer(
    name="pathplanner",
    help="Plans the approval pathway of a construction project (工程建设项目审批路径).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
schema_app = typer.Typer(
    help="Print a JSON Schema (profile, plan, actuals, letter).", no_args_is_help=True
)
app.add_typer(schema_app, name="schema")


app.command("check")(check.check_command)
app.command("explain")(explain.explain_command)
app.command("plan")(plan.plan_command)
app.command("test")(policy.test_command)
app.command("diff")(policy.diff_command)
schema_app.command("actuals")(actuals.schema_actuals_command)
schema_app.command("letter")(schema.schema_letter_command)
schema_app.command("plan")(plan.schema_plan_command)
schema_app.command("profile")(schema.schema_profile_command)


@app.callback()
def _global_options(
    ctx: typer.Context,
    language: Annotated[
        Lang,
        typer.Option("--lang", envvar="PATHPLANNER_LANG", help="Message language: zh or en."),
    ] = Lang.zh,
) -> None:
    """Plans the approval pathway of a construction project (工程建设项目审批路径)."""
    set_lang(language.value)
    ctx.obj = {"lang": language.value}


def _exit_code(code: object) -> int:
    if code is None:
        return 0
    return code if isinstance(code, int) else 1


@functools.cache
def _command() -> typer.core.TyperGroup:
    """The click command built from ``app``, once per process (building it takes tens of
    milliseconds, which in-process callers such as tests and portals would pay per call)."""
    command = typer.main.get_command(app)
    assert isinstance(command, typer.core.TyperGroup)
    return command


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (the console script exits with it)."""
    set_lang("zh")
    command = _command()
    try:
        result = command.main(
            args=list(argv) if argv is not None else sys.argv[1:],
            prog_name="pathplanner",
            standalone_mode=True,
        )
    except SystemExit as stop:
        return _exit_code(stop.code)
    except InputError as error:
        echo_problems(error.problems, err=True)
        return 1
    except Exception as error:  # a bug: one message, no traceback (PATHPLANNER_DEBUG=1 shows it)
        if os.environ.get("PATHPLANNER_DEBUG"):
            raise
        detail = f"{type(error).__name__}: {error}".strip()
        problem = Problem("internal", Location("pathplanner"), args={"detail": detail})
        typer.echo(problem.message(lang()), err=True)
        return 1
    return _exit_code(result)
