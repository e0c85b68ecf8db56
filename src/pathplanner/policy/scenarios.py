"""Scenario tests as data: the file model and loading.

A scenario file (``rules/tests/*.yaml`` of a catalog directory) holds a list of scenarios.
Each names a project profile (inline, or a path to a profile file such as an example,
relative to the scenario file), optional ``start`` / ``as_of`` dates, optional ``set``
overrides of single profile fields, and what the plan must show::

    scenarios:
      - name: 园区内标准厂房
        profile: ../../examples/factory-in-assessed-park.yaml
        set: {project.floor_area_m2: 50000}
        expect:
          present: [construction-permit]
          absent: [eia-approval]
          modes: {construction-permit: commitment}
          groups: {stage2-parallel: [planning-permit, fire-design-review]}
          finish: 2026-09-30
          working_days: 123
          reasons: {construction-permit: [permit-commitment-low-risk]}
          materials: {completion-acceptance-filing: [quality-warranty]}
          no_materials: {completion-acceptance-filing: [residential-quality-guarantee]}
          time_limits: {construction-drawing-review: {value: 10, clock: working}}
          statutory_limits: {utility-joint-application: null}

Running scenarios lives in :mod:`pathplanner.policy.runner`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from pathplanner._input import yaml as _yaml
from pathplanner._input.dates import IsoDate
from pathplanner._input.files import yaml_files
from pathplanner._input.validation import validate_model
from pathplanner.catalog.model import ID_PATTERN, Duration
from pathplanner.errors import Location, Problem

__all__ = [
    "SCENARIO_DIR",
    "Expectations",
    "LoadedScenario",
    "Scenario",
    "ScenarioFile",
    "display_name",
    "load_scenario_file",
    "scenario_files",
]

SCENARIO_DIR = Path("rules") / "tests"
"""Where scenario files live inside a catalog directory."""

Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=80)]
FieldValue = bool | int | float | str | dt.date | list[str]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Expectations(_Model):
    """What a scenario's plan must show. Every key is optional; only given keys are checked.

    ``present`` / ``absent``: task ids (items or works) that must / must not be in the plan.
    ``modes``: item id -> the mode the plan uses (``normal`` when no other mode is used).
    ``groups``: parallel group id -> its members in the plan (order does not matter).
    ``finish`` / ``working_days``: the plan's finish date and elapsed working days.
    ``reasons``: task id -> rule ids that must be among the reasons of that decision.
    ``materials`` / ``no_materials``: item id -> materials its disclosure entry must / must
    not list. ``time_limits``: item id -> the limit it is planned with (value and clock);
    ``statutory_limits``: item id -> the statutory limit its disclosure entry states
    (``null``: none).
    """

    present: list[Id] = Field(default_factory=list)
    absent: list[Id] = Field(default_factory=list)
    modes: dict[Id, Id] = Field(default_factory=dict)
    groups: dict[Id, list[Id]] = Field(default_factory=dict)
    finish: IsoDate | None = None
    working_days: Annotated[int, Field(ge=0)] | None = None
    reasons: dict[Id, list[str]] = Field(default_factory=dict)
    materials: dict[Id, list[Id]] = Field(default_factory=dict)
    no_materials: dict[Id, list[Id]] = Field(default_factory=dict)
    time_limits: dict[Id, Duration] = Field(default_factory=dict)
    statutory_limits: dict[Id, Duration | None] = Field(default_factory=dict)

    def is_empty(self) -> bool:
        """True when nothing is expected (``--reset`` then records a full snapshot)."""
        return not (
            self.present
            or self.absent
            or self.modes
            or self.groups
            or self.reasons
            or self.materials
            or self.no_materials
            or self.time_limits
            or self.statutory_limits
            or self.finish is not None
            or self.working_days is not None
        )


class Scenario(_Model):
    """One scenario: a profile, dates, and expectations."""

    name: Annotated[str, Field(min_length=1, max_length=200)]
    note: str = ""
    profile: str | dict[str, Any]
    set: dict[str, FieldValue] = Field(default_factory=dict)
    start: IsoDate | None = None
    as_of: IsoDate | None = None
    statutory: bool = False
    expect: Expectations = Field(default_factory=Expectations)


class ScenarioFile(_Model):
    """A scenario file: ``scenarios`` (at least one) and an optional note."""

    scenarios: Annotated[list[Scenario], Field(min_length=1)]
    note: str = ""


@dataclass(frozen=True)
class LoadedScenario:
    """A scenario with where it came from: its file (as displayed), path, index and data."""

    scenario: Scenario
    file: str
    path: Path
    index: int
    data: Any
    """The raw marked mapping of this scenario (for locating expectations)."""

    @property
    def breadcrumb(self) -> str:
        return f"Scenario(name={self.scenario.name!r})"

    def location(self, *loc: str | int, key: bool = False) -> Location:
        """Where the scenario's key path ``loc`` (e.g. ``"expect", "modes", "x"``) is written;
        with ``key=True`` the last key itself rather than its value."""
        line, col = _yaml.locate(self.data, list(loc), key=key)
        return Location(self.file, line, col)


def scenario_files(catalog_dir: Path) -> tuple[list[Path], list[Problem]]:
    """The scenario files of a catalog directory (``rules/tests/*.yaml``), sorted, and a
    problem for each entry there that cannot be read or leads outside the directory (the
    catalog's own files are held to the same rules)."""
    files, problems = yaml_files(catalog_dir, SCENARIO_DIR.as_posix())
    folder = catalog_dir / SCENARIO_DIR
    return [f for f in files if f.parent == folder], problems


def display_name(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` when inside it (POSIX separators), else as given."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def load_scenario_file(path: Path, display: str) -> tuple[list[LoadedScenario], list[Problem]]:
    """Read and validate one scenario file; never raises on user input."""
    data, problems = _yaml.read_yaml(path, display)
    if data is None or any(p.severity == "error" for p in problems):
        return [], list(problems)
    model, more = validate_model(ScenarioFile, data, file=display, breadcrumb="")
    problems = [*problems, *more]
    if model is None:
        return [], problems
    raw = data["scenarios"]
    loaded = [
        LoadedScenario(scenario=s, file=display, path=path, index=i, data=raw[i])
        for i, s in enumerate(model.scenarios)
    ]
    seen: dict[str, LoadedScenario] = {}
    for item in loaded:
        first = seen.setdefault(item.scenario.name, item)
        if first is not item:
            problems.append(
                Problem(
                    code="duplicate-id",
                    location=item.location("name"),
                    breadcrumb=item.breadcrumb,
                    args={"id": item.scenario.name, "first": str(first.location("name"))},
                )
            )
    return loaded, problems
