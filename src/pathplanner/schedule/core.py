"""``schedule()``: choose the options, time the graph, assemble the :class:`Schedule`."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from typing import Any

from pathplanner._input.suggest import did_you_mean
from pathplanner._support.gc import collector_paused
from pathplanner.calendar import provisional_problem
from pathplanner.catalog import Catalog
from pathplanner.catalog.model import Duration, ModeKind
from pathplanner.decisions import Decisions, ModeDecision, Option
from pathplanner.errors import InputError, Location, Problem
from pathplanner.schedule._days import DayTable, shared_table
from pathplanner.schedule.actuals import Actuals
from pathplanner.schedule.cpm import (
    SUPPLEMENT,
    WORKING,
    Net,
    Times,
    backward,
    critical_chain,
    forward,
    legal_end,
)
from pathplanner.schedule.durations import ItemLimits
from pathplanner.schedule.government import (
    GovernmentTime,
    Scope,
    TimedTask,
    approval_chain,
    office_days,
    union_working_days,
)
from pathplanner.schedule.graph import PlanGraph, TaskSpec
from pathplanner.schedule.replan import Replan, contradictions, plan_replan, slippage_of
from pathplanner.schedule.result import (
    AlternativeFinish,
    Choice,
    Edge,
    GroupSpan,
    ObligationDue,
    Schedule,
    ScheduledTask,
    TaskStatus,
)
from pathplanner.schedule.search.optimize import Optimizer, Outcome

__all__ = ["schedule"]


def _resolve_pins(
    decisions: Decisions, options: Sequence[str], pins: Mapping[str, str]
) -> tuple[dict[str, str], list[Problem]]:
    """Pins keyed by option id, or by item id for a mode option (``mode:<item>``). A pin
    on the mode of an item whose mode a rule makes mandatory is an error naming the rule,
    unless it pins that very mode."""
    by_id = {o.id: o for o in decisions.options}
    mandatory = {m.item: m for m in decisions.modes if m.mandatory}
    out: dict[str, str] = {}
    problems: list[Problem] = []
    for key, value in sorted(pins.items()):
        option_id = key if key in by_id else f"mode:{key}"
        option = by_id.get(option_id)
        forced = mandatory.get(option_id.removeprefix("mode:"))
        if option is None and forced is not None:
            if value != forced.mode:
                problems.append(_mandatory_pin(key, value, forced))
            continue
        if option is None:
            problems.append(
                Problem(
                    "schedule-unknown-pin",
                    Location("<pins>"),
                    breadcrumb=f"Pin(option='{key}')",
                    expected=", ".join(options),
                    found=key,
                    hint=", ".join(did_you_mean(key, list(options))),
                    args={"option": key},
                )
            )
            continue
        alts = [a.id for a in option.alternatives]
        if value not in alts:
            problems.append(
                Problem(
                    "schedule-unknown-alternative",
                    Location("<pins>"),
                    breadcrumb=f"Pin(option='{option_id}')",
                    expected=", ".join(alts),
                    found=value,
                    hint=", ".join(did_you_mean(value, alts)),
                    args={"option": option_id, "alternative": value},
                )
            )
            continue
        out[option_id] = value
    return out, problems


def _mandatory_pin(key: str, value: str, forced: ModeDecision) -> Problem:
    """A pin asking for another mode than the one a rule makes mandatory."""
    rules = ", ".join(sorted({r.rule_id for r in forced.reasons})) or "-"
    return Problem(
        "schedule-pin-mandatory",
        Location("<pins>"),
        breadcrumb=f"Pin(option='{key}')",
        expected=forced.mode,
        found=value,
        args={"item": forced.item, "mode": forced.mode, "alternative": value, "rule": rules},
    )


def refused_alternatives(
    catalog: Catalog, options: Sequence[Option], refuse: Collection[str]
) -> dict[str, frozenset[str]]:
    """Option id → the alternatives that set a mode of a kind in ``refuse`` (mode kinds the
    investor refuses, e.g. ``commitment``, ``tolerance``)."""
    kinds = {ModeKind(k) for k in refuse}
    out: dict[str, frozenset[str]] = {}
    if not kinds:
        return out
    for option in options:
        found = set()
        for alt in option.alternatives:
            for item_id, mode_id in alt.edits.set_modes.items():
                item = catalog.items.get(item_id)
                modes = item.modes if item is not None else []
                if any(m.id == mode_id and m.kind in kinds for m in modes):
                    found.add(alt.id)
        if found:
            out[option.id] = frozenset(found)
    return out


def retimed(
    net: Net,
    graph: PlanGraph,
    catalog: Catalog,
    decisions: Decisions,
    *,
    statutory: bool,
) -> Net:
    """``net`` with the items' durations of the other limits (committed or statutory)."""
    duration = list(net.duration)
    excluded = list(net.excluded)
    limits = ItemLimits(catalog, decisions, statutory=statutory)
    tasks, items = graph.tasks, catalog.items
    for i, task_id in enumerate(net.ids):
        spec = tasks[task_id]
        if spec.type != "item":
            continue
        item = items[spec.ref]
        mode = None
        if spec.mode is not None:
            mode = next((m for m in item.modes if m.id == spec.mode), None)
        duration[i], excluded[i] = limits.of(item, mode)
    return replace(net, duration=duration, excluded=excluded)


