"""Condition expressions: a lark grammar, a typed AST, a type checker and an evaluator.

A ``when`` condition is parsed once, at load time, into the small AST below; nothing is
ever passed to ``eval``. The language::

    expr       := or
    or         := and ("or" and)*
    and        := not ("and" not)*
    not        := "not" not | ("any building" | "all buildings") ":" not | comparison
    comparison := operand (OP operand)+          # chained: 10000 <= a.b < 20000
                | operand ["not"] "in" "[" literal ("," literal)* "]"
                | literal ["not"] "in" NAME       # a list field holds the literal
                | operand                         # a bool field or true/false
    operand    := NAME | NUMBER | "string" | 2025-01-01 | true | false | "(" expr ")"
                | "sum of" NAME ["where" (NAME ["not"] "in" "[" ... "]" | "(" expr ")")]

Names are profile field ids or derived fact ids (dotted, lowercase). A comparison or
``in`` test involving an unset value is false; ``not`` negates the result (so
``not a.b`` is true when ``a.b`` is unset). A comparison needs exactly one name (or sum)
and one literal (``a.b < 5``, not ``a.b < c.d``), which is what the durable-rules engine
can match.

Buildings (:mod:`pathplanner.catalog.buildings`): ``any building: C`` holds when ``C``
holds for some building of the project, ``all buildings: C`` when it holds for every one;
inside ``C``, ``building.<name>`` is that building's field. The quantifier binds like
``not``: a compound ``C`` is written in parentheses. ``sum of floor_area_m2 where use in
[...]`` adds up a space field over the spaces whose fields (named without ``space.``)
meet the ``where`` test: the project's spaces, or inside a quantifier that building's.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any
from typing import Literal as TypingLiteral

import lark
from lark import Lark, Token, Transformer, Tree, v_args
from lark.exceptions import LarkError, UnexpectedCharacters, UnexpectedEOF, UnexpectedInput
from lark.grammar import Rule
from lark.lexer import TerminalDef

from pathplanner._input.hints import condition_hint
from pathplanner._input.limits import MAX_CONDITION_DEPTH
from pathplanner._input.suggest import did_you_mean
from pathplanner._input.yaml import MAX_DIGITS
from pathplanner.catalog.rulebook import _parse_tables

__all__ = [
    "And",
    "Compare",
    "Contains",
    "Expr",
    "ExprError",
    "FactType",
    "InList",
    "Lit",
    "Name",
    "Not",
    "Or",
    "Quantified",
    "Sum",
    "Truth",
    "TypeInfo",
    "has_buildings",
    "literal_text",
    "literals",
    "names",
    "parse",
    "render",
    "sample_text",
    "scoped_names",
    "typecheck",
]

LitValue = bool | int | float | str | dt.date
"""The value of a literal in a condition."""
Value = LitValue | tuple[str, ...]
"""The value of a fact (a list field holds a tuple of its values)."""
Op = TypingLiteral["==", "!=", "<", "<=", ">", ">="]
FactType = TypingLiteral["bool", "integer", "number", "enum", "date", "string", "list"]

_GRAMMAR = r"""
?start: or_expr
?or_expr: and_expr (_OR and_expr)*
?and_expr: not_expr (_AND not_expr)*
?not_expr: _NOT not_expr -> not_
         | QUANT ":" not_expr -> quantified
         | comparison
?comparison: operand (OP operand)+ -> compare
           | operand _IN list -> in_
           | operand _NOT _IN list -> not_in
           | operand _IN NAME -> contains
           | operand _NOT _IN NAME -> not_contains
           | operand -> truth
?operand: NAME -> name
        | literal
        | SUM_OF NAME [_WHERE where] -> sum
        | "(" or_expr ")"
?where: NAME _IN list -> where_in
      | NAME _NOT _IN list -> where_not_in
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
QUANT.2: /(any\s+building|all\s+buildings)\b/
SUM_OF.2: /sum\s+of\b/
_WHERE.2: /where\b/
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

    value: LitValue
    column: int


@dataclass(frozen=True)
class Sum:
    """``sum of <of> where <where>``: a space field added up over the spaces that meet
    ``where`` (every space without one), of the project or, ``per_building``, of the
    building a quantifier is looking at."""

    of: str
    where: Expr | None
    per_building: bool
    column: int

    @property
    def key(self) -> str:
        """The sum's canonical text: how reasons and the durable-rules facts name it."""
        text = f"sum of {self.of}"
        if self.where is not None:
            inner = render(self.where)
            text += f" where {inner}" if isinstance(self.where, InList) else f" where ({inner})"
        return text


