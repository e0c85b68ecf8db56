"""Tooling for policy staff: scenario tests, lint, accepted warnings, and catalog diffs.

- :mod:`~pathplanner.policy.scenarios` / :mod:`~pathplanner.policy.runner`: scenario tests as
  data (``rules/tests/*.yaml``), run by ``pathplanner test`` and collected by pytest;
- :mod:`~pathplanner.policy.lint` / :mod:`~pathplanner.policy.accepted`: findings beyond
  validation and accepted warnings, reported by ``pathplanner check``;
- :mod:`~pathplanner.policy.diff`: what a regulation change does, ``pathplanner diff``.

The guide for policy staff is ``docs/policy-guide.md`` (in Chinese).
"""

from pathplanner.policy.accepted import WarningReview, render_accepted, review_warnings
from pathplanner.policy.diff import CatalogDiff, diff_catalogs, render_diff
from pathplanner.policy.lint import check_findings, lint_catalog
from pathplanner.policy.runner import ScenarioResult, reset_scenarios, run_scenarios
from pathplanner.policy.scenarios import Expectations, Scenario, ScenarioFile

__all__ = [
    "CatalogDiff",
    "Expectations",
    "Scenario",
    "ScenarioFile",
    "ScenarioResult",
    "WarningReview",
    "check_findings",
    "diff_catalogs",
    "lint_catalog",
    "render_accepted",
    "render_diff",
    "reset_scenarios",
    "review_warnings",
    "run_scenarios",
]
