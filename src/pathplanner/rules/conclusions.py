"""Turn the rules that fired into :class:`~pathplanner.decisions.Decisions`.

Shared by both engines, so they can only differ in which rules fired. Semantics (see
``docs/rules.md``): tasks in force on ``as_of`` apply when ``applies_by_default`` and not
excluded, or when a rule requires them; require + exclude of one task is a contradiction;
non-mandatory modes become options ``mode:<item>``; ``alternatives`` become options
``alt:<id>``; optional group members become options ``group:<group>:<item>``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import weakref
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from pathplanner.catalog.cache import per_catalog
from pathplanner.catalog.model import (
    Clock,
    DatedDuration,
    Duration,
    Item,
    Mode,
    ModeKind,
    Work,
    in_force,
)
from pathplanner.catalog.rulebook.book import CompiledRule
from pathplanner.catalog.rulebook.evaluator import observed
from pathplanner.catalog.rulebook.model import (
    AddDependency,
    AlternativesConclusion,
    DemandMaterial,
    DeriveConclusion,
    EnableMode,
    ExcludeConclusion,
    ObligationConclusion,
    ParallelGroupConclusion,
    RemoveDependency,
    RequireConclusion,
    SetTimeLimit,
)
from pathplanner.decisions import (
    DEFAULT_RULE_ID,
    Alternative,
    Decisions,
    Dependency,
    DependencyDecision,
    Edits,
    MaterialDecision,
    ModeDecision,
    ObligationDecision,
    Option,
    ParallelGroup,
    Reason,
    RuleWarning,
    TaskDecision,
    TimeLimitOverride,
)
from pathplanner.errors import InputError, Problem
from pathplanner.messages import text
from pathplanner.rules.evaluation import Facts
from pathplanner.rules.targets import applicable_targets

if TYPE_CHECKING:
    from pathplanner.catalog import Catalog

__all__ = ["build_decisions", "reason_for", "validity_warnings"]

_Limit = Literal["committed", "statutory"]


def reason_for(rule: CompiledRule, facts: Mapping[str, Any]) -> Reason:
    """The reason a fired rule gives: its id, condition text, the facts it read, its basis."""
    return Reason.trusted(
        rule_id=rule.id,
        text=_when_text(rule),
        basis=rule.rule.basis,
        facts=observed(rule.expr, facts),
    )


_WHEN: weakref.WeakKeyDictionary[CompiledRule, str] = weakref.WeakKeyDictionary()


def _when_text(rule: CompiledRule) -> str:
    found = _WHEN.get(rule)
    if found is None:
        found = _WHEN[rule] = " ".join(rule.rule.when.split())
    return found


def _default_reason(task: Item | Work) -> Reason:
    return Reason.trusted(
        rule_id=DEFAULT_RULE_ID,
        text="applies_by_default: true",
        basis=task.basis[0] if task.basis else "",
        facts={},
    )


def _sorted(reasons: Iterable[Reason]) -> tuple[Reason, ...]:
    unique = {r.rule_id: r for r in reasons}
    if len(unique) == 1:
        return tuple(unique.values())
    return tuple(unique[k] for k in sorted(unique))


def _edits(**values: Any) -> Edits:
    """Edits with every field not given empty."""
    return Edits.trusted(
        set_modes=values.get("set_modes", {}),
        add_tasks=values.get("add_tasks", ()),
        remove_tasks=values.get("remove_tasks", ()),
        add_dependencies=values.get("add_dependencies", ()),
        remove_dependencies=values.get("remove_dependencies", ()),
        join_groups=values.get("join_groups", {}),
    )


def _dependency(before: str, after: str, binds: str, lag: Duration | None) -> Dependency:
    return Dependency.trusted(before=before, after=after, binds=binds, lag=lag)


@dataclass(frozen=True)
class _RuleThen:
    """A rule's conclusions sorted by kind (what the builder reads of a fired rule)."""

    requires: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    # the order of require and exclude conclusions within the rule
    tasks: tuple[tuple[bool, str], ...] = ()
    modes: tuple[Any, ...] = ()
    limits: tuple[Any, ...] = ()
    groups: tuple[Any, ...] = ()
    added: tuple[Any, ...] = ()
    removed: tuple[Any, ...] = ()
    alternatives: tuple[Any, ...] = ()
    obligations: tuple[Any, ...] = ()
    derives: tuple[str, ...] = ()
    materials: tuple[tuple[str, str], ...] = ()


