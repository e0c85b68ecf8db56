"""The analysis tables of a batch, as Polars frames: each function answers one question of
the report, from the batch's ``projects``, ``tasks`` and ``obligations`` tables.

Every frame is sorted completely (ties broken by id), so the same batch gives the same CSV
files byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from pathplanner.portfolio.store import BatchStore

__all__ = [
    "Batch",
    "commitments_by_month",
    "critical_items",
    "department_load",
    "stage_days",
    "target_days",
    "target_misses",
]


@dataclass(frozen=True)
class Batch:
    """A batch's three tables, read once."""

    projects: pl.DataFrame
    tasks: pl.DataFrame
    obligations: pl.DataFrame

    @classmethod
    def read(cls, store: BatchStore) -> Batch:
        """The tables of the batch in ``store``, sorted by project."""

        def frame(name: str) -> pl.DataFrame:
            found = pl.from_arrow(store.read(name))
            assert isinstance(found, pl.DataFrame)
            return found.sort("project", maintain_order=True)

        return cls(frame("projects"), frame("tasks"), frame("obligations"))

    @property
    def planned(self) -> pl.DataFrame:
        """The projects that were planned (no error row)."""
        return self.projects.filter(pl.col("ok"))


def critical_items(batch: Batch) -> pl.DataFrame:
    """Items by how many projects have them on the critical path, with the working days
    they take there (median and total): ``item, projects, share, median_days, total_days``."""
    planned = max(batch.planned.height, 1)
    return (
        batch.tasks.filter((pl.col("type") == "item") & pl.col("critical"))
        .group_by(pl.col("ref").alias("item"))
        .agg(
            pl.col("project").n_unique().alias("projects"),
            pl.col("working_days").median().alias("median_days"),
            pl.col("working_days").sum().alias("total_days"),
        )
        .with_columns((pl.col("projects") / planned).round(4).alias("share"))
        .select("item", "projects", "share", "median_days", "total_days")
        .sort(["projects", "total_days", "item"], descending=[True, True, False])
    )


def department_load(batch: Batch) -> pl.DataFrame:
    """Files under review per department and week (Monday): the items with a government
    office from acceptance to decision, counted in every week they span:
    ``department, week, files``."""
    return (
        batch.tasks.filter(
            (pl.col("type") == "item") & pl.col("government") & pl.col("department").is_not_null()
        )
        .select(
            "department",
            pl.date_ranges(
                pl.col("start").dt.truncate("1w"), pl.col("finish").dt.truncate("1w"), "1w"
            ).alias("week"),
        )
        .explode("week")
        .group_by("department", "week")
        .agg(pl.len().alias("files"))
        .with_columns(pl.col("files").cast(pl.Int64))
        .sort("department", "week")
    )


def stage_days(batch: Batch) -> pl.DataFrame:
    """Government working days per project and stage along the approval chain:
    ``project, stage, working_days``."""
    return (
        batch.planned.select("project", "stages")
        .explode("stages")
        .drop_nulls("stages")
        .unnest("stages")
        .select("project", "stage", pl.col("chain_working_days").alias("working_days"))
        .sort("stage", "project")
    )


def target_days(batch: Batch) -> pl.DataFrame:
    """Each target's government working days per project, against its limit:
    ``project, target, limit, working_days, met, drivers``."""
    return (
        batch.planned.select("project", "targets")
        .explode("targets")
        .drop_nulls("targets")
        .unnest("targets")
        .select("project", "target", "limit", "working_days", "met", "drivers")
        .sort("target", "project")
    )


def target_misses(batch: Batch) -> pl.DataFrame:
    """The projects missing a target, with the item driving each miss (the largest of the
    chain items that together exceed the limit): ``project, target, working_days, limit,
    excess, driver``."""
    return (
        target_days(batch)
        .filter(~pl.col("met"))
        .with_columns(
            (pl.col("working_days") - pl.col("limit")).alias("excess"),
            pl.col("drivers").list.first().alias("driver"),
        )
        .select("project", "target", "working_days", "limit", "excess", "driver")
        .sort(["excess", "project", "target"], descending=[True, False, False])
    )


def commitments_by_month(batch: Batch) -> pl.DataFrame:
    """告知承诺 obligations falling due per month: ``month, obligations, projects``."""
    return (
        batch.obligations.filter(pl.col("mode_kind") == "commitment")
        .with_columns(pl.col("due_date").dt.truncate("1mo").alias("month"))
        .group_by("month")
        .agg(
            pl.len().cast(pl.Int64).alias("obligations"),
            pl.col("project").n_unique().cast(pl.Int64).alias("projects"),
        )
        .sort("month")
    )
