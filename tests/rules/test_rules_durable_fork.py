"""Forking while threads plan with durable-rules: the child plans and exits (issue 18)."""

from __future__ import annotations

import os
import sys
import threading
import time
from typing import Any

import pytest
from _rules_domain import sample
from _rules_support import AS_OF

from pathplanner.catalog import Catalog
from pathplanner.catalog.loader import load_catalog
from pathplanner.rules import _durable, decide

DURABLE = sys.implementation.name == "cpython" and sys.version_info < (3, 13)


def _wait(pid: int, seconds: float) -> int | None:
    """The child's exit status, or None when it has not ended within ``seconds``."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.01)
    return None


def _fork_and_plan(catalog: Catalog, profile: Any) -> int | None:
    pid = os.fork()
    if pid == 0:  # the child: plan once with durable-rules, then leave at once
        code = 1
        try:
            decide(catalog, profile, as_of=AS_OF, engine="durable")
            code = 0
        finally:
            os._exit(code)
    status = _wait(pid, 30)
    if status is None:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    return status


@pytest.mark.skipif(not DURABLE or not hasattr(os, "fork"), reason="durable-rules and fork")
def test_a_child_forked_while_another_thread_holds_the_engine_lock_plans() -> None:
    """Deterministic: a thread holds the adapter's lock (as one does while it plans) when
    the process forks; the child must plan and exit. Before: it waited forever."""
    catalog = load_catalog()
    profile = sample(catalog, 1)[0][0]
    decide(catalog, profile, as_of=AS_OF, engine="durable")
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with _durable._Guard.lock:
            held.set()
            release.wait(60)

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        assert held.wait(10)
        assert _fork_and_plan(catalog, profile) == 0
    finally:
        release.set()
        thread.join()


@pytest.mark.skipif(not DURABLE or not hasattr(os, "fork"), reason="durable-rules and fork")
def test_forking_while_threads_plan_never_deadlocks_the_child() -> None:
    """Twenty forks while four threads plan with durable-rules: every child plans and
    exits within 30 s. Before: about one fork in five deadlocked."""
    catalog = load_catalog()
    work = [p for p, _ in sample(catalog, 40)[:40]]
    stop = threading.Event()

    def plan() -> None:
        while not stop.is_set():
            for profile in work:
                decide(catalog, profile, as_of=AS_OF, engine="durable")

    threads = [threading.Thread(target=plan) for _ in range(4)]
    for t in threads:
        t.start()
    try:
        statuses = [_fork_and_plan(catalog, work[n % len(work)]) for n in range(20)]
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert statuses == [0] * 20
