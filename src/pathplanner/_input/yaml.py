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
  value along a path and :func:`validate_model` can turn a pydantic error into a located
  problem.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar, get_args

import yaml
from pydantic import BaseModel, ValidationError
from yaml.composer import Composer
from yaml.resolver import Resolver

from pathplanner._input.ids import FIELD_ID_PATTERN, ID_PATTERN
from pathplanner._input.suggest import did_you_mean, quote_all
from pathplanner.errors import Location, Problem

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MarkedDict",
    "MarkedList",
    "breadcrumb",
    "describe",
    "locate",
    "parse_yaml",
    "read_yaml",
    "validate_model",
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


_Loader.add_implicit_resolver(_BOOL_TAG, _BOOL, None)
_Loader.add_implicit_resolver(_INT_TAG, _INT, None)
_Loader.add_implicit_resolver(_FLOAT_TAG, _FLOAT, None)
_Loader.add_implicit_resolver(_NULL_TAG, _NULL, None)


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


def _scalar(node: yaml.ScalarNode, file: str, problems: list[Problem], crumb: str = "") -> Any:
    value: str = node.value
    tag = node.tag
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
            breadcrumb=crumb,
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
        return _scalar(node, file, problems, breadcrumb("", path))
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
        return None, [Problem("yaml-syntax", Location(display, line, 1), args={"detail": str(exc)})]
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
        return None, [Problem("yaml-syntax", Location(display, line, 1), args={"detail": str(exc)})]
    except yaml.YAMLError as exc:  # any other reader/scanner failure, still without a crash
        return None, [Problem("yaml-syntax", Location(display, 1, 1), args={"detail": str(exc)})]
    finally:
        loader.dispose()
    if node is None:
        return None, problems
    return _convert(node, display, problems), problems


def read_yaml(path: Path, display: str, *, max_bytes: int = MAX_BYTES) -> tuple[Any, list[Problem]]:
    """Read one YAML file; never raises on bad input.

    ``display`` is how the file is named in problems (usually relative to the catalog
    directory). Returns ``(data, problems)``; ``data`` is ``None`` when the file is empty or
    unreadable, otherwise plain values, :class:`MarkedDict` and :class:`MarkedList`.
    ``max_bytes`` is the largest file read (profiles use a smaller limit).
    """
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return None, [
                Problem(
                    "yaml-too-large",
                    Location(display),
                    args={"size": str(size), "limit": str(max_bytes)},
                )
            ]
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem("file-missing", Location(display))]
    except OSError as exc:
        return None, [
            Problem("file-unreadable", Location(display), args={"detail": exc.strerror or ""})
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, [Problem("yaml-encoding", Location(display, line, 1))]
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


def describe(value: Any) -> str:
    """A short, language-neutral rendering of a found value for messages."""
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return "[…]"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "…"
        return f"'{shown}'"
    return str(value)


# --- pydantic errors -> located problems ----------------------------------------------

_TYPE_LABELS = {
    "int": "type-integer",
    "float": "type-number",
    "bool": "type-bool",
    "string": "type-string",
    "str": "type-string",
    "date": "type-date",
    "list": "type-list",
    "tuple": "type-list",
    "dict": "type-mapping",
    "model": "type-mapping",
    "dataclass": "type-mapping",
}


_KNOWN_VALUE_ERRORS = {
    "valid_until is before valid_from": ("value-dates-reversed", "valid_until"),
    "give either 'output' or 'any_of', not both": ("value-either-output", "any_of"),
    "give either 'provider' or 'issued_by', not both": ("value-either-provider", "issued_by"),
    "'values' is required for type enum and only for it": ("value-enum-values", "type"),
    "'minimum'/'maximum' apply only to integer and number fields": ("value-range-type", "type"),
    "minimum is greater than maximum": ("value-range-reversed", "minimum"),
}
"""The model's validator messages (pathplanner.catalog.model): the label that says it in the
user's language, and the key the problem points at."""


def _get_node(data: Any, path: Sequence[str | int]) -> Any:
    node = data
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for arg in get_args(annotation):
        found.extend(_models_in(arg))
    return found


def _fields_at(model_cls: type[BaseModel], path: Sequence[str | int]) -> list[str]:
    models: list[type[BaseModel]] = [model_cls]
    for step in path:
        if isinstance(step, int):
            continue
        following: list[type[BaseModel]] = []
        for model in models:
            info = model.model_fields.get(step)
            if info is not None:
                following.extend(_models_in(info.annotation))
        if not following:
            return []
        models = following
    return sorted({name for model in models for name in model.model_fields})


def _exists(data: Any, path: Sequence[str | int]) -> bool:
    node = data
    for step in path:
        in_dict = isinstance(node, dict) and isinstance(step, str) and step in node
        in_list = isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)
        if not (in_dict or in_list):
            return False
        node = node[step]
    return True


def _split_tag(data: Any, loc: tuple[str | int, ...]) -> tuple[tuple[str | int, ...], str, int]:
    """Find a union-member tag in ``loc`` (a step absent from the data that is not the
    last); return the loc without it, the tag, and its position (-1 when none)."""
    for i, step in enumerate(loc[:-1]):
        if isinstance(step, str) and not _exists(data, loc[: i + 1]):
            return loc[:i] + loc[i + 1 :], step, i
    return loc, "", -1


