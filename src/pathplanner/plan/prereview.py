"""Why a pre-review mode (拿地即开工) was not chosen, read from the plan itself.

Pre-review lets an item be reviewed before the land contract and its stage gate and decided
when they are ready; it pays only when one of those is what holds the item up and the item
is on the critical chain. When the optimizer keeps normal handling (the same finish or a
later one), the plan says which of the two prevents it: the item that holds the subject up
whatever pre-review lifts, or the float that absorbs an earlier decision.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from pathplanner.catalog import Catalog
from pathplanner.catalog.model import ModeKind
from pathplanner.messages import message_text
from pathplanner.plan.model import Name, PlanTask
from pathplanner.plan.parts import name

__all__ = ["pre_review_note"]


def pre_review_note(
    catalog: Catalog, subject: str, mode_id: str, tasks: Mapping[str, PlanTask]
) -> Name | None:
    """Why ``mode_id``, a pre-review mode of item ``subject``, does not make the plan finish
    earlier (``None`` when it is not a pre-review mode or the item is not planned)."""
    item = catalog.items.get(subject)
    task = tasks.get(subject)
    mode = next((m for m in item.modes if m.id == mode_id), None) if item else None
    if task is None or mode is None or mode.kind != ModeKind.pre_review:
        return None
    lifted_outputs = {*mode.dropped("prerequisite"), *mode.decision_waits_for}
    issuers = {task_id for o, (task_id, _) in catalog.outputs().items() if o in lifted_outputs}
    lifted: list[tuple[dt.date, str]] = []
    held: list[tuple[dt.date, str]] = []
    for p in task.predecessors:
        before = tasks.get(p.task)
        if before is None or before.start > before.earliest_start:
            continue  # a material prepared just in time (scheduling.md §2.6) holds nothing
        lifts = p.source.startswith("gate:") or p.task in issuers
        (lifted if lifts else held).append((before.ready, p.task))
    args = {"item": subject, "mode": mode_id}
    if held and (not lifted or max(held) >= max(lifted)):
        ready, holder = max(held)
        code = "choice-pre-review-held"
        args |= {"holder": holder, "ready": ready.isoformat()}
        if lifted:
            args["lifted"] = max(lifted)[0].isoformat()
            code = "choice-pre-review-held-later"
    elif task.float_working_days > 0:
        code = "choice-pre-review-float"
        args["float"] = str(task.float_working_days)
    else:
        code = "choice-pre-review-absorbed"
    return name(message_text(code, "zh", args), message_text(code, "en", args))
