"""Markdown is output too: a value from a profile or catalog stays text in any viewer (#18).

Each hostile value is put where a plan carries user text (the project's name, a disclosure
entry's name, window and reason, a material's note) and the report is rendered to HTML by a
real CommonMark parser (markdown-it-py, with GFM tables as viewers use them): no tag, link,
image or heading of the value's making may appear, and the value reads back as written.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from pathplanner.plan.model import Name, Plan
from pathplanner.render.markdown import escape, render_markdown
from plan_fixtures import plan as fixture_plan

PAYLOADS = [
    "仓库<img src=x onerror=alert(1)>",
    "仓库\n## 伪造的标题\n- 伪造的条目",
    "<script>alert(1)</script>",
    "[点击](javascript:alert(1))",
    "![x](http://example.invalid/x.png)",
    "**粗体** _斜体_ `代码` ~~删除~~",
    "a | b | c",
    "&lt;img&gt; &#60;b&#62;",
    "\\<b>\\",
    "> 引用\r\n# 标题\u2028* 列表",
]

_HOSTILE = st.lists(
    st.sampled_from([*PAYLOADS, "\n", "#", "<", ">", "&", "|", "\\", "`", "*", "_", "[", "]"])
    | st.text(alphabet="ab审批 ()!-=.:", max_size=3),
    min_size=1,
    max_size=6,
).map("".join)


def _hostile(plan: Plan, value: str) -> Plan:
    inputs = plan.inputs.model_copy(update={"project_name": Name(zh=value, en=value)})
    entry = plan.disclosure.entries[0]
    reasons = [r.model_copy(update={"text": value}) for r in entry.reasons]
    materials = [m.model_copy(update={"note": value}) for m in entry.materials]
    first = entry.model_copy(
        update={
            "name": Name(zh=value, en=value),
            "window": value,
            "reasons": reasons,
            "materials": materials,
        }
    )
    disclosure = plan.disclosure.model_copy(
        update={"entries": [first, *plan.disclosure.entries[1:]]}
    )
    return plan.model_copy(update={"inputs": inputs, "disclosure": disclosure})


def _html(markdown: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(markdown)


def _skeleton(html: str) -> list[str]:
    """The report's structure: its headings and the tags it uses, in order."""
    return re.findall(r"<(h[1-6]|img|a|script|blockquote|ul|ol|table|code|em|strong)\b", html)


@settings(max_examples=60, deadline=None)
@given(value=_HOSTILE)
def test_a_hostile_value_stays_text(value: str) -> None:
    plan = fixture_plan()
    for lang in ("zh", "en"):
        benign = _html(render_markdown(_hostile(plan, "值"), lang))
        hostile = _html(render_markdown(_hostile(plan, value), lang))
        assert _skeleton(hostile) == _skeleton(benign), value
        assert "<img" not in hostile and "<script" not in hostile and "href=" not in hostile


def test_each_payload_reads_back_as_written() -> None:
    for payload in PAYLOADS:
        rendered = _html(f"- {escape(payload)}\n")
        text = re.sub(r"<[^>]+>", "", rendered).strip()
        flat = re.sub(r"[\r\n\u2028]+", " ", payload)
        unescaped = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
        assert unescaped.replace("&amp;", "&") == flat, payload
