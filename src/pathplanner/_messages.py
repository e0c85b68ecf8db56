"""The one message table: every user-facing sentence, in Chinese and English.

A message is looked up by its code and filled with the problem's ``args`` using
``str.format``. Add a code here (both languages) before using it anywhere; a test checks
that every code used in the source exists in this table with both languages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathplanner.errors import Problem

__all__ = ["LABELS", "MESSAGES", "render_problem", "text"]

# code -> (zh, en)
MESSAGES: dict[str, tuple[str, str]] = {
    # YAML reading
    "yaml-syntax": ("YAML 语法错误：{detail}", "YAML syntax error: {detail}"),
    "yaml-duplicate-key": ("重复的键 '{key}'", "duplicate key '{key}'"),
    "yaml-alias": (
        "不允许使用 YAML 锚点或别名（&/*）",
        "YAML anchors and aliases (&/*) are not allowed",
    ),
    "yaml-too-large": (
        "文件过大：{size} 字节，上限 {limit} 字节",
        "file too large: {size} bytes, the limit is {limit}",
    ),
    "yaml-too-deep": (
        "嵌套层级过深：超过 {limit} 层",
        "nesting too deep: more than {limit} levels",
    ),
    "yaml-not-mapping": ("文件顶层应为映射（键: 值）", "the top level must be a mapping (key: value)"),
    "yaml-encoding": ("文件不是有效的 UTF-8 文本", "the file is not valid UTF-8 text"),
    "file-missing": ("文件或目录不存在", "file or directory does not exist"),
    "file-unreadable": ("无法读取：{detail}", "cannot read: {detail}"),
    # model validation
    "unknown-key": ("未知的键 '{key}'", "unknown key '{key}'"),
    "missing-key": ("缺少必填的键 '{key}'", "missing required key '{key}'"),
    "wrong-type": ("类型或取值不正确：{detail}", "wrong type or value: {detail}"),
    "duplicate-id": (
        "重复的 id '{id}'（首次出现在 {first}）",
        "duplicate id '{id}' (first defined at {first})",
    ),
    "unknown-reference": ("未知的{kind} '{ref}'", "unknown {kind} '{ref}'"),
    "dated-overlap": (
        "有效期重叠：{first} 与 {second}",
        "validity periods overlap: {first} and {second}",
    ),
    "dated-gap": (
        "有效期之间有空档：{first} 之后到 {second} 之前无取值",
        "gap between validity periods: no value after {first} until {second}",
    ),
    "prerequisite-cycle": ("前置条件形成循环：{cycle}", "prerequisites form a cycle: {cycle}"),
    "material-unused": ("材料 '{ref}' 没有任何事项使用", "material '{ref}' is used by no item"),
    "output-not-issued": (
        "事项需要的成果 '{ref}' 没有任何事项或工作出具",
        "output '{ref}' is needed but no item or work issues it",
    ),
    # profile
    "profile-unknown-field": ("未知的项目信息字段 '{key}'", "unknown profile field '{key}'"),
    "profile-missing-field": (
        "缺少必填的项目信息字段 '{key}'",
        "missing required profile field '{key}'",
    ),
    "profile-bad-value": (
        "项目信息字段 '{key}' 的取值不正确：{detail}",
        "profile field '{key}' has a wrong value: {detail}",
    ),
    # generic
    "internal": ("内部错误：{detail}", "internal error: {detail}"),
}

# Labels used around messages and in reports: key -> (zh, en)
LABELS: dict[str, tuple[str, str]] = {
    "error": ("错误", "error"),
    "warning": ("警告", "warning"),
    "expected": ("期望", "expected"),
    "found": ("实际", "found"),
    "hint": ("建议", "hint"),
    "did-you-mean": ("是否是 {candidates}？", "did you mean {candidates}?"),
    "kind-item": ("事项", "item"),
    "kind-material": ("材料", "material"),
    "kind-output": ("成果", "output"),
    "kind-mode": ("办理模式", "mode"),
    "kind-department": ("部门", "department"),
    "kind-stage": ("阶段", "stage"),
    "kind-party": ("提供方", "provider"),
    "kind-task": ("事项或工作", "item or work"),
    "kind-field": ("字段", "field"),
    "kind-fact": ("事实", "fact"),
    "kind-rule": ("规则", "rule"),
    "kind-group": ("并联组", "parallel group"),
}


def _lang_index(lang: str) -> int:
    return 1 if lang == "en" else 0


def text(key: str, lang: str = "zh", **args: object) -> str:
    """A label or message by key, filled with ``args``; unknown keys fail loudly in tests."""
    table = LABELS if key in LABELS else MESSAGES
    template = table[key][_lang_index(lang)]
    return template.format(**args) if args else template


def render_problem(problem: Problem, lang: str = "zh") -> str:
    """Render one problem as ``file:line:col: error [code] breadcrumb: message`` plus details."""
    args = dict(problem.args)
    try:
        body = text(problem.code, lang, **args)
    except (KeyError, IndexError):
        body = f"{problem.code} {args}"
    head = f"{problem.location}: {text(problem.severity, lang)} [{problem.code}]"
    if problem.breadcrumb:
        head += f" {problem.breadcrumb}"
    lines = [f"{head}: {body}"]
    colon = "：" if lang != "en" else ": "
    if problem.expected:
        lines.append(f"  {text('expected', lang)}{colon}{problem.expected}")
    if problem.found:
        lines.append(f"  {text('found', lang)}{colon}{problem.found}")
    if problem.hint:
        lines.append(f"  {text('hint', lang)}{colon}{problem.hint}")
    return "\n".join(lines)
