"""The rule grammar's parse tables ship with the code (issue 12: a cold ``pathplanner plan``
no longer builds them). Stale tables would silently cost the build again, and tables that
parse differently would change every rule: both are caught here. (lark numbers its LALR
states in set order, so two builds differ in text but not in what they parse: the tables
are compared by the grammar they come from and by what they parse.)"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from lark import Token, Tree
from lark.exceptions import UnexpectedInput

from pathplanner.catalog.rulebook import _parse_tables
from pathplanner.catalog.rulebook.expressions import (
    _build_parser,
    _parser,
    grammar_key,
    parse_tables_source,
)

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "src" / "pathplanner" / "catalog" / "rulebook" / "_parse_tables.py"


def test_the_shipped_tables_are_the_ones_the_grammar_builds() -> None:
    assert grammar_key() == _parse_tables.KEY, (
        "the rule grammar (or lark) changed since the parse tables were written: "
        "run `make snapshots` and commit src/pathplanner/catalog/rulebook/_parse_tables.py"
    )
    assert f"KEY = {grammar_key()!r}" in SHIPPED.read_text(encoding="utf-8")
    assert "KEY = " in parse_tables_source()


def test_the_parser_in_use_is_loaded_from_the_tables_not_built() -> None:
    assert _parser().options.propagate_positions is True
    assert not hasattr(_parser(), "grammar"), "the parser was built from the grammar"
    assert hasattr(_build_parser(), "grammar")
    built = {(t.name, t.pattern.to_regexp(), t.priority) for t in _build_parser().terminals}
    assert {(t.name, t.pattern.to_regexp(), t.priority) for t in _parser().terminals} == built


def _shape(tree: Tree[Token] | Token) -> object:
    """Everything a rule's meaning and its error columns depend on."""
    if isinstance(tree, Token):
        return (tree.type, str(tree), tree.line, tree.column)
    meta = (tree.meta.line, tree.meta.column, tree.meta.end_column) if not tree.meta.empty else ()
    return (tree.data, meta, [_shape(child) for child in tree.children])


def _outcome(parser_text: str, loaded: bool) -> object:
    parser = _parser() if loaded else _build_parser()
    try:
        return _shape(parser.parse(parser_text))
    except UnexpectedInput as error:
        return (type(error).__name__, error.line, error.column)


def _default_conditions() -> list[str]:
    found = set()
    for path in (ROOT / "rules").glob("*.yaml"):
        found.update(rule["when"] for rule in yaml.safe_load(path.read_text("utf-8"))["rules"])
    assert len(found) > 50
    return sorted(found)


@pytest.mark.parametrize("text", _default_conditions())
def test_every_default_condition_parses_alike_with_loaded_and_built_tables(text: str) -> None:
    assert _outcome(text, loaded=True) == _outcome(text, loaded=False)


_PIECES = st.sampled_from(
    ["a.b", "c.d", "1", "2.5", '"x"', "2025-01-01", "true", "false", "(", ")", "[", "]", ",",
     "and", "or", "not", "in", "==", "!=", "<", "<=", ">", ">=", "@", "-", "\"open"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=12))
def test_any_text_parses_or_fails_alike_with_loaded_and_built_tables(pieces: list[str]) -> None:
    text = " ".join(pieces)
    assert _outcome(text, loaded=True) == _outcome(text, loaded=False)
