"""The plan as an investor-facing Markdown document: summary, the one-time disclosure list,
items that do not apply, the material plan, options and obligations. Chinese by default."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from pathplanner.plan.model import (
    DisclosureEntry,
    DisclosureMaterial,
    DisclosurePrerequisite,
    LabelRef,
    Name,
    Plan,
)
from pathplanner.render._common import (
    Labeller,
    iso,
    other_finish_provisional,
    provisional_obligations,
    visits,
    window,
)
from pathplanner.render.reasons import reason_sentence
from pathplanner.render.slippage import slippage_header, slippage_rows, slippage_summary

__all__ = ["escape", "render_markdown"]

_LINE_BREAKS = re.compile(r"[\r\n\v\f\x85\u2028\u2029]+")
# What can open markup inline, and only where it can: `_` at a word's edge (inside a word
# it cannot open emphasis), `<` before what could start a tag or an autolink, `&` before
# what could be an entity.
_SPECIAL = re.compile(r"([\\`*\[\]|~])|(?<!\w)_|_(?!\w)|<(?=[A-Za-z/!?])|&(?=#|\w+;)")
# What can open a block at the start of a line (a list item's text starts one): a bullet,
# an ordered-list number, a heading, a quote, a setext underline.
_BLOCK_START = re.compile(r"^(\s*(?:[0-9]{1,9}(?=[.)](?:\s|$)))?)([-+=.)#>])")


def escape(value: str) -> str:
    """``value`` as inline Markdown text that stays text: one line (a value can never start
    a heading, list or quote of its own) and every character that could open markup, a link,
    an HTML tag or an entity backslash-escaped (CommonMark renders ``\\<`` as ``<``)."""
    text = _SPECIAL.sub(lambda m: "\\" + m.group(0), _LINE_BREAKS.sub(" ", value))
    return _BLOCK_START.sub(r"\1\\\2", text)


class _MarkdownLabeller(Labeller):
    """A labeller whose names and plan values come out escaped for Markdown; the fixed
    labels are ours and stay as written."""

    def name(self, name: Name | None, subject: str = "") -> str:
        return escape(super().name(name, subject))

    def project(self) -> str:
        inputs = self.plan.inputs
        return (
            self.name(inputs.project_name, inputs.project)
            or escape(inputs.project)
            or self.label("plan-unnamed")
        )

    def task(self, task_id: str) -> str:
        return escape(super().task(task_id))

    def stage(self, stage_id: str) -> str:
        return escape(super().stage(stage_id))

    def fallback_note(self) -> str:
        if self.lang != "en" or not self.fallbacks:
            return ""
        listed = self.join(sorted(escape(n) for n in self.fallbacks), "list")
        return self.label("plan-fallback-note", names=listed)


def _cell(value: str) -> str:
    """A Markdown table cell (its values are escaped already, pipes included)."""
    return value.strip() or "—"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines.extend("| " + " | ".join(_cell(c) for c in row) + " |" for row in rows)
    return lines


def summary_rows(plan: Plan, names: Labeller) -> list[tuple[str, str]]:
    """(label, value) pairs of the plan summary, shared by Markdown and HTML."""
    rows = [
        (names.label("plan-start"), iso(plan.start)),
        (names.label("plan-finish"), iso(plan.finish)),
        (names.label("plan-working-days"), str(plan.working_days)),
        (names.label("plan-government-days"), str(plan.government_working_days)),
        *(
            [(names.label("plan-chain-days"), str(plan.government_time.chain_working_days))]
            if plan.government_time is not None
            else []
        ),
        (names.label("plan-items-count"), str(len(plan.disclosure.entries))),
        (names.label("plan-visits"), str(visits(plan))),
        (names.label("plan-as-of"), iso(plan.as_of)),
        (
            names.label("plan-critical-path"),
            " → ".join(names.task(t) for t in plan.critical_path),
        ),
    ]
    if plan.slippage is not None:
        rows.append((names.label("plan-replanned-on"), iso(plan.slippage.today)))
    if plan.other_finish is not None:
        key = "plan-other-finish-committed" if plan.statutory else "plan-other-finish-statutory"
        other = names.flagged(iso(plan.other_finish), other_finish_provisional(plan))
        rows.append((names.label(key), other))
    return rows


def government_rows(plan: Plan, names: Labeller) -> list[list[str]]:
    """Per stage: its name, chain days and office days, then the totals (Markdown and
    HTML); empty for a plan without ``government_time`` (format 1.0)."""
    time = plan.government_time
    if time is None:
        return []
    rows = [
        [names.stage(s.stage), str(s.chain_working_days), str(s.office_working_days)]
        for s in time.stages
    ]
    total = [
        names.label("plan-total"),
        str(time.chain_working_days),
        str(plan.government_working_days),
    ]
    return [*rows, total]


def target_rows(plan: Plan, names: Labeller) -> list[list[str]]:
    """Per target: name, limit, chain days in its scope, verdict, the items driving a miss."""
    if plan.government_time is None:
        return []
    return [
        [
            names.name(t.name, t.id),
            f"≤{t.limit}",
            str(t.working_days),
            names.label("plan-verdict-met" if t.met else "plan-verdict-missed"),
            names.join((names.task(d) for d in t.drivers), "list") or "—",
        ]
        for t in plan.government_time.targets
    ]


def notes(plan: Plan, names: Labeller) -> list[str]:
    """Sentences qualifying the plan: statutory limits, optimality, provisional years."""
    found: list[str] = []
    if plan.statutory:
        found.append(names.label("plan-statutory-note"))
    if not plan.optimal:
        found.append(names.label("plan-not-optimal", bound=iso(plan.bound) or "?"))
    if plan.provisional_years:
        years = names.join((str(y) for y in plan.provisional_years), "list")
        found.append(names.label("plan-provisional-note", years=years))
    if plan.slippage is not None:
        found.append(
            names.label(
                "plan-slippage-line",
                n=plan.slippage.working_days,
                baseline=iso(plan.slippage.baseline_finish),
            )
        )
    return found


def prerequisite_text(prereq: DisclosurePrerequisite, names: Labeller) -> str:
    """One prerequisite as a sentence: the outputs (any one of them), and when it binds."""
    outs = [names.name(o.name, o.output) for o in prereq.any_of]
    body = outs[0] if len(outs) == 1 else names.label("plan-any-of") + " / ".join(outs)
    if prereq.binds == "decision":
        body += names.label("plan-binds-decision-note")
    return body + names.lag_note(prereq.lag)


def replaced_text(entry: DisclosureEntry, names: Labeller) -> str:
    """The items a merged item replaces, by name ("" for an item that replaces none)."""
    return names.join((names.name(r.name, r.id) for r in entry.replaces), "list")


def material_note(
    use: DisclosureMaterial,
    names: Labeller,
    replaced: Sequence[LabelRef] = (),
    escape: Callable[[str], str] = escape,
) -> str:
    """The remarks column of a material row: why a conditional material is needed, the
    replaced items it is needed for (a merged item's; ``replaced``: the entry's
    ``replaces``), deferral, reuse, note; the catalog's texts passed through ``escape``
    (``str`` for plain text)."""
    parts: list[str] = [
        names.label("plan-material-condition", condition=escape(r.text), basis=escape(r.basis))
        for r in use.reasons
        if r.rule_id.startswith("material:")
    ]
    if use.inherited_from:
        known = {r.id: r for r in replaced}
        items = (names.name(known[i].name, i) if i in known else i for i in use.inherited_from)
        parts.append(names.label("plan-inherited", items=names.join(items, "list")))
    if use.deferred_until is not None:
        parts.append(names.label("plan-deferred", date=iso(use.deferred_until)))
    if use.reused_from is not None:
        item = names.task(use.reused_from)
        parts.append(names.label("plan-reused" if use.reusable else "plan-resubmit", item=item))
    if use.template:
        parts.append(names.label("plan-template", template=escape(use.template)))
    if use.note:
        parts.append(escape(use.note))
    return names.join(parts)


def fees_text(
    entry: DisclosureEntry, names: Labeller, escape: Callable[[str], str] = escape
) -> str:
    """An item's fees in one line: what, amount, basis (``""`` when it charges none)."""
    return names.join(
        f"{names.name(f.name)} {escape(f.amount)}".strip() + names.paren(escape(f.basis))
        for f in entry.fees
    )


