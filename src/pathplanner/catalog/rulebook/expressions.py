"""Condition expressions: a lark grammar, a typed AST, a type checker and an evaluator.

A ``when`` condition is parsed once, at load time, into the small AST below; nothing is
ever passed to ``eval``. The language::

    expr       := or
    or         := and ("or" and)*
    and        := not ("and" not)*
    not        := "not" not | comparison
    comparison := operand (OP operand)+          # chained: 10000 <= a.b < 20000
                | operand ["not"] "in" "[" literal ("," literal)* "]"
                | operand                         # a bool field or true/false
    operand    := NAME | NUMBER | "string" | 2025-01-01 | true | false | "(" expr ")"

Names are profile field ids or derived fact ids (dotted, lowercase). A comparison or
``in`` test involving an unset value is false; ``not`` negates the result (so
``not a.b`` is true when ``a.b`` is unset). A comparison needs exactly one name and one
literal (``a.b < 5``, not ``a.b < c.d``), which is what the durable-rules engine can match.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from typing import Literal as TypingLiteral

import lark
from lark import Lark, Token, Transformer, Tree, v_args
from lark.exceptions import LarkError, UnexpectedCharacters, UnexpectedEOF, UnexpectedInput
from lark.grammar import Rule
from lark.lexer import TerminalDef

from pathplanner._input.limits import MAX_CONDITION_DEPTH
from pathplanner._input.suggest import did_you_mean
from pathplanner._input.yaml import MAX_DIGITS
from pathplanner.catalog.rulebook import _parse_tables

__all__ = [
    "And",
    "Compare",
    "Expr",
    "ExprError",
    "FactType",
    "InList",
    "Lit",
    "Name",
    "Not",
    "Or",
    "Truth",
    "TypeInfo",
    "compile_test",
    "evaluate",
    "literal_text",
    "names",
    "parse",
    "sample_text",
    "typecheck",
]

Value = bool | int | float | str | dt.date
Op = TypingLiteral["==", "!=", "<", "<=", ">", ">="]
FactType = TypingLiteral["bool", "integer", "number", "enum", "date", "string"]

_GRAMMAR = r"""
?start: or_expr
?or_expr: and_expr (_OR and_expr)*
?and_expr: not_expr (_AND not_expr)*
?not_expr: _NOT not_expr -> not_
         | comparison
?comparison: operand (OP operand)+ -> compare
           | operand _IN list -> in_
           | operand _NOT _IN list -> not_in
           | operand -> truth
?operand: NAME -> name
        | literal
        | "(" or_expr ")"
literal: SIGNED_NUMBER -> number
       | ESCAPED_STRING -> string
       | DATE -> date
       | TRUE -> true
       | FALSE -> false
list: "[" literal ("," literal)* ","? "]"

