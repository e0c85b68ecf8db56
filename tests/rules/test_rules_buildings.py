"""Issue 13 §1: a project is several buildings, with spaces, and lists of values.

The rule language quantifies over buildings (``any building:``, ``all buildings:``), sums a
space field over the spaces of the project or of one building (``sum of floor_area_m2
where use in [...]``), and asks a list field for a value (``"eia" in
site.zone_assessments``). Both engines must give each the same meaning; a mistake is a
located error; an explanation names the building.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path
from typing import Any

import pytest
from _rules_domain import REPO
from _rules_support import AS_OF

from pathplanner.catalog import Catalog
from pathplanner.catalog.loader import load_catalog
from pathplanner.catalog.rulebook.expressions import parse, typecheck
from pathplanner.errors import InputError
from pathplanner.profile import validate_profile
from pathplanner.rules import decide, durable_available, explain

ENGINES = ["reference", "durable"] if durable_available() else ["reference"]

RULES = """
facts:
  - {id: derived.t_any_mall, type: bool, zh: t}
  - {id: derived.t_all_low, type: bool, zh: t}
  - {id: derived.t_none_tall, type: bool, zh: t}
  - {id: derived.t_sum_retail, type: bool, zh: t}
  - {id: derived.t_building_retail, type: bool, zh: t}
  - {id: derived.t_eia, type: bool, zh: t}
  - {id: derived.t_no_soil, type: bool, zh: t}
  - {id: derived.t_where_or, type: bool, zh: t}
  - {id: derived.t_chained, type: bool, zh: t}
rules:
  - id: t-any-mall
    zh: t
    when: 'any building: (building.use == "mall" and building.floor_area_m2 > 10000)'
    then: [{derive: derived.t_any_mall}, {require: road-occupation-permit}]
    basis: test
    valid_from: 2020-01-01
  - id: t-all-low
    zh: t
    when: 'all buildings: building.height_m <= 24'
    then: [{derive: derived.t_all_low}]
    basis: test
    valid_from: 2020-01-01
  - id: t-none-tall
    zh: t
    when: 'not any building: building.height_m > 54'
    then: [{derive: derived.t_none_tall}]
    basis: test
    valid_from: 2020-01-01
  - id: t-sum-retail
    zh: t
    when: 'sum of floor_area_m2 where use in ["mall", "market"] > 10000'
    then: [{derive: derived.t_sum_retail}]
    basis: test
    valid_from: 2020-01-01
  - id: t-building-retail
    zh: t
    when: 'any building: sum of floor_area_m2 where use in ["mall", "market"] > 10000'
    then: [{derive: derived.t_building_retail}]
    basis: test
    valid_from: 2020-01-01
  - id: t-eia
    zh: t
    when: '"eia" in site.zone_assessments'
    then: [{derive: derived.t_eia}]
    basis: test
    valid_from: 2020-01-01
  - id: t-no-soil
    zh: t
    when: 'project.investment == "enterprise" and "soil" not in site.zone_assessments'
    then: [{derive: derived.t_no_soil}]
    basis: test
    valid_from: 2020-01-01
  - id: t-where-or
    zh: t
    when: 'sum of floor_area_m2 where (use == "cinema" or floor_area_m2 > 3000) >= 3000'
    then: [{derive: derived.t_where_or}]
    basis: test
    valid_from: 2020-01-01
  - id: t-chained
    zh: t
    when: 'any building: (building.use == "residential" and derived.t_sum_retail)'
    then: [{derive: derived.t_chained}]
    basis: test
    valid_from: 2020-01-01
