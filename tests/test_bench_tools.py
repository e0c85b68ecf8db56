"""The benchmark tooling itself: seeded instances, the CP-SAT yardstick, the report table.

The benchmarks are a script (``make bench``), not timed tests; these tests only keep the
pieces honest: the instance generator is deterministic, the independent CP-SAT model and
the planner's optimizer agree on small instances (when OR-Tools, the ``bench`` extra, is
installed), and the report renders every figure next to its target with a verdict.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCH))


def test_instances_are_deterministic() -> None:
    from optimizer_instances import generate

    one = generate(6, interacting=True, seed=3)
    two = generate(6, interacting=True, seed=3)
    assert one.decisions.to_json() == two.decisions.to_json()
    assert list(one.catalog.items) == list(two.catalog.items)
    assert len(one.decisions.options) == 6
    kinds = sorted({o.id.split(":")[0] for o in one.decisions.options})
    assert kinds == ["alt", "group", "mode"]


@pytest.mark.parametrize("interacting", [False, True])
@pytest.mark.parametrize("k", [1, 2, 3, 4])
def test_cpsat_and_planner_find_the_same_optimum(k: int, interacting: bool) -> None:
    """Rule: the optimizer's earliest finish, then fewest commitments, equals CP-SAT's."""
    from bench_optimizer import _commitments
    from cpsat_model import solve
    from optimizer_instances import START, generate

    from pathplanner.schedule import schedule

    inst = generate(k, interacting=interacting, seed=k)
    ours = schedule(inst.catalog, inst.decisions, start=START)
    theirs = solve(inst.catalog, inst.decisions, START)
    assert ours.optimal and theirs.optimal
    assert (ours.finish, _commitments(ours, inst)) == (theirs.finish, theirs.commitments)


@pytest.mark.parametrize("interacting", [False, True])
@pytest.mark.parametrize("seed", range(6))
def test_cpsat_and_planner_agree_on_any_of_and_late_tolerance(seed: int, interacting: bool) -> None:
    """Rule (#14 §5): an any_of prerequisite waits for its earliest input, and a 容缺 mode
    that misses its material's deadline is never the optimum, in both models."""
    from bench_optimizer import _commitments
    from cpsat_model import solve
    from optimizer_instances import START, generate

    from pathplanner.schedule import schedule

    kinds = ("any", "tolerance", "mode", "tolerance")
    inst = generate(5, interacting=interacting, seed=seed, kinds=kinds)
    ours = schedule(inst.catalog, inst.decisions, start=START)
    theirs = solve(inst.catalog, inst.decisions, START)
    assert ours.optimal and theirs.optimal
    assert (ours.finish, _commitments(ours, inst)) == (theirs.finish, theirs.commitments)
    chosen = {c.option: c.chosen for c in ours.choices}
    for choice in ours.choices:
        late = {a.id for a in choice.alternatives if a.misses_deadline}
        assert chosen[choice.option] not in late
        assert theirs.assignment[choice.option] not in late


def test_report_shows_each_figure_with_its_target_and_verdict() -> None:
    from _common import figure
    from run import render_markdown

    report = {
        "date": "2026-11-26 15:00",
        "quick": False,
        "seconds": 12.0,
        "machine": {
            "cpu": "Test CPU",
            "cores": 2,
            "memory_gib": 4.0,
            "os": "Linux",
            "python": "3.11.7",
            "implementation": "CPython",
            "packages": {"pathplanner": "0.1.0"},
            "commit": "abc1234",
            "load_average": [0.1, 0.2, 0.3],
        },
        "sections": [
            {
                "module": "bench_default",
                "seconds": 1.0,
                "figures": [
                    figure("a", "Fast thing", unit="ms", samples=[1.0, 2.0, 3.0], target=5.0),
                    {
                        **figure("b", "Slow thing", unit="ms", value=9.0, target=5.0),
                        "reason": "it waits for the disk",
                    },
                    figure("c", "Reported only", unit="MiB", value=3.5),
                ],
            }
        ],
    }
    text = render_markdown(report)
    assert (
        "| Fast thing | 2.00 ms | IQR 1.00–3.00, min 1.00, max 3.00, n=3 | <= 5.00 ms | met |"
        in text
    )
    assert "| Slow thing | 9.00 ms | | <= 5.00 ms | **not met** [1] |" in text
    assert "| Reported only | 3.50 MiB | | – | (reported) |" in text
    assert "1. it waits for the disk" in text
    assert "1 targets met, 1 not met." in text
