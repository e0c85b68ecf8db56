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

import signal
import statistics
import time
from typing import Any

from _common import figure, main
from optimizer_instances import START, Instance, generate

KS = [*range(1, 21), 25]
SEEDS = (0, 1, 2)
REPEAT = 3
CAP_SECONDS = 1.5
"""Longest a single planner run may take before it counts as timed out."""


def _planner(inst: Instance) -> tuple[Any, float]:
    from pathplanner.schedule import schedule

    t0 = time.perf_counter()
    result = schedule(inst.catalog, inst.decisions, start=START)
    return result, time.perf_counter() - t0


def _commitments(result: Any, inst: Instance) -> int:
    """Commitments of the combination the planner chose (from the decisions' options)."""
    chosen = {choice.option: choice.chosen for choice in result.choices}
    return sum(
        alt.commitments
        for option in inst.decisions.options
        for alt in option.alternatives
        if alt.id == chosen.get(option.id, option.alternatives[0].id)
    )


class _TimeUp(Exception):
    pass


def _alarm(_signum: int, _frame: object) -> None:
    raise _TimeUp


def _capped(fn: Any, inst: Instance, cap: float) -> tuple[Any, float] | None:
    """``fn(inst)``, or None when it runs longer than ``cap`` seconds."""
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, cap)
    try:
        return fn(inst)
    except _TimeUp:
        return None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _cpsat(inst: Instance) -> tuple[Any, float]:
    from cpsat_model import solve

    t0 = time.perf_counter()
    result = solve(inst.catalog, inst.decisions, START, workers=1)
    return result, time.perf_counter() - t0


def run(quick: bool) -> list[dict[str, Any]]:
    ks = [1, 5, 10, 15, 20] if quick else KS
    seeds = SEEDS[:1] if quick else SEEDS
    repeat = 1 if quick else REPEAT
    cap = 2.0 if quick else CAP_SECONDS
    figures: list[dict[str, Any]] = []
    mismatches: list[str] = []
    not_optimal: list[str] = []
    timed_out: list[str] = []
    compared = 0
    total = 0
    for interacting in (False, True):
        shape = "interacting" if interacting else "independent"
        slow = False  # after the planner's first time-out, one seed per k
        for k in ks:
            planner_ms: list[float] = []
            cpsat_ms: list[float] = []
            over = 0
            for seed in seeds[:1] if slow else seeds:
                inst = generate(k, interacting=interacting, seed=seed)
                total += 1
                theirs, t_theirs = _cpsat(inst)
                cpsat_ms.append(t_theirs * 1000)
                first = _capped(_planner, inst, cap)
                if first is None:
                    timed_out.append(inst.name)
                    planner_ms.append(cap * 1000)
                    over += 1
                    slow = True
                    continue
                ours, t_ours = first
                runs = [t_ours * 1000]
                if t_ours * repeat < cap:
                    # a fresh instance each time: the planner keeps its graph builds per
                    # catalog object, and CP-SAT builds its model on every solve
                    runs += [
                        _planner(generate(k, interacting=interacting, seed=seed))[1] * 1000
                        for _ in range(repeat - 1)
                    ]
                    cpsat_ms[-1] = statistics.median(
                        [cpsat_ms[-1], *(_cpsat(inst)[1] * 1000 for _ in range(repeat - 1))]
                    )
                planner_ms.append(statistics.median(runs))
                compared += 1
                if not ours.optimal:
                    not_optimal.append(inst.name)
                got = (ours.finish, _commitments(ours, inst))
                if got != (theirs.finish, theirs.commitments):
                    mismatches.append(
                        f"{inst.name}: planner {got[0]} with {got[1]} commitments,"
                        f" CP-SAT {theirs.finish} with {theirs.commitments}"
                    )
            p_med = statistics.median(planner_ms)
            c_med = statistics.median(cpsat_ms)
            bound = "> " if over * 2 > len(planner_ms) else ""
            figures.append(
                figure(
                    f"optimizer.ratio.{shape}.k{k:02d}",
                    f"k={k} {shape}: planner {bound}{p_med:.1f} ms / CP-SAT {c_med:.1f} ms",
                    unit="x",
                    value=p_med / c_med,
                    target=1.0 if k >= 15 else None,
                    op="<",
                    extra={
                        "planner_ms": planner_ms,
                        "cpsat_ms": cpsat_ms,
                        "planner_timed_out": over,
                        "lower_bound": bool(bound),
                    },
                )
            )
    notes = []
    if timed_out:
        notes.append(
            f"the planner did not finish within {cap:.1f} s on {len(timed_out)} instance(s)"
            f" ({', '.join(timed_out)}); those are not compared and their time is a lower bound"
        )
    if not_optimal:
        notes.append(f"the planner reported optimal: false on {', '.join(not_optimal)}")
    if mismatches:
        notes.append("different optimum: " + "; ".join(mismatches))
    equal = figure(
        "optimizer.equal_optimum",
        f"Instances where the planner's optimum equals CP-SAT's (of {total})",
        unit="instances",
        value=compared - len(mismatches),
        target=total,
        op="==",
        extra={
            "mismatches": mismatches,
            "planner_not_proven_optimal": not_optimal,
            "planner_timed_out": timed_out,
            "note": "; ".join(notes) if notes else None,
        },
    )
    if mismatches:
        equal["reason"] = f"{len(mismatches)} instance(s) with a different optimum (see the note)"
    elif timed_out:
        equal["reason"] = (
            f"no instance gave a different optimum; on {len(timed_out)} instance(s) the planner"
            f" did not finish within {cap:.1f} s, so equality could not be checked there"
        )
    figures.insert(0, equal)
    return figures


if __name__ == "__main__":
    main(run)
