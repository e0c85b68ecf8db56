"""The plan as canonical JSON: the contract portals read (see ``docs/plan-format.md``)."""

from __future__ import annotations

from pathplanner.plan.model import Plan

__all__ = ["render_json"]


def render_json(plan: Plan) -> str:
    """Canonical JSON text: fields in schema order, lists already sorted by the builder,
    UTF-8 (Chinese not escaped), 2-space indent, one trailing newline. Same plan, same bytes."""
    return plan.model_dump_json(indent=2) + "\n"
