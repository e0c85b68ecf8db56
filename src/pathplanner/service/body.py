"""Reading a JSON request body: bounded, strict, and located like a file.

:func:`read_json` refuses a body that is not JSON (415), and
JSON the planner must not see (400): invalid syntax (with line and column), duplicate keys,
numbers out of range, ``NaN``, nesting deeper than the YAML reader allows, and halves of
surrogate pairs. A body that the project's YAML reader reads to the same values (almost
every JSON text: JSON is YAML's flow style) comes back as its marked mappings, so the
problems found later point at a line and column of the body, as they do in a file.
"""

from __future__ import annotations

import json
import math
from typing import Any

from fastapi import Request

from pathplanner._input.yaml import MAX_DEPTH, MAX_DIGITS, parse_yaml
from pathplanner.errors import Location, Problem
from pathplanner.service.problems import REQUEST, HttpProblem

__all__ = ["parse_json", "read_json"]


class _Refused(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(problem.code)


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping: dict[str, Any] = {}
    for key, value in pairs:
        if key in mapping:
            raise _Refused(Problem("http-duplicate-key", Location(REQUEST), args={"key": key}))
        mapping[key] = value
    return mapping


def _bad_number(value: str) -> _Refused:
    shown = value if len(value) <= 20 else value[:17] + "..."
    args = {"value": shown, "digits": str(MAX_DIGITS)}
    return _Refused(Problem("yaml-bad-number", Location(REQUEST), args=args))


def _integer(value: str) -> int:
    if len(value.lstrip("-")) > MAX_DIGITS:
        raise _bad_number(value)
    return int(value)


def _decimal(value: str) -> float:
    number = float(value)
    if not math.isfinite(number):
        raise _bad_number(value)
    return number


def _constant(value: str) -> Any:
    raise _Refused(
        Problem("http-bad-json", Location(REQUEST), args={"detail": f"{value} is not a number"})
    )


def _walk_problem(data: Any) -> Problem | None:
    """The first nesting or surrogate problem of parsed JSON, without recursion."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict | list):
            if depth >= MAX_DEPTH:
                return Problem("yaml-too-deep", Location(REQUEST), args={"limit": str(MAX_DEPTH)})
            children = [*node.keys(), *node.values()] if isinstance(node, dict) else node
            stack.extend((child, depth + 1) for child in children)
        elif isinstance(node, str) and not node.isascii():
            for char in node:
                if 0xD800 <= ord(char) <= 0xDFFF:
                    args = {"escape": f"\\u{ord(char):04x}"}
                    return Problem("yaml-surrogate", Location(REQUEST), args=args)
    return None


def parse_json(raw: bytes) -> Any:
    """The values of a JSON body; raises :class:`HttpProblem` (400) for what cannot be
    planned from. Marked (lines and columns) when the YAML reader agrees with JSON."""
    try:
        body = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise HttpProblem(400, [Problem("http-encoding", Location(REQUEST, line, 1))]) from None
    try:
        data = json.loads(
            body,
            object_pairs_hook=_unique,
            parse_int=_integer,
            parse_float=_decimal,
            parse_constant=_constant,
        )
    except _Refused as refused:
        raise HttpProblem(400, [refused.problem]) from None
    except json.JSONDecodeError as exc:
        where = Location(REQUEST, exc.lineno, exc.colno)
        raise HttpProblem(
            400, [Problem("http-bad-json", where, args={"detail": exc.msg})]
        ) from None
    except RecursionError:
        problem = Problem("yaml-too-deep", Location(REQUEST), args={"limit": str(MAX_DEPTH)})
        raise HttpProblem(400, [problem]) from None
    refusal = _walk_problem(data)
    if refusal is not None:
        raise HttpProblem(400, [refusal])
    marked, problems = parse_yaml(body, REQUEST)
    if not problems and _same(marked, data):
        return marked
    return data


def _same(marked: Any, data: Any) -> bool:
    """Equal values of equal JSON types (``1`` is not ``true``, ``1.0`` is not ``1``)."""
    if type(data) is dict:
        return (
            isinstance(marked, dict)
            and list(marked) == list(data)
            and all(_same(marked[k], v) for k, v in data.items())
        )
    if type(data) is list:
        return (
            isinstance(marked, list)
            and len(marked) == len(data)
            and all(_same(m, d) for m, d in zip(marked, data, strict=True))
        )
    return type(marked) is type(data) and bool(marked == data)


async def read_json(request: Request) -> Any:
    """The request's JSON body; raises :class:`HttpProblem`. Its size is bounded by the
    application's :class:`~pathplanner.service.limits.BodyLimit`."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media != "application/json" and not (
        media.startswith("application/") and media.endswith("+json")
    ):
        problem = Problem("http-media-type", Location(REQUEST), args={"found": media})
        raise HttpProblem(415, [problem])
    return parse_json(await request.body())
