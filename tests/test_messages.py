"""The message table: every code the source uses exists in zh and en with the same fields."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from pathplanner.errors import Location, Problem
from pathplanner.messages import LABELS, MESSAGES, text

SRC = Path(__file__).resolve().parents[1] / "src" / "pathplanner"
USES = [
    re.compile(r"\bProblem\(\s*\"([a-z0-9-]+)\""),
    re.compile(r"\bProblem\(\s*code=\"([a-z0-9-]+)\""),
    re.compile(r"\btext\(\s*\"([a-z0-9-]+)\""),
    re.compile(r"\bproblem\(\s*\"([a-z0-9-]+)\""),
]


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _used_codes() -> dict[str, str]:
    used: dict[str, str] = {}
    for path in sorted(SRC.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        for pattern in USES:
            for match in pattern.finditer(source):
                used.setdefault(match.group(1), path.relative_to(SRC).as_posix())
    return used


def test_every_code_used_in_the_source_is_in_the_table() -> None:
    missing = {
        code: where
        for code, where in _used_codes().items()
        if code not in MESSAGES and code not in LABELS
    }
    assert missing == {}


@pytest.mark.parametrize("key", sorted({**MESSAGES, **LABELS}))
def test_both_languages_with_the_same_fields(key: str) -> None:
    zh, en = MESSAGES.get(key) or LABELS[key]
    assert zh.strip()
    assert en.strip()
    assert _fields(zh) == _fields(en)


def test_no_key_is_both_a_message_and_a_label() -> None:
    assert set(MESSAGES) & set(LABELS) == set()


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
