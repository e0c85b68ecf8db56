"""Synthetic catalogs of 1,000, 10,000 and 100,000 tasks: plan time, peak memory, growth.

The catalogs come from the scheduler's seeded generator (``bench_schedule.synthetic``: four
gated stages, parallel groups, shared materials with lead times, mode options), extended
here with what a plan needs from the rules: profile fields, and a rule file with a chain of
derived facts (area → large project → special construction → fire review) whose last
links exclude tasks and enable the generator's modes, so the rules' options reach the
optimizer. Every task applies by default. The figure is one ``Planner.plan`` call (rules,
schedule, disclosure list and material plan) with the reference engine on a warm planner,
with the optimizer's kept graph builds cleared first, as for a new project; planning the
same project again (builds kept, up to the cache's 100,000-node cap) is reported next to it.

Peak memory is the rise of the resident set's high-water mark during the first plan (Linux
``/proc/self/clear_refs`` resets it first), so the generator's own memory is not counted.
The growth exponent between two sizes is ``log(t2 / t1) / log(n2 / n1)``.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import capped, figure, main, time_ms
from bench_schedule import START, synthetic

SIZES = (1_000, 10_000, 100_000)
TARGETS_MS = {10_000: 150.0, 100_000: 2000.0}
EXPONENT_TARGET = 1.15
OPTIONS = 2
MODULE_BUDGET_S = 150.0
"""No new size is started after this long (run.py stops the module at 220 s)."""
CAP_SECONDS = {1_000: 20.0, 10_000: 25.0, 100_000: 40.0}
PROFILE = {"project": {"floor_area_m2": 60000, "use": "mall"}, "site": {"in_assessed_zone": True}}

FIELDS_YAML = """fields:
  - {id: project.floor_area_m2, type: number, zh: 总建筑面积, minimum: 0, required: true}
  - id: project.use
    type: enum
    zh: 用途
    values: [{value: factory, zh: 厂房}, {value: office, zh: 办公}, {value: mall, zh: 商场}]
    required: true
  - {id: site.in_assessed_zone, type: bool, zh: 区域评估, default: false}
"""


def _rules_yaml(excluded: list[str], modes: list[str]) -> str:
    facts = [
        ("derived.large", "大型项目"),
        ("derived.special", "特殊建设工程"),
        ("derived.fire_review", "消防设计审查"),
    ]
    lines = ["facts:"]
    lines += [f"  - {{id: {fid}, type: bool, zh: {zh}}}" for fid, zh in facts]
    lines.append("rules:")

    def rule(rid: str, when: str, then: list[str]) -> None:
        lines.append(f"  - id: {rid}")
        lines.append(f"    zh: {rid}")
        lines.append(f"    when: '{when}'")
        lines.append("    then:")
        lines.extend(f"      - {t}" for t in then)
        lines.append("    basis: synthetic")
        lines.append("    valid_from: 2020-01-01")

    rule("large", "project.floor_area_m2 > 20000", ["derive: derived.large"])
    rule(
        "special",
        'derived.large and project.use in ["mall", "office"]',
        ["derive: derived.special"],
    )
    rule("fire", "derived.special", ["derive: derived.fire_review"])
    for n, task in enumerate(excluded):
        rule(f"exempt-{n}", "site.in_assessed_zone and derived.fire_review", [f"exclude: {task}"])
    for n, task in enumerate(modes):
        rule(
            f"mode-{n}",
            "derived.fire_review or project.floor_area_m2 < 1000",
            [f"enable_mode: {{item: {task}, mode: alt-mode}}"],
        )
    return "\n".join(lines) + "\n"


def build(n: int, seed: int = 1) -> Any:
    """A loaded synthetic catalog of ``n`` tasks with fields and a chained rule file."""
    from pathplanner._input.validation import validate_model
    from pathplanner._input.yaml import read_yaml
    from pathplanner.catalog.model import ProfileField
    from pathplanner.catalog.rulebook import RuleBook, load_rulebook

    catalog, _ = synthetic(n, seed=seed, options=OPTIONS)
    items = {k: v.model_copy(update={"applies_by_default": True}) for k, v in catalog.items.items()}
    works = {k: v.model_copy(update={"applies_by_default": True}) for k, v in catalog.works.items()}
    moded = sorted(k for k, v in items.items() if v.modes)
    needed = {
        out
        for task in (*catalog.items.values(), *catalog.works.values())
        for pre in task.prerequisites
        for out in pre.any_of
    }
    plain = sorted(k for k, v in items.items() if not v.modes and f"{k}-out" not in needed)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "catalog").mkdir()
        (root / "rules").mkdir()
        (root / "catalog" / "fields.yaml").write_text(FIELDS_YAML, encoding="utf-8")
        data, problems = read_yaml(root / "catalog" / "fields.yaml", "catalog/fields.yaml")
        fields = {}
        for raw in data["fields"]:
            field, found = validate_model(ProfileField, raw, file="fields", breadcrumb="")
            assert field is not None, found
            fields[field.id] = field
        base = dataclasses.replace(
            catalog, root=root, items=items, works=works, fields=fields, rules=RuleBook.empty()
        )
        (root / "rules" / "synthetic.yaml").write_text(
            _rules_yaml(plain[: max(n // 500, 1)], moded), encoding="utf-8"
        )
        book, problems = load_rulebook(root / "rules", base)
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            raise RuntimeError("\n".join(p.message("en") for p in errors))
        return dataclasses.replace(base, rules=book)


def _status(key: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key):
            return int(line.split()[1]) / 1024
    return 0.0


def _reset_peak() -> float | None:
    """Reset the resident set's high-water mark (Linux); the RSS now, or None."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return None
    return _status("VmRSS:")


