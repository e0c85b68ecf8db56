"""Seeded generator of optimizer instances: a small catalog and the rules' decisions with
``k`` options, as the scheduler's optimizer receives them.

One instance is a :class:`~pathplanner.catalog.Catalog` plus a
:class:`~pathplanner.decisions.Decisions`, built in memory, so that the planner's optimizer
(``pathplanner.schedule.schedule``) and the independent CP-SAT model
(``benchmarks/cpsat_model.py``) read exactly the same input. The instance is made of ``k``
*units*, each carrying one option, cycling through the three kinds of option the rules
produce:

- ``mode``: item ``x`` waits for the output of ``p``; its 告知承诺 mode drops that
  prerequisite but takes longer to decide and counts one commitment (option ``mode:x``);
- ``alt``: item ``y`` accepts the output of ``q1`` or of ``q2`` (option ``alt:...``, one
  alternative per output, as the rules' ``alternatives`` conclusion writes it);
- ``group``: item ``g`` may join a parallel group (option ``group:<group>:g``, ``join`` then
  ``separate``); joining caps its review at the group's cap but makes it wait for the
  group's latest member.

Two more kinds are generated only when asked for (``kinds=``), so the benchmark's own
instances stay as they were:

- ``any``: item ``z`` accepts the output of ``r1`` or of ``r2``, whichever comes first (an
  ``any_of`` prerequisite with no option: the scheduler takes the earliest);
- ``tolerance``: item ``t`` needs a material prepared in working days; its 容缺 mode
  defers it (option ``mode:t``), and misses the material's deadline in some instances,
  which makes that alternative infeasible.

With ``interacting=False`` every unit is its own branch (its own group) and the options are
independent: each can be settled on its own. With ``interacting=True`` later units also
wait for outputs of random earlier units and every group unit shares one group, so the best
choice of one option depends on the others.

Only working-day limits are used (no calendar-day work, no materials with lead times, one
stage), which keeps the instance inside what the CP-SAT model expresses exactly.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from _common import REPO

from pathplanner.catalog import Catalog
from pathplanner.catalog.model import (
    CatalogManifest,
    Clock,
    DatedDuration,
    DeferredMaterial,
    Department,
    Drop,
    Duration,
    Item,
    ItemKind,
    Material,
    MaterialUse,
    Mode,
    ModeKind,
    Output,
    Party,
    Prerequisite,
    Stage,
    TimeLimits,
)
from pathplanner.decisions import (
    Alternative,
    Decisions,
    Dependency,
    Edits,
    Option,
    ParallelGroup,
    Reason,
    TaskDecision,
)

__all__ = ["START", "Instance", "generate"]

START = dt.date(2026, 3, 2)
"""Planned start of every instance (a Monday, a working day)."""

VALID_FROM = dt.date(2020, 1, 1)
KINDS = ("mode", "alt", "group")


@dataclass(frozen=True)
class Instance:
    """One generated instance; ``name`` is ``k<k>-<independent|interacting>-s<seed>``."""

    name: str
    k: int
    interacting: bool
    seed: int
    catalog: Catalog
    decisions: Decisions


@cache
def _calendar() -> object:
    from pathplanner.calendar import load_calendar

    calendar, problems = load_calendar(REPO / "catalog" / "calendars", REPO)
    if any(p.severity == "error" for p in problems):
        raise RuntimeError(f"the shipped calendars do not load: {problems}")
    return calendar


def _empty_rulebook() -> object:
    try:
        from pathplanner.catalog.rulebook import RuleBook
    except ImportError:  # the rules package is not there yet
        return None
    return RuleBook.empty()


def _limit(days: int) -> TimeLimits:
    value = DatedDuration(value=days, clock=Clock.working, valid_from=VALID_FROM, basis="test")
    return TimeLimits(committed=[value], statutory=[value])


def _item(
    item_id: str,
    days: int,
    prerequisites: list[list[str]] | None = None,
    modes: list[Mode] | None = None,
    materials: list[str] | None = None,
) -> Item:
    return Item(
        id=item_id,
        zh=item_id,
        kind=ItemKind.approval,
        stage="s1",
        department="dept",
        basis=["generated"],
        valid_from=VALID_FROM,
        applies_by_default=True,
        outputs=[Output(id=f"out-{item_id}", zh=item_id)],
        prerequisites=[Prerequisite(any_of=p) for p in prerequisites or []],
        time_limits=_limit(days),
        modes=modes or [],
        materials=[MaterialUse(material=m) for m in materials or []],
    )


def _reason(rule: str) -> tuple[Reason, ...]:
    return (Reason(rule_id=rule, text=rule, basis="generated"),)


class _Builder:
    def __init__(
        self, k: int, interacting: bool, seed: int, kinds: tuple[str, ...] = KINDS
    ) -> None:
        self.kinds = kinds
        salt = "" if kinds == KINDS else ":" + ",".join(kinds)
        self.rng = random.Random(f"{k}:{interacting}:{seed}{salt}")
        self.materials: dict[str, Material] = {}
        self.k = k
        self.interacting = interacting
        self.items: dict[str, Item] = {}
        self.options: list[Option] = []
        self.groups: list[ParallelGroup] = []
        self.exits: list[str] = []  # items later units may wait for (never group members)

    def days(self, lo: int = 2, hi: int = 25) -> int:
        return self.rng.randint(lo, hi)

    def entry_prereqs(self) -> list[list[str]]:
        """Prerequisites of a unit's first item: none, or outputs of earlier units."""
        if not self.interacting or not self.exits:
            return []
        count = self.rng.randint(0, min(2, len(self.exits)))
        chosen = self.rng.sample(self.exits, count)
        return [[f"out-{e}"] for e in sorted(chosen)]

    def add(self, item: Item) -> None:
        self.items[item.id] = item

    def mode_unit(self, u: int) -> None:
        p, x = f"u{u:02d}-p", f"u{u:02d}-x"
        self.add(_item(p, self.days(5, 30), self.entry_prereqs()))
        d = self.days(3, 15)
        commitment = Mode(
            id="commitment",
            kind=ModeKind.commitment,
            zh="告知承诺",
            basis="generated",
            valid_from=VALID_FROM,
            drops=[Drop(prerequisite=f"out-{p}", basis="generated")],
            duration=Duration(value=d + self.rng.randint(0, 10), clock=Clock.working),
        )
        self.add(_item(x, d, [[f"out-{p}"], *self.entry_prereqs()], [commitment]))
        self.options.append(
            Option(
                id=f"mode:{x}",
                subject=x,
                zh=f"{x} 办理模式",
                alternatives=(
                    Alternative(id="normal", zh="一般程序"),
                    Alternative(
                        id="commitment",
                        zh="告知承诺",
                        edits=Edits(set_modes={x: "commitment"}),
                        commitments=1,
                    ),
                ),
                reasons=_reason(f"mode-{x}"),
            )
        )
        self.exits.append(x)

    def alt_unit(self, u: int) -> None:
        q1, q2, y = f"u{u:02d}-q1", f"u{u:02d}-q2", f"u{u:02d}-y"
        self.add(_item(q1, self.days(2, 30), self.entry_prereqs()))
        self.add(_item(q2, self.days(2, 30), self.entry_prereqs()))
        outs = [f"out-{q1}", f"out-{q2}"]
        self.add(_item(y, self.days(2, 15), [outs]))
        alternatives = tuple(
            Alternative(
                id=out,
                zh=out,
                edits=Edits(
                    add_dependencies=(Dependency(before=out, after=y),),
                    remove_dependencies=tuple(
                        Dependency(before=o, after=y) for o in outs if o != out
                    ),
                ),
            )
            for out in outs
        )
        self.options.append(
            Option(
                id=f"alt:u{u:02d}",
                subject=y,
                zh=f"{y} 用地文件",
                alternatives=alternatives,
                reasons=_reason(f"alt-{y}"),
            )
        )
        self.exits.append(y)

    def any_unit(self, u: int) -> None:
        r1, r2, z = f"u{u:02d}-r1", f"u{u:02d}-r2", f"u{u:02d}-z"
        self.add(_item(r1, self.days(2, 30), self.entry_prereqs()))
        self.add(_item(r2, self.days(2, 30), self.entry_prereqs()))
        self.add(_item(z, self.days(2, 15), [[f"out-{r1}", f"out-{r2}"]]))
        self.exits.append(z)

    def tolerance_unit(self, u: int) -> None:
        t, mat = f"u{u:02d}-t", f"u{u:02d}-doc"
        self.materials[mat] = Material(
            id=mat,
            zh=mat,
            provider="investor",
            lead_time=Duration(value=self.days(1, 20), clock=Clock.working),
        )
        tolerance = Mode(
            id="tolerance",
            kind=ModeKind.tolerance,
            zh="容缺受理",
            basis="generated",
            valid_from=VALID_FROM,
            deferred_materials=[
                DeferredMaterial(
                    material=mat,
                    deadline=Duration(value=self.days(1, 15), clock=Clock.working),
                )
            ],
        )
        self.add(_item(t, self.days(2, 15), self.entry_prereqs(), [tolerance], [mat]))
        self.options.append(
            Option(
                id=f"mode:{t}",
                subject=t,
                zh=f"{t} 办理模式",
                alternatives=(
                    Alternative(id="normal", zh="一般程序"),
                    Alternative(
                        id="tolerance",
                        zh="容缺受理",
                        edits=Edits(set_modes={t: "tolerance"}),
                    ),
                ),
                reasons=_reason(f"mode-{t}"),
            )
        )
        self.exits.append(t)

    def group_unit(self, u: int) -> None:
        h, g = f"u{u:02d}-h", f"u{u:02d}-g"
        self.add(_item(h, self.days(2, 30), self.entry_prereqs()))
        self.add(_item(g, self.days(5, 40), [[f"out-{h}"]]))
        if self.interacting:
            group_id = "shared"
            if not self.groups:
                self.groups.append(self._group(group_id, u))
        else:
            group_id = f"grp-u{u:02d}"
            self.groups.append(self._group(group_id, u))
        self.options.append(
            Option(
                id=f"group:{group_id}:{g}",
                subject=g,
                zh=f"{g} 并联",
                alternatives=(
                    Alternative(id="join", zh="并联", edits=Edits(join_groups={group_id: (g,)})),
                    Alternative(id="separate", zh="单独办理"),
                ),
                reasons=_reason(f"group-{g}"),
            )
        )
        self.exits.append(h)

    def _group(self, group_id: str, u: int) -> ParallelGroup:
        """A group with one fixed member ``m`` (after an entry prerequisite)."""
        m = f"u{u:02d}-m"
        self.add(_item(m, self.days(5, 30), self.entry_prereqs()))
        return ParallelGroup(
            id=group_id,
            zh=group_id,
            members=(m,),
            lead_department="dept",
            cap=Duration(value=self.rng.randint(8, 20), clock=Clock.working),
            reasons=_reason(f"group-{group_id}"),
        )

    def build(self) -> tuple[dict[str, Item], list[Option], list[ParallelGroup]]:
        for u in range(self.k):
            getattr(self, f"{self.kinds[u % len(self.kinds)]}_unit")(u)
        return self.items, self.options, self.groups


