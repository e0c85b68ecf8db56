"""Each input limit of ``docs/limits.md`` refuses what is past it with its own message.

The size, depth and digit limits are exercised at their real values; the count limits
(entries per kind, rules, files, profile bytes) are lowered with ``monkeypatch`` so the
test does not need 100,000 items to reach them. Whole messages are asserted.
"""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest

from pathplanner._input import limits as _limits
from pathplanner._input import yaml as _yaml
from pathplanner.errors import InputError

REPO = Path(__file__).resolve().parents[2]
MINI = REPO / "tests" / "data" / "mini"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    return root


def _load_problems(root: Path) -> str:
    from pathplanner.catalog.loader import load_catalog

    with pytest.raises(InputError) as caught:
        load_catalog(root)
    return caught.value.render("en")


def _profile_problems(path: Path) -> str:
    from pathplanner.catalog.loader import load_catalog
    from pathplanner.profile import load_profile

    catalog = load_catalog(MINI)
    with pytest.raises(InputError) as caught:
        load_profile(path, catalog)
    return caught.value.render("en")


def test_file_size_limit(mini: Path) -> None:
    extra = mini / "catalog" / "extra.yaml"
    extra.write_bytes(b"#" * (_yaml.MAX_BYTES + 1))
    assert _load_problems(mini) == (
        "catalog/extra.yaml: error [yaml-too-large]: "
        "file too large: 2000001 bytes, the limit is 2000000"
    )


def test_nesting_limit(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("name: deep\nprofile: " + "[" * 50 + "]" * 50 + "\n", encoding="utf-8")
    assert _profile_problems(path) == (
        f"{path.as_posix()}:2:49: error [yaml-too-deep]: nesting too deep: more than 40 levels"
    )


def test_integer_digits_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text(
        "name: huge\nprofile:\n  project:\n    floor_area_m2: 1" + "0" * 100 + "\n",
        encoding="utf-8",
    )
    assert _profile_problems(path) == (
        f"{path.as_posix()}:4:20: error [yaml-bad-number]: number 10000000000000000... is out "
        "of range (integers up to 100 digits, finite decimals)"
    )


def test_decimal_overflow_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "inf.yaml"
    path.write_text("name: inf\nprofile:\n  project:\n    floor_area_m2: 1e999\n", "utf-8")
    assert _profile_problems(path) == (
        f"{path.as_posix()}:4:20: error [yaml-bad-number]: number 1e999 is out of range "
        "(integers up to 100 digits, finite decimals)"
    )


def test_profile_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pathplanner.profile

    monkeypatch.setattr(pathplanner.profile, "MAX_PROFILE_BYTES", 40)
    path = tmp_path / "big.yaml"
    path.write_text("name: big\nprofile:\n  project:\n    investment: enterprise\n", "utf-8")
    assert _profile_problems(path) == (
        f"{path.as_posix()}: error [yaml-too-large]: file too large: 57 bytes, the limit is 40"
    )


def test_entries_per_kind_limit(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_limits, "SECTION_LIMITS", {"items": (1, "kind-item")})
    assert _load_problems(mini) == (
        "catalog/items.yaml:19:5: error [too-many]: 3 item entries, more than the limit of 1"
    )


def test_entries_limit_message_in_chinese(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pathplanner.catalog.loader import load_catalog

    monkeypatch.setattr(_limits, "SECTION_LIMITS", {"items": (2, "kind-item")})
    with pytest.raises(InputError) as caught:
        load_catalog(mini)
    assert caught.value.render("zh") == (
        "catalog/items.yaml:42:5: 错误 [too-many]: 事项数量为 3，超过上限 2"
    )


def test_rule_count_limit(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pathplanner.catalog.rulebook.loader

    monkeypatch.setattr(pathplanner.catalog.rulebook.loader, "MAX_RULES", 1)
    assert _load_problems(mini) == (
        "rules/mini.yaml:16:9: error [too-many]: 2 rule entries, more than the limit of 1"
    )


def test_file_count_limit(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_limits, "MAX_FILES", 3)
    assert _load_problems(mini) == (
        f"{mini.as_posix()}: error [too-many]: 6 YAML file entries, more than the limit of 3"
    )


def test_check_command_shows_the_limit(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pathplanner.cli import main

    monkeypatch.setattr(_limits, "SECTION_LIMITS", {"items": (1, "kind-item")})
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["--lang", "en", "check", str(mini)])
    assert code == 1
    assert "catalog/items.yaml:19:5: error [too-many]: 3 item entries" in err.getvalue()


def test_default_catalog_is_well_inside_the_limits() -> None:
    from pathplanner.catalog.loader import load_catalog

    catalog = load_catalog(None)
    sizes = {
        "stages": len(catalog.stages),
        "departments": len(catalog.departments),
        "parties": len(catalog.parties),
        "fields": len(catalog.fields),
        "materials": len(catalog.materials),
        "items": len(catalog.items),
        "works": len(catalog.works),
    }
    for section, size in sizes.items():
        assert size * 10 <= _limits.SECTION_LIMITS[section][0], section
