"""``Planner.plan`` takes what a form or a JSON body holds and refuses everything else with
readable problems: only a plan or an ``InputError`` ever comes out (#15 §6)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathplanner._input.yaml import parse_yaml
from pathplanner.errors import InputError
from pathplanner.messages import LABELS
from pathplanner.plan.planner import Planner
from snapshots import example_paths, shared_planner

WAREHOUSE = next(p for p in example_paths() if p.stem == "low-risk-warehouse")


def _document() -> dict[str, Any]:
    data, problems = parse_yaml(WAREHOUSE.read_text(encoding="utf-8"), WAREHOUSE.name)
    assert problems == []
    return dict(data)


def _planner() -> Planner:
    return shared_planner()


def test_a_document_mapping_a_bare_profile_and_iso_dates_give_the_file_s_plan() -> None:
    """The two shapes have one name each: the project document (what `schema profile`
    describes) and the profile alone; both are accepted, and dates may be ISO text."""
    planner = _planner()
    from_file = planner.plan(WAREHOUSE)
    document = _document()
    assert planner.plan(document).to_json() == from_file.to_json()
    start = str(document["start"])
    bare = planner.plan(document["profile"], start=start, as_of=start)
    assert (bare.finish, bare.working_days) == (from_file.finish, from_file.working_days)


def test_actuals_as_a_mapping_re_plan_like_the_file(tmp_path: Path) -> None:
    planner = _planner()
    plan = planner.plan(WAREHOUSE)
    first = plan.tasks[0]
    actuals = {"today": first.start.isoformat(), "tasks": [{"task": first.id}]}
    path = tmp_path / "actuals.yaml"
    path.write_text(f"today: {first.start}\ntasks:\n  - task: {first.id}\n", encoding="utf-8")
    by_mapping = planner.plan(WAREHOUSE, actuals=actuals)
    assert by_mapping.finish == planner.plan(WAREHOUSE, actuals=path).finish


@pytest.mark.parametrize(
    ("arguments", "name", "found"),
    [
        ({"start": "2026-3-2"}, "start", "'2026-3-2' (str)"),
        ({"as_of": 20260302}, "as_of", "20260302 (int)"),
        ({"pins": {"construction-permit": 1}}, "pins", "'construction-permit' (str): 1 (int)"),
        ({"pins": ["construction-permit=commitment"]}, "pins", "[…] (list)"),
        ({"actuals": ["planning-permit"]}, "actuals", "[…] (list)"),
        ({"statutory": "yes"}, "statutory", "'yes' (str)"),
        ({"engine": "durabel"}, "engine", "'durabel' (str)"),
    ],
)
def test_a_wrong_argument_is_one_readable_problem(
    arguments: dict[str, Any], name: str, found: str
) -> None:
    with pytest.raises(InputError) as caught:
        _planner().plan(WAREHOUSE, **arguments)
    [problem] = caught.value.problems
    assert (problem.code, str(problem.location), problem.found) == ("api-bad-argument", name, found)
    message = problem.message("en")
    assert message.startswith(f"{name}: error [api-bad-argument]: argument {name} has the wrong")
    assert "expected: " in message
    assert "api-expected" not in message


def test_problems_of_a_profile_mapping_read_without_internal_keys_or_line_zero() -> None:
    with pytest.raises(InputError) as caught:
        _planner().plan({"project": {"use": "factory", "floor_area_m2": "abc"}})
    wrong = next(p for p in caught.value.problems if p.code == "bad-type")
    assert str(wrong.location) == "profile"
    shown = repr(wrong)
    assert "line" not in shown and "Location(" not in shown
    assert not any(key in shown for key in LABELS if key.startswith("type-"))
    assert "expected: a number" in shown


# Values of every kind a caller might pass by mistake
ANYTHING = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.binary(max_size=10),
    st.dates(),
    st.datetimes(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=8), st.one_of(st.text(max_size=8), st.integers()), max_size=3),
    st.just(object()),
)


@settings(
    max_examples=80,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    profile=st.one_of(st.just("document"), st.just("bare"), ANYTHING),
    arguments=st.fixed_dictionaries(
        {
            "start": st.one_of(st.just("2026-03-02"), ANYTHING),
            "as_of": ANYTHING,
            "actuals": ANYTHING,
            "pins": ANYTHING,
            "statutory": st.one_of(st.booleans(), ANYTHING),
            "engine": st.one_of(st.sampled_from(["durable", "reference"]), ANYTHING),
            "strict_calendar": st.one_of(st.booleans(), ANYTHING),
        }
    ),
)
def test_any_arguments_give_a_plan_or_an_input_error(
    profile: Any, arguments: dict[str, Any]
) -> None:
    document = _document()
    shapes = {"document": document, "bare": document["profile"]}
    chosen = shapes[profile] if isinstance(profile, str) and profile in shapes else profile
    try:
        plan = _planner().plan(chosen, **arguments)
    except InputError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.message("zh") and problem.message("en")
        return
    assert isinstance(plan.finish, dt.date)
