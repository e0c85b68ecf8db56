"""A re-plan of a shipped example from an actuals file written to disk, shared by the
re-plan tests of the plan and of the reports."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

from pathplanner.plan.model import Plan
from pathplanner.profile import ProfileDocument, load_profile
from snapshots import example_paths, shared_planner

EXAMPLE = "low-risk-warehouse"
DELAYED = "construction-permit"
DECIDED = "construction-planning-permit"
TODAY = dt.date(2026, 6, 10)
REASON = "补正材料 *第二轮* | 含图纸 <b>"
"""A reason with characters that mean something in Markdown and HTML: the reports show it
as written."""

ACTUALS = f"""\
today: {TODAY.isoformat()}
tasks:
  - task: {DECIDED}
    accepted: 2026-04-01
    decided: 2026-04-20
  - task: {DELAYED}
    accepted: 2026-06-01
    reason: "{REASON}"
"""
"""The permit was accepted on 06-01 and is still under review on 06-10 (the baseline
decided it on 06-01): its decision is forecast, and it is late, for the reason given."""


@functools.cache
def document() -> ProfileDocument:
    path = next(p for p in example_paths() if p.stem == EXAMPLE)
    return load_profile(path, shared_planner().catalog)


@functools.cache
def baseline() -> Plan:
    """The example planned without actual dates."""
    return shared_planner().plan(document())


def replan(folder: Path, actuals: str = ACTUALS) -> Plan:
    """The example re-planned from ``actuals``, read from a file in ``folder``."""
    path = folder / "actuals.yaml"
    path.write_text(actuals, encoding="utf-8")
    return shared_planner().plan(document(), actuals=path)
