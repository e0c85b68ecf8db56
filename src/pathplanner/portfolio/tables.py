"""A portfolio as tables: CSV or Parquet, one flat profile per row.

``NAME.csv`` (or ``NAME.parquet``) holds one project per row: the columns ``name`` (the
project's id), ``zh``, ``en``, ``start`` and ``as_of`` of a project file, and one column per
profile field named by its field path (``project.use``, ``site.area_ha``). Buildings, when
a project lists them, are in ``NAME.buildings.csv``: a ``project`` column (the project's
name), a ``building`` column (its position, from 0) and one column per building field
(``use``, ``floor_area_m2``...); their spaces in ``NAME.spaces.csv`` keyed by ``project``,
``building`` and ``space``. An empty cell is a field left out; a list field's values are
separated by ``;`` in CSV (a list column in Parquet).

Cells are read as the catalog's field types (``"12000"`` as a number, ``"true"`` as yes);
a cell that does not read as its type is passed on as written, and the profile's check
names it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from pathplanner._support.atomic import write_atomically
from pathplanner.catalog import Catalog
from pathplanner.catalog.model import FieldType, ProfileField
from pathplanner.errors import InputError, Location, Problem
from pathplanner.portfolio.project import ProjectInput

__all__ = ["HEADER_COLUMNS", "read_tables", "side_table", "write_table"]

HEADER_COLUMNS = ("name", "zh", "en", "start", "as_of")
"""The columns of the project table that are not profile fields."""

_TRUE = {"true", "yes", "1", "是"}
_FALSE = {"false", "no", "0", "否"}


def side_table(path: Path, kind: str) -> Path:
    """The buildings (``kind="buildings"``) or spaces table beside the project table."""
    return path.with_name(f"{path.stem}.{kind}{path.suffix}")


def _read(path: Path) -> list[dict[str, Any]]:
    display = path.as_posix()
    try:
        if path.suffix == ".csv":
            with pa_csv.open_csv(path) as head:  # the header, from the first block only
                names = head.schema.names
            # every column as text: the catalog's field types decide how a cell reads
            options = pa_csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()), strings_can_be_null=True
            )
            loaded = pa_csv.read_csv(path, convert_options=options)
        else:
            loaded = pq.read_table(path)
    except (OSError, pa.ArrowException) as error:
        raise InputError(
            [Problem("batch-unreadable", Location(display), args={"detail": str(error)})]
        ) from None
    return list(loaded.to_pylist())


def _line(path: Path, index: int) -> int:
    """The row's line: CSV counts its header line, Parquet rows count from 1."""
    return index + 2 if path.suffix == ".csv" else index + 1


def _number(value: str) -> int | float | str:
    try:
        number = float(value)
    except ValueError:
        return value
    return int(number) if number.is_integer() and "." not in value else number


def _cell(spec: ProfileField | None, value: Any) -> Any:
    """A cell as its field's type when it reads as one, else as written."""
    if spec is None or not isinstance(value, str):
        return list(value) if isinstance(value, tuple) else value
    text = value.strip()
    if spec.type in (FieldType.number, FieldType.integer):
        return _number(text)
    if spec.type == FieldType.bool:
        lowered = text.lower()
        return True if lowered in _TRUE else False if lowered in _FALSE else value
    if spec.type == FieldType.list:
        return [part.strip() for part in text.split(";") if part.strip()]
    return text


def _nested(
    flat: Mapping[str, Any], fields: Mapping[str, ProfileField], prefix: str
) -> dict[str, Any]:
    """Dotted columns to a nested mapping; empty cells are left out."""
    nested: dict[str, Any] = {}
    for column, value in flat.items():
        if value is None or value == "":
            continue
        node = nested
        *groups, leaf = column.split(".")
        for group in groups:
            node = node.setdefault(group, {})
        node[leaf] = _cell(fields.get(f"{prefix}{column}"), value)
    return nested


def _ordered(rows: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    def position(row: dict[str, Any]) -> float:
        value = _number(str(row.get(key, "")))
        return value if isinstance(value, int | float) else float("inf")

    return sorted(rows, key=position)


def read_tables(path: Path, catalog: Catalog) -> list[ProjectInput]:
    """The projects of the table ``path`` and its buildings and spaces tables."""
    fields = catalog.fields
    spaces: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    if side_table(path, "spaces").is_file():
        for row in _read(side_table(path, "spaces")):
            spaces[(str(row.get("project")), str(row.get("building")))].append(row)
    buildings: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if side_table(path, "buildings").is_file():
        for row in _read(side_table(path, "buildings")):
            buildings[str(row.get("project"))].append(row)
    display = path.as_posix()
    projects: list[ProjectInput] = []
    for index, row in enumerate(_read(path)):
        name = row.get("name")
        project_id = str(name) if name not in (None, "") else f"row-{_line(path, index)}"
        document: dict[str, Any] = {
            k: str(row[k]) for k in HEADER_COLUMNS if row.get(k) not in (None, "")
        }
        flat = {k: v for k, v in row.items() if k not in HEADER_COLUMNS}
        profile = _nested(flat, fields, "")
        listed = []
        for building in _ordered(buildings.get(project_id, []), "building"):
            own = {k: v for k, v in building.items() if k not in ("project", "building")}
            record = _nested(own, fields, "building.")
            key = (project_id, str(building.get("building")))
            record_spaces = [
                _nested(
                    {k: v for k, v in s.items() if k not in ("project", "building", "space")},
                    fields,
                    "space.",
                )
                for s in _ordered(spaces.get(key, []), "space")
            ]
            if record_spaces:
                record["spaces"] = record_spaces
            listed.append(record)
        if listed:
            profile["buildings"] = listed
        document["profile"] = profile
        projects.append(ProjectInput(project_id, display, _line(path, index), document=document))
    return projects


def write_table(rows: list[dict[str, Any]], path: Path) -> None:
    """Write ``rows`` (flat, one dict per row) as CSV or Parquet by ``path``'s suffix, at
    once (:func:`~pathplanner._support.atomic.write_atomically`); list values are joined by
    ``;`` in CSV."""
    columns = sorted({k for row in rows for k in row}, key=_column_order)
    sink = pa.BufferOutputStream()
    if path.suffix == ".csv":
        text_rows = [
            {c: None if row.get(c) is None else _csv_text(row[c]) for c in columns} for row in rows
        ]
        schema = pa.schema([(c, pa.string()) for c in columns])
        pa_csv.write_csv(pa.Table.from_pylist(text_rows, schema=schema), sink)
    else:
        pq.write_table(
            pa.Table.from_pylist([{c: row.get(c) for c in columns} for row in rows]), sink
        )
    write_atomically(path, sink.getvalue().to_pybytes())


def _csv_text(value: Any) -> str:
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _column_order(column: str) -> tuple[int, str]:
    header = ("name", "project", "building", "space", *HEADER_COLUMNS[1:])
    return (header.index(column), "") if column in header else (len(header), column)
