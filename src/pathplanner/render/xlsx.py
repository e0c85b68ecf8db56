"""The plan as an Excel workbook for agents (Excel and WPS), written with openpyxl.

Four sheets, each a table with its header row frozen, a filter on every column and widths
fitted to the text: the schedule (real Excel dates, stage, department, float, critical), the
material plan, the disclosure list (one row per item and material) and the optimizer's
choices. Headers are in the report's language.

Every text cell is written as text: a value starting with ``=``, ``+``, ``-`` or ``@`` is
stored as a string with Excel's quote prefix, so no spreadsheet ever runs it as a formula
(:func:`write_text`). The same plan gives the same bytes: fixed document dates (the plan's
as-of date) and zip entries (:func:`~pathplanner.render._zip.stable_zip`).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.properties import CalcProperties
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from pathplanner.plan.model import Plan, TaskSlipPlan
from pathplanner.render._common import Labeller, display_stages
from pathplanner.render._zip import stable_zip
from pathplanner.render.markdown import fees_text, material_note, prerequisite_text

__all__ = ["FORMULA_STARTS", "clean_text", "render_xlsx", "write_text"]

FORMULA_STARTS = ("=", "+", "-", "@")
"""The first characters with which a spreadsheet reads a typed-in value as a formula."""

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_MAX_CELL = 32_767  # Excel's limit on the characters of one cell
_MAX_WIDTH = 60
_DATE_FORMAT = "yyyy-mm-dd"

Value = str | int | dt.date | None


@dataclass(frozen=True)
class _Sheet:
    title: str
    header: list[str]
    rows: list[list[Value]]


def clean_text(value: str) -> str:
    """``value`` as a cell can hold it: without the control characters the file format
    forbids, and cut at Excel's 32,767 characters."""
    return _ILLEGAL.sub("", value)[:_MAX_CELL]


def write_text(cell: Cell, value: str) -> None:
    """Write ``value`` into ``cell`` as text, never as a formula: the cell is typed as a
    string (openpyxl would otherwise store ``=…`` as a formula) and, for a value a
    spreadsheet would read as a formula when typed, carries Excel's quote prefix, so
    editing the cell keeps it text too."""
    text = clean_text(value)
    if not text:
        return  # an empty cell: openpyxl would write an empty inline string
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True


def _width(value: Value) -> int:
    """Display width of a value: wide (CJK) characters count two."""
    if isinstance(value, dt.date):
        return 10
    text = "" if value is None else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell(sheet: Worksheet, row: int, column: int) -> Cell:
    cell = sheet.cell(row=row, column=column)
    if not isinstance(cell, Cell):  # a merged cell: this renderer merges none
        raise TypeError(f"cell {row},{column} is merged")
    return cell


def _fill(sheet: Worksheet, spec: _Sheet) -> None:
    bold = Font(bold=True)
    shade = PatternFill("solid", start_color="DDDDDD", end_color="DDDDDD")
    for column, title in enumerate(spec.header, start=1):
        cell = _cell(sheet, 1, column)
        write_text(cell, title)
        cell.font = bold
        cell.fill = shade
    wrap = Alignment(wrap_text=True, vertical="top")
    for row_number, row in enumerate(spec.rows, start=2):
        for column, value in enumerate(row, start=1):
            cell = _cell(sheet, row_number, column)
            if isinstance(value, str):
                write_text(cell, value)
                cell.alignment = wrap
            elif isinstance(value, dt.date):
                cell.value = value
                cell.number_format = _DATE_FORMAT
            else:
                cell.value = value
    for column, title in enumerate(spec.header, start=1):
        widest = max([_width(title), *(_width(r[column - 1]) for r in spec.rows)])
        sheet.column_dimensions[get_column_letter(column)].width = min(widest + 2, _MAX_WIDTH)
    sheet.freeze_panes = "A2"
    last = get_column_letter(len(spec.header))
    sheet.auto_filter.ref = f"A1:{last}{max(len(spec.rows) + 1, 1)}"


def _schedule(plan: Plan, names: Labeller) -> _Sheet:
    lab = names.label
    stages = display_stages(plan)
    slips = {t.task: t for t in plan.slippage.tasks} if plan.slippage is not None else None
    rows: list[list[Value]] = [
        [
            names.name(t.name, t.id),
            lab(f"xlsx-type-{t.type}"),
            names.stage(stages.get(t.id, "")) if stages.get(t.id) else "",
            names.department(t.department),
            t.start,
            t.finish,
            t.ready,
            t.duration.value,
            lab(f"xlsx-clock-{t.duration.clock}"),
            t.float_working_days,
            names.yes_no(t.critical),
            lab(f"plan-status-{t.status}"),
            t.id,
            *_slip_cells(slips, t.id, names),
        ]
        for t in plan.tasks
    ]
    header = [
        lab(k)
        for k in (
            "xlsx-col-task",
            "xlsx-col-type",
            "plan-col-stage",
            "plan-department",
            "xlsx-col-start",
            "xlsx-col-finish",
            "xlsx-col-ready",
            "xlsx-col-duration",
            "xlsx-col-clock",
            "xlsx-col-float",
            "xlsx-col-critical",
            "xlsx-col-status",
            "xlsx-col-id",
        )
    ]
    if plan.slippage is not None:
        header += [
            lab(k)
            for k in (
                "xlsx-col-baseline-start",
                "xlsx-col-baseline-finish",
                "plan-col-progress",
                "plan-col-slip",
                "plan-col-reason",
            )
        ]
    return _Sheet(lab("xlsx-sheet-schedule"), header, rows)


