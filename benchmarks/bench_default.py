"""The default catalog: load and compile time, and warm plan time per example and engine.

- *Load and compile*: ``Planner.default()`` (read and check every YAML file, parse and
  type-check the rules, load the calendars) repeated in one process after a first call, so
  imports are not counted; the first call in a fresh interpreter (imports included) is
  reported next to it.
- *First decision per engine*: the first ``decide`` with each engine on a fresh catalog,
  which includes compiling the rules for that engine (durable-rules rulesets are built on
  first use); then the warm ``decide`` alone, to separate the rules from the scheduler.
- *Warm plan*: ``planner.plan(document, engine=...)`` for each ``examples/*.yaml`` with a
  planner reused across calls: the path a portal takes on every form change. The
  optimizer keeps its graph builds for the last decisions it saw (a form change that does
  not change what the rules decide builds nothing); the *graph builds not kept* figure
  clears them before every call, as for a profile whose decisions are new.
- *Cold CLI plan*: the whole ``pathplanner plan ... -o x.json`` command in a new process
  (interpreter start, imports, catalog load, plan, write), as a user at a terminal sees it.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import REPO, capped, figure, main, time_ms

LOAD_TARGET_MS = 300.0
PLAN_TARGET_MS = 5.0
COLD_PLAN_TARGET_MS = 500.0
ENGINES = ("reference", "durable")
PLAN_CAP_SECONDS = 3.0
"""A plan running longer is stopped and reported as over this many seconds."""


def _examples() -> list[Path]:
    return sorted((REPO / "examples").glob("*.yaml"))


def _fresh_process_env() -> dict[str, str]:
    """The environment of a user's shell: Python writes and reuses its bytecode (as after
    ``pip install``, which compiles it), so "cold" means a new process, not uncompiled
    sources. A ``PYTHONDONTWRITEBYTECODE`` in the benchmark's own environment would make
    every run compile pathplanner from source (about a fifth of the time)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _cold_load_ms() -> list[float]:
    code = (
        "import time; t=time.perf_counter();"
        "from pathplanner.plan.planner import Planner; Planner.default();"
        "print((time.perf_counter()-t)*1000)"
    )
    samples = []
    env = _fresh_process_env()
    for _ in range(3):
        out = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            cwd=REPO,
            env=env,
        )
        samples.append(float(out.stdout.strip().splitlines()[-1]))
    samples.pop(0)  # the first run writes the bytecode
    return samples


def _cold_cli_plan_ms(repeat: int, cpu: list[float]) -> list[float]:
    """The command a new user types first, timed whole: a fresh interpreter imports,
    loads the default catalog, plans one example and writes its JSON. Appends each run's
    CPU time (user + system, ms) to ``cpu``: on a shared machine the wall time also holds
    the wait for a core."""
    cli = Path(sys.executable).with_name("pathplanner")
    example = REPO / "examples" / "low-risk-warehouse.yaml"
    samples = []
    with tempfile.TemporaryDirectory() as tmp:
        command = [str(cli), "plan", str(example), "--format", "json", "-o", f"{tmp}/x.json"]
        env = _fresh_process_env()
        # one untimed run warms the disk cache and writes the bytecode
        subprocess.run(command, capture_output=True, check=True, cwd=REPO, env=env)
        for _ in range(repeat):
            used = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            subprocess.run(command, capture_output=True, check=True, cwd=REPO, env=env)
            samples.append((time.perf_counter() - t0) * 1000)
            now = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append((now.ru_utime + now.ru_stime - used.ru_utime - used.ru_stime) * 1000)
    return samples


