"""A synthetic portfolio: a county's year of projects, seeded, for demos, tests and
benchmarks (never for tuning the catalog).

The mix follows what a county approval hall sees in a year: mostly enterprise factories
and warehouses in its industrial parks (many on land sold with a regional assessment, some
"start on land"), housing estates of several towers (some over a shopping podium), a few
offices, R&D buildings, shops and hotels, government schools, kindergartens, clinics and
offices on allocated land, and small extensions on land already held. Sizes, heights,
investment and site facts are drawn around each kind's usual values; starts spread over
the weekdays of eleven months from 5 January. Every value is one the catalog's fields
accept (:func:`check_fields` proves it against a catalog).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pathplanner.catalog import Catalog
from pathplanner.errors import InputError, Problem
from pathplanner.profile import validate_profile

__all__ = ["KINDS", "check_fields", "generate_portfolio"]

Profile = dict[str, Any]


@dataclass(frozen=True)
class Kind:
    """One kind of project: its share of the year and how its profile is drawn."""

    id: str
    weight: int
    draw: Callable[[random.Random], Profile]


_ALL_ASSESSMENTS = [
    "eia",
    "soil",
    "energy",
    "geohazard",
    "minerals",
    "heritage",
    "seismic",
    "flood",
    "traffic",
]


def _round(value: float, step: float = 10) -> float:
    return float(round(value / step) * step)


def _site(rng: random.Random, area_ha: float, *, park: bool) -> dict[str, Any]:
    site: dict[str, Any] = {
        "area_ha": round(area_ha, 2),
        "earthwork_m3": _round(area_ha * rng.uniform(2000, 12000), 100),
        "near_river": rng.random() < 0.08,
        "occupies_road": rng.random() < 0.15,
        "near_highway": rng.random() < 0.05,
        "green_space": rng.random() < 0.1,
        "geohazard_prone": rng.random() < 0.1,
        "heritage_potential": rng.random() < 0.06,
        "lightning_prone": rng.random() < 0.2,
    }
    if park and rng.random() < 0.7:
        site["zone_assessments"] = sorted(rng.sample(_ALL_ASSESSMENTS, rng.randint(4, 9)))
    return site


def _utilities(rng: random.Random, *, industrial: bool) -> dict[str, Any]:
    return {
        "power": "high_voltage" if industrial or rng.random() < 0.4 else "low_voltage",
        "water": True,
        "gas": rng.random() < (0.3 if industrial else 0.5),
        "sewage": "non_domestic" if industrial and rng.random() < 0.6 else "domestic",
        "telecom": True,
        "external_works": rng.random() < 0.2,
    }


def _energy(rng: random.Random, area: float, *, industrial: bool) -> dict[str, Any]:
    intensity = rng.uniform(0.01, 0.05) if industrial else rng.uniform(0.003, 0.012)
    tce = _round(area * intensity, 10)
    return {"annual_tce": tce, "annual_kwh_10k": _round(tce * rng.uniform(0.4, 0.8), 10)}


def _factory(rng: random.Random) -> Profile:
    area = _round(rng.lognormvariate(9.6, 0.7), 100)  # around 15,000 m²
    floors = rng.choice([1, 1, 2, 3, 4])
    hazardous = rng.random() < 0.04
    return {
        "project": {
            "investment": "enterprise",
            "foreign_invested": rng.random() < 0.08,
            "total_investment_10k": _round(area * rng.uniform(0.25, 0.6), 10),
            "use": "hazardous_plant" if hazardous else "factory",
            "floor_area_m2": area,
            "height_m": round(6 + floors * rng.uniform(4.5, 6.5), 1),
            "floors_above": floors,
            "labour_intensive": rng.random() < 0.15,
            "hazardous_goods": hazardous,
            "start_on_land": rng.random() < 0.3,
            "construction_months": rng.randint(6, 18),
        },
        "land": {
            "supply": "transfer",
            "sale_method": "listing",
            "with_scheme": rng.random() < 0.35,
            "new_construction_land": rng.random() < 0.25,
        },
        "site": _site(rng, area / rng.uniform(5000, 9000), park=True),
        "env": {
            "eia_category": rng.choice(
                ["report_form", "report_form", "registration_form", "report_book"]
            )
        },
        "energy": _energy(rng, area, industrial=True),
        "utilities": _utilities(rng, industrial=True),
        **({"chemicals": {"classes": ["flammable_liquids"]}} if hazardous else {}),
    }


def _warehouse(rng: random.Random) -> Profile:
    profile = _factory(rng)
    profile["project"].update(
        use="warehouse",
        hazardous_goods=False,
        labour_intensive=False,
        floors_above=1,
        height_m=round(rng.uniform(9, 15), 1),
    )
    profile.pop("chemicals", None)
    profile["env"] = {"eia_category": rng.choice(["registration_form", "none"])}
    return profile


def _tower(rng: random.Random, name: str, *, podium: bool) -> dict[str, Any]:
    floors = rng.choice([11, 18, 18, 26, 33])
    per_floor = rng.uniform(600, 1100)
    building: dict[str, Any] = {
        "name": name,
        "use": "residential",
        "floor_area_m2": _round(floors * per_floor, 10),
        "height_m": round(floors * 2.9 + 1.5, 1),
        "floors_above": floors,
        "basement_levels": rng.choice([1, 1, 2]),
        "basement_area_m2": _round(rng.uniform(2000, 8000), 100),
    }
    if podium:
        share = rng.uniform(0.1, 0.3)  # a podium of a few floors under the tower
        building["spaces"] = [
            {"use": "mall", "floor_area_m2": _round(building["floor_area_m2"] * share, 100)}
        ]
    return building


def _housing(rng: random.Random) -> Profile:
    count = rng.randint(2, 6)
    podium = rng.random() < 0.25
    buildings = [_tower(rng, f"{i + 1}号楼", podium=podium and i == 0) for i in range(count)]
    area = sum(b["floor_area_m2"] for b in buildings)
    return {
        "project": {
            "investment": "enterprise",
            "total_investment_10k": _round(area * rng.uniform(0.4, 0.7), 10),
            "use": "residential",
            "for_sale": True,
            "construction_months": rng.randint(18, 36),
        },
        "land": {
            "supply": "transfer",
            "sale_method": rng.choice(["listing", "listing", "auction"]),
        },
        "site": _site(rng, area / rng.uniform(15000, 30000), park=False),
        "env": {"eia_category": "none"},
        "energy": _energy(rng, area, industrial=False),
        "utilities": _utilities(rng, industrial=False),
        "buildings": buildings,
    }


def _building(
    use: str, investment: str, supply: str, low: float, high: float
) -> Callable[[random.Random], Profile]:
    def draw(rng: random.Random) -> Profile:
        area = _round(rng.uniform(low, high), 10)
        floors = max(1, min(30, round(area / rng.uniform(1500, 4000))))
        profile: Profile = {
            "project": {
                "investment": investment,
                "total_investment_10k": _round(area * rng.uniform(0.3, 0.8), 10),
                "use": use,
                "floor_area_m2": area,
                "height_m": round(floors * rng.uniform(3.6, 4.5), 1),
                "floors_above": floors,
                "basement_levels": rng.choice([0, 0, 1]),
                "major": investment == "government" and rng.random() < 0.1,
                "construction_months": rng.randint(8, 24),
            },
            "land": {
                "supply": supply,
                **({"sale_method": "listing"} if supply == "transfer" else {}),
            },
            "site": _site(rng, area / rng.uniform(8000, 20000), park=False),
            "env": {"eia_category": rng.choice(["registration_form", "report_form", "none"])},
            "energy": _energy(rng, area, industrial=False),
            "utilities": _utilities(rng, industrial=False),
        }
        if profile["project"]["basement_levels"]:
            profile["project"]["basement_area_m2"] = _round(area * rng.uniform(0.1, 0.3), 10)
        return profile

    return draw


def _extension(rng: random.Random) -> Profile:
    area = _round(rng.uniform(200, 3000), 10)
    return {
        "project": {
            "investment": "enterprise",
            "total_investment_10k": _round(rng.uniform(20, 800), 1),
            "use": rng.choice(["factory", "warehouse", "office"]),
            "floor_area_m2": area,
            "height_m": round(rng.uniform(4, 12), 1),
            "floors_above": rng.choice([1, 1, 2]),
            "construction_months": rng.randint(2, 6),
        },
        "land": {"supply": "existing"},
        "site": {"area_ha": round(area / 8000 + rng.uniform(0.02, 0.1), 2)},
        "env": {"eia_category": rng.choice(["registration_form", "none"])},
        "utilities": {"power": "low_voltage", "water": True, "sewage": "domestic", "telecom": True},
    }


KINDS: tuple[Kind, ...] = (
    Kind("factory", 30, _factory),
    Kind("warehouse", 10, _warehouse),
    Kind("housing", 18, _housing),
    Kind("office", 5, _building("office", "enterprise", "transfer", 5000, 40000)),
    Kind("rd", 4, _building("rd", "enterprise", "transfer", 4000, 25000)),
    Kind("mall", 3, _building("mall", "enterprise", "transfer", 8000, 60000)),
    Kind("hotel", 2, _building("hotel", "enterprise", "transfer", 6000, 30000)),
    Kind("school", 6, _building("school", "government", "allocation", 8000, 30000)),
    Kind("kindergarten", 3, _building("kindergarten", "government", "allocation", 2000, 6000)),
    Kind("clinic", 3, _building("outpatient", "government", "allocation", 3000, 20000)),
    Kind("state-office", 2, _building("state_office", "government", "allocation", 3000, 15000)),
    Kind("extension", 14, _extension),
)
"""The kinds of project in a county's year and their shares (weights out of 100)."""


