"""Property: a mutated catalog either loads or raises InputError, every problem located.

Invariant checked (issue 2, "Done when"): take the valid mini catalog, drop keys, change
types, rename references, add prerequisite cycles and overlapping dated values; loading then
either succeeds or raises the one public error type, :class:`InputError`, and every problem
it carries names a file of the catalog, a line inside that file, and a breadcrumb.
No other exception may escape.
"""

from __future__ import annotations

import copy
import datetime as dt
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathplanner._input.yaml import parse_yaml
from pathplanner.catalog.loader import load_catalog
from pathplanner.errors import InputError

MINI = Path(__file__).resolve().parents[1] / "data" / "mini"
Files = dict[str, Any]
Path_ = tuple[str | int, ...]


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node


def _original() -> Files:
    files = {}
    for path in sorted(MINI.rglob("*.yaml")):
        rel = path.relative_to(MINI).as_posix()
        if "calendars" in rel:
            continue
        data, problems = parse_yaml(path.read_text(encoding="utf-8"), rel)
        assert problems == []
        files[rel] = _plain(data)
    return files


ORIGINAL = _original()


def _walk(node: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _walk(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, (*path, index))


def _get(node: Any, path: Path_) -> Any:
    for step in path:
        node = node[step]
    return node


def _nodes(files: Files, keep: Callable[[Path_, Any], bool]) -> list[tuple[str, Path_]]:
    return [
        (name, path)
        for name in sorted(files)
        for path, value in _walk(files[name])
        if keep(path, value)
    ]


def drop_key(data: st.DataObject, files: Files) -> None:
    """Remove one key from some mapping."""
    spots = _nodes(files, lambda _p, v: isinstance(v, dict) and bool(v))
    name, path = data.draw(st.sampled_from(spots))
    mapping = _get(files[name], path)
    del mapping[data.draw(st.sampled_from(sorted(mapping)))]


OTHER_VALUES = [0, -1, 3.5, True, "text", "2026-02-30", [], {}, None, [1, "a"], {"x": 1}]


def change_type(data: st.DataObject, files: Files) -> None:
    """Replace one value (not a whole file) with a value of some other type."""
    spots = _nodes(files, lambda p, _v: len(p) > 0)
    name, path = data.draw(st.sampled_from(spots))
    parent = _get(files[name], path[:-1])
    parent[path[-1]] = copy.deepcopy(data.draw(st.sampled_from(OTHER_VALUES)))


def rename_reference(data: st.DataObject, files: Files) -> None:
    """Change one occurrence of an id (a definition or a reference to it)."""
    ids = {v for f in files.values() for p, v in _walk(f) if p and p[-1] == "id"}
    spots = _nodes(files, lambda p, v: len(p) > 0 and isinstance(v, str) and v in ids)
    name, path = data.draw(st.sampled_from(spots))
    parent = _get(files[name], path[:-1])
    parent[path[-1]] = parent[path[-1]] + data.draw(st.sampled_from(["x", "-2", "s"]))


def _tasks(files: Files) -> list[dict[str, Any]]:
    found = []
    for name in ("catalog/items.yaml", "catalog/works.yaml"):
        section = files.get(name, {})
        entries = section.get("items") or section.get("works") if isinstance(section, dict) else []
        if isinstance(entries, list):
            found += [
                e
                for e in entries
                if isinstance(e, dict)
                and isinstance(e.get("outputs"), list)
                and e["outputs"]
                and isinstance(e["outputs"][0], dict)
                and isinstance(e["outputs"][0].get("id"), str)
            ]
    return found


def add_cycle(data: st.DataObject, files: Files) -> None:
    """Make two tasks wait for each other's output."""
    tasks = _tasks(files)
    if len(tasks) < 2:
        return
    first, second = data.draw(st.permutations(tasks))[:2]
    for task, other in ((first, second), (second, first)):
        prerequisites = task.setdefault("prerequisites", [])
        if isinstance(prerequisites, list):
            prerequisites.append(other["outputs"][0]["id"])


def overlap_dates(data: st.DataObject, files: Files) -> None:
    """Append to some dated list a copy of one of its entries, shifted by some days."""
    spots = _nodes(
        files,
        lambda p, v: (
            len(p) >= 2
            and p[-2] == "time_limits"
            and isinstance(v, list)
            and bool(v)
            and all(isinstance(e, dict) and isinstance(e.get("valid_from"), str) for e in v)
        ),
    )
    if not spots:
        return
    name, path = data.draw(st.sampled_from(spots))
    dated = _get(files[name], path)
    entry = dict(data.draw(st.sampled_from(dated)))
    try:
        start = dt.date.fromisoformat(entry["valid_from"])
    except ValueError:
        return
    shift = data.draw(st.integers(min_value=-400, max_value=400))
    entry["valid_from"] = (start + dt.timedelta(days=shift)).isoformat()
    if data.draw(st.booleans()):
        entry.pop("valid_until", None)
    dated.append(entry)


MUTATIONS = [drop_key, change_type, rename_reference, add_cycle, overlap_dates]


def _line_count(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)
@given(st.data())
def test_mutated_catalog_loads_or_reports_located_problems(data: st.DataObject) -> None:
    files = copy.deepcopy(ORIGINAL)
    for mutation in data.draw(st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=3)):
        mutation(data, files)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(MINI / "catalog" / "calendars", root / "catalog" / "calendars")
        for name, content in files.items():
            target = root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(
                yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8"
            )
        try:
            load_catalog(root)
        except InputError as error:
            assert error.problems
            for problem in error.problems:
                where = root / problem.file
                assert where.is_file(), problem.message("en")
                assert 1 <= problem.line <= _line_count(where), problem.message("en")
                assert problem.breadcrumb, problem.message("en")
                assert problem.message("zh") and problem.message("en")


