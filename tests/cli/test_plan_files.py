"""``plan --format docx|pdf|xlsx``: binary files need ``-o``; ``--letter`` fills the letter."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

from letter_checks import LETTER_FILE
from pathplanner.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "low-risk-warehouse.yaml"


@pytest.mark.parametrize("fmt", ["docx", "pdf", "xlsx"])
def test_a_binary_format_without_o_is_a_command_line_error(
    fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "en", "plan", str(EXAMPLE), "--format", fmt]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"--format {fmt} makes a file, not text" in " ".join(captured.err.split())


def test_the_letter_is_written_with_its_header(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "letter.docx"
    args = ["plan", str(EXAMPLE), "--format", "docx", "--letter", str(LETTER_FILE)]
    assert main([*args, "-o", str(target)]) == 0
    assert capsys.readouterr().out == f"报告已写入 {target.as_posix()}\n"
    text = "\n".join(p.text for p in docx.Document(target).paragraphs)
    assert text.startswith("一次性告知书\n")
    cells = {c.text for row in docx.Document(target).tables[0].rows for c in row.cells}
    assert {"工业园区企业服务中心代办点", "王丽", "DB-2026-031"} <= cells


def test_the_pdf_and_the_workbook_are_written(tmp_path: Path) -> None:
    pdf, xlsx = tmp_path / "letter.pdf", tmp_path / "plan.xlsx"
    assert main(["plan", str(EXAMPLE), "--format", "pdf", "-o", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert main(["--lang", "en", "plan", str(EXAMPLE), "--format", "xlsx", "-o", str(xlsx)]) == 0
    assert zipfile.is_zipfile(io.BytesIO(xlsx.read_bytes()))
    assert openpyxl.load_workbook(xlsx).sheetnames[0] == "Schedule"


def test_a_letter_with_a_format_that_is_no_letter_is_a_command_line_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["--lang", "en", "plan", str(EXAMPLE), "--format", "md", "--letter", str(LETTER_FILE)]
    assert main(args) == 2
    assert "applies only to --format docx or pdf" in " ".join(capsys.readouterr().err.split())


def test_a_bad_letter_file_is_located_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    letter = tmp_path / "letter.yaml"
    letter.write_text("agent:\n  phnoe: 1\n", encoding="utf-8")
    target = tmp_path / "letter.pdf"
    args = ["--lang", "en", "plan", str(EXAMPLE), "--format", "pdf", "--letter", str(letter)]
    assert main([*args, "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{letter.as_posix()}:2:3: error [unknown-key] Letter > agent")
    assert "'phone'" in err
    assert not target.exists()


def test_the_letter_file_is_never_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    letter = tmp_path / "letter.yaml"
    letter.write_bytes(LETTER_FILE.read_bytes())
    args = ["plan", str(EXAMPLE), "--format", "pdf", "--letter", str(letter), "-o", str(letter)]
    assert main(["--lang", "en", *args]) == 1
    assert "[file-is-input]" in capsys.readouterr().err
    assert letter.read_bytes() == LETTER_FILE.read_bytes()


def test_two_runs_write_the_same_bytes(tmp_path: Path) -> None:
    """Fresh processes, so nothing a first run left in memory (font subsets, caches) can
    make the second one agree."""
    for fmt in ("docx", "pdf", "xlsx"):
        written = []
        for run in ("first", "second"):
            target = tmp_path / f"{run}.{fmt}"
            args = ["plan", str(EXAMPLE), "--format", fmt, "-o", str(target)]
            code = f"from pathplanner.cli import main; raise SystemExit(main({args!r}))"
            subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
            written.append(target.read_bytes())
        assert written[0] == written[1], fmt
