"""Scale of policy edits (issue 18, section 6): the default catalog with 100 times its rules,
and a chain of 2,000 derived facts.

The 100x catalog is the default one with each rule file copied 100 times, every copy
renamed and its thresholds shifted so that no two copies coincide (the same builder as the
rules tests use, ``tests/rules/_rules_domain.build_tenfold``). Figures: the rule count; a
load (reading, type-checking, the contradiction search) in this process and its peak
memory; ``pathplanner check`` as a user runs it (a fresh process, with the durable-rules
compile proof); and a warm plan of every example on it. The chain is 2,000 rules, each
deriving the fact the next one tests, planned after a load.
"""

from __future__ import annotations

import datetime as dt
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import REPO, figure, main, peak_rss_mb, time_ms

for _helpers in (REPO / "tests", REPO / "tests" / "rules"):
    if str(_helpers) not in sys.path:
        sys.path.insert(0, str(_helpers))

FACTOR = 100
CHAIN = 2000
AS_OF = dt.date(2026, 3, 2)


def _children_cpu_s() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _hundredfold(tmp: Path) -> list[dict[str, Any]]:
    from _rules_domain import build_tenfold

    from pathplanner.catalog.loader import load_catalog
    from pathplanner.plan.planner import Planner
    from pathplanner.profile import load_profile

    root = tmp / "x100"
    count = build_tenfold(REPO, root, FACTOR)
    figures = [
        figure("rules_scale.x100.rules", f"Rules in the {FACTOR}x catalog", unit="", value=count)
    ]
    before = peak_rss_mb()
    t0 = time.perf_counter()
    catalog = load_catalog(root)
    load_ms = (time.perf_counter() - t0) * 1000
    figures.append(
        figure(
            "rules_scale.x100.load",
            f"Load the {FACTOR}x catalog ({count:,} rules): read, type-check, contradiction search",
            unit="ms",
            value=load_ms,
        )
    )
    figures.append(
        figure(
            "rules_scale.x100.load_peak",
            f"Peak memory of loading the {FACTOR}x catalog (growth of this process)",
            unit="MiB",
            value=max(peak_rss_mb() - before, 0.0),
        )
    )
    cli = Path(sys.executable).with_name("pathplanner")
    cpu0 = _children_cpu_s()
    t0 = time.perf_counter()
    done = subprocess.run(
        [str(cli), "check", str(root)], check=False, capture_output=True, cwd=REPO
    )
    check_s = time.perf_counter() - t0
    check_cpu_s = _children_cpu_s() - cpu0
    figures.append(
        figure(
            "rules_scale.x100.check",
            f"`pathplanner check` of the {FACTOR}x catalog (fresh process, durable-rules proof "
            "included)",
            unit="s",
            value=check_s,
            error=None
            if done.returncode == 0
            else f"check exited {done.returncode}: {done.stdout.decode()[-300:]}",
        )
    )
    figures.append(
        figure(
            "rules_scale.x100.check_cpu",
            "CPU time (user + system) of that check: what it costs when the machine is not shared",
            unit="s",
            value=check_cpu_s,
        )
    )
    planner = Planner(catalog)
    for path in sorted((REPO / "examples").glob("*.yaml")):
        document = load_profile(path, catalog)

        def once(d: Any = document) -> object:
            return planner.plan(d)

        figures.append(
            figure(
                f"rules_scale.x100.plan.{path.stem}",
                f"Warm plan on the {FACTOR}x catalog, default engine: {path.stem}",
                unit="ms",
                samples=time_ms(once, 3),
            )
        )
    return figures


def _chain(tmp: Path) -> list[dict[str, Any]]:
    from _rules_domain import build_extremes, chain_rules, make_profile

    from pathplanner.catalog.loader import load_catalog
    from pathplanner.plan.planner import Planner

    root = build_extremes(tmp / "chain", chain_rules(CHAIN))
    t0 = time.perf_counter()
    catalog = load_catalog(root)
    load_ms = (time.perf_counter() - t0) * 1000
    profile = make_profile(catalog, {"project.floor_area_m2": 3000})
    planner = Planner(catalog)
    figures = [
        figure(
            "rules_scale.chain.load",
            f"Load a catalog whose rules are a chain of {CHAIN:,} derived facts",
            unit="ms",
            value=load_ms,
        )
    ]
    for engine in ("reference", "durable"):

        def once(e: str = engine) -> object:
            return planner.plan(profile, start=AS_OF, as_of=AS_OF, engine=e)

        figures.append(
            figure(
                f"rules_scale.chain.plan.{engine}",
                f"Plan with a chain of {CHAIN:,} derived facts, {engine} engine",
                unit="ms",
                samples=time_ms(once, 3),
            )
        )
    return figures


def run(quick: bool) -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory() as tmp:
        figures = _chain(Path(tmp))
        if not quick:
            figures += _hundredfold(Path(tmp))
    return figures


if __name__ == "__main__":
    main(run)
