"""The optimizer: tie-break, node budget, group membership options, pins."""

from __future__ import annotations

import pytest
from _sched_build import (
    catalog,
    d,
    decisions,
    drops,
    group,
    item,
    join_option,
    mode,
    mode_option,
    wd,
)

from pathplanner.catalog.model import Prerequisite
from pathplanner.errors import InputError
from pathplanner.schedule import schedule
from pathplanner.schedule._days import DayTable
from pathplanner.schedule.search.optimize import Optimizer


def _fast_modes(n: int, *, commitment: bool = False) -> tuple[list, list]:
    items, options = [], []
    for k in range(n):
        m = mode("fast", "commitment" if commitment else "fast_track", duration=wd(k % 3))
        items.append(item(f"i{k}", 5, modes=[m]))
        options.append(mode_option(f"i{k}", [m]))
    return items, options


def test_tie_break_prefers_fewer_commitments() -> None:
    # b is not on the path: its commitment mode does not help, so normal wins the tie.
    commit = mode("commitment", "commitment", duration=wd(1))
    cat = catalog([item("a", 10), item("b", 3, modes=[commit])])
    dec = decisions(["a", "b"], options=[mode_option("b", [commit])])
    s = schedule(cat, dec, start=d("2026-03-02"))
    (choice,) = s.choices
    assert choice.chosen == "normal"
    assert [(a.id, a.finish, a.commitments) for a in choice.alternatives] == [
        ("normal", d("2026-03-16"), 0),
        ("commitment", d("2026-03-16"), 1),
    ]


def test_tie_break_order_is_catalog_data() -> None:
    # The commitment alternative is listed first. Default order (commitments, items,
    # stable): normal wins the tie; with 'stable' alone the first-listed one wins.
    commit = mode("commitment", "commitment", duration=wd(1))
    normal_last = mode_option("b", [commit])
    option = normal_last.model_copy(
        update={"alternatives": tuple(reversed(normal_last.alternatives))}
    )
    dec = decisions(["a", "b"], options=[option])
    default = catalog([item("a", 10), item("b", 3, modes=[commit])])
    stable = catalog([item("a", 10), item("b", 3, modes=[commit])], tie_break=["stable"])
    assert schedule(default, dec, start=d("2026-03-02")).choices[0].chosen == "normal"
    assert schedule(stable, dec, start=d("2026-03-02")).choices[0].chosen == "commitment"


def _trade_off_chain(n: int, *, node_budget: int = 20000) -> tuple[object, object]:
    """A chain of units where each 告知承诺 mode drops a slow prerequisite but is decided
    later: whether it pays depends on the rest, so the search has to branch."""
    items, options = [], []
    previous: list[str] = []
    for k in range(n):
        slow = item(f"p{k}", 4 + (3 * k) % 7, needs=previous)
        commit = mode(
            "commitment",
            "commitment",
            duration=wd(2 + (5 * k) % 6),
            drops=drops(f"p{k}-out"),
        )
        x = item(f"x{k}", 2, needs=[f"p{k}-out", *previous], modes=[commit])
        items += [slow, x]
        options.append(mode_option(f"x{k}", [commit]))
        previous = [f"x{k}-out"]
    cat = catalog(items, node_budget=node_budget)
    dec = decisions([i.id for i in items], options=options)
    return cat, dec


def test_node_budget_gives_best_found_with_a_bound() -> None:
    cat, dec = _trade_off_chain(6, node_budget=3)
    s = schedule(cat, dec, start=d("2026-03-02"))
    assert not s.optimal
    assert s.bound is not None and s.bound <= s.finish
    (warning,) = [p for p in s.warnings if p.code == "schedule-not-optimal"]
    assert warning.args["budget"] == "3"
    full_cat, _ = _trade_off_chain(6)
    full = schedule(full_cat, dec, start=d("2026-03-02"))
    assert full.optimal and full.bound is None
    assert s.bound <= full.finish <= s.finish


def test_search_equals_exhaustive_on_a_trade_off_chain() -> None:
    cat, dec = _trade_off_chain(7)
    start = d("2026-03-02")
    days = DayTable(cat.calendar, start)
    found = Optimizer(cat, dec, days, start.toordinal()).search()
    assert found.optimal
    assert found.best == Optimizer(cat, dec, days, start.toordinal()).exhaustive()


def test_optional_group_membership_is_chosen() -> None:
    # x waits 10 WD for 'late'; joining the group would delay it to the group start.
    cat = catalog([item("late", 10), item("a", 5, needs=["late-out"]), item("x", 3)])
    g = group("g", ["a"], optional=["x"])
    dec = decisions(["late", "a", "x"], groups=[g], options=[join_option("g", "x")])
    s = schedule(cat, dec, start=d("2026-03-02"))
    (choice,) = s.choices
    assert choice.option == "group:g:x"
    finishes = {a.id: a.finish for a in choice.alternatives}
    # join: x accepted with a on 03-16, decided 03-19; a decided 03-23 either way
    assert finishes == {"join": d("2026-03-23"), "separate": d("2026-03-23")}
    assert choice.chosen == "join"  # tie: stable order
    pinned = schedule(cat, dec, start=d("2026-03-02"), pins={"group:g:x": "separate"})
    assert pinned.task("x").start == d("2026-03-02")
    assert schedule(cat, dec, start=d("2026-03-02")).task("x").start == d("2026-03-16")


