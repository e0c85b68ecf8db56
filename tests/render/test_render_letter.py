"""What the disclosure letter says, before any layout: the header, the items, the
deadlines, the items that do not apply (shared by the .docx and the PDF)."""

from __future__ import annotations

from letter_checks import example_letter
from pathplanner.organisation import Letter
from pathplanner.render.letter import LetterDue, letter_content
from plan_fixtures import plan as fixture_plan


def test_the_header_takes_the_letter_file_and_leaves_the_rest_blank() -> None:
    plan = fixture_plan()
    header = {f.label: f.value for f in letter_content(plan, example_letter()).header}
    assert header["告知单位"] == "工业园区企业服务中心代办点"
    assert header["联系人"] == "陈明"
    assert header["项目名称"] == "测试项目"  # the letter names none: the project file's title
    named = letter_content(plan, Letter(project="某厂房", agreement="DB-1")).header
    assert {f.label: f.value for f in named}["项目名称"] == "某厂房"
    assert [f.label for f in named if not f.value] == [
        "告知单位",
        "单位地址",
        "单位电话",
        "代办员",
        "代办员电话",
        "投资主体（申请人）",
        "联系人",
        "联系电话",
        "告知日期",
    ]


def test_items_keep_the_disclosure_order_and_say_what_an_investor_needs() -> None:
    content = letter_content(fixture_plan())
    assert [(i.number, i.name) for i in content.items] == [
        (1, "企业投资项目备案"),
        (2, "建设工程规划许可证核发"),
        (3, "建筑工程施工许可证核发"),
    ]
    facts = [f.label for f in content.items[0].facts]
    assert facts == ["受理部门及窗口", "办理模式", "办理时限", "计划日期", "收费", "前置条件"]
    survey = next(m for m in content.items[1].materials if m.name == "勘察报告")
    assert (survey.form, survey.copies, survey.provider) == ("复印件", "1", "未指定")
    assert survey.note == "可容缺，2026-03-30 前补齐"


def test_commitments_and_supplements_are_listed_with_their_deadlines() -> None:
    content = letter_content(fixture_plan())
    assert content.commitments == (
        LetterDue("建筑工程施工许可证核发", "事后核查", "2026-05-02 前（办结后 30 个自然日）"),
    )
    assert LetterDue("建设工程规划许可证核发", "勘察报告", "2026-03-30 前") in content.supplements


def test_each_item_that_does_not_apply_is_one_sentence_with_its_reason() -> None:
    plan = fixture_plan()
    (sentence,) = letter_content(plan).not_applicable
    (excluded,) = plan.disclosure.not_applicable
    assert sentence.startswith(f"{excluded.name.zh}：不需办理，")
    assert sentence.endswith("。") and sentence.count("。") == 1
    assert "==" not in sentence and excluded.reasons[0].rule_id not in sentence


def test_the_english_letter() -> None:
    content = letter_content(fixture_plan(), lang="en")
    assert content.title == "One-time disclosure letter"
    assert content.labels["letter-receipt"] == "6. Acknowledgement of receipt"
    assert [f.label for f in content.items[0].facts][:2] == [
        "Department and window",
        "Handling mode",
    ]
