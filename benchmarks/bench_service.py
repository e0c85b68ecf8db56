"""A bounded load test of ``pathplanner serve`` on loopback: concurrent clients plan and
update case records.

A real server (the ``pathplanner serve`` command, uvicorn) starts on a free loopback port
with its case records in a scratch SQLite file, where an agent and ``CASES`` cases are made
first. For ``SECONDS`` seconds, ``CLIENTS`` threads, each with its own HTTP connection, post
``POST /plans`` requests, cycling through four variants of the warehouse example (different
floor areas, so different plans), while ``CASE_CLIENTS`` threads add notes to the cases,
two clients per case, so that they race: each reads the case, posts a note naming the
version it read, and on a 409 (another note came first) reads again and retries. Every
request's latency and status is recorded. Reported: throughput, median and 95th-percentile
latency of each half, the 409 retries, the server errors (target 0), and the lost updates
(target 0): acknowledged notes missing from the cases' event logs afterwards. The clients
share the two cores with the server, as a portal's front end on the same machine would.

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
CASE_CLIENTS = 4
CASES = 2
SECONDS = 30.0
AREAS = (2000, 6000, 9000, 20000)


class Tally:
    """What the clients saw: latencies (ms) and statuses per half, thread-safe."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = {"plans": [], "cases": []}
        self.statuses: dict[str, dict[int, int]] = {"plans": {}, "cases": {}}
        self.acknowledged: dict[str, set[str]] = {}

    def record(self, half: str, started: float, status: int) -> None:
        elapsed = (time.perf_counter() - started) * 1000
        with self.lock:
            self.latencies[half].append(elapsed)
            self.statuses[half][status] = self.statuses[half].get(status, 0) + 1


def _bodies() -> list[dict[str, Any]]:
    from pathplanner.service.examples import EXAMPLE_PROJECT

    bodies = []
    for area in AREAS:
        project = copy.deepcopy(EXAMPLE_PROJECT)
        project["profile"]["project"]["floor_area_m2"] = area
        bodies.append({"project": project})
    return bodies


def _agent_and_cases(database_url: str) -> tuple[str, list[str]]:
    """An agent's token and ``CASES`` cases of their unit, made in the scratch database."""
    from pathplanner.cases import CaseBook
    from pathplanner.cases.access import Principal, Role
    from pathplanner.cases.model import CaseDraft
    from pathplanner.cases.storage import connect, upgrade
    from pathplanner.cases.users import add_unit, add_user, issue_token
    from pathplanner.organisation import UnitKind
    from pathplanner.plan import Planner
    from pathplanner.service.examples import EXAMPLE_CASE_DRAFT

    engine = connect(database_url)
    upgrade(engine)
    book = CaseBook(engine, Planner.default())
    now = book.clock()
    with book.session() as session:
        add_unit(session, "town-a", "甲镇代办点", UnitKind.TOWN)
        add_user(session, "agent-a", "王五", Role.AGENT, unit="town-a", now=now)
        token = issue_token(session, "agent-a", now, days=1)[1]
    agent = Principal("agent-a", Role.AGENT, "town-a")
    draft = CaseDraft.model_validate(EXAMPLE_CASE_DRAFT)
    cases = [book.create(agent, draft).case.id for _ in range(CASES)]
    engine.dispose()
    return token, cases


