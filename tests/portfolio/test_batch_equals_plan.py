"""Issue 17: a project's batch rows hold what ``Planner.plan`` gives for the same profile,
for any generated project (hypothesis draws the seeds)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathplanner.plan import Planner
from pathplanner.portfolio.backend import PlanSettings, SerialBackend
from pathplanner.portfolio.batch import run_batch
from pathplanner.portfolio.files import write_portfolio
from pathplanner.portfolio.generate import generate_portfolio
from pathplanner.portfolio.inputs import read_portfolio
from pathplanner.portfolio.store import BatchStore

PLANNER = Planner.default()


@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(seed=st.integers(0, 2**32 - 1), count=st.integers(1, 3))
def test_batch_rows_equal_the_plans_of_single_projects(
    tmp_path_factory: pytest.TempPathFactory, seed: int, count: int
) -> None:
    root = tmp_path_factory.mktemp("one")
    documents = generate_portfolio(count, seed)
    write_portfolio(documents, root / "files")  # project files, as `pathplanner plan` reads
    catalog = PLANNER.catalog
    out = BatchStore(root / "out", catalog.content_hash)
    run_batch(read_portfolio(root / "files", catalog), out, SerialBackend(PlanSettings()))
    projects = {r["project"]: r for r in BatchStore(root / "out").read("projects").to_pylist()}
    tasks = BatchStore(root / "out").read("tasks").to_pylist()
    for document in documents:
        plan = PLANNER.plan(root / "files" / f"{document['name']}.yaml")
        row = projects[document["name"]]
        assert row["ok"] and not row["problems"]
        assert (row["start"], row["finish"]) == (plan.start, plan.finish)
        assert row["working_days"] == plan.working_days
        assert row["government_working_days"] == plan.government_working_days
        assert plan.government_time is not None
        assert row["chain_working_days"] == plan.government_time.chain_working_days
        assert row["targets_met"] == all(t.met for t in plan.government_time.targets)
        assert [t["target"] for t in row["targets"]] == [t.id for t in plan.government_time.targets]
        assert row["warnings"] == [w.code for w in plan.warnings]
        assert {m["item"]: m["mode"] for m in row["modes"]} == {
            e.item: e.mode for e in plan.disclosure.entries
        }
        own = [t for t in tasks if t["project"] == document["name"]]
        assert [(t["task"], t["start"], t["finish"], t["float_working_days"]) for t in own] == [
            (t.id, t.start, t.finish, t.float_working_days) for t in plan.tasks
        ]