@collector_paused()
def schedule(
    catalog: Catalog,
    decisions: Decisions,
    *,
    start: dt.date,
    statutory: bool = False,
    pins: Mapping[str, str] | None = None,
    actuals: Actuals | None = None,
    baseline: Schedule | None = None,
    strict_calendar: bool = False,
    refuse: Collection[str] = (),
) -> Schedule:
    """The optimal schedule of the applicable tasks from ``start`` (the 立项 submission).

    ``pins`` fixes options: option id (``mode:<item>``, ``alt:<id>``,
    ``group:<group>:<item>``) or item id (for its mode option) → alternative id.
    ``actuals`` re-plans from actual dates (``baseline`` is the plan they are compared with;
    without it, the plan from the same inputs without actuals). ``strict_calendar`` makes a
    provisional calendar year an error instead of a warning. ``refuse`` names mode kinds
    the investor refuses (``commitment``, ``tolerance``): where an option leaves the
    choice, alternatives setting such a mode are not taken unless pinned.

    A combination in which a tolerance mode that an option offers misses a supplement
    deadline is infeasible (the application would be refused): it is taken only when
    pinned, and each choice says which alternatives miss a deadline.

    Raises :class:`~pathplanner.errors.InputError` for unknown pins, cycles, dependencies
    inside a parallel group and (strict) provisional years.
    """
    days = shared_table(catalog.calendar, start)
    s0 = start.toordinal()
    option_ids = sorted(o.id for o in decisions.options)
    pinned, problems = _resolve_pins(decisions, option_ids, pins or {})
    if problems:
        raise InputError(problems)

    replan: Replan | None = None
    if actuals is not None:
        if baseline is None:
            baseline = schedule(
                catalog,
                decisions,
                start=start,
                statutory=statutory,
                pins=pins,
                strict_calendar=strict_calendar,
                refuse=refuse,
            )
        replan = plan_replan(catalog, decisions, actuals, baseline, days)
    frozen = dict(replan.frozen) if replan else {}
    for option_id, alt in frozen.items():
        pinned.setdefault(option_id, alt)

    refused = refused_alternatives(catalog, decisions.options, refuse)
    index_of = {o.id: k for k, o in enumerate(sorted(decisions.options, key=lambda o: o.id))}
    opt = Optimizer(
        catalog,
        decisions,
        days,
        s0,
        statutory=statutory,
        fixed=replan.fixed if replan else None,
        floor_all=replan.floor_all if replan else None,
        excluded={
            index_of[o.id]: frozenset(
                a for a, alt in enumerate(o.alternatives) if alt.id in refused[o.id]
            )
            for o in decisions.options
            if o.id in refused
        },
    )
    pin_idx = {
        index_of[o]: next(
            i for i, a in enumerate(opt.options[index_of[o]].alternatives) if a.id == v
        )
        for o, v in pinned.items()
    }
    outcome = opt.search(pin_idx)
    choices, unproven = _choices(opt, outcome, pin_idx, pinned, frozen)

    graph, net, times = opt.compiled(outcome.best.choice)
    fixed = opt.fixed_for(net.index)
    backward(net, days, times)

    other_net = retimed(net, graph, catalog, decisions, statutory=not statutory)
    if other_net.duration == net.duration and other_net.excluded == net.excluded:
        other_finish = times.finish  # the same limits: the same pass
    else:
        other_finish = forward(other_net, days, s0, fixed).finish

    warnings: list[Problem] = [*graph.problems, *unproven]
    if replan is not None:
        warnings.extend(contradictions(net, times, days, replan))
    result = _assemble(
        catalog,
        graph=graph,
        net=net,
        times=times,
        days=days,
        s0=s0,
        other_finish=other_finish,
        warnings=warnings,
        replan=replan,
        strict_calendar=strict_calendar,
    )
    if not outcome.optimal:
        warnings.append(
            _over_budget(
                "schedule-not-optimal", catalog, bound=days.date(outcome.bound).isoformat()
            )
        )
    government = _government_time(
        catalog,
        decisions,
        graph=graph,
        net=net,
        times=times,
        days=days,
        s0=s0,
        reviews=result.reviews,
    )
    slip = slippage_of(result, baseline, replan, days) if replan and baseline else None
    if replan:
        warnings.extend(replan.problems)
    unique = {(p.sort_key(), p.message("en")): p for p in warnings}
    ordered = tuple(unique[k] for k in sorted(unique))
    return Schedule(
        start=start,
        finish=result.finish,
        working_days=result.working_days,
        government_working_days=result.government_working_days,
        tasks=result.tasks,
        critical_path=result.critical_path,
        choices=choices,
        groups=result.groups,
        obligations=result.obligations,
        optimal=outcome.optimal,
        bound=days.date(outcome.bound) if not outcome.optimal else None,
        provisional=result.provisional,
        warnings=ordered,
        slippage=slip,
        statutory=statutory,
        other_finish=days.date(other_finish) if other_finish != times.finish else None,
        provisional_years=result.provisional_years,
        nodes_explored=outcome.nodes,
        calendar_versions=_versions(catalog, start, result.last_day),
        government_time=government,
    )


