"""Issue 14 §1, load-time checks: no rule waives a physical prerequisite, and every work
feeds a task whatever the rules remove (``catalog.feeds``, docs/scheduling.md §1.1)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from pathplanner.catalog import default_catalog_dir
from pathplanner.catalog.loader import load_catalog
from pathplanner.errors import InputError


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "catalog-copy"
    src = default_catalog_dir()
    shutil.copytree(src / "catalog", root / "catalog")
    shutil.copytree(src / "rules", root / "rules", ignore=shutil.ignore_patterns("tests"))
    return root


def _problems(root: Path) -> list[tuple[str, str, str]]:
    with pytest.raises(InputError) as caught:
        load_catalog(root)
    return [(p.code, p.location.file, p.message("en")) for p in caught.value.problems]


def test_issue_14_s1_a_catalog_without_physical_inputs_is_refused(tmp_path: Path) -> None:
    """The shipped catalog as it was before physical prerequisites: the low-risk path
    leaves the scheme design feeding nothing, and the permit exemption the direct award."""
    root = _copy(tmp_path)
    for path in (root / "catalog").rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        if path.name == "construction-and-completion.yaml":  # construction's own inputs
            text = re.sub(
                r"      - \{any_of: \[(construction-drawings-set|tender-award[^\]]*)\], "
                r"physical: true\}\n",
                "",
                text,
            )
        text = text.replace(", physical: true}", "}").replace("    terminal: true\n", "")
        text = re.sub(r"    inputs:\n      - any_of: \[[^\]]*\]\n", "", text)
        path.write_text(text, encoding="utf-8")
    found = _problems(root)
    assert {f for c, f, _t in found if c == "work-feeds-nothing"} >= {
        "catalog/works/design-and-land.yaml"
    }
    texts = " ".join(t for code, _f, t in found if code == "work-feeds-nothing")
    assert "scheme-design" in texts and "low-risk-path" in texts
    assert "contractor-direct-award" in texts and "construction-permit-exemption" in texts
    assert "env-self-acceptance" in texts  # a terminal work must say so


def test_issue_14_s1_a_rule_cannot_waive_a_physical_prerequisite(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / "rules" / "waive-scheme.yaml").write_text(
        "rules:\n"
        "  - id: waive-the-scheme\n"
        "    zh: 免方案\n"
        "    when: project.floor_area_m2 <= 100\n"
        "    then:\n"
        "      - remove_dependency: {before: design-scheme, after: design-scheme-review}\n"
        "    basis: 测试\n"
        "    valid_from: 2020-01-01\n",
        encoding="utf-8",
    )
    problems = _problems(root)
    assert [(c, f) for c, f, _t in problems] == [
        ("physical-input-removed", "rules/waive-scheme.yaml")
    ]
    assert "'design-scheme' of 'design-scheme-review'" in problems[0][2]


def test_issue_14_s1_the_shipped_catalog_passes_both_checks() -> None:
    catalog = load_catalog()
    assert not [w for w in catalog.warnings if w.code.startswith(("work-", "physical-"))]
    physical = [p.any_of for p in catalog.works["construction"].prerequisites if p.physical]
    assert physical == [
        ["construction-drawings-set"],
        ["tender-award-notice", "direct-award-contract"],
    ]
