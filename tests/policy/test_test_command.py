"""``pathplanner test``: passing, failing with its exact message, and ``--reset``."""

from __future__ import annotations

from pathlib import Path

from conftest import add_file
from typer.testing import CliRunner

from pathplanner.cli import app

SCENARIOS = """\
# 园区场景（这行注释在 --reset 之后仍然保留）
scenarios:
  - name: 园区小厂房
    profile: ../../examples/small-factory.yaml
    expect:
      present: [project-filing, construction-permit]
      absent: [detailed-design]   # 故意写错：施工图设计是要做的
      modes: {construction-permit: commitment}   # 工期相同，按普通方式办理
  - name: 政府投资项目不备案
    profile:
      project: {investment: government, floor_area_m2: 1000}
    start: 2026-03-02
    expect:
      absent: [project-filing]
"""


def run(*args: str) -> tuple[int, str]:
    """The exit code and the output after the first line, which names the catalog tested."""
    result = CliRunner().invoke(app, list(args))
    first, _, rest = result.output.partition("\n")
    if result.exit_code != 2 and not first.startswith(("目录：", "catalog: ")):
        return result.exit_code, result.output  # the catalog could not be loaded
    assert first.endswith(("）", ")")) and "sha256:" in first, first
    return result.exit_code, rest


def test_passing_scenarios(mini: Path) -> None:
    add_file(
        mini,
        "rules/tests/ok.yaml",
        """\
        scenarios:
          - name: 政府投资项目不备案
            profile: {project: {investment: government, floor_area_m2: 1000}}
            start: 2026-03-02
            expect:
              absent: [project-filing]
              present: [planning-permit]
        """,
    )
    assert run("test", str(mini)) == (0, "场景测试：1 个通过，0 个失败（共 1 个文件）\n")
    assert run("--lang", "en", "test", str(mini)) == (
        0,
        "scenario tests: 1 passed, 0 failed (1 files)\n",
    )


def test_failing_scenario_message(mini: Path) -> None:
    add_file(mini, "rules/tests/zone.yaml", SCENARIOS)
    code, output = run("test", str(mini))
    assert code == 1
    assert output == (
        "rules/tests/zone.yaml:7:16: 错误 [test-task-present] Scenario(name='园区小厂房') > "
        "expect.absent: 事项 'detailed-design' 不应出现在计划中，但计划中有\n"
        "  期望：-\n"
        "  实际：detailed-design\n"
        "rules/tests/zone.yaml:8:36: 错误 [test-mode] Scenario(name='园区小厂房') > "
        "expect.modes: 事项 'construction-permit' 的办理模式与期望不符\n"
        "  期望：commitment\n"
        "  实际：normal\n"
        "场景测试：1 个通过，1 个失败（共 1 个文件）\n"
    )


def test_reset_rewrites_expectations_only(mini: Path) -> None:
    path = add_file(mini, "rules/tests/zone.yaml", SCENARIOS)
    code, output = run("test", str(mini), "--reset")
    assert (code, output) == (
        0,
        "已按当前目录改写 1 个场景的期望值（rules/tests/zone.yaml），请检查改动后再提交\n",
    )
    assert path.read_text(encoding="utf-8") == SCENARIOS.replace(
        """\
    expect:
      present: [project-filing, construction-permit]
      absent: [detailed-design]   # 故意写错：施工图设计是要做的
      modes: {construction-permit: commitment}   # 工期相同，按普通方式办理
""",
        """\
    expect:
      present:
        - project-filing
        - construction-permit
        - detailed-design
      modes:
        construction-permit: normal
""",
    )
    assert run("test", str(mini)) == (0, "场景测试：2 个通过，0 个失败（共 1 个文件）\n")
    assert run("test", str(mini), "--reset") == (
        0,
        "所有场景的期望值都与当前目录一致，无需改写\n",
    )


