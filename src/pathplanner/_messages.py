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
    "yaml-duplicate-key": (
        "重复的键 '{key}'（首次出现在第 {first} 行）",
        "duplicate key '{key}' (first at line {first})",
    ),
    "yaml-tag": ("不支持的 YAML 标签 '{tag}'", "unsupported YAML tag '{tag}'"),
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
    "yaml-bad-number": (
        "数字 {value} 超出可处理的范围（整数最多 {digits} 位，小数须为有限值）",
        "number {value} is out of range (integers up to {digits} digits, finite decimals)",
    ),
    "yaml-not-mapping": (
        "文件顶层应为映射（键: 值）",
        "the top level must be a mapping (key: value)",
    ),
    "yaml-encoding": ("文件不是有效的 UTF-8 文本", "the file is not valid UTF-8 text"),
    "file-missing": ("文件或目录不存在", "file or directory does not exist"),
    "file-unreadable": ("无法读取：{detail}", "cannot read: {detail}"),
    # model validation
    "unknown-key": ("未知的键 '{key}'", "unknown key '{key}'"),
    "missing-key": ("缺少必填的键 '{key}'", "missing required key '{key}'"),
    "wrong-type": ("类型或取值不正确：{detail}", "wrong type or value: {detail}"),
    "bad-type": ("'{key}' 的类型不正确", "'{key}' has the wrong type"),
    "bad-choice": ("'{key}' 的取值不在允许的范围内", "'{key}' is not one of the allowed values"),
    "out-of-range": ("'{key}' 的取值超出范围", "'{key}' is out of range"),
    "bad-format": ("'{key}' 的格式不正确", "'{key}' has the wrong format"),
    "invalid-value": ("'{key}' 的取值无效：{detail}", "'{key}' is invalid: {detail}"),
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
    # working-day calendar (catalog/calendars/cn-YYYY.yaml)
    "calendar-provisional": (
        "{year} 年的放假调休安排尚未发布，按法定节假日推算（调休上班日未知），相关日期为临时结果；"
        "通知发布后请新增 cn-{year}.yaml",
        "no holiday notice for {year} yet: its calendar is provisional, computed from the "
        "statutory holidays (make-up working days unknown); add cn-{year}.yaml once the "
        "notice is published",
    ),
    "calendar-file-name": (
        "日历文件名应为 cn-YYYY.yaml，实际为 '{name}'",
        "a calendar file must be named cn-YYYY.yaml, not '{name}'",
    ),
    "calendar-year-mismatch": (
        "文件名表示 {file_year} 年，但 year 写的是 {year}",
        "the file name says {file_year} but year is {year}",
    ),
    "calendar-date-outside-year": (
        "日期 {date} 不在 {year} 年内，请写入该日期所在年份的文件",
        "date {date} is not in {year}; put it in the file of its own year",
    ),
    "calendar-duplicate-date": (
        "日期 {date} 重复（首次出现在 {first}）",
        "date {date} is listed twice (first at {first})",
    ),
    "calendar-holiday-workday": (
        "日期 {date} 既是放假日（{first}）又是调休上班日",
        "date {date} is both a day off ({first}) and a make-up working day",
    ),
    "calendar-range-reversed": (
        "放假区间的结束日 {end} 早于开始日 {start}",
        "the block ends on {end}, before its start {start}",
    ),
    "calendar-workday-not-weekend": (
        "调休上班日 {date} 不是周六或周日，本来就是工作日",
        "make-up working day {date} is not a Saturday or Sunday, so it is a working day anyway",
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
    "allowed-keys": ("可用的键：{allowed}", "allowed keys: {allowed}"),
    "type-integer": ("整数", "an integer"),
    "type-number": ("数字", "a number"),
    "type-bool": ("true 或 false", "true or false"),
    "type-string": ("文本", "text"),
    "type-date": ("日期，格式 YYYY-MM-DD", "a date, YYYY-MM-DD"),
    "type-list": ("列表（- 项）", "a list (- items)"),
    "type-mapping": ("映射（键: 值）", "a mapping (key: value)"),
    "format-id": (
        "小写 id，由 a-z、0-9、- 和 _ 组成，以字母或数字开头",
        "a lowercase id of a-z, 0-9, - and _, starting with a letter or digit",
    ),
    "format-field-id": (
        "以点分隔的小写字段 id，例如 project.use",
        "a dotted lowercase field id such as project.use",
    ),
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


def text(key: str, lang: str = "zh", /, **args: object) -> str:
    """A label or message by key, filled with ``args``; unknown keys fail loudly in tests."""
    table = LABELS if key in LABELS else MESSAGES
    template = table[key][_lang_index(lang)]
    return template.format(**args) if args else template


def render_problem(problem: Problem, lang: str = "zh") -> str:
    """Render one problem as ``file:line:col: error [code] breadcrumb: message`` plus details.

    ``expected``, ``found`` and ``hint`` are shown as given, unless one is a key of
    :data:`LABELS` (for example ``did-you-mean``): then it is localized and filled with the
    problem's ``args``.
    """
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

    def detail(value: str) -> str:
        # expected/found/hint may name a label (localized, filled with the problem's args)
        return text(value, lang, **args) if value in LABELS else value

    if problem.expected:
        lines.append(f"  {text('expected', lang)}{colon}{detail(problem.expected)}")
    if problem.found:
        lines.append(f"  {text('found', lang)}{colon}{detail(problem.found)}")
    if problem.hint:
        lines.append(f"  {text('hint', lang)}{colon}{detail(problem.hint)}")
    return "\n".join(lines)
