"""The ``batch`` command: plan every project of a portfolio into Parquet.

``pathplanner batch INPUT -o OUT`` reads a directory of project files, a JSON Lines file or
a CSV/Parquet table (:mod:`pathplanner.portfolio.inputs`), plans the projects ``OUT`` does
not hold yet on ``--workers`` processes, and adds them to ``OUT``
(:mod:`pathplanner.portfolio.store`). A project that fails becomes an error row; the run
goes on. On a terminal, a progress bar with the rate and the time left is drawn on stderr.
Exit codes: 0 done (error rows included), 1 a portfolio or output that cannot be used, 2 a
wrong command line.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pathplanner.cli._common import lang, refuse_bad_dates
from pathplanner.errors import InputError, printable
from pathplanner.messages import text

if TYPE_CHECKING:
    from pathplanner.portfolio.backend import Backend, PlanSettings

__all__ = ["batch_command"]

_DATE_FORMATS = ["%Y-%m-%d"]


def _backend(settings: PlanSettings, workers: int) -> Backend:
    # lazy import: the portfolio tools (pyarrow) are only for `batch`; `plan` should not pay
    from pathplanner.portfolio.backend import ProcessBackend, SerialBackend

    return SerialBackend(settings) if workers == 1 else ProcessBackend(settings, workers)


def _date(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value is not None else None


def batch_command(
    portfolio: Annotated[
        Path,
        typer.Argument(
            help="Portfolio: a directory of project files, a .jsonl file, or a .csv/.parquet "
            "table (see docs/portfolio.md).",
            readable=False,
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "-o",
            "--output",
            help="Output directory of Parquet tables; projects already in it are skipped.",
            readable=False,
        ),
    ],
    *,
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=1, help="Worker processes (default: one per CPU)."),
    ] = None,
    catalog: Annotated[
        Path | None,
        typer.Option(
            "--catalog", help="Catalog directory; default: the shipped catalog.", readable=False
        ),
    ] = None,
    start: Annotated[
        dt.datetime | None,
        typer.Option(
            "--start",
            formats=_DATE_FORMATS,
            metavar="DATE",
            help="Planned start of projects that give none (YYYY-MM-DD).",
        ),
    ] = None,
    as_of: Annotated[
        dt.datetime | None,
        typer.Option(
            "--as-of",
            formats=_DATE_FORMATS,
            metavar="DATE",
            help="Rules in force on (YYYY-MM-DD), for projects that give none.",
        ),
    ] = None,
) -> None:
    """Plan every project of a portfolio into Parquet (批量计划)."""
    # lazy import: the portfolio tools (pyarrow) are only for `batch`; `plan` should not pay
    from pathplanner.cli._progress import progress_bar
    from pathplanner.portfolio.backend import PlanSettings, default_workers
    from pathplanner.portfolio.batch import run_batch
    from pathplanner.portfolio.inputs import read_portfolio
    from pathplanner.portfolio.store import BatchStore

    language = lang()
    settings = PlanSettings(catalog=catalog, start=_date(start), as_of=_date(as_of))
    try:
        refuse_bad_dates({"--start": settings.start, "--as-of": settings.as_of})
        planner = settings.planner()
        projects = read_portfolio(portfolio, planner.catalog)
        store = BatchStore(output, planner.catalog.content_hash)
        backend = _backend(settings, workers or default_workers())
        try:
            with progress_bar(
                len(projects) - len(store.done()), text("batch-progress", language)
            ) as advance:
                summary = run_batch(projects, store, backend, on_planned=advance)
        finally:
            backend.close()
    except InputError as exc:
        typer.echo(exc.render(language), err=True)
        raise typer.Exit(1) from None
    typer.echo(
        text(
            "batch-summary",
            language,
            planned=summary.planned,
            failed=summary.failed,
            skipped=summary.skipped,
            path=printable(output.as_posix()),
        ),
        err=True,
    )
