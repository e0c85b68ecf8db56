"""Plans and decisions are assembled without validation (``trusted``); re-validating one
must give the same model, value for value and type for type, on every example and both
engines."""

from __future__ import annotations

import copy
import datetime as dt
import pickle
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pydantic
import pytest
from pydantic import BaseModel, ValidationError

from pathplanner._support.trusted import INSTANCE_SLOTS, TrustedModel
from pathplanner.decisions import Decisions
from pathplanner.plan.model import Name, Plan, PlanDuration
from pathplanner.plan.planner import Planner
from pathplanner.profile import load_profile
from pathplanner.rules import ENGINES, decide, durable_available

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.yaml"))
# durable-rules builds on CPython < 3.13 only; there its cases must run (fail, not vanish)
DURABLE_EXPECTED = sys.implementation.name == "cpython" and sys.version_info < (3, 13)
ENGINES_HERE = [e for e in ENGINES if e != "durable" or DURABLE_EXPECTED or durable_available()]


@pytest.fixture(scope="module")
def planner() -> Planner:
    return Planner.default()


def _differences(made: Any, checked: Any, path: str, found: list[str]) -> None:
    if type(made) is not type(checked):
        found.append(f"{path}: {type(made).__name__} != {type(checked).__name__}")
        return
    if isinstance(made, BaseModel):
        # the serializer writes fields in __dict__ order: it must be the declared order
        if list(made.__dict__) != list(type(made).model_fields):
            found.append(f"{path}: fields {list(made.__dict__)} not in declared order")
            return
        for key in type(made).model_fields:
            _differences(getattr(made, key), getattr(checked, key), f"{path}.{key}", found)
    elif isinstance(made, list | tuple):
        if len(made) != len(checked):
            found.append(f"{path}: {len(made)} items != {len(checked)}")
            return
        for n, (a, b) in enumerate(zip(made, checked, strict=True)):
            _differences(a, b, f"{path}[{n}]", found)
    elif isinstance(made, dict):
        if list(made) != list(checked):
            found.append(f"{path}: keys {list(made)} != {list(checked)}")
            return
        for key in made:
            _differences(made[key], checked[key], f"{path}[{key!r}]", found)
    elif made != checked:
        found.append(f"{path}: {made!r} != {checked!r}")


@pytest.mark.parametrize("engine", ENGINES_HERE)
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_trusted_plan_equals_validated_plan(planner: Planner, example: Path, engine: str) -> None:
    plan = planner.plan(example, engine=engine)
    checked = Plan.model_validate(plan.model_dump())
    assert checked == plan
    found: list[str] = []
    _differences(plan, checked, "plan", found)
    assert found == []
    assert Plan.model_validate_json(plan.to_json()).to_json() == plan.to_json()


@pytest.mark.parametrize("engine", ENGINES_HERE)
@pytest.mark.parametrize("as_of", [None, dt.date(2025, 6, 1)])
def test_trusted_decisions_equal_validated_decisions(
    planner: Planner, engine: str, as_of: dt.date | None
) -> None:
    for example in EXAMPLES:
        document = load_profile(example, planner.catalog)
        day = as_of or document.as_of or document.start or dt.date(2026, 3, 2)
        decisions = decide(
            planner.catalog, document.profile, as_of=day, engine=engine, horizon=dt.date(2030, 1, 1)
        )
        checked = Decisions.model_validate(decisions.model_dump())
        assert checked == decisions
        found: list[str] = []
        _differences(decisions, checked, "decisions", found)
        assert found == [], example.stem


def test_trusted_plan_with_statutory_limits_and_later_as_of(planner: Planner) -> None:
    for example in EXAMPLES:
        plan = planner.plan(example, statutory=True, as_of=dt.date(2027, 1, 4))
        found: list[str] = []
        _differences(plan, Plan.model_validate(plan.model_dump()), "plan", found)
        assert found == [], example.stem


def test_trusted_needs_every_field() -> None:
    with pytest.raises(TypeError, match="missing"):
        PlanDuration.trusted(value=3)
    assert Name.trusted(zh="甲", en="A") == Name(zh="甲", en="A")


def test_plans_do_not_share_mutable_parts(planner: Planner) -> None:
    """Shared parts (names, durations, labels) hold no list or dict: changing one plan's
    lists cannot change another plan."""
    first = planner.plan(EXAMPLES[0], engine="reference")
    second = planner.plan(EXAMPLES[0], engine="reference")
    assert first == second
    assert any(e.fees for e in first.disclosure.entries)
    first.stages.clear()
    first.departments.clear()
    for entry in first.disclosure.entries:
        entry.fees.clear()
        entry.time_limits.excluded.clear()
        entry.basis.clear()
    for task in first.tasks:
        task.predecessors.clear()
    third = planner.plan(EXAMPLES[0], engine="reference")
    assert third == second


