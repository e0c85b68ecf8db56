"""Rewrite the ``expect:`` blocks of a scenario file in place, keeping everything else.

``pathplanner test --reset`` must leave comments, notes and profiles untouched so that
staff review only the changed expectations in the diff. The file is edited as text: each
scenario's ``expect:`` block (the key's line and the lines indented deeper than it) is
replaced by a freshly written block at the same indentation; a scenario without one gets
one appended. Only block-style scenario lists are supported (what the guide shows).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["LayoutError", "dump_expect", "rewrite_expectations"]

_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
_RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"}
_KEY_ORDER = ("present", "absent", "modes", "groups", "finish", "working_days", "reasons")


class LayoutError(ValueError):
    """The file's layout is not one this module can edit safely."""


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in _RESERVED:
        return text
    return json.dumps(text, ensure_ascii=False)


def _emit(value: Any, indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, Mapping):
        for key, sub in value.items():
            if isinstance(sub, Mapping | list) and sub:
                lines.append(f"{pad}{_scalar(key)}:")
                lines.extend(_emit(sub, indent + 2))
            elif isinstance(sub, Mapping):
                lines.append(f"{pad}{_scalar(key)}: {{}}")
            elif isinstance(sub, list):
                lines.append(f"{pad}{_scalar(key)}: []")
            else:
                lines.append(f"{pad}{_scalar(key)}: {_scalar(sub)}")
    else:
        lines.extend(f"{pad}- {_scalar(v)}" for v in value)
    return lines


def dump_expect(expect: Mapping[str, Any], indent: int) -> list[str]:
    """The lines of an ``expect:`` block whose key sits at column ``indent`` (0-based)."""
    ordered = {k: expect[k] for k in _KEY_ORDER if k in expect}
    if not ordered:
        return ["expect: {}"]
    return ["expect:", *_emit(ordered, indent + 2)]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_filler(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _scenario_starts(lines: Sequence[str]) -> tuple[list[int], int]:
    """Line indexes where each scenario item starts, and the end of the list."""
    top = next(
        (i for i, line in enumerate(lines) if re.match(r"^scenarios\s*:\s*(#.*)?$", line)),
        None,
    )
    if top is None:
        raise LayoutError("no block 'scenarios:' key at column 1")
    starts: list[int] = []
    item_indent: int | None = None
    end = len(lines)
    for i in range(top + 1, len(lines)):
        line = lines[i]
        if _is_filler(line):
            continue
        ind = _indent(line)
        if item_indent is None:
            if not line.lstrip().startswith("- "):
                raise LayoutError("'scenarios:' is not followed by a block list")
            item_indent = ind
        if ind < item_indent or (ind == item_indent and not line.lstrip().startswith("- ")):
            end = i
            break
        if ind == item_indent:
            starts.append(i)
    return starts, end


def rewrite_expectations(text: str, new: Mapping[int, Mapping[str, Any]]) -> str:
    """``text`` with the ``expect:`` block of scenario ``i`` replaced by ``new[i]``.

    Raises :class:`LayoutError` when the scenario list is not in block style.
    """
    lines = text.splitlines()
    starts, end = _scenario_starts(lines)
    missing = [i for i in new if i >= len(starts)]
    if missing:
        raise LayoutError(f"found {len(starts)} scenarios, expected at least {max(missing) + 1}")
    bounds = [(s, starts[n + 1] if n + 1 < len(starts) else end) for n, s in enumerate(starts)]
    # Edit from the last scenario up so earlier line numbers stay valid.
    for index in sorted(new, reverse=True):
        first, stop = bounds[index]
        while stop > first + 1 and _is_filler(lines[stop - 1]):
            stop -= 1
        head = lines[first]
        key_col = _indent(head) + 2 + _indent(head.lstrip()[2:])
        block = _find_key(lines, first, stop, key_col, "expect")
        body = dump_expect(new[index], key_col)
        if block is None:
            lines[stop:stop] = [" " * key_col + body[0], *body[1:]]
            continue
        b_first, b_stop = block
        prefix = lines[b_first][:key_col]
        lines[b_first:b_stop] = [prefix + body[0], *body[1:]]
    return "\n".join(lines) + "\n"


def _find_key(
    lines: Sequence[str], first: int, stop: int, col: int, key: str
) -> tuple[int, int] | None:
    pattern = re.compile(rf"^{re.escape(key)}\s*:")
    for i in range(first, stop):
        line = lines[i]
        if len(line) <= col or not pattern.match(line[col:]):
            continue
        if i != first and _indent(line) != col:
            continue
        j = i + 1
        while j < stop and (_is_filler(lines[j]) or _indent(lines[j]) > col):
            j += 1
        while j > i + 1 and _is_filler(lines[j - 1]):
            j -= 1
        return i, j
    return None
