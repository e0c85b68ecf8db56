"""Helpers shared by the rules tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pathplanner.catalog import Catalog
from pathplanner.profile import Profile, validate_profile

AS_OF = dt.date(2026, 3, 2)

BASE: dict[str, Any] = {
    "project.investment": "enterprise",
    "project.use": "factory",
    "project.floor_area_m2": 3000,
}


def profile(catalog: Catalog, **values: Any) -> Profile:
    """A validated profile: the base values, updated with ``values`` (``a__b`` → ``a.b``)."""
    data = dict(BASE)
    data.update({k.replace("__", "."): v for k, v in values.items()})
    return validate_profile({k: v for k, v in data.items() if v is not None}, catalog, file="test")
