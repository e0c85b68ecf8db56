"""The ``plan`` command: plan a project and write JSON, Markdown, HTML or DOT, the
disclosure letter (docx, PDF) or the agents' workbook (xlsx).

Registered on the typer ``app`` by :mod:`pathplanner.cli.app`. It prints
a one-line summary on stderr (finish, working days, critical path length, warnings) and
writes the rendering to ``-o PATH`` (then prints the path) or to stdout; the binary formats
(docx, pdf, xlsx) need ``-o`` (exit 2 without it). ``--letter FILE`` fills the letter's
header (:mod:`pathplanner.organisation.letter`). ``-o`` is written
atomically (:func:`~pathplanner._support.atomic.write_atomically`) before anything is
printed, so a failed write is reported alone and leaves the previous report. Exit codes: 0
success, 1 invalid input (also an output that cannot be written, or that is an input
file), 2 a wrong command line.
"""

from __future__ import annotations

import datetime as dt
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from pathplanner._support.atomic import write_atomically
from pathplanner.cli._common import Lang, lang, refuse_bad_dates, refuse_overwriting
from pathplanner.cli.schema import schema_text
from pathplanner.errors import InputError, printable
from pathplanner.messages import text
from pathplanner.organisation.letter import load_letter
from pathplanner.plan.model import Plan, plan_json_schema
from pathplanner.plan.planner import Planner
from pathplanner.render import BINARY_FORMATS, LETTER_FORMATS, render

__all__ = [
    "Engine",
    "Format",
    "parse_pins",
    "plan_command",
    "schema_plan_command",
    "summary_line",
]


class Format(StrEnum):
    """Output formats of ``plan``."""

    json = "json"
    md = "md"
    html = "html"
    dot = "dot"
    docx = "docx"
    pdf = "pdf"
    xlsx = "xlsx"


class Engine(StrEnum):
    """Rule engines."""

    durable = "durable"
    reference = "reference"


def _lang(explicit: Lang | None) -> str:
    return explicit.value if explicit is not None else lang()


def parse_pins(values: list[str], lang: str = "zh") -> dict[str, str]:
    """``ITEM=MODE`` strings to a mapping; a malformed one is a command-line error."""
    pins: dict[str, str] = {}
    for value in values:
        item, sep, mode = value.partition("=")
        if not sep or not item.strip() or not mode.strip():
            raise typer.BadParameter(text("plan-bad-pin", lang, value=value), param_hint="--pin")
        pins[item.strip()] = mode.strip()
    return pins


def summary_line(plan: Plan, lang: str = "zh") -> str:
    """The one-line summary printed on stderr."""
    return text(
        "plan-summary-line",
        lang,
        finish=plan.finish.isoformat(),
        days=plan.working_days,
        critical=len(plan.critical_path),
        warnings=len(plan.warnings),
    )


def _date(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value is not None else None


_DATE_FORMATS = ["%Y-%m-%d"]


def plan_command(
    profile: Annotated[Path, typer.Argument(help="Project profile file (YAML).", readable=False)],
    *,
    catalog: Annotated[
        Path | None,
        typer.Option(
            "--catalog", help="Catalog directory; default: the shipped catalog.", readable=False
        ),
    ] = None,
    start: Annotated[
        dt.datetime | None,
        typer.Option(
            "--start", formats=_DATE_FORMATS, metavar="DATE", help="Planned start (YYYY-MM-DD)."
        ),
    ] = None,
    as_of: Annotated[
        dt.datetime | None,
        typer.Option(
            "--as-of",
            formats=_DATE_FORMATS,
            metavar="DATE",
            help="Rules and limits in force on (YYYY-MM-DD).",
        ),
    ] = None,
    actuals: Annotated[
        Path | None,
        typer.Option("--actuals", help="Actual dates to re-plan from (YAML).", readable=False),
    ] = None,
    pin: Annotated[
        list[str] | None,
        typer.Option(
            "--pin",
            metavar="ITEM=MODE",
            help=(
                "Fix a mode where the rules leave the choice: ITEM=MODE (repeatable). A mode a "
                "rule makes mandatory cannot be pinned away; the error names the rule."
            ),
        ),
    ] = None,
    statutory: Annotated[
        bool, typer.Option("--statutory", help="Plan with statutory instead of committed limits.")
    ] = False,
    engine: Annotated[
        Engine | None, typer.Option("--engine", help="Rule engine (default: the library's).")
    ] = None,
    fmt: Annotated[
        Format,
        typer.Option(
            "--format",
            help=(
                "Output format: json, md, html, dot; docx or pdf, the one-time disclosure "
                "letter; xlsx, the agents' workbook (docx, pdf and xlsx need -o)."
            ),
        ),
    ] = Format.json,
    letter_file: Annotated[
        Path | None,
        typer.Option(
            "--letter",
            metavar="FILE",
            help=(
                "Letter file (YAML) filling the disclosure letter's header: agency, agent, "
                "investor, agreement no., date (docx, pdf). See `pathplanner schema letter`."
            ),
            readable=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Write here instead of stdout (replaced only once the report is complete).",
            readable=False,
        ),
    ] = None,
    report_lang: Annotated[
        Lang | None, typer.Option("--lang", help="Report language (default: the global --lang).")
    ] = None,
) -> None:
    """Plan a project: disclosure list, material plan, schedule (一次性告知与审批计划)."""
    language = _lang(report_lang)
    pins = parse_pins(pin or [], language)
    if output is None and fmt.value in BINARY_FORMATS:
        message = text("plan-binary-needs-output", language, format=fmt.value)
        raise typer.BadParameter(message, param_hint="-o")
    if letter_file is not None and fmt.value not in LETTER_FORMATS:
        message = text("plan-letter-needs-letter-format", language, format=fmt.value)
        raise typer.BadParameter(message, param_hint="--letter")
    try:
        refuse_bad_dates({"--start": _date(start), "--as-of": _date(as_of)})
        if output is not None:
            refuse_overwriting(output, [profile, actuals, letter_file])
        letter = load_letter(letter_file) if letter_file is not None else None
        planner = Planner.from_directory(catalog) if catalog else Planner.default()
        result = planner.plan(
            profile,
            start=_date(start),
            as_of=_date(as_of),
            actuals=actuals,
            pins=pins,
            statutory=statutory,
            engine=engine.value if engine else None,
        )
        rendered = render(result, fmt.value, language, letter=letter)
        if output is not None:  # written before anything is printed: a failure comes alone
            write_atomically(output, rendered)
    except InputError as exc:
        typer.echo(exc.render(language), err=True)
        raise typer.Exit(1) from None
    typer.echo(summary_line(result, language), err=True)
    if output is None:
        assert isinstance(rendered, str)  # the binary formats were refused without -o
        sys.stdout.write(rendered)
        sys.stdout.flush()
        return
    typer.echo(text("plan-written", language, path=printable(output.as_posix())))


def schema_plan_command() -> None:
    """Print the JSON Schema of a plan (the contract documented in docs/plan-format.md)."""
    typer.echo(schema_text(plan_json_schema()), nl=False)
