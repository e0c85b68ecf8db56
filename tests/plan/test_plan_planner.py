"""``Planner``: profile forms, date defaults, inputs recorded, reuse across threads.

The rules are replaced by the hand-built decisions, so these tests check the planner's own
work (everything between the profile and the Plan) with the real scheduler.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

import plan_fixtures as fx
from pathplanner.decisions import RuleWarning
from pathplanner.errors import InputError
from pathplanner.plan import planner as planner_module
from pathplanner.plan.model import Name
from pathplanner.plan.planner import Planner
from pathplanner.profile import Profile, ProfileDocument

D = dt.date


@pytest.fixture
def planner(monkeypatch: pytest.MonkeyPatch) -> Planner:
    def decide(catalog: Any, profile: Any, *, as_of: dt.date, engine: str | None = None) -> Any:
        del catalog, profile
        return fx.decisions().model_copy(update={"as_of": as_of, "engine": engine or "durable"})

    def validity_warnings(
        catalog: Any, decisions: Any, *, horizon: dt.date
    ) -> tuple[RuleWarning, ...]:
        del catalog
        if horizon <= decisions.as_of:
            return ()
        args = {"kind": "kind-rule", "id": "x", "as_of": "2026-03-05", "horizon": "2026-09-01"}
        return (RuleWarning.of("rule-validity-changes", change="valid_until 2026-06-30", **args),)

    monkeypatch.setattr(planner_module, "decide", decide)
    monkeypatch.setattr(planner_module, "validity_warnings", validity_warnings)
    return Planner(fx.catalog())


def test_plan_from_a_mapping_records_the_inputs(planner: Planner) -> None:
    plan = planner.plan({}, start=D(2026, 3, 2), as_of=D(2026, 3, 5), engine="reference")
    assert plan.start == D(2026, 3, 2) and plan.as_of == D(2026, 3, 5)
    assert plan.inputs.engine == "reference"
    assert plan.inputs.catalog_id == "mini" and plan.catalog_hash == "0123456789abcdef0123"
    assert plan.inputs.pins == {} and plan.inputs.actuals is None
    assert plan.inputs.calendar_versions
    assert [w.message for w in plan.warnings if w.code == "rule-validity-changes"] == [
        Name(
            zh="规则 'x' 的有效期在 2026-03-05 至 2026-09-01 之间发生变化"
            "（valid_until 2026-06-30）",
            en="rule 'x' changes validity between 2026-03-05 and 2026-09-01 "
            "(valid_until 2026-06-30)",
        )
    ]
    assert [e.item for e in plan.disclosure.entries] == [
        "project-filing",
        "planning-permit",
        "construction-permit",
    ]


def test_document_dates_are_the_defaults(planner: Planner) -> None:
    document = ProfileDocument(
        name="doc", profile=Profile({}), zh="文档", start=D(2026, 4, 1), as_of=D(2026, 3, 20)
    )
    plan = planner.plan(document)
    assert (plan.start, plan.as_of) == (D(2026, 4, 1), D(2026, 3, 20))
    assert plan.inputs.project == "doc" and plan.inputs.project_name.zh == "文档"
    later = planner.plan(document, start=D(2026, 5, 6))
    assert later.start == D(2026, 5, 6) and later.as_of == D(2026, 3, 20)


def test_as_of_defaults_to_start(planner: Planner) -> None:
    plan = planner.plan(Profile({}), start=D(2026, 3, 2))
    assert plan.as_of == D(2026, 3, 2)


def test_rejects_other_profile_types(planner: Planner) -> None:
    with pytest.raises(InputError) as caught:  # an input error like any other, not a TypeError
        planner.plan(42, start=D(2026, 3, 2))  # type: ignore[arg-type]
    assert [p.code for p in caught.value.problems] == ["api-bad-argument"]


def test_one_planner_many_threads_same_bytes(planner: Planner) -> None:
    starts = [D(2026, 3, 2), D(2026, 3, 9), D(2026, 9, 28)] * 4

    def one(start: dt.date) -> str:
        return planner.plan({}, start=start).to_json()

    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(one, starts))
    for start, answer in zip(starts, answers, strict=True):
        assert answer == one(start)
    assert len(set(answers)) == 3
