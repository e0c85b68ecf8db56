"""What the one-time disclosure letter (一次性告知书) says, apart from how it is laid out.

:func:`letter_content` turns a plan and a letter file's header into plain text, section by
section, in the report's language; the Word (:mod:`~pathplanner.render.docx`) and PDF
(:mod:`~pathplanner.render.pdf`) renderers only lay that text out, so both say the same.
Only what an investor needs is kept: no rule ids, no float, no critical path.
"""

from __future__ import annotations

from dataclasses import dataclass

from pathplanner.organisation.letter import Letter
from pathplanner.plan.model import DisclosureEntry, NotApplicable, Plan
from pathplanner.render._common import Labeller, iso
from pathplanner.render.markdown import (
    fees_text,
    material_note,
    prerequisite_text,
    time_limits_text,
)
from pathplanner.render.reasons import reason_sentence

__all__ = [
    "LetterContent",
    "LetterDue",
    "LetterField",
    "LetterItem",
    "LetterMaterial",
    "letter_content",
]


@dataclass(frozen=True)
class LetterField:
    """One line of the header: a label and its value (``""``: a blank line to fill in)."""

    label: str
    value: str


@dataclass(frozen=True)
class LetterMaterial:
    """A material as the investor brings it."""

    name: str
    form: str  # 原件 / 复印件
    copies: str
    provider: str
    note: str


@dataclass(frozen=True)
class LetterItem:
    """One numbered item: its facts (label, text) in a fixed order, and its materials."""

    number: int
    name: str
    facts: tuple[LetterField, ...]
    materials: tuple[LetterMaterial, ...]


@dataclass(frozen=True)
class LetterDue:
    """Something owed by a date: an obligation, or a material handed in later (容缺)."""

    item: str
    what: str
    due: str


@dataclass(frozen=True)
class LetterContent:
    """Every text of the letter, in reading order."""

    title: str
    header: tuple[LetterField, ...]
    intro: str
    items: tuple[LetterItem, ...]
    commitments: tuple[LetterDue, ...]
    supplements: tuple[LetterDue, ...]
    other_obligations: tuple[LetterDue, ...]
    not_applicable: tuple[str, ...]
    signatures: tuple[LetterField, ...]
    receipt: str
    footer: str
    lang: str
    labels: dict[str, str]
    """The section titles, column heads and "none" sentences, by key (``letter-…``)."""


_SECTION_LABELS = (
    "letter-items",
    "letter-commitments",
    "letter-commitments-none",
    "letter-supplements",
    "letter-supplements-none",
    "letter-other-obligations",
    "letter-other-obligations-none",
    "letter-not-applicable",
    "letter-not-applicable-none",
    "letter-receipt",
    "letter-col-item",
    "letter-col-what",
    "letter-col-due",
    "plan-col-material",
    "plan-col-original",
    "plan-col-copies",
    "plan-col-provider",
    "plan-col-notes",
    "plan-materials",
    "plan-none",
    "colon",
)


def _not_applicable(entry: NotApplicable, names: Labeller) -> str:
    reasons = names.join(reason_sentence(r, names.lang, show_rule=False) for r in entry.reasons)
    return names.label(
        "letter-not-applicable-line", item=names.name(entry.name, entry.item), reason=reasons
    )


def _header(plan: Plan, letter: Letter, names: Labeller) -> tuple[LetterField, ...]:
    project = letter.project or names.name(plan.inputs.project_name, plan.inputs.project)
    pairs = [
        ("letter-unit", letter.unit.name),
        ("letter-unit-address", letter.unit.address),
        ("letter-unit-phone", letter.unit.phone),
        ("letter-agent", letter.agent.name),
        ("letter-agent-phone", letter.agent.phone),
        ("letter-investor", letter.investor.name),
        ("letter-investor-contact", letter.investor.contact),
        ("letter-investor-phone", letter.investor.phone),
        ("letter-project", project),
        ("letter-agreement", letter.agreement),
        ("letter-date", iso(letter.date)),
    ]
    return tuple(LetterField(names.label(key), value or "") for key, value in pairs)


