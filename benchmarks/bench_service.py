"""A bounded load test of ``pathplanner serve`` on loopback: concurrent clients plan.

A real server (the ``pathplanner serve`` command, uvicorn) starts on a free loopback port;
``CLIENTS`` threads, each with its own HTTP connection, post ``POST /plans`` requests for
``SECONDS`` seconds, cycling through four variants of the warehouse example (different
floor areas, so different plans), and record each request's latency and status. Reported:
throughput, median and 95th-percentile latency, and the server errors (target 0). The
clients share the two cores with the server, as a portal's front end on the same machine
would. The case-update half of the load test comes with the case records.

Usage: ``python benchmarks/bench_service.py [--quick]``.
"""

from __future__ import annotations

import copy
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from _common import REPO, figure, main

CLIENTS = 8
SECONDS = 30.0
AREAS = (2000, 6000, 9000, 20000)


def _bodies() -> list[dict[str, Any]]:
    from pathplanner.service.examples import EXAMPLE_PROJECT

    bodies = []
    for area in AREAS:
        project = copy.deepcopy(EXAMPLE_PROJECT)
        project["profile"]["project"]["floor_area_m2"] = area
        bodies.append({"project": project})
    return bodies


def _load(url: str, seconds: float) -> tuple[list[float], dict[int, int], float]:
    """Latencies (ms) of every answered request, the count per status, and the wall time."""
    import httpx

    bodies = _bodies()
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(index: int) -> None:
        with httpx.Client(base_url=url, timeout=120) as http:
            turn = index
            while time.monotonic() < stop:
                t0 = time.perf_counter()
                status = http.post("/plans", json=bodies[turn % len(bodies)]).status_code
                elapsed = (time.perf_counter() - t0) * 1000
                turn += 1
                with lock:
                    latencies.append(elapsed)
                    statuses[status] = statuses.get(status, 0) + 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, statuses, time.perf_counter() - started


def run(quick: bool) -> list[dict[str, Any]]:
    sys.path.insert(0, str(REPO / "tests"))
    from live_server import serving

    seconds = 5.0 if quick else SECONDS
    with tempfile.TemporaryDirectory() as tmp, serving(Path(tmp) / "serve.log") as url:
        _load(url, 2.0)  # warm-up: the first plans build what later ones reuse
        latencies, statuses, wall = _load(url, seconds)
    answered = len(latencies)
    server_errors = sum(n for status, n in statuses.items() if status >= 500)
    p95 = statistics.quantiles(latencies, n=20)[-1] if answered >= 2 else float("nan")
    extra = {
        "clients": CLIENTS,
        "seconds": round(wall, 1),
        "requests": answered,
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "note": f"{CLIENTS} clients for {wall:.0f} s, {answered:,} requests; statuses "
        + ", ".join(f"{k}: {v:,}" for k, v in sorted(statuses.items())),
    }
    return [
        figure(
            "service.throughput",
            f"POST /plans answered per second, {CLIENTS} concurrent clients on loopback",
            unit="req/s",
            value=answered / wall,
            extra=extra,
        ),
        figure(
            "service.latency.p50",
            "POST /plans latency, median (queueing included)",
            unit="ms",
            samples=latencies,
        ),
        figure(
            "service.latency.p95",
            "POST /plans latency, 95th percentile",
            unit="ms",
            value=p95,
        ),
        figure(
            "service.server_errors",
            "Server errors (5xx) during the load",
            unit="count",
            value=server_errors,
            target=0,
            op="==",
        ),
        figure(
            "service.refused",
            "Requests not answered 200 (the bodies are valid: any is a failure)",
            unit="count",
            value=answered - statuses.get(200, 0),
            target=0,
            op="==",
        ),
    ]


if __name__ == "__main__":
    main(run)
