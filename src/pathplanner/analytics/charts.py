"""The report's charts, drawn with matplotlib as SVG text.

SVG keeps a chart sharp on paper and needs no script to show, so the report opens offline
and prints as it looks. Text stays text (``svg.fonttype: none``) and the browser draws it
with a Chinese font; ids inside the SVG come from a fixed salt and the date is left out, so
the same table gives the same bytes. Colours are few and dark enough for a grey printer.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib
import polars as pl
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.rcsetup import cycler
from matplotlib.typing import RcKeyType

__all__ = [
    "commitments_chart",
    "critical_chart",
    "drivers_chart",
    "load_chart",
    "stage_chart",
    "target_chart",
]

_STYLE: dict[RcKeyType, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "pathplanner-analytics",
    "font.family": "sans-serif",
    "font.sans-serif": ["WenQuanYi Micro Hei", "Noto Sans CJK SC", "DejaVu Sans"],
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": cycler(
        color=[
            "#1f4e79",
            "#c0504d",
            "#4f7f3a",
            "#7f6000",
            "#5b3f8c",
            "#2f7f7f",
            "#7f3f3f",
            "#404040",
        ]
    ),
}
_BAR = "#1f4e79"
_LIMIT = "#c0504d"


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    with matplotlib.rc_context(_STYLE), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a glyph missing from the layout font: text stays text
        figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    text = buffer.getvalue()
    return text[text.index("<svg") :]  # inline in HTML: no XML prolog or doctype


def _figure(width: float, height: float, rows: int = 1, columns: int = 1) -> tuple[Figure, Any]:
    with matplotlib.rc_context(_STYLE):
        figure = Figure(figsize=(width, height))
        axes = figure.subplots(rows, columns, squeeze=False)
    return figure, axes


def _empty(message: str) -> str:
    figure, axes = _figure(6, 1.2)
    ax: Axes = axes[0][0]
    ax.axis("off")
    ax.text(0.5, 0.5, message, ha="center", va="center")
    return _svg(figure)


def critical_chart(
    items: pl.DataFrame, names: Mapping[str, str], labels: Mapping[str, str], top: int = 15
) -> str:
    """Horizontal bars: how many projects have each item on the critical path (the most
    frequent ``top``), each bar labelled with its median working days there."""
    shown = items.head(top)
    if shown.is_empty():
        return _empty(labels["empty"])
    with matplotlib.rc_context(_STYLE):
        figure, axes = _figure(7.5, 0.32 * shown.height + 0.9)
        ax: Axes = axes[0][0]
        rows = list(reversed(shown.rows(named=True)))
        positions = range(len(rows))
        ax.barh(list(positions), [r["projects"] for r in rows], color=_BAR)
        ax.set_yticks(list(positions), [names.get(r["item"], r["item"]) for r in rows])
        for y, row in zip(positions, rows, strict=True):
            ax.annotate(
                labels["median_days"].format(days=_number(row["median_days"])),
                (row["projects"], y),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=8,
            )
        ax.set_xlabel(labels["projects"])
        ax.margins(x=0.18)
    return _svg(figure)


def load_chart(
    load: pl.DataFrame, names: Mapping[str, str], labels: Mapping[str, str], top: int = 8
) -> str:
    """Lines: files under review per week for the ``top`` departments by their peak."""
    if load.is_empty():
        return _empty(labels["empty"])
    busiest = (
        load.group_by("department")
        .agg(pl.col("files").max().alias("peak"), pl.col("files").sum().alias("total"))
        .sort(["peak", "total", "department"], descending=[True, True, False])
        .head(top)["department"]
        .to_list()
    )
    with matplotlib.rc_context(_STYLE):
        figure, axes = _figure(7.5, 3.6)
        ax: Axes = axes[0][0]
        styles = ["-", "--", "-.", ":"]
        for n, department in enumerate(busiest):
            weeks = load.filter(pl.col("department") == department).sort("week")
            ax.plot(
                weeks["week"].to_list(),
                weeks["files"].to_list(),
                linestyle=styles[n % len(styles)],
                linewidth=1.4,
                label=names.get(department, department),
            )
        ax.set_ylabel(labels["files"])
        ax.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        figure.autofmt_xdate()
    return _svg(figure)


def stage_chart(
    days: pl.DataFrame, stages: Sequence[str], names: Mapping[str, str], labels: Mapping[str, str]
) -> str:
    """Box plots: government working days per project in each stage, in catalog order."""
    present = [s for s in stages if s in set(days["stage"].to_list())]
    if not present:
        return _empty(labels["empty"])
    with matplotlib.rc_context(_STYLE):
        figure, axes = _figure(7.5, 3.2)
        ax: Axes = axes[0][0]
        data = [days.filter(pl.col("stage") == s)["working_days"].to_list() for s in present]
        ax.boxplot(data, orientation="horizontal", widths=0.5, flierprops={"markersize": 3})
        ax.set_yticks(range(1, len(present) + 1), [names.get(s, s) for s in present])
        ax.invert_yaxis()
        ax.set_xlabel(labels["working_days"])
    return _svg(figure)


def target_chart(targets: pl.DataFrame, names: Mapping[str, str], labels: Mapping[str, str]) -> str:
    """Histograms: each target's government working days over the projects it applies to,
    with its limit as a dashed line."""
    ids = sorted(set(targets["target"].to_list()))
    if not ids:
        return _empty(labels["empty"])
    with matplotlib.rc_context(_STYLE):
        figure, axes = _figure(7.5, 2.2 * len(ids), rows=len(ids))
        for ax, target in zip((row[0] for row in axes), ids, strict=True):
            rows = targets.filter(pl.col("target") == target)
            limit = int(rows["limit"].max())  # type: ignore[arg-type]
            ax.hist(rows["working_days"].to_list(), bins=30, color=_BAR)
            ax.axvline(limit, color=_LIMIT, linestyle="--", linewidth=1.5)
            missed = rows.filter(~pl.col("met")).height
            ax.set_title(
                labels["target_title"].format(
                    name=names.get(target, target), limit=limit, missed=missed, total=rows.height
                ),
                fontsize=9,
                loc="left",
            )
            ax.set_ylabel(labels["projects"])
        axes[-1][0].set_xlabel(labels["working_days"])
        figure.tight_layout()
    return _svg(figure)


def drivers_chart(
    misses: pl.DataFrame, names: Mapping[str, str], labels: Mapping[str, str], top: int = 12
) -> str:
    """Horizontal bars: the items that drive the most target misses."""
    counted = (
        misses.drop_nulls("driver")
        .group_by("driver")
        .agg(pl.len().alias("misses"))
        .sort(["misses", "driver"], descending=[True, False])
        .head(top)
    )
    if counted.is_empty():
        return _empty(labels["empty"])
    with matplotlib.rc_context(_STYLE):
        figure, axes = _figure(7.5, 0.32 * counted.height + 0.9)
        ax: Axes = axes[0][0]
        rows = list(reversed(counted.rows(named=True)))
        ax.barh(range(len(rows)), [r["misses"] for r in rows], color=_LIMIT)
        ax.set_yticks(range(len(rows)), [names.get(r["driver"], r["driver"]) for r in rows])
        ax.set_xlabel(labels["misses"])
    return _svg(figure)


def commitments_chart(months: pl.DataFrame, labels: Mapping[str, str]) -> str:
    """Bars: 告知承诺 obligations falling due in each month."""
    if months.is_empty():
        return _empty(labels["empty"])
    with matplotlib.rc_context(_STYLE):
        figure, axes = _figure(7.5, 2.8)
        ax: Axes = axes[0][0]
        when: list[dt.date] = months["month"].to_list()
        ax.bar([d.strftime("%Y-%m") for d in when], months["obligations"].to_list(), color=_BAR)
        ax.set_ylabel(labels["obligations"])
        ax.tick_params(axis="x", labelrotation=45)
    return _svg(figure)


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
