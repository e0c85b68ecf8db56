"""Pydantic's validation errors translated into located, readable problems.

:func:`validate_model` validates data read by :mod:`pathplanner._input.yaml` against a model
and turns each pydantic error into a :class:`~pathplanner.errors.Problem` at the
``file:line:column`` of the offending key or value, with a breadcrumb by id, what was expected,
what was found and a "did you mean" for misspelt keys. :func:`describe` is the
piece other checks reuse for their own messages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticCustomError

from pathplanner._input.ids import FIELD_ID_PATTERN, ID_PATTERN
from pathplanner._input.suggest import did_you_mean, quote_all
from pathplanner._input.yaml import MarkedDict, breadcrumb, locate
from pathplanner.errors import Location, Problem
from pathplanner.messages import LABELS

__all__ = ["describe", "excerpt", "unexpected_file", "validate_model"]

M = TypeVar("M", bound=BaseModel)


def model_error(label: str, culprit: str, **args: str) -> PydanticCustomError:
    """The error a model's validator raises for values that contradict each other.

    ``label`` is a code of :data:`pathplanner.messages.LABELS` saying what is wrong (filled
    with ``args``); ``culprit`` is the key the located problem points at.
    """
    return PydanticCustomError(label, label, {"culprit": culprit, **args})


def excerpt(text: str, limit: int = 40) -> str:
    """At most ``limit`` characters of ``text`` that came from a file: what a message may
    show of content that is not what it should be."""
    return text if len(text) <= limit else f"{text[: limit - 1]}…"


def unexpected_file(data: Any, allowed: Iterable[str], file: str) -> Problem | None:
    """One problem, quoting only the first key shortened, when none of the top-level keys
    of ``data`` is ``allowed`` or close to one: the file is of another kind altogether (a
    password file, a document saved under the wrong name), and a message per line would
    print it whole."""
    known = sorted(set(allowed))
    if not isinstance(data, MarkedDict) or not data:
        return None
    if any(key in known or did_you_mean(key, known) for key in data):
        return None  # a file of the right kind with mistakes: each key gets its message
    first = next(iter(data))
    args = {"allowed": quote_all(known), "key": f"'{excerpt(first, 20)}'"}
    return Problem("yaml-unexpected-file", Location(file, *data.key_marks[first]), args=args)


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
        args = {"key": excerpt(key), "candidates": quote_all(close), "allowed": quote_all(allowed)}
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
    if kind in LABELS:  # a model's own check (model_error): say it in the user's language
        culprit = str(ctx.get("culprit", ""))
        target = _get_node(data, path)
        if isinstance(target, MarkedDict) and culprit in target:
            line, col = locate(data, [*path, culprit])
        extra = {k: str(v) for k, v in ctx.items() if k != "culprit"}
        return Problem(
            "invalid-combination",
            Location(file, line, col),
            breadcrumb=crumb,
            hint=kind,
            args={"key": key, **extra},
        )
    detail = str(ctx.get("error", err.get("msg", kind)))
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
