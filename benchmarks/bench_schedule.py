"""Scheduler scale: synthetic catalogs of 1,000 / 10,000 / 100,000 tasks (not a test).

:func:`synthetic` builds a catalog and decisions from a seed, deterministically, so other
benchmarks can reuse it: items and works spread over four gated stages, each depending on
up to three earlier tasks of its stage picked uniformly (so the longest chain grows
like the logarithm of the size), shared materials with lead
times, parallel groups of independent items, and ``options`` mode options (fast track or
commitment) for the optimizer. Figures: time of ``schedule()`` end to end, and of the
timing pass alone (forward + backward over the compiled graph).

Run: ``.venv/bin/python benchmarks/bench_schedule.py [--quick] [--out FILE]``.
"""

from __future__ import annotations

import datetime as dt
import gc
import random
import time
from pathlib import Path
from typing import Any

from _common import figure, main, time_ms

from pathplanner.catalog import Catalog
from pathplanner.catalog.model import (
    CatalogManifest,
    Clock,
    DatedDuration,
    Department,
    Drop,
    Duration,
    Item,
    Material,
    MaterialUse,
    Mode,
    Output,
    Party,
    Prerequisite,
    Stage,
    TimeLimits,
    Work,
)
from pathplanner.decisions import (
    Alternative,
    Decisions,
    Edits,
    Option,
    ParallelGroup,
    Reason,
    TaskDecision,
)

START = dt.date(2026, 3, 2)
_SINCE = dt.date(2020, 1, 1)
_STAGES = ("s1", "s2", "s3", "s4")
_REASON = Reason(rule_id="synthetic", text="synthetic", basis="synthetic")


def _wd(n: int) -> Duration:
    return Duration(value=n, clock=Clock.working)


def _cd(n: int) -> Duration:
    return Duration(value=n, clock=Clock.calendar)


