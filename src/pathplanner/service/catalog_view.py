"""``GET /catalog``: what a portal needs to build its intake form and name things.

The catalog's identity, its stages, departments, approval items with their handling modes,
and the intake form: the JSON Schema of a project document, exactly as ``pathplanner
schema profile`` prints it (titles and help in the response's language, both languages
under ``x-title`` / ``x-description``).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from pathplanner.catalog import Catalog
from pathplanner.profile import profile_json_schema

__all__ = [
    "CatalogIdentity",
    "CatalogView",
    "DepartmentView",
    "ItemView",
    "ModeView",
    "StageView",
    "catalog_identity",
    "catalog_view",
]


class _View(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CatalogIdentity(_View):
    """Which catalog the process loaded."""

    id: str = Field(description="the catalog's id (`catalog/catalog.yaml`)")
    version: str = Field(description="the catalog's version, as plans record it")
    content_hash: str = Field(
        description="`sha256:` hash of the catalog directory's content, the plans' "
        "`catalog_hash`; also the `X-Catalog-Hash` header of every response"
    )


class StageView(_View):
    """A stage of the approval process (立项, 用地规划, 工程建设许可…)."""

    id: str = Field(description="the stage's id")
    zh: str = Field(description="Chinese name")
    en: str = Field(description="English name; empty when the catalog has none")
    order: int = Field(description="position in the process, the first stage lowest")


class DepartmentView(_View):
    """A department, utility or technical body that handles items."""

    id: str = Field(description="the department's id")
    zh: str = Field(description="Chinese name")
    en: str = Field(description="English name; empty when the catalog has none")
    kind: str = Field(description="`government`, `utility` or `technical`")


class ModeView(_View):
    """A way of handling an item (告知承诺, 容缺受理, 区域评估 exemption…)."""

    id: str = Field(description="the mode's id, as `pins` name it")
    kind: str = Field(description="the kind of mode (`commitment`, `tolerance`, …)")
    zh: str = Field(description="Chinese name")
    en: str = Field(description="English name; empty when the catalog has none")


class ItemView(_View):
    """An approval item (审批事项) of the catalog."""

    id: str = Field(description="the item's id, as plans, `pins` and `/explain` name it")
    zh: str = Field(description="Chinese name")
    en: str = Field(description="English name; empty when the catalog has none")
    kind: str = Field(description="the kind of item (licence, filing, acceptance, …)")
    stage: str = Field(description="id of the stage it belongs to")
    department: str = Field(description="id of the department that decides it")
    modes: list[ModeView] = Field(description="the handling modes besides the normal one")


class CatalogView(_View):
    """The loaded catalog, for a portal's forms and labels."""

    catalog: CatalogIdentity = Field(description="which catalog this is")
    zh: str = Field(description="the catalog's Chinese name")
    en: str = Field(description="the catalog's English name; empty when it has none")
    stages: list[StageView] = Field(description="the stages, in process order")
    departments: list[DepartmentView] = Field(description="the departments, by id")
    items: list[ItemView] = Field(description="the approval items, by id")
    profile_form: dict[str, Any] = Field(
        description="the JSON Schema of a project document (the intake form), as "
        "`GET /schemas/profile` gives it: every field with its label, help, unit, range "
        "and choices"
    )


def catalog_identity(catalog: Catalog) -> CatalogIdentity:
    """The id, version and content hash of ``catalog``."""
    manifest = catalog.manifest
    return CatalogIdentity(
        id=manifest.id, version=manifest.version, content_hash=catalog.content_hash
    )


def catalog_view(catalog: Catalog, lang: str) -> CatalogView:
    """The view of ``catalog`` with the intake form in ``lang``."""
    return CatalogView(
        catalog=catalog_identity(catalog),
        zh=catalog.manifest.zh,
        en=catalog.manifest.en,
        stages=[
            StageView(id=s.id, zh=s.zh, en=s.en, order=s.order) for s in catalog.stages.values()
        ],
        departments=[
            DepartmentView(id=d.id, zh=d.zh, en=d.en, kind=d.kind)
            for d in catalog.departments.values()
        ],
        items=[
            ItemView(
                id=item.id,
                zh=item.zh,
                en=item.en,
                kind=item.kind.value,
                stage=item.stage,
                department=item.department,
                modes=[ModeView(id=m.id, kind=m.kind.value, zh=m.zh, en=m.en) for m in item.modes],
            )
            for item in catalog.items.values()
        ],
        profile_form=profile_json_schema(catalog, lang),
    )
