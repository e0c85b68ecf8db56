"""Builders for small catalogs and decisions, for the scheduler tests.

Catalogs are built in Python from the model classes (no loader, no rules): every test
states exactly the items, works, materials and stages it needs.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from pathplanner.calendar import WorkCalendar, load_calendar
from pathplanner.catalog import Catalog
from pathplanner.catalog.model import (
    CatalogManifest,
    Clock,
    DatedDuration,
    Department,
    Drop,
    Duration,
    ExcludedTime,
    Item,
    Material,
    MaterialUse,
    Mode,
    Output,
    Party,
    Point,
    Prerequisite,
    Stage,
    TimeLimits,
    Work,
)
from pathplanner.decisions import (
    Alternative,
    Decisions,
    Dependency,
    DependencyDecision,
    Edits,
    ModeDecision,
    Option,
    ParallelGroup,
    Reason,
    TaskDecision,
)

ROOT = Path(__file__).resolve().parents[2]
SINCE = dt.date(2020, 1, 1)
AS_OF = dt.date(2026, 1, 1)


@functools.cache
def calendar() -> WorkCalendar:
    """The shipped calendar (2024-2026 published, later years provisional)."""
    cal, problems = load_calendar(ROOT / "catalog" / "calendars", ROOT)
    assert not [p for p in problems if p.severity == "error"], problems
    return cal


def wd(value: int) -> Duration:
    return Duration(value=value, clock=Clock.working)


def cd(value: int) -> Duration:
    return Duration(value=value, clock=Clock.calendar)


def _rules() -> Any:
    try:
        from pathplanner.catalog.rulebook import RuleBook

        return RuleBook.empty()
    except ImportError:  # until the rules package lands
        return None


def item(
    item_id: str,
    limit: Duration | int = 5,
    *,
    stage: str = "s1",
    department: str = "gov",
    needs: Sequence[str | Prerequisite] = (),
    materials: Sequence[str | MaterialUse] = (),
    modes: Sequence[Mode] = (),
    excluded: Sequence[Duration] = (),
    statutory: Duration | int | None = None,
    outputs: Sequence[str] | None = None,
    **extra: Any,
) -> Item:
    """An item issuing ``<id>-out`` (or ``outputs``), committed limit ``limit``."""
    lim = wd(limit) if isinstance(limit, int) else limit
    stat = statutory if statutory is not None else lim
    stat_d = wd(stat) if isinstance(stat, int) else stat
    outs = [f"{item_id}-out"] if outputs is None else list(outputs)
    return Item(
        id=item_id,
        zh=item_id,
        kind="approval",
        stage=stage,
        department=department,
        basis=["test"],
        valid_from=SINCE,
        outputs=[Output(id=o, zh=o) for o in outs],
        prerequisites=[
            p if isinstance(p, Prerequisite) else Prerequisite(any_of=[p]) for p in needs
        ],
        materials=[m if isinstance(m, MaterialUse) else MaterialUse(material=m) for m in materials],
        time_limits=TimeLimits(
            committed=[DatedDuration(**lim.model_dump(), valid_from=SINCE, basis="test")],
            statutory=[DatedDuration(**stat_d.model_dump(), valid_from=SINCE, basis="test")],
            excluded=[ExcludedTime(id=f"x{i}", zh="x", duration=d) for i, d in enumerate(excluded)],
        ),
        modes=list(modes),
        **extra,
    )


def work(
    work_id: str,
    days: Duration | int,
    *,
    stage: str = "s1",
    needs: Sequence[str | Prerequisite] = (),
    legal: bool = False,
    outputs: Sequence[str] | None = None,
) -> Work:
    outs = [f"{work_id}-out"] if outputs is None else list(outputs)
    return Work(
        id=work_id,
        zh=work_id,
        stage=stage,
        provider="investor",
        duration=cd(days) if isinstance(days, int) else days,
        legal_period=legal,
        prerequisites=[
            p if isinstance(p, Prerequisite) else Prerequisite(any_of=[p]) for p in needs
        ],
        outputs=[Output(id=o, zh=o) for o in outs],
        valid_from=SINCE,
    )


def material(
    material_id: str, lead: Duration | int | None = None, *, issued_by: str | None = None
) -> Material:
    lead_d = cd(lead) if isinstance(lead, int) else lead
    return Material(
        id=material_id,
        zh=material_id,
        provider=None if issued_by else "investor",
        issued_by=issued_by,
        lead_time=lead_d,
    )


def mode(mode_id: str, kind: str, **fields: Any) -> Mode:
    return Mode(id=mode_id, kind=kind, zh=mode_id, basis="test", valid_from=SINCE, **fields)


def drops(*outputs: str) -> list[Drop]:
    """A mode's drops of the prerequisites satisfied by ``outputs``."""
    return [Drop(prerequisite=out, basis="test") for out in outputs]