def _item(entry: DisclosureEntry, names: Labeller) -> LetterItem:
    lab = names.label
    where = names.name(entry.department_name, entry.department)
    if entry.window:
        where += names.paren(entry.window)
    channel = lab(f"plan-channel-{entry.channel}")
    dates = lab(
        "letter-dates",
        acceptance=iso(entry.acceptance) or "—",
        decision=iso(entry.decision) or "—",
    )
    prerequisites = names.join(prerequisite_text(p, names) for p in entry.prerequisites)
    facts = (
        LetterField(lab("letter-where"), names.join([where, channel])),
        LetterField(lab("plan-mode"), names.name(entry.mode_name, entry.mode)),
        LetterField(lab("plan-time-limits"), time_limits_text(entry, names)),
        LetterField(lab("letter-planned-dates"), dates),
        LetterField(lab("plan-fees"), fees_text(entry, names, str) or lab("plan-no-fee")),
        LetterField(lab("plan-prerequisites"), prerequisites or lab("plan-none")),
    )
    materials = tuple(
        LetterMaterial(
            name=names.name(m.name, m.material),
            form=lab("plan-original" if m.original else "plan-copy"),
            copies=str(m.copies),
            provider=names.provider(m.provider_name, m.provider, m.issued_by),
            note=material_note(m, names, entry.replaces, escape=str),
        )
        for m in entry.materials
    )
    return LetterItem(entry.order, names.name(entry.name, entry.item), facts, materials)


def _dues(plan: Plan, names: Labeller) -> tuple[list[LetterDue], list[LetterDue], list[LetterDue]]:
    """The obligations of items handled under 告知承诺, the materials handed in later
    under 容缺受理 with the supplements' obligations, and every other obligation."""
    kinds = {e.item: e.mode_kind for e in plan.disclosure.entries}
    by_kind: dict[str, list[LetterDue]] = {"commitment": [], "tolerance": []}
    others: list[LetterDue] = []
    for ob in plan.obligations:
        due = names.label(
            "letter-due",
            date=names.flagged(iso(ob.due_date), ob.provisional),
            after=names.label(f"plan-after-{ob.after}"),
            duration=names.duration(ob.due),
        )
        row = LetterDue(names.task(ob.item), names.name(ob.name, ob.id), due)
        by_kind.get(kinds.get(ob.item, ""), others).append(row)
    commitments, supplements = by_kind["commitment"], by_kind["tolerance"]
    for entry in plan.disclosure.entries:
        for m in entry.materials:
            if m.deferred_until is not None:
                supplements.append(
                    LetterDue(
                        names.name(entry.name, entry.item),
                        names.name(m.name, m.material),
                        names.label("letter-due-by", date=iso(m.deferred_until)),
                    )
                )
    return commitments, supplements, others


def letter_content(plan: Plan, letter: Letter | None = None, lang: str = "zh") -> LetterContent:
    """The letter for ``plan`` with the header of ``letter`` (blank lines where it has no
    value, all of them without a letter), in ``lang``."""
    names = Labeller(plan, lang)
    header = _header(plan, letter or Letter(), names)
    items = tuple(_item(e, names) for e in plan.disclosure.entries)
    commitments, supplements, others = _dues(plan, names)
    not_applicable = tuple(_not_applicable(n, names) for n in plan.disclosure.not_applicable)
    signatures = (
        LetterField(names.label("letter-investor-signature"), ""),
        LetterField(names.label("letter-signature-date"), ""),
        LetterField(names.label("letter-agent-signature"), ""),
        LetterField(names.label("letter-signature-date"), ""),
    )
    footer = names.label(
        "plan-generated",
        catalog=plan.inputs.catalog_id,
        version=plan.inputs.catalog_version,
        hash=plan.catalog_hash[:12],
    )
    fallback = names.fallback_note()
    return LetterContent(
        title=names.label("letter-title"),
        header=header,
        intro=names.label("letter-intro"),
        items=items,
        commitments=tuple(commitments),
        supplements=tuple(supplements),
        other_obligations=tuple(others),
        not_applicable=not_applicable,
        signatures=signatures,
        receipt=names.label("letter-receipt-text"),
        footer=f"{footer} {fallback}".strip(),
        lang=names.lang,
        labels={key: names.label(key) for key in _SECTION_LABELS},
    )
