"""Which of the catalog's reform targets (审批时限目标) a project is measured against.

A target applies when it is in force on the as-of date and its ``when`` condition holds on
the final facts (profile values and derived facts), so both engines, which agree on the
facts, agree on the targets too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pathplanner.catalog.cache import per_catalog
from pathplanner.catalog.rulebook.evaluator import evaluate
from pathplanner.catalog.rulebook.expressions import Expr, names, parse
from pathplanner.decisions import Reason, TargetDecision

if TYPE_CHECKING:
    from pathplanner.catalog import Catalog

__all__ = ["applicable_targets"]

TARGET_RULE_PREFIX = "target:"
"""The ``rule_id`` prefix of the reason a target gives (``target:<id>``)."""


def _parse_conditions(catalog: Catalog) -> dict[str, Expr | None]:
    # the loader has type-checked every condition, so parsing cannot fail here
    return {
        tid: parse(target.when) if target.when.strip() else None
        for tid, target in catalog.targets.items()
    }


_conditions = per_catalog(_parse_conditions)


def applicable_targets(
    catalog: Catalog, facts: Mapping[str, Any], as_of: dt.date
) -> tuple[TargetDecision, ...]:
    """The targets in force on ``as_of`` whose condition holds on ``facts``, by id, each
    with the reason it applies (its condition, the facts it read, its basis)."""
    found: list[TargetDecision] = []
    conditions = _conditions(catalog)
    for tid, target in catalog.targets.items():
        if not target.in_force(as_of):
            continue
        expr = conditions[tid]
        if expr is not None and not evaluate(expr, facts):
            continue
        reason = Reason.trusted(
            rule_id=f"{TARGET_RULE_PREFIX}{tid}",
            text=" ".join(target.when.split()),
            basis=target.basis,
            facts={n: facts.get(n) for n in names(expr)} if expr is not None else {},
        )
        found.append(TargetDecision.trusted(target=tid, reasons=(reason,)))
    return tuple(sorted(found, key=lambda d: d.target))
