"""The package layout of docs/architecture.md holds: one-way layers, no hidden imports.

import-linter (``make lint``) checks the contracts in pyproject.toml; these tests check what
it cannot: that every module sits in a layer, and that every import inside a function is a
documented lazy import for speed.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "pathplanner"
LAZY_MARK = "# lazy import:"


def _contracts() -> list[dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts: list[dict[str, object]] = config["tool"]["importlinter"]["contracts"]
    return contracts


def _layered() -> set[str]:
    layers = next(c for c in _contracts() if c["type"] == "layers")["layers"]
    assert isinstance(layers, list)
    return {name.strip() for layer in layers for name in layer.split("|")}


def _modules() -> list[str]:
    names = []
    for path in sorted(SRC.rglob("*.py")):
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_every_module_belongs_to_a_layer() -> None:
    layered = _layered()
    outside = [
        m
        for m in _modules()
        if m != "pathplanner" and not any(m == p or m.startswith(p + ".") for p in layered)
    ]
    assert outside == [], f"place in a layer (pyproject.toml, docs/architecture.md): {outside}"


def test_the_architecture_doc_lists_every_layer() -> None:
    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    missing = sorted(p for p in _layered() if f"`{p.removeprefix('pathplanner.')}" not in doc)
    assert missing == [], f"docs/architecture.md does not describe {missing}"


def _function_imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import | ast.ImportFrom):
                    found.append((inner.lineno, ast.unparse(inner)))
    return sorted(set(found))


def test_imports_inside_functions_are_documented_lazy_imports() -> None:
    undocumented = []
    for path in sorted(SRC.rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for lineno, statement in _function_imports(path):
            # the mark sits on the comment line above the block of imports this one is in
            above = lineno - 2
            while above >= 0 and lines[above].lstrip().startswith(("from ", "import ")):
                above -= 1
            comments = []
            while above >= 0 and lines[above].lstrip().startswith("#"):
                comments.append(lines[above])
                above -= 1
            if not any(LAZY_MARK in line for line in comments):
                undocumented.append(f"{path.relative_to(ROOT)}:{lineno}: {statement}")
    assert undocumented == [], (
        f"an import inside a function hides a dependency; lift it to the top, or say why it "
        f"is lazy with a '{LAZY_MARK} <reason>' comment: {undocumented}"
    )


def test_the_lazy_mark_is_checked(tmp_path: Path) -> None:
    """The check above finds an undocumented function-level import (it can fail)."""
    module = tmp_path / "m.py"
    module.write_text("def f():\n    import json\n    return json\n", encoding="utf-8")
    assert _function_imports(module) == [(2, "import json")]


def test_import_linter_contracts_hold() -> None:
    linter = Path(sys.executable).with_name("lint-imports")
    run = subprocess.run(
        [str(linter), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout
