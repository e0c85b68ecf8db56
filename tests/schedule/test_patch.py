"""The patch net: timing a combination by patching one net equals building its graph.

The optimizer only patches when the options are separable (``schedule/patch.py``); these
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

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from test_properties import Case, cases

from pathplanner.catalog import Catalog
from pathplanner.decisions import Decisions
from pathplanner.errors import InputError
from pathplanner.schedule._days import DayTable
from pathplanner.schedule.optimize import Optimizer

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
    from pathplanner.loader import load_catalog
    from pathplanner.profile import load_profile
    from pathplanner.rules import decide

    catalog = load_catalog()
    document = load_profile(REPO / "examples" / f"{example}.yaml", catalog)
    start = document.start or document.as_of or dt.date(2026, 3, 2)
    decisions = decide(catalog, document.profile, as_of=document.as_of or start)
    if decisions.options:
        assert _check(catalog, decisions, start), "the default catalog's options patch"


@pytest.mark.parametrize("interacting", [False, True])
@pytest.mark.parametrize("k", [3, 6, 9])
def test_patched_timing_on_the_benchmark_instances(k: int, interacting: bool) -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from optimizer_instances import START, generate
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    inst = generate(k, interacting=interacting, seed=1)
    assert _check(inst.catalog, inst.decisions, START)


@pytest.mark.parametrize("seed", range(6))
def test_patched_bound_never_exceeds_a_completion_of_any_partial_choice(seed: int) -> None:
    """Options decided in any order and any subset (as the search's branch order does):
    the bound, with its per-alternative refinement of shared gate and group nodes, stays
    at or below the best completion built in full."""
    import random

    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from optimizer_instances import START, generate
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    inst = generate(8, interacting=True, seed=seed)
    days = DayTable(inst.catalog.calendar, START)
    opt = Optimizer(inst.catalog, inst.decisions, days, START.toordinal())
    assert opt._patch_ready() is not None
    sizes = [len(o.alternatives) for o in opt.options]
    exact = {c: opt.evaluate_exact(c).finish for c in itertools.product(*(range(s) for s in sizes))}
    rng = random.Random(seed)
    for _ in range(60):
        subset = rng.sample(range(len(sizes)), rng.randint(0, len(sizes) - 1))
        chosen = {k: rng.randrange(sizes[k]) for k in subset}
        best = min(f for c, f in exact.items() if all(c[k] == a for k, a in chosen.items()))
        assert opt.patched_bound(chosen) <= best, chosen
