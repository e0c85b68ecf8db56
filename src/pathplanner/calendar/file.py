"""Reading one ``catalog/calendars/cn-YYYY.yaml`` file: the model and its checks.

A file is one year of one State Council notice (国务院办公厅关于 YYYY 年部分节假日安排的通知):
the blocks of days off (``holidays``, inclusive ranges) and the make-up working days
(``workdays``, 调休上班). The format is documented in ``docs/calendar.md``.

Problems are located (``file:line:col``) and named by breadcrumb, for example
``Calendar(year=2025) > holidays[3]``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from pathplanner._input import yaml as _yaml
from pathplanner._input.dates import IsoDate
from pathplanner._input.validation import validate_model
from pathplanner.errors import Location, Problem

__all__ = ["CalendarFile", "CalendarYear", "HolidayRange", "MakeUpDay", "Notice", "read_year"]

FILE_NAME = re.compile(r"^cn-(\d{4})\.yaml$")
_SATURDAY = 5

Text = Annotated[str, Field(min_length=1, max_length=200)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Notice(_Model):
    """The notice a year's schedule comes from (e.g. ``国办发明电〔2024〕12号``)."""

    id: Text
    title: Text
    published: IsoDate | None = None
    url: str = ""


class HolidayRange(_Model):
    """A block of days off, ``start`` to ``end`` inclusive (``end`` defaults to ``start``)."""

    name: Text
    en: str = ""
    start: IsoDate
    end: IsoDate | None = None
    notice: str = ""
    note: str = ""

    @property
    def last(self) -> dt.date:
        return self.end if self.end is not None else self.start


class MakeUpDay(_Model):
    """A weekend day made a working day (调休上班) for the holiday ``name``."""

    date: IsoDate
    name: Text
    notice: str = ""
    note: str = ""


class CalendarFile(_Model):
    """The whole file ``cn-YYYY.yaml``."""

    year: Annotated[int, Field(ge=1949, le=9999)]
    notice: Notice
    holidays: list[HolidayRange] = Field(default_factory=list)
    workdays: list[MakeUpDay] = Field(default_factory=list)
    note: str = ""


@dataclass(frozen=True)
class CalendarYear:
    """One year's days off and make-up working days, with the notice they come from.

    ``holidays`` and ``workdays`` map a date to the festival's name. ``notice`` is the
    notice id, or ``"provisional"`` for a year computed from the law.
    """

    year: int
    notice: str
    holidays: Mapping[dt.date, str]
    workdays: Mapping[dt.date, str]
    provisional: bool = False


def read_year(path: Path, display: str) -> tuple[CalendarYear | None, list[Problem]]:
    """Read and check one calendar file; ``None`` when it has errors."""
    match = FILE_NAME.match(path.name)
    if match is None:
        return None, [
            Problem(
                "calendar-file-name",
                Location(display),
                expected="cn-YYYY.yaml",
                found=path.name,
                args={"name": path.name},
            )
        ]
    file_year = int(match.group(1))
    data, problems = _yaml.read_yaml(path, display)
    if any(p.severity == "error" for p in problems):
        return None, problems
    crumb = f"Calendar(year={file_year})"
    model, found = validate_model(CalendarFile, data, file=display, breadcrumb=crumb)
    problems = [*problems, *found]
    if model is None:
        return None, problems
    if model.year != file_year:
        line, col = _yaml.locate(data, ["year"])
        mismatch = Problem(
            "calendar-year-mismatch",
            Location(display, line, col),
            breadcrumb=crumb,
            expected=str(file_year),
            found=str(model.year),
            args={"year": str(model.year), "file_year": str(file_year)},
        )
        return None, [*problems, mismatch]
    checks = _Checker(display, data, crumb, file_year).run(model)
    problems += checks
    if any(p.severity == "error" for p in checks):
        return None, problems
    return _to_year(model), problems


@dataclass
class _Checker:
    """Checks one parsed file beyond its schema, collecting located problems."""

    display: str
    data: Any
    crumb: str
    year: int
    problems: list[Problem] = field(default_factory=list)
    seen: dict[dt.date, str] = field(default_factory=dict)

    def report(
        self,
        code: str,
        loc: Sequence[str | int],
        where: str,
        *,
        expected: str = "",
        found: str = "",
        **args: str,
    ) -> None:
        line, col = _yaml.locate(self.data, loc)
        self.problems.append(
            Problem(
                code,
                Location(self.display, line, col),
                breadcrumb=where,
                expected=expected,
                found=found,
                args=args,
            )
        )

    def dates(self, days: list[dt.date], loc: Sequence[str | int], where: str) -> bool:
        """Check that ``days`` lie in the year and are new; remember them. False on error."""
        for day in days:
            if day.year != self.year:
                self.report(
                    "calendar-date-outside-year",
                    loc,
                    where,
                    expected=f"{self.year}-01-01 .. {self.year}-12-31",
                    found=day.isoformat(),
                    date=day.isoformat(),
                    year=str(self.year),
                )
                return False
        for day in days:
            if day in self.seen:
                self.report(
                    "calendar-duplicate-date",
                    loc,
                    where,
                    found=day.isoformat(),
                    date=day.isoformat(),
                    first=self.seen[day],
                )
                return False
        for day in days:
            self.seen[day] = where
        return True

    def run(self, model: CalendarFile) -> list[Problem]:
        for i, block in enumerate(model.holidays):
            where = f"{self.crumb} > holidays[{i}]"
            if block.last < block.start:
                self.report(
                    "calendar-range-reversed",
                    ["holidays", i, "end"],
                    where,
                    start=block.start.isoformat(),
                    end=block.last.isoformat(),
                )
                continue
            self.dates(_days(block.start, block.last), ["holidays", i], where)
        holiday_dates = dict(self.seen)
        for i, make_up in enumerate(model.workdays):
            where = f"{self.crumb} > workdays[{i}]"
            loc: list[str | int] = ["workdays", i, "date"]
            day = make_up.date
            if day in holiday_dates:
                self.report(
                    "calendar-holiday-workday",
                    loc,
                    where,
                    found=day.isoformat(),
                    date=day.isoformat(),
                    first=holiday_dates[day],
                )
            elif self.dates([day], loc, where) and day.weekday() < _SATURDAY:
                self.report(
                    "calendar-workday-not-weekend",
                    loc,
                    where,
                    found=day.isoformat(),
                    date=day.isoformat(),
                )
        return self.problems


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=k) for k in range((last - first).days + 1)]


def _to_year(model: CalendarFile) -> CalendarYear:
    holidays: dict[dt.date, str] = {}
    for block in model.holidays:
        for day in _days(block.start, block.last):
            holidays[day] = block.name
    workdays = {m.date: m.name for m in model.workdays}
    return CalendarYear(
        year=model.year,
        notice=model.notice.id,
        holidays=MappingProxyType(dict(sorted(holidays.items()))),
        workdays=MappingProxyType(dict(sorted(workdays.items()))),
    )
