"""Hand-computed schedules: every expected date below was counted on the calendar by hand.

2026 calendar facts used (国办发明电〔2025〕7号 as shipped): Spring Festival days off
2026-02-15..02-23; make-up working days Saturday 02-14 and Saturday 02-28. 2027 has no
notice yet: 2027-01-01 (元旦, Friday) is a statutory day off in the provisional calendar.
"""

from __future__ import annotations

import pytest
from _sched_build import (
    calendar,
    catalog,
    cd,
    d,
    decisions,
    drops,
    group,
    item,
    material,
    mode,
    mode_option,
    wd,
    work,
)

from pathplanner.catalog.model import DeferredMaterial, Obligation, Prerequisite
from pathplanner.errors import InputError
from pathplanner.schedule import Actuals, ActualTask, schedule


def test_across_spring_festival_2026_with_make_up_days() -> None:
    # a: accepted Fri 02-13; 3 working days: Sat 02-14 (make-up), Tue 02-24, Wed 02-25.
    # w: 10 calendar days after ready 02-25 -> Sat 03-07 (investor work may end on a rest day).
    # b: accepted on w's ready date, the next working day on or after 03-07: Mon 03-09;
    #    2 working days -> Wed 03-11.
    cat = catalog(
        [item("a", 3), item("b", 2, needs=["w-out"])],
        [work("w", 10, needs=["a-out"])],
    )
    s = schedule(cat, decisions(["a", "b", "w"]), start=d("2026-02-13"))
    a, w, b = s.task("a"), s.task("w"), s.task("b")
    assert (a.start, a.finish, a.ready) == (d("2026-02-13"), d("2026-02-25"), d("2026-02-25"))
    assert (w.start, w.finish, w.ready) == (d("2026-02-25"), d("2026-03-07"), d("2026-03-09"))
    assert (b.start, b.finish) == (d("2026-03-09"), d("2026-03-11"))
    assert s.finish == d("2026-03-11")
    # a drives w, but has 2 working days of float: decided on Fri 02-27 instead, w would
    # end on Mon 03-09 and b would still be accepted on 03-09.
    assert a.float_working_days == 2 and a.latest_finish == d("2026-02-27")
    assert w.critical and b.critical and not a.critical
    assert s.critical_path == ("a", "w", "b")
    # (02-13, 03-11]: 02-14, 02-24..02-27 (4), 02-28, 03-02..03-06 (5), 03-09..03-11 (3)
    assert s.working_days == 14
    # government time: a (02-13, 02-25] = 3, b (03-09, 03-11] = 2
    assert s.government_working_days == 5
    assert not s.provisional
    assert s.warnings == ()


def test_a_make_up_saturday_is_a_working_day_for_acceptance() -> None:
    # Starting on Sat 2026-02-28 (make-up working day): accepted the same day.
    s = schedule(catalog([item("a", 1)]), decisions(["a"]), start=d("2026-02-28"))
    assert (s.task("a").start, s.task("a").finish) == (d("2026-02-28"), d("2026-03-02"))


def test_legal_period_ends_on_the_next_working_day() -> None:
    # A 7-day public notice from Sun 2026-02-08 ends Sun 02-15 (a day off) -> Tue 02-24.
    cat = catalog([], [work("notice", 7, legal=True), work("own", 7)])
    s = schedule(cat, decisions(["notice", "own"]), start=d("2026-02-08"))
    assert s.task("notice").finish == d("2026-02-24")
    assert s.task("own").finish == d("2026-02-15")
    assert s.task("own").ready == d("2026-02-24")


def test_crossing_into_provisional_2027() -> None:
    # accepted Mon 2026-12-28; 5 working days: 12-29, 12-30, 12-31, (01-01 元旦 off,
    # weekend), Mon 2027-01-04, Tue 2027-01-05.
    cat = catalog([item("a", 5), item("b", 1, needs=["a-out"])])
    s = schedule(cat, decisions(["a", "b"]), start=d("2026-12-28"))
    assert s.task("a").finish == d("2027-01-05")
    assert s.task("b").finish == d("2027-01-06")
    assert s.provisional and s.provisional_years == (2027,)
    assert s.task("a").provisional and s.task("b").provisional
    codes = [(p.code, p.severity, dict(p.args)) for p in s.warnings]
    assert codes == [("calendar-provisional", "warning", {"year": "2027"})]
    with pytest.raises(InputError) as err:
        schedule(cat, decisions(["a", "b"]), start=d("2026-12-28"), strict_calendar=True)
    assert [p.code for p in err.value.problems] == ["calendar-provisional"]


