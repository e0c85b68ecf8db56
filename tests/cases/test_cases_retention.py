"""The investor's contact details leave archived cases after the retention period; the
facts and events stay, and the erasure is logged."""

from __future__ import annotations

import datetime as dt

import pytest

from case_fixtures import Organisation, case_in
from pathplanner.cases import CaseBook, CaseStatus, Right
from pathplanner.cases.retention import RETENTION_VARIABLE, erase_expired_contacts, retention
from pathplanner.errors import InputError


def test_contacts_are_erased_after_the_retention_period(book: CaseBook, org: Organisation):
    who = org.people["agent-a"]
    archived, _ = case_in(book, who, CaseStatus.ARCHIVED)
    open_case, _ = case_in(book, who, CaseStatus.HANDLING)
    with book.session() as session:
        archived_at = book.case(session, who, archived, Right.READ_CASE).archived_at
    assert archived_at is not None
    keep = dt.timedelta(days=30)
    with book.session() as session:
        assert (
            erase_expired_contacts(session, archived_at + keep - dt.timedelta(seconds=1), keep)
            == []
        )
    with book.session() as session:
        assert erase_expired_contacts(session, archived_at + keep, keep) == [archived]
    with book.session() as session:
        row = book.case(session, who, archived, Right.READ_CASE)
        assert (row.investor_contact, row.investor_phone) == (None, None)
        assert row.investor_name == "甲公司" and row.profile  # the facts stay
        log = book.events(session, who, archived)
        assert [e.kind for e in log][-1] == "contact-erased"
        assert len(log) == 4 and log[-1].data == {"retention_days": 30}
        untouched = book.case(session, who, open_case, Right.READ_CASE)
        assert untouched.investor_contact == "李四"
    with book.session() as session:  # once only
        assert erase_expired_contacts(session, archived_at + 2 * keep, keep) == []


def test_the_period_comes_from_the_configuration(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(RETENTION_VARIABLE, "90")
    assert retention() == dt.timedelta(days=90)
    assert retention(7) == dt.timedelta(days=7)
    monkeypatch.setenv(RETENTION_VARIABLE, "-5")
    with pytest.raises(InputError) as refused:
        retention()
    assert refused.value.problems[0].message("en") == (
        "PATHPLANNER_CONTACT_RETENTION_DAYS: error [retention-bad-days]: the retention "
        "period '-5' is not a whole number of days, 0 or more"
    )
