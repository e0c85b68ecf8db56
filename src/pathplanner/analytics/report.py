"""The analysis report of a batch: one self-contained HTML file (charts inline as SVG, no
script, no link out) and the CSV tables behind it, written into a report directory.

Names of items, departments, stages and targets come from the catalog the batch was
planned on, in the report's language; an id the catalog does not know is shown as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import polars as pl
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from pathplanner._support.atomic import write_atomically
from pathplanner.analytics import charts
from pathplanner.analytics.labels import chart_labels, labels
from pathplanner.analytics.tables import (
    Batch,
    commitments_by_month,
    critical_items,
    department_load,
    stage_days,
    target_days,
    target_misses,
)
from pathplanner.catalog import Catalog

__all__ = ["REPORT_FILE", "AnalysisReport", "analysis_report", "write_report"]

REPORT_FILE = "report.html"
_SHOWN = 50
"""Rows of a long table shown in the HTML (the CSV file has them all)."""


@dataclass(frozen=True)
class AnalysisReport:
    """The report's HTML and its CSV tables (file name → text)."""

    html: str
    tables: Mapping[str, str]


def _names(catalog: Catalog, lang: str) -> dict[str, str]:
    """Display names by id: items, departments, stages and targets."""
    entities: list[Mapping[str, Any]] = [
        catalog.items,
        catalog.departments,
        catalog.stages,
        catalog.targets,
    ]
    return {
        key: (entity.en or entity.zh) if lang == "en" else entity.zh
        for group in entities
        for key, entity in group.items()
    }


def _csv(frame: pl.DataFrame) -> str:
    flat = frame.with_columns(
        pl.col(c).list.join(";") for c, t in frame.schema.items() if isinstance(t, pl.List)
    )
    return flat.write_csv(date_format="%Y-%m-%d")


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("pathplanner.analytics", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _stage_summary(days: pl.DataFrame, order: list[str]) -> pl.DataFrame:
    return (
        days.group_by("stage")
        .agg(
            pl.col("working_days").median().alias("median"),
            pl.col("working_days").quantile(0.9, interpolation="nearest").alias("p90"),
            pl.col("working_days").max().alias("max"),
        )
        .with_columns(
            pl.col("stage")
            .replace_strict(order, list(range(len(order))), default=len(order))
            .alias("order")
        )
        .sort("order", "stage")
        .drop("order")
    )


def _peaks(load: pl.DataFrame) -> pl.DataFrame:
    return (
        load.sort(["department", "files", "week"], descending=[False, True, False])
        .group_by("department", maintain_order=True)
        .first()
        .rename({"files": "peak", "week": "peak_week"})
        .sort(["peak", "department"], descending=[True, False])
    )


def _failed(batch: Batch, lang: str) -> pl.DataFrame:
    message = "message_en" if lang == "en" else "message_zh"
    return (
        batch.projects.filter(~pl.col("ok"))
        .select("project", "source", "problems")
        .explode("problems")
        .unnest("problems")
        .select("project", "code", "file", "line", "field", pl.col(message).alias("message"))
        .sort("project", "file", "line", "code")
    )


def analysis_report(batch: Batch, catalog: Catalog, lang: str = "zh") -> AnalysisReport:
    """The report on ``batch`` in ``lang``, with ``catalog``'s names."""
    words = labels(lang)
    chart_words = chart_labels(words)
    names = _names(catalog, lang)
    stages = list(catalog.stages)
    critical = critical_items(batch)
    load = department_load(batch)
    per_stage = stage_days(batch)
    per_target = target_days(batch)
    misses = target_misses(batch)
    commitments = commitments_by_month(batch)
    failed = _failed(batch, lang)
    tables = {
        "critical_items.csv": critical,
        "department_load.csv": load,
        "stage_days.csv": per_stage,
        "target_days.csv": per_target,
        "target_misses.csv": misses,
        "commitments_by_month.csv": commitments,
        "failed_projects.csv": failed,
    }
    starts = batch.planned["start"]
    context = {
        "lang": lang,
        "L": words,
        "names": names,
        "summary": words["summary"].format(
            projects=batch.projects.height,
            planned=batch.planned.height,
            failed=batch.projects.height - batch.planned.height,
            first=starts.min() or "-",
            last=starts.max() or "-",
            catalog=f"{catalog.manifest.id} {catalog.manifest.version}",
        ),
        "csv_files": list(tables),
        "charts": {
            "critical": charts.critical_chart(critical, names, chart_words),
            "load": charts.load_chart(load, names, chart_words),
            "stages": charts.stage_chart(per_stage, stages, names, chart_words),
            "targets": charts.target_chart(per_target, names, chart_words),
            "drivers": charts.drivers_chart(misses, names, chart_words),
            "commitments": charts.commitments_chart(commitments, chart_words),
        },
        "critical": critical.head(20).rows(named=True),
        "peaks": _peaks(load).rows(named=True),
        "stage_summary": _stage_summary(per_stage, stages).rows(named=True),
        "misses": misses.head(_SHOWN).rows(named=True),
        "misses_note": words["misses-note"].format(
            count=misses.height, shown=min(_SHOWN, misses.height)
        ),
        "commitments": commitments.rows(named=True),
        "failed": failed.head(_SHOWN).rows(named=True),
    }
    html = _environment().get_template("portfolio.html.j2").render(**context)
    return AnalysisReport(html=html, tables={name: _csv(frame) for name, frame in tables.items()})


def write_report(report: AnalysisReport, directory: Path) -> Path:
    """Write the report and its tables into ``directory``; returns the HTML file's path."""
    for name, text in report.tables.items():
        write_atomically(directory / name, text)
    target = directory / REPORT_FILE
    write_atomically(target, report.html)
    return target