def test_task_wholly_in_2026_is_not_provisional() -> None:
    # x finishes in 2026 with a successor in 2027; x's latest dates stay in 2026 too.
    cat = catalog([item("x", 1), item("y", 5, needs=["x-out"]), item("z", 1)])
    s = schedule(cat, decisions(["x", "y", "z"]), start=d("2026-12-28"))
    assert s.task("y").provisional
    assert not s.task("x").provisional
    # z ends in 2026 at the earliest, but its latest finish (the project finish) is in
    # 2027: the backward pass touched a provisional day.
    assert s.task("z").finish == d("2026-12-29")
    assert s.task("z").provisional


def test_parallel_group_with_cap() -> None:
    # x: 5 WD from Mon 2026-03-02 -> Mon 03-09. The group starts on the latest readiness of
    # its members: b and c are ready at the start, a waits for x, so S = 03-09.
    # Cap 20 WD: a 30 -> 20, b 10, c 60 -> 20. S + 10 WD = 03-23, S + 20 WD = 04-07
    # (清明 2026-04-04..04-06 falls on Sat..Mon: 03-24..04-03 is 9 WD, 04-07 is the 20th).
    cat = catalog(
        [
            item("x", 5),
            item("a", 30, needs=["x-out"]),
            item("b", 10),
            item("c", 60),
            item("after-b", 1, needs=["b-out"]),
        ]
    )
    g = group("joint", ["a", "b", "c"], cap=wd(20))
    s = schedule(cat, decisions(["x", "a", "b", "c", "after-b"], groups=[g]), start=d("2026-03-02"))
    assert {s.task(t).start for t in ("a", "b", "c")} == {d("2026-03-09")}
    assert s.task("b").finish == d("2026-03-23")
    assert s.task("a").finish == s.task("c").finish == d("2026-04-07")
    assert s.task("after-b").start == d("2026-03-23")
    span = s.groups[0]
    assert (span.start, span.finish, span.members) == (
        d("2026-03-09"),
        d("2026-04-07"),
        ("a", "b", "c"),
    )
    # issued together (统一出件): after-b waits for the last member
    g2 = group("joint", ["a", "b", "c"], cap=wd(20), together=True)
    s2 = schedule(
        cat, decisions(["x", "a", "b", "c", "after-b"], groups=[g2]), start=d("2026-03-02")
    )
    assert s2.task("after-b").start == d("2026-04-07")
    assert s2.finish == d("2026-04-08")


def test_dependency_inside_a_group_is_an_error() -> None:
    cat = catalog([item("a", 3), item("b", 3, needs=["a-out"])])
    with pytest.raises(InputError) as err:
        schedule(
            cat,
            decisions(["a", "b"], groups=[group("g", ["a", "b"])]),
            start=d("2026-03-02"),
        )
    assert [p.code for p in err.value.problems] == ["schedule-group-internal"]
    assert dict(err.value.problems[0].args) == {
        "group": "g",
        "before": "a",
        "after": "b",
        "source": "output:a-out",
    }