def _sort_then(rule: CompiledRule) -> _RuleThen:
    found: dict[str, list[Any]] = defaultdict(list)
    for c in rule.rule.then:
        if isinstance(c, RequireConclusion):
            found["tasks"].append((True, c.require))
        elif isinstance(c, ExcludeConclusion):
            found["tasks"].append((False, c.exclude))
        elif isinstance(c, EnableMode):
            found["modes"].append(c.enable_mode)
        elif isinstance(c, SetTimeLimit):
            found["limits"].append(c.set_time_limit)
        elif isinstance(c, ParallelGroupConclusion):
            found["groups"].append(c.parallel_group)
        elif isinstance(c, AddDependency):
            found["added"].append(c.add_dependency)
        elif isinstance(c, RemoveDependency):
            found["removed"].append(c.remove_dependency)
        elif isinstance(c, AlternativesConclusion):
            found["alternatives"].append(c.alternatives)
        elif isinstance(c, ObligationConclusion):
            found["obligations"].append(c.obligation)
        elif isinstance(c, DeriveConclusion):
            found["derives"].append(c.derive.fact)
        elif isinstance(c, DemandMaterial):
            found["materials"].append((c.demand_material.item, c.demand_material.material))
    return _RuleThen(**{k: tuple(v) for k, v in found.items()})


@dataclass
class _Tables:
    """What the builder looks up in one catalog, made once per catalog object (it holds
    no reference to the catalog, so the catalog can be collected)."""

    tasks: tuple[Item | Work, ...]
    modes: dict[tuple[str, str], Mode]
    outputs: dict[str, tuple[str, Any]]
    issuers: dict[str, str]
    then: dict[CompiledRule, _RuleThen]
    # sorted validity boundaries of everything a decision can use (see validity_warnings)
    starts: list[dt.date]
    ends: list[dt.date]
    # per as-of date: the ids of the tasks in force, and those that apply by default
    dates: dict[dt.date, tuple[frozenset[str], dict[str, Item | Work]]] = field(
        default_factory=dict
    )

    def rule_then(self, rule: CompiledRule) -> _RuleThen:
        found = self.then.get(rule)
        if found is None:
            found = self.then[rule] = _sort_then(rule)
        return found

    def on(self, as_of: dt.date) -> tuple[frozenset[str], dict[str, Item | Work]]:
        """(ids of the tasks in force on ``as_of``, those applying by default by id)."""
        found = self.dates.get(as_of)
        if found is None:
            tasks = [t for t in self.tasks if in_force(t.valid_from, t.valid_until, as_of)]
            found = (
                frozenset(t.id for t in tasks),
                {t.id: t for t in tasks if t.applies_by_default},
            )
            if len(self.dates) >= 1000:
                self.dates.clear()
            self.dates[as_of] = found
        return found


def _make_tables(catalog: Catalog) -> _Tables:
    tasks: list[Item | Work] = [*catalog.items.values(), *catalog.works.values()]
    modes: dict[tuple[str, str], Mode] = {}
    for item in catalog.items.values():
        for mode in item.modes:
            modes.setdefault((item.id, mode.id), mode)
    outputs = catalog.outputs()
    starts: list[dt.date] = []
    ends: list[dt.date] = []

    def span(start: dt.date, until: dt.date | None) -> None:
        starts.append(start)
        if until is not None:
            ends.append(until)

    for rule in catalog.rules.compiled:
        span(rule.rule.valid_from, rule.rule.valid_until)
    for task in tasks:
        span(task.valid_from, task.valid_until)
        if isinstance(task, Item):
            for limit in [*task.time_limits.statutory, *task.time_limits.committed]:
                span(limit.valid_from, limit.valid_until)
            for mode in task.modes:
                span(mode.valid_from, mode.valid_until)
    return _Tables(
        tasks=tuple(sorted(tasks, key=lambda t: t.id)),
        modes=modes,
        outputs=outputs,
        issuers={k: v[0] for k, v in outputs.items()},
        then={},
        starts=sorted(starts),
        ends=sorted(ends),
    )


