"""How a case reads to a person: its current state, contact details only for those who
handle it, instants in Asia/Shanghai, and the plan's split between agency and investor."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from pathplanner.cases.access import Principal, Right
from pathplanner.cases.clock import shown
from pathplanner.cases.status import LABEL, CaseStatus
from pathplanner.cases.storage.tables import CaseRow, EventRow, PlanRow
from pathplanner.messages import text

__all__ = ["CaseView", "EventView", "Handling", "InvestorView", "PlanVersionView", "case_view"]


class _View(BaseModel):
    model_config = ConfigDict(frozen=True)


class InvestorView(_View):
    """The investor; contact details only for the roles that handle the case."""

    name: str = Field(description="投资主体名称 / investor's name")
    contact: str | None = Field(description="联系人 (null: not shown to this role, or erased)")
    phone: str | None = Field(description="联系电话 (null: not shown to this role, or erased)")
    contact_erased: bool = Field(description="erased after the retention period of an archive")


class Handling(_View):
    """Who handles which item of the plan in force, by the agreement's scope."""

    agency: list[str] = Field(description="item ids the agency handles")
    investor: list[str] = Field(description="item ids the investor handles")


class CaseView(_View):
    """A case as it stands."""

    id: str = Field(description="case id")
    version: int = Field(description="send it back with a change (optimistic locking)")
    status: CaseStatus = Field(description="where the case stands")
    status_name: dict[str, str] = Field(description="the status in zh and en")
    project: str = Field(description="project name")
    unit: str = Field(description="the agency unit's id")
    agent: str | None = Field(description="the agent's user id")
    investor: InvestorView = Field(description="the investor")
    profile: dict[str, Any] = Field(description="the project's facts")
    start: dt.date | None = Field(description="planned 立项 submission")
    agreement: dict[str, Any] | None = Field(description="the agency agreement (at 受理)")
    confirmation: dict[str, Any] | None = Field(description="the investor's confirmation (办结)")
    archive: dict[str, Any] | None = Field(description="the archive record (归档)")
    actuals: list[dict[str, Any]] = Field(description="actual dates recorded, by task")
    plans: int = Field(description="plan versions: 1 is the baseline, the last is in force")
    baseline_finish: dt.date | None = Field(description="the baseline plan's finish")
    finish: dt.date | None = Field(description="the finish of the plan in force")
    slippage_working_days: int | None = Field(
        description="finish slip of the plan in force against the baseline (working days)"
    )
    handling: Handling | None = Field(description="agency-handled and investor-handled items")
    created_at: str = Field(description="when it was applied for (Asia/Shanghai)")
    updated_at: str = Field(description="last change (Asia/Shanghai)")
    rating_link_token: str | None = Field(
        None,
        description=(
            "only in the answer that closes the case (办结): the one-time token of the "
            "investor's rating link; it is not stored and not shown again"
        ),
    )


class EventView(_View):
    """One entry of the case's event log."""

    seq: int = Field(description="its number; the case's version after it")
    at: str = Field(description="when (Asia/Shanghai)")
    actor: str = Field(description="the user who did it")
    kind: str = Field(description="`applied`, `transition`, `actuals`, `note` or `contact-erased`")
    reason: str | None = Field(description="the reason code given")
    note: str = Field(description="why, in words")
    data: dict[str, Any] = Field(description="what changed")

    @classmethod
    def of(cls, row: EventRow) -> EventView:
        return cls(
            seq=row.seq,
            at=shown(row.at),
            actor=row.actor,
            kind=row.kind,
            reason=row.reason,
            note=row.note,
            data=row.data,
        )


class PlanVersionView(_View):
    """One plan version (its JSON at ``/cases/{id}/plans/{number}``)."""

    number: int = Field(description="1 is the baseline")
    event_seq: int = Field(description="the event that made it")
    made_at: str = Field(description="when (Asia/Shanghai)")
    finish: dt.date = Field(description="its finish")

    @classmethod
    def of(cls, row: PlanRow) -> PlanVersionView:
        return cls(
            number=row.number,
            event_seq=row.event_seq,
            made_at=shown(row.made_at),
            finish=row.finish,
        )


def _handling(agreement: dict[str, Any] | None, plan: dict[str, Any]) -> Handling | None:
    if agreement is None:
        return None
    items = sorted({t["id"] for t in plan.get("tasks", []) if t.get("type") == "item"})
    scope = agreement.get("scope")
    ours = set(items) if scope == "all" else set(scope or [])
    return Handling(
        agency=[i for i in items if i in ours], investor=[i for i in items if i not in ours]
    )


def case_view(row: CaseRow, who: Principal, plans: list[PlanRow]) -> CaseView:
    """The case as ``who`` may see it."""
    contact = who.may(Right.SEE_CONTACT)
    status = CaseStatus(row.status)
    current = json.loads(plans[-1].plan) if plans else None
    slip = (current or {}).get("slippage") or {}
    return CaseView(
        id=row.id,
        version=row.version,
        status=status,
        status_name={lang: text(LABEL[status], lang) for lang in ("zh", "en")},
        project=row.project,
        unit=row.unit_id,
        agent=row.agent_id,
        investor=InvestorView(
            name=row.investor_name,
            contact=row.investor_contact if contact else None,
            phone=row.investor_phone if contact else None,
            contact_erased=row.contact_erased_at is not None,
        ),
        profile=row.profile,
        start=row.start,
        agreement=row.agreement,
        confirmation=row.confirmation,
        archive=row.archive,
        actuals=row.actuals,
        plans=len(plans),
        baseline_finish=plans[0].finish if plans else None,
        finish=plans[-1].finish if plans else None,
        slippage_working_days=slip.get("working_days") if plans else None,
        handling=_handling(row.agreement, current) if current is not None else None,
        created_at=shown(row.created_at),
        updated_at=shown(row.updated_at),
    )
