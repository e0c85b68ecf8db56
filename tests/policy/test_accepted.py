"""Accepted warnings: matched by owner, code and subject; stale acceptances are flagged."""

from __future__ import annotations

import datetime as dt

from pathplanner.catalog.model import AcceptedWarning
from pathplanner.errors import Location, Problem
from pathplanner.policy.accepted import Acceptance, review_warnings


def _warning(code: str, crumb: str, **args: str) -> Problem:
    return Problem(
        code, Location("catalog/items.yaml", 3, 5), breadcrumb=crumb, severity="warning", args=args
    )


def _accept(owner: str, code: str, subject: str = "") -> Acceptance:
    accepted = AcceptedWarning(
        code=code, reason="有意为之", date=dt.date(2026, 1, 5), subject=subject
    )
    return Acceptance(owner, accepted, Location("catalog/items.yaml", 1, 3))


def test_accepted_on_owner_and_open_elsewhere() -> None:
    mine = _warning("lint-item-unreachable", "Item(id='a')", item="a")
    other = _warning("lint-item-unreachable", "Item(id='ab')", item="ab")
    review = review_warnings([mine, other], [_accept("Item(id='a')", "lint-item-unreachable")])
    assert review.open == (other,)
    assert [p for p, _ in review.accepted] == [mine]
    assert review.stale == ()


def test_manifest_acceptance_with_subject() -> None:
    year = _warning("lint-calendar-missing-year", "Calendar(year=2028)", year="2028")
    later = _warning("lint-calendar-missing-year", "Calendar(year=2029)", year="2029")
    review = review_warnings([year, later], [_accept("", "lint-calendar-missing-year", "2028")])
    assert review.open == (later,)
    assert len(review.accepted) == 1


def test_acceptance_without_warning_is_stale() -> None:
    review = review_warnings([], [_accept("Material(id='m')", "material-no-source")])
    assert len(review.stale) == 1
    stale = review.stale[0]
    assert stale.message("zh") == (
        "catalog/items.yaml:1:3: 警告 [accepted-warning-unused] Material(id='m') > "
        "accepted_warnings: 已接受的警告 [material-no-source]（2026-01-05）不再出现，"
        "请删除这条 accepted_warnings 记录"
    )


def test_errors_cannot_be_accepted() -> None:
    error = Problem("material-unused", Location("x.yaml"), breadcrumb="Material(id='m')")
    review = review_warnings([error], [_accept("Material(id='m')", "material-unused")])
    assert review.open == (error,)
    assert len(review.stale) == 1
