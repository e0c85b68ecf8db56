"""pathplanner: plans the approval pathway of an investment construction project."""

from pathplanner.decisions import Decisions
from pathplanner.errors import InputError, PathplannerError, Problem
from pathplanner.plan.model import Plan
from pathplanner.plan.planner import Planner

__all__ = ["Decisions", "InputError", "PathplannerError", "Plan", "Planner", "Problem"]
__version__ = "0.1.0"
