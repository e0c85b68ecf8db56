"""Invariants of reading a request: any bytes give values or a 400 problem, never another
exception; JSON values come back equal, of the same JSON types; the response language is
always one the service speaks."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pathplanner.service.body import parse_json
from pathplanner.service.language import LANGUAGES, request_language
from pathplanner.service.problems import HttpProblem

_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=20)
_scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(10**30), 10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | _text
)
_json = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_text, inner, max_size=4),
    max_leaves=30,
)


def _typed(value: Any) -> Any:
    """``value`` with each scalar tagged by its type (``1`` and ``True`` and ``1.0`` apart)."""
    if isinstance(value, dict):
        return {key: _typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_typed(item) for item in value]
    return (type(value).__name__, value)


@settings(max_examples=300, deadline=None)
@given(_json, st.booleans())
def test_json_values_come_back_equal_and_of_the_same_types(value: Any, pretty: bool) -> None:
    text = json.dumps(value, ensure_ascii=False, indent=2 if pretty else None)
    assert _typed(parse_json(text.encode("utf-8"))) == _typed(value)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200) | _text.map(lambda t: ('{"a": ' + t).encode("utf-8", "replace")))
def test_any_bytes_give_values_or_a_400_problem(raw: bytes) -> None:
    try:
        parse_json(raw)
    except HttpProblem as problem:
        assert problem.status == 400
        assert problem.problems


@given(st.text(max_size=60))
def test_the_language_is_always_one_the_service_speaks(header: str) -> None:
    assert request_language(header) in LANGUAGES


def test_english_wins_only_when_weighed_higher() -> None:
    assert request_language(None) == "zh"
    assert request_language("en") == "en"
    assert request_language("en-US,en;q=0.9") == "en"
    assert request_language("zh-CN,en;q=0.8") == "zh"
    assert request_language("fr, en;q=0.5") == "en"
    assert request_language("en;q=0.5, zh;q=0.9") == "zh"
    assert request_language("de") == "zh"
