"""Reading and writing files: what the command line does with devices, FIFOs, symlinks,
unwritable outputs, dates at the edge of the calendar and text that would garble a terminal.

Each case is something a user or a portal can really cause (these tests run as root in CI,
so "unreadable" means a dangling symlink, a loop, a directory or a device, never chmod).
Whole messages are asserted.
"""

from __future__ import annotations

import contextlib
import io
import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from pathplanner.cli import main
from pathplanner.errors import Location, Problem

REPO = Path(__file__).resolve().parents[2]
MINI = REPO / "tests" / "data" / "mini"
EXAMPLE = REPO / "examples" / "low-risk-warehouse.yaml"


def run(*args: str) -> tuple[int, str, str]:
    """The CLI in-process, in English: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--lang", "en", *args])
    return code, out.getvalue(), err.getvalue()


def _limit_memory() -> None:  # pragma: no cover - runs in the child process
    resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))


def run_bounded(*args: str) -> subprocess.CompletedProcess[str]:
    """The CLI in a child process with 1.5 GB of memory and 60 s: an unbounded read fails
    the test instead of hanging it or exhausting the machine."""
    code = "import sys; from pathplanner.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run(
        [sys.executable, "-c", code, "--lang", "en", *args],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_limit_memory,
        check=False,
    )


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    return root


# --- reading: devices and FIFOs -----------------------------------------------------------


def test_a_profile_that_is_a_device_is_refused_without_reading_it() -> None:
    done = run_bounded("plan", "/dev/zero", "--catalog", str(MINI))
    assert done.returncode == 1
    assert done.stderr == (
        "/dev/zero: error [file-not-regular]: not a regular file (a device, pipe or socket): "
        "not read\n"
    )


def test_a_profile_that_is_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "profile.yaml"
    os.mkfifo(fifo)
    done = run_bounded("plan", str(fifo), "--catalog", str(MINI))
    assert done.returncode == 1
    assert done.stderr == (
        f"{fifo.as_posix()}: error [file-not-regular]: not a regular file (a device, pipe or "
        "socket): not read\n"
    )


def test_a_catalog_file_that_is_a_fifo_is_refused(mini: Path) -> None:
    os.mkfifo(mini / "rules" / "pipe.yaml")
    done = run_bounded("check", str(mini))
    assert done.returncode == 1
    assert done.stderr == (
        "rules/pipe.yaml: error [file-not-regular]: not a regular file (a device, pipe or "
        "socket): not read\n"
    )


def test_a_file_whose_size_is_not_reported_is_read_only_to_the_limit(tmp_path: Path) -> None:
    """/proc files report a size of 0; the reader stops one byte past the limit anyway."""
    from pathplanner._input.yaml import read_text

    proc = Path("/proc/self/maps")  # a regular file of size 0, a few kB long
    text, problems = read_text(proc, "maps", max_bytes=100)
    assert text is None
    assert [p.message("en") for p in problems] == [
        "maps: error [yaml-too-large]: file too large: 101 bytes, the limit is 100"
    ]


# --- reading: unreadable profiles and actuals -----------------------------------------------


@pytest.mark.parametrize("option", ["profile", "actuals"])
def test_a_directory_given_as_an_input_file_is_unreadable(tmp_path: Path, option: str) -> None:
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    args = [str(folder)] if option == "profile" else [str(EXAMPLE), "--actuals", str(folder)]
    code, out, err = run("plan", *args)
    assert (code, out) == (1, "")
    assert err == f"{folder.as_posix()}: error [file-unreadable]: cannot read: Is a directory\n"


def test_a_symlink_loop_given_as_the_profile_is_unreadable(tmp_path: Path) -> None:
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    code, _, err = run("plan", str(loop))
    assert code == 1
    assert err == f"{loop.as_posix()}: error [file-link-loop]: symbolic links form a loop\n"


def _without_root_powers() -> list[str]:
    """A command prefix that takes from root the power to read any file, so that a file
    with mode 000 is really unreadable (as it is for everybody else)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:  # pragma: no cover - util-linux is on every CI image we use
        pytest.skip("running as root without setpriv: no way to be denied a read")
    drop = "-dac_override,-dac_read_search"
    return [setpriv, f"--bounding-set={drop}", f"--inh-caps={drop}"]


