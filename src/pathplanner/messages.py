"""The message table: every user-facing sentence, in Chinese and English.

A message is looked up by its code and filled with the problem's ``args`` using
``str.format``. Add a code here (both languages) before using it anywhere; a test checks
that every code used in the source exists in this table with both languages, and that
every code here is used. The labels only the report renderers use live in
:mod:`pathplanner.render.labels`, looked up by the same :func:`lookup`.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["LABELS", "MESSAGES", "UNITS", "localized_args", "lookup", "message_text", "text"]

UNITS: dict[str, str] = {
    "公顷": "ha",
    "万元": "×10,000 yuan",
    "万千瓦时": "×10,000 kWh",
    "吨标准煤": "tce",
    "月": "months",
}
"""The English of a profile field's unit, where the catalog writes it in Chinese (units
such as m² need none)."""

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
    "too-many": (
        "{kind}数量为 {count}，超过上限 {limit}",
        "{count} {kind} entries, more than the limit of {limit}",
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
    "invalid-combination": ("取值相互矛盾", "the values contradict each other"),
    "duplicate-id": (
        "重复的 id '{id}'（首次出现在 {first}）",
        "duplicate id '{id}' (first defined at {first})",
    ),
    "unknown-reference": ("未知的{kind} '{ref}'", "unknown {kind} '{ref}'"),
    "drop-not-needed": (
        "模式 {mode} 免去的{kind} '{ref}' 既不是本事项的，也不是它合并的事项的",
        "mode {mode} drops {kind} '{ref}', which neither the item nor an item it replaces has",
    ),
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
    "runs-first-not-replaced": (
        "'{ref}' 不在本模式的 replaces 中：runs_first 只能列出被合并的事项",
        "'{ref}' is not in this mode's 'replaces': runs_first lists merged items only",
    ),
    "provider-unnamed": (
        "材料 '{material}' 的提供方 '{ref}' 缺少名称（{langs}）：报告会显示编号而不是名称；"
        "请在该提供方（参与方、部门或成果）的定义中写上 zh 和 en",
        "the provider '{ref}' of material '{material}' has no name ({langs}): reports would "
        "show its id; give the party, department or output both 'zh' and 'en'",
    ),
    "material-no-source": (
        "材料 '{ref}' 既没有 provider 也没有 issued_by，无法确定由谁提供",
        "material '{ref}' has neither 'provider' nor 'issued_by': nobody produces it",
    ),
    "output-not-issued": (
        "事项需要的成果 '{ref}' 没有任何事项或工作出具",
        "output '{ref}' is needed but no item or work issues it",
    ),
    "work-feeds-nothing": (
        "工作 '{work}' 的成果在规则可能作出的取舍下没有任何任务使用"
        "（使用者及去掉它的规则或模式：{lost}）。"
        "请把它作为使用者的实物前置条件（physical: true），或标为 terminal: true",
        "work '{work}' feeds no task once the rules remove what needs it (its users and the "
        "rule or mode removing each: {lost}). Make it a physical prerequisite of the task "
        "that needs it (physical: true), or mark the work terminal: true",
    ),
    "physical-input-removed": (
        "{by} 去掉了 '{task}' 的实物前置条件 '{output}'；实物前置条件不能免除。"
        "若它只是行政前置条件，请去掉 physical: true",
        "{by} removes the physical prerequisite '{output}' of '{task}'; a physical "
        "prerequisite cannot be waived. If it is only administrative, drop physical: true",
    ),
    # profile
    "profile-unknown-field": ("未知的项目信息字段 '{key}'", "unknown profile field '{key}'"),
    "plan-empty-before-catalog": (
        "计划日期 {as_of} 早于目录中任何事项的施行日期（最早的事项自 {first} 起施行），"
        "没有可办理的事项；请使用不早于 {first} 的 as_of",
        "as-of date {as_of} is before any item of the catalog takes effect (the first on "
        "{first}): there is nothing to plan; use an as-of date on or after {first}",
    ),
    "plan-empty": (
        "按这份项目信息，{as_of} 没有任何审批事项适用，无法生成计划；请检查项目信息",
        "no approval item applies to this profile on {as_of}, so there is nothing to plan; "
        "check the profile",
    ),
    "profile-duplicate-field": (
        "项目信息字段 '{key}' 给出了两次（第一次在第 {first} 行）；"
        "带点的键与嵌套的键是同一个字段，只保留一处",
        "profile field '{key}' is given twice (first at line {first}); a dotted key and a "
        "nested key name the same field: keep one",
    ),
    "profile-missing-field": (
        "缺少必填的项目信息字段 '{key}'",
        "missing required profile field '{key}'",
    ),
    "profile-building-summary": (
        "项目信息字段 '{key}' 填的是 {given}，但按各单体建筑计算为 {found}；列出 buildings 时"
        "该字段由各单体计算，请删去或改正",
        "profile field '{key}' says {given} but the buildings make {found}: with a buildings "
        "list it follows from the buildings, so leave it out or correct it",
    ),
    "profile-spaces-exceed": (
        "各功能空间面积之和 {spaces} 平方米超过该单体的建筑面积 {area} 平方米；"
        "请改正空间面积或单体的 floor_area_m2",
        "the spaces add up to {spaces} m², more than the building's floor area of {area} m²: "
        "correct the spaces or the building's floor_area_m2",
    ),
    "profile-bad-value": (
        "项目信息字段 '{key}' 的取值不正确：{detail}",
        "profile field '{key}' has a wrong value: {detail}",
    ),
    # working-day calendar (catalog/calendars/cn-YYYY.yaml)
    "calendar-provisional": (
        "{year} 年的放假调休安排尚未发布，按法定节假日和历年通知的安排原则推算（含调休上班日），"
        "相关日期为临时结果；通知发布后请新增 cn-{year}.yaml",
        "no holiday notice for {year} yet: its calendar is provisional, estimated from the "
        "statutory holidays and the principles of past notices (make-up working days "
        "included); add cn-{year}.yaml once the notice is published",
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
    # policy tooling (issue 7): scenario tests, lint, accepted warnings, diff
    "scenario-no-start": (
        "场景没有开始日期：请在场景中写 start（或 as_of），或在所引用的项目文件中写 start",
        "the scenario has no start date: give start (or as_of) in the scenario or in the "
        "profile file it names",
    ),
    "test-task-missing": (
        "事项 '{task}' 应当出现在计划中，但计划中没有",
        "'{task}' should be in the plan but is not",
    ),
    "test-task-present": (
        "事项 '{task}' 不应出现在计划中，但计划中有",
        "'{task}' should not be in the plan but is",
    ),
    "test-mode": ("事项 '{task}' 的办理模式与期望不符", "the mode of '{task}' is not as expected"),
    "test-group": (
        "并联组 '{group}' 的成员与期望不符",
        "the members of parallel group '{group}' are not as expected",
    ),
    "test-group-missing": (
        "计划中没有并联组 '{group}'",
        "the plan has no parallel group '{group}'",
    ),
    "test-finish": ("办结日期与期望不符", "the finish date is not as expected"),
    "test-working-days": ("工作日数与期望不符", "the number of working days is not as expected"),
    "test-reason": (
        "事项 '{task}' 的理由中没有规则 '{rule}'",
        "rule '{rule}' is not among the reasons of '{task}'",
    ),
    "test-material-missing": (
        "事项 '{item}' 的一次性告知清单应当列出材料 '{material}'，但没有",
        "the disclosure entry of '{item}' should list the material '{material}' but does not",
    ),
    "test-material-present": (
        "事项 '{item}' 的一次性告知清单不应列出材料 '{material}'，但列出了",
        "the disclosure entry of '{item}' should not list the material '{material}' but does",
    ),
    "test-time-limit": (
        "事项 '{item}' 计划采用的时限与期望不符",
        "the time limit '{item}' is planned with is not as expected",
    ),
    "test-statutory-limit": (
        "事项 '{item}' 的法定时限与期望不符",
        "the statutory limit of '{item}' is not as expected",
    ),
    "test-unknown-material": (
        "目录中没有材料 '{ref}'",
        "the catalog has no material '{ref}'",
    ),
    "test-unknown-task": (
        "目录中没有事项或工作 '{ref}'",
        "the catalog has no item or work '{ref}'",
    ),
    "test-reset-layout": (
        "无法自动改写此文件的期望值：{detail}",
        "cannot rewrite the expectations of this file: {detail}",
    ),
    "rule-dependency-cycle": (
        "规则 {rules} 添加的前后依赖与目录的前置条件构成循环：{cycle}；"
        "这些规则同时生效时（例如 {sample}）任何计划都无法排出",
        "the dependencies that rule(s) {rules} add close a cycle with the catalog's "
        "prerequisites: {cycle}; wherever they fire together (for example {sample}) no plan "
        "can be scheduled",
    ),
    "lint-rule-never-fires": (
        "规则 '{rule}' 在全部 {count} 个示例和场景中都没有触发",
        "rule '{rule}' fires for none of the {count} examples and scenarios",
    ),
    "lint-item-unreachable": (
        "'{item}' 既不是默认办理，也没有任何规则要求办理，任何项目都不会用到它",
        "'{item}' does not apply by default and no rule requires it, so no project can use it",
    ),
    "lint-material-unprovided": (
        "材料 '{ref}' 由 '{task}' 出具，但任何项目都不会办理 '{task}'，没有人能提供它",
        "material '{ref}' is issued by '{task}', which no project can need: nobody provides it",
    ),
    "lint-rule-duplicate": (
        "规则 '{rule}' 与规则 '{other}' 重复：条件和结论都相同",
        "rule '{rule}' duplicates rule '{other}': same condition and conclusions",
    ),
    "lint-rule-shadowed": (
        "规则 '{rule}' 被规则 '{other}' 覆盖：它触发时 '{other}' 必然触发，且结论都已包含在 "
        "'{other}' 中",
        "rule '{rule}' is shadowed by rule '{other}': whenever it fires '{other}' fires too, "
        "with all of its conclusions",
    ),
    "lint-rule-contradiction": (
        "规则 '{rule}' 要求办理 '{task}'，而规则 '{other}' 在同样条件下排除它",
        "rule '{rule}' requires '{task}' while rule '{other}' excludes it under the same "
        "conditions",
    ),
    "lint-no-basis": ("'{ref}' 没有写明法律依据（basis）", "'{ref}' has no legal basis (basis)"),
    "lint-expired-rule-referenced": (
        "规则 '{rule}' 已于 {until} 失效，但仍被 {by} 引用",
        "rule '{rule}' ended on {until} but {by} still refers to it",
    ),
    "lint-expired-task-referenced": (
        "'{item}' 已于 {until} 失效，但规则 '{rule}' 仍引用它",
        "'{item}' ended on {until} but rule '{rule}' still refers to it",
    ),
    "lint-calendar-missing-year": (
        "缺少 {year} 年的工作日历（今后 24 个月内会用到），该年日期只能按临时日历推算；"
        "国务院通知发布后请新增 cn-{year}.yaml",
        "no working-day calendar for {year} (needed within the next 24 months): its dates are "
        "provisional; add cn-{year}.yaml once the State Council notice is out",
    ),
    "accepted-warning-unused": (
        "已接受的警告 [{code}]（{date}）不再出现，请删除这条 accepted_warnings 记录",
        "the accepted warning [{code}] ({date}) no longer occurs: remove this accepted_warnings "
        "entry",
    ),
    # scheduler (graph, timing, optimizer, re-planning)
    "schedule-cycle": (
        "依赖关系形成循环：{cycle}",
        "the dependencies form a cycle: {cycle}",
    ),
    "schedule-group-internal": (
        "并联组 '{group}' 的成员 '{after}' 依赖同组成员 '{before}'（来源：{source}）",
        "member '{after}' of parallel group '{group}' depends on member '{before}' of the "
        "same group (source: {source})",
    ),
    "schedule-group-twice": (
        "事项 '{item}' 已属于并联组 '{other}'，不再加入 '{group}'",
        "item '{item}' is already in parallel group '{other}' and does not join '{group}'",
    ),
    "schedule-prerequisite-unmet": (
        "'{task}' 的前置条件（{outputs}）没有计划中的事项或工作出具，按已具备处理",
        "no planned item or work issues the prerequisite of '{task}' ({outputs}); "
        "planned as already available",
    ),
    "schedule-dependency-unplanned": (
        "依赖 '{before}' → '{after}' 的一端不在计划中，已忽略",
        "dependency '{before}' → '{after}' has an end that is not planned; ignored",
    ),
    "schedule-unknown-pin": ("未知的可选项 '{option}'", "unknown option '{option}'"),
    "schedule-pin-mandatory": (
        "'{item}' 的办理模式由规则 {rule} 规定为 '{mode}'（强制，不可选择），不能固定为 "
        "'{alternative}'：请去掉这个 --pin，或核对规则所依据的项目情况",
        "the mode of '{item}' is '{mode}', made mandatory by rule {rule}, so it cannot be "
        "pinned to '{alternative}': drop this --pin, or check the project facts the rule reads",
    ),
    "plan-preference-overridden": (
        "项目情况 '{field}' 表示不采用这种办理方式，但规则 {rule} 规定 '{item}' 必须按 "
        "'{mode}' 办理，依规则办理",
        "the profile's '{field}' refuses this kind of handling, but rule {rule} makes mode "
        "'{mode}' mandatory for '{item}': planned as the rule says",
    ),
    "schedule-unknown-alternative": (
        "可选项 '{option}' 没有备选 '{alternative}'",
        "option '{option}' has no alternative '{alternative}'",
    ),
    "schedule-not-optimal": (
        "搜索超过节点上限 {budget}，结果未必最优；最早可能完成日期不早于 {bound}",
        "the search passed its node budget of {budget}: the plan may not be optimal; "
        "no plan can finish before {bound}",
    ),
    "schedule-alternative-not-optimal": (
        "计算 '{option}' 选择 '{alternative}' 时的最早完成日期超过节点上限 {budget}："
        "所列日期 {finish} 未必最早，不早于 {bound}",
        "the search for the finish of '{option}' with '{alternative}' passed its node "
        "budget of {budget}: the {finish} listed may not be the earliest; no plan with it "
        "can finish before {bound}",
    ),
    "schedule-supplement-late": (
        "'{item}' 容缺受理后补交的材料 '{material}' 预计 {finish} 补齐，晚于期限 {deadline}",
        "material '{material}', which '{item}' accepted missing (to be handed in later), is "
        "expected on {finish}, after its deadline {deadline}",
    ),
    "replan-unknown-task": (
        "实际进度中的 '{task}' 既不在计划中，也不是目录中的事项或工作",
        "task '{task}' in the actual dates is neither in the plan nor an item or work of the "
        "catalog",
    ),
    "replan-task-not-planned": (
        "实际进度中的 '{task}' 是目录中的事项，但不在这份计划中，其日期未被采用",
        "task '{task}' in the actual dates is a catalog item but not part of this plan; its "
        "dates are not used",
    ),
    "replan-day-off": (
        "'{task}' 的 {key} 日期 {date} 不是工作日，请核对",
        "the {key} date {date} of '{task}' is not a working day; please check it",
    ),
    "replan-stopped": (
        "'{task}' 的状态为 {status}，需重新申请；受影响的后续任务 {count} 项：{blocked}",
        "'{task}' is {status} and must be applied for again; {count} later tasks depend "
        "on it: {blocked}",
    ),
    "replan-contradiction": (
        "'{task}' 实际受理日 {actual} 早于依赖关系允许的 {needed}，按实际日期计划",
        "'{task}' was actually accepted on {actual}, before its dependencies allow "
        "({needed}); the actual date is kept",
    ),
    # rules (issue 3): rule files, conditions, deciding, explanations
    "rule-syntax": (
        "条件表达式语法错误：第 {column} 列的 '{found}' 无法解析\n    {expr}\n    {caret}",
        "syntax error in the condition at column {column}: unexpected '{found}'\n"
        "    {expr}\n    {caret}",
    ),
    "rule-syntax-end": (
        "条件表达式不完整：第 {column} 列处缺少内容\n    {expr}\n    {caret}",
        "the condition ends too early at column {column}\n    {expr}\n    {caret}",
    ),
    "rule-bad-date": (
        "条件中的日期 '{text}' 无效（第 {column} 列）\n    {expr}\n    {caret}",
        "invalid date '{text}' in the condition (column {column})\n    {expr}\n    {caret}",
    ),
    "rule-unknown-name": (
        "条件中未知的字段或事实 '{name}'（第 {column} 列）\n    {expr}\n    {caret}",
        "unknown field or fact '{name}' in the condition (column {column})\n"
        "    {expr}\n    {caret}",
    ),
    "rule-type-error": (
        "类型不符：'{name}' 的类型是 {type}，不能与 {found} 比较（第 {column} 列）\n"
        "    {expr}\n    {caret}",
        "type error: '{name}' is of type {type} and cannot be compared with {found} "
        "(column {column})\n    {expr}\n    {caret}",
    ),
    "rule-enum-value": (
        "'{name}' 没有声明取值 \"{value}\"（第 {column} 列；可选：{values}）\n"
        "    {expr}\n    {caret}",
        "'{name}' declares no value \"{value}\" (column {column}; declared: {values})\n"
        "    {expr}\n    {caret}",
    ),
    "rule-not-ordered": (
        "'{name}' 的类型是 {type}，不能用 {op} 比较大小（第 {column} 列）\n    {expr}\n    {caret}",
        "'{name}' is of type {type} and cannot be ordered with {op} (column {column})\n"
        "    {expr}\n    {caret}",
    ),
    "rule-not-bool": (
        "{found} 不是真假值，不能单独作为条件（第 {column} 列）\n    {expr}\n    {caret}",
        "{found} is not true/false and cannot stand alone as a condition (column {column})\n"
        "    {expr}\n    {caret}",
    ),
    "rule-not-bool-name": (
        "'{name}' 的类型是 {type}，单独作为条件时必须是真假值（第 {column} 列）\n"
        "    {expr}\n    {caret}",
        "'{name}' is of type {type}; alone as a condition it must be true/false "
        "(column {column})\n    {expr}\n    {caret}",
    ),
    "rule-needs-name": (
        "比较的一侧应是字段或事实、另一侧应是常量（第 {column} 列）\n    {expr}\n    {caret}",
        "a comparison needs a field or fact on one side and a constant on the other "
        "(column {column})\n    {expr}\n    {caret}",
    ),
    "rule-building-outside": (
        "'{name}' 是单体建筑的字段，须写在 'any building:' 或 'all buildings:' 之后"
        "（第 {column} 列）\n    {expr}\n    {caret}",
        "'{name}' is a field of one building: read it after 'any building:' or "
        "'all buildings:' (column {column})\n    {expr}\n    {caret}",
    ),
    "rule-nested-quantifier": (
        "单体量词或求和不能嵌套在另一个量词或求和条件中（第 {column} 列）\n    {expr}\n    {caret}",
        "a building quantifier or sum cannot sit inside another one (column {column})\n"
        "    {expr}\n    {caret}",
    ),
    "rule-space-name": (
        "'{name}' 是功能空间的字段，只能在求和中读取：sum of floor_area_m2 where {leaf} ..."
        "（第 {column} 列）\n    {expr}\n    {caret}",
        "'{name}' is a field of one space, read only by a sum: sum of floor_area_m2 where "
        "{leaf} ... (column {column})\n    {expr}\n    {caret}",
    ),
    "rule-sum-not-number": (
        "只能对数值字段求和，'{name}' 的类型是 {type}（第 {column} 列）\n    {expr}\n    {caret}",
        "only number fields can be summed; '{name}' is of type {type} (column {column})\n"
        "    {expr}\n    {caret}",
    ),
    "rule-list-compare": (
        "'{name}' 是列表字段，应写成 \"取值\" in {name}（第 {column} 列）\n    {expr}\n    {caret}",
        "'{name}' is a list field: write \"value\" in {name} (column {column})\n"
        "    {expr}\n    {caret}",
    ),
    "rule-not-list": (
        "'{name}' 的类型是 {type}，不是列表字段，应写成 {name} in [...]（第 {column} 列）\n"
        "    {expr}\n    {caret}",
        "'{name}' is of type {type}, not a list field: write {name} in [...] "
        "(column {column})\n    {expr}\n    {caret}",
    ),
    "rule-contains-literal": (
        "列表字段 '{name}' 前应是常量：\"取值\" in {name}（第 {column} 列）\n"
        "    {expr}\n    {caret}",
        "a constant must come before the list field '{name}': \"value\" in {name} "
        "(column {column})\n    {expr}\n    {caret}",
    ),
    "rule-conclusion-kind": (
        "未知的结论类型 '{key}'",
        "unknown conclusion kind '{key}'",
    ),
    "rule-conclusion-shape": (
        "每条结论应是只有一个键的映射（例如 require: 事项id），实际为 {found}",
        "each conclusion must be a mapping with one key (for example require: item-id), "
        "found {found}",
    ),
    "rule-fact-not-declared": (
        "推导的事实 '{fact}' 没有在 facts 中声明",
        "derived fact '{fact}' is not declared under facts",
    ),
    "rule-fact-clash": (
        "事实 '{fact}' 与项目信息字段同名",
        "fact '{fact}' has the same id as a profile field",
    ),
    "rule-derive-value": (
        "事实 '{fact}' 的类型是 {type}，不能取值 {value}",
        "fact '{fact}' is of type {type} and cannot take the value {value}",
    ),
    "rule-unknown-mode": (
        "事项 '{item}' 没有声明办理模式 '{mode}'",
        "item '{item}' declares no mode '{mode}'",
    ),
    "rule-group-differs": (
        "并联组 '{group}' 在规则 '{other}' 中的定义与此处不同",
        "parallel group '{group}' is defined differently in rule '{other}'",
    ),
    "rule-derive-cycle": (
        "推导事实形成循环：{cycle}",
        "derived facts form a cycle: {cycle}",
    ),
    "rule-fact-never-derived": (
        "事实 '{fact}' 已声明，但没有任何规则推导它",
        "fact '{fact}' is declared but no rule derives it",
    ),
    "rule-contradiction": (
        "规则 '{rule}' 要求办理 '{task}'，规则 '{other}' 却排除它；示例项目信息：{sample}",
        "rule '{rule}' requires '{task}' while rule '{other}' excludes it; sample profile: "
        "{sample}",
    ),
    "rule-conflict": (
        "规则 '{rule}' 与规则 '{other}' 的结论冲突（{what}）；示例项目信息：{sample}",
        "rules '{rule}' and '{other}' conclude differently ({what}); sample profile: {sample}",
    ),
    "rule-never-fires": (
        "规则 '{rule}' 在声明的取值范围内不可能触发",
        "rule '{rule}' cannot fire for any profile in the declared domain",
    ),
    "rule-search-skipped": (
        "规则 '{rule}' 涉及的取值组合过多（{count} 个），冲突检查留到编制计划时进行",
        "rule '{rule}' involves too many value combinations ({count}); contradictions are "
        "checked when planning",
    ),
    "rule-not-in-force": (
        "规则 '{rule}' 引用的 '{task}' 在 {date} 不在有效期内，已忽略",
        "rule '{rule}' refers to '{task}', which is not in force on {date}; ignored",
    ),
    "rule-mode-not-in-force": (
        "规则 '{rule}' 启用的办理模式 '{item}/{mode}' 在 {date} 不在有效期内，已忽略",
        "rule '{rule}' enables mode '{item}/{mode}', which is not in force on {date}; ignored",
    ),
    "rule-validity-changes": (
        "{kind} '{id}' 的有效期在 {as_of} 至 {horizon} 之间发生变化（{change}）",
        "{kind} '{id}' changes validity between {as_of} and {horizon} ({change})",
    ),
    "rule-engine-unknown": (
        "未知的规则引擎 '{engine}'（可选：{engines}）",
        "unknown rule engine '{engine}' (available: {engines})",
    ),
    "rule-engine-unavailable": (
        "规则引擎 '{engine}' 不可用：{detail}",
        "rule engine '{engine}' is not available: {detail}",
    ),
    "rule-engine-failed": (
        "规则引擎 durable-rules 出错：{detail}",
        "the durable-rules engine failed: {detail}",
    ),
    "explain-applies": (
        "{title}（{task}）在 {date} 适用。",
        "{title} ({task}) applies on {date}.",
    ),
    "explain-excluded": (
        "{title}（{task}）在 {date} 不适用：已被规则排除。",
        "{title} ({task}) does not apply on {date}: a rule excludes it.",
    ),
    "explain-not-required": (
        "{title}（{task}）在 {date} 不适用：它不是默认办理的事项，也没有规则要求办理。",
        "{title} ({task}) does not apply on {date}: it does not apply by default and no "
        "rule requires it.",
    ),
    "explain-not-in-force": (
        "{title}（{task}）在 {date} 不在有效期内。",
        "{title} ({task}) is not in force on {date}.",
    ),
    "explain-by-default": (
        "目录规定该事项默认办理（依据：{basis}）。",
        "The catalog says it applies by default (basis: {basis}).",
    ),
    "explain-reason": (
        "规则 {rule} 的条件 {when} 成立（{facts}），依据：{basis}。",
        "Rule {rule}: the condition {when} holds ({facts}); basis: {basis}.",
    ),
    "explain-no-rule": (
        "没有规则会要求办理它。",
        "No rule would require it.",
    ),
    "explain-rule-not-in-force": (
        "规则 {rule}（{title}）本可要求办理，但只在 {start} 至 {end} 有效。",
        "Rule {rule} ({title}) would require it but is in force only from {start} to {end}.",
    ),
    "explain-rule-failed": (
        "规则 {rule}（{title}）本可要求办理，条件为 {when}，但 {parts}。",
        "Rule {rule} ({title}) would require it when {when}, but {parts}.",
    ),
    "explain-derive-failed": (
        "推导该事实的规则 {rule}（{title}）条件为 {when}，但 {parts}。",
        "Rule {rule} ({title}) would derive it when {when}, but {parts}.",
    ),
    "explain-material-asked": (
        "材料规则 {rule}（{title}）：条件 {when} 成立（{facts}），需要提交；依据：{basis}。",
        "Material rule {rule} ({title}): the condition {when} holds ({facts}), so it is "
        "asked for; basis: {basis}.",
    ),
    "explain-material-not-asked": (
        "材料规则 {rule}（{title}）：条件为 {when}，但 {parts}，不需要提交。",
        "Material rule {rule} ({title}): asked for when {when}, but {parts}, so it is not.",
    ),
    "explain-material-out-of-force": ("该规则不在有效期内", "the rule is not in force"),
    "explain-part": (
        "{text} 不成立（{facts}）",
        "{text} does not hold ({facts})",
    ),
    "explain-unknown-task": (
        "目录中没有事项或工作 '{task}'",
        "the catalog has no item or work '{task}'",
    ),
    # generic
    "internal": ("内部错误：{detail}", "internal error: {detail}"),
    # the HTTP service (pathplanner serve): problem titles, then the request's own problems
    "http-title-bad-request": ("请求无法读取", "The request cannot be read"),
    "http-title-invalid": ("输入有误", "Invalid input"),
    "http-title-not-found": ("没有这个地址", "Not found"),
    "http-title-unauthorized": ("未提供有效的访问令牌", "Unauthorized"),
    "http-title-forbidden": ("无权进行此操作", "Forbidden"),
    "http-title-conflict": ("与案件当前状态冲突", "Conflict"),
    "http-title-method": ("不支持这个方法", "Method not allowed"),
    "http-title-too-large": ("请求体过大", "Request body too large"),
    "http-title-media-type": ("不支持的请求体格式", "Unsupported media type"),
    "http-title-internal": ("服务内部错误", "Internal server error"),
    "http-bad-json": (
        "请求体不是有效的 JSON：{detail}",
        "the request body is not valid JSON: {detail}",
    ),
    "http-duplicate-key": (
        "JSON 对象中重复的键 '{key}'",
        "duplicate key '{key}' in a JSON object",
    ),
    "http-encoding": ("请求体不是有效的 UTF-8 文本", "the request body is not valid UTF-8 text"),
    "http-media-type": (
        "请求体须为 application/json，收到的是 '{found}'",
        "the request body must be application/json, not '{found}'",
    ),
    "http-too-large": (
        "请求体超过 {limit} 字节的上限",
        "the request body is over the limit of {limit} bytes",
    ),
    "http-not-found": ("没有地址 {path}", "there is no address {path}"),
    "http-method": (
        "地址 {path} 不接受 {method} 请求",
        "the address {path} does not accept {method} requests",
    ),
    "http-refused": ("请求被拒绝：{detail}", "the request was refused: {detail}"),
    "http-bad-parameter": (
        "参数 '{key}' 不正确：{detail}",
        "parameter '{key}' is invalid: {detail}",
    ),
    "http-unknown-format": (
        "未知的输出格式 '{value}'，可用：{allowed}",
        "unknown output format '{value}'; available: {allowed}",
    ),
    # plan outputs (disclosure list, material plan, plan command)
    "choice-pre-review-held-later": (
        "预审（{mode}）不能让 '{item}' 更早受理：它等待 '{holder}'（{ready} 就绪），"
        "晚于预审可免等的土地合同和阶段关口（{lifted} 就绪），完成日不会提前",
        "pre-review ({mode}) would not let '{item}' start earlier: it waits for '{holder}' "
        "(ready {ready}), later than the land contract and stage gate pre-review lifts "
        "(ready {lifted}); the finish would not be earlier",
    ),
    "choice-pre-review-held": (
        "预审（{mode}）不能让 '{item}' 更早受理：它等待 '{holder}'（{ready} 就绪），"
        "预审对此无帮助，完成日不会提前",
        "pre-review ({mode}) would not let '{item}' start earlier: it waits for '{holder}' "
        "(ready {ready}), which pre-review does not lift; the finish would not be earlier",
    ),
    "choice-pre-review-float": (
        "'{item}' 有 {float} 个工作日的机动时间，预审（{mode}）使其提前办结也不影响完成日",
        "'{item}' has {float} working days of float: deciding it earlier by pre-review "
        "({mode}) would not move the finish",
    ),
    "choice-pre-review-absorbed": (
        "预审（{mode}）使 '{item}' 提前办结，但提前的时间在后续环节（如节假日）被抵消，完成日不变",
        "pre-review ({mode}) decides '{item}' earlier, but later steps (a holiday, for "
        "example) absorb the gain: the finish would not move",
    ),
    "plan-target-missed": (
        "审批时限目标 '{target}' 未达到：审批链上政府用时 {days} 个工作日，目标 ≤{limit}；"
        "主要拖慢的事项：{drivers}",
        "target '{target}' missed: {days} government working days along the approval chain, "
        "target at most {limit}; driven by {drivers}",
    ),
    "material-expires": (
        "材料 '{material}' 的有效期至 {expires}，早于最后一次使用的日期 {last_use}",
        "material '{material}' is valid until {expires}, before its last use on {last_use}",
    ),
    "material-no-provider": (
        "材料 '{material}' 没有指定由谁提供",
        "material '{material}' has no one assigned to provide it",
    ),
    "material-not-ready": (
        "'{item}' 计划于 {decided} 作出决定，但它审查的材料 '{material}' 要到 {ready} 才备齐",
        "'{item}' is decided on {decided}, but the material '{material}' it reviews is ready "
        "only on {ready}",
    ),
    "material-not-produced": (
        "'{item}' 计划于 {decided} 作出决定，但它审查的材料 '{material}' 在计划中没有任务产生",
        "'{item}' is decided on {decided}, but no task of the plan produces the material "
        "'{material}' it reviews",
    ),
    "plan-bad-pin": (
        "--pin 的格式应为 事项=模式，实际为 '{value}'",
        "--pin expects ITEM=MODE, found '{value}'",
    ),
    "plan-bad-date": (
        "{option} 的日期应为 YYYY-MM-DD，实际为 '{value}'",
        "{option} expects a date YYYY-MM-DD, found '{value}'",
    ),
    "plan-no-start": (
        "未给出计划开始日期：请在项目文件中写 start，或使用 --start",
        "no planned start: give 'start' in the project file or use --start",
    ),
    "plan-summary-line": (
        "完成日 {finish}，{days} 个工作日，关键路径 {critical} 项，警告 {warnings} 条",
        "finish {finish}, {days} working days, critical path {critical} tasks, {warnings} warnings",
    ),
    "plan-written": ("报告已写入 {path}", "report written to {path}"),
    "plan-binary-needs-output": (
        "--format {format} 生成的是文件（非文本），不能输出到终端："
        "请用 -o 文件名 指定写入位置，例如 -o out/plan.{format}",
        "--format {format} makes a file, not text, and is not written to the terminal: give "
        "the file to write with -o, for example -o out/plan.{format}",
    ),
    "plan-letter-needs-letter-format": (
        "--letter 填写一次性告知书的抬头，只用于 --format docx 或 pdf（当前为 {format}）",
        "--letter fills the header of the disclosure letter and applies only to --format docx "
        "or pdf (not {format})",
    ),
    "api-bad-argument": (
        "参数 {name} 的类型或取值不正确",
        "argument {name} has the wrong type or value",
    ),
    # the command line itself (click's usage errors, cli/usage.py)
    "cli-bad-value": ("{param} 的取值不正确：{detail}", "{param} is not valid: {detail}"),
    "cli-bad-choice": (
        "{param} 的取值 '{value}' 不在可选范围内",
        "'{value}' is not one of the choices of {param}",
    ),
    "cli-bad-date": (
        "{param} 的日期 '{value}' 格式不正确，应为 YYYY-MM-DD",
        "{param} expects a date YYYY-MM-DD, found '{value}'",
    ),
    "cli-no-such-option": ("没有选项 {option}", "no such option: {option}"),
    "cli-missing": ("缺少 {param}", "missing {param}"),
    "cli-option-needs-value": ("选项 {option} 后面需要一个值", "option {option} needs a value"),
    "cli-no-such-command": ("没有命令 '{name}'", "no such command '{name}'"),
    "cli-usage": ("命令行有误：{detail}", "wrong command line: {detail}"),
    "cli-usage-line": (
        "用法：{usage}（帮助：{command} --help）",
        "usage: {usage} (help: {command} --help)",
    ),
    "cli-help-line": ("帮助：{command} --help", "help: {command} --help"),
    "plan-warning-line": ("警告 [{code}]：{message}", "warning [{code}]: {message}"),
    # portfolios: batch, generate-portfolio, analyze (issue 17)
    "batch-no-input": (
        "找不到项目组合：应为项目文件目录、.jsonl 文件或 .csv/.parquet 表格",
        "no portfolio here: expected a directory of project files, a .jsonl file or a "
        ".csv/.parquet table",
    ),
    "batch-bad-input-kind": (
        "无法识别的项目组合格式：应为目录、.jsonl、.csv 或 .parquet",
        "unknown portfolio format: expected a directory, .jsonl, .csv or .parquet",
    ),
    "batch-unreadable": ("无法读取项目组合：{detail}", "cannot read the portfolio: {detail}"),
    "batch-bad-json": (
        "该行不是有效的 JSON：{detail}；每行应为一个项目文档（JSON 对象）",
        "this line is not valid JSON: {detail}; each line must be one project document "
        "(a JSON object)",
    ),
    "batch-not-object": (
        "该行不是 JSON 对象；每行应为一个项目文档，含 name、start、profile 等键",
        "this line is not a JSON object; each line must be one project document with name, "
        "start, profile ...",
    ),
    "batch-duplicate-id": (
        "项目标识 '{id}' 已在 {first} 使用；请为每个项目取不同的 name",
        "the project id '{id}' is already used at {first}; give each project its own name",
    ),
    "batch-unknown-key": (
        "未知的键 '{key}'（应为 {allowed}）",
        "unknown key '{key}' (expected {allowed})",
    ),
    "batch-no-output": (
        "这里没有批量计划的结果（缺少 manifest.json）：请先运行 pathplanner batch",
        "no batch output here (manifest.json is missing): run pathplanner batch first",
    ),
    "batch-output-not-dir": (
        "批量计划的输出应为目录，这里是一个文件",
        "a batch's output must be a directory; this is a file",
    ),
    "batch-bad-manifest": (
        "manifest.json 不是 pathplanner 批量计划的清单；请换一个输出目录",
        "manifest.json is not a pathplanner batch manifest; choose another output directory",
    ),
    "batch-other-catalog": (
        "该输出目录中的项目是用另一版目录计划的，不能续算；请换一个输出目录或删除它",
        "the projects in this output were planned on another catalog and cannot be resumed; "
        "choose another output directory or delete it",
    ),
    "batch-summary": (
        "已计划 {planned} 个项目（失败 {failed} 个），跳过已有的 {skipped} 个；结果在 {path}",
        "{planned} projects planned ({failed} failed), {skipped} already done skipped; "
        "output in {path}",
    ),
    "batch-progress": ("计划中", "planning"),
    "generate-written": (
        "已生成 {count} 个项目，写入 {path}",
        "{count} projects generated, written to {path}",
    ),
    "analyze-written": ("分析报告已写入 {path}", "analysis report written to {path}"),
    # durable-rules compile proof (`check`)
    "rule-durable-failed": (
        "规则 '{rule}' 无法编译给 durable-rules 引擎：{detail}",
        "rule '{rule}' cannot be compiled for the durable-rules engine: {detail}",
    ),
    "rule-durable-timeout": (
        "规则 '{rule}' 编译给 durable-rules 引擎超过 {seconds} 秒，已中止",
        "rule '{rule}' took more than {seconds} s to compile for the durable-rules engine "
        "and was stopped",
    ),
    "rule-durable-total-time": (
        "durable-rules 编译检查超过 {seconds} 秒，已检查 {done}/{total} 条规则，"
        "从规则 '{rule}' 起未检查",
        "the durable-rules compile check took more than {seconds} s: {done} of {total} rules "
        "checked, none from rule '{rule}' on",
    ),
    # case records (the agency service, pathplanner.cases)
    "case-not-found": (
        "没有编号为 {case} 的案件，或该案件不在您的权限范围内",
        "there is no case {case}, or it is not one you may see",
    ),
    "case-stale-version": (
        "案件在您读取后已被修改（您提交的是第 {given} 版，当前为第 {current} 版）；"
        "请重新读取案件后再提交",
        "the case changed after you read it (you sent version {given}, it is now at "
        "version {current}); read it again and resubmit",
    ),
    "case-transition-refused": (
        "案件不能从“{source}”转为“{target}”：代办流程没有这一步",
        "a case cannot move from {source} to {target}: the agency process has no such step",
    ),
    "case-transition-needs": (
        "转为“{target}”须提供 '{key}'",
        "moving to {target} needs '{key}'",
    ),
    "case-reason-unknown": (
        "原因代码 '{reason}' 不适用于此处；可用的代码：{known}",
        "reason code '{reason}' does not apply here; the codes that do: {known}",
    ),
    "case-forbidden": (
        "角色 {role} 无权进行此操作（{right}）",
        "the role {role} may not do this ({right})",
    ),
    "case-unit-out-of-reach": (
        "不能为单位 '{unit}' 登记案件：请填写您所在的代办单位",
        "cannot record a case for unit '{unit}': give your own agency unit",
    ),
    "case-agent-unknown": (
        "'{agent}' 不是单位 '{unit}' 的代办员",
        "'{agent}' is not an agent of unit '{unit}'",
    ),
    "case-actuals-not-open": (
        "案件处于“{status}”状态，不能登记实际日期：仅受理和承办阶段的案件可以登记",
        "the case is {status}: actual dates are recorded only while it is accepted or "
        "being handled",
    ),
    "case-actual-needs-reason-date": (
        "事项 '{task}' 的日期与现行计划不同，须填写原因代码（reason）",
        "the dates of task '{task}' differ from the plan in force: give a reason code (reason)",
    ),
    "case-actual-needs-reason-pause": (
        "事项 '{task}' 中止，须填写原因代码（reason）",
        "task '{task}' is suspended: give a reason code (reason)",
    ),
    "rating-link-unknown": (
        "评价链接无效或已使用：每个链接只能评价一次",
        "the rating link is unknown or was used already: each link rates once",
    ),
    "unit-exists": ("单位 '{unit}' 已存在", "unit '{unit}' already exists"),
    "unit-unknown": (
        "没有单位 '{unit}'：请先用 pathplanner users add-unit 添加",
        "there is no unit '{unit}': add it first with pathplanner users add-unit",
    ),
    "user-exists": ("用户 '{user}' 已存在", "user '{user}' already exists"),
    "user-unknown": ("没有用户 '{user}'", "there is no user '{user}'"),
    "user-needs-unit": (
        "角色 {role} 须属于一个代办单位：请用 --unit 指定",
        "the role {role} belongs to an agency unit: give it with --unit",
    ),
    "user-takes-no-unit": (
        "角色 {role} 不属于某个代办单位：请去掉 --unit",
        "the role {role} belongs to no single unit: leave out --unit",
    ),
    "db-bad-url": (
        "数据库地址 '{url}' 无法识别：应为 sqlite:///文件.db 或 postgresql://用户@主机/库名",
        "cannot read the database URL '{url}': use sqlite:///file.db or postgresql://user@host/db",
    ),
    "db-unreachable": (
        "无法打开数据库 {url}：{detail}",
        "cannot open the database {url}: {detail}",
    ),
    "retention-bad-days": (
        "保留天数 '{value}' 无效：应为不小于 0 的整数",
        "the retention period '{value}' is not a whole number of days, 0 or more",
    ),
    "auth-missing": (
        "缺少访问令牌：请在请求头中提供 Authorization: Bearer <令牌>",
        "no access token: send the header Authorization: Bearer <token>",
    ),
    "auth-invalid": (
        "访问令牌无效、已过期或已被吊销：请向管理员申请新的令牌",
        "the access token is unknown, expired or revoked: ask an administrator for a new one",
    ),
}

# Labels used around messages and in reports: key -> (zh, en)
LABELS: dict[str, tuple[str, str]] = {
    "error": ("错误", "error"),
    # the statuses of a case record (pathplanner.cases)
    "kind-case-applied": ("申请", "applied"),
    "kind-case-accepted": ("受理", "accepted"),
    "kind-case-not_accepted": ("不予受理", "not accepted"),
    "kind-case-handling": ("承办", "being handled"),
    "kind-case-closed": ("办结", "closed"),
    "kind-case-terminated": ("终止", "terminated"),
    "kind-case-archived": ("归档", "archived"),
    # punctuation (the reports' own is in pathplanner.render.labels)
    "colon": ("：", ": "),
    "sep-comma": ("，", ", "),
    "sep-clause": ("；", "; "),
    "sep-list": ("、", ", "),
    # a reason in words (plan.reason_words): each fact the rule read, as a clause
    "reason-is": ("{label}为{value}", "{label} is {value}"),
    "reason-quoted": ("“{value}”", "“{value}”"),
    "reason-amount": ("{label}为 {value} {unit}", "{label} is {value} {unit}"),
    "reason-flag": ("“{label}”：{value}", "“{label}”: {value}"),
    "reason-yes": ("是", "yes"),
    "reason-no": ("否", "no"),
    "reason-unset": ("{label}未填写", "{label} is not given"),
    "reason-includes": ("{label}包括“{value}”", "{label}: includes “{value}”"),
    "reason-excludes": ("{label}不包括“{value}”", "{label}: does not include “{value}”"),
    "reason-building": ("第 {n} 栋单体{name}", "building {n}{name}"),
    "reason-building-name": ("“{name}”", " “{name}”"),
    "reason-space": ("{building}的第 {n} 个功能空间", "space {n} of {building}"),
    "reason-in-building": ("{building}的{what}", "{what} of {building}"),
    "reason-sum": ("{where}的{label}合计", "total {label} ({where})"),
    "reason-where-in": ("{label}为{values}", "{label} one of {values}"),
    "reason-where-not-in": ("{label}不为{values}", "{label} none of {values}"),
    "warning": ("警告", "warning"),
    "expected": ("期望", "expected"),
    "found": ("实际", "found"),
    "hint": ("建议", "hint"),
    "did-you-mean": ("是否是 {candidates}？", "did you mean {candidates}?"),
    "cli-see-help": ("可用的选项见 {command} --help", "see {command} --help for the options"),
    "hint-full-width": (
        "“{char}”是全角符号：YAML 和条件表达式的符号要用半角，请改为“{ascii}”（切换到英文输入法）",
        "'{char}' is a full-width character: YAML and conditions need the ASCII '{ascii}' "
        "(switch the input method to English)",
    ),
    "hint-double-equals": (
        "比较是否相等要写“==”，单个“=”不是比较运算符",
        "compare with '==': a single '=' is not a comparison",
    ),
    # what PyYAML's complaints mean (the detail of `yaml-syntax`)
    "yaml-why-mapping-values": (
        "此处不能写“键: 值”：上一行可能缺少半角冒号，或缩进不对，或值中含有未加引号的“: ”",
        "a 'key: value' is not allowed here: the line before may lack its ASCII colon, the "
        "indentation may be wrong, or a value holds an unquoted ': '",
    ),
    "yaml-why-colon": (
        "键后缺少半角冒号“:”",
        "a key lacks its ASCII colon ':'",
    ),
    "yaml-why-tab": ("不能用 Tab 缩进，请改用空格", "a tab cannot indent YAML: use spaces"),
    "yaml-why-flow-mapping": (
        "花括号没有闭合，或其中的项没有用半角逗号分隔",
        "a curly bracket is not closed, or its entries are not separated by ASCII commas",
    ),
    "yaml-why-flow-sequence": (
        "方括号没有闭合，或其中的项没有用半角逗号分隔",
        "a square bracket is not closed, or its entries are not separated by ASCII commas",
    ),
    "yaml-why-quote": ("引号没有闭合", "a quote is not closed"),
    "yaml-why-indent": (
        "缩进不一致：同一层级的键要左对齐，列表项“- ”要对齐",
        "inconsistent indentation: keys of one level, and list items '- ', must line up",
    ),
    "yaml-why-star": (
        "“*”或“&”在 YAML 中有特殊含义：含有它们的值请加引号",
        "'*' and '&' mean something in YAML: quote a value that holds them",
    ),
    "yaml-why-character": (
        "此处的字符不能作为值的开头（如 @、`、%）：请给值加引号",
        "a value cannot start with this character (such as @, ` or %): quote the value",
    ),
    "api-expected-profile": (
        "项目文件的路径、项目文件内容的映射（含 name 和 profile）、项目信息（profile 部分）的映射，"
        "或 Profile、ProfileDocument",
        "the path of a project file, a mapping of a project file's content (with name and "
        "profile), a mapping of the profile section alone, or a Profile or ProfileDocument",
    ),
    "api-expected-date": (
        "日期：datetime.date 或 YYYY-MM-DD 格式的文本",
        "a date: a datetime.date or YYYY-MM-DD text",
    ),
    "api-expected-actuals": (
        "实际进度文件的路径、其内容的映射，或 Actuals",
        "the path of an actuals file, a mapping of its content, or an Actuals",
    ),
    "api-expected-pins": (
        "事项 id 到模式 id 的映射，键和值都是文本",
        "a mapping of item id to mode id, both text",
    ),
    "api-expected-bool": ("True 或 False", "True or False"),
    "api-expected-engine": (
        "规则引擎 {engines} 之一，或 None",
        "one of the rule engines {engines}, or None",
    ),
    "replan-unknown-task-hint": (
        "请写计划中任务的 id（见计划 JSON 的 tasks[].id）",
        "write the id of a task of the plan (tasks[].id in the plan JSON)",
    ),
    "drop-candidates": (
        "只能免去本事项或被合并事项的{kind}：{candidates}",
        "only the item's or a replaced item's {kind} can be dropped: {candidates}",
    ),
    "allowed-keys": ("可用的键：{allowed}", "allowed keys: {allowed}"),
    "type-integer": ("整数", "an integer"),
    "type-number": ("数字", "a number"),
    "type-bool": ("true 或 false", "true or false"),
    "type-string": ("文本", "text"),
    "type-date": ("日期，格式 YYYY-MM-DD", "a date, YYYY-MM-DD"),
    "type-list": ("列表（- 项）", "a list (- items)"),
    "type-list-distinct": ("不重复的取值列表", "a list without repeated values"),
    "type-building-list": (
        "单体建筑列表（每项含 name、use、floor_area_m2 等）",
        "a list of buildings (each with name, use, floor_area_m2, ...)",
    ),
    "type-mapping": ("映射（键: 值）", "a mapping (key: value)"),
    "format-id": (
        "小写 id，由 a-z、0-9、- 和 _ 组成，以字母或数字开头",
        "a lowercase id of a-z, 0-9, - and _, starting with a letter or digit",
    ),
    "format-field-id": (
        "以点分隔的小写字段 id，例如 project.use",
        "a dotted lowercase field id such as project.use",
    ),
    "schema-title": ("项目信息", "Project profile"),
    "schema-description": (
        "按目录“{catalog}”填写的项目信息，用于确定适用事项并生成审批路径",
        "A project profile for the catalog '{catalog}', used to decide the applicable items "
        "and plan the approval path",
    ),
    "schema-profile": ("项目情况", "Project facts"),
    "schema-name": ("项目标识（小写字母、数字和 -）", "Project id (lowercase letters, digits, -)"),
    "schema-zh": ("项目名称（中文）", "Project name (Chinese)"),
    "schema-en": ("项目名称（英文）", "Project name (English)"),
    "schema-start": ("计划开始日期", "Planned start date"),
    "schema-as-of": ("依据的政策日期", "Rules in force on"),
    # descriptions of the profile schema's own keys (the catalog describes its fields)
    "schema-name-help": (
        "本项目在计划和报告中的标识：小写字母、数字、- 和 _，以字母或数字开头",
        "The project's id in plans and reports: lowercase letters, digits, - and _, starting "
        "with a letter or digit",
    ),
    "schema-zh-help": (
        "项目的中文名称，用作报告标题",
        "The project's Chinese name, the report's title",
    ),
    "schema-en-help": (
        "项目的英文名称，用作英文报告的标题（缺省时用中文名称）",
        "The project's English name, the English report's title (the Chinese name when empty)",
    ),
    "schema-start-help": (
        "计划提交第一个事项的日期（YYYY-MM-DD）；命令行 --start 优先，都未给出时用政策日期或当天",
        "The day the first item is to be submitted (YYYY-MM-DD); --start on the command line "
        "wins; without either, the rules date or today",
    ),
    "schema-as-of-help": (
        "按哪一天有效的规则、办理方式和时限编制计划（YYYY-MM-DD）；命令行 --as-of 优先，"
        "都未给出时用开始日期",
        "The day whose rules, modes and time limits apply (YYYY-MM-DD); --as-of on the command "
        "line wins; without either, the start date",
    ),
    "schema-profile-help": (
        "目录定义的项目信息字段，按字段 id 中的点分组（也可直接写带点的 id）",
        "The catalog's profile fields, nested by the dots of their ids (dotted ids are accepted "
        "too)",
    ),
    "schema-buildings": ("单体建筑", "Buildings"),
    "schema-buildings-help": (
        "项目的各单体建筑。不填时，项目本身（project 下的用途、面积、高度等）即为一栋单体；"
        "填写时，项目总建筑面积、最高高度等由各单体计算",
        "The project's buildings. Without them the project itself (its use, area, height "
        "under project) is one building; with them the project's total area, height and so "
        "on follow from the buildings",
    ),
    "schema-spaces": ("功能空间", "Spaces"),
    "schema-spaces-help": (
        "单体中另有用途的部分（如住宅楼下的商场裙房、办公楼内的影院）；其余面积按单体主要用途计",
        "Parts of the building with another use (a mall podium under housing, a cinema in an "
        "office tower); the rest of its area counts as the building's main use",
    ),
    "schema-group-help": ("id 以 {group}. 开头的字段", "The fields whose ids start with {group}."),
    "catalog-in-use": (
        "目录：{path}（内容哈希 {hash}）",
        "catalog: {path} (content hash {hash})",
    ),
    "check-summary-failed": (
        "目录 {id}（版本 {version}）检查未通过：错误 {errors} 个，警告 {warnings} 个"
        "（{items} 个事项、{works} 项工作、{materials} 种材料、{fields} 个项目信息字段、"
        "{rules} 条规则）",
        "catalog {id} (version {version}) failed the check (errors: {errors}, warnings: "
        "{warnings}; {items} items, {works} works, {materials} materials, {fields} profile "
        "fields, {rules} rules)",
    ),
    "check-summary": (
        "目录 {id}（版本 {version}）检查通过：{items} 个事项、{works} 项工作、{materials} 种材料、"
        "{fields} 个项目信息字段、{rules} 条规则；{warnings} 个警告",
        "catalog {id} (version {version}) is valid: {items} items, {works} works, "
        "{materials} materials, {fields} profile fields, {rules} rules; {warnings} warnings",
    ),
    "value-dates-reversed": ("valid_until 早于 valid_from", "valid_until is before valid_from"),
    "value-either-output": (
        "'output' 与 'any_of' 只能给一个",
        "give either 'output' or 'any_of', not both",
    ),
    "value-drop-one-kind": (
        "每一项免去的内容只能给 'prerequisite'、'material'、'obligation' 之一",
        "give exactly one of 'prerequisite', 'material' and 'obligation' in each drop",
    ),
    "value-either-provider": (
        "'provider' 与 'issued_by' 只能给一个",
        "give either 'provider' or 'issued_by', not both",
    ),
    "value-inputs-issued": (
        "'inputs' 只用于由 provider 准备的材料；issued_by 的材料就是该成果本身",
        "'inputs' is for a material a provider prepares; an issued_by material is the "
        "output itself",
    ),
    "value-either-lag": (
        "'lag' 与 'lead' 只能给一个",
        "give either 'lag' or 'lead', not both",
    ),
    "value-lead-calendar": (
        "lead 按自然日计算：clock 应为 calendar",
        "a lead counts calendar days: clock must be calendar",
    ),
    "value-enum-values": (
        "type 为 enum 或 list 时必须给出 'values' 或 'values_from'（二选一），其他类型不能给",
        "type enum or list needs 'values' or 'values_from' (one of them); other types take neither",
    ),
    "value-range-type": (
        "'minimum'/'maximum' 只适用于 integer 和 number 字段",
        "'minimum'/'maximum' apply only to integer and number fields",
    ),
    "field-summary-target": (
        "'summary' 只用于 building. 字段，且须有同名的 project. 字段（'{field}'）",
        "'summary' is for building. fields with a project. field of the same name ('{field}')",
    ),
    "field-building-core": (
        "声明单体建筑或功能空间字段的目录还须声明：{missing}",
        "a catalog declaring building or space fields must also declare: {missing}",
    ),
    "value-range-reversed": ("minimum 大于 maximum", "minimum is greater than maximum"),
    "value-group-members": ("并联组至少要有一个成员", "a parallel group needs members"),
    "value-decided-needs-accepted": (
        "有 decided（办结日期）就要有 accepted（受理日期）",
        "'decided' needs 'accepted'",
    ),
    "value-decided-before-accepted": (
        "decided（办结日期）早于 accepted（受理日期）",
        "'decided' is before 'accepted'",
    ),
    "value-status-needs-decided": (
        "状态 decided 需要办结日期 decided",
        "status 'decided' needs the date 'decided'",
    ),
    "value-status-needs-accepted": (
        "状态 {status} 需要受理日期 accepted",
        "status '{status}' needs the date 'accepted'",
    ),
    "value-suspension-needs-status": (
        "给了 suspended_on 或 resumes（中止、恢复日期），状态却不是 suspended",
        "'suspended_on' or 'resumes' is given but the status is not 'suspended'",
    ),
    "value-suspended-before-accepted": (
        "suspended_on（中止日期）早于 accepted（受理日期）",
        "'suspended_on' is before 'accepted'",
    ),
    "value-resumes-before-suspended": (
        "resumes（恢复日期）早于 suspended_on（中止日期）",
        "'resumes' is before 'suspended_on'",
    ),
    "value-suspended-but-decided": (
        "状态 suspended（中止）的事项不能有办结日期 decided",
        "a 'suspended' task cannot have a 'decided' date",
    ),
    "value-task-twice": ("事项 '{task}' 列了两次", "task '{task}' is listed twice"),
    "value-date-after-today": (
        "事项 '{task}' 的实际日期晚于 today（{today}）",
        "task '{task}': an actual date is after 'today' ({today})",
    ),
    "kind-item": ("事项", "item"),
    "kind-material": ("材料", "material"),
    "kind-obligation": ("义务", "obligation"),
    "kind-prerequisite": ("前置条件", "prerequisite"),
    "kind-output": ("成果", "output"),
    "kind-mode": ("办理模式", "mode"),
    "kind-department": ("部门", "department"),
    "kind-stage": ("阶段", "stage"),
    "kind-party": ("提供方", "provider"),
    "kind-task": ("事项或工作", "item or work"),
    "kind-field": ("字段", "field"),
    "kind-point": ("时序节点", "point"),
    "kind-fact": ("事实", "fact"),
    "kind-rule": ("规则", "rule"),
    "kind-work": ("工作", "work"),
    "kind-file": ("YAML 文件", "YAML file"),
    # rules (issue 3): options and explanations
    "alt-normal": ("常规办理", "normal handling"),
    "alt-join": ("加入并联办理", "join the parallel group"),
    "alt-separate": ("单独办理", "handle separately"),
    "option-mode": ("{item}：选择办理模式", "{item}: choose the handling mode"),
    "option-group": ("{item} 是否加入{group}", "whether {item} joins {group}"),
    "kind-time-limit": ("办理时限", "time limit"),
    "kind-group": ("并联组", "parallel group"),
    # policy tooling (issue 7)
    "test-summary": (
        "场景测试：{passed} 个通过，{failed} 个失败（共 {files} 个文件）",
        "scenario tests: {passed} passed, {failed} failed ({files} files)",
    ),
    "test-none": ("没有找到场景测试文件（{dir}）", "no scenario test files found ({dir})"),
    "test-reset-summary": (
        "已按当前目录改写 {count} 个场景的期望值（{files}），请检查改动后再提交",
        "rewrote the expectations of {count} scenarios ({files}) from the current catalog; "
        "review the change before committing",
    ),
    "test-reset-none": (
        "所有场景的期望值都与当前目录一致，无需改写",
        "every scenario already matches the catalog; nothing rewritten",
    ),
    "accepted-header": ("已接受的警告（{count} 条）：", "accepted warnings ({count}):"),
    "accepted-reason": ("  接受理由：{reason}（{date}）", "  accepted because: {reason} ({date})"),
    "diff-title": ("目录差异：{old} → {new}", "catalog differences: {old} → {new}"),
    "diff-none": ("  没有差异", "  no differences"),
    "diff-added": ("  新增{kind}：{id}", "  added {kind}: {id}"),
    "diff-removed": ("  删除{kind}：{id}", "  removed {kind}: {id}"),
    "diff-changed": ("  修改{kind}：{id}", "  changed {kind}: {id}"),
    "diff-field": ("    {path}：{old} → {new}", "    {path}: {old} → {new}"),
    "diff-profiles": ("对项目的影响：", "effect on projects:"),
    "diff-profile": ("  项目 {name}（{file}）：", "  project {name} ({file}):"),
    "diff-unchanged": (
        "  其余 {count} 个项目的计划没有变化",
        "  {count} other projects: plan unchanged",
    ),
    "diff-profile-failed": ("    无法生成计划：{detail}", "    cannot plan: {detail}"),
    "diff-tasks-added": ("    新增事项：{ids}", "    items added: {ids}"),
    "diff-tasks-removed": ("    不再办理的事项：{ids}", "    items removed: {ids}"),
    "diff-mode": (
        "    办理模式变化：{task} {old} → {new}",
        "    mode changed: {task} {old} → {new}",
    ),
    "diff-limit": (
        "    时限变化：{task} {old} → {new}",
        "    time limit changed: {task} {old} → {new}",
    ),
    "diff-materials-added": ("    新增材料：{ids}", "    new materials: {ids}"),
    "diff-materials-removed": (
        "    不再需要的材料：{ids}",
        "    materials no longer needed: {ids}",
    ),
    "diff-finish": (
        "    办结日期：{old} → {new}（{shift} 个工作日）",
        "    finish: {old} → {new} ({shift} working days)",
    ),
    "diff-clock-working": ("{value} 个工作日", "{value} working days"),
    "diff-clock-calendar": ("{value} 个自然日", "{value} calendar days"),
    "diff-kind-rules": ("规则", "rule"),
    "diff-kind-items": ("事项", "item"),
    "diff-kind-works": ("工作", "work"),
    "diff-kind-materials": ("材料", "material"),
    "diff-kind-fields": ("项目信息字段", "profile field"),
    "diff-kind-stages": ("阶段", "stage"),
    "diff-kind-departments": ("部门", "department"),
    "diff-kind-parties": ("提供方", "provider"),
    "diff-kind-manifest": ("目录设置", "catalog settings"),
    "diff-kind-calendars": ("工作日历", "calendar"),
    # plan assembly (the names the plan carries in both languages)
    "plan-mode-normal": ("常规办理", "normal handling"),
    # reading and writing files, and limits past which input is refused (issue 18)
    "file-not-regular": (
        "不是普通文件（设备、管道或套接字），未读取",
        "not a regular file (a device, pipe or socket): not read",
    ),
    "file-link-loop": ("符号链接形成循环", "symbolic links form a loop"),
    "file-broken-link": (
        "符号链接已失效：{target} 不存在",
        "broken symbolic link: {target} does not exist",
    ),
    "file-outside": (
        "符号链接指向目录之外的 {target}，未读取",
        "a symbolic link to {target}, outside the catalog directory: not read",
    ),
    "file-unwritable": ("无法写入：{detail}", "cannot write: {detail}"),
    "file-not-regular-output": (
        "不是普通文件（设备、管道或套接字），未写入",
        "not a regular file (a device, pipe or socket): not written",
    ),
    "file-is-input": (
        "这是本次计划的输入文件：在此写入报告会覆盖它",
        "this is an input file of the plan: writing the report here would overwrite it",
    ),
    "yaml-surrogate": (
        "转义序列 {escape} 不代表任何字符（代理对的一半）",
        "the escape {escape} stands for no character (half of a surrogate pair)",
    ),
    "yaml-unexpected-file": (
        "顶层没有任何已知的键（应为 {allowed}）；第一个键是 {key}",
        "none of the top-level keys is known (expected {allowed}); the first is {key}",
    ),
    "date-out-of-range": (
        "{date} 超出 pathplanner 可计划的日期范围（{first} 至 {last}）",
        "{date} is outside the dates pathplanner plans ({first} to {last})",
    ),
    "rule-too-deep": (
        "条件嵌套过深：括号和 not 超过 {limit} 层（第 {column} 列）",
        "the condition nests too deep: more than {limit} levels of parentheses and 'not' "
        "(column {column})",
    ),
    "rule-bad-number": (
        "条件中的数字 {value} 超出范围（最多 {digits} 位，须为有限值；第 {column} 列）"
        "\n    {expr}\n    {caret}",
        "number {value} is out of range (up to {digits} digits, finite) (column {column})"
        "\n    {expr}\n    {caret}",
    ),
}


def lookup(
    table: Mapping[str, tuple[str, str]], key: str, lang: str, args: Mapping[str, object]
) -> str:
    """The entry ``key`` of ``table`` in ``lang`` (English for ``"en"``, else Chinese), filled
    with ``args``. The one lookup behind :func:`text` and the report labels of
    :mod:`pathplanner.render.labels`. Raises ``KeyError`` for an unknown key."""
    template = table[key][1 if lang == "en" else 0]
    return template.format(**args) if args else template


def text(key: str, lang: str = "zh", /, **args: object) -> str:
    """A label or message by key, filled with ``args``; unknown keys fail loudly in tests."""
    return lookup(LABELS if key in LABELS else MESSAGES, key, lang, args)


def localized_args(args: Mapping[str, str], lang: str) -> dict[str, str]:
    """``args`` with each value that names a ``kind-…`` label (``kind-item``, ``kind-rule``,
    ...) or a ``yaml-why-…`` label written in ``lang``, so that code passes the kind and
    the reader sees the word."""
    return {
        k: text(v, lang) if v.startswith(_LOCALIZED) and v in LABELS else v for k, v in args.items()
    }


_LOCALIZED = ("kind-", "yaml-why-")
"""Prefixes of the labels an argument may name: kinds, and the reasons of YAML errors."""


def message_text(code: str, lang: str, args: Mapping[str, str]) -> str:
    """The message ``code`` in ``lang``, filled with ``args`` (kinds localized, see
    :func:`localized_args`)."""
    return text(code, lang, **localized_args(args, lang))
