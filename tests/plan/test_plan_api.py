"""docs/api.md stays true: its embedding example runs, and the API it names exists."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

import pathplanner
import pathplanner.organisation
import pathplanner.render
from pathplanner.plan.model import Plan

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "api.md"


def _python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


def test_the_embedding_example_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocks = _python_blocks()
    assert len(blocks) == 2, "the import line and the embedding example"
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {"__name__": "api_example"}
    code = compile(blocks[1], str(DOC), "exec")
    exec(code, namespace)  # the documented example, run as written
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in out[:3]] == ["2000", "6000", "9000"]
    assert any(line.startswith("out-of-range") for line in out[3:]), out


def test_the_names_the_doc_uses_exist() -> None:
    exec(_python_blocks()[0], {})
    for method in ("to_json", "task"):
        assert callable(getattr(Plan, method))
    assert set(pathplanner.render.FORMATS) == {"json", "md", "html", "dot", "docx", "pdf", "xlsx"}
    assert set(pathplanner.render.BINARY_FORMATS) == {"docx", "pdf", "xlsx"}
    assert callable(pathplanner.organisation.load_letter)
    assert pathplanner.Planner.default and pathplanner.Planner.from_directory
    assert os.path.exists(ROOT / "docs" / "plan-format.md")