def _load(url: str, seconds: float, token: str, cases: list[str]) -> tuple[Tally, float]:
    """Run the planning and the case-updating clients together for ``seconds``."""
    import httpx

    bodies = _bodies()
    tally = Tally()
    stop = time.monotonic() + seconds

    def planner(index: int) -> None:
        with httpx.Client(base_url=url, timeout=120) as http:
            turn = index
            while time.monotonic() < stop:
                started = time.perf_counter()
                status = http.post("/plans", json=bodies[turn % len(bodies)]).status_code
                tally.record("plans", started, status)
                turn += 1

    def updater(index: int) -> None:
        case = f"/cases/{cases[index % len(cases)]}"
        headers = {"Authorization": f"Bearer {token}"}
        with httpx.Client(base_url=url, timeout=120, headers=headers) as http:
            turn = 0
            while time.monotonic() < stop:
                text = f"client {index} note {turn}"
                status = 409
                while status == 409 and time.monotonic() < stop:
                    started = time.perf_counter()
                    read = http.get(case)
                    tally.record("cases", started, read.status_code)
                    if read.status_code != 200:
                        break
                    started = time.perf_counter()
                    note = {"version": read.json()["version"], "text": text}
                    status = http.post(f"{case}/notes", json=note).status_code
                    tally.record("cases", started, status)
                if status == 200:
                    with tally.lock:
                        tally.acknowledged.setdefault(case, set()).add(text)
                turn += 1

    threads = [threading.Thread(target=planner, args=(i,)) for i in range(CLIENTS)]
    threads += [threading.Thread(target=updater, args=(i,)) for i in range(CASE_CLIENTS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally, time.perf_counter() - started


def _lost_updates(url: str, token: str, tally: Tally) -> int:
    """Acknowledged notes that the cases' event logs do not hold."""
    import httpx

    lost = 0
    with httpx.Client(base_url=url, timeout=120) as http:
        for case, texts in tally.acknowledged.items():
            events = http.get(f"{case}/events", headers={"Authorization": f"Bearer {token}"})
            logged = {e["note"] for e in events.json() if e["kind"] == "note"}
            lost += len(texts - logged)
    return lost


def _p95(latencies: list[float]) -> float:
    return statistics.quantiles(latencies, n=20)[-1] if len(latencies) >= 2 else float("nan")


def run(quick: bool) -> list[dict[str, Any]]:
    sys.path.insert(0, str(REPO / "tests"))
    from live_server import scratch_database, serving

    seconds = 5.0 if quick else SECONDS
    with tempfile.TemporaryDirectory() as tmp:
        database = scratch_database(Path(tmp))
        token, cases = _agent_and_cases(database)
        environment = {"PATHPLANNER_DATABASE_URL": database}
        with serving(Path(tmp) / "serve.log", env=environment) as url:
            _load(url, 2.0, token, cases)  # warm-up: the first plans build what later reuse
            tally, wall = _load(url, seconds, token, cases)
            lost = _lost_updates(url, token, tally)
    plans, updates = tally.latencies["plans"], tally.latencies["cases"]
    statuses = tally.statuses
    server_errors = sum(
        n for half in statuses.values() for status, n in half.items() if status >= 500
    )
    acknowledged = sum(len(texts) for texts in tally.acknowledged.values())
    counted = ", ".join(
        f"{half} {k}: {v:,}" for half in statuses for k, v in sorted(statuses[half].items())
    )
    extra = {
        "clients": CLIENTS,
        "case_clients": CASE_CLIENTS,
        "cases": CASES,
        "seconds": round(wall, 1),
        "requests": len(plans) + len(updates),
        "statuses": {
            half: {str(k): v for k, v in sorted(c.items())} for half, c in statuses.items()
        },
        "note": f"{CLIENTS} planning and {CASE_CLIENTS} case clients ({CASE_CLIENTS // CASES} "
        f"per case) for {wall:.0f} s, {len(plans) + len(updates):,} requests; {counted}; "
        f"{acknowledged:,} notes acknowledged",
    }
    return [
        figure(
            "service.throughput",
            f"POST /plans answered per second, {CLIENTS} concurrent clients on loopback",
            unit="req/s",
            value=len(plans) / wall,
            extra=extra,
        ),
        figure(
            "service.latency.p50",
            "POST /plans latency, median (queueing included)",
            unit="ms",
            samples=plans,
        ),
        figure(
            "service.latency.p95",
            "POST /plans latency, 95th percentile",
            unit="ms",
            value=_p95(plans),
        ),
        figure(
            "service.cases.throughput",
            f"Case requests (read, then note) answered per second, {CASE_CLIENTS} clients",
            unit="req/s",
            value=len(updates) / wall,
        ),
        figure(
            "service.cases.latency.p50",
            "Case request latency, median (queueing included)",
            unit="ms",
            samples=updates,
        ),
        figure(
            "service.cases.latency.p95",
            "Case request latency, 95th percentile",
            unit="ms",
            value=_p95(updates),
        ),
        figure(
            "service.cases.retries",
            "Notes refused as stale (409) and retried by the client",
            unit="count",
            value=statuses["cases"].get(409, 0),
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
            "Plan requests not answered 200 (the bodies are valid: any is a failure)",
            unit="count",
            value=len(plans) - statuses["plans"].get(200, 0),
            target=0,
            op="==",
        ),
        figure(
            "service.cases.lost_updates",
            "Acknowledged notes missing from the event logs afterwards",
            unit="count",
            value=lost,
            target=0,
            op="==",
        ),
    ]


if __name__ == "__main__":
    main(run)
