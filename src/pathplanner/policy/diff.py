"""What a regulation change does: differences between two catalog directories.

:func:`diff_catalogs` compares an OLD and a NEW catalog directory on two levels:

- the catalog itself: rules, items, works, materials, profile fields, stages, departments,
  parties, the manifest and the published calendar years, each added, removed or changed
  field by field (paths such as ``time_limits.committed[0].value``; lists of things with an
  id are matched by id);
- each project profile (by default every example of the NEW directory): planned with both
  catalogs, the items added or removed, modes changed, planned time limits changed,
  materials added or removed, and the finish date shift. Profiles whose plan does not change
  are only counted.

The result is a pydantic model, so ``--format json`` is its canonical JSON; the text
rendering is in :func:`render_diff`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from pathplanner._input import yaml as _yaml
from pathplanner.errors import InputError
from pathplanner.messages import text
from pathplanner.plan.planner import Planner
from pathplanner.policy.observe import Observation, observe_plan
from pathplanner.policy.rulesview import rule_dump, rules_of
from pathplanner.policy.scenarios import display_name
from pathplanner.profile import load_profile

if TYPE_CHECKING:
    from pathplanner.catalog import Catalog

__all__ = [
    "CatalogDiff",
    "EntityChange",
    "FieldChange",
    "KindDiff",
    "ProfileDiff",
    "diff_catalogs",
    "diff_entities",
    "render_diff",
]

KINDS = (
    "manifest",
    "fields",
    "stages",
    "departments",
    "parties",
    "materials",
    "items",
    "works",
    "rules",
    "calendars",
)


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FieldChange(_Out):
    """One changed value: its path inside the entity, old and new (JSON values; ``null``
    when absent on that side)."""

    path: str
    old: Any = None
    new: Any = None


class EntityChange(_Out):
    id: str
    changes: list[FieldChange]


class KindDiff(_Out):
    """Added, removed and changed entities of one kind (ids sorted)."""

    added: list[str] = Field(default_factory=list)
    removed: list[str] = Field(default_factory=list)
    changed: list[EntityChange] = Field(default_factory=list)

    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


class Limit(_Out):
    value: int
    clock: str


class ModeChange(_Out):
    task: str
    old: str
    new: str


class LimitChange(_Out):
    task: str
    old: Limit
    new: Limit


class FinishShift(_Out):
    """The finish date before and after, and the shift in working and calendar days."""

    old: dt.date
    new: dt.date
    working_days: int
    calendar_days: int


class ProfileDiff(_Out):
    """How one profile's plan changes (only the parts that change are filled)."""

    file: str
    name: str
    error: dict[str, str] = Field(default_factory=dict)
    """When a plan could not be made: the first problems, by language (``zh``, ``en``)."""
    tasks_added: list[str] = Field(default_factory=list)
    tasks_removed: list[str] = Field(default_factory=list)
    modes_changed: list[ModeChange] = Field(default_factory=list)
    time_limits_changed: list[LimitChange] = Field(default_factory=list)
    materials_added: list[str] = Field(default_factory=list)
    materials_removed: list[str] = Field(default_factory=list)
    finish: FinishShift | None = None

    def changed(self) -> bool:
        return bool(
            self.error
            or self.tasks_added
            or self.tasks_removed
            or self.modes_changed
            or self.time_limits_changed
            or self.materials_added
            or self.materials_removed
            or self.finish
        )


class CatalogDiff(_Out):
    """The whole comparison; ``profiles`` lists changed profiles, ``unchanged`` the rest."""

    old: str
    new: str
    catalog: dict[str, KindDiff]
    profiles: list[ProfileDiff]
    unchanged: list[str]

    def to_json(self) -> str:
        """Canonical JSON (same inputs, byte-identical text)."""
        data = self.model_dump(mode="json")
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# --- field-by-field comparison ------------------------------------------------------------

_LIST_KEYS = ("id", "material", "code")


def _keyed(items: Sequence[Any]) -> dict[str, Any] | None:
    """Items keyed by their id-like field when every item has a distinct one."""
    for key in _LIST_KEYS:
        if items and all(isinstance(i, Mapping) and isinstance(i.get(key), str) for i in items):
            keyed = {str(i[key]): i for i in items}
            if len(keyed) == len(items):
                return keyed
    return None


