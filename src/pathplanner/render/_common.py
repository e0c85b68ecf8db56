"""Helpers shared by the renderers: labels in one language, names with fallback tracking."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Literal

from pathplanner.plan.model import ChoiceAlternative, MaterialPlanEntry, Name, Plan, PlanDuration
from pathplanner.render.labels import label

__all__ = [
    "Labeller",
    "display_stages",
    "iso",
    "other_finish_provisional",
    "provisional_obligations",
    "visits",
]


class Labeller:
    """Picks names and labels in ``lang`` and remembers every name that fell back to
    Chinese because the catalog has no English for it."""

    def __init__(self, plan: Plan, lang: str) -> None:
        self.plan = plan
        self.lang = "en" if lang == "en" else "zh"
        self.fallbacks: set[str] = set()
        self._stages = {s.id: s.name for s in plan.stages}
        self._departments = {d.id: d.name for d in plan.departments}

    def name(self, name: Name | None, subject: str = "") -> str:
        """``name`` in this language; records ``subject`` when it falls back to Chinese."""
        if name is None or not name.zh:
            return name.en if name is not None else ""
        if name.falls_back(self.lang):
            self.fallbacks.add(subject or name.zh)
        return name.get(self.lang)

    def label(self, key: str, **args: object) -> str:
        """A fixed label from the label tables (:func:`pathplanner.render.labels.label`)."""
        return label(key, self.lang, **args)

    def join(self, parts: Iterable[str], sep: Literal["list", "clause"] = "clause") -> str:
        """``parts`` joined as a list ("、" / ", ") or as clauses ("；" / "; ")."""
        return self.label(f"sep-{sep}").join(parts)

    def reason_source(self, rule: str, basis: str) -> str:
        """A reason's rule and, when it has one, its legal basis: what the report puts in
        brackets after the reason's condition (the basis is where a rule names, say, the
        paragraph of the article that applies)."""
        return self.label("plan-reason-source", rule=rule, basis=basis) if basis else rule

    def paren(self, inner: str) -> str:
        """``inner`` in brackets after what precedes it: "（…）" / " (…)"; empty for none."""
        return self.label("paren", text=inner) if inner else ""

    def fact(self, key: str, value: str) -> str:
        """``key`` and ``value`` with the colon of this language ("：" / ": ")."""
        return f"{key}{self.label('colon')}{value}"

    def project(self) -> str:
        """The project's title, its file name, or a neutral "this project"."""
        inputs = self.plan.inputs
        return (
            self.name(inputs.project_name, inputs.project)
            or inputs.project
            or self.label("plan-unnamed")
        )

    def stage(self, stage_id: str) -> str:
        """A stage's name by id."""
        found = self._stages.get(stage_id)
        return self.name(found, stage_id) if found else stage_id

    def department(self, department_id: str | None) -> str:
        """A department's name by id (empty for none)."""
        if not department_id:
            return ""
        found = self._departments.get(department_id)
        return self.name(found, department_id) if found else department_id

    def task(self, task_id: str) -> str:
        """A task's name by id (the id when the plan has no such task)."""
        for task in self.plan.tasks:
            if task.id == task_id:
                return self.name(task.name, task_id)
        return task_id

    def provider(self, name: Name | None, provider: str | None, issued_by: str | None) -> str:
        """Who provides a material, by name: the provider, else the task issuing it, else
        "unassigned"."""
        if name is not None:
            return self.name(name, provider or "")
        return self.task(issued_by) if issued_by else self.label("plan-unassigned")

    def duration(self, duration: PlanDuration | None) -> str:
        """A duration in words: "5 个工作日", "30 calendar days", "即办"."""
        if duration is None:
            return ""
        if duration.value == 0:
            return self.label("plan-days-zero")
        return self.label(f"plan-days-{duration.clock}", n=duration.value)

    def flagged(self, text: str, provisional: bool) -> str:
        """``text`` (a date) marked "（暂定）" / " (provisional)" when ``provisional``."""
        if not provisional or not text:
            return text
        return text + self.paren(self.label("plan-provisional"))

    def alternative_note(self, alt: ChoiceAlternative, escape: Callable[[str], str] = str) -> str:
        r"""Why an alternative was not taken (its note, ``escape``\ d), or cannot be unless
        pinned, in brackets ("" when there is nothing to say)."""
        return self.paren(self.join(self.alternative_notes(alt, escape)))

    def alternative_notes(
        self, alt: ChoiceAlternative, escape: Callable[[str], str] = str
    ) -> list[str]:
        r"""Why an alternative was not taken (its note, ``escape``\ d), or cannot be unless
        pinned: each reason as one phrase."""
        notes = [escape(self.name(alt.note))] if alt.note else []
        if alt.misses_deadline:
            notes.append(self.label("plan-alt-misses-deadline"))
        if alt.refused:
            notes.append(self.label("plan-alt-refused"))
        return notes

    def lag_note(self, lag: PlanDuration | None) -> str:
        """A non-zero lag as a note after a prerequisite: wait that long after it, or (a
        negative lag, a lead) start that long before it is ready; ``""`` for none."""
        if lag is None or not lag.value:
            return ""
        if lag.value > 0:
            return self.label("plan-lag-note", duration=self.duration(lag))
        ahead = lag.model_copy(update={"value": -lag.value})
        return self.label("plan-lead-note", duration=self.duration(ahead))

    def yes_no(self, flag: bool) -> str:
        """是 / 否 (yes / no)."""
        return self.label("plan-yes" if flag else "plan-no")

    def fallback_note(self) -> str:
        """The sentence listing names shown in Chinese under ``lang="en"`` (empty if none)."""
        if self.lang != "en" or not self.fallbacks:
            return ""
        return self.label("plan-fallback-note", names=self.join(sorted(self.fallbacks), "list"))


