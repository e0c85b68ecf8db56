"""Renderers of a :class:`~pathplanner.plan.model.Plan`: JSON, Markdown, HTML and DOT.

Each renderer reads only the plan, so a stored plan renders the same report later. Labels
are Chinese by default; ``lang="en"`` uses English names where the catalog has them and
lists the names that fell back to Chinese.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pathplanner.plan.model import Plan

if TYPE_CHECKING:
    from pathplanner.render.dot import render_dot
    from pathplanner.render.html import render_html
    from pathplanner.render.json import render_json
    from pathplanner.render.markdown import render_markdown

__all__ = ["FORMATS", "render", "render_dot", "render_html", "render_json", "render_markdown"]

FORMATS = ("json", "md", "html", "dot")

_RENDERERS = {
    "json": ("pathplanner.render.json", "render_json"),
    "md": ("pathplanner.render.markdown", "render_markdown"),
    "html": ("pathplanner.render.html", "render_html"),
    "dot": ("pathplanner.render.dot", "render_dot"),
}
"""Format -> (module, function). A renderer's module is imported when first used: jinja2 and
the graphviz package cost ~75 ms to import, which a JSON plan at the terminal need not pay."""


def _renderer(fmt: str) -> Callable[..., str]:
    module, name = _RENDERERS[fmt]
    function: Callable[..., str] = getattr(importlib.import_module(module), name)
    return function


def __getattr__(name: str) -> Any:
    """``render_html`` and the other renderers, imported on first use (PEP 562)."""
    for module, function in _RENDERERS.values():
        if function == name:
            return getattr(importlib.import_module(module), function)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def render(plan: object, fmt: str, lang: str = "zh") -> str:
    """Render ``plan`` in ``fmt`` (one of :data:`FORMATS`)."""
    if not isinstance(plan, Plan):
        raise TypeError("render() expects a Plan")
    if fmt not in _RENDERERS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if fmt == "json":
        return _renderer(fmt)(plan)
    return _renderer(fmt)(plan, lang)
