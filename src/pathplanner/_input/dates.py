"""Dates in user files are dates: ``YYYY-MM-DD`` text, nothing else.

Pydantic's lax mode reads a number as seconds since 1970 (``start: 0`` became 1970-01-01)
and Python 3.11's ``date.fromisoformat`` also takes ``20260302`` and week dates. Every date
a user writes goes through :func:`parse_iso_date`, and every model field holding one is an
:data:`IsoDate`, so a date is refused with a located ``bad-type`` unless it is written the
one way the docs show.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

__all__ = ["IsoDate", "parse_iso_date"]

_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_iso_date(value: Any) -> dt.date | None:
    """``value`` as a date when it is one (not a datetime) or ``YYYY-MM-DD`` text naming a
    real day; ``None`` otherwise."""
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _date_only(value: Any) -> dt.date:
    day = parse_iso_date(value)
    if day is None:
        # pydantic's own error type, so it reads like every other wrong type
        raise PydanticCustomError("date_type", "Input should be a date written YYYY-MM-DD")
    return day


IsoDate = Annotated[dt.date, BeforeValidator(_date_only)]
"""A date field of a user file: a ``datetime.date`` or ``YYYY-MM-DD`` text."""
