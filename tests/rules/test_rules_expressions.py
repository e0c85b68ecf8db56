"""The condition language: every operator, unset values, precedence, and the compiled form.

Invariant checked by the property test: the tree-walking evaluator and the compiled
closures agree on every expression and every assignment of values (set or unset).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathplanner.catalog.rulebook.evaluator import compile_test, evaluate
from pathplanner.catalog.rulebook.expressions import (
    ExprError,
    TypeInfo,
    names,
    parse,
    render,
    typecheck,
)

FACTS: dict[str, Any] = {
    "p.area": 15000,
    "p.use": "mall",
    "p.zone": True,
    "p.day": dt.date(2025, 6, 1),
    "p.unset": None,
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("p.area == 15000", True),
        ("p.area != 15000", False),
        ("p.area < 15000", False),
        ("p.area <= 15000", True),
        ("p.area > 14999.5", True),
        ("p.area >= 15001", False),
        ("10000 <= p.area < 20000", True),
        ("10000 <= p.area < 15000", False),
        ("20000 > p.area", True),
        ('p.use in ["mall", "hotel"]', True),
        ('p.use not in ["mall", "hotel"]', False),
        ("p.zone", True),
        ("not p.zone", False),
        ("p.zone == false", False),
        ("p.day >= 2025-06-01 and p.day < 2025-06-02", True),
        ("p.day > 2025-06-01", False),
        ('p.zone and p.use == "office" or p.area > 100', True),  # and binds tighter
        ('p.zone and (p.use == "office" or p.area > 100000)', False),
        ("not not p.zone", True),
        ("true", True),
        ("false or p.zone", True),
        # unset: every comparison is false, even != and not in; `not` negates the result
        ("p.unset == 1", False),
        ("p.unset != 1", False),
        ("p.unset not in [1, 2]", False),
        ("not p.unset == 1", True),
        ("p.unset", False),
        ("not p.unset", True),
        ("p.missing < 5", False),
    ],
)
def test_operators(text: str, expected: bool) -> None:
    expr = parse(text)
    assert evaluate(expr, FACTS) is expected
    assert compile_test(expr)(FACTS) is expected
    assert evaluate(parse(render(expr)), FACTS) is expected  # render round-trips


def test_names_are_sorted_and_unique() -> None:
    assert names(parse('p.b > 1 and (p.a == "x" or not p.b < 3)')) == ("p.a", "p.b")


@pytest.mark.parametrize(
    ("text", "code", "column"),
    [
        ("p.area >", "rule-syntax-end", 9),
        ("p.area => 3", "rule-syntax", 8),
        ("(p.area > 3", "rule-syntax-end", 12),
        ("p.area > 3)", "rule-syntax", 11),
        ('p.use in ["a" "b"]', "rule-syntax", 15),
        ("p.day > 2025-02-29", "rule-bad-date", 9),
    ],
)
def test_syntax_errors_carry_the_column(text: str, code: str, column: int) -> None:
    with pytest.raises(ExprError) as info:
        parse(text)
    assert (info.value.code, info.value.column) == (code, column)


TYPES = {
    "p.area": TypeInfo("number"),
    "p.floors": TypeInfo("integer"),
    "p.use": TypeInfo("enum", ("mall", "office")),
    "p.zone": TypeInfo("bool"),
    "p.day": TypeInfo("date"),
    "p.name": TypeInfo("string"),
}


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ('p.area == "abc"', ["rule-type-error"]),
        ("p.floors > 2.5", ["rule-type-error"]),
        ('p.use == "hotel"', ["rule-enum-value"]),
        ('p.use < "mall"', ["rule-not-ordered"]),
        ('p.name < "b"', ["rule-not-ordered"]),
        ("p.zone == 1", ["rule-type-error"]),
        ('p.day < "2025-01-01"', ["rule-type-error"]),
        ("p.area", ["rule-not-bool-name"]),
        ("p.aera > 1 and p.zon", ["rule-unknown-name", "rule-unknown-name"]),
        ("p.area > p.floors", ["rule-needs-name"]),
        ('p.use in ["mall", 3]', ["rule-type-error"]),
        ('p.name == "x" and p.day >= 2025-01-01 and p.zone', []),
    ],
)
def test_type_errors(text: str, codes: list[str]) -> None:
    assert [e.code for e in typecheck(parse(text), TYPES)] == codes


def test_unknown_name_hint() -> None:
    (err,) = typecheck(parse("p.aera > 1"), TYPES)
    assert (err.column, err.args_, err.hint) == (1, {"name": "p.aera"}, "p.area")


_leaf = st.sampled_from(
    [
        "p.a > 1",
        "p.a <= 2",
        "1 < p.a",
        "p.a != 2",
        'p.s in ["x", "y"]',
        'p.s not in ["x"]',
        "p.b",
        "p.b == false",
        "p.d >= 2025-01-01",
        "true",
    ]
)


def _combine(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.tuples(children, children).map(lambda t: f"({t[0]}) and ({t[1]})"),
        st.tuples(children, children).map(lambda t: f"({t[0]}) or ({t[1]})"),
        children.map(lambda t: f"not ({t})"),
    )


@settings(max_examples=150, deadline=None, derandomize=True)
@given(
    text=st.recursive(_leaf, _combine, max_leaves=8),
    a=st.one_of(st.none(), st.integers(0, 3)),
    s=st.one_of(st.none(), st.sampled_from(["x", "y", "z"])),
    b=st.one_of(st.none(), st.booleans()),
    d=st.one_of(st.none(), st.sampled_from([dt.date(2024, 12, 31), dt.date(2025, 1, 1)])),
)
def test_compiled_closures_agree_with_the_evaluator(
    text: str, a: int | None, s: str | None, b: bool | None, d: dt.date | None
) -> None:
    expr = parse(text)
    facts = {"p.a": a, "p.s": s, "p.b": b, "p.d": d}
    assert compile_test(expr)(facts) == evaluate(expr, facts)
    assert evaluate(parse(render(expr)), facts) == evaluate(expr, facts)