def _weekdays(year: int) -> list[dt.date]:
    first = dt.date(year, 1, 5)
    return [
        first + dt.timedelta(days=n)
        for n in range(330)
        if (first + dt.timedelta(days=n)).weekday() < 5
    ]


def generate_portfolio(count: int, seed: int, year: int = 2026) -> list[dict[str, Any]]:
    """``count`` project documents (``name``, ``zh``, ``start``, ``as_of``, ``profile``) of a
    county's ``year``, the same for the same ``seed``."""
    rng = random.Random(seed)
    days = _weekdays(year)
    weights = [k.weight for k in KINDS]
    documents = []
    for n in range(count):
        kind = rng.choices(KINDS, weights=weights)[0]
        start = rng.choice(days)
        documents.append(
            {
                "name": f"p{n + 1:06d}-{kind.id}",
                "zh": f"合成项目 {n + 1}（{kind.id}）",
                "start": start.isoformat(),
                "as_of": start.isoformat(),
                "profile": kind.draw(rng),
            }
        )
    return documents


def check_fields(documents: list[dict[str, Any]], catalog: Catalog) -> None:
    """Raise :class:`InputError` unless every document's profile is valid for ``catalog``."""
    problems: list[Problem] = []
    for document in documents:
        try:
            validate_profile(document["profile"], catalog, file=document["name"])
        except InputError as error:
            problems += error.problems
    if problems:
        raise InputError(problems)
