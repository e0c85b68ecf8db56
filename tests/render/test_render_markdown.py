"""The Markdown document: investor-facing, Chinese by default, English on request."""

from __future__ import annotations

from pathplanner.render.markdown import render_markdown
from plan_fixtures import plan as fixture_plan
from plan_fixtures import plan_counted_into_2027


def test_chinese_document_structure() -> None:
    md = render_markdown(fixture_plan())
    headings = [line for line in md.splitlines() if line.startswith("#")]
    assert headings == [
        "# 测试项目：一次性告知清单与材料计划",
        "## 概要",
        "## 提醒",
        "## 一次性告知清单",
        "### 1. 企业投资项目备案（`project-filing`）",
        "### 2. 建设工程规划许可证核发（`planning-permit`）",
        "### 3. 建筑工程施工许可证核发（`construction-permit`）",
        "## 不适用的事项",
        "## 材料计划",
        "## 办理方案比较",
        "## 办理后的义务",
    ]


def test_material_rows_say_original_copies_provider_and_reuse() -> None:
    md = render_markdown(fixture_plan())
    assert "| 设计图纸 | 原件 | 2 | 设计单位 | — |" in md
    assert "| 勘察报告 | 复印件 | 1 | 未指定 | 可容缺，2026-03-30 前补齐 |" in md
    assert "已在“企业投资项目备案”提交，可复用" in md
    assert "“建设工程规划许可证核发”已留存原件，需另备一份原件" in md
    assert "- 事后核查：2026-05-02 前（办结后 30 个自然日）" in md


def test_english_document_falls_back_and_says_so() -> None:
    md = render_markdown(fixture_plan(), "en")
    assert md.startswith("# Test project: one-time disclosure list and material plan\n")
    assert "### 1. Project filing" in md
    last = md.rstrip("\n").splitlines()[-1]
    assert last.startswith("The catalog has no English for these names, shown in Chinese: ")
    assert "survey-report" in last


def test_same_plan_same_text() -> None:
    assert render_markdown(fixture_plan()) == render_markdown(fixture_plan())


def test_provisional_due_dates_and_other_finish_are_marked() -> None:
    md = render_markdown(plan_counted_into_2027())
    assert "| 按法定时限的完成日 | 2027-03-01（暂定） |" in md
    assert "- 事后核查：2027-01-11（暂定） 前（办结后 30 个自然日）" in md
    assert "| 建筑工程施工许可证核发 | 事后核查 | 2027-01-11（暂定） |" in md
    assert "2027 年的节假日安排尚未公布，落在其中的日期为暂定。" in md
    en = render_markdown(plan_counted_into_2027(), "en")
    assert "| Finish with statutory limits | 2027-03-01 (provisional) |" in en


def test_dates_in_published_years_carry_no_mark() -> None:
    md = render_markdown(fixture_plan())
    assert "- 事后核查：2026-05-02 前（办结后 30 个自然日）" in md
    assert "| 建筑工程施工许可证核发 | 事后核查 | 2026-05-02 |" in md
    assert "暂定" not in md