def generate(
    k: int, *, interacting: bool, seed: int = 0, kinds: tuple[str, ...] = KINDS
) -> Instance:
    """The instance with ``k`` units of the given shape, cycling through ``kinds`` (the
    three option kinds by default; ``any`` units carry no option); same arguments, same
    instance."""
    builder = _Builder(k, interacting, seed, kinds)
    items, options, groups = builder.build()
    name = f"k{k:02d}-{'interacting' if interacting else 'independent'}-s{seed}"
    if kinds != KINDS:
        name += "-" + "-".join(kinds)
    digest = hashlib.sha256(name.encode()).hexdigest()
    catalog = Catalog(
        root=Path(REPO),
        manifest=CatalogManifest(id="generated", zh=name, version="1"),
        stages={"s1": Stage(id="s1", zh="阶段", order=1)},
        departments={"dept": Department(id="dept", zh="部门")},
        parties={"investor": Party(id="investor", zh="建设单位", kind="investor")},
        fields={},
        materials=dict(sorted(builder.materials.items())),
        items=dict(sorted(items.items())),
        works={},
        rules=_empty_rulebook(),  # type: ignore[arg-type]
        calendar=_calendar(),  # type: ignore[arg-type]
        content_hash=digest,
    )
    decisions = Decisions(
        as_of=START,
        catalog_hash=digest,
        engine="generated",
        facts={},
        applicable=tuple(
            TaskDecision(task=i, reasons=_reason("catalog:applies_by_default"))
            for i in sorted(items)
        ),
        options=tuple(sorted(options, key=lambda o: o.id)),
        groups=tuple(sorted(groups, key=lambda g: g.id)),
    )
    return Instance(name, k, interacting, seed, catalog, decisions)
