"""Reading user-edited YAML safely, remembering where every key and item came from.

Everything a user writes in YAML (catalog, rules, profiles, calendars, actuals, scenario
tests) is read through :func:`read_yaml`. It never raises on bad input: it returns the data
and a list of :class:`~pathplanner.errors.Problem`. The reader

- uses PyYAML's safe loader to compose the node tree and builds plain values itself, so no
  Python object can be constructed from a tag;
- refuses anchors and aliases (no "billion laughs"), duplicate keys, files over
  :data:`MAX_BYTES` and nesting deeper than :data:`MAX_DEPTH`;
- keeps YAML 1.1 surprises out: only ``true``/``false`` are booleans (``yes``, ``no``,
  ``on``, ``off`` stay strings), dates stay ISO strings, ``1:30`` is not a number;
- returns :class:`MarkedDict` / :class:`MarkedList`, which remember the 1-based line and
  column of themselves, their keys and their items, so :func:`locate` can point at any
  value along a path and :func:`~pathplanner._input.validation.validate_model` can turn a
  pydantic error into a located problem.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel
from yaml.composer import Composer
from yaml.resolver import Resolver

from pathplanner._input.files import read_bounded
from pathplanner.errors import Location, Problem

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MarkedDict",
    "MarkedList",
    "breadcrumb",
    "locate",
    "parse_yaml",
    "read_text",
    "read_yaml",
]

MAX_BYTES = 2_000_000
"""Largest YAML file read, in bytes."""

MAX_DEPTH = 40
"""Deepest nesting of mappings and lists accepted."""

MAX_DIGITS = 100
"""Longest integer accepted, in digits (Python refuses to convert past 4,300)."""

# libyaml's C parser when PyYAML was built with it; else only the pure-Python loader runs
_CParser: Any = getattr(getattr(yaml, "cyaml", None), "CParser", None)
_HAVE_LIBYAML = _CParser is not None

Mark = tuple[int, int]
M = TypeVar("M", bound=BaseModel)


class MarkedDict(dict[str, Any]):
    """A mapping read from YAML that remembers where it, its keys and values are.

    ``mark`` is the (line, column) of the mapping itself; ``key_marks[k]`` and
    ``value_marks[k]`` those of key ``k`` and its value. Lines and columns are 1-based.
    """

    def __init__(self, mark: Mark = (0, 0)) -> None:
        super().__init__()
        self.mark: Mark = mark
        self.key_marks: dict[str, Mark] = {}
        self.value_marks: dict[str, Mark] = {}


class MarkedList(list[Any]):
    """A list read from YAML that remembers where it and each of its items are."""

    def __init__(self, mark: Mark = (0, 0)) -> None:
        super().__init__()
        self.mark: Mark = mark
        self.item_marks: list[Mark] = []


class _Refusal(Exception):
    def __init__(self, code: str, mark: yaml.Mark | None, args: dict[str, str]) -> None:
        super().__init__(code)
        self.code = code
        self.mark = mark
        self.args_ = args


_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)(?:[eE][-+]?[0-9]+)?$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")

_SURROGATE = re.compile("[\ud800-\udfff]")

_STR = "tag:yaml.org,2002:str"
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_NULL_TAG = "tag:yaml.org,2002:null"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"


class _Refusing:
    """``compose_node`` refusing anchors and aliases and nesting past :data:`MAX_DEPTH`."""

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[attr-defined]
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _Refusal("yaml-alias", event.start_mark, {})
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Refusal("yaml-too-deep", event.start_mark, {"limit": str(MAX_DEPTH)})
            return super().compose_node(parent, index)  # type: ignore[misc]
        finally:
            self._depth -= 1


class _Loader(_Refusing, yaml.SafeLoader):
    """The safe loader, composing nodes only, with a strict YAML-1.2-like scalar resolver."""

    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012 - pyyaml's class protocol

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0


# Each resolver is filed under the first characters its pattern can match (as PyYAML's own
# are), so a plain scalar is matched against one or two patterns instead of all four.
_Loader.add_implicit_resolver(_BOOL_TAG, _BOOL, list("tTfF"))
_Loader.add_implicit_resolver(_INT_TAG, _INT, list("-+0123456789"))
_Loader.add_implicit_resolver(_FLOAT_TAG, _FLOAT, list("-+.0123456789"))
_Loader.add_implicit_resolver(_NULL_TAG, _NULL, ["~", "n", "N", ""])


class _NoCParser:
    """Stands in for libyaml's parser where PyYAML was built without it (never used)."""


