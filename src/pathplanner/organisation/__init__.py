"""Who does the 代办帮办 work: agency units, their agents, and the investors they serve.

One model for the disclosure letter's header (``render``) and the service's organisation
records (``service``), so a unit or an agent reads the same in both. The letter file that
fills that header is :mod:`pathplanner.organisation.letter`.
"""

from pathplanner.organisation.letter import Letter, letter_json_schema, load_letter
from pathplanner.organisation.model import (
    MINIMUM_AGENTS,
    Agent,
    Investor,
    Unit,
    UnitKind,
)

__all__ = [
    "MINIMUM_AGENTS",
    "Agent",
    "Investor",
    "Letter",
    "Unit",
    "UnitKind",
    "letter_json_schema",
    "load_letter",
]