def _slip_cells(
    slips: dict[str, TaskSlipPlan] | None, task_id: str, names: Labeller
) -> list[Value]:
    """A re-plan's columns of the schedule sheet (none for a plan that is not one): the
    baseline dates, progress, slip in working days and the reasons from the actuals."""
    if slips is None:
        return []
    slip = slips.get(task_id)
    if slip is None:
        return [None, None, "", None, ""]
    return [
        slip.baseline_start,
        slip.baseline_finish,
        names.label(f"plan-progress-{slip.progress}") if slip.progress else "",
        slip.working_days,
        names.join(slip.reasons),
    ]


def _materials(plan: Plan, names: Labeller) -> _Sheet:
    lab = names.label
    rows: list[list[Value]] = [
        [
            names.name(m.name, m.material),
            names.provider(m.provider_name, m.provider, m.issued_by),
            m.lead_time.value if m.lead_time else None,
            lab(f"xlsx-clock-{m.lead_time.clock}") if m.lead_time else "",
            m.window_start,
            m.window_end,
            m.ready,
            m.needed_by_earliest,
            m.needed_by_latest,
            names.join((names.task(u) for u in m.used_by), "list"),
            " ".join(names.name(w.message) for w in m.warnings),
        ]
        for m in plan.materials
    ]
    header = [
        lab(k)
        for k in (
            "plan-col-material",
            "plan-col-provider",
            "plan-col-lead-time",
            "xlsx-col-clock",
            "xlsx-col-window-start",
            "xlsx-col-window-end",
            "plan-col-ready",
            "plan-col-needed-earliest",
            "plan-col-needed-latest",
            "plan-col-used-by",
            "plan-col-warnings",
        )
    ]
    return _Sheet(lab("xlsx-sheet-materials"), header, rows)


def _disclosure(plan: Plan, names: Labeller) -> _Sheet:
    lab = names.label
    rows: list[list[Value]] = []
    for entry in plan.disclosure.entries:
        limits = entry.time_limits
        item: list[Value] = [
            entry.order,
            names.name(entry.name, entry.item),
            names.name(entry.department_name, entry.department),
            entry.window,
            names.name(entry.mode_name, entry.mode),
            names.duration(limits.statutory),
            names.duration(limits.committed),
            entry.acceptance,
            entry.decision,
            fees_text(entry, names, str) or lab("plan-no-fee"),
            names.join(prerequisite_text(p, names) for p in entry.prerequisites),
        ]
        if not entry.materials:
            rows.append([*item, "", "", None, "", ""])
        rows.extend(
            [
                *item,
                names.name(m.name, m.material),
                lab("plan-original" if m.original else "plan-copy"),
                m.copies,
                names.provider(m.provider_name, m.provider, m.issued_by),
                material_note(m, names, entry.replaces, escape=str),
            ]
            for m in entry.materials
        )
    header = [
        lab(k)
        for k in (
            "xlsx-col-order",
            "plan-col-item",
            "plan-department",
            "plan-window",
            "plan-mode",
            "xlsx-col-statutory",
            "xlsx-col-committed",
            "plan-acceptance",
            "plan-decision",
            "plan-fees",
            "plan-prerequisites",
            "plan-col-material",
            "plan-col-original",
            "plan-col-copies",
            "plan-col-provider",
            "plan-col-notes",
        )
    ]
    return _Sheet(lab("xlsx-sheet-disclosure"), header, rows)


def _choices(plan: Plan, names: Labeller) -> _Sheet:
    lab = names.label
    rows: list[list[Value]] = [
        [
            names.name(choice.name, choice.id),
            names.name(alt.name, alt.id),
            names.yes_no(alt.chosen),
            alt.finish,
            alt.commitments,
            alt.items,
            names.yes_no(choice.pinned),
            names.join(names.alternative_notes(alt)),
        ]
        for choice in plan.choices
        for alt in choice.alternatives
    ]
    header = [
        lab(k)
        for k in (
            "plan-col-option",
            "plan-col-alternative",
            "xlsx-col-chosen",
            "plan-col-finish",
            "xlsx-col-commitments",
            "xlsx-col-items",
            "xlsx-col-pinned",
            "plan-col-notes",
        )
    ]
    return _Sheet(lab("xlsx-sheet-choices"), header, rows)


def _sheets(plan: Plan, names: Labeller) -> Sequence[_Sheet]:
    return (
        _schedule(plan, names),
        _materials(plan, names),
        _disclosure(plan, names),
        _choices(plan, names),
    )


def render_xlsx(plan: Plan, lang: str = "zh") -> bytes:
    """The agents' workbook for ``plan`` as .xlsx bytes."""
    names = Labeller(plan, lang)
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for spec in _sheets(plan, names):
        _fill(workbook.create_sheet(spec.title), spec)
    stamp = dt.datetime(plan.as_of.year, plan.as_of.month, plan.as_of.day)
    props = workbook.properties
    props.creator = props.lastModifiedBy = "pathplanner"
    props.created = props.modified = stamp
    props.title = names.label("plan-report-title", project=names.project())
    props.language = "zh-CN" if names.lang == "zh" else "en"
    workbook.calculation = CalcProperties(fullCalcOnLoad=False)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        # ExcelWriter, not save_workbook: that one stamps the time of writing on the file
        ExcelWriter(workbook, archive).save()
    return stable_zip(buffer.getvalue())
