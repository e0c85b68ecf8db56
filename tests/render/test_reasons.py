"""Reasons in words: every report writes a reason from the rule's title and the facts'
labels and values, never from the rule's condition (#15 §2)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pathplanner.plan.model import Name, Plan, PlanReason
from pathplanner.render.html import render_html
from pathplanner.render.markdown import render_markdown
from pathplanner.render.reasons import reason_sentence
from snapshots import example_paths, example_plan

FACTORY = next(p for p in example_paths() if p.stem == "factory-in-assessed-park")

# What a rule's condition looks like and a reader must never see in a report
RULE_SYNTAX = re.compile(
    r"==|!=|>=|<=| [<>] |applies_by_default|catalog:|sum of |"
    r"\b(project|site|land|env|energy|derived|utilities|buildings|chemicals|investor)\.[a-z_]"
)


def _all_reasons(plan: Plan) -> list[PlanReason]:
    return [
        *(r for e in plan.disclosure.entries for r in e.reasons),
        *(r for n in plan.disclosure.not_applicable for r in n.reasons),
    ]


def test_a_rule_reason_is_its_title_the_facts_in_words_and_the_basis() -> None:
    plan = example_plan(FACTORY)
    [entry] = [e for e in plan.disclosure.entries if e.item == "eia-report-form-approval"]
    reason = next(r for r in entry.reasons if r.rule_id == "eia-report-form")
    assert reason.title == Name(
        zh="编制报告表的项目审批环评报告表，开工前取得批复",
        en="Report-form EIA projects need the approval before works start",
    )
    assert reason.facts_in_words == [
        Name(
            zh="环境影响评价类别为“编制环境影响报告表”",
            en="Environmental impact assessment category is “Report form”",
        )
    ]
    assert reason_sentence(reason) == (
        "编制报告表的项目审批环评报告表，开工前取得批复。环境影响评价类别为“编制环境影响报告表”"
        f"（依据：{reason.basis}）"
    )
    assert reason_sentence(reason, "en") == (
        "Report-form EIA projects need the approval before works start. Environmental impact "
        f"assessment category is “Report form” (basis: {reason.basis})"
    )


def test_numbers_yes_no_and_list_members_read_as_words() -> None:
    plan = example_plan(FACTORY)
    words = {w.zh for r in _all_reasons(plan) for w in r.facts_in_words}
    assert "项目用地面积为 4.5 公顷" in words
    assert "“位于水土保持规划确定的容易发生水土流失区域”：是" in words
    assert "所在园区已完成的区域评估包括“环境影响评价”" in words
    english = {w.en for r in _all_reasons(plan) for w in r.facts_in_words}
    assert "Site area is 4.5 ha" in english


def test_a_catalog_default_and_a_plan_without_words_still_read() -> None:
    default = PlanReason(rule_id="catalog:applies_by_default", text="", basis="《建筑法》第七条")
    assert reason_sentence(default) == "目录规定该事项默认办理（依据：《建筑法》第七条）"
    assert reason_sentence(default, "en") == (
        "The catalog applies it by default (basis: 《建筑法》第七条)"
    )
    older = PlanReason(rule_id="r", text='project.use == "factory"', basis="")
    assert reason_sentence(older) == 'project.use == "factory"（r）'  # a 1.1 plan


@pytest.mark.parametrize("example", example_paths(), ids=lambda p: p.stem)
def test_every_fact_is_a_clause_and_no_report_shows_rule_syntax(example: Path) -> None:
    plan = example_plan(example)
    for reason in _all_reasons(plan):
        names = [k for k in reason.facts if re.fullmatch(r"buildings\.\d+\.name", k)]
        assert len(reason.facts_in_words) == len(reason.facts) - len(names)
        for lang in ("zh", "en"):
            sentence = reason_sentence(reason, lang)
            assert not RULE_SYNTAX.search(sentence), sentence
            assert reason.rule_id not in sentence
    for lang in ("zh", "en"):
        markdown = render_markdown(plan, lang)
        html = render_html(plan, lang)
        for reason in _all_reasons(plan):
            assert reason.text not in markdown
            assert reason.text not in html
