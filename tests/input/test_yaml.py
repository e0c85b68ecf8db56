"""The safe YAML reader: marks, refusals, scalar typing and located model validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from pathplanner._input.suggest import did_you_mean
from pathplanner._input.validation import validate_model
from pathplanner._input.yaml import (
    MAX_BYTES,
    MAX_DEPTH,
    MarkedDict,
    MarkedList,
    locate,
    parse_yaml,
    read_yaml,
)
from pathplanner.catalog.model import Item, Material, Work


def test_marks_of_keys_values_and_items() -> None:
    data, problems = parse_yaml("a: 1\nb:\n  - x\n  - {c: d}\n", "f.yaml")
    assert problems == []
    assert isinstance(data, MarkedDict)
    assert data.key_marks["b"] == (2, 1)
    assert isinstance(data["b"], MarkedList)
    assert data["b"].item_marks == [(3, 5), (4, 5)]
    assert locate(data, ["a"]) == (1, 4)
    assert locate(data, ["a"], key=True) == (1, 1)
    assert locate(data, ["b", 1, "c"]) == (4, 9)
    # a missing step stops at the deepest node found
    assert locate(data, ["b", 1, "nope", "deeper"]) == (4, 5)
    assert locate(data, ["b", 7]) == (2, 1)


def test_only_true_false_are_booleans_and_dates_stay_strings() -> None:
    text = "a: yes\nb: on\nc: true\nd: 2025-01-01\ne: 1:30\nf: 010\ng: 1.5\nh:\ni: ~\nj: 'true'\n"
    data, problems = parse_yaml(text, "f.yaml")
    assert problems == []
    assert data == {
        "a": "yes",
        "b": "on",
        "c": True,
        "d": "2025-01-01",
        "e": "1:30",
        "f": 10,
        "g": 1.5,
        "h": None,
        "i": None,
        "j": "true",
    }


def test_duplicate_key_is_reported_with_both_lines() -> None:
    data, problems = parse_yaml("a: 1\nb: 2\na: 3\n", "f.yaml")
    assert data == {"a": 1, "b": 2}
    assert [p.message("en") for p in problems] == [
        "f.yaml:3:1: error [yaml-duplicate-key]: duplicate key 'a' (first at line 1)"
    ]
    assert problems[0].message() == (
        "f.yaml:3:1: 错误 [yaml-duplicate-key]: 重复的键 'a'（首次出现在第 1 行）"
    )


@pytest.mark.parametrize(
    "text",
    ["a: &x 1\nb: *x\n", "a: &x [1]\n", "base: &b {k: 1}\nother:\n  <<: *b\n"],
)
def test_anchors_and_aliases_are_refused(text: str) -> None:
    data, problems = parse_yaml(text, "f.yaml")
    assert data is None
    assert [p.code for p in problems] == ["yaml-alias"]
    assert problems[0].line >= 1


def test_python_tags_are_refused() -> None:
    _, problems = parse_yaml("a: !!python/object/apply:os.system ['true']\n", "f.yaml")
    assert [p.code for p in problems] == ["yaml-tag"]
    assert problems[0].location.line == 1


def test_deep_nesting_is_refused() -> None:
    text = "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    data, problems = parse_yaml(text, "f.yaml")
    assert data is None
    assert problems[0].message("en") == (
        f"f.yaml:1:{MAX_DEPTH + 3}: error [yaml-too-deep]: "
        f"nesting too deep: more than {MAX_DEPTH} levels"
    )


def test_syntax_error_is_located() -> None:
    data, problems = parse_yaml("a: 1\nb: [1, 2\nc: 3\n", "f.yaml")
    assert data is None
    assert len(problems) == 1
    assert problems[0].code == "yaml-syntax"
    assert problems[0].line == 3


def test_files_too_large_missing_or_not_utf8(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: 1\n" * (MAX_BYTES // 5 + 1))
    _, problems = read_yaml(big, "big.yaml")
    assert [p.code for p in problems] == ["yaml-too-large"]
    _, problems = read_yaml(tmp_path / "none.yaml", "none.yaml")
    assert [p.code for p in problems] == ["file-missing"]
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"a: 1\nb: \xff\n")
    _, problems = read_yaml(bad, "bad.yaml")
    assert [(p.code, p.line) for p in problems] == [("yaml-encoding", 2)]
    empty = tmp_path / "empty.yaml"
    empty.write_text("# nothing\n")
    assert read_yaml(empty, "empty.yaml") == (None, [])


MATERIAL = """\
id: site-plan
zh: 总平面图
provder: design-institute
copies: 0
confidence: sure
"""


def test_validate_model_locates_every_error_with_breadcrumb_and_hint() -> None:
    data, _ = parse_yaml(MATERIAL, "catalog/materials.yaml")
    model, problems = validate_model(
        Material, data, file="catalog/materials.yaml", breadcrumb="Material(id='site-plan')"
    )
    assert model is None
    assert "\n".join(p.message("en") for p in sorted(problems, key=lambda p: p.sort_key())) == (
        "catalog/materials.yaml:3:1: error [unknown-key] Material(id='site-plan'): "
        "unknown key 'provder'\n"
        "  hint: did you mean 'provider'?\n"
        "catalog/materials.yaml:4:9: error [out-of-range] Material(id='site-plan') > copies: "
        "'copies' is out of range\n"
        "  expected: >= 1\n"
        "  found: 0\n"
        "catalog/materials.yaml:5:13: error [bad-choice] Material(id='site-plan') > confidence: "
        "'confidence' is not one of the allowed values\n"
        "  expected: 'verified', 'recalled', 'inferred'\n"
        "  found: 'sure'"
    )
    zh = sorted(problems, key=lambda p: p.sort_key())[0].message()
    assert zh == (
        "catalog/materials.yaml:3:1: 错误 [unknown-key] Material(id='site-plan'): "
        "未知的键 'provder'\n"
        "  建议：是否是 'provider'？"
    )


ITEM = """\
id: x
zh: 某事项
kind: approval
stage: s
department: d
basis: 某法
valid_from: 2020-01-01
materials:
  - m1
  - {material: m2, copies: many}
