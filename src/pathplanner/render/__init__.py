"""Renderers of a :class:`~pathplanner.plan.model.Plan`: JSON, Markdown, HTML and DOT as
text; the disclosure letter as Word (docx) and PDF, and the agents' Excel workbook (xlsx),
as bytes.

Each renderer reads only the plan, so a stored plan renders the same report later. Labels
are Chinese by default; ``lang="en"`` uses English names where the catalog has them and
lists the names that fell back to Chinese.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal, overload

from pathplanner.organisation.letter import Letter
from pathplanner.plan.model import Plan

if TYPE_CHECKING:
    from pathplanner.render.docx import render_docx
    from pathplanner.render.dot import render_dot
    from pathplanner.render.html import render_html
    from pathplanner.render.json import render_json
    from pathplanner.render.markdown import render_markdown
    from pathplanner.render.pdf import render_pdf
    from pathplanner.render.xlsx import render_xlsx

__all__ = [
    "BINARY_FORMATS",
    "FORMATS",
    "LETTER_FORMATS",
    "render",
    "render_docx",
    "render_dot",
    "render_html",
    "render_json",
    "render_markdown",
    "render_pdf",
    "render_xlsx",
]

FORMATS = ("json", "md", "html", "dot", "docx", "pdf", "xlsx")

BINARY_FORMATS = frozenset({"docx", "pdf", "xlsx"})
"""The formats :func:`render` returns as bytes (files to write, not text to print)."""

LETTER_FORMATS = frozenset({"docx", "pdf"})
"""The formats that are the disclosure letter, whose header a :class:`Letter` fills."""

BinaryFormat = Literal["docx", "pdf", "xlsx"]
TextFormat = Literal["json", "md", "html", "dot"]

_RENDERERS = {
    "json": ("pathplanner.render.json", "render_json"),
    "md": ("pathplanner.render.markdown", "render_markdown"),
    "html": ("pathplanner.render.html", "render_html"),
    "dot": ("pathplanner.render.dot", "render_dot"),
    "docx": ("pathplanner.render.docx", "render_docx"),
    "pdf": ("pathplanner.render.pdf", "render_pdf"),
    "xlsx": ("pathplanner.render.xlsx", "render_xlsx"),
}
"""Format -> (module, function). A renderer's module is imported when first used: jinja2 and
the graphviz package cost ~75 ms to import, which a JSON plan at the terminal need not pay,
and python-docx, WeasyPrint and openpyxl more."""


def _renderer(fmt: str) -> Callable[..., Any]:
    module, name = _RENDERERS[fmt]
    function: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return function


def __getattr__(name: str) -> Any:
    """``render_html`` and the other renderers, imported on first use (PEP 562)."""
    for module, function in _RENDERERS.values():
        if function == name:
            return getattr(importlib.import_module(module), function)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@overload
def render(
    plan: object, fmt: BinaryFormat, lang: str = "zh", *, letter: Letter | None = None
) -> bytes: ...
@overload
def render(
    plan: object, fmt: TextFormat, lang: str = "zh", *, letter: Letter | None = None
) -> str: ...
@overload
def render(
    plan: object, fmt: str, lang: str = "zh", *, letter: Letter | None = None
) -> str | bytes: ...
def render(
    plan: object, fmt: str, lang: str = "zh", *, letter: Letter | None = None
) -> str | bytes:
    """Render ``plan`` in ``fmt`` (one of :data:`FORMATS`): text, or bytes for the
    :data:`BINARY_FORMATS`. ``letter`` (:func:`pathplanner.organisation.load_letter`) fills
    the header of the disclosure letter (``docx``, ``pdf``); other formats ignore it."""
    if not isinstance(plan, Plan):
        raise TypeError("render() expects a Plan")
    if fmt not in _RENDERERS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if letter is not None and not isinstance(letter, Letter):
        raise TypeError("render() expects letter to be a Letter (pathplanner.organisation)")
    if fmt == "json":
        return _renderer(fmt)(plan)  # type: ignore[no-any-return]
    if fmt in LETTER_FORMATS:
        return _renderer(fmt)(plan, lang, letter)  # type: ignore[no-any-return]
    return _renderer(fmt)(plan, lang)  # type: ignore[no-any-return]
