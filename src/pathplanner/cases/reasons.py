"""Reason codes, kept as data in ``reasons.yaml`` beside this module (zh/en labels, the uses
each may be given for, and who caused the delay)."""

from __future__ import annotations

import functools
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from pathplanner._input.validation import validate_model
from pathplanner._input.yaml import read_yaml
from pathplanner.errors import InputError

__all__ = ["REASONS_FILE", "Cause", "Reason", "ReasonUse", "reason_table"]

REASONS_FILE = Path(__file__).with_name("reasons.yaml")


class ReasonUse(StrEnum):
    """What a reason may explain."""

    DATE = "date"
    PAUSE = "pause"
    REFUSAL = "refusal"
    TERMINATION = "termination"


class Cause(StrEnum):
    """Who caused the delay a reason explains (the evaluation excludes investor and art45)."""

    INVESTOR = "investor"
    ART45 = "art45"
    DEPARTMENT = "department"
    AGENCY = "agency"
    OTHER = "other"


class Reason(BaseModel):
    """One reason code."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1, description="reason code")
    zh: str = Field(min_length=1, description="Chinese label")
    en: str = Field(min_length=1, description="English label")
    uses: list[ReasonUse] = Field(min_length=1, description="what it may explain")
    cause: Cause = Field(description="who caused the delay")


class _ReasonFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    reasons: list[Reason]


@functools.cache
def reason_table(path: Path = REASONS_FILE) -> dict[str, Reason]:
    """The reasons of ``path`` by code; raises :class:`InputError` when the file is wrong."""
    display = path.name
    data, problems = read_yaml(path, display)
    if problems:
        raise InputError(problems)
    parsed, problems = validate_model(_ReasonFile, data, file=display, breadcrumb="reasons")
    if parsed is None:
        raise InputError(problems)
    return {reason.id: reason for reason in parsed.reasons}
