"""Run scenario tests: plan each scenario's profile and compare with its expectations.

:func:`run_scenarios` returns one :class:`ScenarioResult` per scenario; a failed
expectation is a :class:`~pathplanner.errors.Problem` located at the expectation's line in
the scenario file, saying expected versus found. :func:`reset_expectations` computes the
expectations that the current catalog meets (used by ``pathplanner test --reset``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pathplanner._input import yaml as _yaml
from pathplanner._input.suggest import did_you_mean, quote_all
from pathplanner._support.atomic import write_atomically
from pathplanner.errors import InputError, Location, Problem
from pathplanner.plan.planner import Planner
from pathplanner.policy._rewrite import LayoutError, rewrite_expectations
from pathplanner.policy.observe import Observation, observe_plan
from pathplanner.policy.scenarios import (
    Expectations,
    LoadedScenario,
    display_name,
    load_scenario_file,
    scenario_files,
)
from pathplanner.profile import validate_profile

if TYPE_CHECKING:
    from pathplanner.catalog import Catalog
    from pathplanner.profile import Profile

__all__ = [
    "ResetReport",
    "ResolvedScenario",
    "ScenarioResult",
    "ScenarioSet",
    "compare",
    "known_ids",
    "load_scenarios",
    "observe_scenario",
    "reset_expectations",
    "reset_scenarios",
    "resolve_scenario",
    "run_scenarios",
]


@dataclass(frozen=True)
class ScenarioResult:
    """The outcome of one scenario: its failed expectations (or the problems that kept it
    from running, such as an invalid profile) and, when it ran, what the plan showed."""

    scenario: LoadedScenario
    problems: tuple[Problem, ...] = ()
    observation: Observation | None = None

    @property
    def passed(self) -> bool:
        return not self.problems

    @property
    def name(self) -> str:
        return self.scenario.scenario.name


@dataclass(frozen=True)
class ScenarioSet:
    """The scenarios of a directory and the problems met reading them."""

    scenarios: tuple[LoadedScenario, ...]
    problems: tuple[Problem, ...] = field(default=())


def load_scenarios(catalog_dir: Path, files: Sequence[Path] | None = None) -> ScenarioSet:
    """Read every scenario file of ``catalog_dir`` (or the given ``files``)."""
    problems: list[Problem] = []
    if files is not None:
        paths = list(files)
    else:
        paths, problems = scenario_files(catalog_dir)
    loaded: list[LoadedScenario] = []
    for path in paths:
        items, found = load_scenario_file(path, display_name(path, catalog_dir))
        loaded.extend(items)
        problems.extend(found)
    return ScenarioSet(tuple(loaded), tuple(problems))


def _set_dotted(nested: dict[str, Any], dotted: str, value: Any) -> None:
    node = nested
    *parents, last = dotted.split(".")
    for part in parents:
        child = node.get(part)
        child = dict(child) if isinstance(child, dict) else {}
        node[part] = child
        node = child
    node[last] = value


def _deep_copy(data: Any) -> Any:
    if isinstance(data, Mapping):
        return {str(k): _deep_copy(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_deep_copy(v) for v in data]
    return data


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


@dataclass(frozen=True)
class ResolvedScenario:
    """A scenario ready to plan: its validated profile and dates."""

    profile: Profile
    start: dt.date
    as_of: dt.date


def resolve_scenario(
    loaded: LoadedScenario, catalog: Catalog
) -> tuple[ResolvedScenario | None, list[Problem]]:
    """The profile and dates of a scenario, or the problems that prevent planning it."""
    scenario = loaded.scenario
    problems: list[Problem] = []
    start: dt.date | None = scenario.start
    as_of: dt.date | None = scenario.as_of
    if isinstance(scenario.profile, str):
        path = (loaded.path.parent / scenario.profile).resolve()
        display = display_name(path, catalog.root)
        if not path.is_file():
            problems.append(
                Problem(
                    code="file-missing",
                    location=loaded.location("profile"),
                    breadcrumb=f"{loaded.breadcrumb} > profile",
                    found=scenario.profile,
                )
            )
            return None, problems
        doc, read_problems = _yaml.read_yaml(path, display)
        problems.extend(read_problems)
        if not isinstance(doc, Mapping) or any(p.severity == "error" for p in read_problems):
            return None, problems
        raw = doc.get("profile", {})
        root: Any = doc
        start = start or _as_date(doc.get("start"))
        as_of = as_of or _as_date(doc.get("as_of"))
        file = display
    else:
        raw = loaded.data.get("profile") if isinstance(loaded.data, Mapping) else None
        raw = scenario.profile if raw is None else raw
        root = loaded.data
        file = loaded.file
    for key in sorted(scenario.set):
        if key not in catalog.fields:
            close = did_you_mean(key, catalog.fields)
            problems.append(
                Problem(
                    code="profile-unknown-field",
                    location=loaded.location("set", key, key=True),
                    breadcrumb=f"{loaded.breadcrumb} > set",
                    args={"key": key, "candidates": quote_all(close)},
                    hint="did-you-mean" if close else "",
                )
            )
    if problems:
        return None, problems
    if scenario.set:
        raw = _deep_copy(raw)
        root = None
        for key, value in sorted(scenario.set.items()):
            _set_dotted(raw, key, value.isoformat() if isinstance(value, dt.date) else value)
    start = start or as_of
    as_of = as_of or start
    if start is None or as_of is None:
        problems.append(
            Problem(
                code="scenario-no-start",
                location=loaded.location("name"),
                breadcrumb=loaded.breadcrumb,
            )
        )
        return None, problems
    try:
        profile = validate_profile(
            raw, catalog, file=file, root=root, path=["profile"] if root is not None else []
        )
    except InputError as exc:
        return None, list(exc.problems)
    return ResolvedScenario(profile, start, as_of), []


def observe_scenario(
    loaded: LoadedScenario, planner: Planner
) -> tuple[Observation | None, list[Problem]]:
    """Plan one scenario and summarise the plan (or say why it could not be planned)."""
    resolved, problems = resolve_scenario(loaded, planner.catalog)
    if resolved is None:
        return None, problems
    try:
        plan = planner.plan(
            resolved.profile,
            start=resolved.start,
            as_of=resolved.as_of,
            statutory=loaded.scenario.statutory,
        )
    except InputError as exc:
        return None, list(exc.problems)
    return observe_plan(plan), []


def _fmt(values: Iterable[str]) -> str:
    listed = sorted(values)
    return ", ".join(listed) if listed else "-"


def compare(
    loaded: LoadedScenario, obs: Observation, known: Mapping[str, Iterable[str]]
) -> list[Problem]:
    """The expectations of ``loaded`` that ``obs`` does not meet, as located problems.

    ``known`` maps ``"task"``, ``"group"`` and ``"rule"`` to the ids the catalog declares,
    so that a misspelt id in an expectation is reported with a suggestion instead of as a
    plain mismatch.
    """
    exp = loaded.scenario.expect
    crumb = loaded.breadcrumb
    out: list[Problem] = []

    def add(
        code: str, loc: tuple[str | int, ...], *, expected: str, found: str, **args: str
    ) -> None:
        out.append(
            Problem(
                code=code,
                location=loaded.location("expect", *loc),
                breadcrumb=f"{crumb} > expect.{loc[0]}",
                expected=expected,
                found=found,
                args=args,
            )
        )

    def unknown(kind: str, ref: str, loc: tuple[str | int, ...]) -> bool:
        pool = set(known.get(kind, ()))
        if ref in pool:
            return False
        close = did_you_mean(ref, pool)
        out.append(
            Problem(
                code=f"test-unknown-{kind}",
                location=loaded.location("expect", *loc),
                breadcrumb=f"{crumb} > expect.{loc[0]}",
                args={"ref": ref, "candidates": quote_all(close)},
                hint="did-you-mean" if close else "",
            )
        )
        return True

    for i, task in enumerate(exp.present):
        if unknown("task", task, ("present", i)):
            continue
        if task not in obs.tasks:
            add("test-task-missing", ("present", i), expected=task, found="-", task=task)
    for i, task in enumerate(exp.absent):
        if unknown("task", task, ("absent", i)):
            continue
        if task in obs.tasks:
            add("test-task-present", ("absent", i), expected="-", found=task, task=task)
    for task, mode in sorted(exp.modes.items()):
        if unknown("task", task, ("modes", task)):
            continue
        got = obs.modes.get(task)
        if got != mode:
            add("test-mode", ("modes", task), expected=mode, found=got or "-", task=task)
    for group, members in sorted(exp.groups.items()):
        got_members = obs.groups.get(group)
        if got_members is None:
            add(
                "test-group-missing",
                ("groups", group),
                expected=_fmt(members),
                found="-",
                group=group,
            )
        elif set(got_members) != set(members):
            add(
                "test-group",
                ("groups", group),
                expected=_fmt(members),
                found=_fmt(got_members),
                group=group,
            )
    if exp.finish is not None and exp.finish != obs.finish:
        add(
            "test-finish",
            ("finish",),
            expected=exp.finish.isoformat(),
            found=obs.finish.isoformat(),
        )
    if exp.working_days is not None and exp.working_days != obs.working_days:
        add(
            "test-working-days",
            ("working_days",),
            expected=str(exp.working_days),
            found=str(obs.working_days),
        )
    for task, rules in sorted(exp.reasons.items()):
        if unknown("task", task, ("reasons", task)):
            continue
        got_rules = obs.reasons.get(task, ())
        for i, rule in enumerate(rules):
            if rule not in got_rules:
                add(
                    "test-reason",
                    ("reasons", task, i),
                    expected=rule,
                    found=_fmt(got_rules),
                    task=task,
                    rule=rule,
                )
    _compare_materials(exp, obs, add, unknown)
    for item, limit in sorted(exp.time_limits.items()):
        if unknown("task", item, ("time_limits", item)):
            continue
        planned = obs.time_limits.get(item)
        wanted = (limit.value, limit.clock.value)
        if planned != wanted:
            add(
                "test-time-limit",
                ("time_limits", item),
                expected=f"{wanted[0]} {wanted[1]}",
                found=f"{planned[0]} {planned[1]}" if planned else "-",
                item=item,
            )
    for item, wanted_limit in sorted(exp.statutory_limits.items()):
        if unknown("task", item, ("statutory_limits", item)):
            continue
        stated = obs.statutory.get(item)
        wanted_pair = (
            (wanted_limit.value, wanted_limit.clock.value) if wanted_limit is not None else None
        )
        if stated != wanted_pair:
            add(
                "test-statutory-limit",
                ("statutory_limits", item),
                expected=f"{wanted_pair[0]} {wanted_pair[1]}" if wanted_pair else "-",
                found=f"{stated[0]} {stated[1]}" if stated else "-",
                item=item,
            )
    return out


def _compare_materials(
    exp: Expectations,
    obs: Observation,
    add: Callable[..., None],
    unknown: Callable[[str, str, tuple[str | int, ...]], bool],
) -> None:
    """The materials an item's disclosure entry must (``materials``) or must not
    (``no_materials``) list."""
    for key, wanted in (("materials", True), ("no_materials", False)):
        expected: dict[str, list[str]] = getattr(exp, key)
        for item, materials in sorted(expected.items()):
            if unknown("task", item, (key, item)):
                continue
            listed = obs.disclosed.get(item, frozenset())
            for i, material in enumerate(materials):
                if unknown("material", material, (key, item, i)):
                    continue
                if (material in listed) != wanted:
                    add(
                        "test-material-missing" if wanted else "test-material-present",
                        (key, item, i),
                        expected=material if wanted else "-",
                        found=_fmt(listed),
                        item=item,
                        material=material,
                    )


def known_ids(catalog: Catalog) -> dict[str, list[str]]:
    """The ids expectations may name: tasks (items and works), rules and materials."""
    return {
        "task": sorted([*catalog.items, *catalog.works]),
        "material": sorted(catalog.materials),
    }


def run_scenarios(
    catalog_dir: Path,
    files: Sequence[Path] | None = None,
    *,
    planner: Planner | None = None,
) -> tuple[list[ScenarioResult], list[Problem]]:
    """Run the scenarios of ``catalog_dir``; returns per-scenario results and the problems
    met reading the scenario files (a file that cannot be read runs no scenario).

    Raises :class:`~pathplanner.errors.InputError` when the catalog itself is invalid.
    """

    planner = planner or Planner.from_directory(catalog_dir)
    found = load_scenarios(catalog_dir, files)
    known = known_ids(planner.catalog)
    results: list[ScenarioResult] = []
    for loaded in found.scenarios:
        obs, problems = observe_scenario(loaded, planner)
        if obs is not None:
            problems = compare(loaded, obs, known)
        results.append(ScenarioResult(loaded, tuple(problems), obs))
    return results, list(found.problems)


def reset_expectations(exp: Expectations, obs: Observation) -> dict[str, Any]:
    """The expectations the observed plan meets, keeping the scenario's choice of keys.

    Listed tasks move between ``present`` and ``absent`` to match the plan; listed modes,
    groups, finish, working days and time limits take the plan's values; listed materials
    move between ``materials`` and ``no_materials``; a ``reasons`` entry is kept when it
    still holds and otherwise replaced by the decision's current rules. An empty
    expectation becomes a full snapshot: every task in the plan, every non-normal mode, every
    group, finish and working days.
    """
    if exp.is_empty():
        return {
            "present": sorted(obs.tasks),
            "absent": sorted(obs.excluded - obs.tasks),
            "modes": {k: v for k, v in obs.modes.items() if v != "normal"},
            "groups": {k: list(v) for k, v in obs.groups.items()},
            "finish": obs.finish,
            "working_days": obs.working_days,
        }
    listed = [*exp.present, *exp.absent]
    new: dict[str, Any] = {}
    present = [t for t in dict.fromkeys(listed) if t in obs.tasks]
    absent = [t for t in dict.fromkeys(listed) if t not in obs.tasks]
    if present:
        new["present"] = present
    if absent:
        new["absent"] = absent
    modes = {t: obs.modes[t] for t in exp.modes if t in obs.modes}
    if modes:
        new["modes"] = modes
    groups = {
        g: list(members) if set(members) == set(obs.groups[g]) else list(obs.groups[g])
        for g, members in exp.groups.items()
        if g in obs.groups
    }
    if groups:
        new["groups"] = groups
    if exp.finish is not None:
        new["finish"] = obs.finish
    if exp.working_days is not None:
        new["working_days"] = obs.working_days
    reasons: dict[str, list[str]] = {}
    for task, rules in exp.reasons.items():
        got = obs.reasons.get(task, ())
        if all(r in got for r in rules):
            reasons[task] = list(rules)
        elif got:
            reasons[task] = list(got)
    if reasons:
        new["reasons"] = reasons
    new.update(_reset_materials(exp, obs))
    limits = {
        item: {"value": obs.time_limits[item][0], "clock": obs.time_limits[item][1]}
        for item in exp.time_limits
        if item in obs.time_limits
    }
    if limits:
        new["time_limits"] = limits
    stated = {item: obs.statutory.get(item) for item in exp.statutory_limits}
    if stated:
        new["statutory_limits"] = {
            item: {"value": v[0], "clock": v[1]} if v is not None else None
            for item, v in stated.items()
        }
    return new


def _reset_materials(exp: Expectations, obs: Observation) -> dict[str, Any]:
    """The listed materials moved between ``materials`` and ``no_materials`` to match what
    each item's disclosure entry lists."""
    found: dict[str, dict[str, list[str]]] = {"materials": {}, "no_materials": {}}
    for expected in (exp.materials, exp.no_materials):
        for item, materials in expected.items():
            listed = obs.disclosed.get(item, frozenset())
            for material in materials:
                key = "materials" if material in listed else "no_materials"
                found[key].setdefault(item, [])
                if material not in found[key][item]:
                    found[key][item].append(material)
    return {k: v for k, v in found.items() if v}


