"""Hostile input never ends in a traceback: the CLI answers with exit code 1 and a message
naming the file, or 2 for a wrong command line.

Each command (``plan``, ``check``, ``explain``, ``test``, ``diff``) is one parametrization;
hypothesis feeds it invalid YAML, binary bytes, huge numbers, deep nesting, unknown dates,
empty files, a profile written for another catalog, a YAML alias bomb, paths that do not
exist and directories where a file is expected (``tests/_hostile.py``); and, for issue 18,
devices, FIFOs, dangling, looping and escaping symlinks (as a profile and inside a catalog),
control characters and lone surrogates, and dates at the ends of the calendar (in profiles,
actuals files and ``--start``/``--as-of``). No output may carry a raw control character or
a lone surrogate. A last parametrization feeds wrong command lines. About 10,000 inputs
in all; the CLI runs in-process and reuses the loaded good catalogs (a cache around
``load_catalog`` for the unchanged catalog directories only), so the whole file takes a
couple of minutes.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import _hostile
from pathplanner.catalog import loader
from pathplanner.cli import app, main

REPO = Path(__file__).resolve().parents[2]
MINI = REPO / "tests" / "data" / "mini"
COMMANDS = ("plan", "explain", "check", "test", "diff")
EXAMPLES = {  # generated inputs per parametrization: 10,000 in all
    "plan": 2500,
    "explain": 1500,
    "check": 1800,
    "test": 1200,
    "diff": 1000,
    "argv": 2000,
}
TRACEBACK = "Traceback (most recent call last)"
OUTSIDE = Path("/etc/passwd")  # a file outside every catalog, for symlinks to point at
MINI_ITEM = "construction-permit"


@dataclass(frozen=True)
class Env:
    """What a command's runner needs: the CLI, a scratch directory, catalog copies (the
    mini catalog, and a tiny one holding only its manifest), the profile field ids."""

    invoke: Callable[[list[str]], Outcome]
    workdir: Path
    copy: Path
    tiny: Path
    fields: list[str]
    out: Path


@dataclass(frozen=True)
class Outcome:
    code: int
    output: str
    exception: BaseException | None


def _registered() -> set[str]:
    """The names of the CLI's top-level commands."""
    names = set()
    for info in app.registered_commands:
        name = info.name or (info.callback.__name__ if info.callback else "")
        names.add(name.replace("_command", "").replace("_", "-"))
    return names


@pytest.fixture(scope="module")
def invoke(monkeypatch_module: pytest.MonkeyPatch, workdir: Path) -> Callable[[list[str]], Outcome]:
    """Run ``pathplanner.cli.main`` in-process, capturing what it prints. Catalog
    directories whose catalog files the test never changes are loaded once and reused."""
    real = loader.load_catalog
    good = {MINI.resolve(), (workdir / "catalog-test").resolve()}

    @functools.cache
    def cached(root: Path) -> Any:
        return real(root)

    def load_catalog(path: Path | str | None = None) -> Any:
        if path is not None and Path(path).resolve() in good:
            return cached(Path(path).resolve())
        return real(path)

    monkeypatch_module.setattr(loader, "load_catalog", load_catalog)

    def run(args: list[str]) -> Outcome:
        out, err = io.StringIO(), io.StringIO()
        exc: BaseException | None = None
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(["--lang", "en", *args])
            except BaseException as caught:  # main must not raise; record it for the assert
                code, exc = -1, caught
        return Outcome(code, out.getvalue() + err.getvalue(), exc)

    return run


@pytest.fixture(scope="module")
def monkeypatch_module() -> Iterator[pytest.MonkeyPatch]:
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile")


@pytest.fixture(scope="module")
def field_ids() -> list[str]:
    data = (MINI / "catalog" / "fields.yaml").read_text(encoding="utf-8")
    return [line.split(":", 1)[1].strip() for line in data.splitlines() if "- id:" in line]


def assert_handled(outcome: Outcome, names: list[str] | None) -> None:
    """The contract: no traceback and no internal error; exit 0 (the input happened to be
    valid) or 1; a failure names the offending file (``names``: any of them), or when the
    file itself is readable YAML (``names`` is None) at least prints a located error."""
    assert outcome.exception is None, f"{type(outcome.exception).__name__}: {outcome.exception}"
    assert TRACEBACK not in outcome.output
    assert "[internal]" not in outcome.output, outcome.output[-2000:]
    assert outcome.code in {0, 1}, (outcome.code, outcome.output[-2000:])
    raw = [c for c in _hostile.CONTROL_CHARACTERS if c in outcome.output]
    assert not raw, (raw, outcome.output[-2000:])
    outcome.output.encode("utf-8")  # no lone surrogate reaches the terminal
    if outcome.code == 1:
        if names is None:
            assert "error [" in outcome.output, outcome.output[-2000:]
        else:
            assert any(n in outcome.output for n in names), (names, outcome.output[-2000:])


