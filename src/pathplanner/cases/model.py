"""What a case record holds and what its requests carry (the HTTP service's bodies too).

Dates are calendar days (Asia/Shanghai); instants are stored in UTC and shown in
Asia/Shanghai (:func:`pathplanner.cases.clock.shown`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from pathplanner._input.validation import model_error
from pathplanner.cases.status import CaseStatus

__all__ = [
    "ActualEntry",
    "ActualsUpdate",
    "Agreement",
    "ArchiveRecord",
    "CaseDraft",
    "Confirmation",
    "InvestorDetails",
    "NoteRequest",
    "RatingRequest",
    "TransitionRequest",
]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class InvestorDetails(_Body):
    """The investor (申请人); ``contact`` and ``phone`` are personal information."""

    name: str = Field(min_length=1, max_length=200, description="投资主体名称 / investor's name")
    contact: str | None = Field(
        None, max_length=100, description="联系人 / person to contact (personal information)"
    )
    phone: str | None = Field(
        None, max_length=40, description="联系电话 / contact phone (personal information)"
    )


class CaseDraft(_Body):
    """An application (申请): who applies, for which project, to which unit."""

    investor: InvestorDetails = Field(description="the investor")
    project: str = Field(min_length=1, max_length=200, description="项目名称 / project name")
    profile: dict[str, Any] = Field(
        description="the project's facts, as the `profile:` section of a project file"
    )
    start: dt.date | None = Field(
        None, description="planned 立项 submission; the acceptance date when absent"
    )
    unit: str | None = Field(
        None, description="the agency unit's id; the caller's own unit when absent"
    )
    agent: str | None = Field(
        None, description="the agent's user id; the caller when absent and the caller is an agent"
    )


class Agreement(_Body):
    """The agency agreement (代办协议) signed at 受理."""

    number: str = Field(min_length=1, max_length=100, description="协议编号 / agreement number")
    date: dt.date = Field(description="签订日期 / signing date")
    scope: Literal["all"] | list[str] = Field(
        description=(
            '`"all"` for 全程代办, or the item ids the agency handles (部分代办); '
            "the investor handles the others"
        )
    )


class Confirmation(_Body):
    """The investor's confirmation that the case is done (办结)."""

    date: dt.date = Field(description="确认日期 / the day the investor confirmed")
    by: str = Field(min_length=1, max_length=100, description="确认人 / who confirmed")


class ArchiveRecord(_Body):
    """The archive record (归档): the investor's materials returned."""

    date: dt.date = Field(description="归档日期 / the day it was archived")
    materials_returned: list[str] = Field(
        description="退还的材料 / the materials returned to the investor"
    )
    returned_to: str = Field(min_length=1, max_length=100, description="接收人 / returned to whom")


class TransitionRequest(_Body):
    """Move a case to another status."""

    to: CaseStatus = Field(description="the status to move to")
    version: int = Field(ge=1, description="the case version the caller read (optimistic lock)")
    reason: str | None = Field(
        None, description="reason code: required for `not_accepted` and `terminated`"
    )
    note: str = Field("", max_length=2000, description="why, in words")
    agreement: Agreement | None = Field(None, description="required for `accepted`")
    confirmation: Confirmation | None = Field(None, description="required for `closed`")
    archive: ArchiveRecord | None = Field(None, description="required for `archived`")
    today: dt.date | None = Field(
        None, description="the day it happens (Asia/Shanghai); today when absent"
    )


class ActualEntry(_Body):
    """What actually happened to one task of the plan."""

    task: str = Field(min_length=1, max_length=200, description="a task id of the plan")
    accepted: dt.date | None = Field(None, description="accepted (受理) or started")
    decided: dt.date | None = Field(None, description="decided (办结) or finished")
    status: Literal["accepted", "decided", "suspended", "terminated", "refused"] | None = Field(
        None, description="where it stands (as in an actuals file)"
    )
    suspended_on: dt.date | None = Field(None, description="`suspended`: the day review stopped")
    resumes: dt.date | None = Field(None, description="`suspended`: the day review resumes")
    reason: str | None = Field(
        None,
        description=(
            "reason code: required when a date differs from the plan or from an earlier "
            "record, and for every pause"
        ),
    )
    note: str = Field("", max_length=2000, description="why, in words")


class ActualsUpdate(_Body):
    """Actual dates of some tasks; the case is re-planned from all actuals recorded so far."""

    version: int = Field(ge=1, description="the case version the caller read (optimistic lock)")
    today: dt.date | None = Field(
        None, description="the day of the re-plan (Asia/Shanghai); today when absent"
    )
    tasks: list[ActualEntry] = Field(min_length=1, max_length=500, description="the entries")

    @model_validator(mode="after")
    def _each_task_once(self) -> ActualsUpdate:
        seen: set[str] = set()
        for entry in self.tasks:
            if entry.task in seen:
                raise model_error("value-task-twice", "tasks", task=entry.task)
            seen.add(entry.task)
        return self


class NoteRequest(_Body):
    """A note on a case."""

    version: int = Field(ge=1, description="the case version the caller read (optimistic lock)")
    text: str = Field(min_length=1, max_length=4000, description="the note")


class RatingRequest(_Body):
    """The investor's rating of a closed case (one-time link, no account)."""

    score: int = Field(ge=1, le=5, description="1 (poor) to 5 (excellent)")
    comment: str = Field("", max_length=2000, description="what the investor says")
