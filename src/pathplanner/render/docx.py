"""The one-time disclosure letter (一次性告知书) as a Word document (.docx).

Built with python-docx paragraph by paragraph from :func:`~pathplanner.render.letter.
letter_content`, so it says exactly what the PDF says. A4, a CJK font named for East Asian
text, tables an agent can still edit before printing. The same plan and letter give the
same bytes: the document properties carry the plan's as-of date, never the time of writing,
and the zip entries a fixed date (:func:`~pathplanner.render._zip.stable_zip`).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from pathplanner.organisation.letter import Letter
from pathplanner.plan.model import Plan
from pathplanner.render._zip import stable_zip
from pathplanner.render.letter import LetterContent, LetterDue, LetterItem, letter_content

__all__ = ["BLANK", "render_docx"]

BLANK = "＿" * 12
"""What a field left out of the letter file prints as: a line to fill in by hand."""

_FONT_LATIN = "Noto Sans"
_FONT_CJK = "Noto Sans CJK SC"
_BODY_PT = 10
_SMALL_PT = 9


def _set_fonts(document: DocxDocument) -> None:
    """The default style names a CJK font for East Asian text (Word would otherwise fall
    back to a Western font and draw boxes on a machine without a Chinese default)."""
    style = document.styles["Normal"]
    style.font.name = _FONT_LATIN
    style.font.size = Pt(_BODY_PT)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), _FONT_CJK)
    for name in ("Title", "Heading 1", "Heading 2"):
        heading = document.styles[name]
        heading_fonts = heading.element.get_or_add_rPr().get_or_add_rFonts()
        heading_fonts.set(qn("w:eastAsia"), _FONT_CJK)
        heading_fonts.set(qn("w:ascii"), _FONT_LATIN)
        heading_fonts.set(qn("w:hAnsi"), _FONT_LATIN)


def _a4(document: DocxDocument) -> None:
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(18)
        section.top_margin = section.bottom_margin = Mm(16)


def _properties(document: DocxDocument, content: LetterContent, day: dt.date) -> None:
    """Fixed document properties: the same letter, the same bytes."""
    stamp = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
    props = document.core_properties
    props.title = content.title
    props.author = props.last_modified_by = "pathplanner"
    props.created = props.modified = props.last_printed = stamp
    props.revision = 1
    props.language = "zh-CN" if content.lang == "zh" else "en"
    props.comments = props.keywords = props.subject = props.category = ""


def _table(document: DocxDocument, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.size = Pt(_SMALL_PT)
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.paragraphs[0].add_run(text).font.size = Pt(_SMALL_PT)


def _fields(document: DocxDocument, fields: Sequence[tuple[str, str]]) -> None:
    """Label-value lines two to a row; an empty value is a blank line to fill in."""
    table = document.add_table(rows=0, cols=4)
    for start in range(0, len(fields), 2):
        cells = table.add_row().cells
        for offset, (label, value) in enumerate(fields[start : start + 2]):
            cells[2 * offset].paragraphs[0].add_run(label).bold = True
            cells[2 * offset + 1].paragraphs[0].add_run(value or BLANK)


def _item(document: DocxDocument, item: LetterItem, content: LetterContent) -> None:
    labels = content.labels
    document.add_heading(f"{item.number}. {item.name}", level=2)
    for fact in item.facts:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.add_run(fact.label + labels["colon"]).bold = True
        paragraph.add_run(fact.value)
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(4)
    paragraph.add_run(labels["plan-materials"]).bold = True
    if not item.materials:
        paragraph.add_run(labels["colon"] + labels["plan-none"])
        return
    _table(
        document,
        [
            labels["plan-col-material"],
            labels["plan-col-original"],
            labels["plan-col-copies"],
            labels["plan-col-provider"],
            labels["plan-col-notes"],
        ],
        [[m.name, m.form, m.copies, m.provider, m.note] for m in item.materials],
    )


def _dues(
    document: DocxDocument, content: LetterContent, rows: Sequence[LetterDue], none_key: str
) -> None:
    labels = content.labels
    if not rows:
        document.add_paragraph(labels[none_key])
        return
    _table(
        document,
        [labels["letter-col-item"], labels["letter-col-what"], labels["letter-col-due"]],
        [[r.item, r.what, r.due] for r in rows],
    )


def _write(document: DocxDocument, content: LetterContent) -> None:
    labels = content.labels
    title = document.add_heading(content.title, level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _fields(document, [(f.label, f.value) for f in content.header])
    document.add_paragraph(content.intro)
    document.add_heading(labels["letter-items"], level=1)
    for item in content.items:
        _item(document, item, content)
    document.add_heading(labels["letter-commitments"], level=1)
    _dues(document, content, content.commitments, "letter-commitments-none")
    document.add_heading(labels["letter-supplements"], level=1)
    _dues(document, content, content.supplements, "letter-supplements-none")
    document.add_heading(labels["letter-other-obligations"], level=1)
    _dues(document, content, content.other_obligations, "letter-other-obligations-none")
    document.add_heading(labels["letter-not-applicable"], level=1)
    for sentence in content.not_applicable or (labels["letter-not-applicable-none"],):
        document.add_paragraph(sentence, style="List Bullet")
    document.add_heading(labels["letter-receipt"], level=1)
    document.add_paragraph(content.receipt)
    _fields(document, [(f.label, f.value) for f in content.signatures])
    footer = document.add_paragraph()
    footer.add_run(content.footer).font.size = Pt(8)


def render_docx(plan: Plan, lang: str = "zh", letter: Letter | None = None) -> bytes:
    """The disclosure letter for ``plan`` as .docx bytes; ``letter`` fills the header
    (blank lines to fill in by hand where it has no value)."""
    content = letter_content(plan, letter, lang)
    document = Document()
    _a4(document)
    _set_fonts(document)
    _properties(document, content, plan.as_of)
    _write(document, content)
    buffer = io.BytesIO()
    document.save(buffer)
    return stable_zip(buffer.getvalue())
