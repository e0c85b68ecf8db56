"""Case records of the agency service (代办帮办): the 代办 process from 申请 to 归档.

A case holds the investor, the project's profile, the agency unit and agent, the agreement,
the status, the baseline plan and every later plan version, actual dates with reasons,
notes and the archive record. Every change is one event of an append-only log; the
state machine (:mod:`~pathplanner.cases.status`) refuses every move the process does not
have; the storage (:mod:`~pathplanner.cases.storage`) runs on SQLite or PostgreSQL.
"""

from typing import TYPE_CHECKING, Any

from pathplanner.cases.access import RIGHTS, Principal, Right, Role
from pathplanner.cases.errors import CaseNotFound, Forbidden, StaleVersion, TransitionRefused
from pathplanner.cases.status import ALLOWED, CaseStatus, allowed

if TYPE_CHECKING:
    from pathplanner.cases.records import CaseBook, Change

__all__ = [
    "ALLOWED",
    "RIGHTS",
    "CaseBook",
    "CaseNotFound",
    "CaseStatus",
    "Change",
    "Forbidden",
    "Principal",
    "Right",
    "Role",
    "StaleVersion",
    "TransitionRefused",
    "allowed",
]


def __getattr__(name: str) -> Any:
    # The records pull in SQLAlchemy and the planner; the command line imports this package
    # for its roles and defaults only, so they load on first use (PEP 562).
    if name in ("CaseBook", "Change"):
        # lazy import: SQLAlchemy is only for the case records; `plan` should not pay for it
        from pathplanner.cases import records

        return getattr(records, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