def _government_time(
    catalog: Catalog,
    decisions: Decisions,
    *,
    graph: PlanGraph,
    net: Net,
    times: Times,
    days: DayTable,
    s0: int,
    reviews: Mapping[str, tuple[int, int]],
) -> GovernmentTime:
    """Both measures of government time for the timed plan, and the chain of each target
    that applies (``docs/scheduling.md`` §6). Of the inputs of an ``any_of`` prerequisite
    only the one that satisfied it (the earliest) is a predecessor on a chain."""
    preds: dict[str, list[str]] = {}
    for before, after, edge in graph.edges:
        if edge.one_of is not None:
            first = times.driver[net.index[edge.one_of]]
            if first < 0 or net.ids[first] != before:
                continue
        preds.setdefault(after, []).append(before)
    departments = catalog.departments
    timed: list[TimedTask] = []
    for task_id in net.ids:
        spec = graph.tasks[task_id]
        dept = departments.get(spec.department or "")
        timed.append(
            TimedTask(
                id=task_id,
                stage=spec.stage,
                item=spec.type == "item",
                utility=dept is not None and dept.kind == "utility",
                review=reviews.get(task_id),
                predecessors=tuple(preds.get(task_id, ())),
            )
        )
    order = list(catalog.stages)
    targets = {}
    for applies in decisions.targets:
        target = catalog.targets[applies.target]
        scope = Scope(frozenset(target.stages), target.utilities)
        targets[target.id] = approval_chain(timed, days, s0, scope, order)
    return GovernmentTime(
        chain=approval_chain(timed, days, s0, Scope(), order),
        office_stages=office_days(timed, days, order),
        targets=targets,
    )


def _versions(catalog: Catalog, a: dt.date, b: dt.date) -> dict[str, str]:
    versions = getattr(catalog.calendar, "versions", None)
    if versions is None:
        return {}
    try:
        found = versions(a, b)
    except TypeError:
        found = versions()
    return {str(k): str(v) for k, v in sorted(found.items())}


def _over_budget(code: str, catalog: Catalog, **args: str) -> Problem:
    """A warning that a search stopped at the catalog's node budget (named in it)."""
    return Problem(
        code,
        Location("catalog/catalog.yaml"),
        breadcrumb="CatalogManifest > node_budget",
        severity="warning",
        args={"budget": str(catalog.manifest.node_budget), **args},
    )