def _walk(path: str, old: Any, new: Any, out: list[FieldChange]) -> None:
    if old == new:
        return
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        for key in sorted(set(old) | set(new)):
            sub = f"{path}.{key}" if path else str(key)
            _walk(sub, old.get(key), new.get(key), out)
        return
    if isinstance(old, list) and isinstance(new, list):
        ko, kn = _keyed(old), _keyed(new)
        if ko is not None and kn is not None:
            for key in sorted(set(ko) | set(kn)):
                _walk(f"{path}[{key}]", ko.get(key), kn.get(key), out)
            return
        if len(old) == len(new):
            for n, (a, b) in enumerate(zip(old, new, strict=True)):
                _walk(f"{path}[{n}]", a, b, out)
            return
    out.append(FieldChange(path=path, old=old, new=new))


def diff_entities(old: Mapping[str, Any], new: Mapping[str, Any]) -> KindDiff:
    """Compare two ``id -> JSON data`` mappings."""
    changed: list[EntityChange] = []
    for key in sorted(set(old) & set(new)):
        changes: list[FieldChange] = []
        _walk("", old[key], new[key], changes)
        if changes:
            changed.append(EntityChange(id=key, changes=changes))
    return KindDiff(
        added=sorted(set(new) - set(old)),
        removed=sorted(set(old) - set(new)),
        changed=changed,
    )


def _entities(catalog: Catalog, kind: str) -> dict[str, Any]:
    if kind == "manifest":
        return {catalog.manifest.id: catalog.manifest.model_dump(mode="json")}
    if kind == "calendars":
        cal = catalog.calendar
        return {
            str(y): {
                "notice": cal.year(y).notice,
                "holidays": {d.isoformat(): n for d, n in sorted(cal.year(y).holidays.items())},
                "workdays": {d.isoformat(): n for d, n in sorted(cal.year(y).workdays.items())},
            }
            for y in cal.published_years()
        }
    if kind == "rules":
        dumps = [rule_dump(r) for r in rules_of(catalog)]
        return {str(d.get("id", "")): d for d in dumps}
    table: Mapping[str, BaseModel] = getattr(catalog, kind)
    return {k: v.model_dump(mode="json") for k, v in table.items()}


def diff_catalog_content(old: Catalog, new: Catalog) -> dict[str, KindDiff]:
    """Differences of every kind, keeping only the kinds that differ."""
    found = {kind: diff_entities(_entities(old, kind), _entities(new, kind)) for kind in KINDS}
    return {k: v for k, v in found.items() if not v.empty()}


# --- per profile --------------------------------------------------------------------------


def _observe(
    planner: Planner, path: Path, start: dt.date | None, as_of: dt.date | None, today: dt.date
) -> Observation:
    doc = load_profile(path, planner.catalog)
    day_start = start or doc.start or doc.as_of or today
    day_as_of = as_of or doc.as_of or day_start
    plan = planner.plan(doc.profile, start=day_start, as_of=day_as_of)
    return observe_plan(plan)


def _profile_name(path: Path) -> str:
    data, _ = _yaml.read_yaml(path, path.name)
    name = data.get("name") if isinstance(data, Mapping) else None
    return str(name) if name else path.stem


def compare_observations(
    file: str, name: str, old: Observation, new: Observation, new_catalog: Catalog
) -> ProfileDiff:
    """The :class:`ProfileDiff` between two observations of the same profile."""
    both = old.tasks & new.tasks
    modes = [
        ModeChange(task=t, old=old.modes[t], new=new.modes[t])
        for t in sorted(both)
        if t in old.modes and t in new.modes and old.modes[t] != new.modes[t]
    ]
    limits = [
        LimitChange(
            task=t,
            old=Limit(value=old.time_limits[t][0], clock=old.time_limits[t][1]),
            new=Limit(value=new.time_limits[t][0], clock=new.time_limits[t][1]),
        )
        for t in sorted(both)
        if t in old.time_limits
        and t in new.time_limits
        and old.time_limits[t] != new.time_limits[t]
    ]
    finish = None
    if old.finish != new.finish:
        cal = new_catalog.calendar
        lo, hi = sorted((old.finish, new.finish))
        shift = cal.working_days_between(lo, hi)
        sign = 1 if new.finish > old.finish else -1
        finish = FinishShift(
            old=old.finish,
            new=new.finish,
            working_days=sign * shift,
            calendar_days=(new.finish - old.finish).days,
        )
    return ProfileDiff(
        file=file,
        name=name,
        tasks_added=sorted(new.tasks - old.tasks),
        tasks_removed=sorted(old.tasks - new.tasks),
        modes_changed=modes,
        time_limits_changed=limits,
        materials_added=sorted(new.materials - old.materials),
        materials_removed=sorted(old.materials - new.materials),
        finish=finish,
    )