def time_limits_text(entry: DisclosureEntry, names: Labeller) -> str:
    """Statutory, committed and planned limits of an item in one line."""
    limits = entry.time_limits
    parts = []
    if limits.statutory is not None:
        parts.append(names.label("plan-statutory") + " " + names.duration(limits.statutory))
    if limits.committed is not None:
        parts.append(names.label("plan-committed") + " " + names.duration(limits.committed))
    parts.append(names.label("plan-planned") + " " + names.duration(limits.planned))
    for excluded in limits.excluded:
        parts.append(
            names.label(
                "plan-excluded-time",
                name=names.name(excluded.name, excluded.id),
                duration=names.duration(excluded.duration),
            )
        )
    return names.join(parts)


def _entry(entry: DisclosureEntry, names: Labeller) -> list[str]:
    lab = names.label
    title = names.name(entry.name, entry.item) + names.paren(f"`{entry.item}`")
    lines = [f"### {entry.order}. {title}", ""]
    facts = [
        (lab("plan-stage"), names.stage(entry.stage)),
        (lab("plan-department"), names.name(entry.department_name, entry.department)),
        (lab("plan-window"), escape(entry.window)),
        (lab("plan-channel"), lab(f"plan-channel-{entry.channel}")),
        (
            lab("plan-mode"),
            names.name(entry.mode_name, entry.mode) + names.paren(escape(entry.mode_basis)),
        ),
        *([(lab("plan-replaces"), replaced_text(entry, names))] if entry.replaces else []),
        (lab("plan-time-limits"), time_limits_text(entry, names)),
        (lab("plan-acceptance"), iso(entry.acceptance)),
        (lab("plan-decision"), iso(entry.decision)),
        (lab("plan-fees"), fees_text(entry, names) or lab("plan-no-fee")),
        (
            lab("plan-prerequisites"),
            names.join(prerequisite_text(p, names) for p in entry.prerequisites)
            or lab("plan-none"),
        ),
    ]
    lines.extend("- " + names.fact(f"**{k}**", v or "—") for k, v in facts)
    lines.append("")
    lines.append(f"**{lab('plan-materials')}**")
    lines.append("")
    if entry.materials:
        lines.extend(
            _table(
                [
                    lab("plan-col-material"),
                    lab("plan-col-original"),
                    lab("plan-col-copies"),
                    lab("plan-col-provider"),
                    lab("plan-col-notes"),
                ],
                [
                    [
                        names.name(m.name, m.material),
                        lab("plan-original" if m.original else "plan-copy"),
                        str(m.copies),
                        names.provider(m.provider_name, m.provider, m.issued_by),
                        material_note(m, names, entry.replaces),
                    ]
                    for m in entry.materials
                ],
            )
        )
    else:
        lines.append(lab("plan-none"))
    lines.append("")
    if entry.obligations:
        lines.append(f"**{lab('plan-obligations')}**")
        lines.append("")
        flagged = provisional_obligations(names.plan)
        for ob in entry.obligations:
            lines.append(
                "- "
                + lab(
                    "plan-obligation-due",
                    name=names.name(ob.name, ob.id),
                    date=names.flagged(iso(ob.due_date), (entry.item, ob.id) in flagged),
                    after=lab(f"plan-after-{ob.after}"),
                    duration=names.duration(ob.due),
                )
                + names.paren(escape(ob.basis))
            )
        lines.append("")
    lines.append(names.fact(f"**{lab('plan-basis')}**", names.join(map(escape, entry.basis))))
    lines.append("")
    if entry.reasons:
        lines.append(f"**{lab('plan-reasons')}**")
        lines.append("")
        lines.extend(f"- {escape(reason_sentence(r, names.lang))}" for r in entry.reasons)
        lines.append("")
    return lines


