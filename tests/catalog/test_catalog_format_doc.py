"""docs/catalog-format.md stays true: its worked example is tests/data/mini, byte for byte,
and it mentions every key of every catalog model."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from pathplanner.catalog import model
from pathplanner.catalog.loader import load_catalog

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "catalog-format.md").read_text(encoding="utf-8")
MINI = ROOT / "tests" / "data" / "mini"
BLOCK = re.compile(r"^`([\w/.-]+\.yaml)`:\n\n```yaml\n(.*?)```$", re.MULTILINE | re.DOTALL)


def _example_files() -> dict[str, str]:
    return {m.group(1): m.group(2) for m in BLOCK.finditer(DOC)}


def test_worked_example_is_the_mini_catalog() -> None:
    shown = _example_files()
    on_disk = {
        p.relative_to(MINI).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(MINI.rglob("*.yaml"))
        if "calendars" not in p.parts
    }
    assert sorted(shown) == sorted(on_disk)
    for name, text in on_disk.items():
        assert shown[name] == text, name


def test_worked_example_loads() -> None:
    catalog = load_catalog(MINI)
    assert len(catalog.items) == 3
    assert "three items, one work, three materials, three\nprofile fields" in DOC


@pytest.mark.parametrize(
    "cls",
    [
        model.CatalogManifest,
        model.Stage,
        model.Department,
        model.Party,
        model.ProfileField,
        model.Material,
        model.Item,
        model.Mode,
        model.Work,
        model.DatedDuration,
        model.ExcludedTime,
        model.Obligation,
        model.Output,
        model.Prerequisite,
        model.MaterialUse,
        model.Fee,
        model.FieldDuration,
    ],
)
def test_every_key_is_documented(cls: type[BaseModel]) -> None:
    def documented(name: str) -> bool:
        # as `name`, or inside a shape such as {value, clock, valid_from}
        return f"`{name}`" in DOC or re.search(rf"[{{,] ?{name}[,:}}]", DOC) is not None

    missing = [name for name in cls.model_fields if not documented(name)]
    assert missing == []
