"""Who does the 代办帮办 work: agency units, their agents, and the investors they serve.

One model for the disclosure letter's header (``render``) and the service's organisation
records (``service``), so a unit or an agent reads the same in both.
"""

from pathplanner.organisation.model import (
    MINIMUM_AGENTS,
    Agent,
    Investor,
    Unit,
    UnitKind,
)

__all__ = ["MINIMUM_AGENTS", "Agent", "Investor", "Unit", "UnitKind"]