Operand = Name | Lit | Sum


@dataclass(frozen=True)
class Compare:
    """``left op right``; exactly one side is a :class:`Name` or :class:`Sum` once
    type-checked."""

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
class Contains:
    """``"value" in name``: the list field ``name`` holds ``value`` (``negated``: it does
    not)."""

    value: Lit
    name: Name
    negated: bool
    column: int

    @property
    def key(self) -> str:
        """The test's canonical text (the durable-rules fact of this membership)."""
        word = "not in" if self.negated else "in"
        return f"{literal_text(self.value.value)} {word} {self.name.id}"


@dataclass(frozen=True)
class Quantified:
    """``any building: body`` or ``all buildings: body``."""

    kind: TypingLiteral["any", "all"]
    body: Expr
    column: int

    @property
    def key(self) -> str:
        """The quantifier's canonical text (the durable-rules fact of its outcome)."""
        return render(self)


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


Expr = Compare | InList | Contains | Quantified | Truth | Not | And | Or


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
        if not isinstance(first, Name | Lit | Sum):
            raise ExprError("rule-needs-name", 1, {})
        out: list[Expr] = []
        left: Operand = first
        for i in range(1, len(parts), 2):
            op, right = parts[i], parts[i + 1]
            if not isinstance(op, Token) or not isinstance(right, Name | Lit | Sum):
                raise ExprError("rule-needs-name", _col(op) if isinstance(op, Token) else 1, {})
            out.append(Compare(str(op), left, right, _col(op)))  # type: ignore[arg-type]
            left = right
        return out[0] if len(out) == 1 else And(tuple(out))

    def in_(self, operand: Operand, values: tuple[Lit, ...]) -> InList:
        return InList(operand, values, False, operand.column)

    def not_in(self, operand: Operand, values: tuple[Lit, ...]) -> InList:
        return InList(operand, values, True, operand.column)

    def contains(self, operand: Operand, name: Token) -> Contains:
        return self._contains(operand, name, negated=False)

    def not_contains(self, operand: Operand, name: Token) -> Contains:
        return self._contains(operand, name, negated=True)

    @staticmethod
    def _contains(operand: Operand, name: Token, *, negated: bool) -> Contains:
        if not isinstance(operand, Lit):
            column = operand.column
            raise ExprError("rule-contains-literal", column, {"name": str(name)})
        return Contains(operand, Name(str(name), _col(name)), negated, operand.column)

    def quantified(self, quant: Token, body: Expr) -> Quantified:
        kind: TypingLiteral["any", "all"] = "any" if str(quant).startswith("any") else "all"
        return Quantified(kind, _per_building(body), _col(quant))

    def sum(self, word: Token, of: Token, where: Expr | None = None) -> Sum:
        return Sum(str(of), where, False, _col(word))

    def where_in(self, name: Token, values: tuple[Lit, ...]) -> InList:
        return InList(Name(str(name), _col(name)), values, False, _col(name))

    def where_not_in(self, name: Token, values: tuple[Lit, ...]) -> InList:
        return InList(Name(str(name), _col(name)), values, True, _col(name))

    def truth(self, operand: Operand | Expr) -> Expr:
        if isinstance(operand, Name | Lit | Sum):
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


def _per_building(expr: Expr) -> Expr:
    """``expr`` with its sums marked as sums over one building (a quantifier's body)."""
    if isinstance(expr, And | Or):
        return type(expr)(tuple(_per_building(p) for p in expr.parts))
    if isinstance(expr, Not):
        return Not(_per_building(expr.operand))
    if isinstance(expr, Compare):
        left, right = (
            replace(side, per_building=True) if isinstance(side, Sum) else side
            for side in (expr.left, expr.right)
        )
        return replace(expr, left=left, right=right)
    if isinstance(expr, Truth) and isinstance(expr.operand, Sum):
        return replace(expr, operand=replace(expr.operand, per_building=True))
    return expr


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
        depth += node.data in ("not_", "quantified") or parenthesised
        if depth > MAX_CONDITION_DEPTH:
            return int(getattr(node.meta, "column", 1) or 1)
        stack.extend((child, depth) for child in reversed(node.children))
    return None


