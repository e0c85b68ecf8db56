"""The case book: every operation on a case, each one transaction that changes the case row,
bumps its version and appends one event (who, when, what, why).

Rights are checked here, not only in the HTTP layer, so a library caller gets the same
answers: a role without the right raises :class:`Forbidden`; a case out of reach raises
:class:`~pathplanner.cases.errors.CaseNotFound`; a stale version raises
:class:`~pathplanner.cases.errors.StaleVersion`.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from pathplanner.cases.access import Principal, Right, Role
from pathplanner.cases.actuals import merged_actuals, replan_actuals
from pathplanner.cases.clock import Clock, local_date, utc_now
from pathplanner.cases.errors import (
    CaseNotFound,
    Forbidden,
    RatingLinkUnknown,
    StaleVersion,
    TransitionRefused,
    problem,
)
from pathplanner.cases.evaluation import CaseFacts, Score, evaluate
from pathplanner.cases.model import ActualsUpdate, CaseDraft, NoteRequest, TransitionRequest
from pathplanner.cases.reasons import ReasonUse, reason_table
from pathplanner.cases.reminders import Reminder, reminders
from pathplanner.cases.status import LABEL, CaseStatus, allowed
from pathplanner.cases.storage.database import transaction
from pathplanner.cases.storage.tables import CaseRow, EventRow, PlanRow, RatingRow, UserRow
from pathplanner.cases.users import digest
from pathplanner.errors import InputError, Problem
from pathplanner.plan import Planner
from pathplanner.plan.model import Plan
from pathplanner.profile import validate_profile
from pathplanner.render.json import render_json

__all__ = ["CaseBook", "Change", "append_event"]


class Change:
    """What an operation returns: the case after it, and a one-time rating secret when the
    case was closed (shown once, stored only as its digest)."""

    def __init__(self, case: CaseRow, rating_secret: str | None = None) -> None:
        self.case = case
        self.rating_secret = rating_secret


class CaseBook:
    """Case records on one database, planned with one :class:`Planner`."""

    def __init__(self, engine: Engine, planner: Planner, clock: Clock = utc_now) -> None:
        self._engine = engine
        self.planner = planner
        self.clock = clock

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction, committed when the block ends without error."""
        with transaction(self._engine) as session:
            yield session

    # reading -----------------------------------------------------------------------------

    def case(self, session: Session, who: Principal, case_id: str, right: Right) -> CaseRow:
        """The case ``case_id`` when ``who`` has ``right`` and reaches its unit."""
        _require(who, right)
        row = session.get(CaseRow, case_id)
        if row is None or not who.reaches(row.unit_id):
            raise CaseNotFound(case_id)
        return row

    def cases(self, session: Session, who: Principal, status: CaseStatus | None) -> list[CaseRow]:
        """The cases within reach, newest first."""
        _require(who, Right.READ_CASE)
        query = select(CaseRow).order_by(CaseRow.created_at.desc(), CaseRow.id)
        if not who.sees_every_unit:
            query = query.where(CaseRow.unit_id == who.unit)
        if status is not None:
            query = query.where(CaseRow.status == status.value)
        return list(session.scalars(query))

    def events(self, session: Session, who: Principal, case_id: str) -> list[EventRow]:
        """The case's event log, oldest first."""
        self.case(session, who, case_id, Right.READ_CASE)
        query = select(EventRow).where(EventRow.case_id == case_id).order_by(EventRow.seq)
        return list(session.scalars(query))

    def plans(self, session: Session, who: Principal, case_id: str) -> list[PlanRow]:
        """Every plan version of the case, the baseline (number 1) first."""
        self.case(session, who, case_id, Right.READ_CASE)
        return _plans(session, case_id)

    def reminders(
        self, session: Session, who: Principal, today: dt.date, days: int
    ) -> list[Reminder]:
        """What is due in the next ``days`` working days on the open cases of ``who``: an
        agent's own cases, a unit head's unit, every case for the supervisor."""
        _require(who, Right.READ_REMINDERS)
        query = select(CaseRow).where(
            CaseRow.status.in_([CaseStatus.ACCEPTED.value, CaseStatus.HANDLING.value])
        )
        if who.role == Role.AGENT:
            query = query.where(CaseRow.agent_id == who.user)
        elif not who.sees_every_unit:
            query = query.where(CaseRow.unit_id == who.unit)
        cases = [
            (row.id, row.project, json.loads(_plans(session, row.id)[-1].plan))
            for row in session.scalars(query.order_by(CaseRow.id))
        ]
        return reminders(cases, today, days, self.planner.catalog.calendar)

    def evaluation(self, session: Session, who: Principal) -> tuple[list[Score], list[Score]]:
        """Scores per agent and per unit over the cases within reach (a unit head: their
        unit; the supervisor: every unit)."""
        _require(who, Right.READ_EVALUATION)
        query = select(CaseRow).order_by(CaseRow.id)
        if not who.sees_every_unit:
            query = query.where(CaseRow.unit_id == who.unit)
        ratings = session.execute(select(RatingRow.case_id, RatingRow.score))
        rated: dict[str, int | None] = {row[0]: row[1] for row in ratings}
        facts = []
        for row in session.scalars(query):
            plans = _plans(session, row.id)
            pauses: dict[str, list[dict[str, Any]]] = {}
            events = select(EventRow).where(EventRow.case_id == row.id, EventRow.kind == "actuals")
            for event in session.scalars(events.order_by(EventRow.seq)):
                for entry in event.data.get("tasks", []):
                    if entry.get("status") == "suspended":
                        pauses.setdefault(entry["task"], []).append(entry)
            facts.append(
                CaseFacts(
                    case=row.id,
                    unit=row.unit_id,
                    agent=row.agent_id,
                    closed=row.confirmation is not None,
                    plan=json.loads(plans[-1].plan) if plans else {},
                    replanned=len(plans) > 1,
                    pauses=pauses,
                    actuals=row.actuals,
                    rating=rated.get(row.id),
                )
            )
        return evaluate(facts, self.planner.catalog.calendar, reason_table())

    def rate(self, secret: str, score: int, comment: str) -> None:
        """The investor's rating through the one-time link issued at 办结; a link used
        before, or unknown, reads as not found."""
        now = self.clock()
        with self.session() as session:
            rating = session.scalar(select(RatingRow).where(RatingRow.digest == digest(secret)))
            if rating is None or rating.used_at is not None:
                raise RatingLinkUnknown
            rating.used_at, rating.score, rating.comment = now, score, comment
            row = session.get(CaseRow, rating.case_id)
            assert row is not None
            data = {"score": score}
            append_event(session, row, "investor", now, "rated", data=data, note=comment)
            self._commit(session, row.version)

    # changing ----------------------------------------------------------------------------

    def create(self, who: Principal, draft: CaseDraft) -> Change:
        """Record an application (申请)."""
        _require(who, Right.CREATE_CASE)
        validate_profile(draft.profile, self.planner.catalog, file="request", base="profile")
        now = self.clock()
        with self.session() as session:
            unit = draft.unit or who.unit
            if unit is None or not who.reaches(unit):
                raise InputError([problem("case-unit-out-of-reach", "unit", unit=str(unit))])
            agent = draft.agent or (who.user if who.role == Role.AGENT else None)
            if agent is not None:
                _check_agent(session, agent, unit)
            row = CaseRow(
                id=uuid.uuid4().hex,
                status=CaseStatus.APPLIED.value,
                unit_id=unit,
                agent_id=agent,
                project=draft.project,
                investor_name=draft.investor.name,
                investor_contact=draft.investor.contact,
                investor_phone=draft.investor.phone,
                profile=draft.profile,
                start=draft.start,
                actuals=[],
                created_at=now,
                updated_at=now,
            )
            session.add(row)
            session.flush()
            # the investor's contact details stay out of the log (personal information)
            facts = {
                "project": draft.project,
                "investor": draft.investor.name,
                "unit": unit,
                "agent": agent,
                "start": draft.start.isoformat() if draft.start else None,
                "profile": draft.profile,
            }
            append_event(session, row, who.user, now, "applied", data=facts)
        return Change(row)

    def transition(self, who: Principal, case_id: str, request: TransitionRequest) -> Change:
        """Move the case along the process; refuses every move the process does not have."""
        now = self.clock()
        today = request.today or local_date(now)
        secret: str | None = None
        with self.session() as session:
            row = self._open(session, who, case_id, request.version)
            current = CaseStatus(row.status)
            target = request.to
            if not allowed(current, target):
                raise TransitionRefused(
                    [
                        problem(
                            "case-transition-refused",
                            "to",
                            source=LABEL[current],
                            target=LABEL[target],
                        )
                    ]
                )
            self._check_requirements(request)
            data: dict[str, Any] = {"from": current.value, "to": target.value}
            if target == CaseStatus.ACCEPTED:
                assert request.agreement is not None
                self._check_scope(request.agreement.scope)
                row.agreement = request.agreement.model_dump(mode="json")
                data["agreement"] = row.agreement
                plan = self.planner.plan(row.profile, start=row.start or today, as_of=today)
                _add_plan(session, row, plan, now)
            elif target == CaseStatus.CLOSED:
                assert request.confirmation is not None
                row.confirmation = request.confirmation.model_dump(mode="json")
                data["confirmation"] = row.confirmation
                secret = secrets.token_urlsafe(32)
                session.add(RatingRow(case_id=row.id, digest=digest(secret), issued_at=now))
            elif target == CaseStatus.ARCHIVED:
                assert request.archive is not None
                row.archive = request.archive.model_dump(mode="json")
                row.archived_at = now
                data["archive"] = row.archive
            row.status = target.value
            append_event(
                session,
                row,
                who.user,
                now,
                "transition",
                data=data,
                reason=request.reason,
                note=request.note,
            )
            self._commit(session, request.version)
        return Change(row, secret)

    def record_actuals(self, who: Principal, case_id: str, update: ActualsUpdate) -> Change:
        """Record actual dates and re-plan from all of them, keeping the baseline."""
        now = self.clock()
        today = update.today or local_date(now)
        with self.session() as session:
            row = self._open(session, who, case_id, update.version)
            if row.status not in (CaseStatus.ACCEPTED, CaseStatus.HANDLING):
                raise TransitionRefused(
                    [
                        problem(
                            "case-actuals-not-open", "status", status=LABEL[CaseStatus(row.status)]
                        )
                    ]
                )
            versions = _plans(session, row.id)
            baseline = Plan.model_validate_json(versions[0].plan)
            latest = json.loads(versions[-1].plan)
            merged = merged_actuals(row.actuals, update, latest, reason_table())
            plan = replan_actuals(self.planner, row.profile, baseline, merged, today)
            row.actuals = merged
            number = _add_plan(session, row, plan, now)
            entries = [e.model_dump(mode="json", exclude_defaults=True) for e in update.tasks]
            data = {"today": today.isoformat(), "tasks": entries, "plan": number}
            append_event(session, row, who.user, now, "actuals", data=data)
            self._commit(session, update.version)
        return Change(row)

    def add_note(self, who: Principal, case_id: str, note: NoteRequest) -> Change:
        """Add a note to the case's log."""
        now = self.clock()
        with self.session() as session:
            row = self._open(session, who, case_id, note.version)
            append_event(session, row, who.user, now, "note", data={}, note=note.text)
            self._commit(session, note.version)
        return Change(row)

    # helpers -----------------------------------------------------------------------------

    def _open(self, session: Session, who: Principal, case_id: str, version: int) -> CaseRow:
        row = self.case(session, who, case_id, Right.CHANGE_CASE)
        if row.version != version:
            raise StaleVersion(version, row.version)
        return row

    @staticmethod
    def _commit(session: Session, version: int) -> None:
        try:
            session.flush()
        except StaleDataError:  # another writer updated the row after we read it
            raise StaleVersion(version, version + 1) from None
        except IntegrityError as error:  # or logged the same event number first
            if "uq_case_events_case_seq" not in str(error):
                raise
            raise StaleVersion(version, version + 1) from None

    @staticmethod
    def _check_requirements(request: TransitionRequest) -> None:
        needs: dict[CaseStatus, tuple[str, object]] = {
            CaseStatus.ACCEPTED: ("agreement", request.agreement),
            CaseStatus.CLOSED: ("confirmation", request.confirmation),
            CaseStatus.ARCHIVED: ("archive", request.archive),
            CaseStatus.NOT_ACCEPTED: ("reason", request.reason),
            CaseStatus.TERMINATED: ("reason", request.reason),
        }
        field, value = needs.get(request.to, ("", True))
        if value is None:
            raise TransitionRefused(
                [problem("case-transition-needs", field, target=LABEL[request.to], key=field)]
            )
        use = {
            CaseStatus.NOT_ACCEPTED: ReasonUse.REFUSAL,
            CaseStatus.TERMINATED: ReasonUse.TERMINATION,
        }
        if request.reason is not None:
            problems = reason_problems(request.reason, use.get(request.to), "reason")
            if problems:
                raise TransitionRefused(problems)

    def _check_scope(self, scope: str | Sequence[str]) -> None:
        if isinstance(scope, str):
            return
        items = self.planner.catalog.items
        unknown = [
            problem("unknown-reference", f"agreement.scope[{i}]", kind="kind-item", ref=item)
            for i, item in enumerate(scope)
            if item not in items
        ]
        if unknown:
            raise InputError(unknown)