_tables = per_catalog(_make_tables)


class _Builder:
    def __init__(
        self,
        catalog: Catalog,
        fired: Sequence[CompiledRule],
        facts: Facts,
        as_of: dt.date,
        profile_text: str,
    ) -> None:
        self.catalog = catalog
        self.tables = _tables(catalog)
        self.fired = sorted(fired, key=lambda r: r.id)
        then = self.tables.rule_then
        self.then = [(r, then(r)) for r in self.fired]
        self.facts = facts
        self.as_of = as_of
        self.in_force, self.defaults = self.tables.on(as_of)
        self.profile_text = profile_text
        self._reasons: dict[str, Reason] | None = None
        self._derivers: dict[str, list[CompiledRule]] | None = None
        self.warnings: list[RuleWarning] = []
        self.problems: list[Problem] = []

    @property
    def reasons(self) -> dict[str, Reason]:
        """Rule id → the reason the fired rule gives (made on first use)."""
        if self._reasons is None:
            facts = self.facts
            self._reasons = {r.id: reason_for(r, facts) for r in self.fired}
        return self._reasons

    def reasons_of(self, rules: Iterable[CompiledRule]) -> tuple[Reason, ...]:
        reasons = self.reasons
        return _sorted([reasons[r.id] for r in rules])

    def task_reasons_of(self, rules: Iterable[CompiledRule]) -> tuple[Reason, ...]:
        """Why a task applies or not: the reasons of ``rules`` and of the fired rules that
        derived a fact they read, down the chain, so that a task required for a derived
        fact names what derived it (the paragraph that made a project special, not only
        "special")."""
        return self.reasons_of(self._with_derivations(rules))

    def _with_derivations(self, rules: Iterable[CompiledRule]) -> list[CompiledRule]:
        if self._derivers is None:
            derivers: dict[str, list[CompiledRule]] = defaultdict(list)
            for rule, then in self.then:
                for fact in then.derives:
                    derivers[fact].append(rule)
            self._derivers = derivers
        found: dict[str, CompiledRule] = {}
        todo = list(rules)
        while todo:
            rule = todo.pop()
            if rule.id in found:
                continue
            found[rule.id] = rule
            for name in rule.reads:
                todo.extend(self._derivers.get(name, ()))
        return list(found.values())

    def warn(self, code: str, **args: str) -> None:
        self.warnings.append(RuleWarning.of(code, **args))

    def task_in_force(self, task_id: str, rule: CompiledRule) -> bool:
        if task_id in self.in_force:
            return True
        self.warn("rule-not-in-force", rule=rule.id, task=task_id, date=self.as_of.isoformat())
        return False

    def conflict(self, rule: CompiledRule, other: str, what: str) -> None:
        self.problems.append(
            Problem(
                "rule-conflict",
                rule.location,
                f"Rule(id={rule.id!r})",
                args={"rule": other, "other": rule.id, "what": what, "sample": self.profile_text},
            )
        )

    # -- tasks ---------------------------------------------------------------------------
    def tasks(self) -> tuple[tuple[TaskDecision, ...], tuple[TaskDecision, ...], set[str]]:
        required: dict[str, list[CompiledRule]] = defaultdict(list)
        excluded: dict[str, list[CompiledRule]] = defaultdict(list)
        for rule, then in self.then:
            for requires, task_id in then.tasks:
                if self.task_in_force(task_id, rule):
                    (required if requires else excluded)[task_id].append(rule)
        for task in sorted(set(required) & set(excluded)):
            req, exc = required[task][0], excluded[task][0]
            self.problems.append(
                Problem(
                    "rule-contradiction",
                    exc.location,
                    f"Rule(id={exc.id!r})",
                    args={
                        "rule": req.id,
                        "other": exc.id,
                        "task": task,
                        "sample": self.profile_text,
                    },
                )
            )
        defaults = self.defaults
        applicable: list[TaskDecision] = []
        for task_id in sorted(required.keys() | defaults.keys()):
            rules = required.get(task_id)
            by_default = task_id in defaults and task_id not in excluded
            if rules is None:
                if by_default:  # the catalog's reason alone
                    reason = _default_reason(defaults[task_id])
                    applicable.append(TaskDecision.trusted(task=task_id, reasons=(reason,)))
                continue
            found = list(self.task_reasons_of(rules))
            if by_default:
                found.append(_default_reason(defaults[task_id]))
            applicable.append(TaskDecision.trusted(task=task_id, reasons=_sorted(found)))
        excluded_out = tuple(
            TaskDecision.trusted(task=t, reasons=self.task_reasons_of(rules))
            for t, rules in sorted(excluded.items())
        )
        return tuple(applicable), excluded_out, {d.task for d in applicable}

    # -- modes ---------------------------------------------------------------------------
    def modes(self, applies: set[str]) -> tuple[tuple[ModeDecision, ...], list[Option]]:
        enabled: dict[tuple[str, str], list[tuple[CompiledRule, bool]]] = defaultdict(list)
        modes = self.tables.modes
        for rule, then in self.then:
            for m in then.modes:
                if m.item not in applies:
                    continue
                mode = modes[(m.item, m.mode)]
                if not in_force(mode.valid_from, mode.valid_until, self.as_of):
                    self.warn(
                        "rule-mode-not-in-force",
                        rule=rule.id,
                        item=m.item,
                        mode=m.mode,
                        date=self.as_of.isoformat(),
                    )
                    continue
                enabled[(m.item, m.mode)].append((rule, m.mandatory))
        decisions: list[ModeDecision] = []
        per_item: dict[str, list[ModeDecision]] = defaultdict(list)
        for (item, mode_id), by in sorted(enabled.items()):
            decision = ModeDecision.trusted(
                item=item,
                mode=mode_id,
                mandatory=any(mandatory for _, mandatory in by),
                reasons=self.reasons_of(r for r, _ in by),
            )
            decisions.append(decision)
            per_item[item].append(decision)
        options: list[Option] = []
        for item_id, found in sorted(per_item.items()):
            mandatory = [d for d in found if d.mandatory]
            if len(mandatory) > 1:
                first = next(r for r, m in enabled[(item_id, mandatory[0].mode)] if m)
                second = next(r for r, m in enabled[(item_id, mandatory[1].mode)] if m)
                self.conflict(second, first.id, f"enable_mode {item_id}")
            if mandatory:
                continue
            options.append(self.mode_option(item_id, found))
        return tuple(decisions), options

    def mode_option(self, item_id: str, found: Sequence[ModeDecision]) -> Option:
        item = self.catalog.items[item_id]
        modes = self.tables.modes
        alternatives = [
            Alternative.trusted(
                id="normal",
                zh=text("alt-normal", "zh"),
                en=text("alt-normal", "en"),
                edits=_edits(),
                commitments=0,
            )
        ]
        for d in found:
            mode = modes[(item_id, d.mode)]
            alternatives.append(
                Alternative.trusted(
                    id=mode.id,
                    zh=mode.zh,
                    en=mode.en,
                    edits=_edits(
                        set_modes={item_id: mode.id}, remove_tasks=tuple(sorted(mode.replaces))
                    ),
                    commitments=1 if mode.kind == ModeKind.commitment else 0,
                )
            )
        return Option.trusted(
            id=f"mode:{item_id}",
            subject=item_id,
            zh=text("option-mode", "zh", item=item.zh),
            en=text("option-mode", "en", item=item.en or item.id),
            alternatives=tuple(alternatives),
            reasons=_sorted([r for d in found for r in d.reasons]),
        )

    # -- time limits ---------------------------------------------------------------------
    def time_limits(self, applies: set[str]) -> tuple[TimeLimitOverride, ...]:
        """One override per (item, limit); when several rules set one, the shortest wins
        (fewest days; on a tie calendar days before working days), with its rules."""
        found: dict[tuple[str, _Limit], dict[tuple[int, bool], list[CompiledRule]]] = {}
        for rule, then in self.then:
            for t in then.limits:
                if t.item not in applies:
                    continue
                key = (t.value, t.clock == Clock.working)
                found.setdefault((t.item, t.limit), {}).setdefault(key, []).append(rule)
        out = []
        for (item, limit), by in sorted(found.items()):
            (value, working), rules = min(by.items())
            out.append(
                TimeLimitOverride.trusted(
                    item=item,
                    duration=Duration(
                        value=value, clock=Clock.working if working else Clock.calendar
                    ),
                    limit=limit,
                    reasons=self.reasons_of(rules),
                )
            )
        return tuple(out)

    # -- groups --------------------------------------------------------------------------
    def groups(self, applies: set[str]) -> tuple[tuple[ParallelGroup, ...], list[Option]]:
        found: dict[str, tuple[Any, list[CompiledRule]]] = {}
        for rule, then in self.then:
            for g in then.groups:
                found.setdefault(g.id, (g, []))[1].append(rule)
        groups: list[ParallelGroup] = []
        options: list[Option] = []
        for gid, (g, rules) in sorted(found.items()):
            members = tuple(sorted({m for m in g.members if m in applies}))
            optional = tuple(sorted({m for m in g.optional_members if m in applies} - set(members)))
            if len(members) + len(optional) < 2:
                continue
            reasons = self.reasons_of(rules)
            groups.append(
                ParallelGroup.trusted(
                    id=gid,
                    zh=g.zh,
                    en=g.en,
                    members=members,
                    optional_members=optional,
                    lead_department=g.lead,
                    cap=g.cap,
                    issue_together=g.issue_together,
                    reasons=reasons,
                )
            )
            for member in optional:
                item = self.catalog.items[member]
                options.append(
                    Option.trusted(
                        id=f"group:{gid}:{member}",
                        subject=member,
                        zh=text("option-group", "zh", item=item.zh, group=g.zh),
                        en=text("option-group", "en", item=item.en or item.id, group=g.en or gid),
                        alternatives=(
                            Alternative.trusted(
                                id="join",
                                zh=text("alt-join", "zh"),
                                en=text("alt-join", "en"),
                                edits=_edits(join_groups={gid: (member,)}),
                                commitments=0,
                            ),
                            Alternative.trusted(
                                id="separate",
                                zh=text("alt-separate", "zh"),
                                en=text("alt-separate", "en"),
                                edits=_edits(),
                                commitments=0,
                            ),
                        ),
                        reasons=reasons,
                    )
                )
        return tuple(groups), options

    # -- dependencies --------------------------------------------------------------------
    def _end_applies(self, end: str, applies: set[str]) -> bool:
        if end in applies:
            return True
        issuer = self.tables.issuers.get(end)
        return issuer is not None and issuer in applies

    def dependencies(
        self, applies: set[str]
    ) -> tuple[tuple[DependencyDecision, ...], tuple[DependencyDecision, ...]]:
        added: dict[Dependency, list[CompiledRule]] = defaultdict(list)
        removed: dict[Dependency, list[CompiledRule]] = defaultdict(list)
        for rule, then in self.then:
            for a in then.added:
                if a.after in applies and self._end_applies(a.before, applies):
                    added[_dependency(a.before, a.after, a.binds, a.lag)].append(rule)
            for r in then.removed:
                if r.after in applies:
                    removed[_dependency(r.before, r.after, "acceptance", None)].append(rule)

        def out(found: dict[Dependency, list[CompiledRule]]) -> tuple[DependencyDecision, ...]:
            return tuple(
                DependencyDecision.trusted(dependency=dep, reasons=self.reasons_of(rules))
                for dep, rules in sorted(found.items(), key=lambda kv: _dep_key(kv[0]))
            )

        return out(added), out(removed)

    # -- alternatives and obligations ----------------------------------------------------
    def alternatives(self, applies: set[str]) -> list[Option]:
        found: dict[str, tuple[Any, list[CompiledRule]]] = {}
        for rule, then in self.then:
            for a in then.alternatives:
                if a.item in applies:
                    found.setdefault(a.id, (a, []))[1].append(rule)
        outputs = self.tables.outputs
        options = []
        for aid, (a, rules) in sorted(found.items()):
            alts = []
            for out in a.any_of:
                zh, en = self._end_names(out, outputs)
                others = tuple(
                    _dependency(o, a.item, "acceptance", None) for o in a.any_of if o != out
                )
                alts.append(
                    Alternative.trusted(
                        id=out,
                        zh=zh,
                        en=en,
                        edits=_edits(
                            add_dependencies=(_dependency(out, a.item, "acceptance", None),),
                            remove_dependencies=others,
                        ),
                        commitments=0,
                    )
                )
            options.append(
                Option.trusted(
                    id=f"alt:{aid}",
                    subject=a.item,
                    zh=a.zh,
                    en=a.en,
                    alternatives=tuple(alts),
                    reasons=self.reasons_of(rules),
                )
            )
        return options

    def _end_names(self, end: str, outputs: Mapping[str, Any]) -> tuple[str, str]:
        if end in outputs:
            out = outputs[end][1]
            return out.zh, out.en
        task = self.catalog.task(end)
        return task.zh, task.en

    def obligations(self, applies: set[str]) -> tuple[ObligationDecision, ...]:
        found: dict[tuple[str, str], tuple[Any, CompiledRule, list[CompiledRule]]] = {}
        for rule, then in self.then:
            for o in then.obligations:
                if o.item in applies:
                    found.setdefault((o.item, o.id), (o, rule, []))[2].append(rule)
        return tuple(
            ObligationDecision.trusted(
                id=o.id,
                item=o.item,
                zh=o.zh,
                en=o.en,
                after=o.after,
                due=o.due,
                basis=o.basis or first.rule.basis,
                mode=None,
                reasons=self.reasons_of(rules),
            )
            for _, (o, first, rules) in sorted(found.items())
        )

    def materials(self, applies: set[str]) -> tuple[MaterialDecision, ...]:
        """The conditional materials of applicable items whose condition held."""
        found: dict[tuple[str, str], list[CompiledRule]] = defaultdict(list)
        for rule, then in self.then:
            for item, material in then.materials:
                if item in applies:
                    found[(item, material)].append(rule)
        return tuple(
            MaterialDecision.trusted(
                item=item, material=material, reasons=self.task_reasons_of(rules)
            )
            for (item, material), rules in sorted(found.items())
        )

    # -- horizon -------------------------------------------------------------------------
    def horizon_warnings(
        self, horizon: dt.date, applies: Iterable[str], modes: Sequence[ModeDecision]
    ) -> None:
        as_of = self.as_of

        def check(kind: str, ident: str, start: dt.date, until: dt.date | None) -> None:
            if until is not None and as_of <= until < horizon:
                change = f"valid_until {until.isoformat()}"
            elif as_of < start <= horizon:
                change = f"valid_from {start.isoformat()}"
            else:
                return
            self.warn(
                "rule-validity-changes",
                kind=kind,
                id=ident,
                as_of=as_of.isoformat(),
                horizon=horizon.isoformat(),
                change=change,
            )

        for rule in self.fired:
            check("kind-rule", rule.id, rule.rule.valid_from, rule.rule.valid_until)
        for task_id in sorted(applies):
            task = self.catalog.task(task_id)
            check("kind-task", task_id, task.valid_from, task.valid_until)
            if isinstance(task, Item):
                limits: list[DatedDuration] = [
                    *task.time_limits.statutory,
                    *task.time_limits.committed,
                ]
                for n, limit in enumerate(limits):
                    if limit.valid_from > as_of or limit.in_force(as_of):
                        check(
                            "kind-time-limit", f"{task_id}#{n}", limit.valid_from, limit.valid_until
                        )
        modes_by_id = self.tables.modes
        for d in modes:
            mode = modes_by_id[(d.item, d.mode)]
            check("kind-mode", f"{d.item}/{d.mode}", mode.valid_from, mode.valid_until)


