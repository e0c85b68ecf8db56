"""Lint: findings beyond validation, reported by ``pathplanner check`` as warnings.

Each finding is a :class:`~pathplanner.errors.Problem` with severity ``warning`` and a code
of the ``lint-`` family (messages in :mod:`pathplanner.messages`):

- ``lint-rule-never-fires``: a rule fires for no example and no scenario profile;
- ``lint-item-unreachable``: an item (or work) neither applies by default nor is required by
  any rule, so no profile can make it applicable;
- ``lint-material-unprovided``: a material issued by an output of a task that no profile can
  make applicable (a material with neither ``provider`` nor ``issued_by`` is already the
  loader's ``material-no-source`` warning);
- ``lint-rule-duplicate`` / ``lint-rule-shadowed``: a rule with the same condition and
  conclusions as another, or one whose condition implies another's (it has all of the other's
  ``and`` parts) while all its conclusions are among the other's, so it adds nothing;
- ``lint-rule-contradiction``: one rule requires a task that another excludes and the two fire
  together (the narrower condition has all the ``and`` parts of the wider), or they did so for
  a sample profile;
- ``lint-no-basis``: an item, work, mode or rule without a legal basis (effective dates are
  required by the schema: a missing ``valid_from`` is already a ``missing-key`` error);
- ``lint-expired-rule-referenced``: a rule whose validity has ended is still referenced (by a
  scenario's expected reasons, or as the only source of a fact a rule in force reads);
  ``lint-expired-task-referenced``: a rule in force names a task whose validity has ended;
- ``lint-calendar-missing-year``: a year of the next 24 months has no published calendar file.

:func:`check_findings` is what ``check`` calls: lint plus the catalog's load warnings, sorted
into open and accepted warnings (see :mod:`pathplanner.policy.accepted`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pathplanner.catalog.model import AcceptedWarning
from pathplanner.errors import InputError, Location, Problem
from pathplanner.policy.accepted import WarningReview, acceptances_of, review_warnings
from pathplanner.policy.cycles import rule_dependency_cycles
from pathplanner.policy.rulesview import RuleView, fired_rule_ids, rule_views
from pathplanner.policy.runner import load_scenarios, resolve_scenario
from pathplanner.policy.scenarios import display_name
from pathplanner.profile import load_profile

if TYPE_CHECKING:
    from pathplanner.catalog import Catalog
    from pathplanner.policy.scenarios import LoadedScenario
    from pathplanner.profile import Profile

__all__ = [
    "CALENDAR_HORIZON_MONTHS",
    "Sample",
    "check_findings",
    "lint_catalog",
    "sample_profiles",
]

CALENDAR_HORIZON_MONTHS = 24
"""How far ahead ``check`` wants published calendars."""


@dataclass(frozen=True)
class Sample:
    """A profile the lint tries the rules on: an example or a scenario."""

    source: str
    profile: Profile
    as_of: dt.date


def _warn(code: str, location: Location, breadcrumb: str, **args: str) -> Problem:
    return Problem(
        code=code, location=location, breadcrumb=breadcrumb, severity="warning", args=args
    )


def _where(catalog: Catalog, crumb: str) -> Location:
    return catalog.locations.get(crumb) or Location("catalog")


def _overlap(a: RuleView, b: RuleView) -> bool:
    lo = max(a.valid_from or dt.date.min, b.valid_from or dt.date.min)
    hi = min(a.valid_until or dt.date.max, b.valid_until or dt.date.max)
    return lo <= hi


def _nested_pairs(rules: Sequence[RuleView]) -> list[tuple[RuleView, RuleView]]:
    """Pairs (earlier, later) of rules in force together whose conditions nest: one rule's
    conjuncts are a subset of the other's (or equal). Only such pairs can duplicate, shadow
    or contradict each other, and they are found through an index of conjuncts: a rule's
    candidates are the rules all of whose conjuncts it holds, so a catalog of 10,000 rules
    is not searched pair by pair (50 million pairs)."""
    holders: dict[str, list[int]] = defaultdict(list)
    unconditional: list[int] = []
    for index, rule in enumerate(rules):
        if not rule.conjuncts:
            unconditional.append(index)
        for conjunct in rule.conjuncts:
            holders[conjunct].append(index)
    nested: set[tuple[int, int]] = set()
    for index, rule in enumerate(rules):
        shared = Counter(j for conjunct in rule.conjuncts for j in holders[conjunct])
        inside = [j for j, count in shared.items() if count == len(rules[j].conjuncts)]
        nested.update((min(index, j), max(index, j)) for j in inside + unconditional)
    return [
        (rules[i], rules[j]) for i, j in sorted(nested) if i != j and _overlap(rules[i], rules[j])
    ]


def _duplicates(pairs: Sequence[tuple[RuleView, RuleView]]) -> list[Problem]:
    """Duplicated rules (reported on the later id) and shadowed ones (reported once, naming
    the first rule by id that shadows them)."""
    found: list[Problem] = []
    duplicates: set[str] = set()
    shadowed: set[str] = set()
    for a, b in pairs:
        ca, cb = a.conjuncts, b.conjuncts
        if ca == cb and a.conclusions == b.conclusions:
            duplicates.add(b.id)
            found.append(
                _warn("lint-rule-duplicate", b.location, b.breadcrumb, rule=b.id, other=a.id)
            )
    for a, b in pairs:
        ca, cb = a.conjuncts, b.conjuncts
        if ca == cb and a.conclusions == b.conclusions:
            continue
        for narrow, wide, cn, cw in ((a, b, ca, cb), (b, a, cb, ca)):
            if narrow.id in shadowed or narrow.id in duplicates or wide.id in duplicates:
                continue
            if cw <= cn and narrow.conclusions <= wide.conclusions:
                shadowed.add(narrow.id)
                found.append(
                    _warn(
                        "lint-rule-shadowed",
                        narrow.location,
                        narrow.breadcrumb,
                        rule=narrow.id,
                        other=wide.id,
                    )
                )
    return found


def _contradictions(pairs: Sequence[tuple[RuleView, RuleView]]) -> list[Problem]:
    """Rules whose conditions nest, one requiring a task the other excludes."""
    found: list[Problem] = []
    for a, b in pairs:
        for req, exc in ((a, b), (b, a)):
            for task in sorted(req.requires & exc.excludes):
                found.append(
                    _warn(
                        "lint-rule-contradiction",
                        exc.location,
                        exc.breadcrumb,
                        rule=req.id,
                        other=exc.id,
                        task=task,
                    )
                )
    return found


def _unreachable(catalog: Catalog, rules: Sequence[RuleView]) -> list[Problem]:
    required = {t for r in rules for t in r.requires}
    found: list[Problem] = []
    for kind, table in (("Item", catalog.items), ("Work", catalog.works)):
        for task_id, task in table.items():
            if task.applies_by_default or task_id in required:
                continue
            crumb = f"{kind}(id={task_id!r})"
            found.append(
                _warn("lint-item-unreachable", _where(catalog, crumb), crumb, item=task_id)
            )
    return found


def _materials_used(catalog: Catalog) -> set[str]:
    used: set[str] = set()
    for item in catalog.items.values():
        used.update(u.material for u in item.materials)
        for mode in item.modes:
            used.update(mode.adds_materials)
            used.update(d.material for d in mode.deferred_materials)
    return used


def _unprovided(catalog: Catalog, rules: Sequence[RuleView]) -> list[Problem]:
    """Materials issued by an output that only unreachable tasks issue."""
    required = {t for r in rules for t in r.requires}
    outputs = catalog.outputs()
    found: list[Problem] = []
    for mat_id, mat in catalog.materials.items():
        if mat.issued_by is None or mat.issued_by not in outputs:
            continue
        task_id = outputs[mat.issued_by][0]
        task = catalog.task(task_id)
        if task.applies_by_default or task_id in required:
            continue
        crumb = f"Material(id={mat_id!r})"
        found.append(
            _warn(
                "lint-material-unprovided", _where(catalog, crumb), crumb, ref=mat_id, task=task_id
            )
        )
    return found


def loader_accepted(catalog: Catalog) -> list[Problem]:
    """Warnings the loader leaves out because they are accepted, found again here so that
    ``check`` can list them as accepted (and flag acceptances that no longer apply)."""
    used = _materials_used(catalog)
    found: list[Problem] = []
    for mat_id, mat in catalog.materials.items():
        codes = {a.code for a in mat.accepted_warnings}
        crumb = f"Material(id={mat_id!r})"
        where = _where(catalog, crumb)
        if "material-no-source" in codes and mat.provider is None and mat.issued_by is None:
            found.append(_warn("material-no-source", where, crumb, ref=mat_id))
        if "material-unused" in codes and mat_id not in used:
            found.append(_warn("material-unused", where, crumb, ref=mat_id))
    return found


def _no_basis(catalog: Catalog, rules: Sequence[RuleView]) -> list[Problem]:
    found: list[Problem] = []
    for kind, table in (("Item", catalog.items), ("Work", catalog.works)):
        for task_id, task in table.items():
            crumb = f"{kind}(id={task_id!r})"
            if not any(b.strip() for b in task.basis):
                found.append(_warn("lint-no-basis", _where(catalog, crumb), crumb, ref=task_id))
    for item_id, item in catalog.items.items():
        for mode in item.modes:
            if not mode.basis.strip():
                crumb = f"Item(id={item_id!r}) > modes > Mode(id={mode.id!r})"
                found.append(
                    _warn(
                        "lint-no-basis",
                        _where(catalog, f"Item(id={item_id!r})"),
                        crumb,
                        ref=mode.id,
                    )
                )
    for rule in rules:
        if not rule.basis.strip():
            found.append(_warn("lint-no-basis", rule.location, rule.breadcrumb, ref=rule.id))
    return found


def _months_ahead(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    last = [
        31,
        29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ][month - 1]
    return dt.date(year, month, min(day.day, last))


def _calendar(catalog: Catalog, today: dt.date) -> list[Problem]:
    until = _months_ahead(today, CALENDAR_HORIZON_MONTHS)
    return [
        _warn(
            "lint-calendar-missing-year",
            Location(f"catalog/calendars/cn-{year}.yaml"),
            f"Calendar(year={year})",
            year=str(year),
        )
        for year in catalog.calendar.provisional_years(today, until)
    ]


def _expired(
    catalog: Catalog,
    rules: Sequence[RuleView],
    today: dt.date,
    scenarios: Sequence[LoadedScenario],
) -> list[Problem]:
    found: list[Problem] = []
    ended = {r.id: r for r in rules if r.valid_until is not None and r.valid_until < today}
    live = [r for r in rules if r.id not in ended]
    for loaded in scenarios:
        for task, rule_ids in sorted(loaded.scenario.expect.reasons.items()):
            for i, rule_id in enumerate(rule_ids):
                rule = ended.get(rule_id)
                if rule is None or rule.valid_until is None:
                    continue
                found.append(
                    _warn(
                        "lint-expired-rule-referenced",
                        loaded.location("expect", "reasons", task, i),
                        f"{loaded.breadcrumb} > expect.reasons",
                        rule=rule_id,
                        until=rule.valid_until.isoformat(),
                        by=f"{loaded.file} {loaded.breadcrumb}",
                    )
                )
    live_sources = {fact for r in live for fact in r.derives}
    for rule in live:
        for fact in sorted(rule.reads - live_sources):
            sources = sorted(r.id for r in ended.values() if fact in r.derives)
            for src in sources:
                until = ended[src].valid_until
                assert until is not None
                found.append(
                    _warn(
                        "lint-expired-rule-referenced",
                        ended[src].location,
                        ended[src].breadcrumb,
                        rule=src,
                        until=until.isoformat(),
                        by=rule.breadcrumb,
                    )
                )
    for rule in live:
        for task_id in sorted(rule.mentions):
            named = catalog.items.get(task_id) or catalog.works.get(task_id)
            if named is None or named.valid_until is None or named.valid_until >= today:
                continue
            found.append(
                _warn(
                    "lint-expired-task-referenced",
                    rule.location,
                    rule.breadcrumb,
                    item=task_id,
                    until=named.valid_until.isoformat(),
                    rule=rule.id,
                )
            )
    return found


def _never_fire(
    rules: Sequence[RuleView], fired: set[str], days: Sequence[dt.date]
) -> list[Problem]:
    """Rules in force on some sample's as-of date that fire for no sample. A rule in force
    on none of those dates (announced for later, or ended) could not have fired."""
    if not days:
        return []

    def in_force(rule: RuleView, day: dt.date) -> bool:
        return (rule.valid_from is None or rule.valid_from <= day) and (
            rule.valid_until is None or day <= rule.valid_until
        )

    return [
        _warn("lint-rule-never-fires", r.location, r.breadcrumb, rule=r.id, count=str(len(days)))
        for r in rules
        if r.id not in fired and any(in_force(r, day) for day in days)
    ]


def sample_profiles(
    catalog_dir: Path, catalog: Catalog
) -> tuple[list[Sample], list[LoadedScenario], list[Problem]]:
    """The example profiles (``examples/*.yaml``) and scenario profiles of a catalog
    directory, with the scenarios and any problems met reading them."""
    samples: list[Sample] = []
    problems: list[Problem] = []
    examples = catalog_dir / "examples"
    paths = sorted(examples.glob("*.yaml")) if examples.is_dir() else []
    for path in paths:
        try:
            doc = load_profile(path, catalog)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        day = doc.as_of or doc.start
        if day is None:
            continue
        samples.append(Sample(display_name(path, catalog_dir), doc.profile, day))
    found = load_scenarios(catalog_dir)
    problems.extend(found.problems)
    for loaded in found.scenarios:
        resolved, more = resolve_scenario(loaded, catalog)
        problems.extend(more)
        if resolved is not None:
            samples.append(
                Sample(f"{loaded.file} {loaded.breadcrumb}", resolved.profile, resolved.as_of)
            )
    return samples, list(found.scenarios), problems


def lint_catalog(
    catalog: Catalog,
    *,
    today: dt.date,
    samples: Sequence[Sample] = (),
    scenarios: Sequence[LoadedScenario] = (),
) -> list[Problem]:
    """Every lint finding for ``catalog`` as of ``today`` (sorted warnings)."""
    rules = rule_views(catalog)
    fired: set[str] = set()
    found: list[Problem] = []
    for sample in samples:
        ids, problems = fired_rule_ids(catalog, sample.profile, sample.as_of)
        fired |= ids
        # A profile the rules cannot decide (a contradiction, for example) is reported
        # with the rules' own problems; they name the rules and the facts involved.
        found.extend(problems)
    found += _never_fire(rules, fired, [s.as_of for s in samples])
    found += _unreachable(catalog, rules)
    found += _unprovided(catalog, rules)
    nested = _nested_pairs(rules)
    found += _duplicates(nested)
    found += _contradictions(nested)
    found += _no_basis(catalog, rules)
    found += _expired(catalog, rules, today, scenarios)
    found += _calendar(catalog, today)
    found += rule_dependency_cycles(catalog)
    unique = {(p.sort_key(), tuple(sorted(p.args.items()))): p for p in found}
    return sorted(unique.values(), key=lambda p: (p.sort_key(), sorted(p.args.items())))


def _owners(catalog: Catalog) -> list[tuple[str, Sequence[AcceptedWarning]]]:
    owners: list[tuple[str, Sequence[AcceptedWarning]]] = [("", catalog.manifest.accepted_warnings)]
    for kind, table in (
        ("Item", catalog.items),
        ("Work", catalog.works),
        ("Material", catalog.materials),
    ):
        owners.extend((f"{kind}(id={k!r})", v.accepted_warnings) for k, v in table.items())
    owners.extend((r.breadcrumb, r.accepted_warnings) for r in rule_views(catalog))
    return owners


def check_findings(
    catalog: Catalog, catalog_dir: Path | None = None, *, today: dt.date
) -> WarningReview:
    """Lint ``catalog`` and sort its warnings (load warnings and lint findings) into open
    and accepted ones, flagging acceptances whose warning no longer occurs.

    This is the hook ``pathplanner check`` calls after a successful load.
    """
    root = catalog_dir or catalog.root
    samples, scenarios, problems = sample_profiles(root, catalog)
    findings = lint_catalog(catalog, today=today, samples=samples, scenarios=scenarios)
    locations = dict(catalog.locations)
    acceptances = acceptances_of(_owners(catalog), locations)
    known = {(p.code, p.breadcrumb.split(" > ")[0]) for p in catalog.warnings}
    again = [
        p for p in loader_accepted(catalog) if (p.code, p.breadcrumb.split(" > ")[0]) not in known
    ]
    return review_warnings([*catalog.warnings, *again, *problems, *findings], acceptances)