class _FastLoader(_Refusing, Composer, _CParser or _NoCParser, Resolver):  # type: ignore[misc]
    """The same composition and resolver over libyaml's C parser: the events come from C
    (about ten times faster than PyYAML's scanner), the nodes are built in Python so the
    refusals above still apply. Used when it parses a text without error; any YAML error
    is reported by :class:`_Loader` instead, so messages do not depend on libyaml."""

    yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers

    def __init__(self, stream: str) -> None:
        _CParser.__init__(self, stream)
        Composer.__init__(self)
        Resolver.__init__(self)
        self._depth = 0

    def dispose(self) -> None:
        pass


def _parse_fast(text: str, display: str) -> tuple[Any, list[Problem]] | None:
    """Parse with libyaml's events; None when libyaml is missing or reports any error."""
    if not _HAVE_LIBYAML:
        return None
    problems: list[Problem] = []
    try:
        loader = _FastLoader(text)
        node = loader.get_single_node()
    except _Refusal as refusal:
        line, col = _mark(refusal.mark)
        return None, [Problem(refusal.code, Location(display, line, col), args=refusal.args_)]
    except (yaml.YAMLError, ValueError, TypeError):
        return None
    if node is None:
        return None, problems
    return _convert(node, display, problems), problems


def _mark(mark: yaml.Mark | None) -> Mark:
    if mark is None:
        return (1, 1)
    return (mark.line + 1, mark.column + 1)


def _number(value: str, tag: str) -> int | float | None:
    """The int or float a plain scalar means; None when out of range (too many digits, or
    a decimal that overflows to infinity)."""
    if tag == _INT_TAG and _INT.match(value):
        return int(value) if len(value.lstrip("+-")) <= MAX_DIGITS else None
    number = float(value)
    return number if math.isfinite(number) else None


def _no_surrogate(node: yaml.ScalarNode, file: str, problems: list[Problem]) -> bool:
    """False (and a problem) when a ``\\uD800``-style escape left half a surrogate pair in
    the scalar: no character, and no text of ours may hold one."""
    try:
        node.value.encode("utf-8")  # in C: the common case, a text with no surrogate
        return True
    except UnicodeEncodeError:
        pass
    found = _SURROGATE.search(node.value)
    if found is None:
        return True
    line, col = _mark(node.start_mark)
    args = {"escape": f"\\u{ord(found.group()):04x}"}
    problems.append(Problem("yaml-surrogate", Location(file, line, col), args=args))
    return False


def _scalar(
    node: yaml.ScalarNode, file: str, problems: list[Problem], path: tuple[str | int, ...] = ()
) -> Any:
    value: str = node.value
    tag = node.tag
    if not value.isascii() and not _no_surrogate(node, file, problems):
        return None
    if tag == _STR:
        return value
    if tag == _BOOL_TAG and _BOOL.match(value):
        return value.lower() == "true"
    if tag in (_INT_TAG, _FLOAT_TAG) and (_INT.match(value) or _FLOAT.match(value)):
        number = _number(value, tag)
        if number is not None:
            return number
        line, col = _mark(node.start_mark)
        shown = value if len(value) <= 20 else value[:17] + "..."
        args = {"value": shown, "digits": str(MAX_DIGITS)}
        problems.append(Problem("yaml-bad-number", Location(file, line, col), args=args))
        return None
    if tag == _NULL_TAG and _NULL.match(value):
        return None
    line, col = _mark(node.start_mark)
    problems.append(
        Problem(
            code="yaml-tag",
            location=Location(file, line, col),
            breadcrumb=breadcrumb("", path),
            found=tag,
            args={"tag": tag},
        )
    )
    return value


def _convert(
    node: yaml.Node, file: str, problems: list[Problem], path: tuple[str | int, ...] = ()
) -> Any:
    """Plain values from a composed node; ``path`` (keys and indexes from the document's
    top) names the place in problems."""
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, file, problems, path)
    if node.tag not in (_SEQ_TAG, _MAP_TAG):
        line, col = _mark(node.start_mark)
        problems.append(
            Problem(
                code="yaml-tag",
                location=Location(file, line, col),
                breadcrumb=breadcrumb("", path),
                found=node.tag,
                args={"tag": node.tag},
            )
        )
        return None
    if isinstance(node, yaml.SequenceNode):
        seq = MarkedList(_mark(node.start_mark))
        for index, child in enumerate(node.value):
            seq.append(_convert(child, file, problems, (*path, index)))
            seq.item_marks.append(_mark(child.start_mark))
        return seq
    assert isinstance(node, yaml.MappingNode)
    mapping = MarkedDict(_mark(node.start_mark))
    for key_node, value_node in node.value:
        line, col = _mark(key_node.start_mark)
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(
                Problem(
                    code="yaml-syntax",
                    location=Location(file, line, col),
                    args={"detail": "a key must be a plain scalar"},
                )
            )
            continue
        if not key_node.value.isascii() and not _no_surrogate(key_node, file, problems):
            continue
        key = str(key_node.value)
        if key in mapping:
            first = mapping.key_marks[key][0]
            problems.append(
                Problem(
                    code="yaml-duplicate-key",
                    location=Location(file, line, col),
                    breadcrumb=breadcrumb("", path),
                    args={"key": key, "first": str(first)},
                )
            )
            continue
        mapping[key] = _convert(value_node, file, problems, (*path, key))
        mapping.key_marks[key] = (line, col)
        mapping.value_marks[key] = _mark(value_node.start_mark)
    return mapping