# What ``trusted`` relies on in pydantic (see pathplanner._support.trusted). Each failure
# says what pydantic changed; the fix is then to make ``trusted_dict`` call model_construct.

PYDANTIC = f"pydantic {pydantic.VERSION}"


def _models(value: Any) -> Iterator[BaseModel]:
    """Every model in ``value``, depth first."""
    if isinstance(value, BaseModel):
        yield value
        for field in type(value).model_fields:
            yield from _models(getattr(value, field))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _models(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _models(item)


def _slots(cls: type) -> list[str]:
    return [s for c in cls.__mro__ for s in c.__dict__.get("__slots__", ()) if s != "__dict__"]


def _state(model: BaseModel) -> dict[str, Any]:
    """The instance's own state: its ``__dict__`` and every slot (``<unset>`` when empty)."""
    state: dict[str, Any] = {"__dict__": vars(model)}
    for slot in _slots(type(model)):
        try:
            state[slot] = object.__getattribute__(model, slot)
        except AttributeError:
            state[slot] = "<unset>"
    return state


def test_pydantic_models_have_the_slots_trusted_sets() -> None:
    assert _slots(BaseModel) == list(INSTANCE_SLOTS), (
        f"{PYDANTIC} changed BaseModel's instance slots to {_slots(BaseModel)};"
        f" TrustedModel.trusted sets {list(INSTANCE_SLOTS)}"
    )
    assert _slots(TrustedModel) == list(INSTANCE_SLOTS), "a subclass added slots"


def test_a_trusted_plan_has_the_state_of_a_validated_one(planner: Planner) -> None:
    """Model by model, the trusted plan and the validated copy of it hold the same
    ``__dict__`` and the same slot values: pydantic's validation sets nothing else."""
    plan = planner.plan(EXAMPLES[0], engine="reference")
    checked = Plan.model_validate(plan.model_dump())
    pairs = list(zip(_models(plan), _models(checked), strict=True))
    assert len(pairs) > 100
    for made, valid in pairs:
        made_state, valid_state = _state(made), _state(valid)
        assert made_state.keys() == valid_state.keys()
        for key, expected in valid_state.items():
            assert made_state[key] == expected, (
                f"{PYDANTIC}: a validated {type(valid).__name__} has {key}={expected!r},"
                f" a trusted one {made_state[key]!r}"
            )


def test_a_trusted_instance_behaves_like_a_validated_one(planner: Planner) -> None:
    plan = planner.plan(EXAMPLES[0], engine="reference")
    checked = Plan.model_validate(plan.model_dump())
    made_name, valid_name = Name.trusted(zh="甲", en="A"), Name(zh="甲", en="A")
    for made, valid in ((plan, checked), (made_name, valid_name)):
        what = f"{PYDANTIC}, {type(made).__name__}"
        assert made == valid and valid == made, f"{what}: equality"
        assert repr(made) == repr(valid), f"{what}: repr"
        assert made.model_dump() == valid.model_dump(), f"{what}: model_dump"
        assert made.model_dump_json() == valid.model_dump_json(), f"{what}: model_dump_json"
        assert made.model_fields_set == set(type(made).model_fields), f"{what}: fields set"
        assert made.model_fields_set == valid.model_fields_set, f"{what}: fields set"
        assert copy.copy(made) == valid, f"{what}: copy.copy"
        assert copy.deepcopy(made) == valid, f"{what}: copy.deepcopy"
        assert pickle.loads(pickle.dumps(made)) == valid, f"{what}: pickling"
    assert hash(made_name) == hash(valid_name), f"{PYDANTIC}: hash of a frozen model"
    assert {made_name: 1}[valid_name] == 1
    changed = made_name.model_copy(update={"en": "B"})
    assert changed == Name(zh="甲", en="B"), f"{PYDANTIC}: model_copy(update=...)"
    assert made_name.en == "A"
    assert Name.trusted(zh="乙", en="").model_fields_set == {"zh", "en"}, (
        f"{PYDANTIC}: model_copy changed the fields set that trusted instances share"
    )
    with pytest.raises(ValidationError, match="frozen"):
        made_name.en = "C"  # type: ignore[misc]
