"""The bodies of the planning requests, as pydantic models: what the OpenAPI document
shows and what a body is checked against before its project is read."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from pathplanner.render import FORMATS

__all__ = ["ExplainRequest", "PlanRequest", "RequestModel"]


class RequestModel(BaseModel):
    """A request body: closed (an unknown key is a typo) and strictly typed."""

    model_config = ConfigDict(extra="forbid", strict=True)


class PlanRequest(RequestModel):
    """A project to plan, and how."""

    project: dict[str, Any] = Field(
        description="the project document, as a project file holds it: `name`, `zh`, `en`, "
        "`start`, `as_of` and the `profile` facts (its JSON Schema: `GET /schemas/profile`)"
    )
    format: str = Field(
        "json",
        description="the answer's format: `json` (the plan, docs/plan-format.md) or a "
        "report (`md`, `html`, `dot`, and any other format the server renders)",
        json_schema_extra={"enum": list(FORMATS)},
    )
    lang: Literal["zh", "en"] | None = Field(
        None, description="the report's language; default: the `Accept-Language` header's"
    )
    pins: dict[str, str] = Field(
        default_factory=dict,
        description="modes to fix where the rules leave the choice: item id → mode id (or "
        "option id → alternative id)",
    )
    statutory: bool = Field(
        False, description="plan with the statutory (法定) limits instead of the committed ones"
    )
    strict_calendar: bool = Field(
        False,
        description="refuse to plan into a year whose holiday schedule is not published",
    )
    engine: Literal["durable", "reference"] | None = Field(
        None, description="the rule engine; default: the library's (both always agree)"
    )
    actuals: dict[str, Any] | None = Field(
        None,
        description="actual dates to re-plan from, as an actuals file holds them (its JSON "
        "Schema: `GET /schemas/actuals`)",
    )


class ExplainRequest(RequestModel):
    """Why an item or work applies to a project, or does not."""

    project: dict[str, Any] = Field(
        description="the project document, as for `POST /plans`; its `as_of` says which "
        "rules are in force (today when it has none)"
    )
    item: str = Field(description="the id of an item or work of the catalog")
    engine: Literal["durable", "reference"] | None = Field(
        None, description="the rule engine; default: the library's"
    )
    format: Literal["json", "text"] = Field(
        "json",
        description="`json` (the explanation's fields) or `text` (the paragraph `pathplanner "
        "explain` prints, in the response's language)",
    )
