"""Who may do what: roles, the rights each has, and which cases a person sees.

A role without a right is refused (HTTP 403). A case outside the caller's reach reads as
not found (HTTP 404), so a case id of another town tells nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = ["RIGHTS", "Principal", "Right", "Role"]


class Role(StrEnum):
    """The roles of the service's users."""

    AGENT = "agent"  # 代办员: the cases of their unit
    UNIT_HEAD = "unit_head"  # 代办点负责人: their unit's cases and staffing
    SUPERVISOR = "supervisor"  # 审批局: every case, the organisation and the evaluation
    ADMIN = "admin"  # keeps users and units; reads no case


class Right(StrEnum):
    """What a request does."""

    CREATE_CASE = "create_case"
    READ_CASE = "read_case"
    CHANGE_CASE = "change_case"
    SEE_CONTACT = "see_contact"  # the investor's contact person and phone
    READ_ORGANISATION = "read_organisation"
    READ_REMINDERS = "read_reminders"
    READ_EVALUATION = "read_evaluation"


RIGHTS: dict[Role, frozenset[Right]] = {
    Role.AGENT: frozenset(
        {
            Right.CREATE_CASE,
            Right.READ_CASE,
            Right.CHANGE_CASE,
            Right.SEE_CONTACT,
            Right.READ_REMINDERS,
        }
    ),
    Role.UNIT_HEAD: frozenset(
        {
            Right.CREATE_CASE,
            Right.READ_CASE,
            Right.CHANGE_CASE,
            Right.SEE_CONTACT,
            Right.READ_ORGANISATION,
            Right.READ_REMINDERS,
            Right.READ_EVALUATION,
        }
    ),
    Role.SUPERVISOR: frozenset(
        {Right.READ_CASE, Right.READ_ORGANISATION, Right.READ_REMINDERS, Right.READ_EVALUATION}
    ),
    Role.ADMIN: frozenset({Right.READ_ORGANISATION}),
}
"""The access matrix. Contact details go only to those who handle the case."""


@dataclass(frozen=True)
class Principal:
    """The person behind a request."""

    user: str
    role: Role
    unit: str | None

    def may(self, right: Right) -> bool:
        """Whether the role has ``right``."""
        return right in RIGHTS[self.role]

    @property
    def sees_every_unit(self) -> bool:
        """Supervisors and admins are not bound to a unit."""
        return self.role in (Role.SUPERVISOR, Role.ADMIN)

    def reaches(self, unit: str) -> bool:
        """Whether records of ``unit`` are within reach."""
        return self.sees_every_unit or unit == self.unit
