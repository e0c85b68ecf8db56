"""``pathplanner check [CATALOG_DIR]``: load a catalog, print its problems and warnings.

The catalog is the directory given, else the current directory when it holds
``catalog/catalog.yaml``, else the shipped one; its path and content hash are printed first.

Exit code 1 when the catalog has errors (they are printed on stderr by
:func:`pathplanner.cli.app.main`); otherwise the warnings and a short summary of what the
catalog holds are printed and the exit code is 0.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from pathplanner.catalog import Catalog
from pathplanner.catalog.loader import load_catalog
from pathplanner.cli._common import catalog_dir, catalog_line, echo_problems, lang
from pathplanner.messages import text

__all__ = ["check_command", "summary"]


def summary(catalog: Catalog, warnings: int, language: str = "zh", *, errors: int = 0) -> str:
    """One line: the catalog's name and version, how many entities of each kind it has, and
    whether it passed (no error among the findings)."""
    return text(
        "check-summary" if not errors else "check-summary-failed",
        language,
        id=catalog.manifest.id,
        version=catalog.manifest.version,
        items=len(catalog.items),
        works=len(catalog.works),
        materials=len(catalog.materials),
        fields=len(catalog.fields),
        rules=len(getattr(catalog.rules, "rules", ())),
        warnings=warnings,
        errors=errors,
    )


def check_command(
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
) -> None:
    """Check a catalog: every problem with file:line, breadcrumb and hint (检查目录)."""
    root = catalog_dir(directory)
    catalog = load_catalog(root)
    typer.echo(catalog_line(root, catalog, lang()))
    # lazy import: the linter and the durable-rules proof are only for `check`; `plan` should
    # not pay for loading them
    from pathplanner.policy.accepted import render_accepted
    from pathplanner.policy.lint import check_findings
    from pathplanner.rules.durable_check import durable_problems

    review = check_findings(catalog, root, today=dt.date.today())
    unsafe = durable_problems(catalog)  # every rule compiles for durable-rules, in bounded time
    echo_problems([*unsafe, *review.open, *review.stale])
    for line in render_accepted(review, lang()):
        typer.echo(line)
    findings = [*unsafe, *review.open, *review.stale]
    errors = sum(p.severity == "error" for p in findings)
    typer.echo(summary(catalog, len(findings) - errors, lang(), errors=errors))
    if errors:
        raise typer.Exit(1)
