"""The example requests the OpenAPI document shows (and schemathesis sends first): a
low-risk warehouse on the company's own land, as ``examples/low-risk-warehouse.yaml``."""

from __future__ import annotations

from typing import Any

__all__ = ["EXAMPLE_ACTUALS", "EXAMPLE_PROJECT"]

EXAMPLE_PROJECT: dict[str, Any] = {
    "name": "low-risk-warehouse",
    "zh": "企业自有用地上的社会投资简易低风险普通仓库",
    "en": "Low-risk simple warehouse on the company's own land",
    "start": "2026-03-02",
    "as_of": "2026-03-02",
    "profile": {
        "project": {
            "investment": "enterprise",
            "total_investment_10k": 1500,
            "use": "warehouse",
            "floor_area_m2": 6000,
            "height_m": 12,
            "floors_above": 1,
            "single_function": True,
            "construction_months": 6,
        },
        "land": {"supply": "existing"},
        "site": {"area_ha": 1.2, "earthwork_m3": 3000},
        "env": {"eia_category": "none"},
        "utilities": {
            "power": "low_voltage",
            "water": True,
            "gas": False,
            "sewage": "domestic",
            "telecom": True,
        },
    },
}
"""A project document: what a project file holds, as JSON."""

EXAMPLE_ACTUALS: dict[str, Any] = {
    "today": "2026-03-20",
    "tasks": [
        {"task": "enterprise-project-filing", "accepted": "2026-03-04", "decided": "2026-03-06"}
    ],
}
"""Actual dates to re-plan from (an actuals file as JSON)."""
