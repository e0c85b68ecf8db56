"""The message and label tables: every code the source uses exists, in zh and en with the
same fields, and every code in the tables is used.

Uses are found in the syntax tree of ``src/pathplanner``: a call to a code-taking helper
whose first argument (or ``code=``) is a string literal. The helpers are discovered too:
every function, method or class whose first parameter (or dataclass field) is ``code``
(``Problem``, ``RuleWarning.of``, ``plan_warning``, ``warn``, ``report``, ...), and the label
lookups, which take a ``key`` (``text``, ``label`` and the renderers' alias ``lab``; ``L`` in
the HTML template). A new call site is covered without touching this file.
"""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from pathplanner.errors import Location, Problem
from pathplanner.messages import LABELS, MESSAGES, text
from pathplanner.render.labels import REPORT_LABELS, label

SRC = Path(__file__).resolve().parents[1] / "src" / "pathplanner"
TEMPLATES = sorted((SRC / "render" / "templates").glob("*.j2"))
TABLES = {"messages": MESSAGES, "labels": LABELS, "report": REPORT_LABELS}
ALL_KEYS = {k: v for table in TABLES.values() for k, v in table.items()}

LOOKUPS = frozenset({"text", "label", "lab", "L"})
"""The label lookups (``lab = names.label`` in the renderers; ``L`` in the template)."""
REPORT_LOOKUPS = frozenset({"label", "lab", "L"})
"""Lookups that also see the report labels (``messages.text`` does not)."""

CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@cache
def _trees() -> tuple[tuple[str, ast.Module], ...]:
    return tuple(
        (path.relative_to(SRC).as_posix(), ast.parse(path.read_text(encoding="utf-8")))
        for path in sorted(SRC.rglob("*.py"))
    )


def _first_parameter(node: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    params = [a.arg for a in [*node.args.posonlyargs, *node.args.args]]
    if params and params[0] in ("self", "cls"):
        params = params[1:]
    return params[0] if params else ""


@cache
def code_takers() -> frozenset[str]:
    """Names of the functions, methods and classes that take a message code first."""
    found: set[str] = set()
    for _, tree in _trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                if _first_parameter(node) == "code":
                    found.add(node.name)
            elif isinstance(node, ast.ClassDef):
                for stmt in node.body:
                    if isinstance(stmt, ast.FunctionDef) and stmt.name == "__init__":
                        if _first_parameter(stmt) == "code":
                            found.add(node.name)
                        break
                    # a dataclass whose first field is the code
                    if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                        if stmt.target.id == "code":
                            found.add(node.name)
                        break
    found.discard("__init__")
    return frozenset(found)


def _callee(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        # RuleWarning.of("...") is named by its class
        if func.attr == "of" and isinstance(func.value, ast.Name):
            return func.value.id
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _code_argument(call: ast.Call) -> ast.expr | None:
    if call.args:
        return call.args[0]
    return next((k.value for k in call.keywords if k.arg in ("code", "key")), None)


def uses() -> Iterator[tuple[str, str, str, bool]]:
    """(helper, code or f-string prefix, file:line, is a prefix) of every call site."""
    helpers = code_takers() | LOOKUPS
    for where, tree in _trees():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or _callee(node) not in helpers:
                continue
            arg = _code_argument(node)
            place = f"{where}:{node.lineno}"
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                yield _callee(node), arg.value, place, False
            elif (
                isinstance(arg, ast.JoinedStr)
                and arg.values
                and isinstance(arg.values[0], ast.Constant)
            ):
                yield _callee(node), str(arg.values[0].value), place, True
    for template in TEMPLATES:
        source = template.read_text(encoding="utf-8")
        for match in re.finditer(r"\bL\(\s*\"([^\"]+)\"", source):
            line = source.count("\n", 0, match.start()) + 1
            yield "L", match.group(1), f"render/templates/{template.name}:{line}", False


def _string_constants() -> set[str]:
    """Every string literal of the source (codes passed as values: ``expected="type-list"``,
    ``{"kind": "kind-stage"}``, ``GraphFigure(problem="plan-graph-missing")``, ...)."""
    return {
        node.value
        for _, tree in _trees()
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


def test_the_helpers_are_found() -> None:
    # the discovery is what keeps this file complete; it must see the known helpers
    assert {"Problem", "RuleWarning", "plan_warning", "message_text", "warn", "report"} <= (
        code_takers()
    )
    assert {helper for helper, *_ in uses()} >= {"Problem", "text", "lab", "L", "warn"}


def test_every_code_used_in_the_source_is_in_the_table() -> None:
    missing: list[str] = []
    for helper, code, where, prefix in uses():
        table = ALL_KEYS if helper in REPORT_LOOKUPS else {**MESSAGES, **LABELS}
        if prefix:
            if not any(key.startswith(code) for key in table):
                missing.append(f"{where}: {helper}(f'{code}...')")
        elif code not in table:
            missing.append(f"{where}: {helper}({code!r})")
    assert missing == []


def test_every_code_in_the_tables_is_used() -> None:
    found = list(uses())
    literal = {code for _, code, _, prefix in found if not prefix}
    prefixes = tuple(code for _, code, _, prefix in found if prefix)
    named = _string_constants()
    used = literal | named
    # "<key>-one" is the singular of <key> (render.labels.label picks it when n is 1)
    unused = sorted(
        key
        for key in ALL_KEYS
        if key not in used and key.removesuffix("-one") not in used and not key.startswith(prefixes)
    )
    assert unused == []


@pytest.mark.parametrize("key", sorted(ALL_KEYS))
def test_both_languages_with_the_same_fields(key: str) -> None:
    zh, en = ALL_KEYS[key]
    assert zh.strip()
    assert en.strip()
    assert _fields(zh) == _fields(en)


def test_english_texts_hold_no_chinese() -> None:
    assert {k: en for k, (_, en) in ALL_KEYS.items() if CJK.search(en)} == {}


def test_no_key_is_in_two_tables() -> None:
    assert sum(len(t) for t in TABLES.values()) == len(ALL_KEYS)


def test_a_count_of_one_takes_the_singular() -> None:
    assert [label("plan-days-working", "en", n=n) for n in (0, 1, 2)] == [
        "0 working days",
        "1 working day",
        "2 working days",
    ]
    assert label("plan-days-working", "zh", n=1) == "1 个工作日"
    for key in ALL_KEYS:
        if key.endswith("-one"):
            assert key.removesuffix("-one") in REPORT_LABELS, key


def test_one_lookup_reads_every_table() -> None:
    assert label("plan-summary", "en") == "Summary"
    assert label("colon", "en") == text("colon", "en") == ": "
    assert label("kind-item") == text("kind-item") == "事项"
    with pytest.raises(KeyError):
        text("plan-summary")  # below the renderers, report labels are out of reach


def test_labels_in_details_and_kind_arguments_are_localized() -> None:
    problem = Problem(
        "unknown-reference",
        Location("f.yaml", 3, 7),
        breadcrumb="Item(id='x') > stage",
        expected="type-list",
        hint="did-you-mean",
        args={"kind": "kind-stage", "ref": "permits", "candidates": "'permit'"},
    )
    assert problem.message() == (
        "f.yaml:3:7: 错误 [unknown-reference] Item(id='x') > stage: 未知的阶段 'permits'\n"
        "  期望：列表（- 项）\n"
        "  建议：是否是 'permit'？"
    )
    assert problem.message("en").splitlines()[0].endswith("unknown stage 'permits'")
    assert text("did-you-mean", "en", candidates="'a'") == "did you mean 'a'?"
