"""Case records on SQLite and PostgreSQL: optimistic locking, instants in UTC shown in
Asia/Shanghai, the event log from which history and every past plan come back, and
re-planning from actual dates with reasons."""

from __future__ import annotations

import datetime as dt
import json
import threading

import pytest
from sqlalchemy import text

from case_fixtures import START, Organisation, case_in, draft, request_for
from pathplanner.cases import CaseBook, CaseStatus, Right, StaleVersion
from pathplanner.cases.clock import shown
from pathplanner.cases.model import ActualEntry, ActualsUpdate, Agreement, NoteRequest
from pathplanner.cases.views import case_view
from pathplanner.errors import InputError
from pathplanner.plan.model import Plan

FILING = "enterprise-project-filing"


def test_a_stale_version_is_refused_and_changes_nothing(book: CaseBook, org: Organisation):
    who = org.people["agent-a"]
    case_id, version = case_in(book, who, CaseStatus.APPLIED)
    book.add_note(who, case_id, NoteRequest(version=version, text="第一次"))
    with pytest.raises(StaleVersion) as stale:
        book.add_note(who, case_id, NoteRequest(version=version, text="过时的"))
    (problem,) = stale.value.problems
    assert (problem.code, problem.args["given"], problem.args["current"]) == (
        "case-stale-version",
        "1",
        "2",
    )
    with book.session() as session:
        notes = [e.note for e in book.events(session, who, case_id) if e.kind == "note"]
    assert notes == ["第一次"]


def test_instants_are_stored_in_utc_and_shown_in_shanghai(
    book: CaseBook, org: Organisation, engine
) -> None:
    who = org.people["agent-a"]
    case_id, _ = case_in(book, who, CaseStatus.APPLIED)
    with book.session() as session:
        (event,) = book.events(session, who, case_id)
    assert event.at.utcoffset() == dt.timedelta(0)
    assert shown(event.at) == (event.at + dt.timedelta(hours=8)).strftime("%Y-%m-%dT%H:%M:%S+08:00")
    # what the database itself holds is the UTC instant (SQLite: its UTC wall time as text)
    with engine.connect() as connection:
        stored = connection.execute(
            text("SELECT at FROM case_events WHERE case_id = :id"), {"id": case_id}
        ).scalar_one()
    if isinstance(stored, str):
        assert stored == event.at.strftime("%Y-%m-%d %H:%M:%S.%f")
    else:
        assert stored == event.at


def test_the_log_tells_the_whole_history(book: CaseBook, org: Organisation) -> None:
    who = org.people["agent-a"]
    case_id, version = case_in(book, who, CaseStatus.CLOSED)
    with book.session() as session:
        log = book.events(session, who, case_id)
        row = book.case(session, who, case_id, Right.READ_CASE)
    assert [(e.seq, e.kind, e.data.get("to")) for e in log] == [
        (1, "applied", None),
        (2, "transition", "accepted"),
        (3, "transition", "handling"),
        (4, "transition", "closed"),
    ]
    assert [e.seq for e in log][-1] == version == row.version
    assert all(e.actor == "agent-a" for e in log)
    assert [e.at for e in log] == sorted(e.at for e in log)
    # the application's facts and each move's record are in the log, the contact is not
    assert log[0].data["investor"] == "甲公司"
    assert log[0].data["profile"] == row.profile
    assert log[1].data["agreement"] == row.agreement
    assert log[3].data["confirmation"] == row.confirmation


def test_every_past_plan_comes_back_byte_for_byte(book: CaseBook, org: Organisation) -> None:
    who = org.people["agent-a"]
    case_id, version = case_in(book, who, CaseStatus.HANDLING)
    with book.session() as session:
        (baseline,) = book.plans(session, who, case_id)
    planned = next(t for t in json.loads(baseline.plan)["tasks"] if t["id"] == FILING)
    late = dt.date.fromisoformat(planned["finish"]) + dt.timedelta(days=7)
    update = ActualsUpdate(
        version=version,
        today=late,
        tasks=[
            ActualEntry(
                task=FILING,
                accepted=dt.date.fromisoformat(planned["start"]),
                decided=late,
                reason="department-delay",
            )
        ],
    )
    change = book.record_actuals(who, case_id, update)
    with book.session() as session:
        first, second = book.plans(session, who, case_id)
        log = book.events(session, who, case_id)
    assert first.plan == baseline.plan  # the baseline is kept
    assert (first.number, second.number) == (1, 2)
    assert log[-1].kind == "actuals" and log[-1].data["plan"] == 2
    assert second.event_seq == log[-1].seq == change.case.version
    replanned = Plan.model_validate_json(second.plan)
    assert replanned.slippage is not None
    assert replanned.slippage.baseline_finish == first.finish
    assert f"{FILING}: department-delay" in replanned.slippage.reasons
    slipped = {t.task: t for t in replanned.slippage.tasks}
    assert slipped[FILING].finish == late
    view = case_view(change.case, who, [first, second])
    assert view.slippage_working_days == replanned.slippage.working_days
    assert view.finish == second.finish


