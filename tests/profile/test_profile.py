"""Profiles: validation against the catalog's fields, defaults, and the intake-form schema."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathplanner._input.yaml import parse_yaml
from pathplanner.catalog import Catalog
from pathplanner.catalog.loader import load_catalog
from pathplanner.errors import InputError
from pathplanner.profile import Profile, load_profile, profile_json_schema, validate_profile

MINI = Path(__file__).resolve().parents[1] / "data" / "mini"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(MINI)


def test_nested_and_dotted_keys_with_defaults(catalog: Catalog) -> None:
    nested = validate_profile(
        {"project": {"investment": "enterprise", "floor_area_m2": 30000}}, catalog, file="p"
    )
    dotted = validate_profile(
        {"project.investment": "enterprise", "project.floor_area_m2": 30000}, catalog, file="p"
    )
    assert nested == dotted
    assert dict(nested) == {
        "project.floor_area_m2": 30000,
        "project.investment": "enterprise",
        "site.in_assessed_zone": False,
    }
    assert nested.nested() == {
        "project": {"floor_area_m2": 30000, "investment": "enterprise"},
        "site": {"in_assessed_zone": False},
    }
    assert hash(nested) == hash(dotted)
    assert isinstance(nested, Profile)


@pytest.mark.parametrize(
    ("body", "first", "second"),
    [
        ("  project.floor_area_m2: 100\n  project:\n    floor_area_m2: 200\n", 2, 4),
        ("  project:\n    floor_area_m2: 200\n  project.floor_area_m2: 100\n", 3, 4),
    ],
)
def test_a_field_given_dotted_and_nested_is_a_duplicate(
    catalog: Catalog, tmp_path: Path, body: str, first: int, second: int
) -> None:
    """Both spellings name one field: refusing the second beats silently keeping the last."""
    path = tmp_path / "p.yaml"
    path.write_text(f"name: p\nprofile:\n{body}", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_profile(path, catalog)
    (problem,) = [p for p in caught.value.problems if p.code == "profile-duplicate-field"]
    assert problem.location.line == second + 1  # the file starts with `name:` and `profile:`
    assert problem.message("en").endswith(
        f"profile field 'project.floor_area_m2' is given twice (first at line {first + 1}); "
        "a dotted key and a nested key name the same field: keep one"
    )


PROFILE = """\
name: small-factory
zh: 小型厂房
start: 2026-03-02
profile:
  project:
    investment: enterprize
    floor_area_m2: -5
    use: factory
  site:
    in_assessed_zone: "yes"
