"""Erasing the investor's contact details from archived cases after the retention period.

The case's facts and its events stay; only the contact person and phone go, and the
erasure is itself an event (by ``system``)."""

from __future__ import annotations

import datetime as dt
import os

from sqlalchemy import select
from sqlalchemy.orm import Session

from pathplanner.cases.records import append_event
from pathplanner.cases.storage.tables import CaseRow
from pathplanner.errors import InputError, Location, Problem

__all__ = ["DEFAULT_RETENTION_DAYS", "RETENTION_VARIABLE", "erase_expired_contacts", "retention"]

RETENTION_VARIABLE = "PATHPLANNER_CONTACT_RETENTION_DAYS"
DEFAULT_RETENTION_DAYS = 365
"""Days an archived case keeps the investor's contact details, unless configured."""


def retention(days: int | None = None) -> dt.timedelta:
    """The retention period: ``days``, else ``$PATHPLANNER_CONTACT_RETENTION_DAYS``, else
    :data:`DEFAULT_RETENTION_DAYS`."""
    if days is None:
        configured = os.environ.get(RETENTION_VARIABLE, str(DEFAULT_RETENTION_DAYS))
        days = int(configured) if configured.strip().isdigit() else -1
        if days < 0:
            where = Location(RETENTION_VARIABLE)
            raise InputError([Problem("retention-bad-days", where, args={"value": configured})])
    return dt.timedelta(days=days)


def erase_expired_contacts(session: Session, now: dt.datetime, keep: dt.timedelta) -> list[str]:
    """Erase the contact details of cases archived at least ``keep`` before ``now``;
    returns their ids, sorted."""
    query = (
        select(CaseRow)
        .where(CaseRow.archived_at.is_not(None), CaseRow.archived_at <= now - keep)
        .where(CaseRow.contact_erased_at.is_(None))
        .order_by(CaseRow.id)
    )
    erased = []
    for row in session.scalars(query):
        row.investor_contact = None
        row.investor_phone = None
        row.contact_erased_at = now
        data = {"retention_days": keep.days}
        append_event(session, row, "system", now, "contact-erased", data=data)
        erased.append(row.id)
    session.flush()
    return erased
