"""The default catalog's scenario tests (rules/tests/*.yaml), one pytest item per scenario.

Policy staff run the same files with ``pathplanner test``; CI runs them here.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import pytest

from pathplanner.catalog import default_catalog_dir
from pathplanner.policy.runner import compare, known_ids, load_scenarios, observe_scenario

if TYPE_CHECKING:
    from pathplanner.plan.planner import Planner
    from pathplanner.policy.scenarios import LoadedScenario

ROOT = default_catalog_dir()
FOUND = load_scenarios(ROOT)


@cache
def _planner() -> Planner:
    from pathplanner.plan.planner import Planner

    return Planner.from_directory(ROOT)


def test_scenario_files_are_valid() -> None:
    assert [p.message("zh") for p in FOUND.problems] == []


@pytest.mark.parametrize(
    "loaded",
    FOUND.scenarios,
    ids=[f"{s.file}::{s.scenario.name}" for s in FOUND.scenarios],
)
def test_scenario(loaded: LoadedScenario) -> None:
    planner = _planner()
    observation, problems = observe_scenario(loaded, planner)
    if observation is not None:
        problems = compare(loaded, observation, known_ids(planner.catalog))
    messages = "\n".join(p.message("zh") for p in problems)
    assert not problems, "\n" + messages
