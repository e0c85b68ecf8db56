"""Loading rule files: located errors for every kind of mistake policy staff make."""

from __future__ import annotations

from pathlib import Path

import pytest
from _rules_support import WithRules, load_test_catalog, rules_loader

from pathplanner.catalog import Catalog
from pathplanner.errors import InputError


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_test_catalog()


@pytest.fixture
def with_rules(tmp_path: Path) -> WithRules:
    return rules_loader(tmp_path)


def messages(with_rules: WithRules, text: str, *, keep: bool = True) -> list[str]:
    with pytest.raises(InputError) as info:
        with_rules(text, keep=keep)
    return [p.message("en") for p in info.value.problems]


RULE = """\
rules:
  - id: bad
    zh: 测试
    when: {when}
    then:
      - {then}
    basis: 测试依据
    valid_from: 2020-01-01
"""


def rule(when: str = "project.major", then: str = "require: fire-design-review") -> str:
    return RULE.format(when=when, then=then)


def test_the_test_catalog_loads_without_problems(catalog: Catalog) -> None:
    assert len(catalog.rules) == 15
    assert [p for p in catalog.warnings if p.code.startswith("rule")] == []


def test_type_error_names_the_column_and_draws_a_caret(with_rules: WithRules) -> None:
    got = messages(with_rules, rule(when='project.floor_area_m2 == "abc"'))
    assert got == [
        "rules/extra.yaml:4:36: error [rule-type-error] Rule(id='bad') > when: type error: "
        "'project.floor_area_m2' is of type number and cannot be compared with \"abc\" "
        "(column 26)\n"
        '    project.floor_area_m2 == "abc"\n'
        "                             ^"
    ]


def test_unknown_name_suggests_the_nearest_field(with_rules: WithRules) -> None:
    got = messages(with_rules, rule(when="project.floor_area > 5"))
    assert got == [
        "rules/extra.yaml:4:11: error [rule-unknown-name] Rule(id='bad') > when: unknown "
        "field or fact 'project.floor_area' in the condition (column 1)\n"
        "    project.floor_area > 5\n"
        "    ^\n"
        "  hint: did you mean 'project.floor_area_m2'?"
    ]


def test_quoted_condition_columns_count_from_inside_the_quotes(with_rules: WithRules) -> None:
    got = messages(with_rules, rule(when="'project.major and project.uses == \"mall\"'"))
    assert got[0].startswith("rules/extra.yaml:4:30: error [rule-unknown-name]")
    assert "did you mean 'project.use'?" in got[0]


def test_enum_value_not_declared(with_rules: WithRules) -> None:
    got = messages(with_rules, rule(when='project.use in ["mall", "hospitl"]'))
    assert len(got) == 1
    assert "'project.use' declares no value \"hospitl\" (column 25; declared: " in got[0]
    assert got[0].endswith("hint: did you mean 'hospital'?")


@pytest.mark.parametrize(
    ("when", "code", "column"),
    [
        ("project.major and", "rule-syntax-end", 18),
        ("project.floor_area_m2 = 5", "rule-syntax", 23),
        ('project.use < "mall"', "rule-not-ordered", 13),
        ("project.floor_area_m2", "rule-not-bool-name", 1),
        ("project.height_m > 2.5", "rule-type-error", 20),
        ("project.major == 1", "rule-type-error", 18),
        ("project.land_date > 2025-02-30", "rule-bad-date", 21),
        ('project.land_date > "2025-01-01"', "rule-type-error", 21),
        ("1 < 2", "rule-needs-name", 3),
        ("5", "rule-not-bool", 1),
    ],
)
def test_condition_errors(with_rules: WithRules, when: str, code: str, column: int) -> None:
    with pytest.raises(InputError) as info:
        with_rules(rule(when=f"'{when}'"))
    (problem,) = info.value.problems
    assert problem.code == code
    assert problem.args["column"] == str(column)
    assert problem.location.line == 4
    assert problem.location.column == 11 + column  # after "    when: '"
    assert problem.breadcrumb == "Rule(id='bad') > when"


