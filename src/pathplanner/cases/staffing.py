"""The organisation as recorded: units with their agents, and the staffing report that flags
units below the opinion's minimum (:data:`pathplanner.organisation.MINIMUM_AGENTS`)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from pathplanner.cases.access import Principal, Right, Role
from pathplanner.cases.errors import Forbidden
from pathplanner.cases.storage.tables import UnitRow, UserRow
from pathplanner.organisation import MINIMUM_AGENTS, Agent, UnitKind

__all__ = ["UnitStaffing", "staffing_report"]


class UnitStaffing(BaseModel):
    """One unit, its agents, and whether it meets the staffing minimum."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(description="unit id")
    name: str = Field(description="unit name")
    kind: UnitKind = Field(description="kind of unit")
    agents: list[Agent] = Field(description="its active agents")
    minimum: int | None = Field(description="the opinion's minimum for its kind (null: none)")
    below_minimum: bool = Field(description="fewer agents than the minimum")


def staffing_report(session: Session, who: Principal) -> list[UnitStaffing]:
    """Every unit within reach of ``who`` with its agents, by unit id."""
    if not who.may(Right.READ_ORGANISATION):
        raise Forbidden(who.role, Right.READ_ORGANISATION)
    units = select(UnitRow).order_by(UnitRow.id)
    if not who.sees_every_unit:
        units = units.where(UnitRow.id == who.unit)
    agents = select(UserRow).where(UserRow.role == Role.AGENT.value, UserRow.disabled_at.is_(None))
    by_unit: dict[str, list[Agent]] = {}
    for user in session.scalars(agents.order_by(UserRow.id)):
        by_unit.setdefault(user.unit_id or "", []).append(
            Agent(id=user.id, name=user.name, phone=user.phone, unit=user.unit_id)
        )
    report = []
    for unit in session.scalars(units):
        kind = UnitKind(unit.kind)
        staff = by_unit.get(unit.id, [])
        minimum = MINIMUM_AGENTS.get(kind)
        report.append(
            UnitStaffing(
                id=unit.id,
                name=unit.name,
                kind=kind,
                agents=staff,
                minimum=minimum,
                below_minimum=minimum is not None and len(staff) < minimum,
            )
        )
    return report