def _dep_key(dep: Dependency) -> tuple[str, str, str, int, str]:
    lag = dep.lag
    return (dep.after, dep.before, dep.binds, lag.value if lag else -1, lag.clock if lag else "")


def build_decisions(
    catalog: Catalog,
    fired: Sequence[CompiledRule],
    facts: Facts,
    *,
    as_of: dt.date,
    engine: str,
    profile_text: str,
    horizon: dt.date | None = None,
) -> Decisions:
    """The decisions that follow from ``fired`` (with ``facts`` including derived facts).

    Raises :class:`~pathplanner.errors.InputError` for a contradiction (a task both required
    and excluded) or a conflict (two mandatory modes of one item, two different time
    limits), naming both rules and the profile.
    """
    b = _Builder(catalog, fired, facts, as_of, profile_text)
    applicable, excluded, applies = b.tasks()
    modes, mode_options = b.modes(applies)
    limits = b.time_limits(applies)
    groups, group_options = b.groups(applies)
    added, removed = b.dependencies(applies)
    alt_options = b.alternatives(applies)
    obligations = b.obligations(applies)
    materials = b.materials(applies)
    if b.problems:
        raise InputError(b.problems)
    if horizon is not None and _changes_between(b.tables, as_of, horizon):
        b.horizon_warnings(horizon, applies, modes)
    options = sorted([*mode_options, *group_options, *alt_options], key=lambda o: o.id)
    return Decisions.trusted(
        as_of=as_of,
        catalog_hash=catalog.content_hash,
        engine=engine,
        facts={k: v for k, v in sorted(facts.items()) if v is not None},
        applicable=applicable,
        excluded=excluded,
        modes=modes,
        options=tuple(options),
        time_limits=limits,
        groups=groups,
        added_dependencies=added,
        removed_dependencies=removed,
        obligations=obligations,
        warnings=tuple(sorted(set(b.warnings))),
        targets=applicable_targets(catalog, facts, as_of),
        materials=materials,
    )


