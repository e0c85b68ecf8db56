"""The patch net: timing a combination by patching one net equals building its graph.

The optimizer only patches when the options are separable (``schedule/search/patch.py``); these
tests check, on generated catalogs, the optimizer's benchmark instances and the default
catalog's examples, that for every combination the patched finish and item count equal
those of the built graph, and that the patched lower bound of every partial combination
never exceeds the finish of any of its completions.
"""

from __future__ import annotations

import datetime as dt
import itertools
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from test_properties import Case, cases

from pathplanner.catalog import Catalog
from pathplanner.decisions import Decisions
from pathplanner.errors import InputError
from pathplanner.schedule._days import DayTable
from pathplanner.schedule.search.optimize import Optimizer

REPO = Path(__file__).resolve().parents[2]
MAX_COMBOS = 64


def _check(catalog: Catalog, decisions: Decisions, start: dt.date) -> bool:
    """Compare patched and built timing on every combination; False when the optimizer
    does not patch these options."""
    days = DayTable(catalog.calendar, start)
    opt = Optimizer(catalog, decisions, days, start.toordinal())
    if opt._patch_ready() is None:
        return False
    sizes = [len(o.alternatives) for o in opt.options]
    combos = list(itertools.product(*(range(s) for s in sizes)))[:MAX_COMBOS]
    exact = {c: opt.evaluate_exact(c) for c in combos}
    for combo in combos:
        assert opt.evaluate(combo) == exact[combo], combo
    for combo in combos:
        for cut in range(len(combo)):
            prefix = combo[:cut]
            completions = [e.finish for c, e in exact.items() if c[:cut] == prefix]
            assert opt.lower_bound(prefix) <= min(completions), prefix
    return True


def _benchmark_instance(k: int, *, interacting: bool, seed: int) -> tuple[Any, dt.date]:
    """One of the optimizer benchmark's generated instances, and its start date."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from optimizer_instances import START, generate
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    return generate(k, interacting=interacting, seed=seed), START


@given(cases(max_options=5, max_items=9, dense=True))
@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
def test_patched_timing_equals_built_graphs(case: Case) -> None:
    try:
        patched = _check(case.catalog, case.decisions, case.start)
    except InputError:
        assume(False)
        return
    event(f"patched: {patched}")


@pytest.mark.parametrize("example", sorted(p.stem for p in (REPO / "examples").glob("*.yaml")))
def test_patched_timing_on_the_default_catalog(example: str) -> None:
    from pathplanner.catalog.loader import load_catalog
    from pathplanner.profile import load_profile
    from pathplanner.rules import decide

    catalog = load_catalog()
    document = load_profile(REPO / "examples" / f"{example}.yaml", catalog)
    start = document.start or document.as_of or dt.date(2026, 3, 2)
    decisions = decide(catalog, document.profile, as_of=document.as_of or start)
    if decisions.options:
        assert _check(catalog, decisions, start), "the default catalog's options patch"


@pytest.mark.parametrize("interacting", [False, True])
@pytest.mark.parametrize(("k", "seed"), [(3, 1), (4, 0), (5, 2), (6, 1), (7, 0), (9, 1)])
def test_patched_timing_on_the_benchmark_instances(k: int, seed: int, interacting: bool) -> None:
    """Mode, alternative and optional-membership options, on their own or sharing one
    parallel group and waiting for each other."""
    inst, start = _benchmark_instance(k, interacting=interacting, seed=seed)
    assert _check(inst.catalog, inst.decisions, start)


@pytest.mark.parametrize("seed", range(6))
def test_patched_bound_never_exceeds_a_completion_of_any_partial_choice(seed: int) -> None:
    """Options decided in any order and any subset (as the search's branch order does):
    the bound, with its per-alternative refinement of shared gate and group nodes, stays
    at or below the best completion built in full."""
    import random

    inst, start = _benchmark_instance(8, interacting=True, seed=seed)
    days = DayTable(inst.catalog.calendar, start)
    opt = Optimizer(inst.catalog, inst.decisions, days, start.toordinal())
    assert opt._patch_ready() is not None
    sizes = [len(o.alternatives) for o in opt.options]
    exact = {c: opt.evaluate_exact(c).finish for c in itertools.product(*(range(s) for s in sizes))}
    rng = random.Random(seed)
    for _ in range(60):
        subset = rng.sample(range(len(sizes)), rng.randint(0, len(sizes) - 1))
        chosen = {k: rng.randrange(sizes[k]) for k in subset}
        best = min(f for c, f in exact.items() if all(c[k] == a for k, a in chosen.items()))
        assert opt.patched_bound(chosen) <= best, chosen


@given(
    st.integers(1, 20),
    st.integers(1, 20),
    st.integers(1, 20),
    st.integers(0, 12),
    st.booleans(),
)
@settings(max_examples=40, deadline=None, derandomize=True)
def test_a_merged_mode_over_an_item_with_its_own_options(
    a_days: int, b_days: int, merged_days: int, fast_days: int, b_fast_first: bool
) -> None:
    """A merged mode of ``a`` replaces ``b``, whose own mode is another option, and ``c``
    waits for ``b``'s output (issued by ``a`` once merged): the options form one unit,
    built in full, and the patched timing and the search still equal building every
    combination."""
    from _sched_build import catalog, d, decisions, item, mode, mode_option, wd

    merged = mode("merged", "merged", duration=wd(merged_days), replaces=["b"])
    b_fast = mode("fast", "fast_track", duration=wd(fast_days))
    b_commit = mode("commitment", "commitment", duration=wd(fast_days + 1))
    b_modes = [b_fast, b_commit] if b_fast_first else [b_commit, b_fast]
    items = [
        item("a", a_days, modes=[merged]),
        item("b", b_days, modes=b_modes),
        item("c", 3, needs=["b-out"]),
        item("e", 4, needs=["a-out"], modes=[mode("fast", "fast_track", duration=wd(1))]),
    ]
    cat = catalog(items)
    dec = decisions(
        ["a", "b", "c", "e"],
        options=[
            mode_option("a", [merged]),
            mode_option("b", b_modes),
            mode_option("e", [items[3].modes[0]]),
        ],
    )
    start = d("2026-03-02")
    assert _check(cat, dec, start)
    days = DayTable(cat.calendar, start)
    found = Optimizer(cat, dec, days, start.toordinal()).search()
    assert found.optimal
    assert found.best == Optimizer(cat, dec, days, start.toordinal()).exhaustive()
