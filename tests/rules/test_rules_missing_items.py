"""Issue 13 §4: the decisions behind the items real projects need, on both engines.

获得电力 connects at low voltage exactly up to the city's 160 kW limit, whatever connection the
profile states; housing of seven floors or more is taken to have lifts unless the profile says
it has none; 排污许可 is decided within 20 / 30 / 45 calendar days by management class and
site check (排污许可管理条例 art. 13 says 日, so calendar days).
"""

from __future__ import annotations

import functools
from typing import Any

from _rules_support import AS_OF
from hypothesis import given, settings
from hypothesis import strategies as st

from pathplanner.catalog import Catalog
from pathplanner.catalog.loader import load_catalog
from pathplanner.decisions import Decisions
from pathplanner.profile import validate_profile
from pathplanner.rules import decide, durable_available

ENGINES = ["reference", "durable"] if durable_available() else ["reference"]
LOW_VOLTAGE_LIMIT_KW = 160


@functools.cache
def _catalog() -> Catalog:
    return load_catalog()


def _decide(engine: str, **groups: dict[str, Any]) -> Decisions:
    data: dict[str, Any] = {
        "project": {
            "investment": "enterprise",
            "total_investment_10k": 5000,
            "use": "factory",
            "floor_area_m2": 12000,
            "height_m": 18,
        },
        "land": {"supply": "existing"},
        "site": {"area_ha": 1},
    }
    for group, values in groups.items():
        data.setdefault(group, {}).update(values)
    profile = validate_profile(data, _catalog(), file="missing-items")
    return decide(_catalog(), profile, as_of=AS_OF, engine=engine)


def _applies(decisions: Decisions, task: str) -> bool:
    return any(d.task == task for d in decisions.applicable)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    capacity=st.one_of(
        st.sampled_from([0, 159.5, 160, 160.5, 161]), st.floats(0, 20000, allow_nan=False)
    ),
    stated=st.sampled_from(["low_voltage", "high_voltage"]),
    engine=st.sampled_from(ENGINES),
)
def test_power_connects_at_low_voltage_exactly_up_to_the_city_limit(
    capacity: float, stated: str, engine: str
) -> None:
    decisions = _decide(engine, utilities={"power": stated, "power_capacity_kw": capacity})
    low = capacity <= LOW_VOLTAGE_LIMIT_KW
    assert decisions.facts["derived.power_connection"] == ("low_voltage" if low else "high_voltage")
    assert _applies(decisions, "power-low-voltage-connection") is low
    assert _applies(decisions, "power-hv-scheme") is not low


def test_without_a_capacity_the_stated_connection_holds() -> None:
    for stated, task in [
        ("low_voltage", "power-low-voltage-connection"),
        ("high_voltage", "power-hv-scheme"),
    ]:
        decisions = _decide("reference", utilities={"power": stated})
        assert _applies(decisions, task)
    assert not _applies(_decide("reference", utilities={"power": "none"}), "power-hv-scheme")


@settings(max_examples=40, deadline=None, derandomize=True)
@given(
    floors=st.integers(1, 40),
    stated=st.sampled_from([None, True, False]),
    engine=st.sampled_from(ENGINES),
)
def test_housing_of_seven_floors_has_lifts_unless_the_profile_says_otherwise(
    floors: int, stated: bool | None, engine: str
) -> None:
    project: dict[str, Any] = {"use": "residential", "floors_above": floors}
    if stated is not None:
        project["elevators"] = stated
    decisions = _decide(engine, project=project)
    lifts = stated if stated is not None else floors >= 7
    assert _applies(decisions, "special-equipment-use-registration") is lifts
    assert _applies(decisions, "special-equipment-installation-notice") is lifts


def _discharge_limit(management: str, site_check: bool) -> tuple[int, str] | None:
    decisions = _decide(
        "reference",
        env={"discharge_management": management, "discharge_site_check": site_check},
    )
    assert _applies(decisions, "pollutant-discharge-permit")
    for override in decisions.time_limits:
        if override.item == "pollutant-discharge-permit" and override.limit == "statutory":
            return override.duration.value, override.duration.clock
    return None


def test_discharge_permit_limits_follow_the_management_class_in_calendar_days() -> None:
    assert _discharge_limit("simplified", site_check=False) == (20, "calendar")
    assert _discharge_limit("key", site_check=False) == (30, "calendar")
    for management in ("simplified", "key", "permit"):
        assert _discharge_limit(management, site_check=True) == (45, "calendar")
    assert _discharge_limit("permit", site_check=False) is None  # class unknown: the item's own