@pytest.mark.parametrize("what", ["profile", "rules folder"])
def test_a_file_or_folder_without_read_permission_is_unreadable_exit_1(
    mini: Path, tmp_path: Path, what: str
) -> None:
    """Not a usage error (exit 2): the path is right, the file cannot be read."""
    profile = tmp_path / "p.yaml"
    shutil.copy(EXAMPLE, profile)
    locked = profile if what == "profile" else mini / "rules"
    args = ["plan", str(profile)] if what == "profile" else ["check", str(mini)]
    shown = profile.as_posix() if what == "profile" else "rules"
    code = "import sys; from pathplanner.cli import main; sys.exit(main(sys.argv[1:]))"
    locked.chmod(0)
    try:
        done = subprocess.run(
            [*_without_root_powers(), sys.executable, "-c", code, "--lang", "en", *args],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        locked.chmod(0o755)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"{shown}: error [file-unreadable]: cannot read: Permission denied\n"


# --- reading: symlinks and unreadable entries in a catalog ---------------------------------


def test_a_rule_file_linking_outside_the_catalog_is_refused_unread(
    mini: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:the-password-hash\n", encoding="utf-8")
    (mini / "rules" / "x.yaml").symlink_to(secret)
    code, out, err = run("check", str(mini))
    assert (code, out) == (1, "")
    assert err == (
        f"rules/x.yaml: error [file-outside]: a symbolic link to {secret.as_posix()}, outside "
        "the catalog directory: not read\n"
    )
    assert "password" not in err


def test_a_folder_linking_outside_the_catalog_is_refused(mini: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (mini / "catalog" / "more").symlink_to(elsewhere)
    code, _, err = run("check", str(mini))
    assert code == 1
    assert err == (
        f"catalog/more: error [file-outside]: a symbolic link to {elsewhere.as_posix()}, "
        "outside the catalog directory: not read\n"
    )


def test_a_symlink_inside_the_catalog_is_followed(mini: Path) -> None:
    (mini / "rules" / "mini.yaml").rename(mini / "rules" / "real.txt")
    (mini / "rules" / "mini.yaml").symlink_to("real.txt")
    code, out, _ = run("check", str(mini))
    assert code == 0
    assert out.endswith("2 rules; 3 warnings\n")


def test_a_dangling_symlink_under_rules_is_an_error(mini: Path) -> None:
    (mini / "rules" / "gone.yaml").symlink_to(mini / "rules" / "deleted.yaml")
    code, _, err = run("check", str(mini))
    assert code == 1
    assert err == (
        f"rules/gone.yaml: error [file-broken-link]: broken symbolic link: "
        f"{(mini / 'rules' / 'deleted.yaml').as_posix()} does not exist\n"
    )


def test_a_symlink_loop_under_rules_is_an_error(mini: Path) -> None:
    sub = mini / "rules" / "sub"
    sub.mkdir()
    (sub / "again").symlink_to(sub)
    (mini / "rules" / "self.yaml").symlink_to("self.yaml")
    code, _, err = run("check", str(mini))
    assert code == 1
    assert err == (
        "rules/self.yaml: error [file-link-loop]: symbolic links form a loop\n"
        "rules/sub/again: error [file-link-loop]: symbolic links form a loop\n"
    )


def test_a_directory_where_the_manifest_belongs_is_an_error(mini: Path) -> None:
    manifest = mini / "catalog" / "catalog.yaml"
    manifest.unlink()
    manifest.mkdir()
    code, _, err = run("check", str(mini))
    assert code == 1
    assert err == "catalog/catalog.yaml: error [file-unreadable]: cannot read: Is a directory\n"


def test_a_file_of_another_kind_is_quoted_only_in_a_short_excerpt(mini: Path) -> None:
    lines = [f"user{n}:$6$secret-hash-{n}:19000:0:99999:7:::" for n in range(50)]
    (mini / "rules" / "shadow.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, err = run("check", str(mini))
    assert code == 1
    assert err == (
        "rules/shadow.yaml:1:1: error [yaml-unexpected-file]: none of the top-level keys is "
        "known (expected 'facts', 'rules'); the first is 'user0:$6$secret-has…'\n"
    )


# --- writing: -o ---------------------------------------------------------------------------


def _small_files() -> None:  # pragma: no cover - runs in the child process
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))


def test_a_failed_write_keeps_the_previous_report(tmp_path: Path) -> None:
    """The report is written beside the target and renamed over it, so a write that fails
    half-way (here: the process may not write files past 20 kB) leaves the good report."""
    target = tmp_path / "plan.json"
    target.write_text("the good report\n", encoding="utf-8")
    code = "import sys; from pathplanner.cli import main; sys.exit(main(sys.argv[1:]))"
    done = subprocess.run(
        [sys.executable, "-c", code, "--lang", "en", "plan", str(EXAMPLE), "-o", str(target)],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_small_files,
        check=False,
    )
    assert (done.returncode, done.stdout) == (1, "")
    assert (
        done.stderr
        == f"{target.as_posix()}: error [file-unwritable]: cannot write: File too large\n"
    )
    assert target.read_text(encoding="utf-8") == "the good report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.json"]


def test_writing_replaces_the_report_and_keeps_its_mode(tmp_path: Path) -> None:
    from pathplanner._support.atomic import write_atomically

    target = tmp_path / "plan.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_atomically(target, "新的报告")
    assert target.read_text(encoding="utf-8") == "新的报告"
    assert target.stat().st_mode & 0o777 == 0o640
    write_atomically(tmp_path / "new" / "plan.bin", b"\x00\x01")
    assert (tmp_path / "new" / "plan.bin").read_bytes() == b"\x00\x01"


@pytest.mark.parametrize(
    ("make", "detail"),
    [
        ("directory", "Is a directory"),
        ("device", "not a regular file (a device, pipe or socket): not written"),
        ("under-a-file", "Not a directory"),
        ("long-name", "File name too long"),
        ("empty", "Is a directory"),
    ],
)
def test_an_output_that_cannot_be_written_is_a_located_error(
    tmp_path: Path, make: str, detail: str
) -> None:
    target = {
        "directory": tmp_path,
        "device": Path("/dev/full"),
        "under-a-file": tmp_path / "plan.json" / "inner.json",
        "long-name": tmp_path / ("x" * 300 + ".json"),
        "empty": Path(""),
    }[make]
    (tmp_path / "plan.json").write_text("{}", encoding="utf-8")
    code, out, err = run("plan", str(EXAMPLE), "-o", str(target))
    assert (code, out) == (1, "")
    shown = target.as_posix()
    if make == "device":
        assert err == f"{shown}: error [file-not-regular-output]: {detail}\n"
    else:
        assert err == f"{shown}: error [file-unwritable]: cannot write: {detail}\n"
    assert Path("/dev/full").is_char_device()


def test_an_output_that_is_the_profile_is_refused_before_planning(tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    shutil.copy(EXAMPLE, profile)
    code, out, err = run("plan", str(profile), "-o", str(tmp_path / "." / "p.yaml"))
    assert (code, out) == (1, "")
    assert err == (
        f"{(tmp_path / 'p.yaml').as_posix()}: error [file-is-input]: this is an input file of "
        "the plan: writing the report here would overwrite it\n"
    )
    assert profile.read_bytes() == EXAMPLE.read_bytes()


# --- dates at the edge of the calendar -------------------------------------------------------


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "3000-01-01"])
@pytest.mark.parametrize("option", ["--start", "--as-of"])
def test_a_date_option_outside_the_calendar_is_refused(option: str, day: str) -> None:
    code, out, err = run("plan", str(EXAMPLE), option, day)
    assert (code, out) == (1, "")
    assert err == (
        f"{option}: error [date-out-of-range]: {day} is outside the dates pathplanner plans "
        "(1901-01-01 to 2999-12-31)\n"
    )


