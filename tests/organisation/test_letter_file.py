"""The letter file: the header of the disclosure letter, read strictly and located."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from letter_checks import LETTER_FILE
from pathplanner.errors import InputError
from pathplanner.organisation import Agent, Investor, Letter, Unit, UnitKind, load_letter


def _problems(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_letter(path)
    return [p.message("en") for p in caught.value.problems]


def test_the_example_letter_reads_into_organisation_records() -> None:
    letter = load_letter(LETTER_FILE)
    assert letter.unit == Unit(
        id="zone-industrial-park",
        name="工业园区企业服务中心代办点",
        kind=UnitKind.MAIN_ZONE,
        address="工业园区政务服务中心一楼 12 号窗口",
        phone="0512-6600 0012",
    )
    assert letter.agent == Agent(name="王丽", phone="139 0000 0012", unit="zone-industrial-park")
    assert letter.investor == Investor(
        name="某精密制造有限公司", contact="陈明", phone="138 0000 0034"
    )
    assert (letter.agreement, letter.date, letter.project) == (
        "DB-2026-031",
        dt.date(2026, 3, 2),
        None,
    )


def test_an_empty_file_is_a_letter_of_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "letter.yaml"
    path.write_text("# to fill in by hand\n", encoding="utf-8")
    assert load_letter(path) == Letter()


def test_a_misspelt_key_is_located_with_a_suggestion(tmp_path: Path) -> None:
    path = tmp_path / "letter.yaml"
    path.write_text("unit:\n  name: 代办点\n  adress: 一楼\n", encoding="utf-8")
    (message,) = _problems(path)
    assert message.startswith(f"{path.as_posix()}:3:3: error [unknown-key]")
    assert "'address'" in message


def test_a_date_not_written_as_a_date_is_refused_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "letter.yaml"
    path.write_text("agreement: DB-1\ndate: 2026-02-30\n", encoding="utf-8")
    (message,) = _problems(path)
    assert message.startswith(f"{path.as_posix()}:2:7: error [bad-type] Letter > date")
    assert "YYYY-MM-DD" in message


def test_an_unknown_unit_kind_names_the_kinds(tmp_path: Path) -> None:
    path = tmp_path / "letter.yaml"
    path.write_text("unit:\n  kind: village\n", encoding="utf-8")
    (message,) = _problems(path)
    assert "[bad-choice]" in message
    assert all(kind.value in message for kind in UnitKind)


def test_a_file_of_another_kind_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "letter.yaml"
    path.write_text("Exec: /usr/bin/sh\nTerminal: false\n", encoding="utf-8")
    (message,) = _problems(path)
    assert "[yaml-unexpected-file]" in message
