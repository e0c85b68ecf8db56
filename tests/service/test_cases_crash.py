"""A crash test on SQLite and PostgreSQL: a real uvicorn process serving the cases router
is killed (SIGKILL) in the middle of a stream of updates and started again. Every
acknowledged update is there, and no case is half-written (each event has its case
version, each re-plan its plan version)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from case_fixtures import (
    Organisation,
    book,
    case_in,
    clock,
    database_url,
    engine,
    org,
    planner,
    postgres,
)
from pathplanner.cases import CaseBook, CaseStatus
from pathplanner.cases.clock import utc_now
from pathplanner.cases.users import issue_token

__all__ = ["book", "clock", "database_url", "engine", "org", "planner", "postgres"]

HERE = Path(__file__).resolve().parent
FILING = "enterprise-project-filing"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def server(database_url: str, port: int) -> Iterator[subprocess.Popen[bytes]]:
    env = {**os.environ, "PATHPLANNER_DATABASE_URL": database_url}
    env["PYTHONPATH"] = os.pathsep.join([str(HERE), env.get("PYTHONPATH", "")])
    command = [sys.executable, "-m", "uvicorn", "--factory", "cases_app:build"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    try:
        for _ in range(600):  # until it answers (bounded: at most about a minute)
            try:
                httpx.get(f"http://127.0.0.1:{port}/cases", timeout=1)
                break
            except httpx.TransportError:
                assert process.poll() is None, "the server did not start"
                time.sleep(0.1)
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)


def test_every_acknowledged_update_survives_a_kill(
    book: CaseBook, org: Organisation, database_url: str
) -> None:
    case_id, version = case_in(book, org.people["agent-a"], CaseStatus.HANDLING)
    with book.session() as session:
        (baseline,) = book.plans(session, org.people["agent-a"], case_id)
    filing = next(t for t in json.loads(baseline.plan)["tasks"] if t["id"] == FILING)
    with book.session() as session:  # the server's clock is the real one
        secret = issue_token(session, "agent-a", utc_now(), days=1)[1]
    auth = {"Authorization": f"Bearer {secret}"}
    port = _free_port()
    base = f"http://127.0.0.1:{port}/cases/{case_id}"
    acknowledged: list[tuple[str, int]] = []  # (what, the version it gave the case)
    stop = threading.Event()

    def stream() -> None:
        current = version
        with httpx.Client(timeout=30) as client:
            for n in range(10_000):
                if stop.is_set():
                    return
                if n % 3 == 2:  # a re-plan writes the case, an event and a plan version
                    what = f"actuals {n}"
                    body = {
                        "version": current,
                        "today": filing["start"],
                        "tasks": [{"task": FILING, "accepted": filing["start"], "note": what}],
                    }
                    path = "/actuals"
                else:
                    what = f"note {n}"
                    body = {"version": current, "text": what}
                    path = "/notes"
                try:
                    answer = client.post(base + path, json=body, headers=auth)
                except httpx.TransportError:
                    return  # the server is gone
                assert answer.status_code == 200, answer.text
                current = answer.json()["version"]
                acknowledged.append((what, current))

    with server(database_url, port) as process:
        writer = threading.Thread(target=stream)
        writer.start()
        deadline = time.monotonic() + 120
        while len(acknowledged) < 25 and time.monotonic() < deadline and writer.is_alive():
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        stop.set()
        writer.join(timeout=60)
    assert len(acknowledged) >= 25

    with server(database_url, port):
        case = httpx.get(base, headers=auth, timeout=30).json()
        events = httpx.get(base + "/events", headers=auth, timeout=30).json()
        plans = httpx.get(base + "/plans", headers=auth, timeout=30).json()
    # every acknowledged update is there, at the version it was acknowledged with
    by_seq = {e["seq"]: e for e in events}
    for what, seq in acknowledged:
        event = by_seq[seq]
        shown = event["note"] if event["kind"] == "note" else event["data"]["tasks"][0]["note"]
        assert shown == what
    # nothing half-written: the log runs 1..version without a gap, each re-plan has its plan
    assert [e["seq"] for e in events] == list(range(1, case["version"] + 1))
    replans = [e["seq"] for e in events if e["kind"] == "actuals"]
    assert [p["event_seq"] for p in plans[1:]] == replans
    assert [p["number"] for p in plans] == list(range(1, len(replans) + 2))
    assert case["plans"] == len(plans)
