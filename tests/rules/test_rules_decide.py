"""Deciding: every conclusion kind, chaining, contradictions, effective dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from _rules_support import AS_OF, WithRules, load_test_catalog, profile, rules_loader

from pathplanner.catalog import Catalog
from pathplanner.catalog.model import Clock, Duration
from pathplanner.decisions import (
    DEFAULT_RULE_ID,
    Alternative,
    Dependency,
    Edits,
    Reason,
)
from pathplanner.errors import InputError
from pathplanner.rules import decide, fired_rules, validity_warnings


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_test_catalog()


@pytest.fixture
def with_rules(tmp_path: Path) -> WithRules:
    return rules_loader(tmp_path)


ENGINES = ["reference", "durable"]


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_defaults_apply_and_required_items_join(catalog: Catalog, engine: str) -> None:
    d = decide(catalog, profile(catalog), as_of=AS_OF, engine=engine)
    assert d.applicable_ids() == (
        "construction-permit",
        "joint-acceptance",
        "planning-acceptance",
        "planning-permit",
        "project-filing",
        "seismic-assessment",
    )
    filing = next(t for t in d.applicable if t.task == "project-filing")
    assert filing.reasons == (
        Reason(
            rule_id="enterprise-filing",
            text='project.investment == "enterprise"',
            basis="《企业投资项目核准和备案管理条例》第三条",
            facts={"project.investment": "enterprise"},
        ),
    )
    permit = next(t for t in d.applicable if t.task == "planning-permit")
    assert [r.rule_id for r in permit.reasons] == [DEFAULT_RULE_ID]
    assert d.engine == engine
    assert d.catalog_hash == catalog.content_hash


def test_three_step_chain_requires_fire_review(catalog: Catalog, engine: str) -> None:
    p = profile(catalog, project__use="mall", project__floor_area_m2=30000)
    d = decide(catalog, p, as_of=AS_OF, engine=engine)
    assert d.facts["derived.public_building"] is True
    assert d.facts["derived.large_public"] is True
    assert d.facts["derived.special_fire_review"] is True
    review = next(t for t in d.applicable if t.task == "fire-design-review")
    # the requiring rule and, down the chain, every rule that derived a fact it read
    reasons = {r.rule_id: r for r in review.reasons}
    assert sorted(reasons) == ["fire-review", "large-public", "public-building", "special-fire"]
    assert reasons["fire-review"].facts == {"derived.special_fire_review": True}
    assert reasons["large-public"].facts == {
        "derived.public_building": True,
        "project.floor_area_m2": 30000,
    }
    assert fired_rules(catalog, p, as_of=AS_OF, engine=engine) == (
        "enterprise-filing",
        "fire-review",
        "large-public",
        "parallel-planning",
        "public-building",
        "size-large",
        "special-fire",
    )
    # one step short of the threshold: nothing of the chain past the first step
    p = profile(catalog, project__use="mall", project__floor_area_m2=20000)
    d = decide(catalog, p, as_of=AS_OF, engine=engine)
    assert d.facts["derived.public_building"] is True
    assert d.facts["derived.large_public"] is False
    assert "fire-design-review" not in d.applicable_ids()


def test_exclusion_by_regional_assessment(catalog: Catalog, engine: str) -> None:
    d = decide(catalog, profile(catalog, site__in_assessed_zone=True), as_of=AS_OF, engine=engine)
    assert "seismic-assessment" not in d.applicable_ids()
    (excluded,) = d.excluded
    assert excluded.task == "seismic-assessment"
    assert excluded.reasons[0].rule_id == "assessed-zone-seismic"


def test_modes_become_options_unless_mandatory(catalog: Catalog, engine: str) -> None:
    p = profile(catalog, site__in_assessed_zone=True, project__height_m=20)
    d = decide(catalog, p, as_of=AS_OF, engine=engine)
    assert [(m.item, m.mode, m.mandatory) for m in d.modes] == [
        ("construction-permit", "commitment", False),
        ("construction-permit", "tolerance", False),
    ]
    (option,) = [o for o in d.options if o.id == "mode:construction-permit"]
    assert option.subject == "construction-permit"
    assert option.alternatives == (
        Alternative(id="normal", zh="常规办理", en="normal handling"),
        Alternative(
            id="commitment",
            zh="告知承诺制",
            en="Approval on commitment",
            edits=Edits(set_modes={"construction-permit": "commitment"}),
            commitments=1,
        ),
        Alternative(
            id="tolerance",
            zh="容缺受理",
            en="Accept with secondary materials missing",
            edits=Edits(set_modes={"construction-permit": "tolerance"}),
        ),
    )
    assert [r.rule_id for r in option.reasons] == ["assessed-zone-commitment", "tolerance-permit"]
    (obligation,) = d.obligations
    assert (obligation.id, obligation.item, obligation.due) == (
        "commitment-check",
        "construction-permit",
        Duration(value=30, clock=Clock.calendar),
    )


def test_mandatory_merged_mode_is_no_option(catalog: Catalog, engine: str) -> None:
    p = profile(catalog, project__floor_area_m2=12000)
    d = decide(catalog, p, as_of=AS_OF, engine=engine)
    assert [(m.item, m.mode, m.mandatory) for m in d.modes] == [
        ("joint-acceptance", "merged", True)
    ]
    assert not [o for o in d.options if o.id.startswith("mode:")]


def test_time_limits_shortest_wins(catalog: Catalog, engine: str) -> None:
    p = profile(catalog, project__major=True, project__land_date="2025-12-31", project__height_m=30)
    d = decide(catalog, p, as_of=AS_OF, engine=engine)
    got = [
        (t.item, t.limit, t.duration.value, [r.rule_id for r in t.reasons]) for t in d.time_limits
    ]
    assert got == [
        ("construction-permit", "committed", 1, ["green-channel"]),
        ("construction-permit", "statutory", 2, ["early-land"]),
        ("planning-permit", "committed", 5, ["green-channel"]),
    ]


def test_parallel_group_and_optional_member(catalog: Catalog, engine: str) -> None:
    p = profile(catalog, project__use="mall", project__floor_area_m2=30000)
    d = decide(catalog, p, as_of=AS_OF, engine=engine)
    (group,) = d.groups
    assert group.members == ("fire-design-review", "planning-permit")
    assert group.optional_members == ("seismic-assessment",)
    assert group.lead_department == "natural-resources"
    assert group.cap == Duration(value=20, clock=Clock.working)
    option = next(o for o in d.options if o.id == "group:stage2-parallel:seismic-assessment")
    assert [a.id for a in option.alternatives] == ["join", "separate"]
    assert option.alternatives[0].edits.join_groups == {"stage2-parallel": ("seismic-assessment",)}
    # string comparison: the old town has no parallel window in this test catalog
    p = profile(
        catalog, project__use="mall", project__floor_area_m2=30000, project__district="old-town"
    )
    assert decide(catalog, p, as_of=AS_OF, engine=engine).groups == ()


def test_dependencies_and_alternatives(catalog: Catalog, engine: str) -> None:
    p = profile(
        catalog, project__investment="government", project__use="mall", project__floor_area_m2=30000
    )
    d = decide(catalog, p, as_of=AS_OF, engine=engine)
    assert [x.dependency for x in d.removed_dependencies] == [
        Dependency(before="filing-notice", after="planning-permit")
    ]
    # the added dependency waits for the filing notice, which a government project lacks
    assert d.added_dependencies == ()
    (alt,) = [o for o in d.options if o.id == "alt:project-document"]
    assert alt.subject == "planning-permit"
    assert [a.id for a in alt.alternatives] == ["approval-reply", "filing-notice"]
    assert alt.alternatives[0].edits == Edits(
        add_dependencies=(Dependency(before="approval-reply", after="planning-permit"),),
        remove_dependencies=(Dependency(before="filing-notice", after="planning-permit"),),
    )
    p = profile(catalog, project__use="mall", project__floor_area_m2=30000)
    d = decide(catalog, p, as_of=AS_OF, engine=engine)
    (added,) = d.added_dependencies
    assert added.dependency == Dependency(
        before="filing-notice",
        after="fire-design-review",
        binds="decision",
        lag=Duration(value=2, clock=Clock.calendar),
    )


def test_effective_dates_at_both_boundaries(catalog: Catalog, engine: str) -> None:
    p = profile(catalog, project__height_m=20)
    # tolerance-permit: valid_until 2026-06-30 inclusive
    last = decide(catalog, p, as_of=dt.date(2026, 6, 30), engine=engine)
    after = decide(catalog, p, as_of=dt.date(2026, 7, 1), engine=engine)
    assert ("construction-permit", "tolerance") in [(m.item, m.mode) for m in last.modes]
    assert "tolerance-permit" not in fired_rules(catalog, p, as_of=dt.date(2026, 7, 1))
    assert after.modes == ()
    # green-channel: valid_from 2022-01-01 inclusive
    major = profile(catalog, project__major=True)
    assert "green-channel" in fired_rules(catalog, major, as_of=dt.date(2022, 1, 1), engine=engine)
    assert "green-channel" not in fired_rules(
        catalog, major, as_of=dt.date(2021, 12, 31), engine=engine
    )
    # seismic-assessment (an item) ends 2026-12-31
    assert (
        "seismic-assessment"
        in decide(catalog, p, as_of=dt.date(2026, 12, 31), engine=engine).applicable_ids()
    )
    assert (
        "seismic-assessment"
        not in decide(catalog, p, as_of=dt.date(2027, 1, 1), engine=engine).applicable_ids()
    )


def test_horizon_warns_about_validity_changes(catalog: Catalog) -> None:
    p = profile(catalog, project__height_m=20)
    d = decide(catalog, p, as_of=AS_OF, horizon=dt.date(2027, 3, 1))
    assert sorted(w.text() for w in d.warnings) == sorted(
        [
            "办理模式 'construction-permit/tolerance' 的有效期在 2026-03-02 至 2027-03-01 "
            "之间发生变化（valid_until 2026-06-30）",
            "办理时限 'planning-permit#1' 的有效期在 2026-03-02 至 2027-03-01 之间发生变化"
            "（valid_until 2026-06-30）",
            "办理时限 'planning-permit#2' 的有效期在 2026-03-02 至 2027-03-01 之间发生变化"
            "（valid_from 2026-07-01）",
            "事项或工作 'seismic-assessment' 的有效期在 2026-03-02 至 2027-03-01 之间发生变化"
            "（valid_until 2026-12-31）",
            "规则 'tolerance-permit' 的有效期在 2026-03-02 至 2027-03-01 之间发生变化"
            "（valid_until 2026-06-30）",
        ]
    )
    # the warnings travel as codes; each reader gets its own language
    assert "item or work 'seismic-assessment' changes validity between 2026-03-02 and " + (
        "2027-03-01 (valid_until 2026-12-31)"
    ) in [w.text("en") for w in d.warnings]
    assert list(d.warnings) == sorted(d.warnings)
    assert decide(catalog, p, as_of=AS_OF).warnings == ()
    plain = decide(catalog, p, as_of=AS_OF)
    assert validity_warnings(catalog, plain, horizon=dt.date(2027, 3, 1)) == d.warnings


def test_unset_optional_field_makes_comparisons_false(catalog: Catalog, engine: str) -> None:
    # project.height_m unset: `project.height_m <= 24` is false, so no tolerance mode
    d = decide(catalog, profile(catalog), as_of=AS_OF, engine=engine)
    assert d.modes == ()


CONTRADICTION = """\
rules:
  - id: zone-needs-seismic
    zh: 大型园区项目仍需地震安评
    when: site.in_assessed_zone and project.floor_area_m2 >= 100000
    then: [require: seismic-assessment]
    basis: 测试
    valid_from: 2020-01-01
