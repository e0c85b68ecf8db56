"""Loading a catalog directory: read every file, validate, cross-check, report all at once.

:func:`load_catalog` reads ``catalog/`` (manifest, entity files, calendars) and ``rules/`` of
a catalog directory and returns a :class:`~pathplanner.catalog.Catalog`, or raises one
:class:`~pathplanner.errors.InputError` carrying every problem found, each located at
``file:line:column`` with a breadcrumb by id. The format is described in
``docs/catalog-format.md``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from pathplanner._input.files import read_bounded, yaml_files
from pathplanner._input.limits import check_file_count, check_sections
from pathplanner._input.suggest import did_you_mean, quote_all
from pathplanner._input.validation import describe, excerpt, unexpected_file, validate_model
from pathplanner._input.yaml import MAX_BYTES, MarkedDict, MarkedList, read_yaml
from pathplanner.calendar import load_calendar
from pathplanner.catalog import Catalog, default_catalog_dir
from pathplanner.catalog.checks import Entry, check_catalog, check_points
from pathplanner.catalog.feeds import check_physical
from pathplanner.catalog.model import (
    CatalogManifest,
    Department,
    Item,
    Material,
    Party,
    ProfileField,
    Stage,
    Target,
    Work,
)
from pathplanner.catalog.rulebook import RuleBook, load_rulebook
from pathplanner.catalog.rulebook.loader import condition_problems
from pathplanner.errors import InputError, Location, Problem

__all__ = ["SECTIONS", "content_hash", "load_catalog"]

SECTIONS: dict[str, type[BaseModel]] = {
    "stages": Stage,
    "departments": Department,
    "parties": Party,
    "fields": ProfileField,
    "materials": Material,
    "items": Item,
    "works": Work,
    "targets": Target,
}
"""Top-level keys of a catalog entity file and the model of their list entries."""

MANIFEST = "catalog/catalog.yaml"


def _display(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _files(root: Path) -> tuple[list[Path], list[Path], list[Problem]]:
    """Every YAML file of ``catalog/`` and of ``rules/`` (without ``rules/tests/``), and a
    problem for each entry that cannot be read or leads outside ``root``."""
    catalog, problems = yaml_files(root, "catalog")
    rules, found = yaml_files(root, "rules", skip=frozenset({"rules/tests"}))
    return catalog, rules, problems + found


def _entity_files(root: Path, catalog_files: list[Path]) -> list[Path]:
    calendars = root / "catalog" / "calendars"
    return [p for p in catalog_files if p != root / MANIFEST and calendars not in p.parents]


def content_hash(root: Path) -> str:
    """``sha256:<hex>`` over the relative path and bytes of every YAML file of ``catalog/``
    and ``rules/`` (except ``rules/tests/``), in path order."""
    digest = hashlib.sha256()
    catalog, rules, _ = _files(root)
    for path in sorted([*catalog, *rules], key=lambda p: _display(p, root)):
        data, _ = read_bounded(path, _display(path, root), MAX_BYTES)
        if data is None:  # already reported by the reader
            continue
        digest.update(_display(path, root).encode() + b"\0")
        digest.update(str(len(data)).encode() + b"\0" + data)
    return f"sha256:{digest.hexdigest()}"


def _crumb(cls: type[BaseModel], raw: Any, section: str, index: int) -> str:
    if isinstance(raw, dict) and isinstance(raw.get("id"), str) and raw["id"]:
        return f"{cls.__name__}(id='{raw['id']}')"
    return f"{section}[{index}]"


def _remember_invalid(section: str, raw: Any, invalid: dict[str, set[str]]) -> None:
    """Note the ids an entity that failed validation defines and the materials it uses."""
    if not isinstance(raw, dict):
        return
    if isinstance(raw.get("id"), str):
        invalid.setdefault(section, set()).add(raw["id"])
    for key, target in (("outputs", "outputs"), ("materials", "used_materials")):
        written = raw.get(key)
        for child in written if isinstance(written, list) else []:
            ref = child.get("id", child.get("material")) if isinstance(child, dict) else child
            if isinstance(ref, str):
                invalid.setdefault(target, set()).add(ref)


def _read_entity_file(
    path: Path, display: str, problems: list[Problem], invalid: dict[str, set[str]]
) -> Iterator[tuple[str, Entry]]:
    data, found = read_yaml(path, display)
    problems += found
    if data is None:
        return
    if not isinstance(data, MarkedDict):
        line, col = getattr(data, "mark", (1, 1))
        problems.append(Problem("yaml-not-mapping", Location(display, line, col)))
        return
    unexpected = unexpected_file(data, SECTIONS, display)
    if unexpected is not None:
        problems.append(unexpected)
        return
    for section, value in data.items():
        line, col = data.key_marks[section]
        cls = SECTIONS.get(section)
        if cls is None:
            close = did_you_mean(section, SECTIONS)
            problems.append(
                Problem(
                    "unknown-key",
                    Location(display, line, col),
                    breadcrumb=section,
                    hint="did-you-mean" if close else "allowed-keys",
                    args={
                        "key": excerpt(section),
                        "candidates": quote_all(close),
                        "allowed": quote_all(sorted(SECTIONS)),
                    },
                )
            )
            continue
        if value is None:
            continue
        if not isinstance(value, MarkedList):
            vline, vcol = data.value_marks[section]
            problems.append(
                Problem(
                    "bad-type",
                    Location(display, vline, vcol),
                    breadcrumb=section,
                    expected="type-list",
                    found=describe(value),
                    args={"key": section},
                )
            )
            continue
        for index, raw in enumerate(value):
            crumb = _crumb(cls, raw, section, index)
            at = value.item_marks[index]
            model, found = validate_model(cls, raw, file=display, breadcrumb=crumb, at=at)
            problems += found
            if model is None:
                _remember_invalid(section, raw, invalid)
            elif isinstance(raw, MarkedDict):
                entry = Entry(model, Location(display, *at), crumb, raw)
                yield section, entry


def _read_manifest(root: Path, problems: list[Problem]) -> Entry | None:
    data, found = read_yaml(root / MANIFEST, MANIFEST)
    problems += found
    if found:
        return None
    if not isinstance(data, MarkedDict):
        problems.append(Problem("yaml-not-mapping", Location(MANIFEST, 1, 1)))
        return None
    manifest, found = validate_model(
        CatalogManifest, data, file=MANIFEST, breadcrumb="CatalogManifest"
    )
    problems += found
    if manifest is None:
        return None
    return Entry(manifest, Location(MANIFEST, 1, 1), "CatalogManifest", data)


def _by_id(entries: list[Entry], key: Any = None) -> dict[str, Any]:
    ordered = sorted(entries, key=key or (lambda e: e.model.id))
    result: dict[str, Any] = {}
    for entry in ordered:
        result.setdefault(entry.model.id, entry.model)
    return result


def _unique(problems: list[Problem]) -> list[Problem]:
    """Problems without repeats, in file/line order."""
    unique = {(p.sort_key(), p.message("en")): p for p in problems}
    return [unique[k] for k in sorted(unique)]


def load_catalog(path: Path | str | None = None) -> Catalog:
    """Load and check the catalog directory ``path`` (``None``: the default catalog).

    Raises :class:`~pathplanner.errors.InputError` with every problem found: YAML syntax,
    duplicate keys, unknown keys, wrong types and values, duplicate ids, unknown
    references (with "did you mean"), overlapping or gapped dated values, prerequisite
    cycles, unused materials, outputs needed but never issued, calendar and rule problems.
    Rules are checked once the rest of the catalog is free of errors (a rule about a broken
    item would only repeat the item's problem). Warnings are kept in ``Catalog.warnings``.

    >>> catalog = load_catalog()  # doctest: +SKIP
    >>> catalog.items["construction-permit"].zh  # doctest: +SKIP
    '建筑工程施工许可证核发'
    """
    root = Path(path) if path is not None else default_catalog_dir()
    if not (root / "catalog").is_dir():
        raise InputError([Problem("file-missing", Location(f"{root.as_posix()}/catalog"))])
    catalog_files, rule_files, unreadable = _files(root)
    if unreadable:  # nothing is read from a catalog holding a file that cannot be
        raise InputError(unreadable)
    files = _entity_files(root, catalog_files)
    too_many = check_file_count(len(files) + len(rule_files), root.as_posix())
    if too_many:
        raise InputError(too_many)
    problems: list[Problem] = []
    manifest_entry = _read_manifest(root, problems)
    manifest = manifest_entry.model if manifest_entry is not None else None
    entries: dict[str, list[Entry]] = {section: [] for section in SECTIONS}
    invalid: dict[str, set[str]] = {}
    for file in files:
        for section, entry in _read_entity_file(file, _display(file, root), problems, invalid):
            entries[section].append(entry)
    too_many = check_sections(entries)
    if too_many:
        raise InputError(problems + too_many)
    problems += check_catalog(entries, invalid)
    if manifest_entry is not None:
        problems += check_points(manifest_entry, entries)
    calendar, found = load_calendar(root / "catalog" / "calendars", root)
    problems += found

    locations = {e.crumb: e.location for section in entries.values() for e in section}
    catalog = Catalog(
        root=root,
        manifest=manifest
        or CatalogManifest(id="invalid", zh="", version="0"),  # only reached with errors
        stages=_by_id(entries["stages"], key=lambda e: (e.model.order, e.model.id)),
        departments=_by_id(entries["departments"]),
        parties=_by_id(entries["parties"]),
        fields=_by_id(entries["fields"]),
        materials=_by_id(entries["materials"]),
        items=_by_id(entries["items"]),
        works=_by_id(entries["works"]),
        rules=RuleBook.empty(),
        targets=_by_id(entries["targets"]),
        calendar=calendar,
        content_hash=content_hash(root),
        locations=dict(sorted(locations.items())),
    )
    if manifest is not None and not any(p.severity == "error" for p in problems):
        when_at = {
            (entry.model.id, use.material): entry.at(["materials", index, "when"])
            for entry in entries["items"]
            for index, use in enumerate(entry.model.materials)
            if use.conditional
        }
        rulebook, found = load_rulebook(root / "rules", catalog, when_at)
        problems += found
        for entry in entries["targets"]:
            where = entry.at(["when"])
            problems += condition_problems(
                entry.model.when, rulebook.types, at=where, crumb=entry.crumb
            )
        catalog = replace(catalog, rules=rulebook)
        if not any(p.severity == "error" for p in found):
            problems += check_physical(catalog)
    problems = _unique(problems)
    if manifest is None or any(p.severity == "error" for p in problems):
        raise InputError(problems)
    return replace(catalog, warnings=tuple(problems))