def catalog(
    items: Iterable[Item] = (),
    works: Iterable[Work] = (),
    materials: Iterable[Material] = (),
    *,
    stages: Sequence[tuple[str, bool]] = (("s1", False),),
    cal: Any = None,
    node_budget: int = 20000,
    tie_break: Sequence[str] | None = None,
    points: Sequence[Point] = (),
) -> Catalog:
    """A catalog; ``stages`` are (id, gate) in order."""
    manifest_fields: dict[str, Any] = {"node_budget": node_budget, "points": list(points)}
    if tie_break is not None:
        manifest_fields["tie_break"] = list(tie_break)
    return Catalog(
        root=ROOT,
        manifest=CatalogManifest(id="test", zh="测试", version="1", **manifest_fields),
        stages={s: Stage(id=s, zh=s, order=i, gate=gate) for i, (s, gate) in enumerate(stages)},
        departments={
            "gov": Department(id="gov", zh="政府"),
            "tech": Department(id="tech", zh="审图", kind="technical"),
        },
        parties={"investor": Party(id="investor", zh="建设单位", kind="investor")},
        fields={},
        materials={m.id: m for m in materials},
        items={i.id: i for i in sorted(items, key=lambda i: i.id)},
        works={w.id: w for w in sorted(works, key=lambda w: w.id)},
        rules=_rules(),
        calendar=cal if cal is not None else calendar(),
        content_hash="test",
    )


REASON = Reason(rule_id="test-rule", text="test", basis="test")


def decisions(
    applicable: Iterable[str],
    *,
    modes: Iterable[tuple[str, str]] = (),
    options: Iterable[Option] = (),
    groups: Iterable[ParallelGroup] = (),
    dependencies: Iterable[Dependency] = (),
    facts: dict[str, Any] | None = None,
    as_of: dt.date = AS_OF,
) -> Decisions:
    """Decisions with ``applicable`` tasks and mandatory ``modes`` (item, mode)."""
    return Decisions(
        as_of=as_of,
        catalog_hash="test",
        engine="test",
        facts=facts or {},
        applicable=tuple(TaskDecision(task=t, reasons=(REASON,)) for t in sorted(applicable)),
        modes=tuple(
            ModeDecision(item=i, mode=m, mandatory=True, reasons=(REASON,)) for i, m in modes
        ),
        options=tuple(sorted(options, key=lambda o: o.id)),
        groups=tuple(groups),
        added_dependencies=tuple(
            DependencyDecision(dependency=d, reasons=(REASON,)) for d in dependencies
        ),
    )


def mode_option(item_id: str, modes: Sequence[Mode], commitment: Sequence[str] = ()) -> Option:
    """The option ``mode:<item>``: ``normal`` first, then one alternative per mode."""
    alts = [Alternative(id="normal", zh="一般")]
    for m in modes:
        alts.append(
            Alternative(
                id=m.id,
                zh=m.zh,
                edits=Edits(set_modes={item_id: m.id}, remove_tasks=tuple(m.replaces)),
                commitments=1 if m.id in commitment or m.kind == "commitment" else 0,
            )
        )
    return Option(
        id=f"mode:{item_id}", subject=item_id, zh=item_id, alternatives=tuple(alts), reasons=()
    )


def group(
    group_id: str,
    members: Sequence[str],
    *,
    optional: Sequence[str] = (),
    cap: Duration | None = None,
    together: bool = False,
) -> ParallelGroup:
    return ParallelGroup(
        id=group_id,
        zh=group_id,
        members=tuple(members),
        optional_members=tuple(optional),
        lead_department="gov",
        cap=cap,
        issue_together=together,
        reasons=(REASON,),
    )


def join_option(group_id: str, item_id: str) -> Option:
    return Option(
        id=f"group:{group_id}:{item_id}",
        subject=item_id,
        zh=item_id,
        alternatives=(
            Alternative(id="join", zh="加入", edits=Edits(join_groups={group_id: (item_id,)})),
            Alternative(id="separate", zh="单独办理"),
        ),
        reasons=(),
    )


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)
