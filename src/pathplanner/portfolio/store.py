"""A batch's output directory: Parquet part files and a manifest, written so that a stopped
run loses at most the part it was writing and a new run picks up after the last one.

Layout of ``OUT/``::

    manifest.json            {"format", "catalog_hash", "parts": ["part-000000", ...]}
    projects/part-000000.parquet
    tasks/part-000000.parquet
    obligations/part-000000.parquet

A part's three files are each written atomically, then the manifest naming the part is
replaced atomically: a part is in the batch once the manifest names it, and a file no
manifest names (a run stopped in between) is overwritten by the next run. Rows are sorted by
project id within a part and parts follow one another in id order, so the same portfolio
gives byte-identical files however many workers planned it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pathplanner._support.atomic import write_atomically
from pathplanner.errors import InputError, Location, Problem
from pathplanner.portfolio.rows import (
    OBLIGATION_SCHEMA,
    PROJECT_SCHEMA,
    TASK_SCHEMA,
    PlanRows,
    table,
)

__all__ = ["FORMAT", "MANIFEST", "SCHEMAS", "BatchStore"]

FORMAT = "pathplanner-batch/1"
MANIFEST = "manifest.json"
SCHEMAS: dict[str, pa.Schema] = {
    "projects": PROJECT_SCHEMA,
    "tasks": TASK_SCHEMA,
    "obligations": OBLIGATION_SCHEMA,
}
"""The tables of a batch, each a folder of part files."""


class BatchStore:
    """The output directory ``root`` of a batch planned on the catalog ``catalog_hash``
    (``None`` when only reading: any catalog)."""

    def __init__(self, root: Path, catalog_hash: str | None = None) -> None:
        self.root = root
        self._manifest = root / MANIFEST
        manifest = self._read_manifest()
        if manifest is None and catalog_hash is None:
            raise InputError([Problem("batch-no-output", Location(root.as_posix()))])
        found = manifest["catalog_hash"] if manifest else catalog_hash
        if catalog_hash is not None and found != catalog_hash:
            raise InputError([Problem("batch-other-catalog", Location(self._manifest.as_posix()))])
        self.catalog_hash: str = str(found)
        self.parts: list[str] = list(manifest["parts"]) if manifest else []

    def _read_manifest(self) -> dict[str, Any] | None:
        if not self._manifest.exists():
            if self.root.exists() and not self.root.is_dir():
                raise InputError([Problem("batch-output-not-dir", Location(self.root.as_posix()))])
            return None
        where = Location(self._manifest.as_posix())
        try:
            data = json.loads(self._manifest.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            raise InputError([Problem("batch-bad-manifest", where)]) from None
        if (
            not isinstance(data, dict)
            or data.get("format") != FORMAT
            or not isinstance(data.get("catalog_hash"), str)
            or not isinstance(data.get("parts"), list)
            or not all(isinstance(p, str) and p.startswith("part-") for p in data["parts"])
        ):
            raise InputError([Problem("batch-bad-manifest", where)])
        return data

    def files(self, name: str) -> list[Path]:
        """The part files of the table ``name`` the manifest names, in order."""
        return [self.root / name / f"{part}.parquet" for part in self.parts]

    def read(self, name: str) -> pa.Table:
        """The table ``name`` (``projects``, ``tasks`` or ``obligations``), every part."""
        files = self.files(name)
        if not files:
            return SCHEMAS[name].empty_table()
        return pa.concat_tables([pq.read_table(f, schema=SCHEMAS[name]) for f in files])

    def done(self) -> set[str]:
        """The projects already in the batch (planned or failed)."""
        done: set[str] = set()
        for file in self.files("projects"):  # the id column alone: resuming stays cheap
            done.update(pq.read_table(file, columns=["project"]).column("project").to_pylist())
        return done

    def write_part(self, rows: Sequence[PlanRows]) -> None:
        """Add one part holding ``rows`` (sorted by project id here)."""
        ordered = sorted(rows, key=lambda r: str(r.project["project"]))
        part = f"part-{len(self.parts):06d}"
        tables = {
            "projects": [r.project for r in ordered],
            "tasks": [t for r in ordered for t in r.tasks],
            "obligations": [o for r in ordered for o in r.obligations],
        }
        for name, records in tables.items():
            sink = pa.BufferOutputStream()
            pq.write_table(table(records, SCHEMAS[name]), sink)
            write_atomically(self.root / name / f"{part}.parquet", sink.getvalue().to_pybytes())
        self.parts.append(part)
        manifest = {"format": FORMAT, "catalog_hash": self.catalog_hash, "parts": self.parts}
        write_atomically(self._manifest, json.dumps(manifest, indent=1) + "\n")
