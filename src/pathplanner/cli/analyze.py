"""The ``analyze`` command: the analysis report of a batch.

``pathplanner analyze OUT -o REPORT_DIR`` reads the Parquet tables ``batch`` wrote to
``OUT`` and writes ``REPORT_DIR/report.html`` (self-contained: charts inline as SVG) and
the CSV tables behind it (:mod:`pathplanner.analytics.report`). Names come from the catalog
(``--catalog``, default the shipped one). Exit codes: 0 written, 1 a batch that cannot be
read or a report that cannot be written, 2 a wrong command line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pathplanner.cli._common import Lang, lang
from pathplanner.errors import InputError, printable
from pathplanner.messages import text

__all__ = ["analyze_command"]


def analyze_command(
    batch_output: Annotated[
        Path,
        typer.Argument(help="A batch's output directory (pathplanner batch -o).", readable=False),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "-o",
            "--output",
            help="Report directory: report.html and its CSV tables.",
            readable=False,
        ),
    ],
    *,
    catalog: Annotated[
        Path | None,
        typer.Option(
            "--catalog",
            help="Catalog directory for names; default: the shipped catalog.",
            readable=False,
        ),
    ] = None,
    report_lang: Annotated[
        Lang | None, typer.Option("--lang", help="Report language (default: the global --lang).")
    ] = None,
) -> None:
    """Write the analysis report of a batch: charts and tables (组合分析报告)."""
    # lazy import: polars and matplotlib are only for `analyze`; `plan` should not pay
    from pathplanner.analytics.report import analysis_report, write_report
    from pathplanner.analytics.tables import Batch
    from pathplanner.catalog.loader import load_catalog
    from pathplanner.portfolio.store import BatchStore

    language = report_lang.value if report_lang is not None else lang()
    try:
        batch = Batch.read(BatchStore(batch_output))
        written = write_report(analysis_report(batch, load_catalog(catalog), language), output)
    except InputError as exc:
        typer.echo(exc.render(language), err=True)
        raise typer.Exit(1) from None
    typer.echo(text("analyze-written", language, path=printable(written.as_posix())))
