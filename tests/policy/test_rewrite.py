"""``--reset`` edits only the ``expect:`` blocks of a scenario file."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathplanner._input import yaml as _yaml
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


ids = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,12}", fullmatch=True)
expectations = st.fixed_dictionaries(
    {},
    optional={
        "present": st.lists(ids, min_size=1, max_size=4),
        "absent": st.lists(ids, min_size=1, max_size=4),
        "modes": st.dictionaries(ids, ids, min_size=1, max_size=3),
        "groups": st.dictionaries(ids, st.lists(ids, min_size=1, max_size=3), min_size=1),
        "finish": st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31)),
        "working_days": st.integers(0, 2000),
        "reasons": st.dictionaries(ids, st.lists(ids, min_size=1, max_size=3), min_size=1),
    },
)


@settings(max_examples=60, deadline=None)
@given(first=expectations, second=expectations)
def test_rewritten_expectations_read_back_exactly(
    first: dict[str, object], second: dict[str, object]
) -> None:
    """Whatever the expectations, the rewritten file reads back to them (dates as ISO text,
    as the YAML reader keeps them) and the rest of the file is unchanged."""
    text = rewrite_expectations(SOURCE, {0: first, 2: second})
    data, problems = _yaml.parse_yaml(text, "x.yaml")
    assert problems == []
    for index, wanted in ((0, first), (2, second)):
        got = data["scenarios"][index].get("expect", {})
        expected = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in wanted.items()}
        assert got == expected
    assert data["scenarios"][1]["expect"] == {"working_days": 3}
    assert text.startswith("# 园区场景\nscenarios:\n  # 第一个场景\n  - name: 园区厂房\n")
    assert text.endswith("# 文件结尾的注释\n")
