"""The disclosure letter as PDF, read back with poppler: its text (pdftotext), its fonts
(pdffonts), its pages (pdfinfo) and the pages as images (pdftoppm)."""

from __future__ import annotations

import functools
import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from letter_checks import example_letter, missing_from_letter
from pathplanner.render import render
from plan_fixtures import plan as fixture_plan
from snapshots import example_paths, example_plan


def _poppler(tool: str, *args: str | Path) -> str:
    return subprocess.run(
        [tool, *map(str, args)], check=True, capture_output=True, text=True
    ).stdout


def _text(pdf: Path) -> str:
    """The PDF's text in the content stream's order (``-raw``), so that the lines of one
    table cell come out together."""
    return _poppler("pdftotext", "-raw", "-enc", "UTF-8", pdf, "-")


@functools.cache
def _letter(example: Path, lang: str, folder: Path) -> Path:
    """The example's letter as a PDF file (made once per example and language)."""
    path = folder / f"{example.stem}.{lang}.pdf"
    path.write_bytes(render(example_plan(example), "pdf", lang, letter=example_letter()))
    return path


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("letters")


def _pages(pdf: Path) -> int:
    found = re.search(r"^Pages:\s+(\d+)$", _poppler("pdfinfo", pdf), re.MULTILINE)
    assert found is not None
    return int(found.group(1))


@pytest.mark.parametrize("example", example_paths(), ids=lambda p: p.stem)
def test_the_text_holds_every_item_and_material(example: Path, folder: Path) -> None:
    plan = example_plan(example)
    text = _text(_letter(example, "zh", folder))
    assert missing_from_letter(plan, text) == []
    assert "工业园区企业服务中心代办点" in text
    assert "六、签收" in text


@pytest.mark.parametrize("example", example_paths(), ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_letter_takes_at_most_two_pages_and_one_per_four_items(
    example: Path, lang: str, folder: Path
) -> None:
    items = len(example_plan(example).disclosure.entries)
    assert _pages(_letter(example, lang, folder)) <= 2 + items / 4


def test_the_pdf_embeds_a_cjk_font(folder: Path) -> None:
    fonts = _poppler("pdffonts", _letter(example_paths()[0], "zh", folder)).splitlines()[2:]
    cjk = [line.split() for line in fonts if "CJK" in line]
    assert cjk, fonts
    # columns: name type… encoding emb sub uni object ID; every CJK font embedded
    assert all(row[-5] == "yes" for row in cjk), cjk


def test_the_pages_are_a4_and_print_text(folder: Path) -> None:
    pdf = _letter(example_paths()[0], "zh", folder)
    _poppler("pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", pdf, folder / "page")
    (png,) = folder.glob("page*.png")
    with Image.open(png) as image:
        width, height = image.size
        assert abs(height / width - 297 / 210) < 0.01
        grey = image.convert("L")
        darkest, _ = grey.getextrema()
        inked = sum(grey.histogram()[:128])
    assert darkest < 64 and inked > width * height // 100  # text, not a blank page


def test_the_english_letter_holds_every_item_and_material(folder: Path) -> None:
    example = example_paths()[0]
    text = _text(_letter(example, "en", folder))
    assert missing_from_letter(example_plan(example), text, "en") == []
    assert "One-time disclosure letter" in text


def test_the_same_plan_gives_the_same_bytes_with_fixed_dates(folder: Path) -> None:
    plan = fixture_plan()
    first = render(plan, "pdf")
    assert render(plan, "pdf") == first
    path = folder / "fixture.pdf"
    path.write_bytes(first)
    info = _poppler("pdfinfo", "-isodates", path)
    day = plan.as_of.isoformat()  # the plan's, never the time of writing
    assert re.search(rf"^CreationDate:\s+{day}T00:00:00", info, re.MULTILINE), info
    assert re.search(rf"^ModDate:\s+{day}T00:00:00", info, re.MULTILINE), info
    assert b"/ID [" in first


def test_a_letter_without_a_file_prints_lines_to_fill_in(folder: Path) -> None:
    path = folder / "blank.pdf"
    path.write_bytes(render(fixture_plan(), "pdf"))
    text = _text(path)
    assert "告知单位" in text and "代办协议编号" in text
    assert "工业园区" not in text