def render_markdown(plan: Plan, lang: str = "zh") -> str:
    """The investor-facing Markdown document for ``plan``."""
    names = _MarkdownLabeller(plan, lang)
    lab = names.label
    project = names.project()
    lines = [f"# {lab('plan-title', project=project)}", "", f"## {lab('plan-summary')}", ""]
    lines.extend(
        _table(
            [lab("plan-col-item"), lab("plan-col-value")],
            [[k, v] for k, v in summary_rows(plan, names)],
        )
    )
    lines.append("")
    for note in notes(plan, names):
        lines.extend([f"> {note}", ""])
    if plan.warnings:
        lines.extend([f"## {lab('plan-warnings')}", ""])
        lines.extend(f"- `{w.code}` {names.name(w.message)}" for w in plan.warnings)
        lines.append("")
    if plan.slippage is not None:
        lines.extend([f"## {lab('plan-replan')}", ""])
        for sentence in slippage_summary(plan.slippage, plan, names):
            lines.extend([sentence, ""])
        lines.extend(_table(slippage_header(names), slippage_rows(plan, names, escape)))
        lines.append("")
    stage_rows = government_rows(plan, names)
    if stage_rows:
        lines.extend([f"## {lab('plan-government-time')}", "", lab("plan-government-intro"), ""])
        lines.extend(
            _table(
                [lab("plan-col-stage"), lab("plan-col-chain-days"), lab("plan-col-office-days")],
                stage_rows,
            )
        )
        lines.append("")
        targets = target_rows(plan, names)
        if targets:
            lines.extend(
                _table(
                    [
                        lab("plan-col-target"),
                        lab("plan-col-limit"),
                        lab("plan-col-chain-days"),
                        lab("plan-col-verdict"),
                        lab("plan-col-drivers"),
                    ],
                    targets,
                )
            )
            lines.append("")
    lines.extend([f"## {lab('plan-disclosure')}", "", lab("plan-disclosure-intro"), ""])
    for entry in plan.disclosure.entries:
        lines.extend(_entry(entry, names))
    if plan.disclosure.not_applicable:
        lines.extend([f"## {lab('plan-not-applicable')}", ""])
        lines.extend(
            _table(
                [lab("plan-col-item"), lab("plan-col-reason")],
                [
                    [
                        names.name(n.name, n.item) + names.paren(f"`{n.item}`"),
                        names.join(escape(reason_sentence(r, names.lang)) for r in n.reasons),
                    ]
                    for n in plan.disclosure.not_applicable
                ],
            )
        )
        lines.append("")
    lines.extend([f"## {lab('plan-material-plan')}", ""])
    lines.extend(
        _table(
            [
                lab("plan-col-material"),
                lab("plan-col-provider"),
                lab("plan-col-lead-time"),
                lab("plan-col-window"),
                lab("plan-col-ready"),
                lab("plan-col-needed-earliest"),
                lab("plan-col-needed-latest"),
                lab("plan-col-used-by"),
                lab("plan-col-warnings"),
            ],
            [
                [
                    names.name(m.name, m.material),
                    names.provider(m.provider_name, m.provider, m.issued_by),
                    names.duration(m.lead_time),
                    window(m),
                    iso(m.ready),
                    iso(m.needed_by_earliest),
                    iso(m.needed_by_latest),
                    names.join((names.task(u) for u in m.used_by), "list"),
                    " ".join(names.name(w.message) for w in m.warnings),
                ]
                for m in plan.materials
            ],
        )
    )
    lines.append("")
    if plan.choices:
        lines.extend([f"## {lab('plan-choices')}", ""])
        rows = []
        for choice in plan.choices:
            for alt in choice.alternatives:
                rows.append(
                    [
                        names.name(choice.name, choice.id),
                        names.name(alt.name, alt.id)
                        + (" ✔" if alt.chosen else "")
                        + names.alternative_note(alt, escape),
                        iso(alt.finish) or "—",
                    ]
                )
        lines.extend(
            _table(
                [lab("plan-col-option"), lab("plan-col-alternative"), lab("plan-col-finish")], rows
            )
        )
        lines.append("")
    if plan.obligations:
        lines.extend([f"## {lab('plan-obligations')}", ""])
        lines.extend(
            _table(
                [lab("plan-col-item"), lab("plan-col-obligation"), lab("plan-col-due")],
                [
                    [
                        names.task(o.item),
                        names.name(o.name, o.id),
                        names.flagged(iso(o.due_date), o.provisional),
                    ]
                    for o in plan.obligations
                ],
            )
        )
        lines.append("")
    lines.append("---")
    lines.append("")
    lines.append(
        lab(
            "plan-generated",
            catalog=escape(plan.inputs.catalog_id),
            version=escape(plan.inputs.catalog_version),
            hash=plan.catalog_hash[:12],
        )
    )
    fallback = names.fallback_note()
    if fallback:
        lines.extend(["", fallback])
    return "\n".join(lines) + "\n"
