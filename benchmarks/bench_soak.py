"""The same profile planned 100,000 times in one process with one engine: does memory grow?

durable-rules keeps rulesets and per-session state in process-global memory; a planner that
built rulesets per plan, or left a session behind, would grow without bound. This module
plans one example ``PLANS`` times with a single warm planner and reads the resident set
size (``/proc/self/status``) after a warm-up of 200 plans and at the end (both after a full
garbage collection), sampling it ten times on the way.

Usage: ``python benchmarks/bench_soak.py --engine durable|reference [--quick]``.
"""

from __future__ import annotations

import gc
import sys
import time
from typing import Any

from _common import REPO, figure, main, rss_mb

PLANS = 100_000
WARMUP = 200
GROWTH_TARGET_MB = 20.0
EXAMPLE = "factory-in-assessed-park"


def _engine() -> str:
    args = sys.argv[1:]
    return args[args.index("--engine") + 1] if "--engine" in args else "reference"


def run(quick: bool) -> list[dict[str, Any]]:
    from pathplanner.planner import Planner
    from pathplanner.profile import load_profile

    engine = _engine()
    plans = 2_000 if quick else PLANS
    planner = Planner.default()
    path = REPO / "examples" / f"{EXAMPLE}.yaml"
    if not path.exists():
        path = sorted((REPO / "examples").glob("*.yaml"))[0]
    document = load_profile(path, planner.catalog)
    for _ in range(WARMUP):
        planner.plan(document, engine=engine)
    gc.collect()
    start_mb = rss_mb()
    samples = [start_mb]
    step = plans // 10
    t0 = time.perf_counter()
    for n in range(1, plans + 1):
        planner.plan(document, engine=engine)
        if n % step == 0:
            gc.collect()
            samples.append(rss_mb())
    seconds = time.perf_counter() - t0
    gc.collect()
    end_mb = rss_mb()
    growth = end_mb - start_mb
    extra = {
        "engine": engine,
        "plans": plans,
        "example": path.stem,
        "rss_start_mb": round(start_mb, 1),
        "rss_end_mb": round(end_mb, 1),
        "rss_samples_mb": [round(s, 1) for s in samples],
        "ms_per_plan": round(seconds * 1000 / plans, 3),
        "note": (
            f"{plans:,} plans of {path.stem} in {seconds:.0f} s "
            f"({seconds * 1000 / plans:.2f} ms each); RSS every {step:,} plans: "
            + ", ".join(f"{s:.1f}" for s in samples)
            + " MiB"
        ),
    }
    return [
        figure(
            f"soak.{engine}.rss_start",
            f"{engine}: resident memory after {WARMUP} warm-up plans",
            unit="MiB",
            value=start_mb,
        ),
        figure(
            f"soak.{engine}.rss_end",
            f"{engine}: resident memory after {plans:,} more plans",
            unit="MiB",
            value=end_mb,
        ),
        figure(
            f"soak.{engine}.growth",
            f"{engine}: memory growth over {plans:,} plans",
            unit="MiB",
            value=growth,
            target=GROWTH_TARGET_MB,
            op="<",
            extra=extra,
        ),
    ]


if __name__ == "__main__":
    main(run)
