"""The plan: the :class:`Planner` API, the :class:`Plan` model (the JSON contract) and its
assembly from rule decisions and a schedule (disclosure list, material plan)."""

from pathplanner.plan.model import Plan, plan_json_schema
from pathplanner.plan.planner import Planner

__all__ = ["Plan", "Planner", "plan_json_schema"]
