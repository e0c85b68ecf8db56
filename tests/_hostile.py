"""Hypothesis strategies for hostile input files: what a careless or malicious user can feed
the command line. Each strategy yields the raw bytes of one file.

Shared by ``tests/cli/test_robustness.py``; the kinds follow the benchmark issue's list: invalid
YAML, binary bytes, huge numbers, deep nesting, unknown dates, empty files, a profile meant
for another catalog, and a YAML alias bomb; and issue 18's: control characters and lone
surrogates, dates at the ends of the calendar, and paths that are not plain files (devices,
FIFOs, dangling, looping and escaping symlinks), made by :func:`make_special`.
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import strategies as st

YAML_PUNCTUATION = ":-[]{}&*!|>'\"#%@`,?\n\t "

# Billion laughs: nine levels of nine aliases, 387 million strings once expanded.
ALIAS_BOMB = b"""a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""

EMPTY_FILES = [
    b"",
    b"\n",
    b"---\n",
    b"~\n",
    b"null\n",
    b"...\n",
    b"# only a comment\n",
    b"\xef\xbb\xbf",
]

BAD_DATES = [
    "2026-02-30",
    "2026-13-01",
    "0000-01-01",
    "0001-01-01",
    "1900-01-01",
    "2100-06-30",
    "9999-12-31",
    "2026-1-5",
    "20260302",
    "tomorrow",
    "2026-03-02T08:00:00",
    "-2026-03-02",
    "9999-12-20",
    "1900-12-31",
    "3000-01-01",
]

EDGE_DATES = ["0001-01-01", "1900-12-31", "1901-01-01", "2999-12-31", "3000-01-01", "9999-12-31"]
"""Dates at and past the ends of the dates pathplanner plans (docs/limits.md)."""

# what a message must never pass to a terminal raw: ESC, BEL, CSI, a bidi override, NUL
CONTROL_CHARACTERS = ["\x1b", "\x07", "\x9b", "\u202e", "\x00"]

HUGE_NUMBERS = [
    "1" + "0" * 5000,
    "-" + "9" * 4400,
    "1e999",
    "-1e999",
    ".inf",
    "-.inf",
    ".nan",
    "0x" + "f" * 300,
    "1_000_000_000_000_000_000_000",
    "9223372036854775808",
    "1e-999",
    "0o777777777777777777777777",
]


EXTREME_FLOATS = [
    "5e-324",
    "6e-05",
    "1e-05",
    "2.2250738585072014e-308",
    "1.7976931348623157e308",
    "-0.0",
    "0.000060000000000000001",
]
"""Floats a number field accepts but that once crashed the durable-rules engine (#18)."""

LONG_LISTS = ["[" + ", ".join(str(i) for i in range(n)) + "]" for n in (511, 512, 1000)]
"""Lists around durable-rules' 512-slot limit, as a value where a scalar belongs."""


def _nested(depth: int, kind: str) -> bytes:
    if kind == "flow-list":
        return b"a: " + b"[" * depth + b"]" * depth + b"\n"
    if kind == "flow-map":
        return b"a: " + b"{b: " * depth + b"1" + b"}" * depth + b"\n"
    lines = [(" " * i + f"k{i}:").encode() for i in range(depth)]
    return b"\n".join(lines) + b" 1\n"


def nested() -> st.SearchStrategy[bytes]:
    """Deeply nested flow or block structures, from a few levels to far past any limit."""
    return st.builds(
        _nested,
        st.one_of(st.integers(1, 120), st.sampled_from([500, 2000])),
        st.sampled_from(["flow-list", "flow-map", "block"]),
    )


def invalid_yaml() -> st.SearchStrategy[bytes]:
    """Text made mostly of YAML punctuation: usually a syntax error, sometimes odd but valid."""
    return st.text(
        alphabet=st.sampled_from(YAML_PUNCTUATION + "abc01项目"), min_size=1, max_size=80
    ).map(lambda s: s.encode("utf-8"))


def binary() -> st.SearchStrategy[bytes]:
    """Arbitrary bytes, including NUL, invalid UTF-8 and byte-order marks."""
    return st.one_of(
        st.binary(min_size=1, max_size=120),
        st.binary(max_size=60).map(lambda b: b"\xff\xfe" + b),
        st.binary(max_size=60).map(lambda b: b"name: x\x00" + b),
    )


def profile_document(fields: dict[str, object]) -> bytes:
    """A profile file around ``fields`` (dotted id → YAML scalar text), nested by the dots."""
    tree: dict[str, object] = {}
    for dotted, value in fields.items():
        node = tree
        parts = dotted.split(".")
        for part in parts[:-1]:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                break
            node = child
        else:
            node[parts[-1]] = value
    out = ["name: hostile", "profile:"]

    def emit(node: dict[str, object], indent: int) -> None:
        for key, value in node.items():
            if isinstance(value, dict):
                out.append(" " * indent + f"{key}:")
                emit(value, indent + 2)
            else:
                out.append(" " * indent + f"{key}: {value}")

    emit(tree, 2)
    return ("\n".join(out) + "\n").encode("utf-8")