def test_unknown_pins_are_located_errors_with_suggestions() -> None:
    items, options = _fast_modes(1)
    cat = catalog(items)
    dec = decisions(["i0"], options=options)
    with pytest.raises(InputError) as err:
        schedule(cat, dec, start=d("2026-03-02"), pins={"mode:i1": "fast", "i0": "fsat"})
    got = [(p.code, p.found, p.hint) for p in err.value.problems]
    assert sorted(got) == [
        ("schedule-unknown-alternative", "fsat", "fast"),
        ("schedule-unknown-pin", "mode:i1", "mode:i0"),
    ]


def test_search_equals_exhaustive_on_interacting_commitments() -> None:
    items, options = _fast_modes(8, commitment=True)
    tail = item("tail", 1, needs=[f"i{k}-out" for k in range(8)])
    cat = catalog([*items, tail])
    dec = decisions([*(i.id for i in items), "tail"], options=options)
    start = d("2026-03-02")
    days = DayTable(cat.calendar, start)
    found = Optimizer(cat, dec, days, start.toordinal()).search()
    assert found.optimal
    assert found.best == Optimizer(cat, dec, days, start.toordinal()).exhaustive()


def test_alternatives_option_picks_the_faster_land_document() -> None:
    from pathplanner.decisions import Alternative, Dependency, Edits, Option

    def alt(use: str, drop: str) -> Alternative:
        return Alternative(
            id=use,
            zh=use,
            edits=Edits(
                add_dependencies=(Dependency(before=use, after="permit"),),
                remove_dependencies=(Dependency(before=drop, after="permit"),),
            ),
        )

    option = Option(
        id="alt:land-document",
        subject="permit",
        zh="用地文件",
        alternatives=(alt("contract-out", "opinion-out"), alt("opinion-out", "contract-out")),
        reasons=(),
    )
    cat = catalog(
        [
            item("contract", 20, outputs=["contract-out"]),
            item("opinion", 5, outputs=["opinion-out"]),
            item("permit", 3, needs=[Prerequisite(any_of=["contract-out", "opinion-out"])]),
        ]
    )
    dec = decisions(["contract", "opinion", "permit"], options=[option])
    s = schedule(cat, dec, start=d("2026-03-02"))
    (choice,) = s.choices
    assert choice.chosen == "opinion-out"
    (edge,) = s.task("permit").predecessors
    assert (edge.task, edge.source) == ("opinion", "option:alt:land-document:opinion-out")
    # opinion 03-09, permit 03-12; the contract (03-30) is still planned and sets the finish
    assert s.task("permit").finish == d("2026-03-12")
    assert {a.id: a.finish for a in choice.alternatives} == {
        "contract-out": d("2026-04-02"),
        "opinion-out": d("2026-03-30"),
    }


def test_an_alternative_finish_past_the_budget_is_a_warning() -> None:
    cat, dec = _trade_off_chain(6, node_budget=3)
    s = schedule(cat, dec, start=d("2026-03-02"))
    found = [p for p in s.warnings if p.code == "schedule-alternative-not-optimal"]
    assert found
    listed = {
        (c.option, a.id): a.finish for c in s.choices for a in c.alternatives if a.id != c.chosen
    }
    for p in found:
        finish = listed[(p.args["option"], p.args["alternative"])]
        assert p.args["finish"] == finish.isoformat()
        assert p.args["bound"] <= p.args["finish"]
        assert "node budget of 3" in p.message("en")
    full_cat, _ = _trade_off_chain(6)
    full = schedule(full_cat, dec, start=d("2026-03-02"))
    assert not [p for p in full.warnings if p.code == "schedule-alternative-not-optimal"]


def test_the_exact_path_equals_exhaustive_when_nothing_is_patched(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Options that cannot be patched are timed by building each combination, bounded by
    relaxed graphs; the search still finds the exhaustive optimum, pins included."""
    from pathplanner.schedule.search import setups
    from pathplanner.schedule.search.patch import PatchNet

    monkeypatch.setattr(PatchNet, "build", classmethod(lambda cls, *a, **k: None))
    setups.clear_setup_cache()
    cat, dec = _trade_off_chain(6)
    start = d("2026-03-02")
    days = DayTable(cat.calendar, start)
    found = Optimizer(cat, dec, days, start.toordinal())
    outcome = found.search()
    assert found.patch is None and outcome.optimal
    assert outcome.best == Optimizer(cat, dec, days, start.toordinal()).exhaustive()
    pinned = Optimizer(cat, dec, days, start.toordinal()).search({2: 1})
    assert pinned.best == Optimizer(cat, dec, days, start.toordinal()).exhaustive({2: 1})
