"""The agents' Excel workbook, opened again with openpyxl: sheets, headers, real dates,
frozen header rows, filters, and text that a spreadsheet never runs as a formula."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.worksheet.worksheet import Worksheet

from pathplanner.plan.model import Name, Plan
from pathplanner.render import render
from pathplanner.render.xlsx import FORMULA_STARTS, clean_text
from plan_fixtures import plan as fixture_plan
from snapshots import example_paths, example_plan

SHEETS_ZH = ["进度计划", "材料计划", "一次性告知清单", "方案选择"]
SHEETS_EN = ["Schedule", "Material plan", "Disclosure list", "Choices"]


def _book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _rows(sheet: Worksheet) -> list[dict[str, object]]:
    """The sheet's rows under its header, as header → value."""
    rows = list(sheet.iter_rows(values_only=True))
    header = [str(h) for h in rows[0]]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def _day(value: object) -> dt.date:
    """An Excel date cell as read back (openpyxl gives a datetime at midnight)."""
    assert isinstance(value, dt.datetime) and value.time() == dt.time(0), value
    return value.date()


@pytest.mark.parametrize("example", example_paths(), ids=lambda p: p.stem)
def test_every_sheet_reads_back_with_real_values(example: Path) -> None:
    plan = example_plan(example)
    book = _book(render(plan, "xlsx"))
    assert book.sheetnames == SHEETS_ZH
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert (
            sheet.auto_filter.ref
            == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"
        )
        assert all(sheet.column_dimensions[c.column_letter].width for c in sheet[1])

    schedule = _rows(book["进度计划"])
    assert [r["标识"] for r in schedule] == [t.id for t in plan.tasks]
    for row, task in zip(schedule, plan.tasks, strict=True):
        assert (_day(row["开始（受理）"]), _day(row["结束（办结）"])) == (task.start, task.finish)
        assert row["机动时间（工作日）"] == task.float_working_days
        assert row["关键任务"] == ("是" if task.critical else "否")
    dated = book["进度计划"]["E2"]
    assert dated.is_date and dated.number_format == "yyyy-mm-dd"

    materials = _rows(book["材料计划"])
    assert len(materials) == len(plan.materials)
    for row, material in zip(materials, plan.materials, strict=True):
        assert row["材料"] == material.name.zh
        if material.ready is not None:
            assert _day(row["计划备齐"]) == material.ready

    disclosure = _rows(book["一次性告知清单"])
    expected = [
        (e.order, m.name.zh if m else None)  # an item asking for nothing still has its row
        for e in plan.disclosure.entries
        for m in (e.materials or [None])
    ]
    assert [(r["序号"], r["材料"]) for r in disclosure] == expected

    choices = _rows(book["方案选择"])
    assert len(choices) == sum(len(c.alternatives) for c in plan.choices)
    assert sum(r["选中"] == "是" for r in choices) == len(plan.choices)


def test_english_headers() -> None:
    book = _book(render(fixture_plan(), "xlsx", "en"))
    assert book.sheetnames == SHEETS_EN
    assert [c.value for c in book["Schedule"][1]][:4] == ["Task", "Type", "Stage", "Department"]


def test_the_same_plan_gives_the_same_bytes_with_fixed_dates() -> None:
    plan = fixture_plan()
    first = render(plan, "xlsx")
    assert render(plan, "xlsx") == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    props = _book(first).properties
    midnight = dt.datetime.combine(plan.as_of, dt.time(0))
    assert (props.created, props.modified, props.creator) == (midnight, midnight, "pathplanner")


def _named(plan: Plan, text: str) -> Plan:
    """``plan`` with its first task and material called ``text`` in both languages."""
    name = Name(zh=text, en=text)
    task = plan.tasks[0].model_copy(update={"name": name})
    material = plan.materials[0].model_copy(update={"name": name})
    return plan.model_copy(
        update={"tasks": [task, *plan.tasks[1:]], "materials": [material, *plan.materials[1:]]}
    )


def _formulas(data: bytes) -> list[str]:
    """Every formula element in the workbook's sheets (there must be none)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        return [f for n in sheets for f in re.findall(r"<f[ >].*?</f>", archive.read(n).decode())]


@settings(max_examples=60, deadline=None)  # a workbook per example: ~50 ms each
@given(
    st.one_of(
        st.builds(lambda head, tail: head + tail, st.sampled_from(FORMULA_STARTS), st.text()),
        st.text(),
    )
)
def test_text_is_never_a_formula(text: str) -> None:
    """Whatever a name holds, the workbook stores it as the text it was (less the control
    characters the format forbids) and never as a formula; text a spreadsheet would read as
    a formula when typed carries the quote prefix."""
    data = render(_named(fixture_plan(), text), "xlsx")
    assert _formulas(data) == []
    book = _book(data)
    for cell in (book["进度计划"]["A2"], book["材料计划"]["A2"]):
        expected = clean_text(text)
        if not expected:
            assert cell.value is None  # nothing to write: an empty cell
            continue
        assert cell.value == expected
        assert cell.data_type == "s"
        assert cell.quotePrefix == expected.startswith(FORMULA_STARTS)