def _choices(
    opt: Optimizer,
    outcome: Outcome,
    pin_idx: Mapping[int, int],
    pinned: Mapping[str, str],
    frozen: Mapping[str, str],
) -> tuple[tuple[Choice, ...], list[Problem]]:
    """Each option with every alternative's finish (the best plan with it pinned), and a
    warning for each such finish its search could not prove within the node budget."""
    out: list[Choice] = []
    unproven: list[Problem] = []
    best = outcome.best
    for k, option in enumerate(opt.options):
        alts: list[AlternativeFinish] = []
        for a, alt in enumerate(option.alternatives):
            trial_pins = {**pin_idx, k: a}
            if a == best.choice[k]:
                ev = best
            else:
                found = opt.search(trial_pins, finish_only=True)
                ev = found.best
                if not found.optimal:
                    unproven.append(
                        _over_budget(
                            "schedule-alternative-not-optimal",
                            opt.catalog,
                            option=option.id,
                            alternative=alt.id,
                            finish=opt.days.date(ev.finish).isoformat(),
                            bound=opt.days.date(found.bound).isoformat(),
                        )
                    )
            alts.append(
                AlternativeFinish(
                    id=alt.id,
                    zh=alt.zh,
                    en=alt.en,
                    finish=opt.days.date(ev.finish),
                    commitments=ev.commitments,
                    items=ev.items,
                    misses_deadline=k in ev.late,
                    refused=a in opt.excluded.get(k, ()),
                )
            )
        out.append(
            Choice(
                option=option.id,
                subject=option.subject,
                zh=option.zh,
                en=option.en,
                chosen=option.alternatives[best.choice[k]].id,
                alternatives=tuple(alts),
                pinned=option.id in pinned and option.id not in frozen,
                frozen=option.id in frozen,
            )
        )
    return tuple(out), unproven


class _Assembled:
    def __init__(self) -> None:
        self.finish = dt.date.min
        self.working_days = 0
        self.government_working_days = 0
        self.tasks: tuple[ScheduledTask, ...] = ()
        self.critical_path: tuple[str, ...] = ()
        self.groups: tuple[GroupSpan, ...] = ()
        self.obligations: tuple[ObligationDue, ...] = ()
        self.provisional = False
        self.provisional_years: tuple[int, ...] = ()
        self.reviews: dict[str, tuple[int, int]] = {}
        self.last_day = dt.date.min
        """The latest date the plan reports: finish, other finish or an obligation's due."""


def _total(segments: Sequence[Duration]) -> Duration | None:
    if not segments:
        return None
    return Duration(value=sum(s.value for s in segments), clock=segments[0].clock)


_TASK_DEFAULTS: dict[str, Any] = {
    f.name: f.default
    for f in dataclasses.fields(ScheduledTask)
    if f.default is not dataclasses.MISSING
}


_ASSEMBLED = frozenset(
    [
        "id",
        "type",
        "ref",
        "zh",
        "en",
        "stage",
        "department",
        "mode",
        "start",
        "finish",
        "ready",
        "duration",
        "predecessors",
        "earliest_start",
        "earliest_finish",
        "latest_start",
        "latest_finish",
        "float_working_days",
        "critical",
        "provisional",
        "government",
        "group",
        "excluded",
        "deadline",
        "status",
        "actual_start",
        "actual_finish",
        "provider",
        "replaces",
    ]
)
"""The fields :func:`_assemble` sets on every task."""
_OTHER_DEFAULTS = {k: v for k, v in _TASK_DEFAULTS.items() if k not in _ASSEMBLED}
"""Defaults of fields added to :class:`ScheduledTask` since (none today)."""


class _Dates(dict[int, dt.date]):
    """Ordinal → date, made on first use."""

    def __missing__(self, o: int) -> dt.date:
        day = self[o] = dt.date.fromordinal(o)
        return day


