"""The planner's optimizer against OR-Tools CP-SAT on the same generated instances.

For every k from 1 to 20 (and 25), with independent and with interacting options
(``optimizer_instances.generate``), both solve the same instance: the planner through
``pathplanner.schedule.schedule`` (graph, timing passes, branch-and-bound and the finish of
every alternative, i.e. everything a plan needs), CP-SAT through ``cpsat_model.solve``
(model building plus solving, one worker). Reported: whether the optimum (finish, then
commitments) is equal on every instance, and per k the median time of each and their ratio
(planner / CP-SAT; below 1 means the planner is faster).
"""

from __future__ import annotations

import statistics
import time
from typing import Any

from _common import figure, main
from optimizer_instances import START, Instance, generate

KS = [*range(1, 21), 25]
SEEDS = (0, 1, 2)
REPEAT = 3


def _planner(inst: Instance) -> tuple[Any, float]:
    from pathplanner.schedule import schedule

    t0 = time.perf_counter()
    result = schedule(inst.catalog, inst.decisions, start=START)
    return result, time.perf_counter() - t0


def _commitments(result: Any) -> int:
    total = 0
    for choice in result.choices:
        for alt in choice.alternatives:
            if alt.id == choice.chosen:
                total += alt.commitments
    return total


def _cpsat(inst: Instance) -> tuple[Any, float]:
    from cpsat_model import solve

    t0 = time.perf_counter()
    result = solve(inst.catalog, inst.decisions, START, workers=1)
    return result, time.perf_counter() - t0


def _median_time(fn: Any, inst: Instance, repeat: int) -> tuple[Any, list[float]]:
    times = []
    result = None
    for _ in range(repeat):
        result, seconds = fn(inst)
        times.append(seconds * 1000)
    return result, times


def run(quick: bool) -> list[dict[str, Any]]:
    ks = [1, 5, 10, 15, 20] if quick else KS
    seeds = SEEDS[:1] if quick else SEEDS
    repeat = 1 if quick else REPEAT
    figures: list[dict[str, Any]] = []
    mismatches: list[str] = []
    not_optimal: list[str] = []
    total = 0
    for interacting in (False, True):
        shape = "interacting" if interacting else "independent"
        for k in ks:
            planner_ms: list[float] = []
            cpsat_ms: list[float] = []
            for seed in seeds:
                inst = generate(k, interacting=interacting, seed=seed)
                total += 1
                ours, t_ours = _median_time(_planner, inst, repeat)
                theirs, t_theirs = _median_time(_cpsat, inst, repeat)
                planner_ms.append(statistics.median(t_ours))
                cpsat_ms.append(statistics.median(t_theirs))
                if not ours.optimal:
                    not_optimal.append(inst.name)
                if (ours.finish, _commitments(ours)) != (theirs.finish, theirs.commitments):
                    mismatches.append(
                        f"{inst.name}: planner {ours.finish} / {_commitments(ours)} commitments,"
                        f" CP-SAT {theirs.finish} / {theirs.commitments}"
                    )
            ratio = statistics.median(planner_ms) / statistics.median(cpsat_ms)
            figures.append(
                figure(
                    f"optimizer.ratio.{shape}.k{k:02d}",
                    f"k={k} {shape}: planner {statistics.median(planner_ms):.1f} ms"
                    f" / CP-SAT {statistics.median(cpsat_ms):.1f} ms",
                    unit="x",
                    value=ratio,
                    target=1.0 if k >= 15 else None,
                    op="<",
                    extra={
                        "planner_ms": planner_ms,
                        "cpsat_ms": cpsat_ms,
                        "planner_median_ms": statistics.median(planner_ms),
                        "cpsat_median_ms": statistics.median(cpsat_ms),
                    },
                )
            )
    figures.insert(
        0,
        figure(
            "optimizer.equal_optimum",
            f"Instances where the planner's optimum equals CP-SAT's (of {total})",
            unit="instances",
            value=total - len(mismatches),
            target=total,
            op="==",
            extra={"mismatches": mismatches, "planner_not_proven_optimal": not_optimal},
        ),
    )
    return figures


if __name__ == "__main__":
    main(run)
