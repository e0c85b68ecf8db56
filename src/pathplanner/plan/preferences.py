"""The investor's preferences in a profile: the handling modes they refuse.

A refused mode kind (告知承诺 ``commitment``, 容缺受理 ``tolerance``) is honoured where the
rules leave the choice: the scheduler does not take an alternative that sets such a mode
unless it is pinned. Where a rule makes such a mode mandatory the law decides, and the plan
warns, naming the rule that overrides the preference.
"""

from __future__ import annotations

from collections.abc import Mapping

from pathplanner.catalog import Catalog
from pathplanner.decisions import Decisions
from pathplanner.errors import Location, Problem

__all__ = ["REFUSAL_FIELDS", "overridden_preferences", "refused_kinds"]

REFUSAL_FIELDS = {
    "commitment": "investor.refuses_commitment",
    "tolerance": "investor.refuses_tolerance",
}
"""Mode kind → the profile field (declared in ``catalog/fields.yaml``) that refuses it."""


def refused_kinds(values: Mapping[str, object]) -> tuple[str, ...]:
    """The mode kinds the profile refuses, sorted."""
    return tuple(kind for kind, field in sorted(REFUSAL_FIELDS.items()) if values.get(field))


def overridden_preferences(
    catalog: Catalog, decisions: Decisions, kinds: tuple[str, ...], source: str
) -> list[Problem]:
    """A warning per mandatory mode of a refused kind, naming the rules that make it
    mandatory (``source``: the profile file, when there is one)."""
    problems: list[Problem] = []
    for decision in decisions.modes:
        item = catalog.items.get(decision.item)
        if not decision.mandatory or item is None:
            continue
        mode = next((m for m in item.modes if m.id == decision.mode), None)
        if mode is None or mode.kind not in kinds:
            continue
        field = REFUSAL_FIELDS[mode.kind]
        rules = ", ".join(sorted({r.rule_id for r in decision.reasons})) or "-"
        problems.append(
            Problem(
                "plan-preference-overridden",
                Location(source or "profile"),  # a profile given as a mapping
                breadcrumb=f"Profile > {field}",
                severity="warning",
                args={"item": item.id, "mode": mode.id, "field": field, "rule": rules},
            )
        )
    return problems
