"""Writing a portfolio in any of the forms ``batch`` reads (docs/portfolio.md): a directory
of project files, a JSON Lines file, or a CSV or Parquet table with its buildings and
spaces tables. ``generate-portfolio`` writes its projects with :func:`write_portfolio`."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from pathplanner._support.atomic import write_atomically
from pathplanner.portfolio.tables import HEADER_COLUMNS, side_table, write_table

__all__ = ["write_portfolio"]


def write_portfolio(documents: list[dict[str, Any]], target: Path) -> None:
    """Write project ``documents`` to ``target``: ``*.jsonl``, ``*.csv`` or ``*.parquet``
    by its suffix, else a directory of ``NAME.yaml`` files."""
    if target.suffix == ".jsonl":
        lines = [json.dumps(d, ensure_ascii=False, sort_keys=True) for d in documents]
        write_atomically(target, "".join(f"{line}\n" for line in lines))
    elif target.suffix in (".csv", ".parquet"):
        _write_tables(documents, target)
    else:
        for document in documents:
            text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
            write_atomically(target / f"{document['name']}.yaml", text)


def _flat(node: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in node.items():
        if isinstance(value, Mapping):
            flat.update(_flat(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def _write_tables(documents: list[dict[str, Any]], target: Path) -> None:
    projects, buildings, spaces = [], [], []
    for document in documents:
        profile = dict(document["profile"])
        listed = profile.pop("buildings", [])
        header = {k: document[k] for k in HEADER_COLUMNS if k in document}
        projects.append({**header, **_flat(profile)})
        for b, building in enumerate(listed):
            own = {k: v for k, v in building.items() if k != "spaces"}
            buildings.append({"project": document["name"], "building": b, **own})
            spaces += [
                {"project": document["name"], "building": b, "space": s, **space}
                for s, space in enumerate(building.get("spaces", []))
            ]
    target.parent.mkdir(parents=True, exist_ok=True)
    write_table(projects, target)
    for kind, rows in (("buildings", buildings), ("spaces", spaces)):
        if rows:
            write_table(rows, side_table(target, kind))
