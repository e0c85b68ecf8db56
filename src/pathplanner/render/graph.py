"""The dependency graph as inline SVG, drawn by Graphviz's ``dot`` program.

When ``dot`` is not installed the report still renders; the figure is replaced by a message
saying how to install it (``apt-get install graphviz``). ``dot`` runs here rather than
through the ``graphviz`` package's ``pipe``, which has no time limit.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass

__all__ = ["GraphFigure", "dot_to_svg"]

_TIMEOUT_S = 120


@dataclass(frozen=True)
class GraphFigure:
    """Either an inline ``<svg>`` (``svg``) or the reason it is missing (``problem`` is a
    message-table code, ``detail`` fills it)."""

    svg: str = ""
    problem: str = ""
    detail: str = ""


def dot_to_svg(dot_source: str) -> GraphFigure:
    """Run ``dot -Tsvg`` on ``dot_source`` and return the ``<svg>`` element alone."""
    program = shutil.which("dot")
    if program is None:
        return GraphFigure(problem="plan-graph-missing")
    try:
        done = subprocess.run(
            [program, "-Tsvg"],
            input=dot_source.encode("utf-8"),
            capture_output=True,
            timeout=_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return GraphFigure(problem="plan-graph-failed", detail=type(exc).__name__)
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        return GraphFigure(problem="plan-graph-failed", detail=detail[-1] if detail else "")
    svg = done.stdout.decode("utf-8", "replace")
    begin = svg.find("<svg")
    if begin < 0:
        return GraphFigure(problem="plan-graph-failed", detail="no <svg> in the output")
    return GraphFigure(svg=svg[begin:].strip())