OP: "==" | "!=" | "<=" | ">=" | "<" | ">"
_OR.2: /or\b/
_AND.2: /and\b/
_NOT.2: /not\b/
_IN.2: /in\b/
TRUE.2: /true\b/
FALSE.2: /false\b/
DATE.3: /\d{4}-\d{2}-\d{2}(?![\d-])/
NAME: /[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*/

%import common.SIGNED_NUMBER
%import common.ESCAPED_STRING
%import common.WS
%ignore WS
"""


@dataclass(frozen=True)
class Name:
    """A profile field or derived fact, at ``column`` (1-based) of the condition text."""

    id: str
    column: int


@dataclass(frozen=True)
class Lit:
    """A literal: number, string, date or bool."""

    value: Value
    column: int


Operand = Name | Lit


@dataclass(frozen=True)
class Compare:
    """``left op right``; exactly one side is a :class:`Name` once type-checked."""

    op: Op
    left: Operand
    right: Operand
    column: int


@dataclass(frozen=True)
class InList:
    """``name in [...]`` or, with ``negated``, ``name not in [...]``."""

    operand: Operand
    values: tuple[Lit, ...]
    negated: bool
    column: int


@dataclass(frozen=True)
class Truth:
    """A bare bool operand used as a condition: ``site.in_assessed_zone``."""

    operand: Operand
    column: int


@dataclass(frozen=True)
class Not:
    operand: Expr


@dataclass(frozen=True)
class And:
    parts: tuple[Expr, ...]


@dataclass(frozen=True)
class Or:
    parts: tuple[Expr, ...]


Expr = Compare | InList | Truth | Not | And | Or


class ExprError(Exception):
    """A syntax or type error in a condition, at 1-based ``column`` of its text."""

    def __init__(self, code: str, column: int, args: Mapping[str, str], hint: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.column = column
        self.args_ = dict(args)
        self.hint = hint


@v_args(inline=True)
class _Build(Transformer[Token, Expr]):
    def name(self, tok: Token) -> Name:
        return Name(str(tok), _col(tok))

    def number(self, tok: Token) -> Lit:
        text = str(tok)
        digits = sum(c.isdigit() for c in text.lower().split("e", 1)[0])
        value: int | float = math.inf  # past the digit limit: refused like an overflow
        if digits <= MAX_DIGITS:
            value = float(text) if any(c in text for c in ".eE") else int(text)
        if not math.isfinite(value):
            shown = text if len(text) <= 20 else text[:17] + "..."
            args = {"value": shown, "digits": str(MAX_DIGITS)}
            raise ExprError("rule-bad-number", _col(tok), args)
        return Lit(value, _col(tok))

    def string(self, tok: Token) -> Lit:
        raw = str(tok)[1:-1]
        return Lit(raw.replace('\\"', '"').replace("\\\\", "\\"), _col(tok))

    def date(self, tok: Token) -> Lit:
        try:
            return Lit(dt.date.fromisoformat(str(tok)), _col(tok))
        except ValueError:
            raise ExprError("rule-bad-date", _col(tok), {"text": str(tok)}) from None

    def true(self, tok: Token) -> Lit:
        return Lit(True, _col(tok))

    def false(self, tok: Token) -> Lit:
        return Lit(False, _col(tok))

    def list(self, *items: Lit) -> tuple[Lit, ...]:
        return tuple(items)

    def compare(self, *parts: Operand | Token) -> Expr:
        first = parts[0]
        assert isinstance(first, Name | Lit)
        out: list[Expr] = []
        left: Operand = first
        for i in range(1, len(parts), 2):
            op, right = parts[i], parts[i + 1]
            assert isinstance(op, Token) and isinstance(right, Name | Lit)
            out.append(Compare(str(op), left, right, _col(op)))  # type: ignore[arg-type]
            left = right
        return out[0] if len(out) == 1 else And(tuple(out))

    def in_(self, operand: Operand, values: tuple[Lit, ...]) -> InList:
        return InList(operand, values, False, operand.column)

    def not_in(self, operand: Operand, values: tuple[Lit, ...]) -> InList:
        return InList(operand, values, True, operand.column)

    def truth(self, operand: Operand | Expr) -> Expr:
        if isinstance(operand, Name | Lit):
            return Truth(operand, operand.column)
        return operand  # a parenthesised expression

    def not_(self, operand: Expr) -> Not:
        return Not(operand)

    def and_expr(self, *parts: Expr) -> And:
        return And(tuple(parts))

    def or_expr(self, *parts: Expr) -> Or:
        return Or(tuple(parts))


def _col(tok: Token) -> int:
    return int(tok.column or 1)


def _build_parser() -> Lark:
    return Lark(_GRAMMAR, parser="lalr", propagate_positions=True, maybe_placeholders=False)


def grammar_key() -> str:
    """What parse tables are built from: the grammar's text and lark's version."""
    return hashlib.sha256(f"lark {lark.__version__}\n{_GRAMMAR}".encode()).hexdigest()


def parse_tables_source() -> str:
    """The source of ``_parse_tables.py``: the parser lark builds from the grammar, as
    plain literals (``make snapshots`` writes it; a test keeps it equal to this)."""
    data, memo = _build_parser().memo_serialize([TerminalDef, Rule])
    return (
        '"""The rule grammar\'s LALR parse tables, generated by ``make snapshots`` from\n'
        "``expressions._GRAMMAR``: do not edit. Used only while ``KEY`` matches\n"
        '``expressions.grammar_key()``; otherwise the parser is built from the grammar."""\n\n'
        "from typing import Any\n\n"
        f"KEY = {grammar_key()!r}\n"
        f"DATA: dict[str, Any] = {data!r}\n"
        f"MEMO: dict[int, Any] = {memo!r}\n"
    )


@lru_cache(maxsize=1)
def _parser() -> Lark:
    """The condition parser. Building lark's LALR tables is a tenth of a cold
    ``pathplanner plan``, so the tables ship with the code and are loaded instead, through
    ``Lark._load_from_dict`` (what lark's own standalone generator emits calls to); they are
    used only when they were built from this grammar and this lark version."""
    if grammar_key() == _parse_tables.KEY:
        loaded: Lark = Lark._load_from_dict(  # type: ignore[no-untyped-call]
            _parse_tables.DATA, _parse_tables.MEMO
        )
        return loaded
    return _build_parser()


