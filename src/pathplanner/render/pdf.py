"""The one-time disclosure letter (一次性告知书) as a PDF, printed on A4 by WeasyPrint.

The letter's text comes from :func:`~pathplanner.render.letter.letter_content` (the same as
the .docx), laid out by an HTML template with CSS paged media (A4, page numbers, table
headers repeated on each page). WeasyPrint runs in the process, with no browser to start,
and embeds a subset of the CJK font (Noto Sans CJK, Debian's fonts-noto-cjk) so the PDF
prints anywhere. The same plan and letter give the same bytes: the PDF's dates are the
plan's as-of date and its ID is a hash of the letter's HTML.
"""

from __future__ import annotations

import hashlib
import logging

import weasyprint

from pathplanner.organisation.letter import Letter
from pathplanner.plan.model import Plan
from pathplanner.render._templates import environment
from pathplanner.render.letter import letter_content

__all__ = ["letter_html", "render_pdf"]


def letter_html(plan: Plan, lang: str = "zh", letter: Letter | None = None) -> str:
    """The letter as the print-ready HTML the PDF is made from."""
    content = letter_content(plan, letter, lang)
    template = environment().get_template("letter.html.j2")
    return template.render(c=content, day=plan.as_of.isoformat())


def render_pdf(plan: Plan, lang: str = "zh", letter: Letter | None = None) -> bytes:
    """The disclosure letter for ``plan`` as PDF bytes; ``letter`` fills the header
    (blank lines to fill in by hand where it has no value)."""
    html = letter_html(plan, lang, letter)
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    # WeasyPrint logs every CSS property it ignores; the letter's CSS is ours and tested
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    pdf: bytes = weasyprint.HTML(string=html).write_pdf(pdf_identifier=identifier)
    return pdf
