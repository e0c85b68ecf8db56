"""What a parsed condition means for one profile: its truth, and the facts it saw.

:func:`evaluate` walks the tree; :func:`compile_test` builds the same meaning once as a
closure (the reference engine's hot path); :func:`observed` gives the values an
explanation shows, naming the building a quantifier found or stopped at. Nothing is ever
``eval``-ed: everything here is built from the AST of
:mod:`pathplanner.catalog.rulebook.expressions`.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from typing import Any

from pathplanner.catalog.buildings import (
    BuildingView,
    building_key,
    building_views,
    space_sum,
)
from pathplanner.catalog.rulebook.expressions import (
    And,
    Compare,
    Contains,
    Expr,
    InList,
    Lit,
    Name,
    Not,
    Op,
    Operand,
    Or,
    Quantified,
    Sum,
    Truth,
    Value,
    scoped_names,
)

__all__ = ["Test", "compile_test", "evaluate", "first_failure", "observed", "sum_value"]

Facts = Mapping[str, "Value | None"]
Test = Callable[[Facts], bool]

_PY_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
_FLIPPED: dict[str, Op] = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}


def sum_value(total: Sum, facts: Facts, where: Test | None = None) -> int | float:
    """The value of a sum over ``facts`` (a building's view for a per-building sum);
    ``where`` is the sum's compiled ``where`` test, made here when not given."""
    if where is None and total.where is not None:
        where = compile_test(total.where)
    building = facts.index if total.per_building and isinstance(facts, BuildingView) else None
    return space_sum(facts, total.of, where, building)


def _value(operand: Operand, facts: Facts) -> Value | None:
    if isinstance(operand, Lit):
        return operand.value
    if isinstance(operand, Sum):
        return sum_value(operand, facts)
    return facts.get(operand.id)


def _holds(body: Expr, view: BuildingView) -> bool:
    return evaluate(body, view)


def evaluate(expr: Expr, facts: Facts) -> bool:
    """The truth of a type-checked ``expr`` given ``facts`` (missing or ``None``: unset)."""
    if isinstance(expr, And):
        return all(evaluate(p, facts) for p in expr.parts)
    if isinstance(expr, Or):
        return any(evaluate(p, facts) for p in expr.parts)
    if isinstance(expr, Not):
        return not evaluate(expr.operand, facts)
    if isinstance(expr, Quantified):
        views = building_views(facts)
        test = any if expr.kind == "any" else all
        return test(_holds(expr.body, v) for v in views)
    if isinstance(expr, Truth):
        return _value(expr.operand, facts) is True
    if isinstance(expr, Contains):
        held = facts.get(expr.name.id)
        if not isinstance(held, tuple):
            return False
        return (expr.value.value in held) != expr.negated
    if isinstance(expr, InList):
        value = _value(expr.operand, facts)
        if value is None:
            return False
        found = any(value == lit.value for lit in expr.values)
        return not found if expr.negated else found
    left, right = _value(expr.left, facts), _value(expr.right, facts)
    if left is None or right is None:
        return False
    return bool(_PY_OPS[expr.op](left, right))


def first_failure(expr: Expr, facts: Facts) -> Expr | None:
    """The smallest part of ``expr`` that makes it false (``None`` when it holds): for an
    ``and`` the first false part, for an ``or`` the whole ``or``."""
    if evaluate(expr, facts):
        return None
    if isinstance(expr, And):
        for part in expr.parts:
            if not evaluate(part, facts):
                return first_failure(part, facts)
    return expr


def compile_test(expr: Expr) -> Test:
    """``expr`` as a Python closure with the semantics of :func:`evaluate` (faster: the
    tree is walked once, here). Built from the AST only; nothing is ``eval``-ed."""
    if isinstance(expr, And | Or):
        parts = tuple(compile_test(p) for p in expr.parts)
        if isinstance(expr, And):
            return lambda facts: all(p(facts) for p in parts)
        return lambda facts: any(p(facts) for p in parts)
    if isinstance(expr, Not):
        inner = compile_test(expr.operand)
        return lambda facts: not inner(facts)
    if isinstance(expr, Quantified):
        body = compile_test(expr.body)
        if expr.kind == "any":
            return lambda facts: any(body(v) for v in building_views(facts))
        return lambda facts: all(body(v) for v in building_views(facts))
    if isinstance(expr, Contains):
        name, wanted, negated = expr.name.id, expr.value.value, expr.negated

        def holds(facts: Facts) -> bool:
            held = facts.get(name)
            return isinstance(held, tuple) and (wanted in held) != negated

        return holds
    if isinstance(expr, Truth):
        if isinstance(expr.operand, Lit):
            constant = expr.operand.value is True
            return lambda facts: constant
        assert isinstance(expr.operand, Name)
        key = expr.operand.id
        return lambda facts: facts.get(key) is True
    if isinstance(expr, InList):
        assert isinstance(expr.operand, Name)
        key, values, negated = expr.operand.id, tuple(v.value for v in expr.values), expr.negated

        def member(facts: Facts) -> bool:
            value = facts.get(key)
            if value is None:
                return False
            return any(value == v for v in values) != negated

        return member
    return _compile_compare(expr)


def _compile_compare(expr: Compare) -> Test:
    left, right, op = expr.left, expr.right, expr.op
    if isinstance(left, Lit):
        left, right, op = right, left, _FLIPPED[op]
    assert isinstance(right, Lit)
    literal, fn = right.value, _PY_OPS[op]
    if isinstance(left, Sum):
        total = left
        where = compile_test(total.where) if total.where is not None else None
        return lambda facts: bool(fn(sum_value(total, facts, where), literal))
    assert isinstance(left, Name)
    key = left.id

    def compare(facts: Facts) -> bool:
        value = facts.get(key)
        return value is not None and bool(fn(value, literal))

    return compare


# -- what an explanation shows ---------------------------------------------------------


def observed(expr: Expr, facts: Facts) -> dict[str, Value | None]:
    """The values ``expr`` read, by name: fields and facts as they are; a list field's
    membership as ``<field>.<value>: true/false``; a sum by its text; a quantifier by the
    fields of the building it found (``any``, when it holds) or stopped at (``all``, when
    it fails), or of every building otherwise, each under ``buildings.<n>.<field>`` with
    the building's name when it has one."""
    found: dict[str, Value | None] = {}
    _observe(expr, facts, found)
    return dict(sorted(found.items()))


def _observe(expr: Expr, facts: Facts, found: dict[str, Value | None]) -> None:
    if isinstance(expr, And | Or):
        for part in expr.parts:
            _observe(part, facts, found)
    elif isinstance(expr, Not):
        _observe(expr.operand, facts, found)
    elif isinstance(expr, Quantified):
        _observe_buildings(expr, facts, found)
    elif isinstance(expr, Contains):  # whether the list holds the value: what was asked
        held = facts.get(expr.name.id)
        asked = expr.value.value
        found[f"{expr.name.id}.{asked}"] = asked in held if isinstance(held, tuple) else None
    elif isinstance(expr, Truth | InList):
        _observe_operand(expr.operand, facts, found)
    else:
        _observe_operand(expr.left, facts, found)
        _observe_operand(expr.right, facts, found)


def _observe_operand(operand: Operand, facts: Facts, found: dict[str, Value | None]) -> None:
    if isinstance(operand, Sum):
        prefix = f"buildings.{facts.index}: " if isinstance(facts, BuildingView) else ""
        found[prefix + operand.key] = sum_value(operand, facts)
    elif isinstance(operand, Name):
        if isinstance(facts, BuildingView) and operand.id.startswith("building."):
            found[building_key(facts.index, operand.id[9:])] = facts.get(operand.id)
        else:
            found[operand.id] = facts.get(operand.id)


def _observe_buildings(expr: Quantified, facts: Facts, found: dict[str, Value | None]) -> None:
    views = building_views(facts)
    results = [evaluate(expr.body, v) for v in views]
    if expr.kind == "any" and any(results):
        shown = [views[results.index(True)]]
    elif expr.kind == "all" and not all(results):
        shown = [views[results.index(False)]]
    else:
        shown = views
    for view in shown:
        name = view.get("building.name")
        if name is not None:
            found[building_key(view.index, "name")] = name
        for fid in scoped_names(expr.body):
            found[building_key(view.index, fid[9:])] = view.get(fid)
        _observe(expr.body, view, found)
