"""The Gantt chart as inline SVG: rows grouped by stage, one bar per task.

Geometry (read by the tests and documented on the root element): a task occupies the
half-open interval ``(start, finish]`` (see ``docs/scheduling.md``), so its bar's ``x`` is
``x0 + days(origin, start) * scale`` and its ``width`` is ``days(start, finish) * scale``,
at least :data:`MIN_W` pixels so that same-day tasks (即办, milestones) stay visible; the
attributes ``data-x0``, ``data-origin`` and ``data-scale`` (pixels per calendar day) of the
``<svg>`` give the numbers. Critical bars (zero float) carry the class
``critical`` and bars of the critical chain ``on-path`` (outlined in red when rounding left
them some float); bars with a date on a provisional calendar year carry ``provisional`` and a
hatch. Parallel groups are dashed boxes around their members' rows; the plan's as-of date is
a vertical "today" line (the re-plan date when
re-planned from actual dates).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from html import escape

from pathplanner.plan.model import Plan, PlanTask
from pathplanner.render._common import Labeller, display_stages

__all__ = ["MIN_W", "X0", "fit", "gantt_svg", "row_order", "text_width"]

X0 = 280.0
MIN_W = 3.0
CHART_W = 880.0
ROW_H = 18.0
BAR_H = 11.0
STAGE_H = 20.0
TOP = 34.0
RIGHT = 70.0


def text_width(text: str, size: float) -> float:
    """Rough width of ``text`` in pixels: CJK characters are square, others about half."""
    return sum(size if ord(ch) > 0x2E7F else size * 0.58 for ch in text)


def fit(text: str, room: float, size: float) -> str:
    """``text`` shortened with an ellipsis to fit ``room`` pixels."""
    if text_width(text, size) <= room:
        return text
    while text and text_width(text + "…", size) > room:
        text = text[:-1]
    return text + "…"


def _num(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text if text != "-0" else "0"


def row_order(plan: Plan) -> list[tuple[str, list[PlanTask]]]:
    """Stages in order, each with its tasks: group members together, then by start and id."""
    group_start: dict[str, dt.date] = {}
    for task in plan.tasks:
        if task.group:
            seen = group_start.get(task.group)
            group_start[task.group] = min(seen, task.start) if seen else task.start
    by_stage: dict[str, list[PlanTask]] = {}
    stage_of = display_stages(plan)
    for task in plan.tasks:
        by_stage.setdefault(stage_of[task.id], []).append(task)
    known = [s.id for s in plan.stages]
    ordered = known + sorted(set(by_stage) - set(known))
    rows: list[tuple[str, list[PlanTask]]] = []
    for stage_id in ordered:
        tasks = by_stage.get(stage_id)
        if not tasks:
            continue
        tasks.sort(
            key=lambda t: (
                group_start.get(t.group, t.start) if t.group else t.start,
                t.group or "",
                t.start,
                t.finish,
                t.id,
            )
        )
        rows.append((stage_id, tasks))
    return rows


def _month_starts(origin: dt.date, end: dt.date) -> list[dt.date]:
    months: list[dt.date] = []
    day = dt.date(origin.year, origin.month, 1)
    while day <= end:
        if day >= origin:
            months.append(day)
        day = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return months


def gantt_svg(plan: Plan, names: Labeller) -> str:
    """The Gantt chart of ``plan`` as a standalone ``<svg>`` element."""
    rows = row_order(plan)
    tasks = [t for _, ts in rows for t in ts]
    origin = min([plan.start, *(t.start for t in tasks)])
    today = plan.slippage.today if plan.slippage is not None else plan.as_of
    end = max([plan.finish, today, *(t.finish for t in tasks)])
    span = (end - origin).days + 2
    scale = CHART_W / span
    height = TOP + len(rows) * STAGE_H + len(tasks) * ROW_H + 24
    width = X0 + CHART_W + RIGHT

    def xpos(day: dt.date) -> float:
        return X0 + (day - origin).days * scale

    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="gantt" role="img" '
        f'width="{_num(width)}" height="{_num(height)}" '
        f'viewBox="0 0 {_num(width)} {_num(height)}" '
        f'data-x0="{_num(X0)}" data-origin="{origin.isoformat()}" data-scale="{scale!r}">',
        f"<title>{escape(names.label('plan-gantt-title'))}</title>",
        '<defs><pattern id="hatch" width="4" height="4" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="2" height="4" '
        'fill="#ffffff" fill-opacity="0.6"/></pattern></defs>',
    ]
    # month grid
    months = _month_starts(origin, end)
    step = max(1, math.ceil(48 / (30.4 * scale)))
    if origin.day != 1:
        months.insert(0, origin)
    for index, month in enumerate(months):
        x = _num(xpos(month))
        out.append(
            f'<line class="grid" x1="{x}" y1="{_num(TOP - 6)}" x2="{x}" '
            f'y2="{_num(height - 20)}" stroke="#e9ecef"/>'
        )
        if index % step == 0:
            out.append(
                f'<text class="tick" x="{x}" y="{_num(TOP - 10)}" font-size="9" '
                f'fill="#495057">{month.strftime("%Y-%m" if month.day == 1 else "%Y-%m-%d")}</text>'
            )
    on_path = set(plan.critical_path)
    y = TOP
    row_y: dict[str, float] = {}
    bars: list[str] = []
    for stage_id, stage_tasks in rows:
        out.append(
            f'<g class="stage" data-stage="{escape(stage_id)}">'
            f'<rect class="stage-band" x="0" y="{_num(y)}" width="{_num(width)}" '
            f'height="{_num(STAGE_H)}" fill="#f1f3f5"/>'
            f'<text x="4" y="{_num(y + 14)}" font-size="11" font-weight="bold">'
            f"{escape(names.stage(stage_id) if stage_id else names.label('plan-stage-none'))}"
            "</text></g>"
        )
        y += STAGE_H
        for task in stage_tasks:
            row_y[task.id] = y
            if task.type == "material" and task.earliest_start < task.start:
                bars.append(_window(task, names, xpos(task.earliest_start), xpos(task.start), y))
            bars.append(_bar(task, names, xpos(task.start), y, scale, on_path=task.id in on_path))
            y += ROW_H
    out.extend(_group_boxes(plan, names, row_y, xpos, scale))
    out.extend(bars)
    if origin <= today <= end:
        x = _num(xpos(today))
        out.append(
            f'<g class="today" data-date="{today.isoformat()}">'
            f'<line x1="{x}" y1="{_num(TOP - 4)}" x2="{x}" y2="{_num(height - 20)}" '
            f'stroke="#1971c2" stroke-width="1.5" stroke-dasharray="4 2"/>'
            f'<text x="{x}" y="{_num(height - 8)}" font-size="9" fill="#1971c2" '
            f'text-anchor="middle">{escape(names.label("plan-today", date=today))}'
            "</text></g>"
        )
    out.append("</svg>")
    return "\n".join(out)


def _window(task: PlanTask, names: Labeller, x0: float, x1: float, y: float) -> str:
    """The part of a material's preparation window before its planned preparation: it may
    start there, and the plan prepares it as late as its first user allows."""
    tip = (
        f"{names.label('plan-material-window')}: {task.earliest_start.isoformat()} → "
        f"{task.finish.isoformat()}"
    )
    return (
        f'<rect class="window" data-task="{escape(task.id)}" '
        f'data-start="{task.earliest_start.isoformat()}" x="{_num(x0)}" '
        f'y="{_num(y + (ROW_H - BAR_H) / 2 + 2)}" width="{_num(max(x1 - x0, 0.0))}" '
        f'height="{_num(BAR_H - 4)}" fill="#d0ebff"><title>{escape(tip)}</title></rect>'
    )


def _bar(
    task: PlanTask, names: Labeller, x: float, y: float, scale: float, *, on_path: bool
) -> str:
    width = max((task.finish - task.start).days * scale, MIN_W)
    classes = ["bar", task.type]
    fill = {"work": "#adb5bd", "material": "#74c0fc", "milestone": "#495057"}.get(
        task.type, "#4dabf7"
    )
    if task.critical:
        classes.append("critical")
        fill = "#e03131"
    if task.provisional:
        classes.append("provisional")
    stroke = ""
    if on_path:  # the critical chain; a task on it may keep a little float (rounding)
        classes.append("on-path")
        if not task.critical:
            stroke = ' stroke="#e03131" stroke-width="1.5"'
    if task.status != "planned":  # re-planned from actual dates: outline what happened
        classes.append(f"status-{task.status}")
        stroke = ' stroke="#212529" stroke-width="1"'
    name = names.name(task.name, task.id)
    tip = f"{name} ({task.id}): {task.start.isoformat()} → {task.finish.isoformat()}"
    if task.float_working_days:
        tip += " · " + names.label("plan-float-short", n=task.float_working_days)
    if task.status != "planned":
        tip += " · " + names.label(f"plan-status-{task.status}")
    parts = [
        f'<g class="row" data-task="{escape(task.id)}">',
        f'<text x="{_num(X0 - 6)}" y="{_num(y + 12)}" font-size="10" text-anchor="end">'
        f"{escape(fit(name, X0 - 10, 10))}<title>{escape(name)}</title></text>",
        f'<rect class="{" ".join(classes)}" data-task="{escape(task.id)}" '
        f'data-start="{task.start.isoformat()}" data-finish="{task.finish.isoformat()}" '
        f'data-provisional="{str(task.provisional).lower()}" '
        f'x="{_num(x)}" y="{_num(y + (ROW_H - BAR_H) / 2)}" width="{_num(width)}" '
        f'height="{_num(BAR_H)}" rx="2" fill="{fill}"{stroke}><title>{escape(tip)}</title></rect>',
    ]
    if task.provisional:
        parts.append(
            f'<rect class="hatch" x="{_num(x)}" y="{_num(y + (ROW_H - BAR_H) / 2)}" '
            f'width="{_num(width)}" height="{_num(BAR_H)}" fill="url(#hatch)"/>'
        )
    label = task.start.strftime("%m-%d")
    if task.finish != task.start:
        label += "→" + task.finish.strftime("%m-%d")
    if task.provisional:
        label += " " + names.label("plan-provisional-mark")
    after = x + width + 3
    if after + text_width(label, 8) > X0 + CHART_W + RIGHT:  # no room right: write it left
        place = f'x="{_num(x - 3)}" text-anchor="end"'
    else:
        place = f'x="{_num(after)}"'
    parts.append(
        f'<text class="dates" {place} y="{_num(y + 12)}" '
        f'font-size="8" fill="#495057">{escape(label)}</text></g>'
    )
    return "".join(parts)


def _group_boxes(
    plan: Plan,
    names: Labeller,
    row_y: dict[str, float],
    xpos: Callable[[dt.date], float],
    scale: float,
) -> list[str]:
    boxes: list[str] = []
    by_id = {t.id: t for t in plan.tasks}
    for group in plan.groups:
        members = [by_id[m] for m in group.joined if m in by_id and m in row_y]
        if not members:
            continue
        top = min(row_y[m.id] for m in members)
        bottom = max(row_y[m.id] for m in members) + ROW_H
        left = xpos(min(m.start for m in members)) - 2
        right = max(xpos(m.finish) for m in members) + MIN_W + 2
        boxes.append(
            f'<g class="group" data-group="{escape(group.id)}">'
            f'<rect x="{_num(left)}" y="{_num(top + 1)}" width="{_num(right - left)}" '
            f'height="{_num(bottom - top - 2)}" fill="#fff9db" stroke="#f08c00" '
            f'stroke-dasharray="3 2" rx="3"/>'
            f"<title>{escape(names.name(group.name, group.id))}</title></g>"
        )
    return boxes
