"""The default catalog's domain-search verdict ships with the code (issue 12: a cold
``pathplanner plan`` no longer repeats the search). A stale verdict would silently cost
the search again, and a wrong one would hide a contradiction: both are caught here."""

from __future__ import annotations

import shutil
from pathlib import Path

from pathplanner.catalog.loader import default_catalog_dir, load_catalog
from pathplanner.catalog.rulebook import _proven
from pathplanner.catalog.rulebook.contradictions import search_domain
from pathplanner.catalog.rulebook.proven import domain_problems, proven_source

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "src" / "pathplanner" / "catalog" / "rulebook" / "_proven.py"
STALE = (
    "the default catalog changed since its domain-search verdict was stored: "
    "run `make snapshots` and commit src/pathplanner/catalog/rulebook/_proven.py"
)


def test_the_stored_verdict_is_the_shipped_catalogs_and_a_fresh_search_agrees() -> None:
    catalog = load_catalog()
    assert catalog.content_hash == _proven.CONTENT_HASH, STALE
    assert SHIPPED.read_text(encoding="utf-8") == proven_source(catalog.rules, catalog), STALE
    assert domain_problems(catalog.rules, catalog) == search_domain(catalog.rules, catalog)


def test_an_edited_copy_is_searched_again(tmp_path: Path) -> None:
    root = tmp_path / "catalog-copy"
    shutil.copytree(default_catalog_dir(), root)
    same = load_catalog(root)
    assert same.content_hash == _proven.CONTENT_HASH  # a byte-identical copy is the same
    (root / "rules" / "never.yaml").write_text(
        "rules:\n"
        "  - id: never\n"
        "    zh: 不可能\n"
        "    when: project.floor_area_m2 > 100 and project.floor_area_m2 < 50\n"
        "    then: [require: fire-design-review]\n"
        "    basis: 测试\n"
        "    valid_from: 2020-01-01\n",
        encoding="utf-8",
    )
    edited = load_catalog(root)
    assert edited.content_hash != _proven.CONTENT_HASH
    assert [(p.code, p.breadcrumb) for p in edited.warnings] == [
        ("rule-never-fires", "Rule(id='never')")
    ]
