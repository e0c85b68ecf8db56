"""A real ``pathplanner serve`` on loopback, for the tests that talk HTTP to a live server.

:func:`serving` starts the command as a subprocess on a free port, waits until
``/health`` answers, yields the base URL, and stops the process (SIGTERM, then SIGKILL)
however the test ends. Its output goes to a log file whose text a failing test shows.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

COMMAND = Path(sys.executable).with_name("pathplanner")
START_TIMEOUT = 90.0
"""Seconds a loaded two-core machine may take to import and load the catalog."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (the OS's choice)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"serve exited with {process.returncode}:\n{log.read_text()}")
        with contextlib.suppress(httpx.TransportError):
            if httpx.get(f"{url}/health", timeout=5).status_code == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"serve did not answer within {START_TIMEOUT} s:\n{log.read_text()}")


def scratch_database(directory: Path) -> str:
    """The URL of a new SQLite file for case records in ``directory``."""
    return f"sqlite:///{directory / 'cases.db'}"


@contextlib.contextmanager
def serving(log: Path, *arguments: str, env: dict[str, str] | None = None) -> Iterator[str]:
    """Run ``pathplanner serve --port P ARGUMENTS`` until the block ends; yields its URL."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(COMMAND), "serve", "--port", str(port), *arguments],
            stdout=out,
            stderr=subprocess.STDOUT,
            # case records go to a file beside the log unless the caller names a database
            env={
                **os.environ,
                "PATHPLANNER_DATABASE_URL": f"sqlite:///{log.with_suffix('.cases.db')}",
                **(env or {}),
            },
        )
    try:
        _wait_until_up(url, process, log)
        yield url
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
