"""Where a batch's plans run: a :class:`Backend` maps projects to their rows, in order.

Two backends ship: :class:`SerialBackend` plans in this process, :class:`ProcessBackend`
in worker processes on this machine, each loading its :class:`~pathplanner.plan.Planner`
once. A cluster backend fits the same two methods: it plans each project with
:func:`plan_project` where its workers run and yields the rows in the order given.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from pathplanner.errors import InputError, Location, Problem
from pathplanner.plan.planner import Planner
from pathplanner.portfolio.documents import profile_document
from pathplanner.portfolio.project import ProjectInput
from pathplanner.portfolio.rows import PlanRows, error_rows, plan_rows

__all__ = [
    "Backend",
    "PlanSettings",
    "ProcessBackend",
    "SerialBackend",
    "plan_project",
]


@dataclass(frozen=True)
class PlanSettings:
    """What every plan of a batch shares: the catalog (``None``: the shipped one), and the
    start and as-of dates used for projects that give none."""

    catalog: Path | None = None
    start: dt.date | None = None
    as_of: dt.date | None = None

    def planner(self) -> Planner:
        """A planner on this catalog, loaded once per process."""
        cached = _PLANNERS.get(self.catalog)
        if cached is None:
            cached = Planner.from_directory(self.catalog) if self.catalog else Planner.default()
            _PLANNERS[self.catalog] = cached
        return cached


_PLANNERS: dict[Path | None, Planner] = {}


def plan_project(project: ProjectInput, settings: PlanSettings) -> PlanRows:
    """The rows of one project: its plan's, or an error row with every problem. Never raises
    for the project's input (an unexpected failure is an ``internal`` problem of its row)."""
    planner = settings.planner()
    try:
        document = profile_document(project, planner.catalog)
        plan = planner.plan(
            document,
            start=None if document.start else settings.start,
            as_of=None if document.as_of else settings.as_of,
        )
    except InputError as error:
        return error_rows(project.id, project.source, error.problems)
    except Exception as error:  # a bug must not stop the other projects
        detail = f"{type(error).__name__}: {error}".strip()
        where = Location(project.source, project.line)
        return error_rows(
            project.id, project.source, [Problem("internal", where, args={"detail": detail})]
        )
    return plan_rows(project.id, project.source, plan, planner.catalog.calendar)


class Backend(Protocol):
    """Plans projects somewhere and yields their rows in the order of ``projects``."""

    def run(self, projects: Sequence[ProjectInput]) -> Iterator[PlanRows]:
        """The rows of each project, in order, as each is ready."""
        ...

    def close(self) -> None:
        """Release the workers."""
        ...


class SerialBackend:
    """Plans in this process, one project after another."""

    def __init__(self, settings: PlanSettings) -> None:
        self._settings = settings

    def run(self, projects: Sequence[ProjectInput]) -> Iterator[PlanRows]:
        for project in projects:
            yield plan_project(project, self._settings)

    def close(self) -> None:
        return None


def _load_planner(settings: PlanSettings) -> None:
    settings.planner()


class ProcessBackend:
    """Plans in ``workers`` processes of this machine (fresh interpreters, so a worker holds
    nothing of the parent but the settings); each loads its planner once, at start."""

    CHUNK = 8
    """Projects sent to a worker at a time: fewer round trips, still an even spread."""

    def __init__(self, settings: PlanSettings, workers: int) -> None:
        self._settings = settings
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_load_planner,
            initargs=(settings,),
        )

    def run(self, projects: Sequence[ProjectInput]) -> Iterator[PlanRows]:
        settings = [self._settings] * len(projects)
        yield from self._pool.map(plan_project, projects, settings, chunksize=self.CHUNK)

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)


def default_workers() -> int:
    """The processes ``--workers`` defaults to: one per CPU this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
