"""pathplanner: plans the approval pathway of an investment construction project."""

from pathplanner.decisions import Decisions
from pathplanner.errors import InputError, PathplannerError, Problem

__all__ = ["Decisions", "InputError", "PathplannerError", "Problem"]
__version__ = "0.1.0"
