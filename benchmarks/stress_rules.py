"""Stress suite of the rule engines (issue 3): the long runs kept out of the test suite.

1. ``soak``: ``--plans`` (default 100,000) consecutive decisions in one process with the
   durable-rules engine on the default catalog, cycling through 500 distinct profiles of
   the declared domain; every 100th is compared with the reference evaluator. Resident set
   size after a warm-up and ten times on the way (after a full garbage collection).
2. ``tenfold``: the ten-times catalog (every rule of the default catalog ten times with
   shifted thresholds, see ``tests/rules/_rules_domain.py``), 1,000 profiles, both engines.
3. ``threads``: eight threads deciding 4,000 profiles with durable-rules, compared with the
   same profiles decided one after the other.

Usage: ``python benchmarks/stress_rules.py [--plans N] [--quick] [--out FILE]``. Writes a
JSON record (default ``benchmarks/stress_rules.json``) cited by ``docs/engines.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import platform
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tests" / "rules"))

from _rules_domain import build_tenfold, outcome, sample  # noqa: E402

from pathplanner.catalog.loader import load_catalog  # noqa: E402
from pathplanner.rules import _durable  # noqa: E402


def rss_mb() -> float:
    """Resident set size of this process in MiB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def soak(plans: int) -> dict[str, Any]:
    from pathplanner.rules import decide

    catalog = load_catalog()
    work = sample(catalog, 500)[:500]
    mismatches = 0
    for profile, as_of in work[:200]:
        decide(catalog, profile, as_of=as_of, engine="durable")
    gc.collect()
    start = rss_mb()
    samples = [round(start, 1)]
    step = max(plans // 10, 1)
    t0 = time.perf_counter()
    cpu0 = time.process_time()
    for n in range(plans):
        profile, as_of = work[n % len(work)]
        decision = decide(catalog, profile, as_of=as_of, engine="durable")
        if n % 1000 == 0:
            want = decide(catalog, profile, as_of=as_of, engine="reference")
            if decision.model_copy(update={"engine": "-"}) != want.model_copy(
                update={"engine": "-"}
            ):
                mismatches += 1
        if (n + 1) % step == 0:
            gc.collect()
            samples.append(round(rss_mb(), 1))
            print(f"soak {n + 1}/{plans} rss {samples[-1]} MiB", file=sys.stderr, flush=True)
    seconds = time.perf_counter() - t0
    cpu = time.process_time() - cpu0
    return {
        "plans": plans,
        "seconds": round(seconds, 1),
        "cpu_seconds": round(cpu, 1),
        "cpu_ms_per_decision": round(cpu / plans * 1000, 3),
        "rss_mb": samples,
        "rss_growth_mb": round(samples[-1] - samples[0], 1),
        "mismatches_vs_reference": mismatches,
        "durable_stats": _durable.stats(),
    }


def tenfold(count: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        rules = build_tenfold(REPO, Path(tmp) / "tenfold")
        t0 = time.perf_counter()
        catalog = load_catalog(Path(tmp) / "tenfold")
        load_s = time.perf_counter() - t0
    work = sample(catalog, count)[:count]
    timings: dict[str, float] = {}
    results: dict[str, list[str]] = {}
    for engine in ("reference", "durable"):
        t0 = time.perf_counter()
        results[engine] = [outcome(catalog, p, d, engine) for p, d in work]
        timings[engine] = round((time.perf_counter() - t0) / len(work) * 1000, 2)
    program = _durable._PROGRAMS[catalog.rules.content_hash]
    return {
        "rules": rules,
        "load_seconds": round(load_s, 2),
        "profiles": len(work),
        "ms_per_decision": timings,
        "mismatches": sum(a != b for a, b in zip(*results.values(), strict=True)),
        "rulesets": sum(len(chunks) for _, chunks in program.strata),
        "strata": len(program.strata),
        "durable_stats": _durable.stats(),
    }


def threads(count: int) -> dict[str, Any]:
    catalog = load_catalog()
    work = (sample(catalog, 500) * (count // 500 + 1))[:count]
    t0 = time.perf_counter()
    sequential = [outcome(catalog, p, d, "durable") for p, d in work]
    seq_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=8) as pool:
        threaded = list(pool.map(lambda pd: outcome(catalog, pd[0], pd[1], "durable"), work))
    thr_s = time.perf_counter() - t0
    return {
        "decisions": count,
        "threads": 8,
        "mismatches": sum(a != b for a, b in zip(sequential, threaded, strict=True)),
        "sequential_seconds": round(seq_s, 1),
        "threaded_seconds": round(thr_s, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help="2,000 plans, 200 profiles")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "stress_rules.json")
    parser.add_argument(
        "--only", choices=["tenfold", "threads", "soak"], action="append", help="run only these"
    )
    args = parser.parse_args()
    parts = args.only or ["tenfold", "threads", "soak"]
    plans = 2_000 if args.quick else args.plans
    record: dict[str, Any] = {
        "date": dt.date.today().isoformat(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }
    if args.out.exists():  # a partial run (--only) keeps the other parts' latest results
        record = {**json.loads(args.out.read_text(encoding="utf-8")), **record}
    if "tenfold" in parts:
        record["tenfold"] = tenfold(200 if args.quick else 1_000)
        print(json.dumps(record["tenfold"]), flush=True)
    if "threads" in parts:
        record["threads"] = threads(400 if args.quick else 4_000)
        print(json.dumps(record["threads"]), flush=True)
    if "soak" in parts:
        record["soak"] = soak(plans)
        print(json.dumps(record["soak"]), flush=True)
    ok = (
        record.get("soak", {}).get("mismatches_vs_reference", 1) == 0
        and record.get("soak", {}).get("durable_stats", {}).get("failed_asserts", 1) == 0
        and record.get("tenfold", {}).get("mismatches", 1) == 0
        and record.get("threads", {}).get("mismatches", 1) == 0
    )
    record["passed"] = ok
    args.out.write_text(json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
