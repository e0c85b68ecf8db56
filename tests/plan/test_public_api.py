"""The public surface stays put: ``pathplanner.__all__`` and every name docs/api.md shows.

A portal's code imports what the API guide shows; moving a module must not break it. The
names are read from the guide itself, so a new example there is pinned too.
"""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
import venv
from pathlib import Path

import pytest

import pathplanner

ROOT = Path(__file__).resolve().parents[2]
API_DOC = ROOT / "docs" / "api.md"


def test_the_package_exports() -> None:
    assert pathplanner.__all__ == [
        "Decisions",
        "InputError",
        "PathplannerError",
        "Plan",
        "Planner",
        "Problem",
    ]
    for name in pathplanner.__all__:
        assert getattr(pathplanner, name) is not None


def _doc_imports() -> list[tuple[str, str]]:
    """(module, name) for every ``from M import a, b`` in the guide's code."""
    found = []
    for module, names in re.findall(r"^from (pathplanner[\w.]*) import ([\w, ]+)$", _doc(), re.M):
        found += [(module, n.strip()) for n in names.split(",")]
    return found


def _doc_dotted() -> list[str]:
    """Every ``pathplanner.x.Y`` the guide's prose names in backticks."""
    return sorted(set(re.findall(r"`(pathplanner(?:\.\w+)+)(?:\(.*?\))?`", _doc())))


def _doc() -> str:
    return API_DOC.read_text(encoding="utf-8")


def test_the_guide_shows_imports() -> None:
    # the readers below must find something, or the pins would pass on an empty list
    assert ("pathplanner", "Planner") in _doc_imports()
    assert "pathplanner.catalog.Catalog" in _doc_dotted()


@pytest.mark.parametrize(("module", "name"), _doc_imports())
def test_every_import_the_guide_shows_works(module: str, name: str) -> None:
    assert hasattr(importlib.import_module(module), name), f"from {module} import {name}"


@pytest.mark.parametrize("dotted", _doc_dotted())
def test_every_name_the_guide_mentions_exists(dotted: str) -> None:
    parts = dotted.split(".")
    for split in range(len(parts), 0, -1):
        try:
            target: object = importlib.import_module(".".join(parts[:split]))
        except ModuleNotFoundError:
            continue
        for attr in parts[split:]:
            target = getattr(target, attr)
        return
    pytest.fail(f"{dotted} does not exist")


def test_a_built_wheel_installs_in_a_fresh_environment_and_plans(tmp_path: Path) -> None:
    """The wheel carries the package and its default catalog: installed alone, it plans."""
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            str(ROOT),
            "-w",
            str(wheels),
        ],
        check=True,
    )
    (wheel,) = wheels.glob("pathplanner-*.whl")
    env = tmp_path / "venv"
    venv.create(env, with_pip=True)
    subprocess.run([env / "bin" / "pip", "install", "--quiet", str(wheel)], check=True)
    out = tmp_path / "plan.json"
    example = ROOT / "examples" / "low-risk-warehouse.yaml"
    run = subprocess.run(
        [env / "bin" / "pathplanner", "plan", str(example), "--format", "json", "-o", str(out)],
        cwd=tmp_path,  # away from the source tree, so only the installed package is found
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    installed = (ROOT / "tests" / "golden" / "low-risk-warehouse.json").read_text("utf-8")
    assert out.read_text(encoding="utf-8") == installed
