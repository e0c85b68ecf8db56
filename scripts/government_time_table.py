"""Tabulate each example's finish and government working days, both measures, per stage.

Usage (from the repository root, after ``make setup``):

    .venv/bin/python scripts/government_time_table.py [--label before] [--catalog DIR]

It plans every file of ``examples/`` with its own start and as-of date and prints one
Markdown table, ready to paste into ``docs/scheduling.md`` §6: the finish, the approval
chain's working days (the stage sums reform targets count) and the office days (days on
which some office holds a file), in total and per stage as ``chain / office``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pathplanner.plan import Planner

ROOT = Path(__file__).resolve().parents[1]


def table(planner: Planner, examples: list[Path], label: str) -> str:
    """The Markdown table of ``examples`` planned by ``planner``."""
    stages = list(planner.catalog.stages)
    rows: list[list[str]] = []
    used: set[str] = set()
    plans = []
    for path in examples:
        plan = planner.plan(path)
        time = plan.government_time
        assert time is not None, "a plan of format 1.1 or later"
        cells = {s.stage: f"{s.chain_working_days} / {s.office_working_days}" for s in time.stages}
        used |= set(cells)
        plans.append((path.stem, plan, cells))
    shown = [s for s in stages if s in used]
    head = ["example", "finish", "chain WD", "office WD", *(f"`{s}`" for s in shown)]
    for stem, plan, cells in plans:
        assert plan.government_time is not None
        rows.append(
            [
                f"`{stem}`",
                plan.finish.isoformat(),
                str(plan.government_time.chain_working_days),
                str(plan.government_working_days),
                *(cells.get(s, "—") for s in shown),
            ]
        )
    lines = [f"{label}: per stage, chain / office working days", ""] if label else []
    lines.append("| " + " | ".join(head) + " |")
    lines.append("|" + "---|" * len(head))
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--label", default="", help="a caption line, e.g. before or after")
    parser.add_argument("--catalog", type=Path, default=None, help="catalog directory")
    args = parser.parse_args(argv)
    planner = Planner.from_directory(args.catalog) if args.catalog else Planner.default()
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    print(table(planner, examples, args.label))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
