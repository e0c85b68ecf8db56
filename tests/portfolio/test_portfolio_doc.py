"""docs/portfolio.md tells the truth: its Python example plans a portfolio, and the tables it
names are the batch's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pathplanner.cli import main
from pathplanner.portfolio.store import SCHEMAS, BatchStore

DOC = Path(__file__).resolve().parents[2] / "docs" / "portfolio.md"
TEXT = DOC.read_text(encoding="utf-8")


def test_the_python_example_plans_a_portfolio(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["generate-portfolio", "6", "--seed", "1", "-o", "out/county.jsonl"]) == 0
    (snippet,) = re.findall(r"```python\n(.*?)```", TEXT, flags=re.DOTALL)
    namespace: dict[str, object] = {}
    exec(compile(snippet, str(DOC), "exec"), namespace)  # the document's own example
    assert BatchStore(tmp_path / "out" / "batch").done() == {
        str(line.split('"name": "')[1].split('"')[0])
        for line in (tmp_path / "out" / "county.jsonl").read_text(encoding="utf-8").splitlines()
    }


@pytest.mark.parametrize("table", sorted(SCHEMAS))
def test_every_column_of_the_batch_is_documented(table: str) -> None:
    section = TEXT.split(f"- **{table}**:", 1)[1].split("\n- **", 1)[0]
    documented = set(re.findall(r"`([a-z_]+)`", section))
    assert set(SCHEMAS[table].names) <= documented