def test_tolerance_supplement_late() -> None:
    # p accepted Mon 2026-03-02 under 容缺受理 without the survey (20 calendar days to
    # prepare, deadline 10 calendar days): supplement (03-02, 03-22]; deadline 03-12.
    # p's 5-WD decision would be 03-09 but waits for the supplement's ready date Mon 03-23.
    tol = mode(
        "tolerance",
        "tolerance",
        deferred_materials=[DeferredMaterial(material="survey", deadline=cd(10))],
    )
    cat = catalog([item("p", 5, materials=["survey"], modes=[tol])], [], [material("survey", 20)])
    s = schedule(cat, decisions(["p"], modes=[("p", "tolerance")]), start=d("2026-03-02"))
    sup = s.task("supplement:p:survey")
    assert (sup.start, sup.finish, sup.deadline) == (
        d("2026-03-02"),
        d("2026-03-22"),
        d("2026-03-12"),
    )
    assert s.task("p").start == d("2026-03-02")
    assert s.task("p").finish == d("2026-03-23")
    assert s.critical_path == ("supplement:p:survey", "p")
    late = [p for p in s.warnings if p.code == "schedule-supplement-late"]
    assert [dict(p.args) for p in late] == [
        {"item": "p", "material": "survey", "finish": "2026-03-22", "deadline": "2026-03-12"}
    ]
    # without the mode the survey is prepared before acceptance: 03-22 -> accepted 03-23
    s2 = schedule(cat, decisions(["p"]), start=d("2026-03-02"))
    assert s2.task("p").start == d("2026-03-23")
    assert s2.finish == d("2026-03-30")


def test_commitment_mode_drops_prerequisite_adds_letter_and_obligation() -> None:
    check = Obligation(id="check", zh="核查", after="decision", due=cd(30))
    commit = mode(
        "commitment",
        "commitment",
        drops=drops("eia-out"),
        adds_materials=["letter"],
        duration=wd(1),
        obligations=[check],
    )
    cat = catalog(
        [item("eia", 20), item("permit", 10, needs=["eia-out"], modes=[commit])],
        [],
        [material("letter", 2)],
    )
    dec = decisions(["eia", "permit"], options=[mode_option("permit", [commit])])
    s = schedule(cat, dec, start=d("2026-03-02"))
    assert s.choices[0].chosen == "commitment"
    # letter 2 calendar days -> Wed 03-04; permit accepted 03-04, decided 03-05
    assert s.task("material:letter").finish == d("2026-03-04")
    assert (s.task("permit").start, s.task("permit").finish) == (d("2026-03-04"), d("2026-03-05"))
    assert [e.source for e in s.task("permit").predecessors] == ["mode:permit:commitment"]
    (ob,) = s.obligations
    assert (ob.id, ob.origin, ob.due) == ("check", d("2026-03-05"), d("2026-04-07"))
    # 03-05 + 30 = Sat 04-04 (清明) -> next working day Tue 04-07; not on the path:
    assert s.finish == d("2026-03-30")  # eia: 20 WD from 03-02
    alts = {a.id: a.finish for a in s.choices[0].alternatives}
    # normal: eia 03-30 then permit 10 WD -> 04-14 (04-06 off)
    assert alts == {"normal": d("2026-04-14"), "commitment": d("2026-03-30")}
    pinned = schedule(cat, dec, start=d("2026-03-02"), pins={"permit": "normal"})
    assert pinned.finish == d("2026-04-14")
    assert pinned.choices[0].pinned


def test_merged_item_replaces_and_redirects_consumers() -> None:
    merged = mode("joint", "merged", replaces=["fire", "air"], duration=wd(7))
    cat = catalog(
        [
            item("review", 10, modes=[merged]),
            item("fire", 15),
            item("air", 12),
            item("permit", 2, needs=["fire-out", "air-out"]),
        ]
    )
    dec = decisions(["review", "fire", "air", "permit"], modes=[("review", "joint")])
    s = schedule(cat, dec, start=d("2026-03-02"))
    assert {t.id for t in s.tasks} == {"review", "permit"}
    # review 7 WD -> 03-11, permit waits for it (both outputs redirect to review)
    assert s.task("permit").start == d("2026-03-11")
    assert {e.task for e in s.task("permit").predecessors} == {"review"}


def test_pre_review_decision_waits_for_land_contract() -> None:
    pre = mode("pre", "pre_review", decision_waits_for=["land-out"])
    cat = catalog([item("land", 15), item("permit", 5, needs=["land-out"], modes=[pre])])
    dec = decisions(["land", "permit"], modes=[("permit", "pre")])
    s = schedule(cat, dec, start=d("2026-03-02"))
    # permit accepted at the start, its 5 WD end 03-09, but decided with land on 03-23
    assert s.task("permit").start == d("2026-03-02")
    assert s.task("permit").finish == d("2026-03-23")
    (edge,) = s.task("permit").predecessors
    assert (edge.task, edge.binds, edge.source) == ("land", "decision", "output:land-out")


