"""What every rendering of the disclosure letter must hold, whatever its file format.

The .docx and PDF tests read the file back to text and ask :func:`missing_from_letter`
which of the plan's items, materials and not-applicable items the text lacks. Whitespace
is ignored on both sides: a PDF table cell breaks a long material name over lines.
"""

from __future__ import annotations

import re
from pathlib import Path

from pathplanner.organisation import Letter, load_letter
from pathplanner.plan.model import Plan

__all__ = ["LETTER_FILE", "example_letter", "missing_from_letter", "squeeze"]

LETTER_FILE = (
    Path(__file__).resolve().parents[1] / "examples" / "letters" / "industrial-park-agency.yaml"
)

_SPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    """``text`` without any whitespace."""
    return _SPACE.sub("", text)


def example_letter() -> Letter:
    """The shipped example letter file, read as a user's would be."""
    return load_letter(LETTER_FILE)


def missing_from_letter(plan: Plan, text: str, lang: str = "zh") -> list[str]:
    """Every applicable item, material (per item) and not-applicable item of ``plan`` whose
    name ``text`` does not hold, as ``kind: name``."""
    body = squeeze(text)
    wanted = [("item", e.name.get(lang)) for e in plan.disclosure.entries]
    wanted += [("material", m.name.get(lang)) for e in plan.disclosure.entries for m in e.materials]
    wanted += [("not-applicable", n.name.get(lang)) for n in plan.disclosure.not_applicable]
    return [f"{kind}: {name}" for kind, name in wanted if squeeze(name) not in body]
