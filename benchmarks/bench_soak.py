"""The same profile planned 100,000 times in one process with one engine: does memory grow?

durable-rules keeps rulesets and per-session state in process-global memory; a planner that
built rulesets per plan, or left a session behind, would grow without bound. This module
plans one example ``PLANS`` times with a single warm planner and reads the resident set
size (``/proc/self/status``) after a warm-up of 200 plans and at the end (both after a full
garbage collection), sampling it ten times on the way. When fewer than ``PLANS`` plans fit
in the time budget it stops there and scales the growth to ``PLANS``; when not even
``MIN_PLANS`` fit it repeats the rule engine's decision alone.

Usage: ``python benchmarks/bench_soak.py --engine durable|reference [--quick]``.
"""

from __future__ import annotations

import gc
import sys
import time
from typing import Any

from _common import REPO, capped, figure, main, rss_mb

PLANS = 100_000
WARMUP = 200
GROWTH_TARGET_MB = 20.0
TIME_BUDGET_S = 120.0
"""The soak stops after this long even if fewer than ``PLANS`` calls were made."""
MIN_PLANS = 10_000
"""Full plans are soaked when at least this many fit in the budget."""
EXAMPLE = "factory-in-assessed-park"


def _engine() -> str:
    args = sys.argv[1:]
    return args[args.index("--engine") + 1] if "--engine" in args else "reference"


def run(quick: bool) -> list[dict[str, Any]]:
    from pathplanner.plan.planner import Planner
    from pathplanner.profile import load_profile
    from pathplanner.rules import decide

    engine = _engine()
    target_calls = 2_000 if quick else PLANS
    budget = 30.0 if quick else TIME_BUDGET_S
    planner = Planner.default()
    path = REPO / "examples" / f"{EXAMPLE}.yaml"
    if not path.exists():
        path = sorted((REPO / "examples").glob("*.yaml"))[0]
    document = load_profile(path, planner.catalog)
    as_of = document.as_of or document.start

    def full() -> object:
        return planner.plan(document, engine=engine)

    def rules_only() -> object:
        return decide(planner.catalog, document.profile, as_of=as_of, engine=engine)

    # full plans when at least MIN_PLANS of them fit in the budget (the growth is then
    # scaled to PLANS if fewer than PLANS fit), else the rule engine alone
    done = capped(full, 10.0)
    if done is not None:  # the first plan builds what later ones reuse: time a few more
        warm = [capped(full, 10.0) for _ in range(5)]
        done = min((w for w in warm if w is not None), key=lambda w: w[1], default=None)
    per_plan = done[1] if done is not None else 10.0
    enough = min(target_calls, MIN_PLANS)
    call, what = (full, "plans") if per_plan * enough <= budget else (rules_only, "decisions")
    t0 = time.perf_counter()
    for _ in range(WARMUP):
        call()
    per_call = (time.perf_counter() - t0) / WARMUP
    gc.collect()
    start_mb = rss_mb()
    samples = [start_mb]
    step = max(int(min(target_calls, budget / max(per_call, 1e-6))) // 10, 1)
    t0 = time.perf_counter()
    calls = 0
    while calls < target_calls and time.perf_counter() - t0 < budget:
        call()
        calls += 1
        if calls % step == 0:
            gc.collect()
            samples.append(rss_mb())
    seconds = time.perf_counter() - t0
    gc.collect()
    end_mb = rss_mb()
    growth = end_mb - start_mb
    per_100k = growth * PLANS / max(calls, 1)
    complete = calls >= target_calls
    why = (
        ""
        if what == "plans"
        else f"a full plan took {'over ' if done is None else ''}{per_plan * 1000:.1f} ms, so "
        f"{enough:,} would not fit in the "
        f"{budget:.0f} s budget; this soak repeats the rule engine's decide() instead. "
    )
    extra = {
        "engine": engine,
        "calls": calls,
        "kind": what,
        "complete": complete,
        "example": path.stem,
        "rss_start_mb": round(start_mb, 1),
        "rss_end_mb": round(end_mb, 1),
        "rss_samples_mb": [round(x, 1) for x in samples],
        "ms_per_call": round(seconds * 1000 / max(calls, 1), 3),
        "growth_per_100k_mb": round(per_100k, 2),
        "note": why + f"{calls:,} {what} of {path.stem} in {seconds:.0f} s "
        f"({seconds * 1000 / max(calls, 1):.2f} ms each); RSS every {step:,}: "
        + ", ".join(f"{x:.1f}" for x in samples)
        + " MiB"
        + ("" if complete else f"; growth scaled to {PLANS:,} calls: {per_100k:.1f} MiB"),
    }
    label = f"{engine}: memory growth over {calls:,} {what}"
    return [
        figure(
            f"soak.{engine}.rss_start",
            f"{engine}: resident memory after {WARMUP} warm-up {what}",
            unit="MiB",
            value=start_mb,
        ),
        figure(
            f"soak.{engine}.rss_end",
            f"{engine}: resident memory after {calls:,} more {what}",
            unit="MiB",
            value=end_mb,
        ),
        figure(
            f"soak.{engine}.growth",
            label if complete else label + f" (scaled to {PLANS:,})",
            unit="MiB",
            value=growth if complete else per_100k,
            target=GROWTH_TARGET_MB,
            op="<",
            extra=extra,
        ),
        {
            **figure(
                f"soak.{engine}.calls",
                f"{engine}: {what} made in the soak",
                unit="calls",
                value=calls,
                target=PLANS,
                op=">=",
            ),
            **(
                {}
                if complete
                else {
                    "reason": f"{calls:,} calls fit in the soak's {budget:.0f} s share of the "
                    f"10-minute run ({seconds * 1000 / max(calls, 1):.1f} ms each on this "
                    "machine); the growth above is scaled to 100,000. "
                    + ("" if what == "plans" else "Full plans were too slow for it: " + why)
                }
            ),
        },
    ]


if __name__ == "__main__":
    main(run)