def _past_depth_limit(tree: Tree[Token]) -> int | None:
    """The column where parentheses and ``not`` first nest past
    :data:`~pathplanner._input.limits.MAX_CONDITION_DEPTH`, or None. Walked with a stack:
    the tree is checked before anything recurses over it."""
    stack: list[tuple[Tree[Token] | Token, int]] = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if not isinstance(node, Tree):
            continue
        parenthesised = node.data == "truth" and isinstance(node.children[0], Tree)
        depth += node.data == "not_" or parenthesised
        if depth > MAX_CONDITION_DEPTH:
            return int(getattr(node.meta, "column", 1) or 1)
        stack.extend((child, depth) for child in reversed(node.children))
    return None


def parse(text: str) -> Expr:
    """Parse a condition; raises :class:`ExprError` (``rule-syntax``) with a column."""
    if "\n" in text.strip():
        text = " ".join(text.split("\n"))
    try:
        tree = _parser().parse(text)
    except UnexpectedCharacters as exc:
        found = text[exc.column - 1 : exc.column + 9].split(" ")[0] if exc.column else ""
        raise ExprError("rule-syntax", exc.column or 1, {"found": found or text}) from None
    except UnexpectedEOF:
        raise ExprError("rule-syntax-end", len(text.rstrip()) + 1, {}) from None
    except UnexpectedInput as exc:
        token = getattr(exc, "token", None)
        found = str(token) if token is not None and str(token) else ""
        if not found or getattr(token, "type", "") == "$END":
            raise ExprError("rule-syntax-end", len(text.rstrip()) + 1, {}) from None
        raise ExprError("rule-syntax", exc.column or 1, {"found": found}) from None
    except LarkError:
        raise ExprError("rule-syntax", 1, {"found": text}) from None
    deep = _past_depth_limit(tree)
    if deep is not None:
        raise ExprError("rule-too-deep", deep, {"limit": str(MAX_CONDITION_DEPTH)})
    try:
        result = _Build().transform(tree)
    except LarkError as exc:  # lark wraps errors raised inside the transformer
        inner = getattr(exc, "orig_exc", None)
        if isinstance(inner, ExprError):
            raise inner from None
        raise ExprError("rule-syntax", 1, {"found": text}) from None
    if isinstance(result, Name | Lit):
        return Truth(result, result.column)
    return result


@dataclass(frozen=True)
class TypeInfo:
    """The declared type of a name; ``values`` lists an enum's values."""

    type: FactType
    values: tuple[str, ...] = ()


def _lit_type(value: Value) -> FactType:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, dt.date):
        return "date"
    return "string"


def _fits(lit: Lit, info: TypeInfo) -> bool:
    kind = _lit_type(lit.value)
    if info.type in ("integer", "number"):
        return kind == "number"
    if info.type in ("enum", "string"):
        return kind == "string"
    return kind == info.type


_TYPE_WORD = {
    "bool": "true/false",
    "integer": "integer",
    "number": "number",
    "enum": "enum",
    "date": "date",
    "string": "string",
}


