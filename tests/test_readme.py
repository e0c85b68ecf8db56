"""The README tells the truth: its links exist, its commands and its Python example run."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pathplanner.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _fenced(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.DOTALL)


def test_every_linked_document_exists() -> None:
    links = re.findall(r"\]\(([^)#]+)\)", README)
    assert links
    missing = [link for link in links if not (ROOT / link).exists()]
    assert missing == []


def test_the_two_commands_are_make_targets_and_ci_runs_the_test_one() -> None:
    quick_start = _fenced("sh")[0]
    assert [line.split()[0:2] for line in quick_start.splitlines()] == [
        ["make", "demo"],
        ["make", "test"],
    ]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^demo:", makefile, flags=re.MULTILINE)
    assert re.search(r"^test:", makefile, flags=re.MULTILINE)
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def _usage_commands() -> list[list[str]]:
    commands = []
    for line in _fenced("sh")[1].splitlines():
        words = shlex.split(line, comments=True)
        assert words[0] == ".venv/bin/pathplanner", line
        commands.append(words[1:])
    return commands


@pytest.mark.parametrize("args", _usage_commands(), ids=lambda a: " ".join(a[:2]))
def test_usage_commands_succeed(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    args = [str(tmp_path / a) if a.startswith("out/") else a for a in args]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    for arg in args:
        if arg.startswith(str(tmp_path)):
            assert Path(arg).stat().st_size > 0


def test_python_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    (snippet,) = _fenced("python")
    namespace: dict[str, object] = {}
    exec(compile(snippet, "README.md", "exec"), namespace)  # the README's own example
    html = namespace["html"]
    assert isinstance(html, str) and html.startswith("<!DOCTYPE html>")
