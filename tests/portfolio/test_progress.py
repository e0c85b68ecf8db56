"""Issue 17: ``batch`` draws a progress bar (done of total, rate, time left) on a terminal,
and nothing but its summary in a pipe."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from pathplanner.cli import main
from pathplanner.portfolio.files import write_portfolio
from pathplanner.portfolio.generate import generate_portfolio

CLI = Path(sys.executable).with_name("pathplanner")


def _read_all(fd: int) -> bytes:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the terminal's other end is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def test_a_terminal_gets_a_progress_bar_with_rate_and_time_left(tmp_path: Path) -> None:
    portfolio = tmp_path / "p.jsonl"
    write_portfolio(generate_portfolio(6, 1), portfolio)
    primary, secondary = pty.openpty()
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "120"}
    args = ["--lang", "en", "batch", str(portfolio), "-o", str(tmp_path / "out"), "--workers", "1"]
    with subprocess.Popen(
        [str(CLI), *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=secondary,
        env=env,
    ) as child:
        os.close(secondary)
        shown = _read_all(primary).decode("utf-8", "replace")
        assert child.wait() == 0
    os.close(primary)
    assert "planning" in shown and "6/6" in shown
    assert "/s" in shown and "0:00:00" in shown  # the rate, and the time left at the end
    assert "6 projects planned (0 failed)" in shown


def test_a_pipe_gets_only_the_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    portfolio = tmp_path / "p.jsonl"
    write_portfolio(generate_portfolio(2, 1), portfolio)
    args = ["--lang", "en", "batch", str(portfolio), "-o", str(tmp_path / "out"), "--workers", "1"]
    assert main(args) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        f"2 projects planned (0 failed), 0 already done skipped; output in {tmp_path / 'out'}"
    ]
    assert captured.out == ""