"""


def test_overlapping_require_and_exclude_is_a_load_error(with_rules: WithRules) -> None:
    with pytest.raises(InputError) as info:
        with_rules(CONTRADICTION)
    assert [p.message("en") for p in info.value.problems] == [
        "rules/pathway.yaml:18:9: error [rule-contradiction] Rule(id='assessed-zone-seismic'): "
        "rule 'zone-needs-seismic' requires 'seismic-assessment' while rule "
        "'assessed-zone-seismic' excludes it; sample profile: project.floor_area_m2=100000, "
        "site.in_assessed_zone=true"
    ]


def test_contradiction_past_the_search_is_caught_at_decide_time(
    with_rules: WithRules, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pathplanner.catalog.rulebook import contradictions

    monkeypatch.setattr(contradictions, "MAX_COMBINATIONS", 0)
    catalog = with_rules(CONTRADICTION)
    p = profile(catalog, site__in_assessed_zone=True, project__floor_area_m2=200000)
    for engine in ENGINES:
        with pytest.raises(InputError) as info:
            decide(catalog, p, as_of=AS_OF, engine=engine)
        (problem,) = info.value.problems
        assert problem.code == "rule-contradiction"
        assert problem.args["rule"] == "zone-needs-seismic"
        assert problem.args["other"] == "assessed-zone-seismic"
        assert "site.in_assessed_zone=true" in problem.args["sample"]


def test_conflicting_derived_values_found_at_load(with_rules: WithRules) -> None:
    text = """\
    rules:
      - id: small-too
        zh: 冲突
        when: project.floor_area_m2 > 9000 and project.floor_area_m2 < 11000
        then: [derive: {fact: derived.size_class, value: small}]
        basis: 测试
        valid_from: 2020-01-01
    """
    with pytest.raises(InputError) as info:
        with_rules(text)
    (problem,) = info.value.problems
    assert problem.code == "rule-conflict"
    assert problem.args["what"] == "derive derived.size_class"
    assert problem.args["sample"] == "project.floor_area_m2=10000"


def test_rule_that_cannot_fire_is_a_warning(with_rules: WithRules) -> None:
    text = """\
    rules:
      - id: never
        zh: 不可能
        when: project.floor_area_m2 > 100 and project.floor_area_m2 < 50
        then: [require: fire-design-review]
        basis: 测试
        valid_from: 2020-01-01
    """
    catalog = with_rules(text)
    assert [p.message("en") for p in catalog.warnings] == [
        "rules/extra.yaml:2:9: warning [rule-never-fires] Rule(id='never'): rule 'never' "
        "cannot fire for any profile in the declared domain"
    ]


def test_unknown_engine(catalog: Catalog) -> None:
    with pytest.raises(InputError) as info:
        decide(catalog, profile(catalog), as_of=AS_OF, engine="drools")
    assert info.value.problems[0].message("en") == (
        "--engine: error [rule-engine-unknown]: unknown rule engine 'drools' "
        "(available: durable, reference)"
    )