def test_a_moved_date_needs_a_reason(book: CaseBook, org: Organisation) -> None:
    who = org.people["agent-a"]
    case_id, version = case_in(book, who, CaseStatus.HANDLING)
    update = ActualsUpdate(
        version=version,
        today=dt.date(2026, 3, 20),
        tasks=[ActualEntry(task=FILING, accepted=START, decided=dt.date(2026, 3, 19))],
    )
    with pytest.raises(InputError) as refused:
        book.record_actuals(who, case_id, update)
    (problem,) = refused.value.problems
    assert (problem.code, problem.breadcrumb) == (
        "case-actual-needs-reason-date",
        "tasks[0].reason",
    )
    assert problem.message("en").endswith(
        "the dates of task 'enterprise-project-filing' differ from the plan in force: "
        "give a reason code (reason)"
    )


def test_a_pause_needs_a_pause_reason(book: CaseBook, org: Organisation) -> None:
    who = org.people["agent-a"]
    case_id, version = case_in(book, who, CaseStatus.HANDLING)
    with book.session() as session:
        (baseline,) = book.plans(session, who, case_id)
    planned = next(t for t in json.loads(baseline.plan)["tasks"] if t["id"] == FILING)
    accepted = dt.date.fromisoformat(planned["start"])
    pause = {"task": FILING, "accepted": accepted, "status": "suspended", "suspended_on": accepted}
    for reason, code in ((None, "case-actual-needs-reason-pause"), ("department-delay", None)):
        update = ActualsUpdate(
            version=version, today=accepted, tasks=[ActualEntry(**pause, reason=reason)]
        )
        with pytest.raises(InputError) as refused:
            book.record_actuals(who, case_id, update)
        assert refused.value.problems[0].code == (code or "case-reason-unknown")
    update = ActualsUpdate(
        version=version, today=accepted, tasks=[ActualEntry(**pause, reason="expert-review")]
    )
    assert book.record_actuals(who, case_id, update).case.actuals == [
        {
            "task": FILING,
            "accepted": accepted.isoformat(),
            "suspended_on": accepted.isoformat(),
            "status": "suspended",
            "reason": "expert-review",
        }
    ]


def test_actuals_only_while_the_case_is_open(book: CaseBook, org: Organisation) -> None:
    who = org.people["agent-a"]
    case_id, version = case_in(book, who, CaseStatus.APPLIED)
    update = ActualsUpdate(version=version, tasks=[ActualEntry(task=FILING, accepted=START)])
    with pytest.raises(InputError) as refused:
        book.record_actuals(who, case_id, update)
    assert (
        refused.value.problems[0]
        .message("zh")
        .endswith("案件处于“申请”状态，不能登记实际日期：仅受理和承办阶段的案件可以登记")
    )


def test_a_partial_agreement_splits_the_items(book: CaseBook, org: Organisation) -> None:
    who = org.people["agent-a"]
    change = book.create(who, draft())
    request = request_for(CaseStatus.ACCEPTED, 1).model_copy(
        update={"agreement": Agreement(number="DB-2", date=START, scope=[FILING])}
    )
    change = book.transition(who, change.case.id, request)
    with book.session() as session:
        view = case_view(change.case, who, book.plans(session, who, change.case.id))
    assert view.handling is not None
    assert view.handling.agency == [FILING]
    assert FILING not in view.handling.investor
    assert view.handling.investor  # the investor handles the rest


def test_an_unknown_item_in_the_scope_is_refused(book: CaseBook, org: Organisation) -> None:
    who = org.people["agent-a"]
    change = book.create(who, draft())
    request = request_for(CaseStatus.ACCEPTED, 1).model_copy(
        update={"agreement": Agreement(number="DB-3", date=START, scope=["no-such-item"])}
    )
    with pytest.raises(InputError) as refused:
        book.transition(who, change.case.id, request)
    (problem,) = refused.value.problems
    assert (problem.code, problem.breadcrumb) == ("unknown-reference", "agreement.scope[0]")
    assert problem.message("en").endswith("unknown item 'no-such-item'")


def test_of_writers_racing_on_one_version_exactly_one_wins(
    book: CaseBook, org: Organisation
) -> None:
    who = org.people["agent-a"]
    case_id, version = case_in(book, who, CaseStatus.APPLIED)
    writers = 6
    start = threading.Barrier(writers)
    outcomes: list[str] = []

    def write(n: int) -> None:
        start.wait()
        try:
            book.add_note(who, case_id, NoteRequest(version=version, text=f"note {n}"))
            outcomes.append("won")
        except StaleVersion:
            outcomes.append("stale")

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["stale"] * (writers - 1) + ["won"]
    with book.session() as session:
        log = book.events(session, who, case_id)
        row = book.case(session, who, case_id, Right.READ_CASE)
    assert [e.seq for e in log] == [1, 2]
    assert row.version == 2