def _names(root: Path, relative: str) -> list[str] | None:
    """Names a failure must mention when our own YAML reader refuses the file."""
    from pathplanner._input.yaml import read_yaml

    _, problems = read_yaml(root / relative, relative)
    return [relative, Path(relative).name] if problems else None


# --- what each command gets --------------------------------------------------------------


def _bad_path(workdir: Path, kind: str) -> tuple[Path, list[str]]:
    if kind in _hostile.SPECIAL_PATHS:
        path = _hostile.make_special(workdir / f"special-{kind}.yaml", kind, OUTSIDE)
        return path, [path.name]
    if kind == "missing":
        path = workdir / "不存在" / "missing-project.yaml"
        return path, ["missing-project.yaml"]
    path = workdir / "a-directory.yaml"
    path.mkdir(exist_ok=True)
    return path, ["a-directory.yaml"]


def _inputs(field_ids: list[str]) -> st.SearchStrategy[tuple[str, bytes]]:
    """Either hostile file content or a bad path (nonexistent file, directory)."""
    return st.one_of(
        _hostile.hostile_file(field_ids).map(lambda b: ("file", b)),
        st.sampled_from([("missing", b""), ("directory", b"")]),
        st.sampled_from(_hostile.SPECIAL_PATHS).map(lambda kind: (kind, b"")),
    )


def _profile_args(workdir: Path, kind: str, content: bytes, name: str) -> tuple[Path, list[str]]:
    if kind != "file":
        return _bad_path(workdir, kind)
    path = workdir / name
    path.write_bytes(content)
    return path, [name]


@contextlib.contextmanager
def _with_file(root: Path, relative: str, content: bytes) -> Iterator[None]:
    target = root / relative
    original = target.read_bytes() if target.exists() else None
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    try:
        yield
    finally:
        if original is None:
            target.unlink()
        else:
            target.write_bytes(original)


MINI_FILES = [
    "catalog/catalog.yaml",
    "catalog/items.yaml",
    "catalog/fields.yaml",
    "catalog/materials.yaml",
    "catalog/works.yaml",
    "catalog/organisation.yaml",
    "catalog/calendars/cn-2026.yaml",
    "rules/mini.yaml",
    "catalog/extra/hostile.yaml",
    "rules/hostile.yaml",
]
TINY_FILES = [
    "catalog/catalog.yaml",
    "catalog/items.yaml",
    "catalog/calendars/cn-2026.yaml",
    "rules/hostile.yaml",
]


