"""Shared helpers of the benchmark scripts: timing, statistics, memory, the figure record.

Every benchmark module exposes ``run(quick: bool) -> list[dict]`` returning *figures*
built with :func:`figure`, and can be run on its own (``python benchmarks/bench_x.py``),
which prints them as JSON. ``benchmarks/run.py`` runs each module in a fresh process, so
one module's memory and caches never colour another's figures.
"""

from __future__ import annotations

import gc
import json
import os
import resource
import signal
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
BENCH_DIR = Path(__file__).resolve().parent

if str(REPO / "src") not in sys.path:
    sys.path.insert(0, str(REPO / "src"))
if str(BENCH_DIR) not in sys.path:
    sys.path.insert(0, str(BENCH_DIR))


def stats(samples: Sequence[float]) -> dict[str, float | int]:
    """Median and spread of repeated measurements (same unit as the samples)."""
    ordered = sorted(samples)
    n = len(ordered)
    if n == 0:
        return {"n": 0}
    if n >= 4:
        q1, _, q3 = statistics.quantiles(ordered, n=4, method="inclusive")
    else:
        q1, q3 = ordered[0], ordered[-1]
    return {
        "n": n,
        "median": statistics.median(ordered),
        "q1": q1,
        "q3": q3,
        "min": ordered[0],
        "max": ordered[-1],
    }


def time_ms(fn: Callable[[], object], repeat: int, *, warmup: int = 1) -> list[float]:
    """Wall-clock milliseconds of ``repeat`` calls of ``fn`` after ``warmup`` calls.

    The garbage collector runs before each timed call, not during it, so a collection
    triggered by an earlier call does not land in a later sample.
    """
    for _ in range(warmup):
        fn()
    samples: list[float] = []
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter_ns()
        fn()
        samples.append((time.perf_counter_ns() - t0) / 1e6)
    return samples


def rss_mb() -> float:
    """Current resident set size of this process in MiB (Linux ``/proc``)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return peak_rss_mb()


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def figure(
    fid: str,
    label: str,
    *,
    unit: str,
    samples: Sequence[float] | None = None,
    value: float | None = None,
    target: float | None = None,
    op: str = "<=",
    extra: dict[str, Any] | None = None,
    error: str | None = None,
) -> dict[str, Any]:
    """One reported figure: its measurement, its target and whether the target is met.

    ``value`` defaults to the median of ``samples``. ``op`` compares value with target
    (``<=``, ``<``, ``>=``, ``==``). ``error`` says why the figure could not be measured.
    """
    record: dict[str, Any] = {"id": fid, "label": label, "unit": unit}
    if samples is not None:
        record["stats"] = stats(samples)
        if value is None and samples:
            value = float(statistics.median(samples))
    record["value"] = value
    record["target"] = target
    record["op"] = op if target is not None else None
    record["met"] = _met(value, target, op) if error is None else False
    if error is not None:
        record["error"] = error
    if extra:
        record["extra"] = extra
    _PARTIAL.append(record)
    if _OUT:
        _write(Path(_OUT[0]), _PARTIAL)
    return record


_PARTIAL: list[dict[str, Any]] = []
_OUT: list[str] = []


def _write(path: Path, figures: list[dict[str, Any]]) -> None:
    text = json.dumps(figures, ensure_ascii=False, indent=2, sort_keys=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text + "\n", encoding="utf-8")
    tmp.replace(path)


def _met(value: float | None, target: float | None, op: str) -> bool | None:
    if target is None:
        return None
    if value is None:
        return False
    checks: dict[str, Callable[[float, float], bool]] = {
        "<=": lambda a, b: a <= b,
        "<": lambda a, b: a < b,
        ">=": lambda a, b: a >= b,
        "==": lambda a, b: a == b,
    }
    return checks[op](value, target)


def main(run: Callable[[bool], list[dict[str, Any]]]) -> None:
    """Entry point of a benchmark module: ``[--quick] [--out FILE]``; prints JSON."""
    args = sys.argv[1:]
    quick = "--quick" in args
    out = args[args.index("--out") + 1] if "--out" in args else None
    if out:
        _OUT.append(out)  # every figure is written as soon as it is measured
    figures = run(quick)
    if out:
        _write(Path(out), figures)
    else:
        sys.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    sys.stdout.flush()
    os._exit(0)  # skip interpreter teardown: durable-rules may crash on exit


class TimeUp(Exception):
    """Raised inside a call that ran past its time cap (see :func:`capped`)."""


def _alarm(_signum: int, _frame: object) -> None:
    raise TimeUp


def capped(fn: Callable[[], object], seconds: float) -> tuple[object, float] | None:
    """``(fn(), elapsed seconds)``, or None when ``fn`` runs longer than ``seconds``.

    Uses ``SIGALRM``, so only from the main thread; the interrupted call is abandoned.
    """
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    t0 = time.perf_counter()
    try:
        result = fn()
        return result, time.perf_counter() - t0
    except TimeUp:
        return None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
