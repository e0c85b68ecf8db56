"""Command-line mistakes in the CLI's language: click's usage errors as problems.

click (as vendored by typer) reports a wrong command line in English (``'pdf' is not one
of 'json', …``, ``No such option``, a date in the wrong format). :func:`usage_problem`
turns each kind it raises into a :class:`~pathplanner.errors.Problem` with a message from
the zh/en table, what was expected and, where one is close, a "did you mean";
:func:`usage_line` says how the command is used and where its help is.
"""

from __future__ import annotations

import re

# typer vendors click (typer._click, since 0.29): these are the classes its parser raises
from typer._click.core import Parameter
from typer._click.exceptions import (
    BadOptionUsage,
    BadParameter,
    MissingParameter,
    NoSuchOption,
    UsageError,
)
from typer.core import TyperGroup, TyperOption

from pathplanner._input.suggest import did_you_mean, quote_all
from pathplanner.errors import Location, Problem
from pathplanner.messages import text

__all__ = ["usage_line", "usage_problem"]

_QUOTED_VALUE = re.compile(r"'((?:[^'\\]|\\.)*)' (is not one of|does not match)")
_QUOTED = re.compile(r"'([^']*)'")
_NO_COMMAND = re.compile(r"No such command '([^']*)'")


def _where(error: UsageError) -> Location:
    return Location(error.ctx.command_path if error.ctx is not None else "pathplanner")


def _param_name(param: Parameter | None, hint: object) -> str:
    if isinstance(param, TyperOption):
        return max(param.opts, key=len)
    if param is not None:
        return str(param.metavar or (param.name or "").upper())
    return str(hint or "")


def _bad_parameter(error: BadParameter) -> Problem:
    name = _param_name(error.param, error.param_hint)
    found = _QUOTED_VALUE.search(error.message)
    if found is None:  # raised by a command itself, already in the CLI's language
        args = {"param": name, "detail": error.message}
        return Problem("cli-bad-value", _where(error), args=args)
    value = found.group(1)
    if found.group(2) == "does not match":
        return Problem(
            "cli-bad-date",
            _where(error),
            expected="YYYY-MM-DD",
            found=value,
            args={"param": name, "value": value},
        )
    choices = _QUOTED.findall(error.message[found.end() :])
    close = did_you_mean(value, choices)
    return Problem(
        "cli-bad-choice",
        _where(error),
        expected=", ".join(choices),
        found=value,
        hint="did-you-mean" if close else "",
        args={"param": name, "value": value, "candidates": quote_all(close)},
    )


def usage_problem(error: UsageError) -> Problem:
    """The problem ``error`` reports, in words of the message table."""
    where = _where(error)
    if isinstance(error, NoSuchOption):
        close = did_you_mean(error.option_name, error.possibilities or [])
        return Problem(
            "cli-no-such-option",
            where,
            hint="did-you-mean" if close else "cli-see-help",
            args={
                "option": error.option_name,
                "candidates": quote_all(close),
                "command": where.file,
            },
        )
    if isinstance(error, MissingParameter):  # before BadParameter, its base class
        name = _param_name(error.param, error.param_hint)
        return Problem("cli-missing", where, args={"param": name})
    if isinstance(error, BadParameter):
        return _bad_parameter(error)
    if isinstance(error, BadOptionUsage):
        return Problem("cli-option-needs-value", where, args={"option": error.option_name})
    command = _NO_COMMAND.search(error.message)
    if command is not None and error.ctx is not None and isinstance(error.ctx.command, TyperGroup):
        known = error.ctx.command.list_commands(error.ctx)
        close = did_you_mean(command.group(1), known)
        return Problem(
            "cli-no-such-command",
            where,
            expected=", ".join(known),
            hint="did-you-mean" if close else "",
            args={"name": command.group(1), "candidates": quote_all(close)},
        )
    return Problem("cli-usage", where, args={"detail": error.message})


def usage_line(error: UsageError, lang: str) -> str:
    """How the command is used and where its help is, in ``lang``."""
    if error.ctx is None:
        return text("cli-help-line", lang, command="pathplanner")
    usage = error.ctx.get_usage().removeprefix("Usage:").strip()
    return text("cli-usage-line", lang, usage=usage, command=error.ctx.command_path)