def test_empty_expectations_become_a_snapshot(mini: Path) -> None:
    path = add_file(
        mini,
        "rules/tests/new.yaml",
        """\
        scenarios:
          - name: 新场景
            profile: ../../examples/small-factory.yaml
            expect: {}
        """,
    )
    assert run("test", str(mini), "--reset")[0] == 0
    text = path.read_text(encoding="utf-8")
    assert "    expect:\n      present:\n" in text
    assert "      finish: " in text
    assert run("test", str(mini)) == (0, "场景测试：1 个通过，0 个失败（共 1 个文件）\n")


def test_unknown_task_and_bad_file(mini: Path) -> None:
    add_file(
        mini,
        "rules/tests/typo.yaml",
        """\
        scenarios:
          - name: 拼写错误
            profile: ../../examples/small-factory.yaml
            expect:
              present: [planing-permit]
            expct: {}
        """,
    )
    code, output = run("test", str(mini))
    assert code == 1
    assert output.startswith(
        "rules/tests/typo.yaml:6:5: 错误 [unknown-key] scenarios[0]: 未知的键 'expct'\n"
    )


def test_scenario_that_cannot_be_planned(mini: Path) -> None:
    add_file(
        mini,
        "rules/tests/broken.yaml",
        """\
        scenarios:
          - name: 没有日期
            profile: {project: {investment: government, floor_area_m2: 1000}}
            expect: {}
          - name: 字段写错
            profile: ../../examples/small-factory.yaml
            set: {project.floor_area: 9000}
            expect: {}
        """,
    )
    code, output = run("test", str(mini))
    assert code == 1
    assert output == (
        "rules/tests/broken.yaml:2:11: 错误 [scenario-no-start] Scenario(name='没有日期'): "
        "场景没有开始日期：请在场景中写 start（或 as_of），或在所引用的项目文件中写 start\n"
        "rules/tests/broken.yaml:7:11: 错误 [profile-unknown-field] Scenario(name='字段写错') > "
        "set: 未知的项目信息字段 'project.floor_area'\n"
        "  建议：是否是 'project.floor_area_m2'？\n"
        "场景测试：0 个通过，2 个失败（共 1 个文件）\n"
    )


def test_a_scenario_file_linking_outside_the_catalog_is_refused(mini: Path, tmp_path: Path) -> None:
    """Scenario files are held to the catalog's rules: a symlink leading outside is an
    error naming it, and its content is never read (#18)."""
    secret = tmp_path / "secret.yaml"
    secret.write_text("scenarios:\n  - name: leaked\n", encoding="utf-8")
    tests = mini / "rules" / "tests"
    tests.mkdir(parents=True, exist_ok=True)
    (tests / "outside.yaml").symlink_to(secret)
    run = CliRunner().invoke(app, ["--lang", "en", "test", str(mini)])
    assert run.exit_code == 1
    assert "rules/tests/outside.yaml: error [file-outside]" in run.output
    assert "leaked" not in run.output


def test_materials_expectation(mini: Path) -> None:
    """A scenario names the materials an item's disclosure lists; a missing one fails."""
    add_file(
        mini,
        "rules/tests/materials.yaml",
        """\
        scenarios:
          - name: 规划许可的告知材料
            profile: {project: {investment: government, floor_area_m2: 1000}}
            start: 2026-03-02
            expect:
              materials:
                planning-permit: [application-form, site-plan]
          - name: 规划许可不要施工许可证
            profile: {project: {investment: government, floor_area_m2: 1000}}
            start: 2026-03-02
            expect:
              materials:
                planning-permit: [planning-permit-copy, site-plna]
        """,
    )
    code, output = run("--lang", "en", "test", str(mini))
    assert code == 1
    assert output == (
        "rules/tests/materials.yaml:13:27: error [test-material-missing] "
        "Scenario(name='规划许可不要施工许可证') > "
        "expect.materials: the disclosure entry of 'planning-permit' should list the material "
        "'planning-permit-copy' but does not\n"
        "  expected: planning-permit-copy\n"
        "  found: application-form, site-plan\n"
        "rules/tests/materials.yaml:13:49: error [test-unknown-material] "
        "Scenario(name='规划许可不要施工许可证') > "
        "expect.materials: the catalog has no material 'site-plna'\n"
        "  hint: did you mean 'site-plan'?\n"
        "scenario tests: 1 passed, 1 failed (1 files)\n"
    )