def _assemble(
    catalog: Catalog,
    *,
    graph: PlanGraph,
    net: Net,
    times: Times,
    days: DayTable,
    s0: int,
    other_finish: int,
    warnings: list[Problem],
    replan: Replan | None,
    strict_calendar: bool,
) -> _Assembled:
    out = _Assembled()
    date = _Dates().__getitem__  # one date object per day, shared by the tasks
    preds: dict[str, list[Edge]] = {}
    for _before, after, edge in graph.edges:
        found = preds.get(after)
        if found is None:
            preds[after] = [edge]
        else:
            found.append(edge)
    tasks: list[ScheduledTask] = []
    gov_spans: list[tuple[int, int]] = []
    reviews = out.reviews
    prov_lo: int | None = None
    prov_hi: int | None = None
    arr = days.arrays
    a_lo, a_size, a_prov = arr.lo, arr.size, arr.prov
    t_es, t_ef, t_er, t_c = times.es, times.ef, times.er, times.constraint
    t_ls, t_lf, t_lr, floats = times.ls, times.lf, times.lr, times.floats
    specs, timing = graph.tasks, net.timing
    late = _late_materials(net, times, days, specs, replan)
    new, task_type, extra = object.__new__, ScheduledTask, _OTHER_DEFAULTS
    no_edges: tuple[Edge, ...] = ()
    for i, task_id in enumerate(net.ids):
        spec = specs[task_id]
        if not spec.visible:
            continue
        es, ef, er = t_es[i], t_ef[i], t_er[i]
        lo = t_c[i]
        lo = min(lo, es)
        hi = t_lr[i]
        hi = max(hi, er)
        j = lo - a_lo - 1
        if replan is not None and task_id in replan.actual_finish:
            prov = False  # its dates were entered by the user, not counted
        elif j >= 0 and lo <= hi and hi - a_lo < a_size:
            prov = a_prov[hi - a_lo] > a_prov[j]
        else:
            prov = days.touches_provisional(lo, hi)
        if prov:
            prov_lo = lo if prov_lo is None else min(prov_lo, lo)
            prov_hi = hi if prov_hi is None else max(prov_hi, hi)
        deadline = None
        if timing[i] == SUPPLEMENT and spec.deadline is not None:
            anchor = t_es[net.anchor[i]]
            deadline_o = legal_end(days, anchor, spec.deadline)
            deadline = date(deadline_o)
            if ef > deadline_o:
                warnings.append(
                    Problem(
                        "schedule-supplement-late",
                        Location("catalog"),
                        breadcrumb=f"Item(id='{spec.anchor}') > deferred_materials",
                        severity="warning",
                        args={
                            "item": spec.anchor or "",
                            "material": spec.ref,
                            "finish": date(ef).isoformat(),
                            "deadline": deadline.isoformat(),
                        },
                    )
                )
        early_start, early_finish = es, ef
        moved = late.get(i) if late else None
        if moved is not None:
            es, ef, er = moved
        if spec.government:
            x = es
            if spec.type == "item":
                for seg in spec.excluded:
                    x = days.shift(x, seg)
            gov_spans.append((min(x, ef), ef))
            reviews[task_id] = (min(x, ef), ef)
        fl = floats[i]
        status: TaskStatus = "planned"
        actual_start = actual_finish = None
        if replan is not None:
            status = replan.status.get(task_id, "planned")
            actual_start = replan.actual_start.get(task_id)
            actual_finish = replan.actual_finish.get(task_id)
        start_d, finish_d = date(es), date(ef)
        ls, lf = t_ls[i], t_lf[i]
        es, ef = early_start, early_finish
        found = preds.get(task_id)
        # a frozen ScheduledTask without the per-field object.__setattr__ of its __init__
        # (every field is set here; _OTHER_DEFAULTS covers fields added later)
        task: ScheduledTask = new(task_type)
        task.__dict__.update(
            {
                "id": task_id,
                "type": spec.type,
                "ref": spec.ref,
                "zh": spec.zh,
                "en": spec.en,
                "stage": spec.stage,
                "department": spec.department,
                "mode": spec.mode,
                "start": start_d,
                "finish": finish_d,
                "ready": date(er),
                "duration": spec.duration,
                "predecessors": tuple(found) if found else no_edges,
                "earliest_start": date(es),
                "earliest_finish": date(ef),
                "latest_start": date(ls if ls > es else es),
                "latest_finish": date(lf if lf > ef else ef),
                "float_working_days": fl,
                "critical": fl == 0,
                "provisional": prov,
                "government": spec.government,
                "group": spec.group,
                "excluded": _total(spec.excluded) if spec.excluded else None,
                "deadline": deadline,
                "status": status,
                "actual_start": actual_start,
                "actual_finish": actual_finish,
                "provider": spec.provider,
                "replaces": spec.replaces,
            }
        )
        if extra:
            task.__dict__.update(extra)
        tasks.append(task)
    out.tasks = tuple(tasks)
    out.finish = date(times.finish)
    out.working_days = days.between(s0, times.finish)
    out.government_working_days = union_working_days(days, gov_spans)
    out.critical_path = tuple(critical_chain(net, times))
    groups = []
    for gid, group in sorted(graph.groups.items()):
        gi = net.index[f"group:{gid}"]
        end = max(times.ef[net.index[m]] for m in group.members)
        groups.append(
            GroupSpan(
                id=gid,
                zh=group.zh,
                en=group.en,
                lead_department=group.lead_department,
                members=group.members,
                start=date(times.es[gi]),
                finish=date(end),
                cap=group.cap,
                issue_together=group.issue_together,
            )
        )
    out.groups = tuple(groups)
    obligations = []
    for ob in graph.obligations:
        i = net.index[ob.item]
        origin = times.es[i] if ob.after == "acceptance" else times.ef[i]
        due = legal_end(days, origin, ob.due)
        obligations.append(
            ObligationDue(
                id=ob.id,
                item=ob.item,
                zh=ob.zh,
                en=ob.en,
                after=ob.after,
                origin=date(origin),
                due=date(due),
                duration=ob.due,
                basis=ob.basis,
                mode=ob.mode,
                provisional=days.touches_provisional(origin, due),
            )
        )
    out.obligations = tuple(sorted(obligations, key=lambda o: (o.item, o.id)))
    # obligations and the other finish are counted dates too: their years are flagged
    counted = [(o.origin.toordinal(), o.due.toordinal()) for o in obligations if o.provisional]
    if days.touches_provisional(s0, other_finish):
        counted.append((s0, other_finish))
    for lo, hi in counted:
        prov_lo = lo if prov_lo is None else min(prov_lo, lo)
        prov_hi = hi if prov_hi is None else max(prov_hi, hi)
    out.last_day = date(
        max([times.finish, other_finish, *(o.due.toordinal() for o in obligations)])
    )
    if prov_lo is not None and prov_hi is not None:
        years = [
            y
            for y in range(date(prov_lo).year, date(prov_hi).year + 1)
            if days.touches_provisional(
                dt.date(y, 1, 1).toordinal(), dt.date(y, 12, 31).toordinal()
            )
        ]
        out.provisional = True
        out.provisional_years = tuple(years)
        problems = [provisional_problem(y, strict=strict_calendar) for y in years]
        if strict_calendar:
            raise InputError(problems)
        warnings.extend(problems)
    return out