def literal_text(value: Value) -> str:
    """A value written as it would be in a condition: ``true``, ``"factory"``, ``2025-01-01``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class _Checker:
    def __init__(self, types: Mapping[str, TypeInfo], suggest: _Suggest) -> None:
        self.types = types
        self.suggest = suggest
        self.errors: list[ExprError] = []

    def name(self, name: Name) -> TypeInfo | None:
        info = self.types.get(name.id)
        if info is None:
            close = self.suggest(name.id, list(self.types))
            self.errors.append(
                ExprError(
                    "rule-unknown-name",
                    name.column,
                    {"name": name.id},
                    hint=", ".join(close),
                )
            )
        return info

    def literal(self, lit: Lit, info: TypeInfo, name: Name) -> None:
        if not _fits(lit, info):
            self.errors.append(
                ExprError(
                    "rule-type-error",
                    lit.column,
                    {
                        "name": name.id,
                        "type": _TYPE_WORD[info.type],
                        "found": literal_text(lit.value),
                    },
                )
            )
        elif info.type == "enum" and lit.value not in info.values:
            close = self.suggest(str(lit.value), list(info.values))
            self.errors.append(
                ExprError(
                    "rule-enum-value",
                    lit.column,
                    {"name": name.id, "value": str(lit.value), "values": ", ".join(info.values)},
                    hint=", ".join(close),
                )
            )
        elif info.type == "integer" and isinstance(lit.value, float):
            self.errors.append(
                ExprError(
                    "rule-type-error",
                    lit.column,
                    {"name": name.id, "type": "integer", "found": literal_text(lit.value)},
                )
            )

    def check(self, expr: Expr) -> None:
        if isinstance(expr, And | Or):
            for part in expr.parts:
                self.check(part)
        elif isinstance(expr, Not):
            self.check(expr.operand)
        elif isinstance(expr, Truth):
            self.truth(expr)
        elif isinstance(expr, InList):
            self.in_list(expr)
        else:
            self.compare(expr)

    def truth(self, expr: Truth) -> None:
        if isinstance(expr.operand, Lit):
            if not isinstance(expr.operand.value, bool):
                self.errors.append(
                    ExprError(
                        "rule-not-bool", expr.column, {"found": literal_text(expr.operand.value)}
                    )
                )
            return
        info = self.name(expr.operand)
        if info is not None and info.type != "bool":
            self.errors.append(
                ExprError(
                    "rule-not-bool-name",
                    expr.column,
                    {"name": expr.operand.id, "type": _TYPE_WORD[info.type]},
                )
            )

    def in_list(self, expr: InList) -> None:
        if not isinstance(expr.operand, Name):
            self.errors.append(ExprError("rule-needs-name", expr.column, {}))
            return
        info = self.name(expr.operand)
        if info is None:
            return
        for lit in expr.values:
            self.literal(lit, info, expr.operand)

    def compare(self, expr: Compare) -> None:
        left, right = expr.left, expr.right
        if isinstance(left, Name) == isinstance(right, Name):
            self.errors.append(ExprError("rule-needs-name", expr.column, {}))
            return
        name, lit = (left, right) if isinstance(left, Name) else (right, left)
        assert isinstance(name, Name) and isinstance(lit, Lit)
        info = self.name(name)
        if info is None:
            return
        if expr.op not in ("==", "!=") and info.type not in ("integer", "number", "date"):
            self.errors.append(
                ExprError(
                    "rule-not-ordered",
                    expr.column,
                    {"name": name.id, "op": expr.op, "type": _TYPE_WORD[info.type]},
                )
            )
            return
        self.literal(lit, info, name)


class _Suggest:
    def __call__(self, word: str, candidates: list[str]) -> list[str]:
        return did_you_mean(word, candidates)


def typecheck(expr: Expr, types: Mapping[str, TypeInfo]) -> list[ExprError]:
    """Every type error of ``expr`` against the declared ``types`` (empty when well typed).

    Errors: ``rule-unknown-name`` (hint: did you mean), ``rule-type-error`` (a literal of the
    wrong type), ``rule-enum-value`` (a value the enum does not declare), ``rule-not-ordered``
    (``<`` on a non-numeric, non-date name), ``rule-not-bool`` / ``rule-not-bool-name``
    (a bare operand that is not a bool), ``rule-needs-name`` (a comparison without exactly
    one name).
    """
    checker = _Checker(types, _Suggest())
    checker.check(expr)
    return sorted(checker.errors, key=lambda e: (e.column, e.code))


def names(expr: Expr) -> tuple[str, ...]:
    """The names ``expr`` reads, sorted, without repeats."""
    return tuple(sorted({n.id for n in _iter_names(expr)}))


def _iter_names(expr: Expr) -> Iterator[Name]:
    if isinstance(expr, And | Or):
        for part in expr.parts:
            yield from _iter_names(part)
    elif isinstance(expr, Not):
        yield from _iter_names(expr.operand)
    elif isinstance(expr, Truth | InList):
        if isinstance(expr.operand, Name):
            yield expr.operand
    else:
        for side in (expr.left, expr.right):
            if isinstance(side, Name):
                yield side


def literals(expr: Expr) -> Iterator[tuple[str, Value]]:
    """(name, literal) pairs of every comparison and ``in`` test: the thresholds and values
    a condition tests, used to build the finite domain searched for contradictions."""
    if isinstance(expr, And | Or):
        for part in expr.parts:
            yield from literals(part)
    elif isinstance(expr, Not):
        yield from literals(expr.operand)
    elif isinstance(expr, InList):
        if isinstance(expr.operand, Name):
            for lit in expr.values:
                yield expr.operand.id, lit.value
    elif isinstance(expr, Compare):
        if isinstance(expr.left, Name) and isinstance(expr.right, Lit):
            yield expr.left.id, expr.right.value
        elif isinstance(expr.right, Name) and isinstance(expr.left, Lit):
            yield expr.right.id, expr.left.value


def _value(operand: Operand, facts: Mapping[str, Value | None]) -> Value | None:
    if isinstance(operand, Lit):
        return operand.value
    return facts.get(operand.id)


def _compare(op: str, a: Value, b: Value) -> bool:
    if op == "==":
        return a == b
    if op == "!=":
        return a != b
    if op == "<":
        return a < b  # type: ignore[operator]
    if op == "<=":
        return a <= b  # type: ignore[operator]
    if op == ">":
        return a > b  # type: ignore[operator]
    return a >= b  # type: ignore[operator]


def evaluate(expr: Expr, facts: Mapping[str, Value | None]) -> bool:
    """The truth of a type-checked ``expr`` given ``facts`` (missing or ``None``: unset)."""
    if isinstance(expr, And):
        return all(evaluate(p, facts) for p in expr.parts)
    if isinstance(expr, Or):
        return any(evaluate(p, facts) for p in expr.parts)
    if isinstance(expr, Not):
        return not evaluate(expr.operand, facts)
    if isinstance(expr, Truth):
        return _value(expr.operand, facts) is True
    if isinstance(expr, InList):
        value = _value(expr.operand, facts)
        if value is None:
            return False
        found = any(value == lit.value for lit in expr.values)
        return not found if expr.negated else found
    left, right = _value(expr.left, facts), _value(expr.right, facts)
    if left is None or right is None:
        return False
    return _compare(expr.op, left, right)


def first_failure(expr: Expr, facts: Mapping[str, Value | None]) -> Expr | None:
    """The smallest part of ``expr`` that makes it false (``None`` when it holds): for an
    ``and`` the first false part, for an ``or`` the whole ``or``."""
    if evaluate(expr, facts):
        return None
    if isinstance(expr, And):
        for part in expr.parts:
            if not evaluate(part, facts):
                return first_failure(part, facts)
    return expr


def render(expr: Expr) -> str:
    """Canonical text of ``expr`` (used to name the failing condition in explanations)."""
    if isinstance(expr, And):
        return " and ".join(_paren(p, Or) for p in expr.parts)
    if isinstance(expr, Or):
        return " or ".join(render(p) for p in expr.parts)
    if isinstance(expr, Not):
        inner = render(expr.operand)
        return f"not {inner}" if isinstance(expr.operand, Truth) else f"not ({inner})"
    if isinstance(expr, Truth):
        return _operand_text(expr.operand)
    if isinstance(expr, InList):
        values = ", ".join(literal_text(v.value) for v in expr.values)
        word = "not in" if expr.negated else "in"
        return f"{_operand_text(expr.operand)} {word} [{values}]"
    return f"{_operand_text(expr.left)} {expr.op} {_operand_text(expr.right)}"


def _paren(expr: Expr, kind: type) -> str:
    text = render(expr)
    return f"({text})" if isinstance(expr, kind) else text


def _operand_text(operand: Operand) -> str:
    return operand.id if isinstance(operand, Name) else literal_text(operand.value)


Test = Callable[[Mapping[str, "Value | None"]], bool]

_PY_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


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
    if isinstance(expr, Truth):
        if isinstance(expr.operand, Lit):
            constant = expr.operand.value is True
            return lambda facts: constant
        key = expr.operand.id
        return lambda facts: facts.get(key) is True
    if isinstance(expr, InList):
        assert isinstance(expr.operand, Name)
        key, values, negated = expr.operand.id, tuple(v.value for v in expr.values), expr.negated

        def member(facts: Mapping[str, Value | None]) -> bool:
            value = facts.get(key)
            if value is None:
                return False
            return any(value == v for v in values) != negated

        return member
    left, right, op = expr.left, expr.right, expr.op
    if isinstance(left, Lit):
        left, right, op = right, left, _FLIPPED[op]
    assert isinstance(left, Name) and isinstance(right, Lit)
    key, literal, fn = left.id, right.value, _PY_OPS[op]

    def compare(facts: Mapping[str, Value | None]) -> bool:
        value = facts.get(key)
        return value is not None and fn(value, literal)

    return compare


_FLIPPED: dict[str, Op] = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}


def sample_text(facts: Mapping[str, Any], keys: Iterable[str] | None = None) -> str:
    """A profile as ``a.b=1, c.d="x"`` (sorted; unset values left out) for messages."""
    chosen = sorted(facts) if keys is None else sorted(set(keys))
    parts = []
    for key in chosen:
        value = facts.get(key)
        if value is None or key.startswith("derived."):
            continue
        parts.append(f"{key}={literal_text(value)}")
    return ", ".join(parts) or "{}"
