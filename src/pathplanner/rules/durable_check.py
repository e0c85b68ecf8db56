"""Proof, for ``pathplanner check``, that durable-rules compiles every rule of a catalog.

The rules are compiled to durable-rules rulesets in a child process
(:mod:`pathplanner.rules._durable_probe`), one rule after the other, so that a rule
durable-rules cannot take is refused with its file and line instead of hanging or crashing
the process that plans: the child is killed when one rule takes longer than
:data:`RULE_SECONDS`, and the whole proof stops after :data:`TOTAL_SECONDS`. Each rule is
compiled exactly as the engine compiles it (:mod:`pathplanner.rules._durable_program`),
split into rulesets within the same caps, and a ruleset is created as the engine creates
it (split in two on failure).
"""

from __future__ import annotations

import json
import os
import selectors
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pathplanner.catalog.rulebook.book import CompiledRule
from pathplanner.errors import Problem
from pathplanner.rules._durable_program import compile_rule, props_of, scales_of
from pathplanner.rules.engines import durable_available

if TYPE_CHECKING:
    from pathplanner.catalog import Catalog

__all__ = ["RULE_SECONDS", "TOTAL_SECONDS", "Job", "durable_problems", "prove"]

RULE_SECONDS = 10.0
"""Longest time one rule may take to compile for durable-rules (it takes milliseconds)."""

TOTAL_SECONDS = 300.0
"""Longest time the proof may take for a whole catalog."""

STARTUP_SECONDS = 60.0
"""Longest time the child may take to start (import pathplanner and durable-rules)."""


@dataclass(frozen=True)
class Job:
    """One rule and the durable rules it compiles to (as the child reads them)."""

    rule: CompiledRule
    internal: list[dict[str, Any]]


def jobs(catalog: Catalog) -> list[Job]:
    """Every rule of ``catalog`` with its durable rules, in evaluation order."""
    book = catalog.rules
    props, scales = props_of(book), scales_of(book)
    out = []
    for rule in book.compiled:
        internal = compile_rule(rule, props, scales, book.nullable)
        out.append(
            Job(
                rule,
                [
                    {
                        "target": i.target,
                        "aux": i.aux,
                        "condition": i.condition,
                        "tests": i.tests,
                        "reads": sorted(i.reads),
                        "phase": i.phase,
                    }
                    for i in internal
                ],
            )
        )
    return out


def durable_problems(
    catalog: Catalog,
    *,
    rule_seconds: float = RULE_SECONDS,
    total_seconds: float = TOTAL_SECONDS,
) -> list[Problem]:
    """A located problem for every rule of ``catalog`` durable-rules cannot compile in
    time (none where durable-rules is not installed: the reference engine runs there)."""
    if not durable_available() or not len(catalog.rules):
        return []
    return prove(jobs(catalog), rule_seconds=rule_seconds, total_seconds=total_seconds)


def _problem(job: Job, code: str, **args: object) -> Problem:
    return Problem(
        code,
        job.rule.location,
        f"Rule(id={job.rule.id!r})",
        args={"rule": job.rule.id, **{k: str(v) for k, v in args.items()}},
    )


def prove(
    work: Sequence[Job],
    *,
    rule_seconds: float = RULE_SECONDS,
    total_seconds: float = TOTAL_SECONDS,
) -> list[Problem]:
    """Compile ``work`` in a child process; a problem for each rule that fails, takes
    longer than ``rule_seconds``, or is not reached within ``total_seconds``."""
    problems: list[Problem] = []
    deadline = time.monotonic() + total_seconds
    with tempfile.TemporaryDirectory(prefix="pathplanner-durable-") as tmp:
        path = os.path.join(tmp, "rules.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for job in work:
                f.write(json.dumps(job.internal, ensure_ascii=False) + "\n")
        start = 0
        while start < len(work):
            done, failed, ended = _run_child(path, start, rule_seconds, deadline)
            for index, message in failed:
                problems.append(_problem(work[index], "rule-durable-failed", detail=message))
            start = done
            if start >= len(work):
                break
            if time.monotonic() >= deadline:
                problems.append(
                    _problem(
                        work[start],
                        "rule-durable-total-time",
                        seconds=f"{total_seconds:g}",
                        done=start,
                        total=len(work),
                    )
                )
                break
            if ended is not None:  # the child died on this rule (a crash in durable-rules)
                detail = f"the process ended with exit code {ended}"
                problems.append(_problem(work[start], "rule-durable-failed", detail=detail))
            else:
                seconds = f"{rule_seconds:g}"
                problems.append(_problem(work[start], "rule-durable-timeout", seconds=seconds))
            start += 1
    return problems


def _run_child(
    path: str, start: int, rule_seconds: float, deadline: float
) -> tuple[int, list[tuple[int, str]], int | None]:
    """Run the child from rule ``start``: (index of the first rule not done, failures, the
    child's exit code if it ended by itself, else ``None``).

    The child says ``ready`` once started, then answers one line per rule; it is killed
    when a line is late."""
    failed: list[tuple[int, str]] = []
    child = subprocess.Popen(
        [sys.executable, "-m", "pathplanner.rules._durable_probe", path, str(start)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
    )
    assert child.stdout is not None
    done = start
    ended: int | None = None
    selector = selectors.DefaultSelector()
    selector.register(child.stdout, selectors.EVENT_READ)
    limit = time.monotonic() + STARTUP_SECONDS  # until the child says it is ready
    try:
        while True:
            now = time.monotonic()
            if not selector.select(timeout=max(0.0, min(limit, deadline) - now)):
                break
            line = child.stdout.readline()
            if not line:
                ended = child.wait()
                break
            kind, _, rest = line.rstrip("\n").partition("\t")
            index, _, message = rest.partition("\t")
            if kind == "fail":
                failed.append((int(index), message))
            if kind in ("ok", "fail"):
                done = int(index) + 1
            # from "ready" on, each rule has its own time
            limit = time.monotonic() + rule_seconds
    finally:
        selector.close()
        if child.poll() is None:
            child.kill()
        child.wait()
        child.stdout.close()
    return done, failed, ended