def test_a_diff_start_outside_the_calendar_is_refused() -> None:
    code, out, err = run("diff", str(MINI), str(MINI), "--start", "9999-12-31")
    assert code == 1
    assert out + err == (
        "--start: error [date-out-of-range]: 9999-12-31 is outside the dates pathplanner plans "
        "(1901-01-01 to 2999-12-31)\n"
    )


def test_the_planner_refuses_a_date_outside_the_calendar() -> None:
    """Library callers and scenario tests reach the planner without the command line."""
    import datetime as dt

    from pathplanner.errors import InputError
    from pathplanner.plan.planner import Planner

    planner = Planner.from_directory(MINI)
    profile = {"project": {"investment": "enterprise", "floor_area_m2": 1000}}
    with pytest.raises(InputError) as caught:
        planner.plan(profile, start=dt.date(9999, 12, 31))
    assert caught.value.render("en") == (
        "start: error [date-out-of-range]: 9999-12-31 is outside the dates pathplanner plans "
        "(1901-01-01 to 2999-12-31)"
    )


def test_a_scenario_start_outside_the_calendar_fails_the_scenario(mini: Path) -> None:
    (mini / "rules" / "tests").mkdir()
    (mini / "rules" / "tests" / "edge.yaml").write_text(
        "scenarios:\n"
        "  - name: edge\n"
        "    start: 9999-12-31\n"
        "    profile:\n"
        "      project: {investment: enterprise, floor_area_m2: 1000}\n"
        "    expect:\n"
        "      present: [construction-permit]\n",
        encoding="utf-8",
    )
    code, out, err = run("test", str(mini))
    assert code == 1
    assert "[internal]" not in out + err
    assert (
        "start: error [date-out-of-range]: 9999-12-31 is outside the dates pathplanner plans "
        "(1901-01-01 to 2999-12-31)"
    ) in out + err


