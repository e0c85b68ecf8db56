"""Reminders on SQLite and PostgreSQL: what an agent or a unit has due in the next working
days, from each open case's plan in force."""

from __future__ import annotations

import datetime as dt

import pytest

from case_fixtures import Organisation, case_in
from pathplanner.cases import CaseBook, CaseStatus, Forbidden
from pathplanner.cases.model import ActualEntry, ActualsUpdate

PERMIT = "construction-planning-permit"  # planned 2026-04-01 → 04-02, a 1-working-day limit


def _due(book: CaseBook, who: str, org: Organisation, today: dt.date, days: int):
    with book.session() as session:
        return book.reminders(session, org.people[who], today, days)


def test_the_next_days_hold_the_investors_materials_and_obligations(
    book: CaseBook, org: Organisation
) -> None:
    case_id, _ = case_in(book, org.people["agent-a"], CaseStatus.HANDLING)
    # 2026-03-12 is a Thursday: two working days reach Monday 03-16
    due = _due(book, "agent-a", org, dt.date(2026, 3, 12), 2)
    assert [(r.kind, r.task, r.due.isoformat(), r.overdue) for r in due] == [
        ("material", "material:commitment-letter", "2026-03-12", False)
    ]
    assert due[0].case == case_id and due[0].name
    spot_check = _due(book, "agent-a", org, dt.date(2026, 7, 30), 1)
    assert ("obligation", "low-risk-design-spot-check") in {(r.kind, r.task) for r in spot_check}


def test_a_decision_past_its_limit_is_overdue(book: CaseBook, org: Organisation) -> None:
    who = org.people["agent-a"]
    case_id, version = case_in(book, who, CaseStatus.HANDLING)
    update = ActualsUpdate(
        version=version,
        today=dt.date(2026, 4, 8),
        tasks=[ActualEntry(task=PERMIT, accepted=dt.date(2026, 4, 1))],
    )
    book.record_actuals(who, case_id, update)
    due = _due(book, "agent-a", org, dt.date(2026, 4, 8), 1)
    overdue = [r for r in due if r.kind == "decision-overdue"]
    assert [(r.task, r.due.isoformat(), r.overdue) for r in overdue] == [
        (PERMIT, "2026-04-02", True)
    ]
    before = _due(book, "agent-a", org, dt.date(2026, 4, 1), 1)
    assert not [r for r in before if r.kind == "decision-overdue"]


def test_each_sees_their_own(book: CaseBook, org: Organisation) -> None:
    case_in(book, org.people["agent-a"], CaseStatus.HANDLING)
    today = dt.date(2026, 3, 12)
    assert _due(book, "agent-a", org, today, 2)
    assert _due(book, "head-a", org, today, 2) == _due(book, "agent-a", org, today, 2)
    assert _due(book, "supervisor", org, today, 2) == _due(book, "agent-a", org, today, 2)
    assert _due(book, "agent-b", org, today, 2) == []
    with pytest.raises(Forbidden):
        _due(book, "admin", org, today, 2)