def _pick_union_branches(
    data: Any, errors: list[dict[str, Any]]
) -> list[tuple[tuple[str | int, ...], dict[str, Any]]]:
    """Of the errors pydantic reports for each member of a union, keep the member with the
    fewest errors (the one the user most likely meant)."""
    groups: dict[tuple[str | int, ...], dict[str, list[int]]] = {}
    split: list[tuple[tuple[str | int, ...], str, tuple[str | int, ...]]] = []
    for n, err in enumerate(errors):
        loc = tuple(err["loc"])
        clean, tag, pos = _split_tag(data, loc)
        prefix = loc[:pos] if pos >= 0 else ()
        split.append((clean, tag, prefix))
        if tag:
            groups.setdefault(prefix, {}).setdefault(tag, []).append(n)
    keep: set[int] = set()
    for branches in groups.values():
        best = min(branches.values(), key=len)
        keep.update(best)
    result = []
    for n, (clean, tag, _prefix) in enumerate(split):
        if not tag or n in keep:
            result.append((clean, errors[n]))
    return result


def _key_name(path: Sequence[str | int]) -> str:
    if not path:
        return "·"
    last = path[-1]
    if isinstance(last, int):
        return breadcrumb("", path[-2:]) if len(path) >= 2 else f"[{last}]"
    return last


def _problem_from_error(
    model_cls: type[BaseModel],
    data: Any,
    *,
    path: tuple[str | int, ...],
    err: dict[str, Any],
    file: str,
    base: str,
) -> Problem:
    kind: str = err["type"]
    ctx: dict[str, Any] = err.get("ctx") or {}
    if kind == "extra_forbidden":
        key = str(path[-1]) if path else ""
        line, col = locate(data, path, key=True)
        allowed = _fields_at(model_cls, path[:-1])
        close = did_you_mean(key, allowed)
        args = {"key": key, "candidates": quote_all(close), "allowed": quote_all(allowed)}
        hint = "did-you-mean" if close else ("allowed-keys" if allowed else "")
        return Problem(
            "unknown-key",
            Location(file, line, col),
            breadcrumb=breadcrumb(base, path[:-1]),
            hint=hint,
            args=args,
        )
    if kind == "missing":
        key = str(path[-1]) if path else ""
        line, col = locate(data, path[:-1])
        return Problem(
            "missing-key",
            Location(file, line, col),
            breadcrumb=breadcrumb(base, path[:-1]),
            args={"key": key},
        )
    line, col = locate(data, path)
    crumb = breadcrumb(base, path)
    key = _key_name(path)
    found = describe(err.get("input"))
    if kind in ("literal_error", "enum"):
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        expected = quote_all(choices) if choices else str(ctx.get("expected", ""))
        close = did_you_mean(str(err.get("input")), choices)
        return Problem(
            "bad-choice",
            Location(file, line, col),
            breadcrumb=crumb,
            expected=expected,
            found=found,
            hint="did-you-mean" if close else "",
            args={"key": key, "candidates": quote_all(close)},
        )
    bounds = {
        "greater_than_equal": ">= {ge}",
        "greater_than": "> {gt}",
        "less_than_equal": "<= {le}",
        "less_than": "< {lt}",
        "too_short": "length >= {min_length}",
        "too_long": "length <= {max_length}",
    }
    if kind in bounds:
        expected = bounds[kind].format(**{k: str(v) for k, v in ctx.items()})
        return Problem(
            "out-of-range",
            Location(file, line, col),
            breadcrumb=crumb,
            expected=expected,
            found=found,
            args={"key": key},
        )
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        expected = {ID_PATTERN: "format-id", FIELD_ID_PATTERN: "format-field-id"}.get(
            pattern, pattern
        )
        return Problem(
            "bad-format",
            Location(file, line, col),
            breadcrumb=crumb,
            expected=expected,
            found=found,
            args={"key": key},
        )
    family = kind.split("_", 1)[0]
    if family in _TYPE_LABELS and kind != "value_error":
        return Problem(
            "bad-type",
            Location(file, line, col),
            breadcrumb=crumb,
            expected=_TYPE_LABELS[family],
            found=found,
            args={"key": key},
        )
    detail = str(ctx.get("error", err.get("msg", kind)))
    if detail in _KNOWN_VALUE_ERRORS:  # the model's own checks: say it in the user's language
        label, culprit = _KNOWN_VALUE_ERRORS[detail]
        target = _get_node(data, path)
        if isinstance(target, MarkedDict) and culprit in target:
            line, col = locate(data, [*path, culprit])
        return Problem(
            "invalid-combination",
            Location(file, line, col),
            breadcrumb=crumb,
            hint=label,
            args={"key": key},
        )
    return Problem(
        "invalid-value",
        Location(file, line, col),
        breadcrumb=crumb,
        found=found if path else "",
        args={"key": key, "detail": detail},
    )


def validate_model(
    model_cls: type[M],
    data: Any,
    *,
    file: str,
    breadcrumb: str,
    at: tuple[int, int] = (0, 0),
) -> tuple[M | None, list[Problem]]:
    """Validate ``data`` (read by :func:`read_yaml`) as ``model_cls``; never raises.

    Pydantic errors become located problems: ``unknown-key`` (with a "did you mean" among
    the model's keys), ``missing-key``, ``bad-type``, ``bad-choice``, ``out-of-range``,
    ``bad-format`` and ``invalid-value``. ``breadcrumb`` names the object (for example
    ``Item(id='construction-permit')``); the path inside it is appended. ``at`` is the
    position used when ``data`` itself carries no mark (a scalar where a mapping belongs).
    """
    try:
        return model_cls.model_validate(data), []
    except ValidationError as exc:
        errors = [dict(e) for e in exc.errors(include_url=False)]
    problems: list[Problem] = []
    seen: set[tuple[str, int, int, str, str]] = set()
    for path, err in _pick_union_branches(data, errors):
        problem = _problem_from_error(
            model_cls, data, path=path, err=err, file=file, base=breadcrumb
        )
        if problem.line == 0 and at != (0, 0):
            problem = replace(problem, location=Location(file, *at))
        key = problem.sort_key()
        if key not in seen:
            seen.add(key)
            problems.append(problem)
    return None, problems
