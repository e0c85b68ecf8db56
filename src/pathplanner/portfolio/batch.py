"""Planning a portfolio into a batch's output directory: the projects not yet in it, in id
order, on a backend, a part file at a time."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pathplanner.portfolio.backend import Backend
from pathplanner.portfolio.project import ProjectInput
from pathplanner.portfolio.rows import PlanRows
from pathplanner.portfolio.store import BatchStore

__all__ = ["PART_SIZE", "BatchSummary", "run_batch"]

PART_SIZE = 500
"""Projects per part file: what a stopped run can lose, and the unit of resuming."""


@dataclass(frozen=True)
class BatchSummary:
    """What a run did: projects planned, of which failed, and skipped (already done)."""

    planned: int
    failed: int
    skipped: int


def run_batch(
    projects: Sequence[ProjectInput],
    store: BatchStore,
    backend: Backend,
    *,
    part_size: int = PART_SIZE,
    on_planned: Callable[[PlanRows], None] | None = None,
) -> BatchSummary:
    """Plan the ``projects`` (sorted by id) that ``store`` does not hold yet; ``on_planned``
    is called after each (for a progress bar)."""
    done = store.done()
    pending = [p for p in projects if p.id not in done]
    failed = 0
    part: list[PlanRows] = []
    for rows in backend.run(pending):
        failed += not rows.project["ok"]
        part.append(rows)
        if on_planned is not None:
            on_planned(rows)
        if len(part) == part_size:
            store.write_part(part)
            part = []
    if part:
        store.write_part(part)
    return BatchSummary(planned=len(pending), failed=failed, skipped=len(projects) - len(pending))
