"""What a case operation refuses: a case that is not there (or not the caller's), a stale
version, a transition the process does not have. Each carries located problems."""

from __future__ import annotations

from pathplanner.errors import InputError, Location, Problem

__all__ = [
    "CaseNotFound",
    "Forbidden",
    "StaleVersion",
    "TransitionRefused",
    "Unauthenticated",
    "problem",
]


def problem(code: str, field: str, **args: str) -> Problem:
    """A problem about ``field`` (a dotted path in the request) with message ``code``."""
    return Problem(code, Location("request"), breadcrumb=field, args=args)


class CaseNotFound(InputError):
    """No such case, or not one the caller may see (the two read the same, so ids do not leak)."""

    def __init__(self, case_id: str) -> None:
        super().__init__([problem("case-not-found", "id", case=case_id)])


class StaleVersion(InputError):
    """The caller's version of the case is not the current one: read it again and retry."""

    def __init__(self, given: int, current: int) -> None:
        super().__init__(
            [problem("case-stale-version", "version", given=str(given), current=str(current))]
        )


class TransitionRefused(InputError):
    """The move is not one of the process's, or lacks what it needs."""


class Forbidden(InputError):
    """The caller's role does not have the right the request needs."""

    def __init__(self, role: str, right: str) -> None:
        super().__init__([problem("case-forbidden", "authorization", role=role, right=right)])


class Unauthenticated(InputError):
    """The request carries no token, or one that is unknown, expired or revoked."""


class RatingLinkUnknown(CaseNotFound):
    """A rating link that was never issued or was used already (both read the same)."""

    def __init__(self) -> None:
        InputError.__init__(self, [problem("rating-link-unknown", "token")])
