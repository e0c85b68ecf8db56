"""Accepted warnings: warnings the catalog intends, accepted next to what they concern.

An :class:`~pathplanner.catalog.model.AcceptedWarning` (``code``, ``reason``, ``date``, optional
``subject``) sits in the ``accepted_warnings`` list of an item, work, material, rule or the
manifest. It accepts every warning with that code whose breadcrumb starts with the owner's
breadcrumb (the manifest owns the whole catalog); a ``subject`` narrows it to warnings that
mention the subject (in the breadcrumb or the message arguments). :func:`review_warnings`
sorts warnings into open and accepted, and reports each acceptance that no longer matches a
warning, so stale acceptances do not pile up.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pathplanner.catalog.model import AcceptedWarning
from pathplanner.errors import Location, Problem
from pathplanner.messages import text

__all__ = [
    "Acceptance",
    "WarningReview",
    "acceptances_of",
    "render_accepted",
    "render_review",
    "review_warnings",
]


@dataclass(frozen=True)
class Acceptance:
    """One accepted warning and its owner (``owner`` is a breadcrumb, ``""`` for the
    manifest) and where the owner is defined."""

    owner: str
    accepted: AcceptedWarning
    location: Location

    def matches(self, problem: Problem) -> bool:
        """True when this acceptance covers ``problem``."""
        if problem.severity != "warning" or problem.code != self.accepted.code:
            return False
        if self.owner and not (
            problem.breadcrumb == self.owner or problem.breadcrumb.startswith(self.owner + " ")
        ):
            return False
        subject = self.accepted.subject
        if not subject:
            return True
        return subject in problem.breadcrumb or subject in problem.args.values()


@dataclass(frozen=True)
class WarningReview:
    """Warnings sorted out: ``open`` ones, ``accepted`` ones (each with its acceptance), and
    ``stale`` problems for acceptances whose warning no longer occurs."""

    open: tuple[Problem, ...]
    accepted: tuple[tuple[Problem, Acceptance], ...]
    stale: tuple[Problem, ...]


def _owner_location(locations: dict[str, Location], owner: str, fallback: str) -> Location:
    return locations.get(owner) or Location(fallback)


def acceptances_of(
    owners: Iterable[tuple[str, Sequence[AcceptedWarning]]],
    locations: dict[str, Location],
    manifest_file: str = "catalog/catalog.yaml",
) -> list[Acceptance]:
    """Acceptances from ``(owner breadcrumb, accepted_warnings)`` pairs."""
    found: list[Acceptance] = []
    for owner, accepted in owners:
        loc = _owner_location(locations, owner, manifest_file)
        found.extend(Acceptance(owner, a, loc) for a in accepted)
    return found


def review_warnings(
    problems: Iterable[Problem], acceptances: Sequence[Acceptance]
) -> WarningReview:
    """Split warnings into open and accepted; flag acceptances that match nothing.

    Errors are passed through in ``open`` unchanged (an error cannot be accepted).
    """
    used: set[int] = set()
    open_: list[Problem] = []
    accepted: list[tuple[Problem, Acceptance]] = []
    for problem in sorted(problems, key=lambda p: p.sort_key()):
        matches = [n for n, a in enumerate(acceptances) if a.matches(problem)]
        if not matches:
            open_.append(problem)
        else:
            used.update(matches)
            accepted.append((problem, acceptances[matches[0]]))
    stale = [
        Problem(
            code="accepted-warning-unused",
            location=a.location,
            breadcrumb=f"{a.owner} > accepted_warnings" if a.owner else "accepted_warnings",
            severity="warning",
            args={
                "code": a.accepted.code,
                "date": a.accepted.date.isoformat(),
                "subject": a.accepted.subject,
            },
        )
        for n, a in enumerate(acceptances)
        if n not in used
    ]
    return WarningReview(tuple(open_), tuple(accepted), tuple(stale))


def render_accepted(review: WarningReview, lang: str = "zh") -> list[str]:
    """The accepted warnings: a header, then each warning with its reason and date."""
    if not review.accepted:
        return []
    lines = [text("accepted-header", lang, count=len(review.accepted))]
    for problem, acceptance in review.accepted:
        lines.append(problem.message(lang))
        lines.append(
            text(
                "accepted-reason",
                lang,
                reason=acceptance.accepted.reason,
                date=acceptance.accepted.date.isoformat(),
            )
        )
    return lines


def render_review(review: WarningReview, lang: str = "zh") -> str:
    """Open warnings (and stale acceptances), then the accepted ones with their reasons."""
    blocks = [
        p.message(lang) for p in sorted([*review.open, *review.stale], key=lambda p: p.sort_key())
    ]
    accepted = render_accepted(review, lang)
    if accepted:
        blocks.append("\n".join(accepted))
    return "\n".join(blocks) + ("\n" if blocks else "")
