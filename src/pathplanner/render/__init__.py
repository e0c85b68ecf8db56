"""Renderers of a :class:`~pathplanner.plan.model.Plan`: JSON, Markdown, HTML and DOT.

Each renderer reads only the plan, so a stored plan renders the same report later. Labels
are Chinese by default; ``lang="en"`` uses English names where the catalog has them and
lists the names that fell back to Chinese.
"""

from __future__ import annotations

from pathplanner.plan.model import Plan
from pathplanner.render.dot import render_dot
from pathplanner.render.html import render_html
from pathplanner.render.json import render_json
from pathplanner.render.markdown import render_markdown

__all__ = ["FORMATS", "render", "render_dot", "render_html", "render_json", "render_markdown"]

FORMATS = ("json", "md", "html", "dot")


def render(plan: object, fmt: str, lang: str = "zh") -> str:
    """Render ``plan`` in ``fmt`` (one of :data:`FORMATS`)."""
    if not isinstance(plan, Plan):
        raise TypeError("render() expects a Plan")
    if fmt == "json":
        return render_json(plan)
    if fmt == "md":
        return render_markdown(plan, lang)
    if fmt == "html":
        return render_html(plan, lang)
    if fmt == "dot":
        return render_dot(plan, lang)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