@dataclass(frozen=True)
class ResetReport:
    """What ``--reset`` did: scenarios whose expectations changed and files rewritten."""

    changed: tuple[ScenarioResult, ...]
    files: tuple[str, ...]
    problems: tuple[Problem, ...] = ()


def _current(exp: Expectations) -> dict[str, Any]:
    return exp.model_dump(exclude_defaults=True)


def reset_scenarios(results: Sequence[ScenarioResult]) -> ResetReport:
    """Rewrite the expectations of every scenario that ran, in place, from its plan.

    Only the ``expect:`` blocks change (see :mod:`pathplanner.policy._rewrite`); a scenario
    that could not be planned is left as it is. Files whose expectations already match are
    not touched.
    """
    by_file: dict[Path, list[tuple[ScenarioResult, dict[str, Any]]]] = {}
    changed: list[ScenarioResult] = []
    for result in results:
        if result.observation is None:
            continue
        exp = result.scenario.scenario.expect
        new = reset_expectations(exp, result.observation)
        if new == _current(exp):
            continue
        changed.append(result)
        by_file.setdefault(result.scenario.path, []).append((result, new))
    files: list[str] = []
    problems: list[Problem] = []
    for path, edits in sorted(by_file.items()):
        display = edits[0][0].scenario.file
        try:
            text = path.read_text(encoding="utf-8-sig")
            rewritten = rewrite_expectations(text, {r.scenario.index: new for r, new in edits})
        except (OSError, LayoutError) as exc:
            problems.append(
                Problem(
                    code="test-reset-layout",
                    location=Location(display),
                    args={"detail": str(exc)},
                )
            )
            continue
        write_atomically(path, rewritten)
        files.append(display)
    return ResetReport(tuple(changed), tuple(files), tuple(problems))
