"""CLI commands for policy staff: ``test`` (scenario tests) and ``diff`` (catalog versions).

Registered on the typer ``app`` by :mod:`pathplanner.cli.app`. Messages
follow the global ``--lang`` option (Chinese by default). Exit codes: 0 success, 1 a failed
scenario, invalid input or (``diff``) a project that cannot be planned with either catalog,
2 a wrong command line.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from pathplanner.cli._common import catalog_dir, catalog_line, lang, refuse_bad_dates
from pathplanner.errors import InputError, Problem
from pathplanner.messages import text
from pathplanner.plan.planner import Planner

__all__ = ["DiffFormat", "diff_command", "test_command"]


def _print_problems(problems: list[Problem] | tuple[Problem, ...], language: str) -> None:
    for problem in sorted(problems, key=lambda p: p.sort_key()):
        typer.echo(problem.message(language))


def test_command(
    *,
    directory: Annotated[
        Path | None,
        typer.Argument(
            metavar="CATALOG_DIR",
            help=(
                "Catalog directory (holding catalog/ and rules/); default: the current "
                "directory when it holds catalog/catalog.yaml, else the shipped catalog."
            ),
            show_default=False,
            readable=False,
        ),
    ] = None,
    reset: Annotated[
        bool,
        typer.Option("--reset", help="Rewrite the expected values from the current catalog."),
    ] = False,
) -> None:
    """Run the scenario tests in DIR/rules/tests/*.yaml (场景测试)."""
    # lazy import: policy tooling is only for `test` and `diff`; `plan` should not pay for it
    from pathplanner.policy.runner import reset_scenarios, run_scenarios
    from pathplanner.policy.scenarios import SCENARIO_DIR

    language = lang()
    root = catalog_dir(directory)
    try:
        planner = Planner.from_directory(root)
        typer.echo(catalog_line(root, planner.catalog, language))
        results, problems = run_scenarios(root, planner=planner)
    except InputError as exc:
        _print_problems(exc.problems, language)
        raise typer.Exit(1) from None
    _print_problems(problems, language)
    files = sorted({r.scenario.file for r in results})
    if not results and not problems:
        typer.echo(text("test-none", language, dir=(root / SCENARIO_DIR).as_posix()))
        raise typer.Exit(1)
    if reset:
        report = reset_scenarios(results)
        _print_problems(report.problems, language)
        unresolved = [p for r in results if r.observation is None for p in r.problems]
        _print_problems(unresolved, language)
        if report.changed:
            typer.echo(
                text(
                    "test-reset-summary",
                    language,
                    count=len(report.changed),
                    files=", ".join(report.files),
                )
            )
        else:
            typer.echo(text("test-reset-none", language))
        if report.problems or unresolved or problems:
            raise typer.Exit(1)
        return
    failed = [r for r in results if not r.passed]
    for result in failed:
        _print_problems(result.problems, language)
    typer.echo(
        text(
            "test-summary",
            language,
            passed=len(results) - len(failed),
            failed=len(failed),
            files=len(files),
        )
    )
    if failed or any(p.severity == "error" for p in problems):
        raise typer.Exit(1)


class DiffFormat(StrEnum):
    """Output formats of ``diff``."""

    text = "text"
    json = "json"


def _day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value is not None else None


def diff_command(
    *,
    old_dir: Annotated[
        Path,
        typer.Argument(
            metavar="OLD_DIR", help="The catalog directory before the change.", readable=False
        ),
    ],
    new_dir: Annotated[
        Path,
        typer.Argument(
            metavar="NEW_DIR", help="The catalog directory after the change.", readable=False
        ),
    ],
    profiles: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PROFILES",
            help="Project files to compare (default: NEW_DIR/examples/*.yaml).",
            show_default=False,
            readable=False,
        ),
    ] = None,
    fmt: Annotated[
        DiffFormat, typer.Option("--format", help="text (for people) or json (for tools).")
    ] = DiffFormat.text,
    start: Annotated[
        dt.datetime | None,
        typer.Option(
            "--start",
            formats=["%Y-%m-%d"],
            metavar="DATE",
            help="Planned start date for every profile (YYYY-MM-DD).",
        ),
    ] = None,
    as_of: Annotated[
        dt.datetime | None,
        typer.Option(
            "--as-of",
            formats=["%Y-%m-%d"],
            metavar="DATE",
            help="As-of date for every profile (YYYY-MM-DD).",
        ),
    ] = None,
) -> None:
    """Show what changes between two catalog versions, and for each project (目录差异)."""
    # lazy import: policy tooling is only for `test` and `diff`; `plan` should not pay for it
    from pathplanner.policy.diff import diff_catalogs, render_diff

    language = lang()
    start_day, as_of_day = _day(start), _day(as_of)
    try:
        refuse_bad_dates({"--start": start_day, "--as-of": as_of_day})
        diff = diff_catalogs(
            old_dir,
            new_dir,
            list(profiles or []),
            start=start_day,
            as_of=as_of_day,
            old_label=old_dir.as_posix(),
            new_label=new_dir.as_posix(),
        )
    except InputError as exc:
        _print_problems(exc.problems, language)
        raise typer.Exit(1) from None
    typer.echo(diff.to_json() if fmt == DiffFormat.json else render_diff(diff, language), nl=False)
    if any(profile.error for profile in diff.profiles):  # a comparison with a gap is no pass
        raise typer.Exit(1)
