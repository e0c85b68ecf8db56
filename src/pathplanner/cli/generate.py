"""The ``generate-portfolio`` command: a synthetic county's year of projects, seeded.

``pathplanner generate-portfolio N --seed S -o TARGET`` writes ``N`` projects
(:mod:`pathplanner.portfolio.generate`) as ``TARGET``'s suffix says: ``*.jsonl``,
``*.csv`` or ``*.parquet`` (with its buildings and spaces tables), else a directory of
project files. The same ``N`` and ``S`` give the same files. Exit codes: 0 written, 1 a
target that cannot be written, 2 a wrong command line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pathplanner.cli._common import lang
from pathplanner.errors import InputError, printable
from pathplanner.messages import text

__all__ = ["generate_command"]


def generate_command(
    count: Annotated[int, typer.Argument(min=1, max=1_000_000, help="Number of projects.")],
    output: Annotated[
        Path,
        typer.Option(
            "-o",
            "--output",
            help="A .jsonl, .csv or .parquet file, or a directory for project files.",
            readable=False,
        ),
    ],
    *,
    seed: Annotated[
        int, typer.Option("--seed", help="Random seed: the same seed, the same projects.")
    ] = 0,
    year: Annotated[
        int, typer.Option("--year", min=2020, max=2035, help="The year the projects start in.")
    ] = 2026,
) -> None:
    """Write a synthetic portfolio: a county's year of projects (合成项目组合)."""
    # lazy import: the portfolio tools (pyarrow) are only for portfolios; `plan` should not pay
    from pathplanner.portfolio.files import write_portfolio
    from pathplanner.portfolio.generate import generate_portfolio

    language = lang()
    try:
        write_portfolio(generate_portfolio(count, seed, year), output)
    except InputError as exc:
        typer.echo(exc.render(language), err=True)
        raise typer.Exit(1) from None
    typer.echo(
        text("generate-written", language, count=count, path=printable(output.as_posix())), err=True
    )