def synthetic(
    n_tasks: int, *, seed: int = 1, options: int = 0, calendar: Any = None
) -> tuple[Catalog, Decisions]:
    """A catalog of ``n_tasks`` items and works and the decisions applying all of them.

    Deterministic for a given ``seed``; ``options`` items get a second mode (fast track or
    commitment) offered as an option. The garbage collector is paused while building.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _synthetic(n_tasks, seed=seed, options=options, calendar=calendar)
    finally:
        if enabled:
            gc.enable()


def _synthetic(
    n_tasks: int, *, seed: int, options: int, calendar: Any
) -> tuple[Catalog, Decisions]:
    rng = random.Random(seed)
    if calendar is None:
        from pathplanner.calendar import load_calendar
        from pathplanner.catalog import default_catalog_dir

        root = default_catalog_dir()
        calendar, _ = load_calendar(root / "catalog" / "calendars", root)
    n_materials = max(n_tasks // 10, 1)
    materials = {
        f"m{k}": Material(
            id=f"m{k}", zh=f"材料{k}", provider="investor", lead_time=_cd(rng.randint(0, 30))
        )
        for k in range(n_materials)
    }
    items: dict[str, Item] = {}
    works: dict[str, Work] = {}
    ids: list[str] = []
    stage_of: dict[str, str] = {}
    roots_by_stage: dict[str, list[str]] = {s: [] for s in _STAGES}
    per_stage = max(n_tasks // len(_STAGES), 1)
    mode_items: list[str] = []
    stage_start: dict[str, int] = {}
    for k in range(n_tasks):
        stage = _STAGES[min(k // per_stage, len(_STAGES) - 1)]
        first = stage_start.setdefault(stage, k)
        deps = {ids[rng.randrange(first, k)] for _ in range(rng.randint(0, 3)) if k > first}
        prereqs = [Prerequisite(any_of=[f"{t}-out"]) for t in sorted(deps)]
        task_id = f"t{k:06d}"
        outputs = [Output(id=f"{task_id}-out", zh=task_id)]
        if rng.random() < 0.2:
            works[task_id] = Work(
                id=task_id,
                zh=task_id,
                stage=stage,
                provider="investor",
                duration=_cd(rng.randint(1, 60)),
                legal_period=rng.random() < 0.2,
                prerequisites=prereqs,
                outputs=outputs,
                valid_from=_SINCE,
            )
        else:
            limit = rng.randint(0, 20)
            modes: list[Mode] = []
            if len(mode_items) < options:
                kind = rng.choice(["fast_track", "commitment"])
                modes.append(
                    Mode(
                        id="alt-mode",
                        kind=kind,
                        zh="模式",
                        basis="synthetic",
                        valid_from=_SINCE,
                        duration=_wd(rng.randint(0, limit)),
                        drops=[
                            Drop(prerequisite=p.any_of[0], basis="synthetic") for p in prereqs[:1]
                        ]
                        if kind == "commitment"
                        else [],
                    )
                )
                mode_items.append(task_id)
            uses = rng.sample(sorted(materials), k=rng.randint(0, 2))
            items[task_id] = Item(
                id=task_id,
                zh=task_id,
                kind="approval",
                stage=stage,
                department="gov",
                basis=["synthetic"],
                valid_from=_SINCE,
                outputs=outputs,
                prerequisites=prereqs,
                materials=[MaterialUse(material=m) for m in sorted(uses)],
                time_limits=TimeLimits(
                    committed=[DatedDuration(value=limit, valid_from=_SINCE, basis="synthetic")]
                ),
                modes=modes,
            )
            if not prereqs and not modes:
                roots_by_stage[stage].append(task_id)
        ids.append(task_id)
        stage_of[task_id] = stage
    groups = []
    for stage, roots in roots_by_stage.items():
        for g in range(0, len(roots) - 2, 3):
            groups.append(
                ParallelGroup(
                    id=f"g-{stage}-{g}",
                    zh="并联",
                    members=tuple(roots[g : g + 3]),
                    lead_department="gov",
                    cap=_wd(15) if g % 2 else None,
                    reasons=(_REASON,),
                )
            )
    option_list = [
        Option(
            id=f"mode:{t}",
            subject=t,
            zh=t,
            alternatives=(
                Alternative(id="normal", zh="一般"),
                Alternative(
                    id="alt-mode",
                    zh="模式",
                    edits=Edits(set_modes={t: "alt-mode"}),
                    commitments=1 if items[t].modes[0].kind == "commitment" else 0,
                ),
            ),
            reasons=(),
        )
        for t in mode_items
    ]
    catalog = Catalog(
        root=Path("."),
        manifest=CatalogManifest(id="synthetic", zh="合成", version="1"),
        stages={s: Stage(id=s, zh=s, order=i) for i, s in enumerate(_STAGES)},
        departments={"gov": Department(id="gov", zh="政府")},
        parties={"investor": Party(id="investor", zh="建设单位", kind="investor")},
        fields={},
        materials=materials,
        items=items,
        works=works,
        rules=None,  # type: ignore[arg-type]
        calendar=calendar,
        content_hash=f"synthetic-{n_tasks}-{seed}",
    )
    decisions = Decisions(
        as_of=START,
        catalog_hash=catalog.content_hash,
        engine="synthetic",
        facts={},
        applicable=tuple(TaskDecision(task=t, reasons=(_REASON,)) for t in sorted(ids)),
        options=tuple(option_list),
        groups=tuple(groups),
    )
    return catalog, decisions


def _timing_only(catalog: Catalog, decisions: Decisions) -> float:
    """Milliseconds of the forward and backward pass alone (garbage collector paused, as
    ``schedule()`` does)."""
    from pathplanner.schedule._days import DayTable
    from pathplanner.schedule.build import build_graph
    from pathplanner.schedule.cpm import backward, compile_graph, forward

    net = compile_graph(build_graph(catalog, decisions))
    days = DayTable(catalog.calendar, START)
    gc.disable()
    try:
        t0 = time.perf_counter()
        times = forward(net, days, START.toordinal())
        backward(net, days, times)
        return (time.perf_counter() - t0) * 1000
    finally:
        gc.enable()


def run(quick: bool) -> list[dict[str, Any]]:
    """Figures for 1,000 / 10,000 / 100,000 tasks (``quick``: the first two)."""
    from pathplanner.schedule import schedule

    sizes = (1_000, 10_000) if quick else (1_000, 10_000, 100_000)
    out: list[dict[str, Any]] = []
    for n in sizes:
        catalog, decisions = synthetic(n, seed=1, options=0)
        repeat = 3 if n < 100_000 else 1
        samples = time_ms(
            lambda c=catalog, d=decisions: schedule(c, d, start=START), repeat, warmup=0
        )
        out.append(
            figure(
                f"schedule-{n}",
                f"schedule() of {n:,} synthetic tasks",
                unit="ms",
                samples=samples,
                target=2000.0 if n == 100_000 else None,
            )
        )
        timing = [_timing_only(catalog, decisions) for _ in range(repeat)]
        out.append(
            figure(
                f"timing-pass-{n}",
                f"forward + backward pass over {n:,} tasks",
                unit="ms",
                samples=timing,
            )
        )
    catalog, decisions = synthetic(1_000, seed=2, options=8)
    samples = time_ms(lambda: schedule(catalog, decisions, start=START), 1, warmup=0)
    out.append(
        figure(
            "schedule-1000-8-options",
            "schedule() of 1,000 tasks with 8 options (branch-and-bound)",
            unit="ms",
            samples=samples,
        )
    )
    return out


if __name__ == "__main__":
    main(run)