def window(material: MaterialPlanEntry) -> str:
    """A material's preparation window, ``start → end`` (empty when the plan has none)."""
    if material.window_start is None or material.window_end is None:
        return ""
    return f"{iso(material.window_start)} → {iso(material.window_end)}"


def iso(day: dt.date | None) -> str:
    """ISO date text, empty for none."""
    return day.isoformat() if day else ""


def provisional_obligations(plan: Plan) -> frozenset[tuple[str, str]]:
    """(item, obligation id) of every obligation whose due date is provisional."""
    return frozenset((o.item, o.id) for o in plan.obligations if o.provisional)


def other_finish_provisional(plan: Plan) -> bool:
    """Whether the other finish was counted through a provisional year: it is counted from
    the start, and the plan lists every provisional year its dates touch."""
    other = plan.other_finish
    if other is None:
        return False
    return any(plan.start.year <= y <= other.year for y in plan.provisional_years)


def visits(plan: Plan) -> int:
    """Trips to a window: items accepted on the same day in the same parallel group (or, out
    of a group, at the same department) count as one visit."""
    groups = {m: g.id for g in plan.groups for m in g.joined}
    keys: set[tuple[str, str]] = set()
    for entry in plan.disclosure.entries:
        where = groups.get(entry.item, "dept:" + entry.department)
        keys.add((where, iso(entry.acceptance)))
    return len(keys)


def display_stages(plan: Plan) -> dict[str, str]:
    """Each task's stage row; a task without a stage (material preparation, a 容缺
    supplement) is shown in the earliest stage among the tasks waiting for it."""
    rank = {s.id: index for index, s in enumerate(plan.stages)}
    successors: dict[str, list[str]] = {}
    for task in plan.tasks:
        for pred in task.predecessors:
            successors.setdefault(pred.task, []).append(task.id)
    by_id = {t.id: t for t in plan.tasks}
    found: dict[str, str] = {}

    def resolve(task_id: str, seen: frozenset[str]) -> str:
        if task_id in found:
            return found[task_id]
        task = by_id[task_id]
        if task.stage:
            return task.stage
        candidates = [
            resolve(s, seen | {task_id}) for s in successors.get(task_id, []) if s not in seen
        ]
        candidates = [c for c in candidates if c]
        return min(candidates, key=lambda c: (rank.get(c, len(rank)), c)) if candidates else ""

    for task in plan.tasks:
        found[task.id] = resolve(task.id, frozenset())
    return found
