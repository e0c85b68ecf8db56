"""Evaluation on SQLite and PostgreSQL: the on-time rate leaves out art. 45 time and the
investor's pauses, slippage comes with its reason codes, ratings come through a one-time
link, and every score carries the numbers behind it."""

from __future__ import annotations

import datetime as dt

import pytest

from case_fixtures import Organisation, case_in, request_for
from pathplanner.cases import CaseBook, CaseStatus, Forbidden
from pathplanner.cases.errors import RatingLinkUnknown
from pathplanner.cases.model import ActualEntry, ActualsUpdate
from pathplanner.plan.model import Plan

D = dt.date


def _record(
    book: CaseBook,
    org: Organisation,
    case: tuple[str, int],
    today: dt.date,
    entries: list[ActualEntry],
) -> int:
    case_id, version = case
    update = ActualsUpdate(version=version, today=today, tasks=entries)
    return book.record_actuals(org.people["agent-a"], case_id, update).case.version


def test_a_score_and_the_numbers_behind_it(book: CaseBook, org: Organisation) -> None:
    who = org.people["agent-a"]
    case_id, version = case_in(book, who, CaseStatus.HANDLING)
    soil = "soil-conservation-form-approval"  # 即办 (0 working days), planned 2026-03-12
    version = _record(book, org, (case_id, version), D(2026, 3, 12), [
        ActualEntry(task=soil, accepted=D(2026, 3, 12), status="suspended",
                    suspended_on=D(2026, 3, 12), resumes=D(2026, 3, 16), reason="expert-review"),
    ])  # fmt: skip
    version = _record(book, org, (case_id, version), D(2026, 4, 20), [
        # on time: decided the day it was accepted, as planned
        ActualEntry(task="enterprise-project-filing", accepted=D(2026, 3, 4),
                    decided=D(2026, 3, 4)),
        # on time: two working days late, both of them an expert review (art. 45)
        ActualEntry(task=soil, accepted=D(2026, 3, 12), decided=D(2026, 3, 16),
                    reason="expert-review"),
        # late: a 1-working-day limit, decided five working days after acceptance
        ActualEntry(task="construction-planning-permit", accepted=D(2026, 4, 1),
                    decided=D(2026, 4, 8), reason="department-delay"),
        # late, but the investor caused it: not counted
        ActualEntry(task="utility-joint-application", accepted=D(2026, 4, 2),
                    decided=D(2026, 4, 20), reason="investor-materials-late"),
    ])  # fmt: skip
    change = book.transition(who, case_id, request_for(CaseStatus.CLOSED, version))
    assert change.rating_secret is not None
    book.rate(change.rating_secret, 4, "代办员很负责")
    with pytest.raises(RatingLinkUnknown):
        book.rate(change.rating_secret, 1, "second try")
    with book.session() as session:
        latest = Plan.model_validate_json(book.plans(session, who, case_id)[-1].plan)
        agents, units = book.evaluation(session, org.people["supervisor"])
    assert latest.slippage is not None
    slip = latest.slippage.working_days
    (agent,) = agents
    assert agent.who == "agent-a"
    assert (agent.cases_handled, agent.cases_closed) == (1, 1)
    assert (agent.items_decided, agent.items_on_time, agent.items_excluded) == (4, 2, 1)
    assert agent.on_time_rate == round(2 / 3, 4)
    assert agent.median_slippage == slip
    assert agent.slippage_reasons == {
        "department-delay": 1,
        "expert-review": 1,
        "investor-materials-late": 1,
    }
    assert (agent.ratings, agent.average_rating) == (1, 4.0)
    assert agent.weights == {"on_time": 0.5, "slippage": 0.2, "rating": 0.3}
    expected = 100 * (0.5 * 2 / 3 + 0.2 * max(0.0, 1 - max(slip, 0) / 20) + 0.3 * 0.75)
    assert agent.score == round(expected, 1)
    assert [u.who for u in units] == ["town-a"]
    assert units[0].model_dump(exclude={"who"}) == agent.model_dump(exclude={"who"})
    with book.session() as session:
        log = book.events(session, who, case_id)
    assert (log[-1].kind, log[-1].actor, log[-1].data) == ("rated", "investor", {"score": 4})


def test_parts_without_data_are_left_out(book: CaseBook, org: Organisation) -> None:
    case_in(book, org.people["agent-a"], CaseStatus.APPLIED)
    with book.session() as session:
        agents, _ = book.evaluation(session, org.people["supervisor"])
    (agent,) = agents
    assert (agent.cases_handled, agent.weights, agent.score) == (1, {}, None)


def test_who_may_read_the_evaluation(book: CaseBook, org: Organisation) -> None:
    case_in(book, org.people["agent-b"], CaseStatus.APPLIED)
    with book.session() as session:
        _, units = book.evaluation(session, org.people["head-a"])
        assert units == []  # town-b's case is not town-a's head's to see
        _, units = book.evaluation(session, org.people["supervisor"])
        assert [u.who for u in units] == ["town-b"]
        for role in ("agent-a", "admin"):
            with pytest.raises(Forbidden):
                book.evaluation(session, org.people[role])
