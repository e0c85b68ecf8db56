"""Every ``curl`` block of docs/service.md runs against a live server, and its output is
what the page shows.

The blocks run in order in one scratch directory (a block may use a file an earlier one
wrote), with ``bash -e -o pipefail``, the documented address replaced by the live
server's, ``pathplanner`` on the ``PATH`` and ``PATHPLANNER_DATABASE_URL`` naming the live
server's database (so the ``pathplanner users`` commands make users it knows). A ``text``
block right after a ``sh`` block is its expected output, line by line:
a line ``…`` stands for any number of lines, a line ending in ``…`` for any line starting
with what precedes it. A new block (the case records' walk-through, say) is picked up
without touching this file.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[2] / "docs" / "service.md"
DOCUMENTED = "http://127.0.0.1:8000"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```\n", re.MULTILINE | re.DOTALL)
ELLIPSIS = "…"


@dataclass(frozen=True)
class Example:
    line: int
    script: str
    expected: str | None


def examples() -> list[Example]:
    """The page's ``curl`` blocks with the output shown under each."""
    text = DOC.read_text(encoding="utf-8")
    blocks = [
        (text.count("\n", 0, m.start()) + 1, m.group(1), m.group(2), m.start(), m.end())
        for m in FENCE.finditer(text)
    ]
    found = []
    for index, (line, kind, body, _, end) in enumerate(blocks):
        if kind != "sh" or "curl " not in body:
            continue
        expected = None
        if index + 1 < len(blocks):
            _, next_kind, next_body, next_start, _ = blocks[index + 1]
            if next_kind == "text" and not text[end:next_start].strip():
                expected = next_body
        found.append(Example(line, body, expected))
    return found


def matches(expected: str, actual: str) -> bool:
    """``actual``'s lines as ``expected`` shows them (with ``…`` elisions)."""
    want = expected.rstrip("\n").split("\n")
    got = actual.rstrip("\n").split("\n")

    def fits(w: int, g: int) -> bool:
        if w == len(want):
            return g == len(got)
        if want[w] == ELLIPSIS:
            return any(fits(w + 1, later) for later in range(g, len(got) + 1))
        if g == len(got):
            return False
        line = got[g].rstrip()
        if want[w].endswith(ELLIPSIS):
            ok = line.startswith(want[w].removesuffix(ELLIPSIS))
        else:
            ok = line == want[w].rstrip()
        return ok and fits(w + 1, g + 1)

    return fits(0, 0)


def test_the_page_has_curl_examples_with_outputs() -> None:
    found = examples()
    assert len(found) >= 8
    assert all(example.expected is not None for example in found)


def test_matching_honours_elisions() -> None:
    assert matches("a\n…\nd\n", "a\nb\nc\nd\n")
    assert matches("ab…\n", "abc\n")
    assert not matches("a\nd\n", "a\nb\nd\n")
    assert not matches("a\n…\nd\n", "a\nb\n")


def test_every_curl_block_runs_against_a_live_server(
    live_url: str, live_database_url: str, tmp_path: Path
) -> None:
    environment = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PATHPLANNER_DATABASE_URL": live_database_url,
    }
    for example in examples():
        script = example.script.replace(DOCUMENTED, live_url)
        result = subprocess.run(
            ["bash", "-e", "-o", "pipefail", "-c", script],
            cwd=tmp_path,
            env=environment,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        where = f"docs/service.md:{example.line}"
        assert result.returncode == 0, f"{where}: exit {result.returncode}\n{result.stderr}"
        if example.expected is not None:
            assert matches(example.expected, result.stdout), (
                f"{where} printed:\n{result.stdout}\nbut the page shows:\n{example.expected}"
            )


@pytest.mark.parametrize("path", ["/health", "/catalog", "/plans", "/explain", "/schemas/plan"])
def test_the_page_shows_every_planning_endpoint(path: str) -> None:
    assert any(f"{DOCUMENTED}{path}" in example.script for example in examples())


@pytest.mark.parametrize(
    "step",
    [
        "pathplanner users add ",
        "/cases -H",
        '"to": "accepted"',
        '"scope": [',
        "-o letter.docx",
        "/actuals",
        '"slippage"',
        "/reminders",
        '"to": "closed"',
        "/ratings/",
        "/evaluation",
    ],
)
def test_the_page_walks_a_case_through_the_whole_process(step: str) -> None:
    assert any(step in example.script for example in examples())