"""


def test_every_profile_problem_is_located(catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(PROFILE)
    with pytest.raises(InputError) as info:
        load_profile(path, catalog)
    shown = info.value.render("en").replace(path.as_posix(), "p.yaml")
    assert shown == (
        "p.yaml:6:17: error [bad-choice] profile > project > investment: "
        "'project.investment' is not one of the allowed values\n"
        "  expected: 'government', 'enterprise'\n"
        "  found: 'enterprize'\n"
        "  hint: did you mean 'enterprise'?\n"
        "p.yaml:7:20: error [out-of-range] profile > project > floor_area_m2: "
        "'project.floor_area_m2' is out of range\n"
        "  expected: 0 – 10000000\n"
        "  found: -5\n"
        "p.yaml:8:5: error [profile-unknown-field] profile > project: "
        "unknown profile field 'project.use'\n"
        "p.yaml:10:23: error [bad-type] profile > site > in_assessed_zone: "
        "'site.in_assessed_zone' has the wrong type\n"
        "  expected: true or false\n"
        "  found: 'yes'"
    )


def test_missing_required_field_and_did_you_mean(catalog: Catalog) -> None:
    data, _ = parse_yaml("project:\n  investmnt: government\n", "p.yaml")
    with pytest.raises(InputError) as info:
        validate_profile(data, catalog, file="p.yaml")
    assert [p.message() for p in info.value.problems] == [
        "p.yaml:1:1: 错误 [profile-missing-field] profile: 缺少必填的项目信息字段 "
        "'project.floor_area_m2'",
        "p.yaml:1:1: 错误 [profile-missing-field] profile: 缺少必填的项目信息字段 "
        "'project.investment'",
        "p.yaml:2:3: 错误 [profile-unknown-field] profile > project: 未知的项目信息字段 "
        "'project.investmnt'\n  建议：是否是 'project.investment'？",
    ]


def test_load_profile_document(catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text(
        "name: ok\nstart: 2026-03-02\nprofile:\n  project: {investment: government, "
        "floor_area_m2: 12.5}\n  site.in_assessed_zone: true\n"
    )
    doc = load_profile(path, catalog)
    assert doc.name == "ok"
    assert doc.start == dt.date(2026, 3, 2)
    assert doc.as_of is None
    assert doc.profile["site.in_assessed_zone"] is True
    assert doc.profile["project.floor_area_m2"] == 12.5
    assert load_profile(str(path), catalog) == doc  # a plain string path works too


def test_json_schema_renders_an_intake_form(catalog: Catalog) -> None:
    schema = profile_json_schema(catalog)
    assert json.dumps(schema, ensure_ascii=False) == json.dumps(
        profile_json_schema(catalog), ensure_ascii=False
    )
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["required"] == ["name", "profile"]
    profile = schema["properties"]["profile"]
    assert profile["required"] == ["project"]
    project = profile["properties"]["project"]
    assert project["required"] == ["floor_area_m2", "investment"]
    assert project["properties"]["investment"] == {
        "title": "投资类型",
        "description": "投资类型",  # the mini catalog gives no help text: the title stands in
        "type": "string",
        "enum": ["government", "enterprise"],
        "oneOf": [
            {"const": "government", "title": "政府投资"},
            {"const": "enterprise", "title": "企业投资"},
        ],
        "x-enum-labels": {
            "government": {"zh": "政府投资", "en": "Government-funded"},
            "enterprise": {"zh": "企业投资", "en": "Enterprise-funded"},
        },
        "x-field-id": "project.investment",
        "x-title": {"zh": "投资类型", "en": "Investment type"},
    }
    area = project["properties"]["floor_area_m2"]
    assert (area["type"], area["minimum"], area["maximum"], area["x-unit"]) == (
        "number",
        0,
        10000000,
        "m²",
    )
    assert area["description"] == "地上与地下建筑面积之和"
    zone = profile["properties"]["site"]["properties"]["in_assessed_zone"]
    assert (zone["type"], zone["default"]) == ("boolean", False)
    english = profile_json_schema(catalog, "en")
    assert (
        english["properties"]["profile"]["properties"]["project"]["properties"]["investment"][
            "title"
        ]
        == "Investment type"
    )


def test_schema_accepts_what_validate_profile_accepts(catalog: Catalog) -> None:
    """The schema and the validator agree on a valid example (checked structurally: every
    key of a valid profile is a property of the schema and required keys are present)."""
    schema = profile_json_schema(catalog)["properties"]["profile"]
    profile = validate_profile(
        {"project": {"investment": "enterprise", "floor_area_m2": 1}}, catalog, file="p"
    )
    for group, members in profile.nested().items():
        props = schema["properties"][group]["properties"]
        assert set(members) <= set(props)
        assert set(schema["properties"][group].get("required", [])) <= set(members)


_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**9), 10**9),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["enterprise", "government", "enterprize", "2026-01-01", "", "x"]),
    st.lists(st.integers(), max_size=2),
)


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.dictionaries(
        st.sampled_from(
            ["project.investment", "project.floor_area_m2", "site.in_assessed_zone", "site.x"]
        ),
        _VALUES,
    )
)
def test_any_profile_validates_or_raises_located_problems(
    catalog: Catalog, raw: dict[str, object]
) -> None:
    """Invariant: validate_profile returns a Profile that validates again to itself, or
    raises InputError whose every problem has a breadcrumb and a known code."""
    try:
        profile = validate_profile(raw, catalog, file="p.yaml")
    except InputError as error:
        assert error.problems
        assert all(p.breadcrumb and p.file == "p.yaml" for p in error.problems)
        assert all(p.message("zh") and p.message("en") for p in error.problems)
        return
    assert validate_profile(profile.nested(), catalog, file="p.yaml") == profile
    assert set(profile) >= {"project.investment", "project.floor_area_m2"}
