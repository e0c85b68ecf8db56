"""The optimizer keeps its graph builds per catalog and decisions, within bounds."""

from __future__ import annotations

from typing import Any

import pytest
from _sched_build import catalog, d, decisions, item, mode, mode_option, wd

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
