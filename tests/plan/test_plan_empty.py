"""A plan with no approval item in it is an error naming the cause, never an empty plan (#18)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from pathplanner import InputError, Planner

MINI = Path(__file__).resolve().parents[1] / "data" / "mini"
PROFILE = {"project": {"investment": "government", "floor_area_m2": 1000}}


def test_an_as_of_date_before_the_catalog_names_the_first_day() -> None:
    with pytest.raises(InputError) as caught:
        Planner.from_directory(MINI).plan(PROFILE, start=dt.date(2005, 1, 3))
    (problem,) = caught.value.problems
    assert problem.message("en") == (
        "as_of: error [plan-empty-before-catalog]: as-of date 2005-01-03 is before any item of "
        "the catalog takes effect (the first on 2008-01-01): there is nothing to plan; use an "
        "as-of date on or after 2008-01-01"
    )


def test_a_profile_no_item_applies_to(tmp_path: Path) -> None:
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    items = root / "catalog" / "items.yaml"
    items.write_text(
        items.read_text(encoding="utf-8").replace(
            "applies_by_default: true", "applies_by_default: false"
        ),
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        Planner.from_directory(root).plan(PROFILE, start=dt.date(2026, 3, 2))
    (problem,) = caught.value.problems
    assert problem.code == "plan-empty"
    assert "no approval item applies to this profile on 2026-03-02" in problem.message("en")