def test_stage_gate_is_one_milestone() -> None:
    cat = catalog(
        [item("a", 3), item("b", 5), item("c", 2, stage="s2"), item("e", 1, stage="s2")],
        stages=[("s1", True), ("s2", True)],
    )
    s = schedule(cat, decisions(["a", "b", "c", "e"]), start=d("2026-03-02"))
    gate = s.task("gate:s1")
    assert gate.type == "milestone" and gate.finish == d("2026-03-09")
    assert s.task("c").start == d("2026-03-09")
    assert [e.source for e in s.task("c").predecessors] == ["gate:s1"]
    assert sorted(e.task for e in gate.predecessors) == ["a", "b"]


def test_cycle_names_every_id_and_edge_source() -> None:
    cat = catalog(
        [
            item("a", 1, needs=["c-out"]),
            item("b", 1, needs=["a-out"]),
            item("c", 1, needs=["b-out"]),
        ]
    )
    with pytest.raises(InputError) as err:
        schedule(cat, decisions(["a", "b", "c"]), start=d("2026-03-02"))
    (p,) = err.value.problems
    assert p.code == "schedule-cycle"
    assert p.args["ids"] == "a, b, c"
    assert p.args["cycle"] == (
        "a -[output:a-out]-> b; b -[output:b-out]-> c; c -[output:c-out]-> a"
    )


def test_excluded_time_lengthens_but_is_not_government_time() -> None:
    # accepted Mon 03-02; expert review 10 calendar days -> 03-12; then 3 WD -> Tue 03-17.
    cat = catalog([item("a", 3, excluded=[cd(10)])])
    s = schedule(cat, decisions(["a"]), start=d("2026-03-02"))
    assert s.task("a").finish == d("2026-03-17")
    assert s.government_working_days == 3
    assert s.working_days == 11


def test_statutory_uses_statutory_limits_and_reports_both() -> None:
    cat = catalog([item("a", 3, statutory=20)])
    committed = schedule(cat, decisions(["a"]), start=d("2026-03-02"))
    worst = schedule(cat, decisions(["a"]), start=d("2026-03-02"), statutory=True)
    assert committed.finish == d("2026-03-05")
    assert worst.finish == d("2026-03-30")
    assert committed.other_finish == worst.finish
    assert worst.other_finish == committed.finish


def test_replan_after_a_late_decision() -> None:
    # baseline: a 5 WD from Mon 03-02 -> 03-09; b 3 WD -> 03-12.
    # Actual: a accepted 03-02, still not decided on today = Wed 03-11.
    # a is decided no earlier than the next working day after today: Thu 03-12;
    # b accepted 03-12, decided Tue 03-17. Finish slips 3 WD (03-12 -> 03-17).
    cat = catalog([item("a", 5), item("b", 3, needs=["a-out"])])
    dec = decisions(["a", "b"])
    base = schedule(cat, dec, start=d("2026-03-02"))
    assert base.finish == d("2026-03-12")
    actuals = Actuals(
        today=d("2026-03-11"),
        tasks=[ActualTask(task="a", accepted=d("2026-03-02"), reason="专家评审延期")],
    )
    s = schedule(cat, dec, start=d("2026-03-02"), actuals=actuals, baseline=base)
    assert s.task("a").finish == d("2026-03-12")
    assert s.task("a").status == "accepted"
    assert s.task("b").start == d("2026-03-12")
    assert s.finish == d("2026-03-17")
    slip = s.slippage
    assert slip is not None
    assert (slip.baseline_finish, slip.finish, slip.working_days, slip.calendar_days) == (
        d("2026-03-12"),
        d("2026-03-17"),
        3,
        5,
    )
    by_task = {t.task: t for t in slip.tasks}
    assert by_task["a"].working_days == 3 and by_task["a"].reasons == ("专家评审延期",)
    assert by_task["b"].working_days == 3


