"""The compile proof that ``pathplanner check`` runs for durable-rules (issue 18)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from _rules_domain import build_extremes

from pathplanner.catalog.loader import load_catalog
from pathplanner.cli import main
from pathplanner.rules.durable_check import Job, jobs, prove

DURABLE = sys.implementation.name == "cpython" and sys.version_info < (3, 13)


def _one_rule(when: str, rid: str = "big") -> str:
    return (
        f"  - id: {rid}\n    zh: 大\n"
        f"    when: '{when}'\n"
        "    then:\n      - require: project-filing\n    basis: 测试\n"
        "    valid_from: 2019-01-01\n"
    )


@pytest.mark.skipif(not DURABLE, reason="durable-rules builds on CPython < 3.13 only")
def test_a_rule_that_hangs_durable_rules_is_refused_with_its_file_and_line(
    tmp_path: Path,
) -> None:
    """The proof kills a child stuck on one rule (here a hand-made durable rule of 600
    alternatives, which durable-rules loops on forever) and goes on with the next."""
    rules = "rules:\n" + _one_rule("project.major") + _one_rule("not project.major", "small")
    catalog = load_catalog(build_extremes(tmp_path / "cat", rules))
    work = jobs(catalog)
    stuck = {
        "target": work[0].rule.id,
        "aux": False,
        "condition": {"$or": [{"v0": i} for i in range(600)]},
        "tests": 1,
        "reads": [],
        "phase": 0,
    }
    hanging = [Job(work[0].rule, [stuck]), work[1]]
    started = time.monotonic()
    problems = prove(hanging, rule_seconds=3, total_seconds=60)
    assert time.monotonic() - started < 40
    assert [p.message("en") for p in problems] == [
        "rules/extremes.yaml:2:9: error [rule-durable-timeout] Rule(id='big'): rule 'big' "
        "took more than 3 s to compile for the durable-rules engine and was stopped"
    ]


@pytest.mark.skipif(not DURABLE, reason="durable-rules builds on CPython < 3.13 only")
def test_the_proof_stops_at_its_total_time_and_names_where(tmp_path: Path) -> None:

    catalog = load_catalog(build_extremes(tmp_path / "cat"))
    problems = prove(jobs(catalog), rule_seconds=30, total_seconds=0)
    first = catalog.rules.compiled[0]
    assert [p.message("en") for p in problems] == [
        f"{first.location}: error [rule-durable-total-time] Rule(id={first.id!r}): the "
        f"durable-rules compile check took more than 0 s: 0 of {len(catalog.rules)} rules "
        f"checked, none from rule '{first.id}' on"
    ]


def test_check_accepts_a_catalog_of_long_conditions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = build_extremes(tmp_path / "cat")
    assert main(["--lang", "en", "check", str(root)]) == 0
    out, err = capsys.readouterr()
    assert "durable" not in out + err
    assert out.splitlines()[-1].startswith("catalog rules-test (version 2026.1) is valid")
