"""Which dates a plan flags as provisional (counted on a year without a holiday notice).

The shipped calendar publishes 2024-2026; 2027 and later are provisional. A flag follows
every date the planner *counted* through such a year: task dates, obligation due dates and
the other finish. A date the user entered (an actual) was not counted and is never flagged.
"""

from __future__ import annotations

from _sched_build import catalog, cd, d, decisions, item

from pathplanner.catalog.model import Obligation
from pathplanner.schedule import Actuals, ActualTask, Schedule, schedule


def _provisional_warnings(s: Schedule) -> list[str]:
    return [p.args["year"] for p in s.warnings if p.code == "calendar-provisional"]


def test_an_obligation_due_in_a_provisional_year_flags_the_plan() -> None:
    # a: accepted Mon 2026-11-02, decided 11-04; the report is owed 90 calendar days
    # later, Tue 2027-02-02, in provisional 2027. Every task ends in 2026.
    report = Obligation(id="report", zh="报告", after="decision", due=cd(90))
    cat = catalog([item("a", 2, obligations=[report])])
    s = schedule(cat, decisions(["a"]), start=d("2026-11-02"))
    assert s.finish == d("2026-11-04")
    (ob,) = s.obligations
    assert ob.due == d("2027-02-02")
    assert ob.provisional
    assert s.provisional and s.provisional_years == (2027,)
    assert _provisional_warnings(s) == ["2027"]
    assert s.calendar_versions["2027"] == "provisional"


def test_the_other_finish_in_a_provisional_year_flags_the_plan() -> None:
    # committed 3 WD from Tue 2026-09-01 ends 09-04; the statutory 120 WD end in 2027.
    cat = catalog([item("a", 3, statutory=120)])
    s = schedule(cat, decisions(["a"]), start=d("2026-09-01"))
    assert s.finish == d("2026-09-04")
    assert s.other_finish is not None and s.other_finish.year == 2027
    assert not s.task("a").provisional  # its own dates stay in 2026
    assert s.provisional and s.provisional_years == (2027,)
    assert _provisional_warnings(s) == ["2027"]
    assert s.calendar_versions["2027"] == "provisional"


def test_a_plan_wholly_in_published_years_is_not_provisional() -> None:
    report = Obligation(id="report", zh="报告", after="decision", due=cd(30))
    cat = catalog([item("a", 3, statutory=20, obligations=[report])])
    s = schedule(cat, decisions(["a"]), start=d("2026-03-02"))
    assert not s.provisional and s.provisional_years == ()
    assert _provisional_warnings(s) == []
    assert "2027" not in s.calendar_versions


def test_actual_dates_are_never_provisional() -> None:
    # a was accepted and decided on dates the user entered, in provisional 2027; b is
    # planned after it and counted on the provisional calendar.
    cat = catalog([item("a", 5), item("b", 3, needs=["a-out"])])
    dec = decisions(["a", "b"])
    base = schedule(cat, dec, start=d("2026-12-28"))
    actuals = Actuals(
        today=d("2027-01-20"),
        tasks=[ActualTask(task="a", accepted=d("2027-01-11"), decided=d("2027-01-15"))],
    )
    s = schedule(cat, dec, start=d("2026-12-28"), actuals=actuals, baseline=base)
    a, b = s.task("a"), s.task("b")
    assert (a.actual_start, a.actual_finish) == (d("2027-01-11"), d("2027-01-15"))
    assert not a.provisional
    assert b.provisional
    assert s.provisional_years == (2027,)


def test_a_date_counted_from_an_actual_date_is_provisional() -> None:
    # a was accepted on an entered date but not decided yet: its decision is counted on the
    # provisional calendar, so it is flagged.
    cat = catalog([item("a", 5)])
    dec = decisions(["a"])
    base = schedule(cat, dec, start=d("2026-12-28"))
    actuals = Actuals(today=d("2027-01-12"), tasks=[ActualTask(task="a", accepted=d("2027-01-11"))])
    s = schedule(cat, dec, start=d("2026-12-28"), actuals=actuals, baseline=base)
    assert s.task("a").actual_start == d("2027-01-11")
    assert s.task("a").provisional
