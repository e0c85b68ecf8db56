"""The default catalog: load and compile time, and warm plan time per example and engine.

- *Load and compile*: ``Planner.default()`` (read and check every YAML file, parse and
  type-check the rules, load the calendars) repeated in one process after a first call, so
  imports are not counted; the first call in a fresh interpreter (imports included) is
  reported next to it.
- *First plan per engine*: the first ``plan`` call with each engine on a fresh planner,
  which includes compiling the rules for that engine (durable-rules rulesets are built on
  first use).
- *Warm plan*: ``planner.plan(document, engine=...)`` for each ``examples/*.yaml`` with a
  planner reused across calls: the path a portal takes on every form change.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from _common import REPO, figure, main, time_ms

LOAD_TARGET_MS = 300.0
PLAN_TARGET_MS = 5.0
ENGINES = ("reference", "durable")


def _examples() -> list[Path]:
    return sorted((REPO / "examples").glob("*.yaml"))


def _cold_load_ms() -> list[float]:
    code = (
        "import time; t=time.perf_counter();"
        "from pathplanner.planner import Planner; Planner.default();"
        "print((time.perf_counter()-t)*1000)"
    )
    samples = []
    for _ in range(3):
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
        )
        samples.append(float(out.stdout.strip().splitlines()[-1]))
    return samples


def _repeats(first_ms: float, quick: bool) -> int:
    budget_ms = 1500.0 if quick else 6000.0
    return max(5, min(300, int(budget_ms / max(first_ms, 0.05))))


def run(quick: bool) -> list[dict[str, Any]]:
    from pathplanner.planner import Planner
    from pathplanner.profile import load_profile

    figures: list[dict[str, Any]] = []
    load = time_ms(Planner.default, 5 if quick else 15)
    figures.append(
        figure(
            "default.load",
            "Load and compile the default catalog (imports done)",
            unit="ms",
            samples=load,
            target=LOAD_TARGET_MS,
        )
    )
    figures.append(
        figure(
            "default.load_cold",
            "Load in a fresh interpreter, imports included",
            unit="ms",
            samples=_cold_load_ms(),
        )
    )
    planner = Planner.default()
    examples = _examples()
    documents = {path.stem: load_profile(path, planner.catalog) for path in examples}
    for engine in ENGINES:
        if not documents:
            break
        fresh = Planner.default()
        first = next(iter(documents.values()))
        t0 = time.perf_counter()
        try:
            fresh.plan(first, engine=engine)
        except Exception as exc:  # an engine that cannot run here is reported, not fatal
            figures.append(
                figure(
                    f"default.plan.{engine}",
                    f"Plan with the {engine} engine",
                    unit="ms",
                    error=f"{type(exc).__name__}: {exc}",
                    target=PLAN_TARGET_MS,
                )
            )
            continue
        figures.append(
            figure(
                f"default.first_plan.{engine}",
                f"First plan with the {engine} engine (compiles its rules)",
                unit="ms",
                value=(time.perf_counter() - t0) * 1000,
            )
        )
        for name, document in documents.items():

            def once(document: Any = document, engine: str = engine) -> object:
                return planner.plan(document, engine=engine)

            t0 = time.perf_counter()
            once()
            first_ms = (time.perf_counter() - t0) * 1000
            samples = time_ms(once, _repeats(first_ms, quick), warmup=2)
            figures.append(
                figure(
                    f"default.plan.{engine}.{name}",
                    f"Warm plan, {engine} engine: {name}",
                    unit="ms",
                    samples=samples,
                    target=PLAN_TARGET_MS,
                )
            )
    if not documents:
        figures.append(
            figure(
                "default.plan",
                "Warm plan per example",
                unit="ms",
                error="no examples/*.yaml to plan",
                target=PLAN_TARGET_MS,
            )
        )
    return figures


if __name__ == "__main__":
    main(run)
