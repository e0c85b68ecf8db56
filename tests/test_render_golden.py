"""Every output format of every example matches its golden file (``make snapshots``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from snapshots import FORMATS, example_paths, golden_path, render_example

CASES = [(example, fmt) for example in example_paths() for fmt in FORMATS]


def test_there_are_examples_and_a_golden_file_for_each() -> None:
    assert example_paths(), "examples/*.yaml"
    missing = [golden_path(e, f).name for e, f in CASES if not golden_path(e, f).exists()]
    assert missing == [], "run `make snapshots` and review the new files"


@pytest.mark.parametrize(("example", "fmt"), CASES, ids=[f"{e.stem}.{f}" for e, f in CASES])
def test_matches_golden(example: Path, fmt: str) -> None:
    golden = golden_path(example, fmt)
    if not golden.exists():
        pytest.fail(f"no golden file {golden.name}: run `make snapshots`")
    assert render_example(example, fmt) == golden.read_text(encoding="utf-8"), (
        f"{golden.name} differs: if the change is intended, run `make snapshots` and review "
        "the diff"
    )
