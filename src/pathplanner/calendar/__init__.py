"""The working-day calendar: :class:`WorkCalendar`, calendar files and provisional years.

:mod:`~pathplanner.calendar.workcalendar` counts working days; :mod:`~pathplanner.calendar.file`
reads one published year (``catalog/calendars/cn-YYYY.yaml``); and
:mod:`~pathplanner.calendar.holiday_law` computes the statutory holidays of a year whose
notice is not out yet, and :mod:`~pathplanner.calendar.arrangement` estimates its breaks and
make-up working days.
"""

from pathplanner.calendar.workcalendar import (
    PROVISIONAL,
    CalendarYear,
    DayArrays,
    WorkCalendar,
    load_calendar,
    provisional_problem,
    provisional_problems,
)

__all__ = [
    "PROVISIONAL",
    "CalendarYear",
    "DayArrays",
    "WorkCalendar",
    "load_calendar",
    "provisional_problem",
    "provisional_problems",
]
