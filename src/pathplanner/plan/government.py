"""The plan's government time as reform targets count it, and each target's verdict.

The schedule measures the approval chain (:mod:`pathplanner.schedule.government`); this
module writes it into the plan: both measures per stage, the chain, and for every target
that applies its stage sums, whether it is met and, when it is not, the items that drive
the miss (with one ``plan-target-missed`` warning each).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pathplanner.catalog import Catalog
from pathplanner.catalog.model import Target
from pathplanner.decisions import Decisions, Reason
from pathplanner.plan.model import (
    ChainItem,
    GovernmentTimePlan,
    PlanReason,
    PlanWarning,
    StageDays,
    StageGovernmentTime,
    TargetCheck,
)
from pathplanner.plan.parts import name, plan_warning
from pathplanner.schedule.government import ChainShare, GovernmentChain, GovernmentTime

__all__ = ["drivers", "government_time"]


def drivers(shares: Sequence[ChainShare], excess: int) -> list[str]:
    """The items that drive a miss of ``excess`` working days: the chain's largest
    contributors (ties in chain order), as few as together exceed the excess."""
    if excess <= 0:
        return []
    ranked = sorted(enumerate(shares), key=lambda p: (-p[1].working_days, p[0]))
    found: list[str] = []
    covered = 0
    for _, share in ranked:
        found.append(share.task)
        covered += share.working_days
        if covered >= excess:
            break
    return found


def _chain(chain: GovernmentChain) -> list[ChainItem]:
    return [
        ChainItem.trusted(task=s.task, stage=s.stage, working_days=s.working_days)
        for s in chain.shares
    ]


def government_time(
    catalog: Catalog,
    decisions: Decisions,
    measured: GovernmentTime,
    convert: Callable[[Sequence[Reason]], list[PlanReason]],
) -> tuple[GovernmentTimePlan, list[PlanWarning]]:
    """The plan's ``government_time`` and a warning for each target it misses."""
    chain_days = dict(measured.chain.stages)
    office = dict(measured.office_stages)
    stages = [
        StageGovernmentTime.trusted(
            stage=sid,
            chain_working_days=chain_days.get(sid, 0),
            office_working_days=office.get(sid, 0),
        )
        for sid in catalog.stages
        if sid in chain_days or sid in office
    ]
    checks: list[TargetCheck] = []
    warnings: list[PlanWarning] = []
    for applies in decisions.targets:
        target = catalog.targets[applies.target]
        chain = measured.targets[target.id]
        excess = chain.working_days - target.working_days
        driving = drivers(chain.shares, excess)
        checks.append(
            TargetCheck.trusted(
                id=target.id,
                name=name(target.zh, target.en),
                limit=target.working_days,
                working_days=chain.working_days,
                met=excess <= 0,
                stages=[sid for sid in catalog.stages if sid in target.stages],
                utilities=target.utilities,
                stage_working_days=[
                    StageDays.trusted(stage=stage, working_days=n) for stage, n in chain.stages
                ],
                chain=_chain(chain),
                drivers=driving,
                basis=target.basis,
                confidence=target.confidence.value,
                valid_from=target.valid_from,
                valid_until=target.valid_until,
                reasons=convert(applies.reasons),
            )
        )
        if excess > 0:
            days = {s.task: s.working_days for s in chain.shares}
            warnings.append(
                plan_warning(
                    "plan-target-missed",
                    {
                        "days": str(chain.working_days),
                        "limit": str(target.working_days),
                        **_named_miss(catalog, target, driving, days, "zh"),
                    },
                    breadcrumb=f"Target(id='{target.id}')",
                    english=_named_miss(catalog, target, driving, days, "en"),
                )
            )
    plan = GovernmentTimePlan.trusted(
        chain_working_days=measured.chain.working_days,
        stages=stages,
        chain=_chain(measured.chain),
        targets=checks,
    )
    return plan, warnings


def _named_miss(
    catalog: Catalog, target: Target, driving: Sequence[str], days: dict[str, int], lang: str
) -> dict[str, str]:
    """The target and the items driving its miss, by name in ``lang``."""

    def called(tid: str) -> str:
        item = catalog.items.get(tid)
        if item is None:
            return tid
        return item.zh if lang == "zh" else (item.en or item.zh)

    sep = "、" if lang == "zh" else ", "
    return {
        "target": target.zh if lang == "zh" else (target.en or target.zh),
        "drivers": sep.join(f"{called(t)} ({days[t]})" for t in driving),
    }
