"""Dependency cycles that rules close are found by `check`, located at the rules (#18)."""

from __future__ import annotations

from pathlib import Path

from conftest import add_file
from typer.testing import CliRunner

from pathplanner.catalog import default_catalog_dir
from pathplanner.catalog.loader import load_catalog
from pathplanner.cli import app
from pathplanner.policy.cycles import rule_dependency_cycles

RULE = """\
  - id: {id}
    zh: 测试规则
    when: {when}
    then:
      - add_dependency: {{before: {before}, after: {after}}}
    basis: 测试
    valid_from: 2019-05-01
"""


def add_rule(root: Path, rule_id: str, when: str, before: str, after: str) -> None:
    path = root / "rules" / "mini.yaml"
    rule = RULE.format(id=rule_id, when=when, before=before, after=after)
    path.write_text(path.read_text(encoding="utf-8") + rule, encoding="utf-8")


def messages(root: Path) -> list[str]:
    return [p.message("en") for p in rule_dependency_cycles(load_catalog(root))]


def test_a_rule_that_closes_a_cycle_fails_check_at_the_rule(mini: Path) -> None:
    add_rule(
        mini,
        "permit-first",
        "project.floor_area_m2 > 0",
        "construction-permit-cert",
        "project-filing",
    )
    assert messages(mini) == [
        "rules/mini.yaml:23:9: error [rule-dependency-cycle] Rule(id='permit-first'): the "
        "dependencies that rule(s) permit-first add close a cycle with the catalog's "
        "prerequisites: construction-permit → project-filing → planning-permit → "
        "construction-permit; wherever they fire together (for example "
        "project.floor_area_m2=1) no plan can be scheduled"
    ]
    run = CliRunner().invoke(app, ["check", str(mini)])
    assert run.exit_code == 1
    assert "[rule-dependency-cycle]" in run.output
    assert "目录 mini（版本 2026.1）检查未通过：错误 1 个" in run.output


def test_a_rule_that_never_fires_closes_no_cycle(mini: Path) -> None:
    add_rule(
        mini,
        "permit-first",
        "project.floor_area_m2 < 0",
        "construction-permit-cert",
        "project-filing",
    )
    assert messages(mini) == []


def test_two_rules_that_close_a_cycle_only_together(mini: Path) -> None:
    add_file(
        mini,
        "catalog/extra.yaml",
        """\
        works:
          - id: survey
            zh: 测量
            stage: approval
            provider: design-institute
            duration: {value: 5, clock: calendar}
            applies_by_default: true
            terminal: true  # feeds a task only through the rules under test
            outputs:
              - {id: survey-report, zh: 测量报告}
            valid_from: 2000-01-01
        """,
    )
    add_rule(mini, "survey-first", "site.in_assessed_zone", "survey-report", "project-filing")
    add_rule(
        mini,
        "permit-before-survey",
        "project.floor_area_m2 > 100",
        "construction-permit-cert",
        "survey",
    )
    found = messages(mini)
    assert len(found) == 1 and "rule(s) permit-before-survey, survey-first add" in found[0]
    # when the two rules cannot fire together, there is no cycle to report
    (mini / "rules" / "mini.yaml").write_text(
        (mini / "rules" / "mini.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "when: site.in_assessed_zone\n",
            "when: site.in_assessed_zone and project.floor_area_m2 < 50\n",
        ),
        encoding="utf-8",
    )
    assert messages(mini) == []


def test_the_default_catalog_has_no_rule_closed_cycle() -> None:
    assert rule_dependency_cycles(load_catalog(default_catalog_dir())) == []
