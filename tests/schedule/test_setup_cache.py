"""The optimizer keeps its graph builds per catalog and decisions, within bounds."""

from __future__ import annotations

import gc
from typing import Any

import pytest
from _sched_build import catalog, cd, d, decisions, item, material, mode, mode_option, wd

from pathplanner.catalog.model import Prerequisite
from pathplanner.schedule import schedule
from pathplanner.schedule.build import BuildMemo, build_graph
from pathplanner.schedule.search import optimize, setups


def _instance(limit: int = 5) -> tuple[Any, Any]:
    fast = mode("fast", "fast_track", duration=wd(1))
    cat = catalog([item("a", limit, modes=[fast]), item("b", 3, needs=["a-out"])])
    return cat, decisions(["a", "b"], options=[mode_option("a", [fast])])


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = optimize.build_graph

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(optimize, "build_graph", counting)
    setups.clear_setup_cache()
    return calls


def test_planning_the_same_decisions_again_builds_nothing(builds: list[int]) -> None:
    cat, dec = _instance()
    first = schedule(cat, dec, start=d("2026-03-02"))
    assert builds  # the base and the deviation
    builds.clear()
    again = schedule(cat, dec, start=d("2026-06-01"))
    assert builds == []
    assert [c.chosen for c in again.choices] == [c.chosen for c in first.choices]
    assert again == schedule(cat, dec, start=d("2026-06-01"))


def test_other_decisions_or_limits_build_their_own(builds: list[int]) -> None:
    cat, dec = _instance()
    schedule(cat, dec, start=d("2026-03-02"))
    builds.clear()
    schedule(cat, dec, start=d("2026-03-02"), statutory=True)
    assert builds
    builds.clear()
    other = dec.model_copy(update={"applicable": dec.applicable[:1]})
    schedule(cat, other, start=d("2026-03-02"))
    assert builds
    setups.clear_setup_cache()
    builds.clear()
    schedule(cat, dec, start=d("2026-03-02"))
    assert builds


def test_kept_setups_are_bounded_in_number_and_size(monkeypatch: pytest.MonkeyPatch) -> None:
    cache = setups.SetupCache()
    monkeypatch.setattr(cache, "SIZE", 2)
    monkeypatch.setattr(cache, "NODES", 5)
    cat, _ = _instance()
    graph = build_graph(cat, _instance()[1])
    setup = setups.Setup(None, {(): graph}, BuildMemo())
    assert setup.nodes == len(graph.tasks) < 5
    for key in (b"1", b"2", b"3"):
        cache.put(cat, (key, False), setup)
    assert cache.get(cat, (b"1", False)) is None
    assert cache.get(cat, (b"3", False)) is setup
    big = setups.Setup(None, {(): graph, ((0, 1),): graph, ((0, 2),): graph}, setup.memo)
    assert big.nodes > 5
    cache.put(cat, (b"big", False), big)
    assert cache.get(cat, (b"big", False)) is None


def test_builds_share_one_record_per_edge() -> None:
    """Every edge record comes from one recorder: a lag-free edge is the same object in
    every plan of the catalog; one with a lag is shared by the builds of one memo when it
    interns, and equal (not shared) otherwise."""
    lagged = Prerequisite(any_of=["a-out"], lag=cd(3))
    cat = catalog([item("a", 5), item("b", 3, needs=["a-out"]), item("c", 2, needs=[lagged])])
    dec = decisions(["a", "b", "c"])

    def edge_into(graph: Any, after: str) -> Any:
        [edge] = [e for _b, a, e in graph.edges if a == after]
        return edge

    first, second = build_graph(cat, dec), build_graph(cat, dec)
    assert edge_into(first, "b") is edge_into(second, "b")
    assert edge_into(first, "c") == edge_into(second, "c")
    assert edge_into(first, "c") is not edge_into(second, "c")
    memo = BuildMemo(intern_edges=True)
    assert edge_into(build_graph(cat, dec, memo=memo), "c") is edge_into(
        build_graph(cat, dec, memo=memo), "c"
    )


def test_a_build_leaves_no_reference_cycle() -> None:
    """A build's parts are freed as soon as the graph is dropped (no work left for the
    cycle collector, which a portal planning on every form change would pay for)."""
    fast = mode("fast", "fast_track", duration=wd(1))
    cat = catalog(
        [item("a", 5, modes=[fast]), item("b", 3, needs=["a-out"], materials=["m"])],
        materials=[material("m", 4)],
    )
    dec = decisions(["a", "b"], options=[mode_option("a", [fast])])
    build_graph(cat, dec)  # the catalog's tables are made on first use
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        for _ in range(3):
            build_graph(cat, dec, {"mode:a": "fast"}, memo=BuildMemo(intern_edges=True))
        assert gc.collect() == 0
    finally:
        if was:
            gc.enable()