def reason_problems(code: str, use: ReasonUse | None, field: str) -> list[Problem]:
    """Why ``code`` cannot explain ``use`` (unknown code, or one not meant for it)."""
    table = reason_table()
    reason = table.get(code)
    if reason is None or (use is not None and use not in reason.uses):
        known = sorted(r.id for r in table.values() if use is None or use in r.uses)
        return [problem("case-reason-unknown", field, reason=code, known=", ".join(known))]
    return []


def _require(who: Principal, right: Right) -> None:
    if not who.may(right):
        raise Forbidden(who.role, right)


def _check_agent(session: Session, agent: str, unit: str) -> None:
    user = session.get(UserRow, agent)
    if user is None or user.role != Role.AGENT.value or user.unit_id != unit:
        raise InputError([problem("case-agent-unknown", "agent", agent=agent, unit=unit)])


def _plans(session: Session, case_id: str) -> list[PlanRow]:
    query = select(PlanRow).where(PlanRow.case_id == case_id).order_by(PlanRow.number)
    return list(session.scalars(query))


def _add_plan(session: Session, row: CaseRow, plan: Plan, now: dt.datetime) -> int:
    count = session.scalar(select(func.count()).where(PlanRow.case_id == row.id)) or 0
    number = count + 1
    session.add(
        PlanRow(
            case_id=row.id,
            number=number,
            event_seq=row.version + 1,
            made_at=now,
            finish=plan.finish,
            plan=render_json(plan),
        )
    )
    return number


def append_event(
    session: Session,
    row: CaseRow,
    actor: str,
    now: dt.datetime,
    kind: str,
    *,
    data: dict[str, Any],
    reason: str | None = None,
    note: str = "",
) -> None:
    """Append one event; its number is the version the change gives the case."""
    first = kind == "applied"
    seq = 1 if first else row.version + 1
    session.add(
        EventRow(
            case_id=row.id,
            seq=seq,
            at=now,
            actor=actor,
            kind=kind,
            reason=reason,
            note=note,
            data=data,
        )
    )
    if not first:
        row.updated_at = now