def _settings(command: str) -> Callable[[Any], Any]:
    scale = float(os.environ.get("ROBUSTNESS_SCALE", "1"))  # e.g. 0.05 while developing
    return settings(
        max_examples=max(1, int(EXAMPLES[command] * scale)),
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_hostile_input_is_refused_cleanly(
    command: str,
    invoke: Callable[[list[str]], Outcome],
    workdir: Path,
    field_ids: list[str],
) -> None:
    """Rule: every input error ends with exit code 1 and a message naming the file, never
    a traceback; an input that happens to be valid may succeed (exit 0)."""
    assert command in _registered(), f"the CLI has no '{command}' command"
    catalog_copy = workdir / f"catalog-{command}"
    if not catalog_copy.exists():
        shutil.copytree(MINI, catalog_copy)
    tiny = workdir / f"tiny-{command}"
    if not tiny.exists():
        (tiny / "catalog").mkdir(parents=True)
        (tiny / "rules").mkdir()
        shutil.copy(MINI / "catalog" / "catalog.yaml", tiny / "catalog" / "catalog.yaml")
    out = workdir / "out.json"
    runner = RUNNERS[command]

    @_settings(command)
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        runner(data, Env(invoke, workdir, catalog_copy, tiny, field_ids, out))

    check()


def _run_plan(data: st.DataObject, env: Env) -> None:
    kind, content = data.draw(_inputs(env.fields), label="input")
    path, names = _profile_args(env.workdir, kind, content, "hostile-profile.yaml")
    extra = data.draw(
        st.sampled_from([[], ["--start", "2026-03-02"], ["--as-of", "2026-03-02"], ["--statutory"]])
        | st.tuples(
            st.sampled_from(["--start", "--as-of"]), st.sampled_from(_hostile.EDGE_DATES)
        ).map(list)
        | _hostile.edge_actuals().map(lambda b: ["--actuals", _written(env.workdir, b)])
    )
    args = [
        "plan",
        str(path),
        "--catalog",
        str(MINI),
        "--format",
        "json",
        "-o",
        str(env.out),
        *extra,
    ]
    assert_handled(env.invoke(args), [*names, *extra])  # a bad option or actuals: named too


def _written(workdir: Path, content: bytes) -> str:
    path = workdir / "hostile-actuals.yaml"
    path.write_bytes(content)
    return str(path)


def _run_explain(data: st.DataObject, env: Env) -> None:
    kind, content = data.draw(_inputs(env.fields), label="input")
    path, names = _profile_args(env.workdir, kind, content, "hostile-explain.yaml")
    fmt = data.draw(st.sampled_from(["text", "json"]))
    args = ["explain", str(path), MINI_ITEM, "--catalog", str(MINI), "--format", fmt]
    assert_handled(env.invoke(args), names)


def _hostile_catalog(data: st.DataObject, env: Env) -> tuple[Path, str, bytes]:
    """One hostile file in a catalog directory: mostly the tiny catalog (fast to load),
    one time in twenty the whole mini catalog."""
    full = data.draw(st.integers(0, 19), label="catalog") == 0
    files = MINI_FILES if full else TINY_FILES
    relative = data.draw(st.sampled_from(files), label="file")
    content = data.draw(_hostile.hostile_file(env.fields), label="content")
    return (env.copy if full else env.tiny), relative, content


@contextlib.contextmanager
def _with_special(root: Path, relative: str, kind: str) -> Iterator[None]:
    """A special entry (FIFO, symlink...) at ``root/relative``, removed afterwards."""
    target = root / relative
    _hostile.make_special(target, "link-to-device" if kind == "device" else kind, OUTSIDE)
    try:
        yield
    finally:
        target.unlink()


def _run_check(data: st.DataObject, env: Env) -> None:
    if data.draw(st.integers(0, 9), label="special entry") == 0:
        kind = data.draw(st.sampled_from(_hostile.SPECIAL_PATHS), label="kind")
        relative = data.draw(st.sampled_from(["rules/special.yaml", "catalog/special.yaml"]))
        with _with_special(env.tiny, relative, kind):
            assert_handled(env.invoke(["check", str(env.tiny)]), [relative])
        return
    root, relative, content = _hostile_catalog(data, env)
    with _with_file(root, relative, content):
        assert_handled(env.invoke(["check", str(root)]), _names(root, relative))


def _run_test(data: st.DataObject, env: Env) -> None:
    content = data.draw(
        st.one_of(
            _hostile.hostile_file(env.fields),
            _hostile.profile_with(env.fields).map(lambda b: b"scenarios:\n  - name: x\n" + b),
        ),
        label="scenario",
    )
    relative = "rules/tests/hostile.yaml"
    with _with_file(env.copy, relative, content):
        # an empty scenario file leaves no scenario: the message names the directory
        names = [relative, "hostile.yaml", "rules/tests"]
        assert_handled(env.invoke(["test", str(env.copy)]), names)


def _run_diff(data: st.DataObject, env: Env) -> None:
    if data.draw(st.booleans(), label="hostile catalog"):
        root, relative, content = _hostile_catalog(data, env)
        with _with_file(root, relative, content):
            outcome = env.invoke(["diff", str(MINI), str(root)])
            assert_handled(outcome, _names(root, relative))
        return
    kind, content = data.draw(_inputs(env.fields), label="profile")
    path, names = _profile_args(env.workdir, kind, content, "hostile-diff.yaml")
    assert_handled(env.invoke(["diff", str(MINI), str(MINI), str(path)]), names)


RUNNERS: dict[str, Callable[..., None]] = {
    "plan": _run_plan,
    "explain": _run_explain,
    "check": _run_check,
    "test": _run_test,
    "diff": _run_diff,
}


# --- wrong command lines --------------------------------------------------------------

_WRONG = st.one_of(
    st.sampled_from(
        [
            ["--bogus"],
            ["plan"],
            ["explain"],
            ["explain", "profile.yaml"],
            ["diff"],
            ["diff", "one-dir"],
            ["nonexistent-command"],
            ["plan", "p.yaml", "--format", "pdf"],
            ["plan", "p.yaml", "--engine", "clips"],
            ["check", "--no-such-option"],
            ["--lang", "fr", "check"],
            ["schema", "nonsense"],
        ]
    ),
    st.tuples(
        st.sampled_from(["plan", "check", "explain", "test", "diff", "schema"]),
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz-", min_size=1, max_size=12),
    ).map(lambda t: [t[0], f"--x{t[1]}"]),
)


def test_wrong_command_line_exits_2(invoke: Callable[[list[str]], Outcome]) -> None:
    """Rule: a command line the CLI does not understand exits with 2, never a traceback."""

    @_settings("argv")
    @given(args=_WRONG)
    def check(args: list[str]) -> None:
        outcome = invoke(args)
        assert outcome.exception is None, f"{type(outcome.exception).__name__}: {outcome.exception}"
        assert TRACEBACK not in outcome.output
        assert outcome.code == 2, (args, outcome.code, outcome.output[-1000:])

    check()