"""


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    root = tmp_path_factory.mktemp("buildings") / "cat"
    shutil.copytree(REPO / "catalog", root / "catalog")
    shutil.copytree(REPO / "rules", root / "rules")
    (root / "rules" / "zz-buildings-test.yaml").write_text(RULES, encoding="utf-8")
    return load_catalog(root)


BASE: dict[str, Any] = {
    "project": {"investment": "enterprise", "total_investment_10k": 20000},
    "land": {"supply": "existing"},
    "site": {"area_ha": 1},
}


def _profile(catalog: Catalog, **extra: Any) -> Any:
    data = {**BASE, **extra}
    return validate_profile(data, catalog, file="p.yaml")


def _derived(catalog: Catalog, profile: Any, engine: str) -> set[str]:
    facts = decide(catalog, profile, as_of=AS_OF, engine=engine).facts
    return {k[10:] for k, v in facts.items() if k.startswith("derived.t_") and v is True}


# Podium mall (12,000 m²) in the second of two towers; the first is 80 m high.
COMPLEX = [
    {"name": "1号楼", "use": "residential", "floor_area_m2": 24000, "height_m": 80},
    {
        "name": "2号楼",
        "use": "residential",
        "floor_area_m2": 30000,
        "height_m": 60,
        "spaces": [{"use": "mall", "floor_area_m2": 12000}],
    },
]
# Two low retail buildings of 6,000 m² each: 12,000 m² of retail, no building over 10,000.
SPLIT_RETAIL = [
    {"name": "A", "use": "mall", "floor_area_m2": 6000, "height_m": 12},
    {"name": "B", "use": "market", "floor_area_m2": 6000, "height_m": 15},
]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        pytest.param(
            {"buildings": COMPLEX, "project": {**BASE["project"], "use": "residential"}},
            {"sum_retail", "building_retail", "no_soil", "where_or", "chained"},
            id="towers-with-a-podium-mall",
        ),
        pytest.param(
            {"buildings": SPLIT_RETAIL},
            {"all_low", "none_tall", "sum_retail", "no_soil", "where_or"},
            id="retail-split-over-two-buildings",
        ),
        pytest.param(
            {
                "project": {**BASE["project"], "use": "mall", "floor_area_m2": 10001},
                "project.height_m": 30,
                "site": {"area_ha": 1, "zone_assessments": ["eia", "soil"]},
            },
            {"any_mall", "none_tall", "sum_retail", "building_retail", "eia", "where_or"},
            id="one-building-from-the-project-fields",
        ),
        pytest.param(
            {
                "project": {**BASE["project"], "use": "mall", "floor_area_m2": 10000},
                "project.height_m": 24,
            },
            {"all_low", "none_tall", "no_soil", "where_or"},
            id="exactly-at-the-thresholds",
        ),
    ],
)
def test_quantifiers_sums_and_lists_mean_the_same_in_both_engines(
    catalog: Catalog, engine: str, extra: dict[str, Any], expected: set[str]
) -> None:
    assert _derived(catalog, _profile(catalog, **extra), engine) == expected


def test_a_reason_names_the_building_the_quantifier_found(catalog: Catalog) -> None:
    buildings = [
        {"name": "写字楼", "use": "office", "floor_area_m2": 30000, "height_m": 90},
        {"name": "购物中心", "use": "mall", "floor_area_m2": 15000, "height_m": 20},
    ]
    profile = _profile(catalog, buildings=buildings)
    why = explain(catalog, profile, "road-occupation-permit", as_of=AS_OF)
    assert why.status == "applicable"
    (reason,) = why.reasons
    assert reason.facts == {
        "buildings.1.floor_area_m2": 15000,
        "buildings.1.name": "购物中心",
        "buildings.1.use": "mall",
    }


def test_a_failed_quantifier_shows_every_building_it_looked_at(catalog: Catalog) -> None:
    buildings = [
        {"name": "写字楼", "use": "office", "floor_area_m2": 30000, "height_m": 90},
        {"name": "小商场", "use": "mall", "floor_area_m2": 8000, "height_m": 20},
    ]
    why = explain(
        catalog, _profile(catalog, buildings=buildings), "road-occupation-permit", as_of=AS_OF
    )
    (trace,) = [t for t in why.requiring if t.rule_id == "t-any-mall"]
    assert not trace.fired
    (part,) = trace.failed
    assert part.facts == {
        "buildings.0.floor_area_m2": 30000,
        "buildings.0.name": "写字楼",
        "buildings.0.use": "office",
        "buildings.1.floor_area_m2": 8000,
        "buildings.1.name": "小商场",
        "buildings.1.use": "mall",
    }
    text = why.render("en")
    assert 'buildings.1.name = "小商场"' in text


@pytest.mark.parametrize(
    ("condition", "code", "column"),
    [
        ("building.height_m > 24", "rule-building-outside", 1),
        ('project.use == "mall" and building.height_m > 24', "rule-building-outside", 27),
        ("any building: (all buildings: building.height_m > 1)", "rule-nested-quantifier", 16),
        ('space.use == "mall"', "rule-space-name", 1),
        ("sum of use > 3", "rule-sum-not-number", 1),
        ('sum of floor_area where use in ["mall"] > 3', "rule-unknown-name", 1),
        ('sum of floor_area_m2 where usage in ["mall"] > 3', "rule-unknown-name", 28),
        ('sum of floor_area_m2 where use in ["shop"] > 3', "rule-enum-value", 36),
        ('sum of floor_area_m2 > "big"', "rule-type-error", 24),
        ('site.zone_assessments == "eia"', "rule-list-compare", 23),
        ('site.zone_assessments in ["eia"]', "rule-list-compare", 1),
        ('"eia" in project.use', "rule-not-list", 10),
        ('"eia_x" in site.zone_assessments', "rule-enum-value", 1),
    ],
)
def test_misuse_of_buildings_spaces_and_lists_is_a_located_type_error(
    catalog: Catalog, condition: str, code: str, column: int
) -> None:
    types = dict(catalog.rules.types)
    errors = typecheck(parse(condition), types)
    assert [(e.code, e.column) for e in errors] == [(code, column)]


def test_a_literal_is_needed_before_in_a_list_field() -> None:
    with pytest.raises(Exception) as caught:
        parse("project.use in site.zone_assessments")
    assert getattr(caught.value, "code", "") == "rule-contains-literal"


def test_a_misplaced_building_field_names_the_file_line_and_column(tmp_path: Path) -> None:
    root = tmp_path / "cat"
    shutil.copytree(REPO / "catalog", root / "catalog")
    shutil.copytree(REPO / "rules", root / "rules")
    (root / "rules" / "zz.yaml").write_text(
        textwrap.dedent(
            """\
            rules:
              - id: zz-outside
                zh: 在量词外使用单体字段
                when: project.use == "mall" and building.height_m > 24
                then: [{require: road-occupation-permit}]
                basis: test
                valid_from: 2020-01-01
            """
        ),
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_catalog(root)
    assert [InputError([p]).render("en") for p in caught.value.problems] == [
        "rules/zz.yaml:4:37: error [rule-building-outside] Rule(id='zz-outside') > when: "
        "'building.height_m' is a field of one building: read it after 'any building:' or "
        "'all buildings:' (column 27)\n"
        '    project.use == "mall" and building.height_m > 24\n'
        "                              ^"
    ]


# -- the profile's buildings ---------------------------------------------------------------


def test_a_profile_without_buildings_is_one_building_of_its_project_fields(
    catalog: Catalog,
) -> None:
    profile = _profile(
        catalog,
        project={**BASE["project"], "use": "school", "floor_area_m2": 16000, "height_m": 20},
    )
    layout = {k: v for k, v in profile.items() if k.startswith("buildings.")}
    assert layout == {
        "buildings.count": 1,
        "buildings.0.basement_area_m2": 0,
        "buildings.0.basement_levels": 0,
        "buildings.0.floor_area_m2": 16000,
        "buildings.0.floors_above": 1,
        "buildings.0.height_m": 20,
        "buildings.0.use": "school",
        "buildings.0.spaces.count": 1,
        "buildings.0.spaces.0.floor_area_m2": 16000,
        "buildings.0.spaces.0.use": "school",
    }
    # written back, it stays as short as it was written: the building only repeats the project
    assert "buildings" not in profile.nested()
    changed = profile.nested()
    changed["project"]["floor_area_m2"] = 2000
    assert validate_profile(changed, catalog, file="x")["buildings.0.floor_area_m2"] == 2000


def test_the_project_follows_from_its_buildings(catalog: Catalog) -> None:
    profile = _profile(catalog, buildings=COMPLEX)
    assert profile["project.floor_area_m2"] == 54000
    assert profile["project.height_m"] == 80
    assert profile["project.use"] == "residential"  # the main building: the largest
    assert profile["buildings.1.spaces.1.floor_area_m2"] == 18000  # the rest: housing
    assert profile["buildings.1.spaces.1.use"] == "residential"


def test_a_profile_of_several_buildings_reads_back_as_written(catalog: Catalog) -> None:
    profile = _profile(catalog, buildings=COMPLEX)
    again = validate_profile(profile.nested(), catalog, file="again")
    assert again == profile


@pytest.mark.parametrize("buildings", [None, COMPLEX], ids=["one-from-the-project", "two"])
def test_a_profile_validates_again_from_its_own_items(
    catalog: Catalog, buildings: list[dict[str, Any]] | None
) -> None:
    """``dict(profile)`` holds the building layout (``buildings.0.use`` …); a caller that
    adds a field to it and plans it again gets the same buildings."""
    extra: dict[str, Any] = {"buildings": buildings} if buildings else {}
    if not buildings:
        extra["project"] = {**BASE["project"], "use": "office", "floor_area_m2": 900}
        extra["project.height_m"] = 12
    profile = _profile(catalog, **extra)
    again = validate_profile({**profile, "project.major": True}, catalog, file="again")
    assert {k: v for k, v in again.items() if k != "project.major"} == {
        k: v for k, v in profile.items() if k != "project.major"
    }


def _problems(catalog: Catalog, text: str) -> list[str]:
    from pathplanner._input.yaml import parse_yaml

    data, _ = parse_yaml(textwrap.dedent(text), "p.yaml")
    assert data is not None
    with pytest.raises(InputError) as caught:
        validate_profile(data["profile"], catalog, file="p.yaml", root=data, path=["profile"])
    return [InputError([p]).render("en") for p in caught.value.problems]


def test_buildings_are_checked_with_located_messages(catalog: Catalog) -> None:
    assert _problems(
        catalog,
        """\
        profile:
          project: {investment: enterprise, total_investment_10k: 100, floor_area_m2: 9000}
          land: {supply: existing}
          site: {area_ha: 1}
          buildings:
            - {name: A, use: office, floor_area_m2: 5000, height_m: 20, heigth: 3}
            - name: B
              use: shop
              floor_area_m2: 1000
              height_m: 10
              spaces:
                - {use: mall, floor_area_m2: 800}
                - {use: cinema, floor_area_m2: 400}
        """,
    ) == [
        "p.yaml:2:64: error [profile-building-summary] profile > project: profile field "
        "'project.floor_area_m2' says 9000 but the buildings make 6000: with a buildings list "
        "it follows from the buildings, so leave it out or correct it",
        "p.yaml:6:65: error [profile-unknown-field] profile > buildings[0]: unknown profile "
        "field 'building.heigth'\n  hint: did you mean 'height_m'?",
        "p.yaml:8:12: error [bad-choice] profile > buildings[1] > use: "
        "'building.use' is not one of the allowed values\n"
        "  expected: 'factory', 'warehouse', 'hazardous_plant', 'hazardous_warehouse', "
        "'office', 'rd', 'residential', 'school', 'kindergarten', 'hospital', 'mall', "
        "'hotel', 'market', 'restaurant', 'state_office', 'dispatch_building', "
        "'sports_venue', 'auditorium', 'exhibition_hall', 'transport_waiting', 'cinema', "
        "'library_reading', 'fitness', 'outpatient', 'university_teaching', "
        "'labour_workshop', 'religious', 'childcare_rooms', 'children_play', "
        "'elderly_care', 'ward', 'school_teaching', 'school_dormitory', "
        "'labour_dormitory', 'entertainment', 'entertainment_dining', 'gymnasium', "
        "'parking', 'plant_room', 'rail_transit', 'tunnel', 'power_large', "
        "'hazardous_terminal', 'flammable_gas_station'\n  found: 'shop'\n"
        "  hint: did you mean 'school'?",
        "p.yaml:11:7: error [profile-spaces-exceed] profile > buildings[1]: the spaces add "
        "up to 1200 m², more than the building's floor area of 1000 m²: correct the spaces or "
        "the building's floor_area_m2",
    ]


def test_an_unknown_list_value_suggests_the_declared_ones(catalog: Catalog) -> None:
    problems = _problems(
        catalog,
        """\
        profile:
          project: {investment: enterprise, total_investment_10k: 100, use: office,
                    floor_area_m2: 1000, height_m: 10}
          land: {supply: existing}
          site: {area_ha: 1, zone_assessments: [eia, seismc]}
        """,
    )
    assert problems == [
        "p.yaml:5:46: error [bad-choice] profile > site > zone_assessments: "
        "'site.zone_assessments' is not one of the allowed values\n"
        "  expected: 'eia', 'soil', 'energy', 'geohazard', 'minerals', 'heritage', "
        "'seismic', 'flood', 'traffic'\n  found: 'seismc'\n  hint: did you mean 'seismic'?"
    ]