def _cold_cli_plan_instructions() -> tuple[float | None, str | None]:
    """The instructions (in millions) that cold plan executes, counted by valgrind's
    callgrind: a count, unlike a time, is the same however busy the machine is, so it
    shows whether a change to the cold path helped even while other jobs share the cores."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return None, "valgrind is not installed"
    cli = Path(sys.executable).with_name("pathplanner")
    example = REPO / "examples" / "low-risk-warehouse.yaml"
    with tempfile.TemporaryDirectory() as tmp:
        plan = [str(cli), "plan", str(example), "--format", "json", "-o", f"{tmp}/x.json"]
        env = _fresh_process_env()
        subprocess.run(plan, capture_output=True, check=True, cwd=REPO, env=env)
        counted = subprocess.run(
            [
                valgrind,
                "--tool=callgrind",
                f"--callgrind-out-file={tmp}/cg.out",
                sys.executable,
                *plan,
            ],
            capture_output=True,
            text=True,
            check=False,
            cwd=REPO,
            env=env,
        )
    found = re.search(r"Collected\s*:\s*(\d+)", counted.stderr)
    if counted.returncode != 0 or found is None:
        return None, f"callgrind failed: {counted.stderr.strip()[-200:]}"
    return int(found.group(1)) / 1e6, None


def _repeats(first_ms: float, quick: bool) -> int:
    budget_ms = 1500.0 if quick else 3000.0
    return max(3, min(300, int(budget_ms / max(first_ms, 0.05))))


def _over(fid: str, label: str, cap: float, target: float | None) -> dict[str, Any]:
    return figure(
        fid,
        label,
        unit="ms",
        value=cap * 1000,
        target=target,
        extra={"lower_bound": True, "note": f"did not finish within {cap:.0f} s; stopped"},
    )


def run(quick: bool) -> list[dict[str, Any]]:
    from pathplanner.plan.planner import Planner
    from pathplanner.profile import load_profile
    from pathplanner.rules import decide
    from pathplanner.schedule.search.optimize import clear_setup_cache

    cap = 3.0 if quick else PLAN_CAP_SECONDS
    figures: list[dict[str, Any]] = []
    first_load = capped(Planner.default, 60.0)
    first_ms = first_load[1] * 1000 if first_load else 60_000.0
    load = time_ms(Planner.default, _repeats(first_ms, quick) if not quick else 3, warmup=0)
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
    cold_cpu: list[float] = []
    figures.append(
        figure(
            "default.cold_cli_plan",
            "Cold `pathplanner plan examples/low-risk-warehouse.yaml --format json -o x.json`",
            unit="ms",
            samples=_cold_cli_plan_ms(3 if quick else 9, cold_cpu),
            target=COLD_PLAN_TARGET_MS,
        )
    )
    figures.append(
        figure(
            "default.cold_cli_plan_cpu",
            "CPU time (user + system) of that cold plan",
            unit="ms",
            samples=cold_cpu,
        )
    )
    if not quick:
        counted, why = _cold_cli_plan_instructions()
        figures.append(
            figure(
                "default.cold_cli_plan_instructions",
                "Instructions of that cold plan, counted by callgrind (load-independent)",
                unit="M instructions",
                value=counted,
                error=why,
            )
        )
    planner = Planner.default()
    documents = {path.stem: load_profile(path, planner.catalog) for path in _examples()}
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
    for engine in ENGINES:
        if not documents:
            break
        fresh = Planner.default()
        name, first = next(iter(documents.items()))
        as_of = first.as_of or first.start
        try:
            done = capped(
                lambda f=fresh, d=first, e=engine, a=as_of: decide(
                    f.catalog, d.profile, as_of=a, engine=e
                ),
                cap,
            )
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
        label = f"First rule decision with the {engine} engine ({name}; compiles its rules)"
        if done is None:
            figures.append(_over(f"default.first_decide.{engine}", label, cap, None))
        else:
            figures.append(
                figure(f"default.first_decide.{engine}", label, unit="ms", value=done[1] * 1000)
            )
        warm = time_ms(
            lambda d=first, e=engine, a=as_of: decide(
                planner.catalog, d.profile, as_of=a, engine=e
            ),
            20 if quick else 100,
        )
        figures.append(
            figure(
                f"default.decide.{engine}",
                f"Warm rule decision alone, {engine} engine: {name}",
                unit="ms",
                samples=warm,
            )
        )
        for name, document in documents.items():

            def once(document: Any = document, engine: str = engine) -> object:
                return planner.plan(document, engine=engine)

            fid = f"default.plan.{engine}.{name}"
            label = f"Warm plan, {engine} engine: {name}"
            done = capped(once, cap)
            if done is None:
                figures.append(_over(fid, label, cap, PLAN_TARGET_MS))
                continue
            samples = time_ms(once, _repeats(done[1] * 1000, quick), warmup=1)
            figures.append(figure(fid, label, unit="ms", samples=samples, target=PLAN_TARGET_MS))
            if engine != ENGINES[0]:
                continue

            def unseen(document: Any = document, engine: str = engine) -> object:
                clear_setup_cache()
                return planner.plan(document, engine=engine)

            samples = time_ms(unseen, max(3, _repeats(done[1] * 1000, quick) // 3), warmup=1)
            figures.append(
                figure(
                    f"default.plan_unseen.{engine}.{name}",
                    f"Warm plan, {engine} engine, graph builds not kept: {name}",
                    unit="ms",
                    samples=samples,
                )
            )
    return figures


if __name__ == "__main__":
    main(run)
