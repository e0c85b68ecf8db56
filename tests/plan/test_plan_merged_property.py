"""Property (issue 14 §3): every merged mode of the default catalog keeps what it replaces.

For drawn profiles in which a merged mode is chosen, and every replaced item the project
would otherwise apply for:

- each of its materials is asked for by the merged item, or dropped by the mode with a basis;
- each of its prerequisites precedes the merged item in the plan (directly or through other
  tasks), unless the mode drops it, it is met inside the merged item (an output of the item
  or of an item it replaces), no planned task issues it, or a rule removed it.

Profiles are drawn over the values the rules test, over a witness of the rule that enables
the mode and, for some replaced items, of a rule that requires them. A mode no rule of the
default catalog enables is a city's variant of a sibling mode (多图联审 with the fire design
review after it): it is checked on a copy of the catalog whose rules name it instead.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from pathplanner import Plan, Planner
from pathplanner.catalog import Catalog, default_catalog_dir
from pathplanner.catalog.model import Item, Mode, ModeKind
from pathplanner.catalog.rulebook.contradictions import candidate_values, witness
from pathplanner.catalog.rulebook.model import EnableMode, RequireConclusion
from pathplanner.decisions import Decisions
from pathplanner.errors import InputError
from pathplanner.profile import validate_profile
from pathplanner.rules import decide
from plan_checks import waits_for

AS_OF = dt.date(2026, 3, 2)


@cache
def _default() -> Planner:
    return Planner.default()


@cache
def _planner(variant: tuple[str, str] | None = None) -> Planner:
    """The default planner or, for ``variant`` (item, mode) no rule enables, one on a copy
    of the catalog whose rules enable that mode where they enable a sibling merged mode."""
    if variant is None:
        return _default()
    item_id, mode_id = variant
    root = Path(tempfile.mkdtemp(prefix="merged-variant-"))
    source = default_catalog_dir()
    shutil.copytree(source / "catalog", root / "catalog")
    shutil.copytree(source / "rules", root / "rules")
    siblings = [
        m.id
        for m in _default().catalog.items[item_id].modes
        if m.kind == ModeKind.merged and m.id != mode_id
    ]
    for path in sorted((root / "rules").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        for sibling in siblings:
            text = text.replace(
                f"{{item: {item_id}, mode: {sibling},", f"{{item: {item_id}, mode: {mode_id},"
            )
        path.write_text(text, encoding="utf-8")
    return Planner.from_directory(root)


_VARIANT: list[tuple[str, str] | None] = [None]
"""The variant the current test checks (``None``: the default catalog)."""


def _catalog() -> Catalog:
    return _planner(_VARIANT[0]).catalog


def _merged_modes() -> list[tuple[str, str]]:
    return sorted(
        (item.id, mode.id)
        for item in _catalog().items.values()
        for mode in item.modes
        if mode.kind == ModeKind.merged
    )


def _candidates() -> dict[str, list[Any]]:
    return _candidates_of(_catalog())


@cache
def _candidates_of(catalog: Catalog) -> dict[str, list[Any]]:
    return candidate_values(catalog.rules, catalog)


def _witness(rule_id: str) -> dict[str, Any] | None:
    return _witness_in(_catalog(), rule_id)


@cache
def _witness_in(catalog: Catalog, rule_id: str) -> dict[str, Any] | None:
    rule = next(r for r in catalog.rules.compiled if r.id == rule_id)
    found, _ = witness(catalog.rules, catalog, [rule], AS_OF)
    return found


def _rules_that(matches: Any) -> list[str]:
    return sorted(r.id for r in _catalog().rules.compiled if any(map(matches, r.rule.then)))


def _enabling(item_id: str, mode_id: str) -> list[str]:
    return _rules_that(
        lambda t: (
            isinstance(t, EnableMode)
            and t.enable_mode.item == item_id
            and t.enable_mode.mode == mode_id
        )
    )


def _requiring(item_id: str) -> list[str]:
    return _rules_that(lambda t: isinstance(t, RequireConclusion) and t.require == item_id)


@st.composite
def _profiles(draw: Any, item_id: str, mode_id: str) -> dict[str, Any]:
    """Field values: a random background, a witness of a rule enabling the mode, then
    witnesses of rules requiring some of the replaced items."""
    values = {f: draw(st.sampled_from(vs)) for f, vs in sorted(_candidates().items())}
    enabling = _enabling(item_id, mode_id)
    if enabling:
        values.update(_witness(draw(st.sampled_from(enabling))) or {})
    mode = _mode(item_id, mode_id)
    for replaced in draw(st.lists(st.sampled_from(mode.replaces), min_size=1, unique=True)):
        rules = _requiring(replaced)
        if rules:
            values.update(_witness(draw(st.sampled_from(rules))) or {})
    return values


def _mode(item_id: str, mode_id: str) -> Mode:
    return next(m for m in _catalog().items[item_id].modes if m.id == mode_id)


def _plan(values: dict[str, Any]) -> tuple[Decisions, Plan] | None:
    catalog = _catalog()
    data = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in values.items()}
    try:
        profile = validate_profile(
            {k: v for k, v in data.items() if v is not None}, catalog, file="drawn"
        )
        decisions = decide(catalog, profile, as_of=AS_OF)
        plan = _planner(_VARIANT[0]).plan(profile, start=AS_OF, as_of=AS_OF)
    except InputError:
        return None
    return decisions, plan


def _check_keeps_what_it_replaces(
    catalog: Catalog, decisions: Decisions, plan: Plan, item: Item, mode: Mode
) -> None:
    applicable = set(decisions.applicable_ids())
    absorbed = [r for r in mode.replaces if r in applicable and r not in mode.runs_first]
    task = next(t for t in plan.tasks if t.id == item.id)
    assert task.replaces == absorbed
    entry = next(e for e in plan.disclosure.entries if e.item == item.id)
    asked = {m.material for m in entry.materials}
    planned = {t.id for t in plan.tasks}
    before = waits_for(plan, item.id)
    issuer = {out: task_id for out, (task_id, _o) in catalog.outputs().items()}
    inside = {o.id for t in (item, *(catalog.items[r] for r in mode.replaces)) for o in t.outputs}
    removed = {(d.dependency.before, d.dependency.after) for d in decisions.removed_dependencies}
    for replaced_id in absorbed:
        replaced = catalog.items[replaced_id]
        for use in replaced.materials:
            assert use.material in asked or use.material in mode.dropped("material"), (
                f"{item.id} in {mode.id} lost {use.material} of {replaced_id}"
            )
        for prereq in replaced.prerequisites:
            outs = set(prereq.any_of)
            if outs & (mode.dropped("prerequisite") | inside):
                continue
            issuers = {issuer[o] for o in outs if issuer.get(o) in planned}
            kept = {
                t
                for o in outs
                if issuer.get(o) in issuers
                for t in [issuer[o]]
                if (o, replaced_id) not in removed and (t, replaced_id) not in removed
            }
            if not kept:
                continue
            assert kept & before, (
                f"{item.id} in {mode.id} does not wait for {sorted(outs)} of {replaced_id}"
            )


@pytest.mark.parametrize(("item_id", "mode_id"), _merged_modes())
def test_issue_14_s3_every_merged_mode_keeps_what_it_replaces(item_id: str, mode_id: str) -> None:
    _VARIANT[0] = None
    _VARIANT[0] = None if _enabling(item_id, mode_id) else (item_id, mode_id)
    catalog = _catalog()
    item = catalog.items[item_id]
    mode = _mode(item_id, mode_id)

    @settings(
        max_examples=12,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(values=_profiles(item_id, mode_id))
    def check(values: dict[str, Any]) -> None:
        planned = _plan(values)
        assume(planned is not None)
        assert planned is not None
        decisions, plan = planned
        chosen = [t for t in plan.tasks if t.id == item_id and t.mode == mode_id]
        assume(chosen)
        _check_keeps_what_it_replaces(catalog, decisions, plan, item, mode)

    check()


def test_the_default_catalog_has_merged_modes_that_rules_enable() -> None:
    """The property above ranges over something: each merged mode can be chosen, by the
    default rules or, for a city's variant, by the rules that name it instead."""
    modes = _merged_modes()
    assert len(modes) >= 4
    for item_id, mode_id in modes:
        _VARIANT[0] = None
        _VARIANT[0] = None if _enabling(item_id, mode_id) else (item_id, mode_id)
        assert _enabling(item_id, mode_id), (item_id, mode_id)
    _VARIANT[0] = None