def hostile_scalar() -> st.SearchStrategy[str]:
    """A YAML scalar (as text) that no sane field accepts."""
    return st.one_of(
        st.sampled_from(HUGE_NUMBERS),
        st.sampled_from(EXTREME_FLOATS),
        st.sampled_from(LONG_LISTS),
        st.sampled_from(BAD_DATES),
        st.sampled_from(["[]", "{}", "~", "''", "yes", "on", "'x' ", "[1, [2, [3]]]"]),
        st.integers(min_value=-(10**30), max_value=10**30).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        st.text(alphabet="abcxyz项目-_", min_size=1, max_size=20).map(lambda s: f'"{s}"'),
    )


def profile_with(field_ids: list[str]) -> st.SearchStrategy[bytes]:
    """A profile that sets known and unknown fields to hostile values, with hostile dates."""
    known = st.sampled_from(field_ids) if field_ids else st.just("project.use")
    foreign = st.sampled_from(
        ["other.catalog_field", "project.colour", "site.in_moon_zone", "building.height_m"]
    )
    fields = st.dictionaries(st.one_of(known, foreign), hostile_scalar(), min_size=1, max_size=4)

    def build(values: dict[str, str], start: str | None, as_of: str | None) -> bytes:
        body = profile_document(dict(values))
        head = b""
        if start is not None:
            head += f"start: {start}\n".encode()
        if as_of is not None:
            head += f"as_of: {as_of}\n".encode()
        return head + body

    dates = st.none() | st.sampled_from(BAD_DATES)
    return st.builds(build, fields, dates, dates)


def hostile_file(field_ids: list[str] | None = None) -> st.SearchStrategy[bytes]:
    """Any of the hostile kinds, drawn with roughly equal weight."""
    return st.one_of(
        invalid_yaml(),
        binary(),
        nested(),
        st.sampled_from(EMPTY_FILES),
        st.just(ALIAS_BOMB),
        st.sampled_from(HUGE_NUMBERS).map(lambda n: f"value: {n}\n".encode()),
        profile_with(field_ids or []),
        control_characters(),
        edge_dated(field_ids or []),
        edge_actuals(),
    )


def control_characters() -> st.SearchStrategy[bytes]:
    """Keys and values that spell control characters and lone surrogates with YAML escapes
    (``"\\e[2J"``, ``"\\ud800"``): valid YAML whose text would drive a terminal if echoed."""
    escapes = st.sampled_from(["\\e", "\\a", "\\x9b", "\\u202e", "\\0", "\\ud800", "\\udfff"])
    text = st.lists(st.one_of(escapes, st.sampled_from(["[2J", "]0;t", "x", "项"])), max_size=6)
    quoted = text.map(lambda parts: '"' + "".join(parts) + '"')

    def document(key: str, value: str, top: bool) -> bytes:
        body = f"{key}: {value}\n" if top else f"name: x\nprofile:\n  {key}: {value}\n"
        return body.encode("utf-8")

    return st.builds(document, quoted, quoted, st.booleans())


def edge_dated(field_ids: list[str]) -> st.SearchStrategy[bytes]:
    """A profile valid for the mini catalog (so it reaches the scheduler) with a start or
    as-of date at an end of the calendar."""
    del field_ids  # the mini catalog's required fields are written out below

    def build(key: str, day: str) -> bytes:
        return (
            f"name: edge\n{key}: {day}\nprofile:\n"
            "  project: {investment: enterprise, floor_area_m2: 1000}\n"
        ).encode()

    return st.builds(build, st.sampled_from(["start", "as_of"]), st.sampled_from(EDGE_DATES))


def edge_actuals() -> st.SearchStrategy[bytes]:
    """An actuals file with dates at the ends of the calendar."""

    def build(today: str, accepted: str) -> bytes:
        return (
            f"today: {today}\ntasks:\n  - task: construction-permit\n    accepted: {accepted}\n"
        ).encode()

    return st.builds(build, st.sampled_from(EDGE_DATES), st.sampled_from(EDGE_DATES))


SPECIAL_PATHS = ["fifo", "device", "dangling-link", "link-loop", "link-outside", "link-to-device"]
"""Entries that are not plain files, made by :func:`make_special`."""


def make_special(path: Path, kind: str, outside: Path) -> Path:
    """Make ``path`` an entry of ``kind`` (one of :data:`SPECIAL_PATHS`); ``outside`` is a
    file outside any catalog. Returns the path to give the command (``/dev/zero`` itself
    for ``device``)."""
    if kind == "device":
        return Path("/dev/zero")
    if path.is_symlink() or path.exists():
        path.unlink()
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dangling-link":
        path.symlink_to(path.parent / "no-such-file.yaml")
    elif kind == "link-loop":
        path.symlink_to(path.name)
    elif kind == "link-outside":
        path.symlink_to(outside)
    else:
        path.symlink_to("/dev/zero")
    return path
