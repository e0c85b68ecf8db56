"""docs/rules.md and docs/engines.md stay true to the code and the latest stress run."""

from __future__ import annotations

import json
import re

import pytest
from _rules_domain import REPO

from pathplanner.catalog.rulebook.model import CONCLUSION_KINDS
from pathplanner.cli import main
from pathplanner.rules import DEFAULT_ENGINE

RULES_MD = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
ENGINES_MD = (REPO / "docs" / "engines.md").read_text(encoding="utf-8")


def test_every_conclusion_kind_is_documented() -> None:
    documented = re.findall(r"^\| `([a-z_]+)` \|", RULES_MD, flags=re.MULTILINE)
    assert documented == list(CONCLUSION_KINDS)


def test_the_explain_example_is_what_the_command_prints(
    capsys: pytest.CaptureFixture[str],
) -> None:
    block = RULES_MD.split("$ pathplanner --lang en explain ", 1)[1].split("```", 1)[0]
    command, *expected = block.strip("\n").splitlines()
    project, item = command.split()
    assert main(["--lang", "en", "explain", str(REPO / project), item]) == 0
    assert capsys.readouterr().out.splitlines() == expected


def test_engines_doc_names_the_default_and_cites_the_latest_stress_run() -> None:
    name = {"durable": "durable-rules", "reference": "the reference evaluator"}[DEFAULT_ENGINE]
    assert f"**{name} is the default where it is importable.**" in ENGINES_MD
    record = json.loads((REPO / "benchmarks" / "stress_rules.json").read_text(encoding="utf-8"))
    assert record["passed"] is True
    soak = record["soak"]
    assert soak["plans"] >= 100_000
    assert f"(growth {soak['rss_growth_mb']} MiB)" in ENGINES_MD
    assert f"{soak['durable_stats']['asserts']:,} asserts" in ENGINES_MD
    assert f"{record['tenfold']['rules']} rules; {record['tenfold']['rulesets']} rulesets" in (
        ENGINES_MD
    )
