"""Turn the rules that fired into :class:`~pathplanner.decisions.Decisions`.

Shared by both engines, so they can only differ in which rules fired. Semantics (see
``docs/rules.md``): tasks in force on ``as_of`` apply when ``applies_by_default`` and not
excluded, or when a rule requires them; require + exclude of one task is a contradiction;
non-mandatory modes become options ``mode:<item>``; ``alternatives`` become options
``alt:<id>``; optional group members become options ``group:<group>:<item>``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

from pathplanner._messages import text
from pathplanner.decisions import (
    DEFAULT_RULE_ID,
    Alternative,
    Decisions,
    Dependency,
    DependencyDecision,
    Edits,
    FactValue,
    ModeDecision,
    ObligationDecision,
    Option,
    ParallelGroup,
    Reason,
    TaskDecision,
    TimeLimitOverride,
)
from pathplanner.errors import InputError, Problem
from pathplanner.model import Clock, DatedDuration, Duration, Item, ModeKind, Work, in_force
from pathplanner.rules.book import CompiledRule
from pathplanner.rules.evaluation import Facts
from pathplanner.rules.model import (
    AddDependency,
    AlternativesConclusion,
    EnableMode,
    ExcludeConclusion,
    ObligationConclusion,
    ParallelGroupConclusion,
    RemoveDependency,
    RequireConclusion,
    SetTimeLimit,
)

if TYPE_CHECKING:
    from pathplanner.catalog import Catalog

__all__ = ["build_decisions", "reason_for", "validity_warnings"]

_Limit = Literal["committed", "statutory"]


def reason_for(rule: CompiledRule, facts: Mapping[str, Any]) -> Reason:
    """The reason a fired rule gives: its id, condition text, the facts it read, its basis."""
    seen: dict[str, FactValue | None] = {name: facts.get(name) for name in rule.reads}
    return Reason(
        rule_id=rule.id,
        text=" ".join(rule.rule.when.split()),
        basis=rule.rule.basis,
        facts=seen,
    )


def _default_reason(task: Item | Work) -> Reason:
    return Reason(
        rule_id=DEFAULT_RULE_ID,
        text="applies_by_default: true",
        basis=task.basis[0] if task.basis else "",
    )


def _sorted(reasons: Sequence[Reason]) -> tuple[Reason, ...]:
    unique = {r.rule_id: r for r in reasons}
    return tuple(unique[k] for k in sorted(unique))


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
        self.fired = sorted(fired, key=lambda r: r.id)
        self.facts = facts
        self.as_of = as_of
        self.profile_text = profile_text
        self.reasons = {r.id: reason_for(r, facts) for r in fired}
        self.warnings: list[str] = []
        self.problems: list[Problem] = []

    def warn(self, code: str, **args: str) -> None:
        self.warnings.append(text(code, "zh", **args))

    def task_in_force(self, task_id: str, rule: CompiledRule) -> bool:
        task = self.catalog.task(task_id)
        if in_force(task.valid_from, task.valid_until, self.as_of):
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
        for rule in self.fired:
            for c in rule.rule.then:
                if isinstance(c, RequireConclusion) and self.task_in_force(c.require, rule):
                    required[c.require].append(rule)
                elif isinstance(c, ExcludeConclusion) and self.task_in_force(c.exclude, rule):
                    excluded[c.exclude].append(rule)
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
        applicable: list[TaskDecision] = []
        tasks: list[Item | Work] = [*self.catalog.items.values(), *self.catalog.works.values()]
        for entry in sorted(tasks, key=lambda t: t.id):
            if not in_force(entry.valid_from, entry.valid_until, self.as_of):
                continue
            reasons = [self.reasons[r.id] for r in required.get(entry.id, [])]
            if entry.applies_by_default and entry.id not in excluded:
                reasons.append(_default_reason(entry))
            if reasons:
                applicable.append(TaskDecision(task=entry.id, reasons=_sorted(reasons)))
        excluded_out = tuple(
            TaskDecision(task=t, reasons=_sorted([self.reasons[r.id] for r in rules]))
            for t, rules in sorted(excluded.items())
        )
        return tuple(applicable), excluded_out, {d.task for d in applicable}

    # -- modes ---------------------------------------------------------------------------
    def modes(self, applies: set[str]) -> tuple[tuple[ModeDecision, ...], list[Option]]:
        enabled: dict[tuple[str, str], list[tuple[CompiledRule, bool]]] = defaultdict(list)
        for rule in self.fired:
            for c in rule.rule.then:
                if not isinstance(c, EnableMode) or c.enable_mode.item not in applies:
                    continue
                m = c.enable_mode
                mode = next(x for x in self.catalog.items[m.item].modes if x.id == m.mode)
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
            decision = ModeDecision(
                item=item,
                mode=mode_id,
                mandatory=any(mandatory for _, mandatory in by),
                reasons=_sorted([self.reasons[r.id] for r, _ in by]),
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
        modes = {m.id: m for m in item.modes}
        alternatives = [
            Alternative(id="normal", zh=text("alt-normal", "zh"), en=text("alt-normal", "en"))
        ]
        for d in found:
            mode = modes[d.mode]
            alternatives.append(
                Alternative(
                    id=mode.id,
                    zh=mode.zh,
                    en=mode.en,
                    edits=Edits(
                        set_modes={item_id: mode.id}, remove_tasks=tuple(sorted(mode.replaces))
                    ),
                    commitments=1 if mode.kind == ModeKind.commitment else 0,
                )
            )
        return Option(
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
        for rule in self.fired:
            for c in rule.rule.then:
                if not isinstance(c, SetTimeLimit) or c.set_time_limit.item not in applies:
                    continue
                t = c.set_time_limit
                key = (t.value, t.clock == Clock.working)
                found.setdefault((t.item, t.limit), {}).setdefault(key, []).append(rule)
        out = []
        for (item, limit), by in sorted(found.items()):
            (value, working), rules = min(by.items())
            out.append(
                TimeLimitOverride(
                    item=item,
                    duration=Duration(
                        value=value, clock=Clock.working if working else Clock.calendar
                    ),
                    limit=limit,
                    reasons=_sorted([self.reasons[r.id] for r in rules]),
                )
            )
        return tuple(out)

    # -- groups --------------------------------------------------------------------------
    def groups(self, applies: set[str]) -> tuple[tuple[ParallelGroup, ...], list[Option]]:
        found: dict[str, tuple[Any, list[CompiledRule]]] = {}
        for rule in self.fired:
            for c in rule.rule.then:
                if isinstance(c, ParallelGroupConclusion):
                    g = c.parallel_group
                    found.setdefault(g.id, (g, []))[1].append(rule)
        groups: list[ParallelGroup] = []
        options: list[Option] = []
        for gid, (g, rules) in sorted(found.items()):
            members = tuple(sorted({m for m in g.members if m in applies}))
            optional = tuple(sorted({m for m in g.optional_members if m in applies} - set(members)))
            if len(members) + len(optional) < 2:
                continue
            reasons = _sorted([self.reasons[r.id] for r in rules])
            groups.append(
                ParallelGroup(
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
                    Option(
                        id=f"group:{gid}:{member}",
                        subject=member,
                        zh=text("option-group", "zh", item=item.zh, group=g.zh),
                        en=text("option-group", "en", item=item.en or item.id, group=g.en or gid),
                        alternatives=(
                            Alternative(
                                id="join",
                                zh=text("alt-join", "zh"),
                                en=text("alt-join", "en"),
                                edits=Edits(join_groups={gid: (member,)}),
                            ),
                            Alternative(
                                id="separate",
                                zh=text("alt-separate", "zh"),
                                en=text("alt-separate", "en"),
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
        issuer = self.outputs.get(end)
        return issuer is not None and issuer in applies

    @property
    def outputs(self) -> dict[str, str]:
        if not hasattr(self, "_outputs"):
            self._outputs = {k: v[0] for k, v in self.catalog.outputs().items()}
        return self._outputs

    def dependencies(
        self, applies: set[str]
    ) -> tuple[tuple[DependencyDecision, ...], tuple[DependencyDecision, ...]]:
        added: dict[Dependency, list[CompiledRule]] = defaultdict(list)
        removed: dict[Dependency, list[CompiledRule]] = defaultdict(list)
        for rule in self.fired:
            for c in rule.rule.then:
                if isinstance(c, AddDependency):
                    a = c.add_dependency
                    if a.after in applies and self._end_applies(a.before, applies):
                        dep = Dependency(before=a.before, after=a.after, binds=a.binds, lag=a.lag)
                        added[dep].append(rule)
                elif isinstance(c, RemoveDependency):
                    r = c.remove_dependency
                    if r.after in applies:
                        removed[Dependency(before=r.before, after=r.after)].append(rule)

        def out(found: dict[Dependency, list[CompiledRule]]) -> tuple[DependencyDecision, ...]:
            return tuple(
                DependencyDecision(
                    dependency=dep, reasons=_sorted([self.reasons[r.id] for r in rules])
                )
                for dep, rules in sorted(found.items(), key=lambda kv: _dep_key(kv[0]))
            )

        return out(added), out(removed)

    # -- alternatives and obligations ----------------------------------------------------
    def alternatives(self, applies: set[str]) -> list[Option]:
        found: dict[str, tuple[Any, list[CompiledRule]]] = {}
        for rule in self.fired:
            for c in rule.rule.then:
                if isinstance(c, AlternativesConclusion) and c.alternatives.item in applies:
                    found.setdefault(c.alternatives.id, (c.alternatives, []))[1].append(rule)
        outputs = self.catalog.outputs()
        options = []
        for aid, (a, rules) in sorted(found.items()):
            alts = []
            for out in a.any_of:
                zh, en = self._end_names(out, outputs)
                others = tuple(Dependency(before=o, after=a.item) for o in a.any_of if o != out)
                alts.append(
                    Alternative(
                        id=out,
                        zh=zh,
                        en=en,
                        edits=Edits(
                            add_dependencies=(Dependency(before=out, after=a.item),),
                            remove_dependencies=others,
                        ),
                    )
                )
            options.append(
                Option(
                    id=f"alt:{aid}",
                    subject=a.item,
                    zh=a.zh,
                    en=a.en,
                    alternatives=tuple(alts),
                    reasons=_sorted([self.reasons[r.id] for r in rules]),
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
        for rule in self.fired:
            for c in rule.rule.then:
                if isinstance(c, ObligationConclusion) and c.obligation.item in applies:
                    o = c.obligation
                    found.setdefault((o.item, o.id), (o, rule, []))[2].append(rule)
        return tuple(
            ObligationDecision(
                id=o.id,
                item=o.item,
                zh=o.zh,
                en=o.en,
                after=o.after,
                due=o.due,
                basis=o.basis or first.rule.basis,
                reasons=_sorted([self.reasons[r.id] for r in rules]),
            )
            for _, (o, first, rules) in sorted(found.items())
        )

    # -- horizon -------------------------------------------------------------------------
    def horizon_warnings(
        self, horizon: dt.date, applies: set[str], modes: Sequence[ModeDecision]
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
                kind=text(kind, "zh"),
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
        for d in modes:
            mode = next(m for m in self.catalog.items[d.item].modes if m.id == d.mode)
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
    if b.problems:
        raise InputError(b.problems)
    if horizon is not None:
        b.horizon_warnings(horizon, applies, modes)
    options = sorted([*mode_options, *group_options, *alt_options], key=lambda o: o.id)
    return Decisions(
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
    )


def validity_warnings(
    catalog: Catalog, decisions: Decisions, *, horizon: dt.date
) -> tuple[str, ...]:
    """Warnings (Chinese text) for the rules, tasks, modes and time limits ``decisions``
    used whose validity changes between ``decisions.as_of`` and ``horizon`` (for example
    the plan's finish, known only after scheduling).

    The rules used are recomputed from ``decisions.facts``: with derived facts final, a
    rule fired exactly when it is in force and its condition holds on them.
    """
    facts: Facts = dict(decisions.facts)
    fired = [r for r in catalog.rules.compiled if r.in_force(decisions.as_of) and r.test(facts)]
    b = _Builder(catalog, fired, facts, decisions.as_of, "")
    b.horizon_warnings(horizon, set(decisions.applicable_ids()), decisions.modes)
    return tuple(sorted(set(b.warnings)))
