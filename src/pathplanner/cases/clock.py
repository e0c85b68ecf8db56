"""Instants in UTC for storage, Asia/Shanghai for people."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

__all__ = ["SHANGHAI", "Clock", "local_date", "shown", "utc_now"]

SHANGHAI = ZoneInfo("Asia/Shanghai")

Clock = Callable[[], dt.datetime]
"""Gives the current instant, timezone-aware."""


def utc_now() -> dt.datetime:
    """The current instant in UTC."""
    return dt.datetime.now(dt.UTC)


def shown(instant: dt.datetime) -> str:
    """``instant`` as people read it: ISO 8601 in Asia/Shanghai (``+08:00``)."""
    return instant.astimezone(SHANGHAI).isoformat(timespec="seconds")


def local_date(instant: dt.datetime) -> dt.date:
    """The calendar day in Asia/Shanghai at ``instant``."""
    return instant.astimezone(SHANGHAI).date()
