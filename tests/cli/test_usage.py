"""The command line speaks the user's language: help, wrong command lines, --version and
shell completion (#15 §6)."""

from __future__ import annotations

import re

import pytest
import typer

from pathplanner.cli import main
from pathplanner.cli.app import _command
from pathplanner.cli.help import HELP_ZH, help_key
from pathplanner.messages import text


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_wrong_choice_is_said_in_chinese_with_the_choices_and_a_suggestion(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "plan", "x.yaml", "--format", "mdd")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "pathplanner plan: 错误 [cli-bad-choice]: --format 的取值 'mdd' 不在可选范围内",
        "  期望：json, md, html, dot, docx, pdf, xlsx",
        "  实际：mdd",
        "  建议：是否是 'md'？",
        "用法：pathplanner plan [OPTIONS] {PROFILE}（帮助：pathplanner plan --help）",
    ]


@pytest.mark.parametrize(
    ("args", "code", "zh"),
    [
        (
            ["plan", "x.yaml", "--start", "2026-13-01"],
            "cli-bad-date",
            "--start 的日期 '2026-13-01' 格式不正确",
        ),
        (["diff", "a", "b", "--as-of", "tomorrow"], "cli-bad-date", "--as-of 的日期 'tomorrow'"),
        (["plan", "x.yaml", "--bogus"], "cli-no-such-option", "没有选项 --bogus"),
        (["plan"], "cli-missing", "缺少 PROFILE"),
        (["pla"], "cli-no-such-command", "没有命令 'pla'"),
        (["plan", "x.yaml", "--start"], "cli-option-needs-value", "选项 --start 后面需要一个值"),
        (["--lang", "fr", "check"], "cli-bad-choice", "--lang 的取值 'fr' 不在可选范围内"),
    ],
)
def test_every_kind_of_command_line_mistake_is_translated(
    capsys: pytest.CaptureFixture[str], args: list[str], code: str, zh: str
) -> None:
    exit_code, out, err = run(capsys, *args)
    assert (exit_code, out) == (2, "")
    assert f"错误 [{code}]" in err and zh in err
    assert not re.search(r"[A-Z][a-z]+ (value|such|argument|option)", err), err
    if "--lang" in args:
        return  # a wrong --lang itself is said in the default language
    exit_code, _, english = run(capsys, "--lang", "en", *args)
    assert exit_code == 2
    assert f"error [{code}]" in english
    assert not re.search(r"[\u4e00-\u9fff]", english.split("\n")[0]), english


def test_help_is_chinese_by_default_and_english_with_lang_en(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "plan", "--help")
    assert code == 0
    assert HELP_ZH["plan --start"] in out
    assert "显示本帮助并退出。" in out
    code, out, _ = run(capsys, "--lang", "en", "plan", "--help")
    assert code == 0
    assert "Planned start (YYYY-MM-DD)." in out
    assert not re.search(r"[\u4e00-\u9fff]{4}", out.replace("一次性告知与审批计划", ""))


def _walk(command: object, path: tuple[str, ...]) -> list[str]:
    keys = [help_key(path)]
    keys += [help_key(path, p) for p in command.params]  # type: ignore[attr-defined]
    for name, sub in getattr(command, "commands", {}).items():
        keys += _walk(sub, (*path, name))
    return keys


def test_every_command_and_parameter_has_chinese_help_and_consistent_metavars() -> None:
    command = _command("en")
    keys = _walk(command, ())
    assert sorted(k for k in keys if k not in HELP_ZH) == []
    assert sorted(k for k in HELP_ZH if k not in keys and not k.startswith("--")) == []
    arguments = [k.split()[-1] for k in keys if k and k.split()[-1].isupper()]
    assert set(arguments) <= {
        *("PROFILE", "ITEM_ID", "CATALOG_DIR", "OLD_DIR", "NEW_DIR", "PROFILES"),
        *("PORTFOLIO", "BATCH_OUTPUT", "COUNT", "USER_ID", "UNIT_ID"),
    }


def test_version_and_shell_completion(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert re.fullmatch(r"pathplanner \d+\.\d+\.\d+\S*\n", out)
    code, out, _ = run(capsys, "--show-completion", "bash")
    assert code == 0
    assert "_PATHPLANNER_COMPLETE" in out


def test_a_command_s_own_bad_parameter_keeps_its_translated_message(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "plan", "x.yaml", "--pin", "nomode")
    assert code == 2
    assert text("plan-bad-pin", "zh", value="nomode") in err
    assert isinstance(typer.BadParameter("x"), Exception)
