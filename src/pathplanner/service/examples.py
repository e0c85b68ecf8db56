"""The example requests the OpenAPI document shows (and schemathesis sends first): a
low-risk warehouse on the company's own land, as ``examples/low-risk-warehouse.yaml``."""

from __future__ import annotations

from typing import Any

__all__ = [
    "EXAMPLE_ACCEPTANCE",
    "EXAMPLE_ACTUALS",
    "EXAMPLE_CASE_ACTUALS",
    "EXAMPLE_CASE_DRAFT",
    "EXAMPLE_NOTE",
    "EXAMPLE_PROJECT",
    "EXAMPLE_RATING",
]

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
            "floor_area_m2": 2800,
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

EXAMPLE_CASE_DRAFT: dict[str, Any] = {
    "investor": {"name": "某仓储有限公司", "contact": "李四", "phone": "13800000000"},
    "project": "自有用地仓库",
    "profile": EXAMPLE_PROJECT["profile"],
    "start": "2026-03-02",
}
"""An application (申请) for the warehouse, made by an agent for their own unit."""

EXAMPLE_ACCEPTANCE: dict[str, Any] = {
    "to": "accepted",
    "version": 1,
    "today": "2026-03-02",
    "agreement": {
        "number": "DB-2026-007",
        "date": "2026-03-02",
        "scope": ["enterprise-project-filing"],
    },
}
"""受理 with a partial-scope agreement (部分代办): the agency handles the filing only."""

EXAMPLE_CASE_ACTUALS: dict[str, Any] = {
    "version": 2,
    "today": "2026-03-10",
    "tasks": [
        {
            "task": "enterprise-project-filing",
            "accepted": "2026-03-04",
            "decided": "2026-03-09",
            "reason": "investor-materials-late",
            "note": "企业补充了投资额说明",
        }
    ],
}
"""Actual dates of the filing, later than planned, with the reason code."""

EXAMPLE_NOTE: dict[str, Any] = {"version": 3, "text": "已向企业发出一次性告知单"}
"""A note on the case (the version after the acceptance and the actuals)."""

EXAMPLE_RATING: dict[str, Any] = {"score": 5, "comment": "代办及时"}
"""The investor's rating, sent through the one-time link."""
