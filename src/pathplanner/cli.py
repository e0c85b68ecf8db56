"""The ``pathplanner`` command line: a typer ``app`` and :func:`main`, its safe entry point.

Commands live in small modules that register themselves on :data:`app` (or on
:data:`schema_app` for ``schema ...``); this module imports each of them with one line at
the bottom. Exit codes everywhere: 0 success, 1 invalid input or a failed check, 2 a wrong
command line. :func:`main` turns every :class:`~pathplanner.errors.InputError` into its
messages on stderr and never shows a traceback; an unexpected exception becomes one
``internal`` message.

Global option: ``--lang zh|en`` (default ``zh``, or ``$PATHPLANNER_LANG``). A command reads it
with :func:`lang`. ``PATHPLANNER_DEBUG=1`` lets an unexpected exception through with its
traceback (for developers).
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Annotated

import typer

from pathplanner.errors import InputError, Location, Problem

__all__ = ["Lang", "app", "echo_problems", "lang", "main", "schema_app"]


class Lang(StrEnum):
    """Message languages."""

    zh = "zh"
    en = "en"


app = typer.Typer(
    name="pathplanner",
    help="Plans the approval pathway of a construction project (工程建设项目审批路径).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
schema_app = typer.Typer(help="Print a JSON Schema (profile, plan, actuals).", no_args_is_help=True)
app.add_typer(schema_app, name="schema")

_state = {"lang": "zh"}


@app.callback()
def _global_options(
    ctx: typer.Context,
    language: Annotated[
        Lang,
        typer.Option("--lang", envvar="PATHPLANNER_LANG", help="Message language: zh or en."),
    ] = Lang.zh,
) -> None:
    """Plans the approval pathway of a construction project (工程建设项目审批路径)."""
    _state["lang"] = language.value
    ctx.obj = {"lang": language.value}


def lang() -> str:
    """The language chosen with ``--lang`` (``zh`` unless told otherwise)."""
    return _state["lang"]


def echo_problems(problems: Iterable[Problem], *, err: bool = False) -> None:
    """Print problems, sorted by place, in the chosen language."""
    for problem in sorted(problems, key=lambda p: p.sort_key()):
        typer.echo(problem.message(lang()), err=err)


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
    _state["lang"] = "zh"
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


# Commands: one import line per command module (each registers itself on `app`).
from pathplanner import cli_actuals as _actuals  # noqa: E402, F401
from pathplanner import cli_check as _check  # noqa: E402, F401
from pathplanner import cli_explain as _explain  # noqa: E402, F401
from pathplanner import cli_plan as _plan  # noqa: E402, F401
from pathplanner import cli_policy as _policy  # noqa: E402, F401
from pathplanner import cli_schema as _schema  # noqa: E402, F401