def _syntax_error(text: str, column: int, found: str) -> ExprError:
    """``rule-syntax`` at ``column``, with a hint (``tip``) for a full-width character or a
    single ``=``."""
    hint = condition_hint(text, column)
    tip = {"tip": hint[0], **hint[1]} if hint is not None else {}
    return ExprError("rule-syntax", column, {"found": found, **tip})


def parse(text: str) -> Expr:
    """Parse a condition; raises :class:`ExprError` (``rule-syntax``) with a column."""
    if "\n" in text.strip():
        text = " ".join(text.split("\n"))
    try:
        tree = _parser().parse(text)
    except UnexpectedCharacters as exc:
        found = text[exc.column - 1 : exc.column + 9].split(" ")[0] if exc.column else ""
        raise _syntax_error(text, exc.column or 1, found or text) from None
    except UnexpectedEOF:
        raise ExprError("rule-syntax-end", len(text.rstrip()) + 1, {}) from None
    except UnexpectedInput as exc:
        token = getattr(exc, "token", None)
        found = str(token) if token is not None and str(token) else ""
        if not found or getattr(token, "type", "") == "$END":
            raise ExprError("rule-syntax-end", len(text.rstrip()) + 1, {}) from None
        raise _syntax_error(text, exc.column or 1, found) from None
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


def _lit_type(value: LitValue) -> FactType:
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
    if info.type in ("enum", "string", "list"):
        return kind == "string"
    return kind == info.type


_TYPE_WORD = {
    "bool": "true/false",
    "integer": "integer",
    "number": "number",
    "enum": "enum",
    "date": "date",
    "string": "string",
    "list": "list",
}


