"""An English report is written in English.

Invariant: the Markdown, HTML and DOT reports of any example, planned as of any day (years
with a published holiday calendar and years without one, when rules, limits and modes change
validity), hold no Chinese character (nor full-width punctuation) in ``lang="en"`` except
in text the catalog gives no English for:

- names whose ``en`` is empty (the report then lists them in its fallback note);
- legal citations (``basis`` fields: 《...》 titles, article numbers, document numbers);
- notes without an English field yet (service windows, material notes, templates, fee
  amounts);
- the project's own text values (a building's name), which reasons in words quote;

and the Chinese term the catalog's English names in brackets after its translation (a rule
"Other enterprise projects are filed (备案)", a value "Class A (甲)"), which reasons in words
quote.

The allowed strings are taken from the plan itself, removed from the report, and what is
left must be free of Chinese.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from pathplanner.plan.model import Plan
from pathplanner.profile import ProfileDocument, load_profile
from pathplanner.render import render_dot, render_html, render_markdown
from pathplanner.render.labels import label
from snapshots import example_paths, shared_planner

EXAMPLES = example_paths()

CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
"""Chinese characters, CJK punctuation (、。《》〔〕) and full-width forms (（）：；，)."""

CITATIONS = frozenset({"basis", "mode_basis", "statutory_basis", "committed_basis"})
NOTES = frozenset({"window", "note", "template", "amount"})
"""Plan fields holding catalog text that has no English field."""

GLOSS = re.compile(r" \([\u4e00-\u9fff]{1,6}\)")
"""A Chinese term in brackets after the English that translates it: ``filed (备案)``."""

FALLBACK = label("plan-fallback-note", "en", names="").rstrip()


@functools.cache
def _document(path: Path) -> ProfileDocument:
    return load_profile(path, shared_planner().catalog)


def _walk(value: Any, key: str = "") -> Iterator[tuple[str, str]]:
    """(kind, text) of every string in the plan a report may show untranslated: ``name``
    for the Chinese of a name without English, ``text`` for citations and notes."""
    if isinstance(value, dict):
        if set(value) == {"zh", "en"} and not value["en"]:
            yield "name", value["zh"]
        for k, v in value.items():
            yield from _walk(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _walk(v, key)
    elif isinstance(value, str) and key in CITATIONS | NOTES:
        yield "text", value


def _allowed(plan: Plan) -> tuple[list[str], set[str]]:
    """The untranslated strings with Chinese in them (longest first), and the names among
    them."""
    found = {(kind, s) for kind, s in _walk(plan.model_dump(mode="json")) if CJK.search(s)}
    # the project's own words (a building's name) are quoted as the applicant wrote them
    found |= {
        ("text", v) for v in plan.inputs.profile.values() if isinstance(v, str) and CJK.search(v)
    }
    strings = sorted({s for _, s in found}, key=lambda s: (-len(s), s))
    return strings, {s for kind, s in found if kind == "name"}


def _leftover(report: str, allowed: list[str]) -> list[str]:
    """The Chinese left in ``report`` once the allowed strings are removed, with context."""
    for s in allowed:
        report = report.replace(s, "")
    report = GLOSS.sub("", report)
    # the Gantt chart shortens long names to fit ("…"); a prefix of an allowed name is fine
    report = re.sub(
        r">([^<>]*)…<",
        lambda m: "><" if any(s.startswith(m.group(1)) for s in allowed) else m.group(0),
        report,
    )
    return [report[max(0, m.start() - 30) : m.end() + 30] for m in CJK.finditer(report)]


def _reports(plan: Plan) -> dict[str, str]:
    """The English reports, with their escaping undone (names appear as in the plan)."""
    return {
        "md": render_markdown(plan, "en").replace("\\|", "|"),
        "html": html.unescape(render_html(plan, "en", graph=False)),
        "dot": html.unescape(render_dot(plan, "en").replace('\\"', '"')),  # & is &amp;
    }


@settings(max_examples=40, deadline=None)
@given(
    example_path=st.sampled_from(EXAMPLES),
    as_of=st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2032, 12, 31)),
)
@example(example_path=EXAMPLES[0], as_of=dt.date(2023, 12, 1))
@example(example_path=EXAMPLES[-1], as_of=dt.date(2027, 6, 1))
def test_english_reports_hold_no_chinese_but_what_has_no_english(
    example_path: Path, as_of: dt.date
) -> None:
    plan = shared_planner().plan(_document(example_path), start=as_of, as_of=as_of)
    allowed, names = _allowed(plan)
    for fmt, report in _reports(plan).items():
        assert _leftover(report, allowed) == [], f"{fmt} of {example_path.stem} as of {as_of}"
        if any(name in report for name in names):
            assert FALLBACK in report, f"{fmt}: names shown in Chinese but not listed"


def test_the_check_sees_chinese_where_it_should() -> None:
    # guards the test above against a pattern or a step that would hide every character:
    # an allowed name goes, whole or shortened, and nothing else does
    found = _leftover("<text>名称…</text> 名称很长的事项 办理（x）", ["名称很长的事项"])
    assert found == ["<text></text>  办理（x）"] * 4
