"""One profile value checked against its field's type, choices and range.

The catalog checks field defaults with it when it loads; a profile checks every value the
same way, so a default and an investor's answer are held to one rule.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pathplanner._input.dates import parse_iso_date
from pathplanner._input.suggest import did_you_mean, quote_all
from pathplanner.catalog.model import FieldType, ProfileField

__all__ = ["ProfileValue", "check_value"]

ProfileValue = bool | int | float | str | dt.date | tuple[str, ...]
"""The Python type of one profile value (a ``list`` field holds a tuple of its values, in
the order the field declares them)."""


def _range_text(spec: ProfileField) -> str:
    if spec.minimum is not None and spec.maximum is not None:
        return f"{_num(spec.minimum)} – {_num(spec.maximum)}"
    if spec.minimum is not None:
        return f">= {_num(spec.minimum)}"
    return f"<= {_num(spec.maximum)}"


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


_TYPE_LABEL = {
    FieldType.bool: "type-bool",
    FieldType.integer: "type-integer",
    FieldType.number: "type-number",
    FieldType.date: "type-date",
    FieldType.string: "type-string",
    FieldType.enum: "type-string",
    FieldType.list: "type-list",
}


def check_value(
    spec: ProfileField, value: Any
) -> tuple[ProfileValue | None, str, str, dict[str, str]]:
    """Check one value against its field: ``(value, code, expected, extra_args)``.

    On success ``code`` is ``""`` and ``value`` is the typed value (dates become
    :class:`datetime.date`); otherwise ``code`` is ``bad-type``, ``bad-choice`` or
    ``out-of-range`` and ``expected`` says what was wanted.
    """
    kind = spec.type
    if kind == FieldType.list:
        return _check_list(spec, value)
    if kind == FieldType.enum:
        allowed = [v.value for v in spec.values]
        if isinstance(value, str) and value in allowed:
            return value, "", "", {}
        close = did_you_mean(str(value), allowed)
        return None, "bad-choice", quote_all(allowed), {"candidates": quote_all(close)}
    if kind == FieldType.bool:
        ok = isinstance(value, bool)
    elif kind == FieldType.integer:
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif kind == FieldType.number:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
    elif kind == FieldType.string:
        ok = isinstance(value, str)
    else:  # date
        day = parse_iso_date(value)
        if day is None:
            return None, "bad-type", _TYPE_LABEL[kind], {}
        return day, "", "", {}
    if not ok:
        return None, "bad-type", _TYPE_LABEL[kind], {}
    if isinstance(value, int | float) and not isinstance(value, bool):
        low, high = spec.minimum, spec.maximum
        if (low is not None and value < low) or (high is not None and value > high):
            return None, "out-of-range", _range_text(spec), {}
    return value, "", "", {}


def _check_list(
    spec: ProfileField, value: Any
) -> tuple[ProfileValue | None, str, str, dict[str, str]]:
    """A list field: a YAML list of distinct declared values, kept in declared order."""
    if not isinstance(value, list | tuple):
        return None, "bad-type", _TYPE_LABEL[FieldType.list], {}
    allowed = [v.value for v in spec.values]
    for index, entry in enumerate(value):
        if not isinstance(entry, str) or entry not in allowed:
            close = did_you_mean(str(entry), allowed)
            extra = {"candidates": quote_all(close), "index": str(index)}
            return None, "bad-choice", quote_all(allowed), extra
    if len(set(value)) != len(value):
        return None, "bad-type", "type-list-distinct", {}
    return tuple(v for v in allowed if v in value), "", "", {}
