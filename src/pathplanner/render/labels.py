"""The labels of the plan reports (Markdown, HTML, Gantt chart, DOT), in Chinese and English.

Only the renderers use these; what the layers below write (error messages, the names the
plan carries) stays in :mod:`pathplanner.messages`. :func:`label` finds a key in either
table through the one :func:`~pathplanner.messages.lookup`. Punctuation is a label too:
the Chinese report joins with "、" and "；" and brackets with "（）", the English one with
", ", "; " and " ()".
"""

from __future__ import annotations

from pathplanner.messages import lookup, text

__all__ = ["REPORT_LABELS", "label"]

# key -> (zh, en)
REPORT_LABELS: dict[str, tuple[str, str]] = {
    # punctuation (the colon and the list and clause separators are in pathplanner.messages:
    # error messages, explanations and the plan's reasons in words use them too)
    "paren": ("（{text}）", " ({text})"),
    # the dependency graph figure
    "plan-graph-missing": (
        "未找到 Graphviz 的 dot 程序，依赖关系图未生成。安装方法：apt-get install graphviz",
        "Graphviz's `dot` program was not found, so the dependency graph is left out. "
        "Install it with: apt-get install graphviz",
    ),
    "plan-graph-failed": (
        "Graphviz 绘制依赖关系图失败：{detail}",
        "Graphviz failed to draw the dependency graph: {detail}",
    ),
    # everything else in the reports
    "plan-yes": ("是", "yes"),
    "plan-no": ("否", "no"),
    "plan-days-working": ("{n} 个工作日", "{n} working days"),
    "plan-days-working-one": ("{n} 个工作日", "{n} working day"),
    "plan-days-calendar": ("{n} 个自然日", "{n} calendar days"),
    "plan-days-calendar-one": ("{n} 个自然日", "{n} calendar day"),
    "plan-days-zero": ("即办（当日）", "same day"),
    "plan-float-short": ("机动 {n} 个工作日", "float {n} working days"),
    "plan-float-short-one": ("机动 {n} 个工作日", "float {n} working day"),
    "plan-binds-decision": ("办结前", "before decision"),
    "plan-binds-decision-note": ("（办结前具备即可）", " (needed only by the decision)"),
    "plan-lag-note": ("（之后再等 {duration}）", " (then wait {duration})"),
    "plan-lead-note": ("（可在其就绪前 {duration} 开始）", " (may start {duration} before it)"),
    "plan-gantt-title": ("审批路径甘特图", "Gantt chart of the approval path"),
    "plan-today": ("今天 {date}", "today {date}"),
    "plan-provisional-mark": ("（暂定）", "(provisional)"),
    "plan-provisional": ("暂定", "provisional"),
    "plan-fallback-note": (
        "以下名称在目录中没有英文，显示为中文：{names}",
        "The catalog has no English for these names, shown in Chinese: {names}",
    ),
    "plan-title": (
        "{project}：一次性告知清单与材料计划",
        "{project}: one-time disclosure list and material plan",
    ),
    "plan-report-title": ("{project}：审批路径计划", "{project}: approval path plan"),
    "plan-unnamed": ("本项目", "This project"),
    "plan-summary": ("概要", "Summary"),
    "plan-start": ("计划开始", "Planned start"),
    "plan-finish": ("预计完成", "Expected finish"),
    "plan-working-days": ("总用时（工作日）", "Working days"),
    "plan-government-days": (
        "政府部门在办天数（任一部门或公用企业持有文件的工作日）",
        "Office days (working days on which some office or utility holds a file)",
    ),
    "plan-chain-days": (
        "审批链政府用时（按阶段累加，目标口径，工作日）",
        "Government time along the approval chain (stage sums, as targets count, working days)",
    ),
    "plan-government-time": ("政府审批用时（按阶段）", "Government time by stage"),
    "plan-government-intro": (
        "审批链用时：相互衔接的审批事项中政府和公用企业审查用时最长的一条链，按阶段累加，"
        "并联办理的事项只计最长者，这是改革目标的计算口径；在办天数：该阶段任一部门持有文件的工作日，"
        "同一天多个事项只计一次。",
        "Approval chain: the chain of items following one another with the most government and "
        "utility review days, summed stage by stage, parallel items counting once by the "
        "longest; this is how reform targets count. Office days: working days on which some "
        "office holds a file of the stage, counted once however many.",
    ),
    "plan-total": ("合计", "Total"),
    "plan-col-stage": ("阶段", "Stage"),
    "plan-col-chain-days": ("审批链用时（工作日）", "Approval chain (WD)"),
    "plan-col-office-days": ("在办天数（工作日）", "Office days (WD)"),
    "plan-col-target": ("时限目标", "Target"),
    "plan-col-limit": ("目标（工作日）", "Limit (WD)"),
    "plan-col-verdict": ("结论", "Verdict"),
    "plan-col-drivers": ("主要拖慢的事项", "Items driving the miss"),
    "plan-verdict-met": ("达到", "met"),
    "plan-verdict-missed": ("未达到", "missed"),
    "plan-items-count": ("办理事项数", "Items"),
    "plan-visits": ("窗口办理次数", "Visits to a window"),
    "plan-as-of": ("依据日期", "As of"),
    "plan-replanned-on": ("重新计划日期（实际进度截至）", "Re-planned on (actual dates up to)"),
    "plan-status-accepted": ("已受理", "accepted"),
    "plan-status-decided": ("已办结", "decided"),
    "plan-status-suspended": ("已中止", "suspended"),
    "plan-status-terminated": ("已终止", "terminated"),
    "plan-status-refused": ("不予许可", "refused"),
    "plan-status-blocked": ("受阻", "blocked"),
    # the re-plan section (render.slippage)
    "plan-replan": ("进度与偏差", "Progress and slippage"),
    "plan-slip-finish-line": (
        "截至 {today}，完成日由基线的 {baseline} 变为 {finish}：偏差 {n:+d} 个工作日"
        "（{calendar:+d} 个自然日；正数为推迟）。",
        "As of {today}, the finish moves from the baseline's {baseline} to {finish}: "
        "{n:+d} working days ({calendar:+d} calendar days; positive is later).",
    ),
    "plan-slip-finish-line-one": (
        "截至 {today}，完成日由基线的 {baseline} 变为 {finish}：偏差 {n:+d} 个工作日"
        "（{calendar:+d} 个自然日；正数为推迟）。",
        "As of {today}, the finish moves from the baseline's {baseline} to {finish}: "
        "{n:+d} working day ({calendar:+d} calendar days; positive is later).",
    ),
    "plan-progress-line": (
        "任务进度：已完成 {done} 项，进行中 {in_progress} 项，待完成 {remaining} 项。",
        "Tasks: {done} done, {in_progress} in progress, {remaining} remaining.",
    ),
    "plan-progress-done": ("已完成", "done"),
    "plan-progress-in_progress": ("进行中", "in progress"),
    "plan-progress-remaining": ("待完成", "remaining"),
    "plan-slip-finish": ("项目完成日", "Project finish"),
    "plan-slip-actual": ("实际", "actual"),
    "plan-slip-forecast": ("预测", "forecast"),
    "plan-slip-blocked-by": (
        "等待已终止或不予许可的事项：{items}",
        "waits for {items}, terminated or refused",
    ),
    "plan-col-task": ("任务", "Task"),
    "plan-col-progress": ("进度", "Progress"),
    "plan-col-baseline": ("基线（开始 → 完成）", "Baseline (start → finish)"),
    "plan-col-current": ("实际或预测（开始 → 完成）", "Actual or forecast (start → finish)"),
    "plan-col-slip": ("偏差（工作日）", "Slip (working days)"),
    "plan-critical-path": ("关键路径", "Critical path"),
    "plan-other-finish-statutory": ("按法定时限的完成日", "Finish with statutory limits"),
    "plan-other-finish-committed": ("按承诺时限的完成日", "Finish with committed limits"),
    "plan-statutory-note": (
        "本计划按法定时限（最坏情况）排期。",
        "This plan uses the statutory limits (the worst case).",
    ),
    "plan-not-optimal": (
        "搜索在节点上限处停止，本方案未被证明最优；完成日不可能早于 {bound}。",
        "The search stopped at its node budget, so this plan is not proven optimal; "
        "no plan finishes before {bound}.",
    ),
    "plan-provisional-note": (
        "{years} 年的节假日安排尚未公布，落在其中的日期为暂定。",
        "The holiday schedule for {years} is not published yet; dates in it are provisional.",
    ),
    "plan-slippage-line": (
        "与基线完成日 {baseline} 相比推迟 {n} 个工作日。",
        "{n} working days later than the baseline finish {baseline}.",
    ),
    "plan-slippage-line-one": (
        "与基线完成日 {baseline} 相比推迟 {n} 个工作日。",
        "{n} working day later than the baseline finish {baseline}.",
    ),
    "plan-warnings": ("提醒", "Warnings"),
    "plan-disclosure": ("一次性告知清单", "One-time disclosure list"),
    "plan-disclosure-intro": (
        "以下事项按您将办理的先后顺序排列，每项列明受理部门、办理模式、时限、收费、前置条件和全部申请材料，一次告知到位。",
        "The items in the order you will meet them, each with its department, handling mode, "
        "time limits, fees, prerequisites and every material, told once and in full.",
    ),
    "plan-stage": ("阶段", "Stage"),
    "plan-stage-none": ("其他", "Other"),
    "plan-department": ("受理部门", "Department"),
    "plan-window": ("办理窗口", "Window"),
    "plan-channel": ("办理渠道", "Channel"),
    "plan-channel-online": ("网上办理", "online"),
    "plan-channel-in_person": ("窗口办理", "in person"),
    "plan-channel-both": ("网上或窗口办理", "online or in person"),
    "plan-mode": ("办理模式", "Handling mode"),
    "plan-time-limits": ("办理时限", "Time limits"),
    "plan-statutory": ("法定", "statutory"),
    "plan-committed": ("承诺", "committed"),
    "plan-planned": ("计划按", "planned with"),
    "plan-excluded-time": ("{name}另计 {duration}", "{name} not counted: {duration}"),
    "plan-acceptance": ("计划受理", "Planned acceptance"),
    "plan-decision": ("计划办结", "Planned decision"),
    "plan-fees": ("收费", "Fees"),
    "plan-no-fee": ("不收费", "none"),
    "plan-prerequisites": ("前置条件", "Prerequisites"),
    "plan-any-of": ("以下之一：", "any one of: "),
    "plan-none": ("无", "none"),
    "plan-materials": ("申请材料", "Materials"),
    "plan-col-item": ("事项", "Item"),
    "plan-col-value": ("内容", "Value"),
    "plan-col-material": ("材料", "Material"),
    "plan-col-original": ("原件/复印件", "Original or copy"),
    "plan-original": ("原件", "original"),
    "plan-copy": ("复印件", "copy"),
    "plan-col-copies": ("份数", "Copies"),
    "plan-col-provider": ("提供方", "Provided by"),
    "plan-col-notes": ("说明", "Notes"),
    "plan-deferred": ("可容缺，{date} 前补齐", "may be handed in later, by {date}"),
    "plan-material-condition": (
        "本项目需要：{condition}（{basis}）",
        "needed for this project: {condition} ({basis})",
    ),
    "plan-inherited": ("原为“{items}”所需", "needed for “{items}”, which this item replaces"),
    "plan-replaces": ("合并办理", "Replaces"),
    "plan-reused": ("已在“{item}”提交，可复用", "already submitted for “{item}”, reusable"),
    "plan-resubmit": (
        "“{item}”已留存原件，需另备一份原件",
        "“{item}” keeps the original: prepare another original",
    ),
    "plan-template": ("模板：{template}", "template: {template}"),
    "plan-unassigned": ("未指定", "unassigned"),
    "plan-obligations": ("办理后的义务", "Obligations afterwards"),
    "plan-obligation-due": (
        "{name}：{date} 前（{after}后 {duration}）",
        "{name}: by {date} ({duration} after the {after})",
    ),
    "plan-after-acceptance": ("受理", "acceptance"),
    "plan-after-decision": ("办结", "decision"),
    "plan-basis": ("法律依据", "Legal basis"),
    "plan-reasons": ("适用原因", "Why it applies"),
    "plan-reason-default": ("目录规定该事项默认办理", "The catalog applies it by default"),
    "plan-reason-sentence": ("{title}。{facts}", "{title}. {facts}"),
    "plan-reason-basis": ("{sentence}（依据：{basis}）", "{sentence} (basis: {basis})"),
    "plan-not-applicable": ("不适用的事项", "Items that do not apply"),
    "plan-col-reason": ("原因", "Reason"),
    "plan-material-plan": ("材料计划", "Material plan"),
    "plan-col-lead-time": ("准备时间", "Lead time"),
    "plan-col-needed-earliest": ("最早需用", "Needed from"),
    "plan-col-window": ("准备窗口（可开始 → 须备齐）", "Preparation window (can start → needed)"),
    "plan-col-ready": ("计划备齐", "Planned ready"),
    "plan-material-window": ("准备窗口", "preparation window"),
    "plan-col-needed-latest": (
        "最迟需用（不推迟完成日）",
        "Needed by (without delaying the finish)",
    ),
    "plan-col-used-by": ("使用事项", "Used by"),
    "plan-col-warnings": ("提醒", "Warnings"),
    "plan-choices": ("办理方案比较", "Options weighed"),
    "plan-col-option": ("选项", "Option"),
    "plan-col-alternative": ("方案", "Alternative"),
    "plan-col-finish": ("完成日", "Finish"),
    "plan-alt-misses-deadline": (
        "容缺材料将晚于补正期限，申请会被退回",
        "a material handed in later would miss its deadline: the application would be refused",
    ),
    "plan-alt-refused": ("投资人不接受此办理方式", "the investor refuses this handling mode"),
    "plan-col-obligation": ("义务", "Obligation"),
    "plan-col-due": ("到期日", "Due"),
    "plan-col-lead": ("牵头部门", "Lead department"),
    "plan-col-members": ("成员事项", "Members"),
    "plan-col-dates": ("日期", "Dates"),
    "plan-groups": ("并联审批", "Parallel approval"),
    "plan-gantt": ("甘特图", "Gantt chart"),
    "plan-graph": ("依赖关系图", "Dependency graph"),
    "plan-graph-note": (
        "红色为关键路径，虚线表示只约束办结；材料准备未画出（见甘特图和材料计划）。屏幕上可左右滚动查看。",
        "The critical path is red; dashed edges bind only the decision. Material preparation "
        "is left out (see the Gantt chart and the material plan). Scroll sideways on screen.",
    ),
    "plan-legend-item": ("审批事项", "item"),
    "plan-legend-work": ("自有工作", "own work"),
    "plan-legend-critical": ("关键路径", "critical path"),
    "plan-legend-provisional": ("暂定日期", "provisional dates"),
    "plan-legend-group": ("并联审批组", "parallel group"),
    "plan-legend-today": ("今天（依据日期）", "today (as of)"),
    "plan-generated": (
        "由 pathplanner 生成；目录 {catalog} 版本 {version}，内容哈希 {hash}。",
        "Made by pathplanner; catalog {catalog} version {version}, content hash {hash}.",
    ),
    # the one-time disclosure letter (一次性告知书, .docx and PDF)
    "letter-title": ("一次性告知书", "One-time disclosure letter"),
    "letter-unit": ("告知单位", "Agency"),
    "letter-unit-address": ("单位地址", "Agency address"),
    "letter-unit-phone": ("单位电话", "Agency phone"),
    "letter-agent": ("代办员", "Agent"),
    "letter-agent-phone": ("代办员电话", "Agent's phone"),
    "letter-investor": ("投资主体（申请人）", "Investor (applicant)"),
    "letter-investor-contact": ("联系人", "Contact person"),
    "letter-investor-phone": ("联系电话", "Contact phone"),
    "letter-project": ("项目名称", "Project"),
    "letter-agreement": ("代办协议编号", "Agency agreement no."),
    "letter-date": ("告知日期", "Date"),
    "letter-intro": (
        "现将本项目须办理的事项按办理先后顺序，连同受理部门、办理方式、时限、收费、前置条件和全部"
        "申请材料一次性告知如下。计划日期为预计日期，以实际受理、办结为准。",
        "Below, once and in full, are the items this project must apply for, in the order you "
        "will meet them, each with its department, handling mode, time limits, fees, "
        "prerequisites and every material. Planned dates are estimates; the actual acceptance "
        "and decision dates prevail.",
    ),
    "letter-items": ("一、须办理的事项", "1. Items to apply for"),
    "letter-where": ("受理部门及窗口", "Department and window"),
    "letter-planned-dates": ("计划日期", "Planned dates"),
    "letter-dates": (
        "{acceptance} 受理，{decision} 办结",
        "accepted {acceptance}, decided {decision}",
    ),
    "letter-commitments": (
        "二、告知承诺须履行的义务",
        "2. What you undertake under notification and commitment",
    ),
    "letter-commitments-none": (
        "本项目没有按告知承诺方式办理的事项。",
        "No item of this project is handled by notification and commitment.",
    ),
    "letter-supplements": (
        "三、容缺受理须补齐的材料",
        "3. Materials accepted missing, to hand in later",
    ),
    "letter-supplements-none": (
        "本项目没有容缺受理、须事后补齐的材料。",
        "No material of this project is accepted missing to be handed in later.",
    ),
    "letter-other-obligations": ("四、其他办后义务", "4. Other obligations afterwards"),
    "letter-other-obligations-none": ("无。", "None."),
    "letter-due": ("{date} 前（{after}后 {duration}）", "by {date} ({duration} after the {after})"),
    "letter-due-by": ("{date} 前", "by {date}"),
    "letter-col-item": ("事项", "Item"),
    "letter-col-what": ("内容", "What"),
    "letter-col-due": ("期限", "Deadline"),
    "letter-not-applicable": ("五、不需办理的事项", "5. Items that do not apply"),
    "letter-not-applicable-none": ("无。", "None."),
    "letter-not-applicable-line": ("{item}：不需办理，{reason}。", "{item}: not needed; {reason}."),
    "letter-receipt": ("六、签收", "6. Acknowledgement of receipt"),
    "letter-receipt-text": (
        "本人已收到本告知书，对上述事项、材料及期限已知悉。",
        "I have received this letter and noted the items, materials and deadlines above.",
    ),
    "letter-investor-signature": ("投资主体（签字或盖章）", "Investor (signature or seal)"),
    "letter-agent-signature": ("代办员（签字）", "Agent (signature)"),
    "letter-signature-date": ("日期", "Date"),
    # the agents' Excel workbook (sheet names: at most 31 characters)
    "xlsx-sheet-schedule": ("进度计划", "Schedule"),
    "xlsx-sheet-materials": ("材料计划", "Material plan"),
    "xlsx-sheet-disclosure": ("一次性告知清单", "Disclosure list"),
    "xlsx-sheet-choices": ("方案选择", "Choices"),
    "xlsx-col-task": ("任务", "Task"),
    "xlsx-col-type": ("类型", "Type"),
    "xlsx-col-start": ("开始（受理）", "Start (acceptance)"),
    "xlsx-col-finish": ("结束（办结）", "Finish (decision)"),
    "xlsx-col-ready": ("可用日", "Ready"),
    "xlsx-col-duration": ("时长", "Duration"),
    "xlsx-col-clock": ("计日方式", "Days counted as"),
    "xlsx-col-float": ("机动时间（工作日）", "Float (working days)"),
    "xlsx-col-critical": ("关键任务", "Critical"),
    "xlsx-col-status": ("状态", "Status"),
    "xlsx-col-id": ("标识", "Id"),
    "xlsx-col-window-start": ("可开始准备", "Can start"),
    "xlsx-col-window-end": ("须备齐", "Needed by"),
    "xlsx-col-order": ("序号", "No."),
    "xlsx-col-statutory": ("法定时限", "Statutory limit"),
    "xlsx-col-committed": ("承诺时限", "Committed limit"),
    "xlsx-col-chosen": ("选中", "Chosen"),
    "xlsx-col-commitments": ("告知承诺数", "Commitments"),
    "xlsx-col-items": ("事项数", "Items"),
    "xlsx-col-pinned": ("人工指定", "Pinned"),
    "xlsx-col-baseline-start": ("基线开始", "Baseline start"),
    "xlsx-col-baseline-finish": ("基线结束", "Baseline finish"),
    "xlsx-clock-working": ("工作日", "working days"),
    "xlsx-clock-calendar": ("自然日", "calendar days"),
    "xlsx-type-item": ("审批事项", "item"),
    "xlsx-type-material": ("材料准备", "material"),
    "xlsx-type-work": ("自有工作", "own work"),
    "xlsx-type-milestone": ("里程碑", "milestone"),
    "xlsx-type-supplement": ("容缺补正", "supplement"),
    "plan-status-planned": ("计划", "planned"),
}


def label(key: str, lang: str = "zh", /, **args: object) -> str:
    """A report label (or, for a key not here, a label or message of
    :mod:`pathplanner.messages`) in ``lang``, filled with ``args``.

    A label counting ``n`` things has its singular under ``<key>-one`` ("1 working day"),
    used when ``n`` is 1."""
    if args.get("n") == 1 and f"{key}-one" in REPORT_LABELS:
        key = f"{key}-one"
    if key in REPORT_LABELS:
        return lookup(REPORT_LABELS, key, lang, args)
    return text(key, lang, **args)
