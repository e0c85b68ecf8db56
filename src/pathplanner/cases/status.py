"""The case's state machine: the 代办 process from 申请 to 归档, and nothing else.

The implementing opinion's process has exactly these steps::

    申请 → 受理 | 不予受理 (with a reason)
    受理 → 承办
    承办 → 办结 (the investor's confirmation recorded)
    申请 | 受理 | 承办 → 终止 (with a reason: conflict with regulations, investor's request, other)
    办结 | 终止 → 归档 (final: materials returned, to whom, when)

Every other move is refused.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["ALLOWED", "FINAL", "LABEL", "CaseStatus", "allowed"]


class CaseStatus(StrEnum):
    """Where a case stands."""

    APPLIED = "applied"  # 申请
    ACCEPTED = "accepted"  # 受理
    NOT_ACCEPTED = "not_accepted"  # 不予受理
    HANDLING = "handling"  # 承办
    CLOSED = "closed"  # 办结
    TERMINATED = "terminated"  # 终止
    ARCHIVED = "archived"  # 归档


ALLOWED: frozenset[tuple[CaseStatus, CaseStatus]] = frozenset(
    {
        (CaseStatus.APPLIED, CaseStatus.ACCEPTED),
        (CaseStatus.APPLIED, CaseStatus.NOT_ACCEPTED),
        (CaseStatus.ACCEPTED, CaseStatus.HANDLING),
        (CaseStatus.HANDLING, CaseStatus.CLOSED),
        (CaseStatus.APPLIED, CaseStatus.TERMINATED),
        (CaseStatus.ACCEPTED, CaseStatus.TERMINATED),
        (CaseStatus.HANDLING, CaseStatus.TERMINATED),
        (CaseStatus.CLOSED, CaseStatus.ARCHIVED),
        (CaseStatus.TERMINATED, CaseStatus.ARCHIVED),
    }
)
"""Every permitted (from, to) pair; the opinion's process has no other."""

FINAL: frozenset[CaseStatus] = frozenset({CaseStatus.NOT_ACCEPTED, CaseStatus.ARCHIVED})
"""States no transition leaves."""


def allowed(current: CaseStatus, target: CaseStatus) -> bool:
    """Whether a case in ``current`` may move to ``target``."""
    return (current, target) in ALLOWED


LABEL: dict[CaseStatus, str] = {
    CaseStatus.APPLIED: "kind-case-applied",
    CaseStatus.ACCEPTED: "kind-case-accepted",
    CaseStatus.NOT_ACCEPTED: "kind-case-not_accepted",
    CaseStatus.HANDLING: "kind-case-handling",
    CaseStatus.CLOSED: "kind-case-closed",
    CaseStatus.TERMINATED: "kind-case-terminated",
    CaseStatus.ARCHIVED: "kind-case-archived",
}
"""Each status's label key (zh 申请…, en applied…), filled into messages in their language."""
