"""Hints for the slips people make typing YAML and conditions on a Chinese keyboard.

A full-width colon after a key (``when：``) or full-width brackets and quotes in a condition
read fine to a person and break the file; PyYAML then reports the *next* line, in English.
:func:`full_width_in` finds such a character, :func:`yaml_slip` finds the line a YAML
error really comes from, :func:`yaml_reason` says PyYAML's complaint as a message key of
the zh/en table, and :func:`condition_hint` says why a condition would not parse (a
full-width character, or ``=`` where ``==`` was meant).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["FULL_WIDTH", "Slip", "condition_hint", "full_width_in", "yaml_reason", "yaml_slip"]

FULL_WIDTH = {
    "：": ":",
    "，": ",",
    "；": ";",
    "（": "(",
    "）": ")",
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "［": "[",
    "］": "]",
    "【": "[",
    "】": "]",
    "｛": "{",
    "｝": "}",
    "＝": "=",
    "＜": "<",
    "＞": ">",
    "！": "!",
    "\u3000": " ",
}
"""Full-width characters that stand for an ASCII one in YAML's or a condition's syntax."""

_QUOTED = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^']|'')*'")


@dataclass(frozen=True)
class Slip:
    """A full-width character where YAML or a condition needs ASCII: 1-based line and
    column, the character and what to type instead."""

    line: int
    column: int
    char: str
    ascii: str

    def args(self) -> dict[str, str]:
        """The message arguments of the hint ``hint-full-width``."""
        return {"char": "U+3000" if self.char == "\u3000" else self.char, "ascii": self.ascii}


def _structure(line: str) -> str:
    """``line`` with its quoted strings and comment blanked out (same length), so only
    characters that are YAML structure remain."""
    blank = _QUOTED.sub(lambda m: " " * len(m.group()), line)
    hash_at = re.search(r"(^|\s)#", blank)
    return blank[: hash_at.end()] + " " * (len(blank) - hash_at.end()) if hash_at else blank


def full_width_in(text: str, start: int = 0) -> tuple[int, str] | None:
    """The 0-based index and character of the first full-width stand-in at or after
    ``start`` in ``text``, or ``None``."""
    for index in range(max(start, 0), len(text)):
        if text[index] in FULL_WIDTH:
            return index, text[index]
    return None


_KEY_COLON = re.compile(r"\s*(?:-\s+)?[A-Za-z_][\w.-]*\s*：")
"""A key at the start of a line, then a full-width colon (``when：``, with or without a
space after it)."""
_VALUE_COLON = re.compile(r"[^\s：]：(?=\s|$)")
"""Any word then a full-width colon and a space or the line's end."""


def _line_slip(number: int, line: str) -> Slip | None:
    structure = _structure(line)
    # a key followed by a full-width colon, full-width indentation or flow punctuation
    colon = _KEY_COLON.match(structure) or _VALUE_COLON.search(structure)
    if colon is not None:
        return Slip(number, colon.end(), "：", ":")
    indent = re.match(r"[ \t]*\u3000", structure)
    if indent is not None:
        return Slip(number, indent.end(), "\u3000", " ")
    flow = (
        re.search(r"[，［］｛｝【】]", structure) if re.search(r"[\[{［｛【]", structure) else None
    )
    if flow is not None:
        return Slip(number, flow.start() + 1, flow.group(), FULL_WIDTH[flow.group()])
    return None


def yaml_slip(text: str, line: int, *, back: int = 3) -> Slip | None:
    """The full-width character that most likely caused a YAML error reported at 1-based
    ``line``: on that line or on one of the ``back`` lines before it (PyYAML reports a
    ``key：`` on the line after), the nearest first."""
    lines = text.splitlines()
    for number in range(min(line, len(lines)), max(line - back, 1) - 1, -1):
        found = _line_slip(number, lines[number - 1])
        if found is not None:
            return found
    return None


_YAML_REASONS = (
    ("mapping values are not allowed here", "yaml-why-mapping-values"),
    ("could not find expected ':'", "yaml-why-colon"),
    ("found character '\\t' that cannot start any token", "yaml-why-tab"),
    ("found a tab character", "yaml-why-tab"),
    ("expected ',' or '}'", "yaml-why-flow-mapping"),
    ("expected ',' or ']'", "yaml-why-flow-sequence"),
    ("found unexpected end of stream", "yaml-why-quote"),
    ("while scanning a quoted scalar", "yaml-why-quote"),
    ("did not find expected key", "yaml-why-indent"),
    ("expected <block end>", "yaml-why-indent"),
    ("did not find expected '-' indicator", "yaml-why-indent"),
    ("found undefined alias", "yaml-why-star"),
    ("did not find expected alphabetic or numeric character", "yaml-why-star"),
    ("found character that cannot start any token", "yaml-why-character"),
)


def yaml_reason(detail: str) -> str:
    """The message key that says PyYAML's ``detail`` in words (``yaml-why-…``), or ``""``
    when it is not one of the complaints people meet."""
    for phrase, key in _YAML_REASONS:
        if phrase in detail:
            return key
    return ""


def condition_hint(text: str, column: int) -> tuple[str, dict[str, str]] | None:
    """Why the condition ``text`` does not parse at 1-based ``column``, as a hint key and
    its arguments: a full-width character (anywhere in it), or a single ``=``."""
    found = full_width_in(text)
    if found is not None:
        index, char = found
        return "hint-full-width", Slip(1, index + 1, char, FULL_WIDTH[char]).args()
    at = column - 1
    single = 0 <= at < len(text) and text[at] == "=" and text[at + 1 : at + 2] != "="
    if single and (at == 0 or text[at - 1] not in "<>!="):
        return "hint-double-equals", {}
    return None
