"""YAML and condition slips typed on a Chinese keyboard: said in the CLI's language, on the
line that holds them, with how to fix them (#15 §6)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pathplanner._input.hints import FULL_WIDTH, condition_hint, yaml_slip
from pathplanner._input.yaml import parse_yaml
from pathplanner.catalog.rulebook.expressions import ExprError, parse
from pathplanner.cli import main

MINI = Path(__file__).resolve().parents[1] / "data" / "mini"


def test_a_full_width_colon_after_a_key_is_reported_on_its_own_line_with_a_hint() -> None:
    text = "name: x\nprofile:\n  project：\n    use: factory\n"
    _, [problem] = parse_yaml(text, "p.yaml")
    assert (problem.code, problem.line, problem.location.column) == ("yaml-syntax", 3, 10)
    assert problem.message("zh") == (
        "p.yaml:3:10: 错误 [yaml-syntax]: YAML 语法错误：此处不能写“键: 值”：上一行可能缺少半角"
        "冒号，或缩进不对，或值中含有未加引号的“: ”\n"
        "  建议：“：”是全角符号：YAML 和条件表达式的符号要用半角，请改为“:”（切换到英文输入法）"
    )
    assert "hint: '：' is a full-width character" in problem.message("en")


def test_a_full_width_colon_without_a_space_is_found_on_the_line_before() -> None:
    text = 'rules:\n  - id: r\n    when：project.use == "factory"\n    then: []\n'
    _, [problem] = parse_yaml(text, "r.yaml")
    assert (problem.line, problem.location.column) == (3, 9)
    assert problem.hint == "hint-full-width"


def test_pyyaml_complaints_read_in_chinese_and_plain_english() -> None:
    _, [problem] = parse_yaml("a: 1\nb: [1, 2\nc: 3\n", "f.yaml")
    assert "方括号没有闭合" in problem.message("zh")
    assert "a square bracket is not closed" in problem.message("en")
    assert "expected ',' or ']'" not in problem.message("zh")


def test_a_full_width_character_inside_quotes_or_a_comment_is_no_slip() -> None:
    text = 'a: "键：值"  # 注释：说明\nb: [1, 2\n'
    assert yaml_slip(text, 2) is None


@given(st.sampled_from(sorted(set(FULL_WIDTH) - {"\u3000"})))
def test_every_full_width_stand_in_in_a_condition_is_named(char: str) -> None:
    condition = f'project.use == "factory" and {char}site.area_ha > 1'
    with pytest.raises(ExprError) as caught:
        parse(condition)
    assert caught.value.args_.get("tip") == "hint-full-width"
    assert caught.value.args_["ascii"] == FULL_WIDTH[char]


def test_a_single_equals_gets_the_double_equals_hint() -> None:
    assert condition_hint('project.use = "factory"', 13) == ("hint-double-equals", {})
    assert condition_hint("project.floor_area_m2 >= 5", 23) is None


def test_check_shows_the_hints_for_a_rule_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "mini"
    shutil.copytree(MINI, copy)
    rules = copy / "rules" / "mini.yaml"
    original = rules.read_text(encoding="utf-8")
    rules.write_text(
        original.replace(
            'when: project.investment == "enterprise"', 'when: project.investment = "enterprise"'
        ),
        encoding="utf-8",
    )
    assert main(["check", str(copy)]) == 1
    assert "  建议：比较是否相等要写“==”，单个“=”不是比较运算符" in capsys.readouterr().err
    rules.write_text(
        original.replace(
            'when: project.investment == "enterprise"', 'when：project.investment == "enterprise"'
        ),
        encoding="utf-8",
    )
    assert main(["check", str(copy)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(
        "rules/mini.yaml:10:9: 错误 [yaml-syntax]: YAML 语法错误：键后缺少半角冒号“:”\n"
    )
    assert "请改为“:”" in err