def diff_catalogs(
    old_dir: Path,
    new_dir: Path,
    profiles: Sequence[Path] = (),
    *,
    start: dt.date | None = None,
    as_of: dt.date | None = None,
    today: dt.date | None = None,
    old_label: str | None = None,
    new_label: str | None = None,
) -> CatalogDiff:
    """Compare two catalog directories, and their plans for ``profiles`` (default: every
    ``examples/*.yaml`` of ``new_dir``).

    Raises :class:`~pathplanner.errors.InputError` when either catalog is invalid. A profile
    that cannot be planned with one of them is reported in its :class:`ProfileDiff`.
    """
    old_planner = Planner.from_directory(old_dir)
    new_planner = Planner.from_directory(new_dir)
    day = today or dt.date.today()
    if profiles:
        paths = [(p, p.as_posix()) for p in profiles]
    else:
        examples = new_dir / "examples"
        found = sorted(examples.glob("*.yaml")) if examples.is_dir() else []
        paths = [(p, display_name(p, new_dir)) for p in found]
    changed: list[ProfileDiff] = []
    unchanged: list[str] = []
    for path, display in paths:
        name = _profile_name(path)
        try:
            before = _observe(old_planner, path, start, as_of, day)
            after = _observe(new_planner, path, start, as_of, day)
        except InputError as exc:
            error = {
                lang: "; ".join(p.message(lang).splitlines()[0] for p in exc.problems[:3])
                for lang in ("en", "zh")
            }
            changed.append(ProfileDiff(file=display, name=name, error=error))
            continue
        result = compare_observations(display, name, before, after, new_planner.catalog)
        if result.changed():
            changed.append(result)
        else:
            unchanged.append(display)
    return CatalogDiff(
        old=old_label or old_dir.as_posix(),
        new=new_label or new_dir.as_posix(),
        catalog=diff_catalog_content(old_planner.catalog, new_planner.catalog),
        profiles=changed,
        unchanged=sorted(unchanged),
    )


# --- text ---------------------------------------------------------------------------------


def _value(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _limit(limit: Limit, lang: str) -> str:
    return text(f"diff-clock-{limit.clock}", lang, value=limit.value)


def render_diff(diff: CatalogDiff, lang: str = "zh") -> str:
    """The diff as text for people (Chinese by default)."""
    lines = [text("diff-title", lang, old=diff.old, new=diff.new)]
    if not diff.catalog:
        lines.append(text("diff-none", lang))
    for kind in KINDS:
        part = diff.catalog.get(kind)
        if part is None:
            continue
        label = text(f"diff-kind-{kind}", lang)
        lines.extend(text("diff-added", lang, kind=label, id=i) for i in part.added)
        lines.extend(text("diff-removed", lang, kind=label, id=i) for i in part.removed)
        for entity in part.changed:
            lines.append(text("diff-changed", lang, kind=label, id=entity.id))
            lines.extend(
                text("diff-field", lang, path=c.path, old=_value(c.old), new=_value(c.new))
                for c in entity.changes
            )
    lines.append(text("diff-profiles", lang))
    for prof in diff.profiles:
        lines.append(text("diff-profile", lang, name=prof.name, file=prof.file))
        if prof.error:
            detail = prof.error.get(lang) or prof.error.get("zh", "")
            lines.append(text("diff-profile-failed", lang, detail=detail))
            continue
        if prof.tasks_added:
            lines.append(text("diff-tasks-added", lang, ids=", ".join(prof.tasks_added)))
        if prof.tasks_removed:
            lines.append(text("diff-tasks-removed", lang, ids=", ".join(prof.tasks_removed)))
        lines.extend(
            text("diff-mode", lang, task=m.task, old=m.old, new=m.new) for m in prof.modes_changed
        )
        lines.extend(
            text("diff-limit", lang, task=c.task, old=_limit(c.old, lang), new=_limit(c.new, lang))
            for c in prof.time_limits_changed
        )
        if prof.materials_added:
            lines.append(text("diff-materials-added", lang, ids=", ".join(prof.materials_added)))
        if prof.materials_removed:
            lines.append(
                text("diff-materials-removed", lang, ids=", ".join(prof.materials_removed))
            )
        if prof.finish is not None:
            shift = f"{prof.finish.working_days:+d}"
            lines.append(
                text(
                    "diff-finish",
                    lang,
                    old=prof.finish.old.isoformat(),
                    new=prof.finish.new.isoformat(),
                    shift=shift,
                )
            )
    if diff.unchanged:
        lines.append(text("diff-unchanged", lang, count=len(diff.unchanged)))
    return "\n".join(lines) + "\n"
