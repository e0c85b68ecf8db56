"""The ``pathplanner`` command line: a typer ``app`` and :func:`main`, its safe entry point.

Commands live in small modules of plain functions; this module registers each of them on
:data:`app` (or on :data:`schema_app` for ``schema ...``) in one explicit table. Exit codes
everywhere: 0 success, 1 invalid input or a failed check, 2 a wrong command line.
:func:`main` turns every :class:`~pathplanner.errors.InputError` into its messages on stderr
and never shows a traceback; an unexpected exception becomes one ``internal`` message.

Global options: ``--lang zh|en`` (default ``zh``, or ``$PATHPLANNER_LANG``), ``--version``,
and shell completion (``--install-completion``, ``--show-completion``). A command reads the
language with :func:`pathplanner.cli._common.lang`. The help is Chinese unless ``--lang en``
(:mod:`pathplanner.cli.help`), and a wrong command line is reported in the same language
(:mod:`pathplanner.cli.usage`). ``PATHPLANNER_DEBUG=1`` lets an unexpected exception
through with its traceback (for developers).
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from typing import Annotated

import typer

# typer vendors click (typer._click, since 0.29): its parser raises these
from typer._click.exceptions import NoArgsIsHelpError, UsageError

from pathplanner.cli import (
    actuals,
    analyze,
    batch,
    check,
    db,
    explain,
    generate,
    plan,
    policy,
    schema,
    serve,
    users,
)
from pathplanner.cli._common import Lang, echo_problems, lang, set_lang
from pathplanner.cli.help import translate_help
from pathplanner.cli.usage import usage_line, usage_problem
from pathplanner.errors import InputError, Location, Problem

__all__ = ["app", "main", "schema_app"]

app = typer.Typer(
    name="pathplanner",
    help="Plans the approval pathway of a construction project (工程建设项目审批路径).",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
schema_app = typer.Typer(
    help="Print a JSON Schema (profile, plan, actuals, letter).", no_args_is_help=True
)
app.add_typer(schema_app, name="schema")
app.add_typer(db.db_app, name="db")
app.add_typer(users.users_app, name="users")


app.command("check")(check.check_command)
app.command("explain")(explain.explain_command)
app.command("plan")(plan.plan_command)
app.command("test")(policy.test_command)
app.command("diff")(policy.diff_command)
app.command("serve")(serve.serve_command)
app.command("batch")(batch.batch_command)
app.command("generate-portfolio")(generate.generate_command)
app.command("analyze")(analyze.analyze_command)
schema_app.command("actuals")(actuals.schema_actuals_command)
schema_app.command("letter")(schema.schema_letter_command)
schema_app.command("plan")(plan.schema_plan_command)
schema_app.command("profile")(schema.schema_profile_command)


def _version() -> str:
    try:
        return version("pathplanner")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "unknown"


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"pathplanner {_version()}")
        raise typer.Exit(0)


@app.callback()
def _global_options(
    ctx: typer.Context,
    language: Annotated[
        Lang,
        typer.Option("--lang", envvar="PATHPLANNER_LANG", help="Message language: zh or en."),
    ] = Lang.zh,
    _version_flag: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_print_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    """Plans the approval pathway of a construction project (工程建设项目审批路径)."""
    set_lang(language.value)
    ctx.obj = {"lang": language.value}


def _exit_code(code: object) -> int:
    if code is None:
        return 0
    return code if isinstance(code, int) else 1


@functools.cache
def _command(language: str) -> typer.core.TyperGroup:
    """The click command built from ``app`` with its help in ``language``, once per process
    and language (building it takes tens of milliseconds, which in-process callers such as
    tests and portals would pay per call)."""
    command = typer.main.get_command(app)
    assert isinstance(command, typer.core.TyperGroup)
    if language != "en":
        translate_help(command)
    return command


def _language(argv: Sequence[str]) -> str:
    """The language asked for on the command line (``--lang en`` or ``--lang=en``, wherever
    it stands) or in ``$PATHPLANNER_LANG``, known before the command line is parsed: the
    help and a wrong command line are said in it."""
    chosen = os.environ.get("PATHPLANNER_LANG", "zh")
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            chosen = argv[index + 1]
        elif arg.startswith("--lang="):
            chosen = arg.removeprefix("--lang=")
    return "en" if chosen == "en" else "zh"


def _usage_error(error: UsageError) -> int:
    if isinstance(error, NoArgsIsHelpError):
        error.show()  # the help itself, as asked for by giving no arguments
        return error.exit_code
    echo_problems([usage_problem(error)], err=True)
    typer.echo(usage_line(error, lang()), err=True)
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (the console script exits with it)."""
    args = list(argv) if argv is not None else sys.argv[1:]
    set_lang(_language(args))
    command = _command(lang())
    try:
        result = command.main(args=args, prog_name="pathplanner", standalone_mode=False)
    except UsageError as error:
        return _usage_error(error)
    except SystemExit as stop:  # typer's completion options exit by themselves
        return _exit_code(stop.code)
    except typer.Abort:
        return 1
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
