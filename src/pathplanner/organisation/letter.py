"""The letter file: who hands the one-time disclosure letter (一次性告知书) to whom.

A letter file (YAML, read with the safe reader) fills the letter's header; every key is
optional, and what is left out prints as a blank line to fill in by hand::

    unit:                      # 告知单位: the agency unit
      name: 惠龙镇代办服务中心
      address: 惠龙镇政务服务中心二楼 6 号窗口
      phone: 0512-5555 0101
    agent:                     # 代办员
      name: 王丽
      phone: 138 0000 0001
    investor:                  # the investor (申请人) and the person to contact
      name: 苏州某精密制造有限公司
      contact: 陈明
    project: 年产 50 万件精密零部件厂房     # overrides the profile's title on the letter
    agreement: DB-2026-031     # 代办协议编号
    date: 2026-03-02           # the letter's date

The unit, agent and investor are :mod:`pathplanner.organisation`'s own records, so a letter
and the service's records describe an agency the same way.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from pathplanner._input.dates import IsoDate
from pathplanner._input.limits import check_date
from pathplanner._input.validation import unexpected_file, validate_model
from pathplanner._input.yaml import locate, read_yaml
from pathplanner.errors import InputError, Location, Problem
from pathplanner.organisation.model import Agent, Investor, Unit

__all__ = ["LETTER_SCHEMA_ID", "LETTER_VERSION", "Letter", "letter_json_schema", "load_letter"]

LETTER_VERSION = "1.0"
"""Version of the letter file format. An input read strictly, as the actuals file is: a
minor bump adds an optional key, a major bump removes or renames one."""

LETTER_SCHEMA_ID = f"urn:pathplanner:schema:letter:{LETTER_VERSION}"
"""The ``$id`` of the letter schema: a name, not a location."""


class Letter(BaseModel):
    """The header of a disclosure letter; ``None`` everywhere prints blank lines."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    unit: Unit = Field(default_factory=Unit, description="告知单位 / the agency unit")
    agent: Agent = Field(default_factory=Agent, description="代办员 / the agent")
    investor: Investor = Field(default_factory=Investor, description="投资主体 / the investor")
    project: str | None = Field(
        default=None,
        description="项目名称 / project name (default: the project file's title)",
    )
    agreement: str | None = Field(default=None, description="代办协议编号 / agency agreement no.")
    date: IsoDate | None = Field(default=None, description="告知日期 / the letter's date")


def letter_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the letter file: what ``pathplanner schema
    letter`` prints and ``schemas/letter.schema.json`` holds, keys sorted. Closed, as
    :func:`load_letter` is: an unknown key is a typo and is rejected as one."""
    schema = Letter.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = LETTER_SCHEMA_ID
    schema["title"] = "pathplanner letter"
    return dict(json.loads(json.dumps(schema, sort_keys=True)))


def load_letter(path: Path | str) -> Letter:
    """Read a letter file (YAML or JSON); an empty file is a letter of blank lines.

    Raises :class:`~pathplanner.errors.InputError` with located problems (file:line:col,
    the key, expected vs found, did-you-mean) for anything else than the keys above.
    """
    p = Path(path)
    display = p.as_posix()
    data, problems = read_yaml(p, display)
    if any(pr.severity == "error" for pr in problems):
        raise InputError(problems)
    if data is None:
        return Letter()
    unexpected = unexpected_file(data, Letter.model_fields, display)
    if unexpected is not None:
        raise InputError([unexpected])
    letter, found = validate_model(Letter, data, file=display, breadcrumb="Letter")
    if letter is None or found:
        raise InputError([*problems, *found])
    where = Location(display, *locate(data, ["date"]))
    out_of_range: list[Problem] = check_date(letter.date, where, "Letter.date")
    if out_of_range:
        raise InputError(out_of_range)
    return letter
