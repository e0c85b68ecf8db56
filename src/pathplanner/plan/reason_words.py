"""A reason in words: the rule's title and each fact it read as a clause, in both languages.

Reports write why an item applies from these words, never from the rule's condition: a
fact key becomes the label of its profile field or derived fact and the value it saw
becomes the value's label (an enum value's name, 是/否, a number with its unit, "not
given"). The words are made here, while the catalog is at hand, and stored in the plan
(:class:`~pathplanner.plan.model.PlanReason` ``title`` and ``facts_in_words``), because the
renderers read the plan only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from pathplanner.catalog import Catalog
from pathplanner.catalog.buildings import BUILDINGS, SPACES
from pathplanner.catalog.cache import per_catalog
from pathplanner.messages import UNITS, text
from pathplanner.plan.model import Name
from pathplanner.rules.targets import TARGET_RULE_PREFIX

__all__ = ["ReasonWords", "reason_words"]

Fact = bool | int | float | str | None
LANGS = ("zh", "en")

_BUILDING = re.compile(rf"^{BUILDINGS}\.(\d+)\.(?:{SPACES}\.(\d+)\.)?([a-z][a-z0-9_]*)$")
_SCOPED_SUM = re.compile(rf"^{BUILDINGS}\.(\d+): (sum of .*)$")
_SUM = re.compile(r"^sum of ([a-z][a-z0-9_]*) where ([a-z][a-z0-9_]*) (in|not in) \[(.*)\]$")


@dataclass(frozen=True)
class _Label:
    """What a fact key names: its label, its unit and the names of its values."""

    label: Name
    unit: str = ""
    values: Mapping[str, Name] | None = None


def _names(values: object) -> dict[str, Name]:
    return {v.value: Name(zh=v.zh, en=v.en) for v in values}  # type: ignore[attr-defined]


class ReasonWords:
    """The words of one catalog's rules and facts; made once per catalog."""

    def __init__(self, catalog: Catalog) -> None:
        self._titles = {
            r.id: Name.trusted(zh=r.rule.zh, en=r.rule.en) for r in catalog.rules.compiled
        }
        for target in catalog.targets.values():  # a reform target's reason names the target
            self._titles[TARGET_RULE_PREFIX + target.id] = Name.trusted(zh=target.zh, en=target.en)
        self._labels: dict[str, _Label] = {}
        for f in catalog.fields.values():
            self._labels[f.id] = _Label(Name(zh=f.zh, en=f.en), f.unit, _names(f.values))
        for d in catalog.rules.facts.values():
            self._labels[d.id] = _Label(Name(zh=d.zh, en=d.en), values=_names(d.values))

    def title(self, rule_id: str) -> Name:
        """The rule's (or reform target's) title, ``zh`` and ``en``; empty for a catalog
        default."""
        return self._titles.get(rule_id, _NO_TITLE)

    def clauses(self, facts: Mapping[str, Fact]) -> list[Name]:
        """Each fact as a clause (字段为“取值”), in the order of ``facts``; a building's name
        is not a clause of its own but names the building in the others."""
        out = []
        for key, value in facts.items():
            if _BUILDING.match(key) and key.endswith(".name"):
                continue
            zh, en = (self._clause(key, value, facts, lang) for lang in LANGS)
            out.append(Name.trusted(zh=zh, en=en))  # as the rest of the plan is made
        return out

    def _clause(self, key: str, value: Fact, facts: Mapping[str, Fact], lang: str) -> str:
        label = self._labels.get(key)
        if label is not None:
            return _said(label.label.get(lang), label, value, lang)
        field, _, member = key.rpartition(".")
        listed = self._labels.get(field)
        if listed is not None and listed.values and member in listed.values:
            held = listed.values[member].get(lang)
            key_word = "reason-includes" if value else "reason-excludes"
            return text(key_word, lang, label=listed.label.get(lang), value=held)
        building = _BUILDING.match(key)
        if building is not None:
            return self._building_clause(building, value, facts, lang)
        scoped = _SCOPED_SUM.match(key)
        if scoped is not None:
            where = self._building(int(scoped.group(1)), facts, lang)
            total, area = self._sum(scoped.group(2), lang)
            what = text("reason-in-building", lang, building=where, what=total)
            return _said(what, area, value, lang)
        total, area = self._sum(key, lang)
        return _said(total, area, value, lang)

    def _building(self, index: int, facts: Mapping[str, Fact], lang: str) -> str:
        named = facts.get(f"{BUILDINGS}.{index}.name")
        name = text("reason-building-name", lang, name=named) if isinstance(named, str) else ""
        return text("reason-building", lang, n=index + 1, name=name)

    def _building_clause(
        self, found: re.Match[str], value: Fact, facts: Mapping[str, Fact], lang: str
    ) -> str:
        index, space, field = found.groups()
        scope = "space" if space is not None else "building"
        label = self._labels.get(f"{scope}.{field}") or _Label(Name(zh=field))
        where = self._building(int(index), facts, lang)
        if space is not None:
            where = text("reason-space", lang, building=where, n=int(space) + 1)
        what = text("reason-in-building", lang, building=where, what=label.label.get(lang))
        return _said(what, label, value, lang)

    def _sum(self, key: str, lang: str) -> tuple[str, _Label | None]:
        """A sum over spaces in words, and the label of what it sums (for its unit)."""
        found = _SUM.match(key)
        if found is None:
            return key, None
        measured, field, op, listed = found.groups()
        area = self._labels.get(f"space.{measured}")
        kind = self._labels.get(f"space.{field}")
        if area is None or kind is None:
            return key, None
        names = kind.values or {}
        values = [v.strip().strip('"') for v in listed.split(",") if v.strip()]
        shown = text("sep-list", lang).join(
            text("reason-quoted", lang, value=names[v].get(lang) if v in names else v)
            for v in values
        )
        where = text(
            "reason-where-in" if op == "in" else "reason-where-not-in",
            lang,
            label=kind.label.get(lang),
            values=shown,
        )
        total = text("reason-sum", lang, label=area.label.get(lang), where=where)
        return total, _Label(area.label, area.unit)


def _number(value: int | float) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def _said(what: str, label: _Label | None, value: Fact, lang: str) -> str:
    """``what`` with the value it had: 为“…” / is “…”, yes or no, a number with its unit."""
    if value is None:
        return text("reason-unset", lang, label=what)
    if isinstance(value, bool):
        said = text("reason-yes" if value else "reason-no", lang)
        return text("reason-flag", lang, label=what, value=said)
    if isinstance(value, int | float):
        unit = label.unit if label is not None else ""
        unit = UNITS.get(unit, unit) if lang == "en" else unit
        return text("reason-amount", lang, label=what, value=_number(value), unit=unit).strip()
    names = label.values if label is not None and label.values else {}
    shown = names[value].get(lang) if value in names else value
    return text("reason-is", lang, label=what, value=text("reason-quoted", lang, value=shown))


_NO_TITLE = Name.trusted(zh="", en="")

reason_words = per_catalog(ReasonWords)
"""The :class:`ReasonWords` of a catalog, made on first use."""
