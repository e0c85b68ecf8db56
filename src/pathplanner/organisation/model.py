"""Agency units, agents and investors as the implementing opinion describes them."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class UnitKind(StrEnum):
    """The kinds of unit that run a 代办 service."""

    APPROVAL_BUREAU = "approval_bureau"  # 行政审批局 (its help team coordinates)
    TOWN = "town"  # 镇（街道）代办点
    ZONE = "zone"  # 功能区代办点
    MAIN_ZONE = "main_zone"  # 主要功能区代办点


MINIMUM_AGENTS: dict[UnitKind, int] = {
    UnitKind.TOWN: 3,
    UnitKind.MAIN_ZONE: 5,
}
"""The opinion's staffing minimums: at least 3 agents per town, 5 per main functional zone."""


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Unit(_Record):
    """An agency unit (代办单位): the 告知单位 of a disclosure letter."""

    id: str | None = Field(default=None, description="短标识 / short id, e.g. `town-huilong`")
    name: str | None = Field(default=None, description="单位名称 / unit name")
    kind: UnitKind | None = Field(default=None, description="单位类别 / kind of unit")
    address: str | None = Field(default=None, description="地址 / address")
    phone: str | None = Field(default=None, description="联系电话 / phone")


class Agent(_Record):
    """A 代办员: one person of a unit who handles cases."""

    id: str | None = Field(default=None, description="短标识 / short id")
    name: str | None = Field(default=None, description="代办员姓名 / agent's name")
    phone: str | None = Field(default=None, description="代办员电话 / agent's phone")
    unit: str | None = Field(default=None, description="所属单位标识 / id of the agent's unit")


class Investor(_Record):
    """The investor (申请人) and the person to contact; contact details are personal data."""

    name: str | None = Field(default=None, description="投资主体名称 / investor's name")
    contact: str | None = Field(default=None, description="联系人 / contact person")
    phone: str | None = Field(default=None, description="联系电话 / contact phone")
