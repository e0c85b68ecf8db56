"""Issue 13 §2: the figures of 令51号 art. 14 on the default catalog, on both engines.

The article says 大于 / 超过: a project is special exactly when its measure is strictly above
the figure. (一)–(六) measure a venue's total floor area in the project, so the area may be
split over buildings; (七) and (十二) measure one building, so a split never adds up.
"""

from __future__ import annotations

import functools
from typing import Any

from _rules_support import AS_OF
from hypothesis import given, settings
from hypothesis import strategies as st

from pathplanner.catalog import Catalog
from pathplanner.catalog.loader import load_catalog
from pathplanner.profile import validate_profile
from pathplanner.rules import decide, durable_available

ENGINES = ["reference", "durable"] if durable_available() else ["reference"]

# venue use → the figure of its paragraph (R9 (一)–(六))
VENUE_FIGURES = {
    "sports_venue": 20000,
    "transport_waiting": 15000,
    "mall": 10000,
    "cinema": 2500,
    "kindergarten": 1000,
    "entertainment": 500,
}
OFFSETS = [-1, -0.5, 0, 0.5, 1, 7]


@functools.cache
def _catalog() -> Catalog:
    return load_catalog()


def _special(buildings: list[dict[str, Any]], engine: str) -> bool:
    data = {
        "project": {"investment": "enterprise", "total_investment_10k": 5000},
        "land": {"supply": "existing"},
        "site": {"area_ha": 1},
        "buildings": buildings,
    }
    profile = validate_profile(data, _catalog(), file="fire")
    decisions = decide(_catalog(), profile, as_of=AS_OF, engine=engine)
    return decisions.facts["derived.special_fire_review"] is True


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    use=st.sampled_from(sorted(VENUE_FIGURES)),
    offset=st.sampled_from(OFFSETS),
    parts=st.integers(1, 3),
    host=st.sampled_from([None, "office", "residential"]),
    engine=st.sampled_from(ENGINES),
)
def test_a_venue_is_special_exactly_above_its_figure_summed_over_the_project(
    use: str, offset: float, parts: int, host: str | None, engine: str
) -> None:
    area = VENUE_FIGURES[use] + offset
    shares = [area / parts] * (parts - 1)
    shares.append(area - sum(shares))
    if host is None:  # the venue is the buildings
        buildings = [
            {"name": f"b{i}", "use": use, "floor_area_m2": a, "height_m": 20}
            for i, a in enumerate(shares)
        ]
    else:  # the venue is a space in buildings of another use ((十一))
        buildings = [
            {
                "name": f"b{i}",
                "use": host,
                "floor_area_m2": a + 100,
                "height_m": 20,
                "spaces": [{"use": use, "floor_area_m2": a}],
            }
            for i, a in enumerate(shares)
        ]
    assert _special(buildings, engine) is (sum(shares) > VENUE_FIGURES[use])


@settings(max_examples=40, deadline=None, derandomize=True)
@given(
    measure=st.sampled_from(["height", "area"]),
    offset=st.sampled_from(OFFSETS),
    engine=st.sampled_from(ENGINES),
)
def test_one_public_building_is_special_above_40000_m2_or_50_m_and_two_never_add_up(
    measure: str, offset: float, engine: str
) -> None:
    height, area = (50 + offset, 30000) if measure == "height" else (40, 40000 + offset)
    one = [{"name": "a", "use": "office", "floor_area_m2": area, "height_m": height}]
    assert _special(one, engine) is (height > 50 or area > 40000)
    halves = [{"name": n, "use": "office", "floor_area_m2": area / 2, "height_m": 40} for n in "ab"]
    assert _special(halves, engine) is False


@settings(max_examples=20, deadline=None, derandomize=True)
@given(offset=st.sampled_from(OFFSETS), engine=st.sampled_from(ENGINES))
def test_housing_is_special_above_54_m(offset: float, engine: str) -> None:
    tower = {"name": "t", "use": "residential", "floor_area_m2": 30000, "height_m": 54 + offset}
    assert _special([tower], engine) is (54 + offset > 54)
