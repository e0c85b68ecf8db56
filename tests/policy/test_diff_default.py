"""Changing one committed time limit in a copy of the default catalog: ``diff`` reports that
change, and for the examples that use the item the same limit change and the finish shift,
and nothing else."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from pathplanner.catalog import default_catalog_dir
from pathplanner.planner import Planner
from pathplanner.policy.diff import (
    EntityChange,
    FieldChange,
    KindDiff,
    Limit,
    LimitChange,
    diff_catalogs,
)
from pathplanner.policy.observe import Observation, observe_plan
from pathplanner.profile import load_profile


def _copy(target: Path) -> Path:
    root = default_catalog_dir()
    for part in ("catalog", "rules", "examples"):
        shutil.copytree(root / part, target / part)
    return target


def _observe(planner: Planner, path: Path) -> Observation:
    doc = load_profile(path, planner.catalog)
    return observe_plan(planner.plan(doc.profile, start=doc.start, as_of=doc.as_of))


def _pick_item(planner: Planner, seen: dict[Path, Observation]) -> str:
    """The item planned with its one committed limit in the most examples (ties by id)."""
    counts: dict[str, int] = {}
    for obs in seen.values():
        for item, (value, clock) in obs.time_limits.items():
            committed = planner.catalog.items[item].time_limits.committed
            if len(committed) == 1 and (committed[0].value, committed[0].clock) == (value, clock):
                counts[item] = counts.get(item, 0) + 1
    assert counts, "no example uses an item planned with its committed limit"
    return min(counts, key=lambda i: (-counts[i], i))


def _bump(root: Path, planner: Planner, item: str) -> tuple[int, int]:
    """Add one day to the item's committed limit, editing its YAML text in place."""
    where = planner.catalog.locations[f"Item(id={item!r})"]
    path = root / where.file
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    head = where.line - 1
    tail = next(
        (
            n
            for n in range(head + 1, len(lines))
            if re.match(r"^\s*- id:", lines[n])
            and len(lines[n]) - len(lines[n].lstrip())
            <= len(lines[head]) - len(lines[head].lstrip())
        ),
        len(lines),
    )
    start = next(n for n in range(head, tail) if "committed:" in lines[n])
    for n in range(start, tail):
        match = re.search(r"value: (\d+)", lines[n])
        if match:
            old = int(match.group(1))
            lines[n] = lines[n][: match.start(1)] + str(old + 1) + lines[n][match.end(1) :]
            path.write_text("".join(lines), encoding="utf-8")
            return old, old + 1
    raise AssertionError(f"no committed value found for {item}")


def test_one_committed_time_limit(tmp_path: Path, plan_cache: None) -> None:
    old_dir, new_dir = _copy(tmp_path / "old"), _copy(tmp_path / "new")
    examples = sorted((new_dir / "examples").glob("*.yaml"))
    assert examples
    planner = Planner.from_directory(old_dir)
    before = {p: _observe(planner, old_dir / "examples" / p.name) for p in examples}
    item = _pick_item(planner, before)
    old_value, new_value = _bump(new_dir, planner, item)

    diff = diff_catalogs(old_dir, new_dir)

    assert diff.catalog == {
        "items": KindDiff(
            changed=[
                EntityChange(
                    id=item,
                    changes=[
                        FieldChange(
                            path="time_limits.committed[0].value", old=old_value, new=new_value
                        )
                    ],
                )
            ]
        )
    }
    users = {f"examples/{p.name}" for p, obs in before.items() if item in obs.time_limits}
    assert {p.file for p in diff.profiles} == users
    after = Planner.from_directory(new_dir)
    clock = planner.catalog.items[item].time_limits.committed[0].clock.value
    for prof in diff.profiles:
        assert prof.error == {}
        assert prof.tasks_added == prof.tasks_removed == []
        assert prof.modes_changed == []
        assert prof.materials_added == prof.materials_removed == []
        assert prof.time_limits_changed == [
            LimitChange(
                task=item,
                old=Limit(value=old_value, clock=clock),
                new=Limit(value=new_value, clock=clock),
            )
        ]
        old_finish = before[new_dir / prof.file].finish
        new_finish = _observe(after, new_dir / prof.file).finish
        if old_finish == new_finish:
            assert prof.finish is None
        else:
            assert prof.finish is not None
            assert (prof.finish.old, prof.finish.new) == (old_finish, new_finish)
            assert prof.finish.working_days == after.catalog.calendar.working_days_between(
                old_finish, new_finish
            )
    assert sorted(diff.unchanged) == sorted(
        f"examples/{p.name}" for p in examples if f"examples/{p.name}" not in users
    )
