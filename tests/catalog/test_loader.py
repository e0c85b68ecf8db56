"""The catalog loader: the mini catalog loads; each invalid fixture gives exactly its message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pathplanner.catalog.loader import content_hash, load_catalog
from pathplanner.errors import InputError

DATA = Path(__file__).resolve().parents[1] / "data"
MINI = DATA / "mini"
INVALID = DATA / "invalid"


def test_mini_catalog_loads_in_id_order() -> None:
    catalog = load_catalog(MINI)
    assert catalog.manifest.id == "mini"
    assert list(catalog.stages) == ["approval", "permit"]
    assert list(catalog.items) == ["construction-permit", "planning-permit", "project-filing"]
    assert list(catalog.works) == ["detailed-design"]
    assert list(catalog.materials) == ["application-form", "planning-permit-copy", "site-plan"]
    assert list(catalog.fields) == [
        "project.floor_area_m2",
        "project.investment",
        "site.in_assessed_zone",
    ]
    assert catalog.warnings == ()
    assert catalog.content_hash.startswith("sha256:")
    assert len(catalog.content_hash) == len("sha256:") + 64
    assert str(catalog.locations["Item(id='planning-permit')"]) == "catalog/items.yaml:19:5"
    assert catalog.calendar.is_working_day(__import__("datetime").date(2026, 2, 14))


def test_content_hash_covers_catalog_and_rules_but_not_rule_tests(tmp_path: Path) -> None:
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    before = content_hash(root)
    assert content_hash(root) == before
    (root / "rules" / "tests").mkdir()
    (root / "rules" / "tests" / "scenario.yaml").write_text("name: x\n")
    assert content_hash(root) == before
    rule_file = root / "rules" / "mini.yaml"
    rule_file.write_text(rule_file.read_text() + "\n")
    assert content_hash(root) != before


# One minimal broken catalog per error kind, and the whole message it must give (English).
EXPECTED = {
    "yaml-syntax": (
        "catalog/items.yaml:14:5: error [yaml-syntax]: YAML syntax error: a square bracket is "
        "not closed, or its entries are not separated by ASCII commas"
    ),
    "yaml-duplicate-key": (
        "catalog/items.yaml:13:5: error [yaml-duplicate-key] items[0]: duplicate key 'zh' "
        "(first at line 7)"
    ),
    "yaml-alias": (
        "catalog/items.yaml:11:12: error [yaml-alias]: "
        "YAML anchors and aliases (&/*) are not allowed"
    ),
    "unknown-key": (
        "catalog/items.yaml:13:5: error [unknown-key] Item(id='construction-permit'): "
        "unknown key 'departmnet'\n"
        "  hint: did you mean 'department'?"
    ),
    "missing-key": (
        "catalog/items.yaml:6:5: error [missing-key] Item(id='construction-permit'): "
        "missing required key 'basis'"
    ),
    "bad-type": (
        "catalog/items.yaml:15:19: error [bad-type] Item(id='construction-permit') > "
        "time_limits > statutory[0] > value: 'value' has the wrong type\n"
        "  expected: an integer\n"
        "  found: 'seven'"
    ),
    "out-of-range": (
        "catalog/items.yaml:15:19: error [out-of-range] Item(id='construction-permit') > "
        "time_limits > statutory[0] > value: 'value' is out of range\n"
        "  expected: >= 0\n"
        "  found: -7"
    ),
    "bad-choice": (
        "catalog/items.yaml:8:11: error [bad-choice] Item(id='construction-permit') > kind: "
        "'kind' is not one of the allowed values\n"
        "  expected: 'approval', 'filing', 'review', 'service', 'utility', 'registration'\n"
        "  found: 'aproval'\n"
        "  hint: did you mean 'approval'?"
    ),
    "duplicate-id": (
        "catalog/items.yaml:16:9: error [duplicate-id] Item(id='construction-permit') > id: "
        "duplicate id 'construction-permit' (first defined at catalog/items.yaml:6:5)"
    ),
    "unknown-stage": (
        "catalog/items.yaml:9:12: error [unknown-reference] Item(id='construction-permit') > "
        "stage: unknown stage 'permits'\n"
        "  hint: did you mean 'permit'?"
    ),
    "unknown-department": (
        "catalog/items.yaml:10:17: error [unknown-reference] Item(id='construction-permit') > "
        "department: unknown department 'housing-bureau'\n"
        "  hint: did you mean 'housing'?"
    ),
    "unknown-item": (
        "catalog/items.yaml:15:21: error [unknown-reference] Item(id='construction-permit') > "
        "modes[0] > replaces[0]: unknown item 'fire-reviw'"
    ),
    "unknown-material": (
        "catalog/items.yaml:13:17: error [unknown-reference] Item(id='construction-permit') > "
        "materials[0]: unknown material 'application-from'\n"
        "  hint: did you mean 'application-form'?"
    ),
    "unknown-output": (
        "catalog/items.yaml:19:48: error [unknown-reference] Material(id='application-form') > "
        "issued_by: unknown output 'permit-certificate'\n"
        "  hint: did you mean 'permit-cert'?"
    ),
    "dated-overlap": (
        "catalog/items.yaml:16:11: error [dated-overlap] Item(id='construction-permit') > "
        "time_limits > committed[1]: validity periods overlap: "
        "[2019-01-01, 2024-12-31] and [2024-07-01, …]"
    ),
    "dated-gap": (
        "catalog/items.yaml:16:11: error [dated-gap] Item(id='construction-permit') > "
        "time_limits > committed[1]: gap between validity periods: "
        "no value after [2019-01-01, 2023-12-31] until [2024-07-01, …]"
    ),
    "prerequisite-cycle": (
        "catalog/items.yaml:26:20: error [prerequisite-cycle] Item(id='construction-permit') > "
        "prerequisites: prerequisites form a cycle: "
        "construction-permit → planning-permit → construction-permit"
    ),
    "unknown-mode": (
        "rules/modes.yaml:6:56: error [rule-unknown-mode] Rule(id='zone-commitment') > then[0]: "
        "item 'construction-permit' declares no mode 'comitment'\n"
        "  expected: commitment\n"
        "  hint: did you mean 'commitment'?"
    ),
    "material-unused": (
        "catalog/items.yaml:17:10: error [material-unused] Material(id='application-form') > "
        "id: material 'application-form' is used by no item"
    ),
    "provider-unnamed": (
        "catalog/items.yaml:20:53: error [provider-unnamed] Material(id='drawings') > "
        "provider: the provider 'design-institute' of material 'drawings' has no name (en): "
        "reports would show its id; give the party, department or output both 'zh' and 'en'"
    ),
    "output-not-issued": (
        "catalog/items.yaml:13:21: error [output-not-issued] Item(id='construction-permit') > "
        "prerequisites[0]: output 'planing-cert' is needed but no item or work issues it\n"
        "  hint: did you mean 'planning-cert'?"
    ),
}

EXPECTED_ZH = {
    "unknown-key": (
        "catalog/items.yaml:13:5: 错误 [unknown-key] Item(id='construction-permit'): "
        "未知的键 'departmnet'\n"
        "  建议：是否是 'department'？"
    ),
    "bad-type": (
        "catalog/items.yaml:15:19: 错误 [bad-type] Item(id='construction-permit') > "
        "time_limits > statutory[0] > value: 'value' 的类型不正确\n"
        "  期望：整数\n"
        "  实际：'seven'"
    ),
    "unknown-output": (
        "catalog/items.yaml:19:48: 错误 [unknown-reference] Material(id='application-form') > "
        "issued_by: 未知的成果 'permit-certificate'\n"
        "  建议：是否是 'permit-cert'？"
    ),
    "prerequisite-cycle": (
        "catalog/items.yaml:26:20: 错误 [prerequisite-cycle] Item(id='construction-permit') > "
        "prerequisites: 前置条件形成循环："
        "construction-permit → planning-permit → construction-permit"
    ),
}


def _load_error(kind: str) -> InputError:
    with pytest.raises(InputError) as info:
        load_catalog(INVALID / kind)
    return info.value


def test_every_fixture_has_an_expected_message() -> None:
    assert sorted(p.name for p in INVALID.iterdir() if p.is_dir()) == sorted(EXPECTED)


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_invalid_fixture_gives_its_whole_message(kind: str) -> None:
    error = _load_error(kind)
    assert error.render("en") == EXPECTED[kind]
    assert all(p.code.startswith(kind.split("-", maxsplit=1)[0]) or p.code for p in error.problems)


@pytest.mark.parametrize("kind", sorted(EXPECTED_ZH))
def test_messages_are_chinese_by_default(kind: str) -> None:
    assert _load_error(kind).render() == EXPECTED_ZH[kind]


def test_all_problems_are_reported_in_one_pass(tmp_path: Path) -> None:
    root = tmp_path / "two"
    shutil.copytree(MINI, root)
    items = root / "catalog" / "items.yaml"
    text = items.read_text()
    text = text.replace("department: drc", "department: drcc")
    text = text.replace(
        "stage: permit\n    department: housing", "stage: permitt\n    department: housing"
    )
    items.write_text(text)
    works = root / "catalog" / "works.yaml"
    works.write_text(works.read_text().replace("provider: design-institute", "provder: x"))
    error = _load_error_at(root)
    assert [(p.code, p.line, p.breadcrumb) for p in error.problems] == [
        ("unknown-reference", 8, "Item(id='project-filing') > department"),
        ("unknown-reference", 46, "Item(id='construction-permit') > stage"),
        ("missing-key", 3, "Work(id='detailed-design')"),
        ("unknown-key", 7, "Work(id='detailed-design')"),
    ]


def _load_error_at(root: Path) -> InputError:
    with pytest.raises(InputError) as info:
        load_catalog(root)
    return info.value


def test_unknown_section_and_non_list_section(tmp_path: Path) -> None:
    root = tmp_path / "c"
    shutil.copytree(INVALID / "missing-key", root)
    (root / "catalog" / "extra.yaml").write_text("item:\n  - {id: x}\nworks: none\n")
    messages = [p.message("en") for p in _load_error_at(root).problems if "extra" in p.file]
    assert messages == [
        "catalog/extra.yaml:1:1: error [unknown-key] item: unknown key 'item'\n"
        "  hint: did you mean 'items'?",
        "catalog/extra.yaml:3:8: error [bad-type] works: 'works' has the wrong type\n"
        "  expected: a list (- items)\n"
        "  found: 'none'",
    ]


def test_missing_catalog_directory(tmp_path: Path) -> None:
    error = _load_error_at(tmp_path / "nowhere")
    assert [p.code for p in error.problems] == ["file-missing"]


def test_accepted_warning_silences_an_unused_material(tmp_path: Path) -> None:
    root = tmp_path / "c"
    shutil.copytree(INVALID / "material-unused", root)
    items = root / "catalog" / "items.yaml"
    items.write_text(
        items.read_text().replace(
            "provider: housing}",
            "provider: housing,\n     accepted_warnings: [{code: material-unused, "
            "reason: 后续版本使用, date: 2026-01-01}]}",
        )
    )
    catalog = load_catalog(root)
    assert list(catalog.materials) == ["application-form"]


def test_work_duration_read_from_an_unknown_field(tmp_path: Path) -> None:
    root = tmp_path / "c"
    shutil.copytree(MINI, root)
    works = root / "catalog" / "works.yaml"
    works.write_text(
        works.read_text().replace(
            "duration: {value: 30, clock: calendar}",
            "duration: {field: project.design_day, unit: days}",
        )
    )
    assert [p.message("en") for p in _load_error_at(root).problems] == [
        "catalog/works.yaml:8:23: error [unknown-reference] Work(id='detailed-design') > "
        "duration > field: unknown field 'project.design_day'"
    ]


def test_item_and_mode_dates_in_order(tmp_path: Path) -> None:
    root = tmp_path / "c"
    shutil.copytree(MINI, root)
    items = root / "catalog" / "items.yaml"
    text = items.read_text().replace(
        "valid_from: 2021-07-01\n", "valid_from: 2021-07-01\n        valid_until: 2021-06-30\n"
    )
    items.write_text(text)
    assert [p.message("en") for p in _load_error_at(root).problems] == [
        "catalog/items.yaml:71:22: error [invalid-combination] Item(id='construction-permit') > "
        "modes[0] > valid_until: the values contradict each other\n"
        "  hint: valid_until is before valid_from"
    ]


def _sequence_copy(tmp_path: Path, name: str, replacements: list[tuple[str, str]]) -> Path:
    root = tmp_path / name
    shutil.copytree(MINI, root)
    manifest = root / "catalog" / "catalog.yaml"
    manifest.write_text(
        manifest.read_text()
        + "points:\n  - {id: start-of-works, zh: 开工, before: [detailed-desing], basis: 示例}\n"
    )
    items = root / "catalog" / "items.yaml"
    text = items.read_text()
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new)
    items.write_text(text)
    return root


def test_sequence_settings_are_checked_with_their_lines(tmp_path: Path) -> None:
    """issue 14 §2: a point naming no task, an item naming no point, a lead on the
    working-day clock or beside a lag, and a first step the merged mode does not replace
    are each one located problem."""
    invalid = _sequence_copy(
        tmp_path,
        "invalid",
        [
            (
                "      - {output: drawings-ready, binds: decision}",
                "      - {output: drawings-ready, binds: decision,"
                " lead: {value: 5, clock: working}}"
                "\n      - {output: filing-notice, lag: {value: 1}, lead: {value: 1}}",
            )
        ],
    )
    assert [p.message("en") for p in _load_error_at(invalid).problems] == [
        "catalog/catalog.yaml:7:43: error [unknown-reference] CatalogManifest > points[0] > "
        "before[0]: unknown item or work 'detailed-desing'\n"
        "  hint: did you mean 'detailed-design'?",
        "catalog/items.yaml:55:75: error [invalid-combination] Item(id='construction-permit') > "
        "prerequisites[1] > lead: the values contradict each other\n"
        "  hint: a lead counts calendar days: clock must be calendar",
        "catalog/items.yaml:56:56: error [invalid-combination] Item(id='construction-permit') > "
        "prerequisites[2]: the values contradict each other\n"
        "  hint: give either 'lag' or 'lead', not both",
    ]
    unknown = _sequence_copy(
        tmp_path,
        "unknown",
        [
            (
                "    applies_by_default: true\n    outputs:\n      - {id: construction-permit-cert",
                "    applies_by_default: true\n    precedes: start-of-work\n    outputs:\n"
                "      - {id: construction-permit-cert",
            ),
            (
                "        drops:\n",
                "        runs_first: [planning-permit]\n        drops:\n",
            ),
        ],
    )
    assert [p.message("en") for p in _load_error_at(unknown).problems] == [
        "catalog/catalog.yaml:7:43: error [unknown-reference] CatalogManifest > points[0] > "
        "before[0]: unknown item or work 'detailed-desing'\n"
        "  hint: did you mean 'detailed-design'?",
        "catalog/items.yaml:51:15: error [unknown-reference] Item(id='construction-permit') > "
        "precedes: unknown point 'start-of-work'\n"
        "  hint: did you mean 'start-of-works'?",
        "catalog/items.yaml:72:22: error [runs-first-not-replaced] "
        "Item(id='construction-permit') > modes[0] > runs_first[0]: "
        "'planning-permit' is not in this mode's 'replaces': runs_first lists merged items only",
    ]


def test_a_material_condition_is_type_checked_where_it_is_written(tmp_path: Path) -> None:
    """Issue 13 §3: a material use's ``when`` is parsed and type-checked like a rule's, and
    a mistake is reported at the item's line with a caret and a suggestion."""
    root = tmp_path / "c"
    shutil.copytree(MINI, root)
    items = root / "catalog" / "items.yaml"
    items.write_text(
        items.read_text(encoding="utf-8").replace(
            "    materials: [application-form]\n",
            "    materials:\n"
            "      - {material: application-form, when: project.floor_area_m > 5000}\n",
            1,
        ),
        encoding="utf-8",
    )
    (problem,) = _load_error_at(root).problems
    assert problem.code == "rule-unknown-name"
    assert (problem.file, problem.line) == ("catalog/items.yaml", 15)
    assert problem.breadcrumb == "Item(id='project-filing') > materials[0] > when"
    assert "project.floor_area_m2" in problem.message("en")


def test_a_material_condition_becomes_a_rule_of_the_book(tmp_path: Path) -> None:
    root = tmp_path / "c"
    shutil.copytree(MINI, root)
    items = root / "catalog" / "items.yaml"
    items.write_text(
        items.read_text(encoding="utf-8").replace(
            "    materials: [application-form]\n",
            "    materials:\n"
            "      - {material: application-form, when: project.floor_area_m2 > 5000,"
            " basis: 某条例}\n",
            1,
        ),
        encoding="utf-8",
    )
    rule = load_catalog(root).rules.by_id()["material:project-filing:application-form"]
    assert rule.rule.when == "project.floor_area_m2 > 5000"
    assert rule.rule.basis == "某条例"
    assert rule.reads == ("project.floor_area_m2",)
