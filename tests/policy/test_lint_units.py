"""Pure parts of lint and diff that need no catalog."""

from __future__ import annotations

from pathplanner.catalog.rulebook.expressions import parse
from pathplanner.policy.diff import diff_entities
from pathplanner.policy.rulesview import conjuncts


def test_conjuncts_split_top_level_and_only() -> None:
    assert conjuncts(parse('a.b == "x and y" and (c.d or e.f)  and  g.h > 3')) == frozenset(
        {'a.b == "x and y"', "c.d or e.f", "g.h > 3"}
    )
    assert conjuncts(parse("a.b or c.d and e.f")) == frozenset({"a.b or c.d and e.f"})


def test_diff_entities_field_by_field() -> None:
    old = {
        "x": {
            "zh": "甲",
            "modes": [{"id": "m", "duration": {"value": 3}}],
            "time_limits": {"committed": [{"value": 10}]},
        },
        "gone": {"zh": "旧"},
    }
    new = {
        "x": {
            "zh": "甲",
            "modes": [{"id": "m", "duration": {"value": 2}}],
            "time_limits": {"committed": [{"value": 7}]},
        },
        "fresh": {"zh": "新"},
    }
    diff = diff_entities(old, new)
    assert diff.added == ["fresh"]
    assert diff.removed == ["gone"]
    assert [(c.path, c.old, c.new) for c in diff.changed[0].changes] == [
        ("modes[m].duration.value", 3, 2),
        ("time_limits.committed[0].value", 10, 7),
    ]