def _changes_between(tables: _Tables, as_of: dt.date, horizon: dt.date) -> bool:
    """Whether anything in the catalog (rule, task, time limit, mode) stops being valid in
    ``[as_of, horizon)`` or starts in ``(as_of, horizon]``: only then can a validity
    warning arise."""
    ends, starts = tables.ends, tables.starts
    first_end = bisect.bisect_left(ends, as_of)
    if first_end < len(ends) and ends[first_end] < horizon:
        return True
    first_start = bisect.bisect_right(starts, as_of)
    return first_start < len(starts) and starts[first_start] <= horizon


def validity_warnings(
    catalog: Catalog, decisions: Decisions, *, horizon: dt.date
) -> tuple[RuleWarning, ...]:
    """Warnings for the rules, tasks, modes and time limits ``decisions``
    used whose validity changes between ``decisions.as_of`` and ``horizon`` (for example
    the plan's finish, known only after scheduling).

    The rules used are recomputed from ``decisions.facts``: with derived facts final, a
    rule fired exactly when it is in force and its condition holds on them.
    """
    tables = _tables(catalog)
    as_of = decisions.as_of
    if not _changes_between(tables, as_of, horizon):
        return ()
    facts: Facts = dict(decisions.facts)
    fired = [r for r in catalog.rules.compiled if r.in_force(as_of) and r.test(facts)]
    b = _Builder(catalog, fired, facts, as_of, "")
    b.horizon_warnings(horizon, decisions.applicable_ids(), decisions.modes)
    return tuple(sorted(set(b.warnings)))
