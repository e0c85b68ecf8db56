"""The Jinja environment of the HTML report and the PDF letter's print page: one loader of
``render/templates``, autoescaped, strict about undefined names."""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

__all__ = ["environment"]


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The shared environment (made once: templates are compiled on first use)."""
    return Environment(
        loader=PackageLoader("pathplanner.render", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