def _late_materials(
    net: Net,
    times: Times,
    days: DayTable,
    specs: Mapping[str, TaskSpec],
    replan: Replan | None,
) -> dict[int, tuple[int, int, int]]:
    """Node index → (start, finish, ready) of each material preparation planned as late as
    its consumers' planned dates allow (``docs/scheduling.md`` §2.6): ready by the first
    consumer's acceptance (its decision, for an edge binding the decision), never before
    its own inputs allow. Materials with actual dates, or used by a task with actual dates,
    keep their earliest dates."""
    need: dict[int, int] = {}
    material = [specs[t].type == "material" for t in net.ids]
    if not any(material):
        return {}
    es, ef = times.es, times.ef
    fixed = set(replan.actual_start) | set(replan.actual_finish) if replan is not None else set()
    started: set[int] = set()  # materials a task with actual dates used: done as planned
    for j in range(len(net.ids)):
        for ends, bound in ((net.acc[j], es[j]), (net.dec[j], ef[j])):
            for p, _k, _n in ends:
                if material[p] and bound < need.get(p, bound + 1):
                    need[p] = bound
                if material[p] and net.ids[j] in fixed:
                    started.add(p)
    late: dict[int, tuple[int, int, int]] = {}
    for i, bound in need.items():
        if i in started or net.ids[i] in fixed:
            continue
        if times.er[i] >= bound:
            continue  # it drives its first user: its earliest dates are its planned ones
        finish = days.prev_wd(bound)
        if finish <= ef[i]:
            continue
        d = net.duration[i]
        if net.timing[i] == WORKING:
            start = max(es[i], days.prev_wd(days.inv_add_wd(finish, d.value)))
            finish = days.add_wd(start, d.value)
        else:
            start = finish - d.value
        late[i] = (start, finish, days.next_wd(finish))
    return late