def run(quick: bool) -> list[dict[str, Any]]:
    from pathplanner.plan.planner import Planner
    from pathplanner.schedule.search.optimize import clear_setup_cache

    sizes = SIZES[:2] if quick else SIZES
    figures: list[dict[str, Any]] = []
    medians: dict[int, float] = {}
    lower: set[int] = set()
    started = time.monotonic()
    for n in sizes:
        if lower or time.monotonic() - started > MODULE_BUDGET_S:
            why = (
                f"not measured: {max(lower):,} tasks already took over "
                f"{CAP_SECONDS[max(lower)]:.0f} s"
                if lower
                else f"not measured: the module's {MODULE_BUDGET_S:.0f} s budget ran out"
            )
            figures.append(
                figure(
                    f"scale.plan.{n}",
                    f"Plan {n:,} tasks",
                    unit="ms",
                    target=TARGETS_MS.get(n),
                    error=why,
                )
            )
            continue
        planner = Planner(build(n))

        def once(p: Any = planner) -> object:
            clear_setup_cache()  # every plan builds its graphs, as for a new project
            return p.plan(PROFILE, start=START, as_of=START, engine="reference")

        def again(p: Any = planner) -> object:
            return p.plan(PROFILE, start=START, as_of=START, engine="reference")

        cap = CAP_SECONDS[n]
        before = _reset_peak()
        done = capped(once, cap)
        peak = _status("VmHWM:") - before if before is not None else None
        if done is None:
            medians[n] = cap * 1000
            lower.add(n)
            figures.append(
                figure(
                    f"scale.plan.{n}",
                    f"Plan {n:,} tasks",
                    unit="ms",
                    value=cap * 1000,
                    target=TARGETS_MS.get(n),
                    extra={"lower_bound": True, "note": f"stopped after {cap:.0f} s"},
                )
            )
            continue
        first_ms = done[1] * 1000
        repeat = max(1, min(5, int((8000 if n < 100_000 else 1) / first_ms)))
        samples = time_ms(once, repeat, warmup=0) if repeat > 1 else [first_ms]
        medians[n] = sorted(samples)[len(samples) // 2]
        plan = done[0]
        tasks = len(getattr(plan, "tasks", []))
        figures.append(
            figure(
                f"scale.plan.{n}",
                f"Plan {n:,} tasks ({tasks:,} scheduled nodes)",
                unit="ms",
                samples=samples,
                target=TARGETS_MS.get(n),
            )
        )
        figures.append(
            figure(
                f"scale.peak.{n}", f"Peak memory of one plan, {n:,} tasks", unit="MiB", value=peak
            )
        )
        if first_ms * 2 < cap * 1000:  # the same project again: graph builds kept if they fit
            kept = time_ms(again, max(1, min(5, repeat)), warmup=1)
            figures.append(
                figure(
                    f"scale.plan_again.{n}",
                    f"Plan the same {n:,}-task project again (graph builds kept when they fit)",
                    unit="ms",
                    samples=kept,
                )
            )
    for small, large in itertools.pairwise(sizes):
        if small not in medians or large not in medians:
            figures.append(
                figure(
                    f"scale.exponent.{small}-{large}",
                    f"Growth exponent {small:,} → {large:,} tasks",
                    unit="",
                    target=EXPONENT_TARGET,
                    error="not measured: a plan of one of the two sizes was not measured",
                )
            )
        else:
            exponent = math.log(medians[large] / medians[small]) / math.log(large / small)
            bound = large in lower
            fig = figure(
                f"scale.exponent.{small}-{large}",
                f"Growth exponent {small:,} → {large:,} tasks",
                unit="",
                value=round(exponent, 3),
                target=EXPONENT_TARGET,
                extra={"lower_bound": bound} if bound else None,
            )
            if bound:  # only a lower bound is known: it cannot show the target is met
                fig["met"] = False if exponent > EXPONENT_TARGET else None
                fig["reason"] = (
                    f"the {large:,}-task plan was stopped at its cap, so only a lower bound "
                    "of the exponent is known"
                )
            figures.append(fig)
    return figures


if __name__ == "__main__":
    main(run)
