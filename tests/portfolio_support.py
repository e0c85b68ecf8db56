"""One planned batch for the portfolio and analytics tests: a generated county year with
bad projects mixed in, planned once per test session through the command line on two
worker processes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from pathplanner.cli import main
from pathplanner.portfolio.files import write_portfolio
from pathplanner.portfolio.generate import generate_portfolio

SIZE = 200
"""Generated projects in the shared batch."""
SEED = 17

BAD_LINES = [
    "{not json",
    json.dumps(["a", "list"]),
    json.dumps(
        {
            "name": "bad-height",
            "start": "2026-03-02",
            "profile": {
                "project": {
                    "investment": "enterprise",
                    "total_investment_10k": 100,
                    "use": "warehouse",
                    "floor_area_m2": 1000,
                    "height_m": "tall",
                },
                "land": {"supply": "existing"},
                "site": {"area_ha": 0.2},
            },
        }
    ),
    json.dumps({"name": "bad-date", "start": "2026-02-30", "profile": {}}),
]
"""Lines that cannot be planned, appended after the generated ones."""


@dataclass(frozen=True)
class PlannedBatch:
    """The portfolio file, the batch's output directory and the generated documents."""

    portfolio: Path
    out: Path
    documents: list[dict[str, object]]


_CACHE: dict[str, PlannedBatch] = {}


def planned_batch(factory: pytest.TempPathFactory) -> PlannedBatch:
    """The shared batch, planned on the first call of the session."""
    if "batch" not in _CACHE:
        root = factory.mktemp("portfolio")
        documents = generate_portfolio(SIZE, SEED)
        portfolio = root / "county.jsonl"
        write_portfolio(documents, portfolio)
        with portfolio.open("a", encoding="utf-8") as file:
            file.write("".join(f"{line}\n" for line in BAD_LINES))
        out = root / "out"
        assert main(["batch", str(portfolio), "-o", str(out), "--workers", "2"]) == 0
        _CACHE["batch"] = PlannedBatch(portfolio, out, documents)
    return _CACHE["batch"]
