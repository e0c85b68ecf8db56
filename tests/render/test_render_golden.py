"""Every output format of every example, in both report languages, matches its golden file
(``make snapshots``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from snapshots import VARIANTS, example_paths, golden_path, render_example

CASES = [(example, fmt, lang) for example in example_paths() for fmt, lang in VARIANTS]


def test_there_are_examples_and_a_golden_file_for_each() -> None:
    assert example_paths(), "examples/*.yaml"
    assert {lang for _, lang in VARIANTS} == {"zh", "en"}
    missing = [golden_path(*case).name for case in CASES if not golden_path(*case).exists()]
    assert missing == [], "run `make snapshots` and review the new files"


@pytest.mark.parametrize(
    ("example", "fmt", "lang"), CASES, ids=[golden_path(*case).name for case in CASES]
)
def test_matches_golden(example: Path, fmt: str, lang: str) -> None:
    golden = golden_path(example, fmt, lang)
    if not golden.exists():
        pytest.fail(f"no golden file {golden.name}: run `make snapshots`")
    assert render_example(example, fmt, lang=lang) == golden.read_text(encoding="utf-8"), (
        f"{golden.name} differs: if the change is intended, run `make snapshots` and review "
        "the diff"
    )