def test_a_profile_start_outside_the_calendar_is_located(tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("start: 2026-03-02", "start: 9999-12-31"),
        encoding="utf-8",
    )
    code, _, err = run("plan", str(profile))
    assert code == 1
    assert err == (
        f"{profile.as_posix()}:4:8: error [date-out-of-range] start: 9999-12-31 is outside "
        "the dates pathplanner plans (1901-01-01 to 2999-12-31)\n"
    )


def test_actual_dates_outside_the_calendar_are_located(tmp_path: Path) -> None:
    actuals = tmp_path / "actuals.yaml"
    actuals.write_text(
        "today: 9999-12-31\ntasks:\n  - task: construction-permit\n    accepted: 0001-01-01\n",
        encoding="utf-8",
    )
    code, _, err = run("plan", str(EXAMPLE), "--actuals", str(actuals))
    assert code == 1
    shown = actuals.as_posix()
    assert err == (
        f"{shown}:1:8: error [date-out-of-range] Actuals > today: 9999-12-31 is outside the "
        "dates pathplanner plans (1901-01-01 to 2999-12-31)\n"
        f"{shown}:4:15: error [date-out-of-range] Actuals > tasks[0] > accepted: 0001-01-01 is "
        "outside the dates pathplanner plans (1901-01-01 to 2999-12-31)\n"
    )


def test_the_calendar_covers_the_whole_date_range() -> None:
    """Rule: a plan may start on the first or the last accepted day without leaving the
    years Python's dates can hold."""
    code, _, err = run("plan", str(EXAMPLE), "--start", "2999-12-31")
    assert code == 0, err
    code, _, err = run("plan", str(EXAMPLE), "--start", "1901-01-01")
    assert code == 0, err


# --- rule conditions past the limits ---------------------------------------------------------


