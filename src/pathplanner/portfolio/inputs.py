"""Reading a portfolio: the projects of a batch, each named by a unique id, before any is
planned.

A portfolio is one of (docs/portfolio.md):

- a directory of project files (``*.yaml``, ``*.yml``, searched recursively); a project's
  id is its path inside the directory without the suffix;
- a JSON Lines file (``*.jsonl``): one project document per line, shaped like a project
  file (``name``, ``zh``, ``en``, ``start``, ``as_of``, ``profile``); the id is ``name``;
- a table (``*.csv`` or ``*.parquet``), read by :mod:`pathplanner.portfolio.tables`.

Reading never stops at a bad project: a line that is not a JSON object, or a second use of
an id, becomes a :class:`ProjectInput` carrying its problems, planned as an error row.
Only a portfolio that cannot be read at all raises :class:`InputError`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from pathplanner.catalog import Catalog
from pathplanner.errors import InputError, Location, Problem
from pathplanner.portfolio.project import ProjectInput
from pathplanner.portfolio.tables import read_tables

__all__ = ["read_portfolio", "unique"]

PROJECT_SUFFIXES = (".yaml", ".yml")


def read_portfolio(path: Path, catalog: Catalog) -> list[ProjectInput]:
    """The projects of the portfolio at ``path``, sorted by id (ids unique).

    ``catalog`` gives the field types that table cells are read as. Raises
    :class:`InputError` when ``path`` is not a portfolio pathplanner reads."""
    display = path.as_posix()
    if path.is_dir():
        found = _directory(path)
    elif not path.is_file():
        raise InputError([Problem("batch-no-input", Location(display))])
    elif path.suffix == ".jsonl":
        found = _json_lines(path)
    elif path.suffix in (".csv", ".parquet"):
        found = read_tables(path, catalog)
    else:
        raise InputError([Problem("batch-bad-input-kind", Location(display))])
    return sorted(unique(found), key=lambda p: p.id)


def unique(projects: Iterable[ProjectInput]) -> list[ProjectInput]:
    """``projects`` with each id used once: a later project under an id already taken keeps
    its place as an error row named ``ID@LINE`` (``ID@2`` for a file's second use)."""
    seen: dict[str, ProjectInput] = {}
    result: list[ProjectInput] = []
    for project in projects:
        first = seen.get(project.id)
        if first is None:
            seen[project.id] = project
            result.append(project)
            continue
        twice = Problem(
            "batch-duplicate-id",
            Location(project.source, project.line),
            args={"id": project.id, "first": f"{first.source}:{first.line}"},
        )
        renamed = f"{project.id}@{project.line or len(result)}"
        result.append(replace(project, id=renamed, document=None, path=None, problems=(twice,)))
    return result


def _directory(root: Path) -> list[ProjectInput]:
    files = sorted(p for p in root.rglob("*") if p.suffix in PROJECT_SUFFIXES and not p.is_dir())
    return [
        ProjectInput(
            id=file.relative_to(root).with_suffix("").as_posix(),
            source=file.as_posix(),
            path=file.as_posix(),
        )
        for file in files
    ]


def _json_lines(path: Path) -> list[ProjectInput]:
    display = path.as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        detail = getattr(error, "strerror", None) or str(error)
        raise InputError(
            [Problem("batch-unreadable", Location(display), args={"detail": detail})]
        ) from None
    projects: list[ProjectInput] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = Location(display, number)
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            problem = Problem("batch-bad-json", where, args={"detail": error.msg})
            projects.append(ProjectInput(f"line-{number}", display, number, problems=(problem,)))
            continue
        if not isinstance(record, dict):
            problem = Problem("batch-not-object", where)
            projects.append(ProjectInput(f"line-{number}", display, number, problems=(problem,)))
            continue
        name = record.get("name")
        project_id = name if isinstance(name, str) and name else f"line-{number}"
        projects.append(ProjectInput(project_id, display, number, document=record))
    return projects
