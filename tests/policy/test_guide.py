"""docs/policy-guide.md: every command in it runs, in order, on a copy of the default catalog.

YAML blocks whose first line is ``# 文件：PATH（新建）`` are written to that path of the copy
when the walk reaches them (so later commands see them); other YAML blocks must parse. Every
``[code]`` in a text block and every code in the guide's tables must exist in the message
table.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pathplanner._input.yaml import parse_yaml
from pathplanner.catalog import default_catalog_dir
from pathplanner.cli import app
from pathplanner.messages import MESSAGES

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "policy-guide.md"
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.S | re.M)
NEW_FILE = re.compile(r"^# 文件：(\S+)（新建）")


def blocks() -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in BLOCK.finditer(GUIDE.read_text(encoding="utf-8"))]


def _copy_catalog(target: Path) -> None:
    root = default_catalog_dir()
    for part in ("catalog", "rules", "examples"):
        if (root / part).is_dir():
            shutil.copytree(root / part, target / part)


def test_every_command_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan_cache: None
) -> None:
    work = tmp_path / "work"
    _copy_catalog(work)
    _copy_catalog(tmp_path / "published")
    monkeypatch.chdir(work)
    runner = CliRunner()
    outputs: dict[str, str] = {}
    ran = 0
    for lang, body in blocks():
        if lang == "yaml":
            _data, problems = parse_yaml(body, "guide.yaml")
            assert problems == [], body
            target = NEW_FILE.match(body)
            if target:
                path = work / target.group(1)
                assert not path.exists(), f"the guide would overwrite {target.group(1)}"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(body, encoding="utf-8")
        elif lang == "sh":
            for line in body.splitlines():
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                args = shlex.split(line, comments=True)
                assert args[0] == "pathplanner", line
                result = runner.invoke(app, args[1:])
                assert result.exit_code == 0, f"{line}\n{result.output}"
                outputs[line] = result.output
                ran += 1
    assert ran >= 8

    # The excerpt of section 7 is made of lines of the real diff output.
    [excerpt] = [body for lang, body in blocks() if lang == "text" and "目录差异" in body]
    shown = outputs["pathplanner diff ../published ."].splitlines()
    assert [line for line in excerpt.splitlines() if line not in shown] == []

    # The failure shown in section 8: the same files without the rule of section 4.
    (work / "rules" / "local-rules.yaml").unlink()
    result = runner.invoke(app, ["test", "."])
    assert result.exit_code == 1
    [shown] = [body for lang, body in blocks() if lang == "text" and "[test-task-missing]" in body]
    which, *problems, summary = shown.splitlines()
    got_which, *got_problems, got_summary = result.output.splitlines()
    assert re.fullmatch(r"目录：\.（内容哈希 sha256:[0-9a-f]{64}）", got_which)
    assert which == "目录：.（内容哈希 sha256:…）"  # the guide leaves the hash out
    assert got_problems == problems
    assert re.fullmatch(r"场景测试：\d+ 个通过，1 个失败（共 \d+ 个文件）", got_summary)
    assert re.fullmatch(r"场景测试：\d+ 个通过，1 个失败（共 \d+ 个文件）", summary)


def test_message_codes_in_the_guide_exist() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    codes = set(re.findall(r"`((?:lint|test|accepted|material|dated)-[a-z-]+)`", text))
    for lang, body in blocks():
        if lang == "text":
            codes |= set(re.findall(r"\[([a-z-]+)\]", body))
    codes.discard("代码")
    assert codes, "the guide names no message codes"
    assert sorted(c for c in codes if c not in MESSAGES) == []