def literal_text(value: Value) -> str:
    """A value written as it would be in a condition: ``true``, ``"factory"``, ``2025-01-01``
    (a list field's values as ``["eia", "soil"]``)."""
    if isinstance(value, tuple):
        return "[" + ", ".join(literal_text(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class _Checker:
    """Type checks in a context: at the project level, inside a building quantifier
    (``building.<name>`` readable) or inside a sum's ``where`` (space fields by the last
    part of their id)."""

    def __init__(self, types: Mapping[str, TypeInfo], suggest: _Suggest) -> None:
        self.types = types
        self.suggest = suggest
        self.errors: list[ExprError] = []
        self.in_building = False
        self.in_space = False

    def _error(self, code: str, column: int, hint: str = "", **args: str) -> None:
        self.errors.append(ExprError(code, column, args, hint=hint))

    def _visible(self) -> list[str]:
        """The names a condition may read here (for "did you mean")."""
        if self.in_space:
            return [n[6:] for n in self.types if n.startswith("space.")]
        return [
            n
            for n in self.types
            if not n.startswith("space.") and (self.in_building or not n.startswith("building."))
        ]

    def name(self, name: Name) -> TypeInfo | None:
        key = f"space.{name.id}" if self.in_space else name.id
        info = self.types.get(key)
        if info is not None and not self.in_space:
            if name.id.startswith("space."):
                self._error("rule-space-name", name.column, name=name.id, leaf=name.id[6:])
                return None
            if name.id.startswith("building.") and not self.in_building:
                self._error("rule-building-outside", name.column, name=name.id)
                return None
        if info is None:
            close = self.suggest(name.id, self._visible())
            self._error("rule-unknown-name", name.column, ", ".join(close), name=name.id)
        return info

    def literal(self, lit: Lit, info: TypeInfo, name: Name) -> None:
        if not _fits(lit, info):
            self._error(
                "rule-type-error",
                lit.column,
                name=name.id,
                type=_TYPE_WORD[info.type],
                found=literal_text(lit.value),
            )
        elif info.type in ("enum", "list") and lit.value not in info.values:
            close = self.suggest(str(lit.value), list(info.values))
            self._error(
                "rule-enum-value",
                lit.column,
                ", ".join(close),
                name=name.id,
                value=str(lit.value),
                values=", ".join(info.values),
            )
        elif info.type == "integer" and isinstance(lit.value, float):
            self._error(
                "rule-type-error",
                lit.column,
                name=name.id,
                type="integer",
                found=literal_text(lit.value),
            )

    def check(self, expr: Expr) -> None:
        if isinstance(expr, And | Or):
            for part in expr.parts:
                self.check(part)
        elif isinstance(expr, Not):
            self.check(expr.operand)
        elif isinstance(expr, Quantified):
            self.quantified(expr)
        elif isinstance(expr, Truth):
            self.truth(expr)
        elif isinstance(expr, InList):
            self.in_list(expr)
        elif isinstance(expr, Contains):
            self.contains(expr)
        else:
            self.compare(expr)

    def quantified(self, expr: Quantified) -> None:
        if self.in_building or self.in_space:
            self._error("rule-nested-quantifier", expr.column)
            return
        self.in_building = True
        try:
            self.check(expr.body)
        finally:
            self.in_building = False

    def sum(self, expr: Sum) -> None:
        if self.in_space:
            self._error("rule-nested-quantifier", expr.column)
            return
        info = self.types.get(f"space.{expr.of}")
        if info is None:
            close = self.suggest(expr.of, [n[6:] for n in self.types if n.startswith("space.")])
            self._error("rule-unknown-name", expr.column, ", ".join(close), name=expr.of)
        elif info.type not in ("integer", "number"):
            self._error(
                "rule-sum-not-number", expr.column, name=expr.of, type=_TYPE_WORD[info.type]
            )
        if expr.where is not None:
            self.in_space = True
            try:
                self.check(expr.where)
            finally:
                self.in_space = False

    def truth(self, expr: Truth) -> None:
        if isinstance(expr.operand, Sum):
            self.sum(expr.operand)
            self._error("rule-not-bool", expr.column, found=expr.operand.key)
            return
        if isinstance(expr.operand, Lit):
            if not isinstance(expr.operand.value, bool):
                self._error("rule-not-bool", expr.column, found=literal_text(expr.operand.value))
            return
        info = self.name(expr.operand)
        if info is not None and info.type != "bool":
            self._error(
                "rule-not-bool-name",
                expr.column,
                name=expr.operand.id,
                type=_TYPE_WORD[info.type],
            )

    def in_list(self, expr: InList) -> None:
        if not isinstance(expr.operand, Name):
            self._error("rule-needs-name", expr.column)
            return
        info = self.name(expr.operand)
        if info is None:
            return
        if info.type == "list":
            self._error("rule-list-compare", expr.column, name=expr.operand.id)
            return
        for lit in expr.values:
            self.literal(lit, info, expr.operand)

    def contains(self, expr: Contains) -> None:
        info = self.name(expr.name)
        if info is None:
            return
        if info.type != "list":
            self._error(
                "rule-not-list", expr.name.column, name=expr.name.id, type=_TYPE_WORD[info.type]
            )
            return
        self.literal(expr.value, info, expr.name)

    def compare(self, expr: Compare) -> None:
        left, right = expr.left, expr.right
        if isinstance(left, Lit) == isinstance(right, Lit):
            self._error("rule-needs-name", expr.column)
            return
        named, lit = (left, right) if isinstance(right, Lit) else (right, left)
        assert isinstance(lit, Lit)
        if isinstance(named, Sum):
            self.sum(named)
            if not isinstance(lit.value, int | float) or isinstance(lit.value, bool):
                self._error(
                    "rule-type-error",
                    lit.column,
                    name=named.key,
                    type="number",
                    found=literal_text(lit.value),
                )
            return
        assert isinstance(named, Name)
        info = self.name(named)
        if info is None:
            return
        if info.type == "list":
            self._error("rule-list-compare", expr.column, name=named.id)
            return
        if expr.op not in ("==", "!=") and info.type not in ("integer", "number", "date"):
            self._error(
                "rule-not-ordered",
                expr.column,
                name=named.id,
                op=expr.op,
                type=_TYPE_WORD[info.type],
            )
            return
        self.literal(lit, info, named)


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
    """The project-level names ``expr`` reads, sorted, without repeats: fields and derived
    facts, also inside a building quantifier, but not a building's own fields
    (``building.<name>``) nor the space fields a sum reads."""
    return tuple(sorted({n.id for n in _iter_names(expr) if not n.id.startswith("building.")}))


def scoped_names(expr: Expr) -> tuple[str, ...]:
    """The ``building.<name>`` fields ``expr`` reads inside its quantifiers, sorted."""
    return tuple(sorted({n.id for n in _iter_names(expr) if n.id.startswith("building.")}))


def _iter_names(expr: Expr) -> Iterator[Name]:
    if isinstance(expr, And | Or):
        for part in expr.parts:
            yield from _iter_names(part)
    elif isinstance(expr, Not):
        yield from _iter_names(expr.operand)
    elif isinstance(expr, Quantified):
        yield from _iter_names(expr.body)
    elif isinstance(expr, Contains):
        yield expr.name
    elif isinstance(expr, Truth | InList):
        if isinstance(expr.operand, Name):
            yield expr.operand
    else:
        for side in (expr.left, expr.right):
            if isinstance(side, Name):
                yield side


def has_buildings(expr: Expr) -> bool:
    """True when ``expr`` quantifies over buildings or sums over spaces."""
    if isinstance(expr, And | Or):
        return any(has_buildings(p) for p in expr.parts)
    if isinstance(expr, Not):
        return has_buildings(expr.operand)
    if isinstance(expr, Quantified):
        return True
    if isinstance(expr, Truth):
        return isinstance(expr.operand, Sum)
    if isinstance(expr, Compare):
        return isinstance(expr.left, Sum) or isinstance(expr.right, Sum)
    return False


def literals(expr: Expr) -> Iterator[tuple[str, LitValue]]:
    """(name, literal) pairs of every comparison and ``in`` test: the thresholds and values
    a condition tests, used to build the finite domain searched for contradictions. A sum
    compared with a number is named by its :attr:`Sum.key`; the tests of a sum's ``where``
    name their space field in full (``space.use``)."""
    if isinstance(expr, And | Or):
        for part in expr.parts:
            yield from literals(part)
    elif isinstance(expr, Not):
        yield from literals(expr.operand)
    elif isinstance(expr, Quantified):
        yield from literals(expr.body)
    elif isinstance(expr, Contains):
        yield expr.name.id, expr.value.value
    elif isinstance(expr, InList):
        if isinstance(expr.operand, Name):
            for lit in expr.values:
                yield expr.operand.id, lit.value
    elif isinstance(expr, Compare):
        sides: tuple[tuple[Operand, Operand], ...] = (
            (expr.left, expr.right),
            (expr.right, expr.left),
        )
        for named, other in sides:
            if isinstance(other, Lit) and isinstance(named, Name):
                yield named.id, other.value
            elif isinstance(other, Lit) and isinstance(named, Sum):
                yield named.key, other.value
                if named.where is not None:
                    yield from ((f"space.{name}", value) for name, value in literals(named.where))


def render(expr: Expr) -> str:
    """Canonical text of ``expr`` (used to name the failing condition in explanations)."""
    if isinstance(expr, And):
        return " and ".join(_paren(p, Or) for p in expr.parts)
    if isinstance(expr, Or):
        return " or ".join(render(p) for p in expr.parts)
    if isinstance(expr, Not):
        inner = render(expr.operand)
        return f"not {inner}" if isinstance(expr.operand, Truth) else f"not ({inner})"
    if isinstance(expr, Quantified):
        head = "any building" if expr.kind == "any" else "all buildings"
        return f"{head}: {_paren(expr.body, And | Or)}"
    if isinstance(expr, Contains):
        return expr.key
    if isinstance(expr, Truth):
        return _operand_text(expr.operand)
    if isinstance(expr, InList):
        values = ", ".join(literal_text(v.value) for v in expr.values)
        word = "not in" if expr.negated else "in"
        return f"{_operand_text(expr.operand)} {word} [{values}]"
    return f"{_operand_text(expr.left)} {expr.op} {_operand_text(expr.right)}"


def _paren(expr: Expr, kind: Any) -> str:
    text = render(expr)
    return f"({text})" if isinstance(expr, kind) else text


def _operand_text(operand: Operand) -> str:
    if isinstance(operand, Sum):
        return operand.key
    return operand.id if isinstance(operand, Name) else literal_text(operand.value)


def sample_text(facts: Mapping[str, Any], keys: Iterable[str] | None = None) -> str:
    """A profile as ``a.b=1, c.d="x"`` (sorted; unset values, derived facts and the
    building layout left out) for messages."""
    chosen = sorted(facts) if keys is None else sorted(set(keys))
    parts = []
    for key in chosen:
        value = facts.get(key)
        if value is None or key.startswith(("derived.", "buildings.")):
            continue
        parts.append(f"{key}={literal_text(value)}")
    return ", ".join(parts) or "{}"