def test_replan_refused_item_blocks_successors_and_restarts() -> None:
    cat = catalog([item("a", 5), item("b", 3, needs=["a-out"]), item("c", 1)])
    dec = decisions(["a", "b", "c"])
    actuals = Actuals(
        today=d("2026-03-10"),
        tasks=[
            ActualTask(
                task="a", accepted=d("2026-03-02"), decided=d("2026-03-09"), status="refused"
            )
        ],
    )
    s = schedule(cat, dec, start=d("2026-03-02"), actuals=actuals)
    assert s.task("a").status == "refused"
    assert s.task("a").start == d("2026-03-10")  # applied again, no earlier than today
    assert s.task("b").status == "blocked"
    assert s.slippage is not None and s.slippage.blocked == ("b",)
    stopped = [p for p in s.warnings if p.code == "replan-stopped"]
    assert [dict(p.args) for p in stopped] == [
        {"task": "a", "status": "refused", "count": "1", "blocked": "b"}
    ]


def test_replan_contradicting_actual_is_kept_with_a_warning() -> None:
    cat = catalog([item("a", 5), item("b", 3, needs=["a-out"])])
    actuals = Actuals(
        today=d("2026-03-06"),
        tasks=[ActualTask(task="b", accepted=d("2026-03-04"))],
    )
    s = schedule(cat, decisions(["a", "b"]), start=d("2026-03-02"), actuals=actuals)
    assert s.task("b").start == d("2026-03-04")
    assert [p.code for p in s.warnings] == ["replan-contradiction"]


def test_prerequisite_lag_in_calendar_days() -> None:
    lagged = Prerequisite(any_of=["a-out"], lag=cd(5))
    cat = catalog([item("a", 3), item("b", 1, needs=[lagged])])
    s = schedule(cat, decisions(["a", "b"]), start=d("2026-03-02"))
    # a -> Thu 03-05; +5 calendar days = Tue 03-10
    assert s.task("b").start == d("2026-03-10")


def test_calendar_fixture_is_the_shipped_one() -> None:
    assert calendar().is_working_day(d("2026-02-14"))


def test_replan_suspended_item_resumes_with_its_remaining_time() -> None:
    # a: 10 WD, accepted Mon 03-02, suspended (中止) on Fri 03-06 after 4 working days
    # (03-03..03-06), resumes Mon 03-16: 6 working days left -> 03-17..03-20, 03-23, 03-24.
    cat = catalog([item("a", 10), item("b", 1, needs=["a-out"])])
    actuals = Actuals(
        today=d("2026-03-10"),
        tasks=[
            ActualTask(
                task="a",
                accepted=d("2026-03-02"),
                status="suspended",
                suspended_on=d("2026-03-06"),
                resumes=d("2026-03-16"),
                reason="补正材料",
            )
        ],
    )
    s = schedule(cat, decisions(["a", "b"]), start=d("2026-03-02"), actuals=actuals)
    assert s.task("a").status == "suspended"
    assert s.task("a").finish == d("2026-03-24")
    assert s.task("b").finish == d("2026-03-25")
    assert s.slippage is not None
    assert s.slippage.baseline_finish == d("2026-03-17")
    assert s.slippage.working_days == 6
    assert s.slippage.reasons == ("a: 补正材料",)


def test_replan_work_a_started_item_waited_for_is_done() -> None:
    # The survey (30 calendar days) was prepared before b's actual acceptance on 04-06; it
    # is not prepared again from today.
    cat = catalog([item("b", 5, materials=["survey"])], [], [material("survey", 30)])
    actuals = Actuals(today=d("2026-04-08"), tasks=[ActualTask(task="b", accepted=d("2026-04-03"))])
    s = schedule(cat, decisions(["b"]), start=d("2026-03-02"), actuals=actuals)
    survey = s.task("material:survey")
    assert (survey.start, survey.finish) == (d("2026-03-02"), d("2026-04-01"))
    assert s.task("b").finish == d("2026-04-13")  # 04-03 + 5 WD (清明 04-04..04-06 off)
    assert s.finish == d("2026-04-13")