time_limits:
  statutory:
    - {value: 20, valid_from: 2020-13-01, basis: b}
"""


def test_nested_errors_name_the_path_by_index() -> None:
    data, _ = parse_yaml(ITEM, "i.yaml")
    _, problems = validate_model(Item, data, file="i.yaml", breadcrumb="Item(id='x')")
    rendered = [p.message("en").splitlines()[0] for p in problems]
    assert rendered == [
        "i.yaml:10:28: error [bad-type] Item(id='x') > materials[1] > copies: "
        "'copies' has the wrong type",
        "i.yaml:13:31: error [bad-type] Item(id='x') > time_limits > statutory[0] > "
        "valid_from: 'valid_from' has the wrong type",
    ]
    assert problems[1].message().splitlines()[1] == "  期望：日期，格式 YYYY-MM-DD"


def test_missing_key_points_at_the_mapping() -> None:
    data, _ = parse_yaml("id: w\nzh: 设计\nstage: s\nprovider: p\nvalid_from: 2020-01-01\n", "w")
    _, problems = validate_model(Work, data, file="w.yaml", breadcrumb="Work(id='w')")
    assert [p.message("en") for p in problems] == [
        "w.yaml:1:1: error [missing-key] Work(id='w'): missing required key 'duration'"
    ]


def test_union_errors_report_only_the_closest_member() -> None:
    text = "id: w\nzh: 设计\nstage: s\nprovider: p\nvalid_from: 2020-01-01\nduration: {value: -1}\n"
    data, _ = parse_yaml(text, "w.yaml")
    _, problems = validate_model(Work, data, file="w.yaml", breadcrumb="Work(id='w')")
    assert [p.message("en").splitlines()[0] for p in problems] == [
        "w.yaml:6:19: error [out-of-range] Work(id='w') > duration > value: 'value' is out of range"
    ]


def test_did_you_mean() -> None:
    assert did_you_mean("statutry", ["statutory", "committed"]) == ["statutory"]
    assert did_you_mean("Fire_Review", ["fire-review", "fire-reviews"])[0] == "fire-review"
    assert did_you_mean("zzz", ["statutory"]) == []
    assert did_you_mean("a", []) == []


def test_model_checks_are_said_in_the_users_language() -> None:
    data, _ = parse_yaml("id: m\nzh: 图\nprovider: a\nissued_by: b\n", "m.yaml")
    _, problems = validate_model(Material, data, file="m.yaml", breadcrumb="Material(id='m')")
    assert [p.message() for p in problems] == [
        "m.yaml:4:12: 错误 [invalid-combination] Material(id='m'): 取值相互矛盾\n"
        "  建议：'provider' 与 'issued_by' 只能给一个"
    ]
    assert problems[0].message("en").splitlines()[1] == (
        "  hint: give either 'provider' or 'issued_by', not both"
    )
