"""The plan as one self-contained HTML report.

No network, no scripts, no external fonts: the Gantt chart is inline SVG built here
(:mod:`pathplanner.render.gantt`), the dependency graph is inline SVG drawn by Graphviz
(:mod:`pathplanner.render.graph`), the styles are inline and include A4 print rules. The page
is laid out by the Jinja2 template ``templates/report.html.j2`` shipped with the package.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from pathplanner.plan.model import Plan
from pathplanner.render._common import Labeller, iso, provisional_obligations, window
from pathplanner.render._templates import environment
from pathplanner.render.dot import render_dot
from pathplanner.render.gantt import gantt_svg
from pathplanner.render.graph import dot_to_svg
from pathplanner.render.markdown import (
    government_rows,
    material_note,
    notes,
    prerequisite_text,
    replaced_text,
    summary_rows,
    target_rows,
    time_limits_text,
)
from pathplanner.render.reasons import reason_sentence
from pathplanner.render.slippage import slippage_header, slippage_rows, slippage_summary

__all__ = ["render_html"]


def _entries(plan: Plan, names: Labeller) -> list[dict[str, Any]]:
    lab = names.label
    out: list[dict[str, Any]] = []
    flagged = provisional_obligations(plan)
    for entry in plan.disclosure.entries:
        facts = [
            (lab("plan-stage"), names.stage(entry.stage)),
            (lab("plan-department"), names.name(entry.department_name, entry.department)),
            (lab("plan-window"), entry.window or "—"),
            (lab("plan-channel"), lab(f"plan-channel-{entry.channel}")),
            (
                lab("plan-mode"),
                names.name(entry.mode_name, entry.mode) + names.paren(entry.mode_basis),
            ),
            *([(lab("plan-replaces"), replaced_text(entry, names))] if entry.replaces else []),
            (lab("plan-time-limits"), time_limits_text(entry, names)),
            (
                lab("plan-acceptance") + " / " + lab("plan-decision"),
                f"{iso(entry.acceptance)} / {iso(entry.decision)}",
            ),
            (
                lab("plan-fees"),
                names.join(f"{names.name(f.name)} {f.amount}".strip() for f in entry.fees)
                or lab("plan-no-fee"),
            ),
            (
                lab("plan-prerequisites"),
                names.join(prerequisite_text(p, names) for p in entry.prerequisites)
                or lab("plan-none"),
            ),
            (lab("plan-basis"), names.join(entry.basis)),
            (
                lab("plan-reasons"),
                names.join(reason_sentence(r, names.lang) for r in entry.reasons) or "—",
            ),
        ]
        obligations = [
            lab(
                "plan-obligation-due",
                name=names.name(ob.name, ob.id),
                date=names.flagged(iso(ob.due_date), (entry.item, ob.id) in flagged),
                after=lab(f"plan-after-{ob.after}"),
                duration=names.duration(ob.due),
            )
            for ob in entry.obligations
        ]
        materials = [
            {
                "name": names.name(m.name, m.material),
                "id": m.material,
                "original": lab("plan-original" if m.original else "plan-copy"),
                "copies": m.copies,
                "provider": names.provider(m.provider_name, m.provider, m.issued_by),
                "note": material_note(m, names, entry.replaces),
                "deferred": m.deferred_until is not None,
            }
            for m in entry.materials
        ]
        out.append(
            {
                "order": entry.order,
                "id": entry.item,
                "name": names.name(entry.name, entry.item),
                "facts": facts,
                "materials": materials,
                "obligations": obligations,
                "critical": entry.item in plan.critical_path,
            }
        )
    return out


def _materials(plan: Plan, names: Labeller) -> list[dict[str, Any]]:
    return [
        {
            "name": names.name(m.name, m.material),
            "id": m.material,
            "provider": names.provider(m.provider_name, m.provider, m.issued_by),
            "lead_time": names.duration(m.lead_time) or "—",
            "window": window(m) or "—",
            "ready": iso(m.ready) or "—",
            "earliest": iso(m.needed_by_earliest),
            "latest": iso(m.needed_by_latest),
            "used_by": names.join((names.task(u) for u in m.used_by), "list"),
            "warnings": [names.name(w.message) for w in m.warnings],
        }
        for m in plan.materials
    ]


def render_html(plan: Plan, lang: str = "zh", *, graph: bool = True) -> str:
    """The self-contained HTML report. ``graph=False`` leaves out the Graphviz figure."""
    names = Labeller(plan, lang)
    lab = names.label
    project = names.project()
    figure = dot_to_svg(render_dot(plan, lang, materials=False)) if graph else None
    summary = summary_rows(plan, names)
    context: dict[str, Any] = {
        "lang": "en" if names.lang == "en" else "zh-CN",
        "L": lab,
        "title": lab("plan-report-title", project=project),
        "project_id": plan.inputs.project,
        "summary": summary,
        # the rows from the critical path on take the whole width
        "summary_compact": [k for k, _ in summary].index(lab("plan-critical-path")),
        "government": government_rows(plan, names),
        "targets": target_rows(plan, names),
        "notes": notes(plan, names),
        "warnings": [(w.code, names.name(w.message)) for w in plan.warnings],
        "replan": slippage_summary(plan.slippage, plan, names) if plan.slippage else [],
        "slip_header": slippage_header(names),
        "slip_rows": slippage_rows(plan, names),
        "gantt": Markup(gantt_svg(plan, names)),
        "graph_svg": Markup(figure.svg) if figure is not None and figure.svg else "",
        "graph_problem": lab(figure.problem, detail=figure.detail)
        if figure is not None and figure.problem
        else "",
        "entries": _entries(plan, names),
        "not_applicable": [
            (
                names.name(n.name, n.item),
                n.item,
                names.join(reason_sentence(r, names.lang) for r in n.reasons),
            )
            for n in plan.disclosure.not_applicable
        ],
        "materials": _materials(plan, names),
        "groups": [
            (
                names.name(g.name, g.id),
                names.department(g.lead_department),
                names.join((names.task(m) for m in g.joined), "list"),
                f"{iso(g.start)} → {iso(g.finish)}" if g.start else "—",
            )
            for g in plan.groups
        ],
        "choices": [
            (
                names.name(c.name, c.id),
                [
                    (
                        names.name(a.name, a.id) + names.alternative_note(a),
                        iso(a.finish) or "—",
                        a.chosen,
                    )
                    for a in c.alternatives
                ],
            )
            for c in plan.choices
        ],
        "obligations": [
            (
                names.task(o.item),
                names.name(o.name, o.id),
                names.flagged(iso(o.due_date), o.provisional),
            )
            for o in plan.obligations
        ],
        "generated": lab(
            "plan-generated",
            catalog=plan.inputs.catalog_id,
            version=plan.inputs.catalog_version,
            hash=plan.catalog_hash[:12],
        ),
    }
    context["fallback"] = names.fallback_note()  # after every name above was looked up
    return environment().get_template("report.html.j2").render(**context)
