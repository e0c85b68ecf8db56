"""The plan as canonical JSON: the contract portals read (see ``docs/plan-format.md``)."""

from __future__ import annotations

from pathplanner.plan.model import Plan

__all__ = ["render_json"]


def render_json(plan: Plan) -> str:
    """Canonical JSON text (see :meth:`~pathplanner.plan.model.Plan.to_json`)."""
    return plan.to_json()