def parse_yaml(text: str, display: str) -> tuple[Any, list[Problem]]:
    """Parse YAML ``text`` as if read from a file shown as ``display``; see :func:`read_yaml`."""
    fast = _parse_fast(text, display)
    if fast is not None:
        return fast
    problems: list[Problem] = []
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:  # a control character, found before parsing
        line = text.count("\n", 0, max(exc.position, 0)) + 1
        detail = str(exc).split("\n", 1)[0]  # without PyYAML's "in <unicode string>" line
        return None, [Problem("yaml-syntax", Location(display, line, 1), args={"detail": detail})]
    try:
        node = loader.get_single_node()
    except _Refusal as refusal:
        line, col = _mark(refusal.mark)
        return None, [Problem(refusal.code, Location(display, line, col), args=refusal.args_)]
    except yaml.MarkedYAMLError as exc:
        line, col = _mark(exc.problem_mark or exc.context_mark)
        last = max(len(text.splitlines()), 1)
        if line > last:  # "unexpected end of stream" points past the last line
            line, col = last, 1
        detail = "; ".join(str(part) for part in (exc.context, exc.problem) if part)
        return None, [Problem("yaml-syntax", Location(display, line, col), args={"detail": detail})]
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, max(exc.position, 0)) + 1
        detail = str(exc).split("\n", 1)[0]  # without PyYAML's "in <unicode string>" line
        return None, [Problem("yaml-syntax", Location(display, line, 1), args={"detail": detail})]
    except yaml.YAMLError as exc:  # any other reader/scanner failure, still without a crash
        return None, [Problem("yaml-syntax", Location(display, 1, 1), args={"detail": str(exc)})]
    finally:
        loader.dispose()
    if node is None:
        return None, problems
    return _convert(node, display, problems), problems


def read_text(
    path: Path, display: str, *, max_bytes: int = MAX_BYTES
) -> tuple[str | None, list[Problem]]:
    """The text of one user file (UTF-8, a byte-order mark dropped); never raises on bad
    input. ``None`` and the problems when it cannot be read (see
    :func:`~pathplanner._input.files.read_bounded`) or is not UTF-8."""
    raw, problems = read_bounded(path, display, max_bytes)
    if raw is None:
        return None, problems
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, [Problem("yaml-encoding", Location(display, line, 1))]


def read_yaml(path: Path, display: str, *, max_bytes: int = MAX_BYTES) -> tuple[Any, list[Problem]]:
    """Read one YAML file; never raises on bad input.

    ``display`` is how the file is named in problems (usually relative to the catalog
    directory). Returns ``(data, problems)``; ``data`` is ``None`` when the file is empty or
    unreadable, otherwise plain values, :class:`MarkedDict` and :class:`MarkedList`.
    ``max_bytes`` is the largest file read (profiles use a smaller limit); only a regular
    file is read, and never more than ``max_bytes + 1`` bytes of it.
    """
    text, problems = read_text(path, display, max_bytes=max_bytes)
    if text is None:
        return None, problems
    return parse_yaml(text, display)


def _mark_of(node: Any) -> Mark | None:
    mark = getattr(node, "mark", None)
    return mark if isinstance(mark, tuple) else None


def locate(data: Any, loc: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
    """Line and column of the deepest marked node along ``loc``; (0, 0) if nothing is marked.

    A step that does not exist stops the walk (the enclosing node's position is returned).
    With ``key=True`` a final mapping step points at the key rather than at its value (used
    for unknown keys).
    """
    found: Mark = _mark_of(data) or (0, 0)
    node = data
    for index, step in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(node, MarkedDict) and isinstance(step, str) and step in node:
            if key and last:
                return node.key_marks[step]
            value = node[step]
            if last or not isinstance(value, (MarkedDict, MarkedList)):
                found = node.value_marks[step]
            else:
                found = node.key_marks[step]
            node = value
        elif isinstance(node, MarkedList) and isinstance(step, int) and 0 <= step < len(node):
            found = node.item_marks[step]
            node = node[step]
        else:
            break
    return found


def breadcrumb(base: str, path: Sequence[str | int]) -> str:
    """``base > key > list[2] > key``: a readable path; integers index the previous step."""
    text = base
    for step in path:
        if isinstance(step, int):
            text += f"[{step}]"
        elif text:
            text += f" > {step}"
        else:
            text = str(step)
    return text