@pytest.mark.parametrize(
    ("then", "expected"),
    [
        (
            "require: fire-design-reveiw",
            "rules/extra.yaml:6:18: error [unknown-reference] Rule(id='bad') > then[0]: "
            "unknown item or work 'fire-design-reveiw'\n"
            "  hint: did you mean 'fire-design-review'?",
        ),
        (
            "enable_mode: {item: construction-permit, mode: commitmnt}",
            "rules/extra.yaml:6:56: error [rule-unknown-mode] Rule(id='bad') > then[0]: "
            "item 'construction-permit' declares no mode 'commitmnt'\n"
            "  expected: commitment, tolerance\n"
            "  hint: did you mean 'commitment'?",
        ),
        (
            "parallel_group: {id: g, zh: 组, lead: housng, members: [planning-permit]}",
            "rules/extra.yaml:6:46: error [unknown-reference] Rule(id='bad') > then[0]: "
            "unknown department 'housng'\n"
            "  hint: did you mean 'housing'?",
        ),
        (
            "derive: derived.large_publik",
            "rules/extra.yaml:6:17: error [rule-fact-not-declared] Rule(id='bad') > then[0]: "
            "derived fact 'derived.large_publik' is not declared under facts\n"
            "  hint: did you mean 'derived.large_public'?",
        ),
        (
            "requires: fire-design-review",
            "rules/extra.yaml:6:9: error [rule-conclusion-kind] Rule(id='bad') > then[0]: "
            "unknown conclusion kind 'requires'\n"
            "  expected: derive, require, exclude, enable_mode, set_time_limit, parallel_group, "
            "add_dependency, remove_dependency, alternatives, obligation\n"
            "  hint: did you mean 'require'?",
        ),
    ],
)
def test_conclusion_errors(with_rules: WithRules, then: str, expected: str) -> None:
    assert messages(with_rules, rule(then=then)) == [expected]


def test_derive_value_of_the_wrong_type(with_rules: WithRules) -> None:
    got = messages(with_rules, rule(then="derive: {fact: derived.size_class, value: huge}"))
    assert got == [
        "rules/extra.yaml:6:17: error [rule-derive-value] Rule(id='bad') > then[0]: "
        "fact 'derived.size_class' is of type enum and cannot take the value huge"
    ]


def test_duplicate_rule_id_names_the_first(with_rules: WithRules) -> None:
    got = messages(with_rules, rule().replace("id: bad", "id: green-channel"))
    assert got == [
        # files are read in path order: extra.yaml comes first
        "rules/pathway.yaml:41:9: error [duplicate-id] Rule(id='green-channel'): duplicate id "
        "'green-channel' (first defined at rules/extra.yaml:2:9)"
    ]


def test_cycle_of_derived_facts(with_rules: WithRules) -> None:
    text = """\
    facts:
      - {id: derived.a, type: bool, zh: 甲}
      - {id: derived.b, type: bool, zh: 乙}
    rules:
      - {id: ra, zh: 甲, when: derived.b, then: [derive: derived.a], basis: x,
         valid_from: 2020-01-01}
      - {id: rb, zh: 乙, when: derived.a, then: [derive: derived.b], basis: x,
         valid_from: 2020-01-01}
    """
    got = messages(with_rules, text, keep=False)
    assert got == [
        "rules/extra.yaml:5:10: error [rule-derive-cycle] Rule(id='ra'): derived facts form a "
        "cycle: ra → rb → ra"
    ]


def test_unknown_top_level_key_and_fact_clash(with_rules: WithRules) -> None:
    text = """\
    fact:
      - {id: derived.a, type: bool, zh: 甲}
    """
    got = messages(with_rules, text)
    assert got[0].startswith("rules/extra.yaml:1:1: error [unknown-key]")
    assert "did you mean 'facts'?" in got[0]
