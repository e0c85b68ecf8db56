"""``--reset`` edits only the ``expect:`` blocks of a scenario file."""

from __future__ import annotations

import datetime as dt

import pytest

from pathplanner import _yaml
from pathplanner.policy._rewrite import LayoutError, dump_expect, rewrite_expectations

SOURCE = """\
# 园区场景
scenarios:
  # 第一个场景
  - name: 园区厂房
    profile: ../../examples/factory.yaml
    expect:
      present: [planning-permit]   # 注释会随块一起重写
      finish: 2026-01-01

    # 第二个场景
  - expect:
      working_days: 3
    name: 小仓库
    profile: {project: {investment: enterprise}}
  - name: 没有期望
    profile: other.yaml
# 文件结尾的注释
"""


def test_only_expect_blocks_change() -> None:
    new = {
        0: {"present": ["planning-permit", "yes"], "finish": dt.date(2026, 2, 2)},
        1: {},
        2: {"modes": {"construction-permit": "commitment"}, "reasons": {"x": ["1-rule"]}},
    }
    assert (
        rewrite_expectations(SOURCE, new)
        == """\
# 园区场景
scenarios:
  # 第一个场景
  - name: 园区厂房
    profile: ../../examples/factory.yaml
    expect:
      present:
        - planning-permit
        - "yes"
      finish: 2026-02-02

    # 第二个场景
  - expect: {}
    name: 小仓库
    profile: {project: {investment: enterprise}}
  - name: 没有期望
    profile: other.yaml
    expect:
      modes:
        construction-permit: commitment
      reasons:
        x:
          - "1-rule"
# 文件结尾的注释
"""
    )


def test_rewritten_file_reads_back() -> None:
    new = {0: {"present": ["a"], "absent": ["b"], "groups": {"g": ["a", "c"]}, "working_days": 7}}
    text = rewrite_expectations(SOURCE, new)
    data, problems = _yaml.parse_yaml(text, "x.yaml")
    assert problems == []
    assert data["scenarios"][0]["expect"] == {
        "present": ["a"],
        "absent": ["b"],
        "groups": {"g": ["a", "c"]},
        "working_days": 7,
    }
    assert data["scenarios"][1]["expect"] == {"working_days": 3}


def test_flow_style_list_is_refused() -> None:
    with pytest.raises(LayoutError):
        rewrite_expectations("scenarios: [{name: a, profile: x.yaml}]\n", {0: {}})


def test_dump_keeps_key_order() -> None:
    lines = dump_expect({"finish": dt.date(2026, 1, 2), "present": ["a"]}, 4)
    assert lines == ["expect:", "      present:", "        - a", "      finish: 2026-01-02"]
