"""The command line: exit codes 0/1/2, messages on stderr, --lang, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pathplanner.catalog import default_catalog_dir
from pathplanner.catalog.loader import load_catalog
from pathplanner.cli import check as cli_check
from pathplanner.cli import main
from pathplanner.profile import profile_json_schema

DATA = Path(__file__).resolve().parents[1] / "data"
MINI = DATA / "mini"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_reports_problems_on_stderr_with_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", str(DATA / "invalid" / "unknown-stage"))
    assert (code, out) == (1, "")
    assert err == (
        "catalog/items.yaml:9:12: 错误 [unknown-reference] Item(id='construction-permit') > "
        "stage: 未知的阶段 'permits'\n"
        "  建议：是否是 'permit'？\n"
    )


def test_lang_en(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--lang", "en", "check", str(DATA / "invalid" / "dated-gap"))
    assert code == 1
    assert err == (
        "catalog/items.yaml:16:11: error [dated-gap] Item(id='construction-permit') > "
        "time_limits > committed[1]: gap between validity periods: "
        "no value after [2019-01-01, 2023-12-31] until [2024-07-01, …]\n"
    )


def test_check_valid_catalog_prints_warnings_and_summary(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "--lang", "en", "check", str(MINI))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    warnings = [line for line in lines if ": warning [" in line]
    assert (
        "catalog/works.yaml:3:5: warning [lint-no-basis] Work(id='detailed-design'): "
        + ("'detailed-design' has no legal basis (basis)")
        in warnings
    )
    assert lines[-1] == (
        "catalog mini (version 2026.1) is valid: 3 items, 1 works, 3 materials, "
        f"3 profile fields, 2 rules; {len(warnings)} warnings"
    )


@pytest.mark.parametrize(
    "args",
    [["check", "--bogus"], ["--lang", "fr", "check"], ["nonsense"], ["schema", "nothing"]],
)
def test_wrong_command_line_exits_2(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2
    assert out == ""
    assert "Traceback" not in err


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert "check" in out
    assert "schema" in out


def test_schema_profile_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "schema", "profile", "--catalog", str(MINI))
    assert (code, err) == (0, "")
    assert json.loads(out) == profile_json_schema(load_catalog(MINI))
    code, out, _ = run(capsys, "--lang", "en", "schema", "profile", "--catalog", str(MINI))
    assert json.loads(out)["title"] == "Project profile"


def test_missing_catalog_is_input_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "--lang", "en", "check", str(tmp_path / "nowhere"))
    assert code == 1
    assert (
        err == f"{(tmp_path / 'nowhere').as_posix()}/catalog: error [file-missing]: "
        "file or directory does not exist\n"
    )


def test_unexpected_exception_is_one_internal_message(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli_check, "load_catalog", broken)
    monkeypatch.delenv("PATHPLANNER_DEBUG", raising=False)
    code, out, err = run(capsys, "--lang", "en", "check")
    assert (code, out) == (1, "")
    assert err == "pathplanner: error [internal]: internal error: RuntimeError: boom\n"
    monkeypatch.setenv("PATHPLANNER_DEBUG", "1")
    with pytest.raises(RuntimeError):
        main(["check"])


def test_check_and_test_name_the_catalog_and_pick_up_the_one_in_the_current_directory(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edited copy used to be ignored in favour of the shipped catalog, in silence."""
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(MINI, copy)
    expected = f"catalog: {copy.as_posix()} (content hash {load_catalog(copy).content_hash})"
    monkeypatch.chdir(copy)
    code, out, _ = run(capsys, "--lang", "en", "check")
    assert code == 0
    assert out.splitlines()[0] == expected
    code, out, _ = run(capsys, "--lang", "en", "test")
    assert out.splitlines()[0] == expected
    monkeypatch.chdir(tmp_path)  # no catalog/catalog.yaml here: the shipped catalog
    code, out, _ = run(capsys, "check")
    assert out.splitlines()[0].startswith(f"目录：{default_catalog_dir().as_posix()}（内容哈希 ")