def _with_condition(mini: Path, condition: str) -> None:
    rules = mini / "rules" / "mini.yaml"
    text = rules.read_text(encoding="utf-8")
    rules.write_text(
        text.replace("site.in_assessed_zone and project.floor_area_m2 < 50000", condition),
        encoding="utf-8",
    )


@pytest.mark.parametrize(
    ("condition", "column"),
    [
        ("(" * 500 + "project.floor_area_m2 < 50000" + ")" * 500, 41),
        ("not " * 2001 + "site.in_assessed_zone", 161),
        ("(" * 41 + "site.in_assessed_zone" + ")" * 41, 41),
    ],
)
def test_a_condition_nested_too_deep_is_refused(mini: Path, condition: str, column: int) -> None:
    _with_condition(mini, condition)
    code, _, err = run("check", str(mini))
    assert code == 1
    first = err.splitlines()[0]
    assert first == (
        f"rules/mini.yaml:18:{10 + column}: error [rule-too-deep] "
        "Rule(id='assessed-zone-commitment') > when: the condition nests too deep: more than "
        f"40 levels of parentheses and 'not' (column {column})"
    )


def test_a_condition_at_the_nesting_limit_is_accepted(mini: Path) -> None:
    _with_condition(mini, "(" * 20 + "not " * 19 + "site.in_assessed_zone" + ")" * 20)
    code, _, err = run("check", str(mini))
    assert code == 0, err


@pytest.mark.parametrize("number", ["1" * 401, "1e400", "-" + "9" * 101 + ".5"])
def test_a_number_past_the_limit_in_a_condition_is_refused(mini: Path, number: str) -> None:
    _with_condition(mini, f"project.floor_area_m2 < {number}")
    code, _, err = run("check", str(mini))
    assert code == 1
    shown = number if len(number) <= 20 else number[:17] + "..."
    assert err.splitlines()[0] == (
        "rules/mini.yaml:18:35: error [rule-bad-number] Rule(id='assessed-zone-commitment') > "
        f"when: number {shown} is out of range (up to 100 digits, finite) (column 25)"
    )


# --- what reaches the terminal ---------------------------------------------------------------


def test_control_characters_in_a_message_are_escaped() -> None:
    problem = Problem(
        "unknown-key",
        Location("evil\x1b]0;title\x07.yaml", 1, 1),
        breadcrumb="a\x1b[2Jb",
        found="\x9b\u202e",
        args={"key": "\x1b[31mred\nline"},
    )
    assert problem.message("en") == (
        "evil\\x1b]0;title\\x07.yaml:1:1: error [unknown-key] a\\x1b[2Jb: unknown key "
        "'\\x1b[31mred\\x0aline'\n  found: \\x9b\\u202e"
    )


def test_an_unknown_key_with_an_escape_reaches_the_terminal_escaped(tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    text = EXAMPLE.read_text(encoding="utf-8")
    profile.write_text(text + '"\\e]0;pwned\\a": 1\n', encoding="utf-8")
    code, _, err = run("plan", str(profile))
    assert code == 1
    assert "\x1b" not in err and "\x07" not in err
    assert "unknown key '\\x1b]0;pwned\\x07'" in err


def test_a_lone_surrogate_escape_is_refused(tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text('name: x\nzh: "\\ud800"\nprofile: {}\n', encoding="utf-8")
    code, _, err = run("plan", str(profile))
    assert code == 1
    assert err == (
        f"{profile.as_posix()}:2:5: error [yaml-surrogate]: the escape \\ud800 stands for no "
        "character (half of a surrogate pair)\n"
    )
    err.encode("utf-8")  # no lone surrogate: this would raise


def test_no_message_holds_a_lone_surrogate() -> None:
    problem = Problem("file-missing", Location("bad-\udcff.yaml"), args={"detail": "\ud800"})
    message = problem.message("en")
    assert message == "bad-\\udcff.yaml: error [file-missing]: file or directory does not exist"
    message.encode("utf-8")
