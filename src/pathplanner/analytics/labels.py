"""The analysis report's own words, in Chinese and English, read with the message table's
:func:`~pathplanner.messages.lookup`."""

from __future__ import annotations

from collections.abc import Mapping

from pathplanner.messages import lookup

__all__ = ["ANALYSIS_LABELS", "chart_labels", "labels"]

# key -> (zh, en); chart labels keep their {fields} for the chart to fill
ANALYSIS_LABELS: dict[str, tuple[str, str]] = {
    "title": ("项目组合审批分析", "Portfolio approval analysis"),
    "summary": (
        "共 {projects} 个项目：{planned} 个已计划，{failed} 个未能计划；"
        "开工日期 {first} 至 {last}；目录 {catalog}",
        "{projects} projects: {planned} planned, {failed} could not be planned; starts from "
        "{first} to {last}; catalog {catalog}",
    ),
    "tables-note": (
        "每张图背后的完整数据见同目录下的 CSV 文件：",
        "The full table behind each chart is in a CSV file beside this report:",
    ),
    "critical-heading": ("最常处于关键路径的事项", "Items most often on the critical path"),
    "critical-note": (
        "条形长度为关键路径上含该事项的项目数，标注为其在关键路径上的工作日中位数。",
        "Bars count the projects with the item on their critical path; labels give its median "
        "working days there.",
    ),
    "load-heading": ("各部门在审件数（按周）", "Files under review per department and week"),
    "load-note": (
        "每个有政府部门办理的事项，从受理到作出决定，计入其跨越的每一周。",
        "Each item with a government office counts in every week from acceptance to decision.",
    ),
    "stage-heading": ("各阶段政府审批工作日分布", "Government working days per stage"),
    "stage-note": (
        "审批链上各阶段的工作日（并联办理的事项只计一次），每个项目一个值。",
        "Working days of each stage along the approval chain (parallel items count once), one "
        "value per project.",
    ),
    "target-heading": (
        "改革目标：审批用时与时限",
        "Reform targets: approval time against the limit",
    ),
    "misses-heading": (
        "未达目标的项目及主要拖慢事项",
        "Projects missing a target, and the item driving each miss",
    ),
    "misses-note": (
        "共 {count} 个项目-目标未达标；下表按超出天数列出前 {shown} 个。",
        "{count} project targets missed; the table lists the first {shown} by excess.",
    ),
    "commitments-heading": (
        "告知承诺义务到期（按月）",
        "告知承诺 obligations falling due per month",
    ),
    "failed-heading": ("未能计划的项目", "Projects that could not be planned"),
    "failed-none": ("所有项目均已计划。", "Every project was planned."),
    "col-item": ("事项", "Item"),
    "col-projects": ("项目数", "Projects"),
    "col-share": ("占比", "Share"),
    "col-median": ("中位工作日", "Median working days"),
    "col-total": ("合计工作日", "Total working days"),
    "col-department": ("部门", "Department"),
    "col-peak": ("最多在审件数", "Peak files"),
    "col-peak-week": ("最多的一周", "Peak week"),
    "col-stage": ("阶段", "Stage"),
    "col-p90": ("90% 分位", "90th percentile"),
    "col-max": ("最多", "Most"),
    "col-project": ("项目", "Project"),
    "col-target": ("目标", "Target"),
    "col-days": ("工作日", "Working days"),
    "col-limit": ("时限", "Limit"),
    "col-excess": ("超出", "Excess"),
    "col-driver": ("主要拖慢事项", "Driving item"),
    "col-month": ("月份", "Month"),
    "col-obligations": ("到期义务数", "Obligations due"),
    "col-problem": ("问题", "Problem"),
    # inside the charts
    "chart-empty": ("（没有数据）", "(no data)"),
    "chart-median-days": ("中位 {days} 个工作日", "median {days} working days"),
    "chart-projects": ("项目数", "projects"),
    "chart-files": ("在审件数", "files under review"),
    "chart-working-days": ("政府审批工作日", "government working days"),
    "chart-target-title": (
        "{name}：时限 {limit} 个工作日（虚线），{missed}/{total} 个项目超出",
        "{name}: limit {limit} working days (dashed), {missed} of {total} projects over",
    ),
    "chart-misses": ("未达标次数", "misses"),
    "chart-obligations": ("到期义务数", "obligations due"),
}


def labels(lang: str) -> dict[str, str]:
    """Every label in ``lang``, unfilled (their ``{fields}`` kept)."""
    return {key: lookup(ANALYSIS_LABELS, key, lang, {}) for key in ANALYSIS_LABELS}


def chart_labels(all_labels: Mapping[str, str]) -> dict[str, str]:
    """The chart labels, without their ``chart-`` prefix and with ``_`` for ``-``."""
    return {
        key.removeprefix("chart-").replace("-", "_"): value
        for key, value in all_labels.items()
        if key.startswith("chart-")
    }
