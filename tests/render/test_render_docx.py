"""The disclosure letter as .docx, opened again with python-docx as Word would open it."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import docx
import pytest

from letter_checks import example_letter, missing_from_letter
from pathplanner.render import render
from pathplanner.render.docx import BLANK
from plan_fixtures import plan as fixture_plan
from snapshots import example_paths, example_plan


def _text(data: bytes) -> str:
    """Every paragraph and every table cell of the document, one per line."""
    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


@pytest.mark.parametrize("example", example_paths(), ids=lambda p: p.stem)
def test_every_item_material_and_excluded_item_is_in_the_letter(example: Path) -> None:
    plan = example_plan(example)
    text = _text(render(plan, "docx", letter=example_letter()))
    assert missing_from_letter(plan, text) == []
    numbered = [f"{e.order}. {e.name.zh}" for e in plan.disclosure.entries]
    assert all(heading in text for heading in numbered)


def _header(data: bytes) -> dict[str, str]:
    """The header table's label → value, two pairs to a row."""
    table = docx.Document(io.BytesIO(data)).tables[0]
    cells = [cell.text for row in table.rows for cell in row.cells]
    return {label: value for label, value in zip(cells[::2], cells[1::2], strict=True) if label}


def test_the_header_holds_the_letter_file_and_blank_lines_where_it_has_none() -> None:
    plan = example_plan(example_paths()[0])
    header = _header(render(plan, "docx", letter=example_letter()))
    assert header["告知单位"] == "工业园区企业服务中心代办点"
    assert header["代办员"] == "王丽"
    assert header["代办协议编号"] == "DB-2026-031"
    assert header["告知日期"] == "2026-03-02"
    assert header["项目名称"] == plan.inputs.project_name.zh  # the letter names none
    blank = _header(render(plan, "docx"))
    assert len(blank) == 11
    assert {k for k, v in blank.items() if v != BLANK} == {"项目名称"}


def test_the_letter_ends_with_signatures_to_fill_in() -> None:
    text = _text(render(fixture_plan(), "docx"))
    for label in ("投资主体（签字或盖章）", "代办员（签字）", "六、签收"):
        assert label in text
    assert "本人已收到本告知书" in text


def test_commitments_and_tolerance_supplements_carry_their_deadlines() -> None:
    text = _text(render(fixture_plan(), "docx"))
    assert "事后核查" in text and "2026-05-02 前（办结后 30 个自然日）" in text
    assert "勘察报告" in text and "2026-03-30" in text
    assert "本项目没有容缺受理" not in text


def test_the_english_letter() -> None:
    plan = example_plan(example_paths()[0])
    data = render(plan, "docx", "en", letter=example_letter())
    text = _text(data)
    assert docx.Document(io.BytesIO(data)).paragraphs[0].text == "One-time disclosure letter"
    assert missing_from_letter(plan, text, "en") == []
    assert "6. Acknowledgement of receipt" in text


def test_the_same_plan_gives_the_same_bytes_with_fixed_dates() -> None:
    plan = example_plan(example_paths()[0])
    first = render(plan, "docx", letter=example_letter())
    assert render(plan, "docx", letter=example_letter()) == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    props = docx.Document(io.BytesIO(first)).core_properties
    stamp = dt.datetime(2026, 3, 2, tzinfo=dt.UTC)
    assert (props.created, props.modified, props.author) == (stamp, stamp, "pathplanner")
