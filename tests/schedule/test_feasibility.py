"""A feasible optimum (docs/scheduling.md §9): a 容缺 mode that misses its supplement
deadline is not taken; modes the investor refuses are not taken; both unless pinned."""

from __future__ import annotations

import pytest
from _sched_build import catalog, cd, d, decisions, item, material, mode, mode_option

from pathplanner.catalog.model import DeferredMaterial
from pathplanner.errors import InputError
from pathplanner.schedule import schedule

START = d("2026-03-02")


def _survey_case(deadline: int) -> tuple:
    """``p`` needs a survey that takes 20 calendar days. Normally it is prepared first
    (accepted Mon 03-23, decided 03-30); under 容缺受理 ``p`` is accepted at once and
    decided when the survey is handed in (03-23), which is late for a 10-day deadline."""
    tol = mode(
        "tolerance",
        "tolerance",
        deferred_materials=[DeferredMaterial(material="survey", deadline=cd(deadline))],
    )
    cat = catalog([item("p", 5, materials=["survey"], modes=[tol])], [], [material("survey", 20)])
    return cat, decisions(["p"], options=[mode_option("p", [tol])])


def _alternatives(s) -> dict[str, tuple]:
    (choice,) = s.choices
    return {a.id: (a.finish, a.misses_deadline, a.refused) for a in choice.alternatives}


def test_a_tolerance_mode_that_misses_its_deadline_is_not_taken() -> None:
    cat, dec = _survey_case(deadline=10)
    s = schedule(cat, dec, start=START)
    assert s.choices[0].chosen == "normal"
    assert s.finish == d("2026-03-30")
    assert "supplement:p:survey" not in {t.id for t in s.tasks}
    assert not [w for w in s.warnings if w.code == "schedule-supplement-late"]
    # the choice says why the earlier finish was not taken
    assert _alternatives(s) == {
        "normal": (d("2026-03-30"), False, False),
        "tolerance": (d("2026-03-23"), True, False),
    }


def test_a_tolerance_mode_on_time_is_taken() -> None:
    cat, dec = _survey_case(deadline=25)
    s = schedule(cat, dec, start=START)
    assert s.choices[0].chosen == "tolerance"
    assert s.finish == d("2026-03-23")
    assert _alternatives(s)["tolerance"] == (d("2026-03-23"), False, False)


def test_a_pinned_late_tolerance_mode_is_planned_as_asked_and_warned() -> None:
    cat, dec = _survey_case(deadline=10)
    s = schedule(cat, dec, start=START, pins={"p": "tolerance"})
    assert s.choices[0].chosen == "tolerance"
    assert s.finish == d("2026-03-23")
    assert [w.code for w in s.warnings] == ["schedule-supplement-late"]
    assert _alternatives(s)["tolerance"] == (d("2026-03-23"), True, False)


def test_a_refused_mode_is_not_taken_even_when_faster() -> None:
    cat, dec = _survey_case(deadline=25)
    s = schedule(cat, dec, start=START, refuse=["tolerance"])
    assert s.choices[0].chosen == "normal"
    assert s.finish == d("2026-03-30")
    assert _alternatives(s) == {
        "normal": (d("2026-03-30"), False, False),
        "tolerance": (d("2026-03-23"), False, True),
    }
    # refusing another kind changes nothing; a pin overrides the refusal
    assert schedule(cat, dec, start=START, refuse=["commitment"]).choices[0].chosen == "tolerance"
    pinned = schedule(cat, dec, start=START, refuse=["tolerance"], pins={"p": "tolerance"})
    assert pinned.choices[0].chosen == "tolerance"


def test_pinning_a_mandatory_mode_away_names_the_rule() -> None:
    tol = mode(
        "tolerance",
        "tolerance",
        deferred_materials=[DeferredMaterial(material="survey", deadline=cd(25))],
    )
    cat = catalog([item("p", 5, materials=["survey"], modes=[tol])], [], [material("survey", 20)])
    dec = decisions(["p"], modes=[("p", "tolerance")])
    with pytest.raises(InputError) as raised:
        schedule(cat, dec, start=START, pins={"p": "normal"})
    (problem,) = raised.value.problems
    assert problem.code == "schedule-pin-mandatory"
    assert dict(problem.args) == {
        "item": "p",
        "mode": "tolerance",
        "alternative": "normal",
        "rule": "test-rule",
    }
    assert "test-rule" in problem.message("en")
    with pytest.raises(InputError):
        schedule(cat, dec, start=START, pins={"mode:p": "normal"})
    # pinning the mandatory mode itself asks for nothing else: accepted
    assert schedule(cat, dec, start=START, pins={"p": "tolerance"}).finish == d("2026-03-23")