def test_each_mutation_kind_breaks_the_catalog_somewhere() -> None:
    """The mutations are real: a cycle and an overlap, added deterministically, are caught."""
    files = copy.deepcopy(ORIGINAL)
    items = files["catalog/items.yaml"]["items"]
    permit = next(i for i in items if i["id"] == "planning-permit")
    permit["prerequisites"].append("drawings-ready")  # design waits for the planning permit
    limits = permit["time_limits"]["committed"]
    limits.append({**limits[-1], "valid_from": "2025-06-01"})
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name, content in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(yaml.safe_dump(content, allow_unicode=True))
        try:
            load_catalog(root)
        except InputError as error:
            codes = sorted({p.code for p in error.problems})
        else:
            codes = []
    assert codes == ["dated-overlap", "prerequisite-cycle"]


TEXTS = {
    p.relative_to(MINI).as_posix(): p.read_text(encoding="utf-8")
    for p in sorted(MINI.rglob("*.yaml"))
    if "calendars" not in p.parts
}


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.data())
def test_text_edits_load_or_report_problems_with_a_line(data: st.DataObject) -> None:
    """Invariant: editing the YAML text itself (a line deleted or repeated, a stray
    character, an indentation change) never raises anything but InputError, and every
    problem names a catalog file and a line inside it; problems inside an object also carry
    a breadcrumb."""
    name = data.draw(st.sampled_from(sorted(TEXTS)))
    lines = TEXTS[name].splitlines(keepends=True)
    index = data.draw(st.integers(0, len(lines) - 1))
    edit = data.draw(st.sampled_from(["delete", "repeat", "insert", "indent", "dedent"]))
    if edit == "delete":
        del lines[index]
    elif edit == "repeat":
        lines.insert(index, lines[index])
    elif edit == "insert":
        column = data.draw(st.integers(0, len(lines[index])))
        char = data.draw(st.sampled_from([":", "&a ", "*a", "[", "}", "\t", "- ", "'", "#"]))
        lines[index] = lines[index][:column] + char + lines[index][column:]
    elif edit == "indent":
        lines[index] = "  " + lines[index]
    else:
        lines[index] = lines[index][2:] if lines[index].startswith("  ") else lines[index]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(MINI, root, dirs_exist_ok=True)
        (root / name).write_text("".join(lines), encoding="utf-8")
        try:
            load_catalog(root)
        except InputError as error:
            for problem in error.problems:
                where = root / problem.file
                assert where.is_file(), problem.message("en")
                assert 1 <= problem.line <= max(_line_count(where), 1), problem.message("en")
                # parse-level problems, and an unknown key at a file's top level, have no
                # enclosing object to name
                top_level = problem.code.startswith("yaml-") or problem.code == "unknown-key"
                assert problem.breadcrumb or top_level, problem.message("en")
