"""The state machine on both databases: every allowed move succeeds and is logged; every
other move is refused with a message and leaves the case as it was."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import func, select

from case_fixtures import Organisation, case_in, request_for
from pathplanner.cases import ALLOWED, CaseBook, CaseStatus, Right, TransitionRefused, allowed
from pathplanner.cases.storage import EventRow

PAIRS = list(itertools.product(CaseStatus, CaseStatus))


def test_the_process_has_exactly_the_opinions_moves() -> None:
    assert {(a.value, b.value) for a, b in ALLOWED} == {
        ("applied", "accepted"),
        ("applied", "not_accepted"),
        ("accepted", "handling"),
        ("handling", "closed"),
        ("applied", "terminated"),
        ("accepted", "terminated"),
        ("handling", "terminated"),
        ("closed", "archived"),
        ("terminated", "archived"),
    }


@pytest.mark.parametrize(("source", "target"), PAIRS, ids=[f"{a}-{b}" for a, b in PAIRS])
def test_every_move(book: CaseBook, org: Organisation, source: CaseStatus, target: CaseStatus):
    who = org.people["agent-a"]
    case_id, version = case_in(book, who, source)
    with book.session() as session:
        events = session.scalar(select(func.count()).where(EventRow.case_id == case_id))
    if allowed(source, target):
        change = book.transition(who, case_id, request_for(target, version))
        assert change.case.status == target
        assert change.case.version == version + 1
        with book.session() as session:
            log = book.events(session, who, case_id)
        assert len(log) == events + 1
        assert log[-1].data["from"] == source.value
        assert log[-1].data["to"] == target.value
        assert log[-1].seq == version + 1
        return
    with pytest.raises(TransitionRefused) as refused:
        book.transition(who, case_id, request_for(target, version))
    (problem,) = refused.value.problems
    assert problem.code == "case-transition-refused"
    assert problem.breadcrumb == "to"
    with book.session() as session:
        row = book.case(session, who, case_id, Right.READ_CASE)
        assert (row.status, row.version) == (source.value, version)
        assert session.scalar(select(func.count()).where(EventRow.case_id == case_id)) == events


def test_a_refusal_reads_in_both_languages(book: CaseBook, org: Organisation) -> None:
    who = org.people["agent-a"]
    case_id, version = case_in(book, who, CaseStatus.APPLIED)
    with pytest.raises(TransitionRefused) as refused:
        book.transition(who, case_id, request_for(CaseStatus.CLOSED, version))
    (problem,) = refused.value.problems
    assert problem.message("zh") == (
        "request: 错误 [case-transition-refused] to: 案件不能从“申请”转为“办结”：代办流程没有这一步"
    )
    assert problem.message("en") == (
        "request: error [case-transition-refused] to: a case cannot move from applied to "
        "closed: the agency process has no such step"
    )


@pytest.mark.parametrize(
    ("target", "field"),
    [
        (CaseStatus.ACCEPTED, "agreement"),
        (CaseStatus.NOT_ACCEPTED, "reason"),
        (CaseStatus.TERMINATED, "reason"),
    ],
)
def test_a_move_without_what_it_needs_is_refused(
    book: CaseBook, org: Organisation, target: CaseStatus, field: str
) -> None:
    who = org.people["agent-a"]
    case_id, version = case_in(book, who, CaseStatus.APPLIED)
    bare = request_for(target, version).model_copy(update={field: None})
    with pytest.raises(TransitionRefused) as refused:
        book.transition(who, case_id, bare)
    assert [(p.code, p.breadcrumb) for p in refused.value.problems] == [
        ("case-transition-needs", field)
    ]


def test_a_termination_reason_must_be_one_for_terminations(
    book: CaseBook, org: Organisation
) -> None:
    who = org.people["agent-a"]
    case_id, version = case_in(book, who, CaseStatus.APPLIED)
    wrong = request_for(CaseStatus.TERMINATED, version).model_copy(
        update={"reason": "expert-review"}
    )
    with pytest.raises(TransitionRefused) as refused:
        book.transition(who, case_id, wrong)
    (problem,) = refused.value.problems
    assert problem.code == "case-reason-unknown"
    assert problem.args["known"] == "conflict-with-regulations, investor-request, other"
