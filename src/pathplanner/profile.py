"""Project profiles: what an applicant says about the project, checked against the catalog.

The catalog declares the profile fields (``fields:`` entries, :class:`~pathplanner.catalog.model.
ProfileField`) with dotted ids such as ``project.use``; a profile file nests by the dots::

    name: factory-in-assessed-park
    start: 2026-03-02
    profile:
      project: {investment: enterprise, use: factory, floor_area_m2: 30000}
      site: {in_assessed_zone: true}

A dotted key (``project.use: factory``) is accepted as well. :func:`validate_profile` checks
the values (unknown fields with "did you mean", wrong types, enum values, ranges, required
fields) and fills defaults; :func:`profile_json_schema` gives the JSON Schema a portal
renders its intake form from.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import ItemsView, Iterator, KeysView, Mapping, Sequence, ValuesView
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from pathplanner._input.dates import IsoDate
from pathplanner._input.limits import MAX_PROFILE_BYTES, check_date
from pathplanner._input.suggest import did_you_mean, quote_all
from pathplanner._input.validation import describe, unexpected_file, validate_model
from pathplanner._input.yaml import MarkedDict, breadcrumb, locate, read_yaml
from pathplanner.catalog.buildings import (
    AREA,
    BUILDINGS,
    COUNT_KEY,
    SPACES,
    Scope,
    building_facts,
    leaf,
    scope,
    spaces_count_key,
    summary_values,
)
from pathplanner.catalog.cache import per_catalog
from pathplanner.catalog.model import ID_PATTERN, FieldType, ProfileField
from pathplanner.catalog.values import ProfileValue, check_value
from pathplanner.errors import InputError, Location, Problem
from pathplanner.messages import text

if TYPE_CHECKING:
    from pathplanner.catalog import Catalog

__all__ = [
    "Profile",
    "ProfileDocument",
    "ProfileValue",
    "check_value",
    "load_profile",
    "profile_document",
    "profile_json_schema",
    "validate_profile",
]


_MISSING = object()


class Profile(Mapping[str, ProfileValue]):
    """An immutable, validated profile: field id → value, ordered by field id.

    Fields the applicant left out are filled with their declared default; an optional field
    without a default is simply absent (a rule comparing it is false).
    """

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, ProfileValue] | None = None) -> None:
        self._values: dict[str, ProfileValue] = dict(sorted((values or {}).items()))

    def __getitem__(self, key: str) -> ProfileValue:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __contains__(self, key: object) -> bool:
        return key in self._values

    def get(self, key: str, default: Any = None) -> Any:
        """The value of ``key``, or ``default`` when the profile does not set it."""
        return self._values.get(key, default)

    def items(self) -> ItemsView[str, ProfileValue]:
        """(field id, value) pairs, by field id."""
        return self._values.items()

    def keys(self) -> KeysView[str]:
        """The field ids set, sorted."""
        return self._values.keys()

    def values(self) -> ValuesView[ProfileValue]:
        """The values, by field id."""
        return self._values.values()

    def __hash__(self) -> int:
        return hash(tuple(self._values.items()))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return dict(self._values) == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"Profile({self._values!r})"

    def nested(self) -> dict[str, Any]:
        """The profile nested by the dots of the field ids, as written in a profile file
        (dates as ISO strings)."""
        result: dict[str, Any] = {}
        for key, value in self._values.items():
            *groups, name = key.split(".")
            if name == "count" and groups and groups[-1] in (BUILDINGS, SPACES):
                continue  # the length of a list, implied by the list
            node = result
            for group in groups:
                node = node.setdefault(group, {})
            if isinstance(value, dt.date):
                node[name] = value.isoformat()
            else:
                node[name] = list(value) if isinstance(value, tuple) else value
        nested: dict[str, Any] = _listed(result)
        if self._implied_building():
            del nested[BUILDINGS]
        return nested

    def _implied_building(self) -> bool:
        """True when the profile's one building is the one its project fields make (it
        listed none): writing it back would only repeat the project fields."""
        values = self._values
        if values.get(COUNT_KEY) != 1 or values.get(spaces_count_key(0)) != 1:
            return False
        prefix = f"{BUILDINGS}.0."
        for key, value in values.items():
            if not key.startswith(prefix) or key == spaces_count_key(0):
                continue
            name = key[len(prefix) :]
            if name.startswith(f"{SPACES}.0."):  # the one space: the building's own use
                if values.get(f"{prefix}{name[len(SPACES) + 3 :]}") != value:
                    return False
            elif values.get(f"project.{name}", _MISSING) != value:
                return False
        return True


def _listed(node: Any) -> Any:
    """``node`` with the mappings keyed 0, 1, 2… (buildings, spaces) turned into lists."""
    if not isinstance(node, dict):
        return node
    if node and all(k.isdigit() for k in node):
        return [_listed(node[k]) for k in sorted(node, key=int)]
    return {k: _listed(v) for k, v in node.items()}


@dataclass(frozen=True)
class ProfileDocument:
    """A profile file: its name and titles, optional dates, and the validated profile."""

    name: str
    profile: Profile
    zh: str = ""
    en: str = ""
    start: IsoDate | None = None
    as_of: IsoDate | None = None
    file: str = ""


class _Header(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    name: Annotated[str, Field(pattern=ID_PATTERN, max_length=80)]
    zh: str = ""
    en: str = ""
    start: IsoDate | None = None
    as_of: IsoDate | None = None
    profile: Any = None


@per_catalog
def _field_groups(catalog: Catalog) -> frozenset[str]:
    """The dotted prefixes of the catalog's project field ids (``project`` for
    ``project.use``), found once per catalog."""
    return frozenset(
        ".".join(fid.split(".")[:n])
        for fid in _scoped(catalog)["project"]
        for n in range(1, fid.count(".") + 1)
    )


@per_catalog
def _scoped(catalog: Catalog) -> dict[Scope, dict[str, ProfileField]]:
    """The catalog's fields by scope: the project's, one building's, one space's."""
    found: dict[Scope, dict[str, ProfileField]] = {"project": {}, "building": {}, "space": {}}
    for fid, spec in catalog.fields.items():
        found[scope(fid)][fid] = spec
    return found


def _default(spec: ProfileField) -> ProfileValue | None:
    default = spec.default
    if spec.type == FieldType.date and isinstance(default, str):
        return dt.date.fromisoformat(default)
    if isinstance(default, list):
        return tuple(v.value for v in spec.values if v.value in default)
    return default


def validate_profile(
    data: Any,
    catalog: Catalog,
    *,
    file: str,
    base: str = "profile",
    root: Any = None,
    path: Sequence[str | int] = (),
) -> Profile:
    """Check a profile mapping (nested by the dots of field ids, or with dotted keys)
    against ``catalog.fields``; fill defaults. Raises :class:`InputError` with every problem.

    ``file`` names the source in problems; ``root`` and ``path`` say where ``data`` sits
    inside a larger marked document (so lines point into that file); ``base`` starts each
    breadcrumb.
    """
    scoped = _scoped(catalog)
    fields = scoped["project"]
    groups = _field_groups(catalog)
    top = root if root is not None else data
    problems: list[Problem] = []
    values: dict[str, ProfileValue] = {}
    given: dict[str, Location] = {}  # field id -> where its value was first given

    def where(steps: Sequence[str | int], *, key: bool = False) -> Location:
        line, col = locate(top, [*path, *steps], key=key)
        return Location(file, line, col)

    def walk(node: Any, prefix: str, steps: list[str | int]) -> None:
        if not isinstance(node, dict):
            problems.append(
                Problem(
                    "bad-type",
                    where(steps),
                    breadcrumb=breadcrumb(base, steps),
                    expected="type-mapping",
                    found=describe(node),
                    args={"key": prefix or base},
                )
            )
            return
        for key, value in node.items():
            fid = f"{prefix}.{key}" if prefix else str(key)
            here = [*steps, key]
            if fid in fields:
                if value is None:
                    continue
                if fid in given:
                    problems.append(
                        Problem(
                            "profile-duplicate-field",
                            where(here, key=True),
                            breadcrumb=breadcrumb(base, steps),
                            args={"key": fid, "first": str(given[fid].line)},
                        )
                    )
                    continue
                given[fid] = where(here, key=True)
                typed, code, expected, extra = check_value(fields[fid], value)
                if code:
                    hint = "did-you-mean" if extra.get("candidates") else ""
                    at, bad = here, value
                    if "index" in extra:  # one entry of a list: point at it
                        at, bad = [*here, int(extra["index"])], value[int(extra.pop("index"))]
                    problems.append(
                        Problem(
                            code,
                            where(at),
                            breadcrumb=breadcrumb(base, here),
                            expected=expected,
                            found=describe(bad),
                            hint=hint,
                            args={"key": fid, **extra},
                        )
                    )
                elif typed is not None:
                    values[fid] = typed
            elif fid in groups:
                walk(value, fid, here)
            elif fid == BUILDINGS and scoped["building"]:
                buildings.extend(_Buildings(scoped, problems, where, base).read(value, here))
                given[fid] = where(here, key=True)
            else:
                # suggest among the siblings: fields and groups under the same prefix
                lists = [BUILDINGS] if scoped["building"] and not prefix else []
                siblings = {
                    other[len(prefix) + 1 if prefix else 0 :]: other
                    for other in [*fields, *groups, *lists]
                    if other.rsplit(".", 1)[0] == prefix or (not prefix and "." not in other)
                }
                head = str(key).split(".", 1)[0]
                close = [siblings[c] for c in did_you_mean(str(key), siblings)] or [
                    siblings[c] for c in did_you_mean(head, siblings) if c != head
                ]
                problems.append(
                    Problem(
                        "profile-unknown-field",
                        where(here, key=True),
                        breadcrumb=breadcrumb(base, steps),
                        hint="did-you-mean" if close else "",
                        args={"key": fid, "candidates": quote_all(close)},
                    )
                )

    if data is None:
        data = {}
    data = _relisted(data)
    buildings: list[_Building] = []
    walk(data, "", [])
    listed = BUILDINGS in given
    summarised = listed and bool(buildings)
    summary = summary_values(catalog.fields, [b.values for b in buildings]) if summarised else {}
    for fid, value in sorted(summary.items()):
        if fid in values and values[fid] != value and fields[fid].type != FieldType.enum:
            problems.append(
                Problem(
                    "profile-building-summary",
                    given[fid],
                    breadcrumb=breadcrumb(base, fid.split(".")[:-1]),
                    args={"key": fid, "given": describe(values[fid]), "found": describe(value)},
                )
            )
        values.setdefault(fid, value)
    for fid, spec in fields.items():
        if fid in values or fid in given:
            continue
        default = _default(spec)
        if default is not None:
            values[fid] = default
        elif spec.required and not (listed and buildings):
            problems.append(
                Problem(
                    "profile-missing-field",
                    where([]),
                    breadcrumb=base,
                    args={"key": fid},
                )
            )
    if problems:
        raise InputError(problems)
    if scoped["building"]:
        pairs = [(b.values, b.spaces) for b in buildings] if listed else None
        values.update(building_facts(catalog.fields, values, pairs))
    return Profile(values)


def _dotted(node: Mapping[str, Any], prefix: str) -> dict[str, Any]:
    """A nested mapping as dotted keys under ``prefix``."""
    out: dict[str, Any] = {}
    for key, value in node.items():
        if isinstance(value, Mapping):
            out.update(_dotted(value, f"{prefix}.{key}"))
        else:
            out[f"{prefix}.{key}"] = value
    return out


def _relisted(data: Any) -> Any:
    """``data`` with the building layout of a validated profile (``buildings.0.use`` and so
    on, as ``dict(profile)`` holds it) given back as a ``buildings`` list, so that a
    profile's own items validate again."""
    if not isinstance(data, Mapping) or isinstance(data, MarkedDict):
        return data
    prefix = f"{BUILDINGS}."
    layout = {k: v for k, v in data.items() if isinstance(k, str) and k.startswith(prefix)}
    grouped = data.get(BUILDINGS)
    if isinstance(grouped, Mapping) and not isinstance(grouped, MarkedDict):
        layout.update(_dotted(grouped, BUILDINGS))  # {"buildings": {"0.use": ...}}
    elif grouped is not None:
        return data
    if not layout:
        return data
    rest = {k: v for k, v in data.items() if k not in layout and k != BUILDINGS}
    project = {k: v for k, v in rest.items() if isinstance(k, str) and k.startswith("project.")}
    listed = Profile({**layout, **project}).nested().get(BUILDINGS)
    return {**rest, BUILDINGS: listed} if listed is not None else rest


@dataclass
class _Building:
    """One validated entry of a profile's ``buildings`` list."""

    values: dict[str, ProfileValue]
    spaces: list[dict[str, ProfileValue]]


@dataclass
class _Buildings:
    """Reads a profile's ``buildings`` list: each building's fields (the ``building.``
    fields of the catalog, by the last part of their id) and its ``spaces``."""

    scoped: Mapping[Scope, Mapping[str, ProfileField]]
    problems: list[Problem]
    where: Any
    base: str

    def read(self, node: Any, steps: list[str | int]) -> list[_Building]:
        if not isinstance(node, list) or not node:
            self._bad(node, steps, "type-building-list", BUILDINGS)
            return []
        found = []
        for i, entry in enumerate(node):
            here = [*steps, i]
            values = self._record(entry, here, "building", extra=SPACES)
            if values is None:
                continue
            spaces: list[dict[str, ProfileValue]] = []
            raw = entry.get(SPACES)
            if raw is not None:
                if not isinstance(raw, list):
                    self._bad(raw, [*here, SPACES], "type-list", SPACES)
                else:
                    for j, space in enumerate(raw):
                        record = self._record(space, [*here, SPACES, j], "space")
                        if record is not None:
                            spaces.append(record)
            self._fits(values, spaces, raw, here)
            found.append(_Building(values, spaces))
        return found

    def _bad(self, node: Any, steps: list[str | int], expected: str, key: str) -> None:
        self.problems.append(
            Problem(
                "bad-type",
                self.where(steps),
                breadcrumb=breadcrumb(self.base, steps),
                expected=expected,
                found=describe(node),
                args={"key": key},
            )
        )

    def _record(
        self, node: Any, steps: list[str | int], kind: Scope, extra: str = ""
    ) -> dict[str, ProfileValue] | None:
        """One building or space: its values by field id, defaults filled (``None`` when it
        is not a mapping)."""
        if not isinstance(node, dict):
            self._bad(node, steps, "type-mapping", kind)
            return None
        fields = self.scoped[kind]
        values: dict[str, ProfileValue] = {}
        for key, value in node.items():
            fid = f"{kind}.{key}"
            here = [*steps, key]
            if key == extra:
                continue
            if fid not in fields:
                names = [leaf(f) for f in fields] + ([extra] if extra else [])
                close = did_you_mean(str(key), names)
                self.problems.append(
                    Problem(
                        "profile-unknown-field",
                        self.where(here, key=True),
                        breadcrumb=breadcrumb(self.base, steps),
                        hint="did-you-mean" if close else "",
                        args={"key": fid, "candidates": quote_all(close)},
                    )
                )
                continue
            if value is None:
                continue
            typed, code, expected, more = check_value(fields[fid], value)
            if code:
                more.pop("index", None)
                self.problems.append(
                    Problem(
                        code,
                        self.where(here),
                        breadcrumb=breadcrumb(self.base, here),
                        expected=expected,
                        found=describe(value),
                        hint="did-you-mean" if more.get("candidates") else "",
                        args={"key": fid, **more},
                    )
                )
            elif typed is not None:
                values[fid] = typed
        for fid, spec in fields.items():
            if fid in values or leaf(fid) in node:
                continue
            default = _default(spec)
            if default is not None:
                values[fid] = default
            elif spec.required:
                self.problems.append(
                    Problem(
                        "profile-missing-field",
                        self.where(steps),
                        breadcrumb=breadcrumb(self.base, steps),
                        args={"key": fid},
                    )
                )
        return values

    def _fits(
        self,
        building: Mapping[str, ProfileValue],
        spaces: list[dict[str, ProfileValue]],
        raw: Any,
        steps: list[str | int],
    ) -> None:
        """The spaces of a building must fit in its floor area."""
        area = building.get(f"building.{AREA}")
        listed = [s.get(f"space.{AREA}") for s in spaces]
        numbers = [v for v in listed if isinstance(v, int | float) and not isinstance(v, bool)]
        if not isinstance(area, int | float) or isinstance(area, bool) or raw is None:
            return
        total = math.fsum(numbers)
        if total > area:
            self.problems.append(
                Problem(
                    "profile-spaces-exceed",
                    self.where([*steps, SPACES], key=True),
                    breadcrumb=breadcrumb(self.base, steps),
                    args={"spaces": str(_plain(total)), "area": str(_plain(area))},
                )
            )


def load_profile(path: Path | str, catalog: Catalog) -> ProfileDocument:
    """Read and check a profile file (see the module docstring); raises :class:`InputError`."""
    path = Path(path)
    display = path.as_posix()
    data, problems = read_yaml(path, display, max_bytes=MAX_PROFILE_BYTES)
    if problems:
        raise InputError(problems)
    if not isinstance(data, MarkedDict):
        raise InputError([Problem("yaml-not-mapping", Location(display, 1, 1))])
    return profile_document(data, catalog, file=display)


def profile_document(
    data: Mapping[str, Any], catalog: Catalog, *, file: str, base: str = ""
) -> ProfileDocument:
    """Check a project document already parsed (a profile file's mapping, or the same
    mapping inside a larger document such as an HTTP request); raises :class:`InputError`
    with every problem. ``file`` names the source in problems and ``base`` starts each
    breadcrumb (empty for a file of its own)."""
    unexpected = unexpected_file(data, _Header.model_fields, file)
    if unexpected is not None:
        raise InputError([unexpected])
    header, problems = validate_model(_Header, data, file=file, breadcrumb=base)
    for key in ("start", "as_of"):
        day = getattr(header, key) if header is not None else None
        problems += check_date(day, Location(file, *locate(data, [key])), breadcrumb(base, [key]))
    profile: Profile | None = None
    try:
        profile = validate_profile(
            data.get("profile"),
            catalog,
            file=file,
            base=breadcrumb(base, ["profile"]),
            root=data,
            path=["profile"],
        )
    except InputError as exc:
        problems += exc.problems
    if problems or header is None or profile is None:
        raise InputError(problems)
    return ProfileDocument(
        name=header.name,
        zh=header.zh,
        en=header.en,
        start=header.start,
        as_of=header.as_of,
        profile=profile,
        file=file if isinstance(data, MarkedDict) else "",
    )


# --- JSON Schema for intake forms -----------------------------------------------------


def _both(zh: str, en: str) -> dict[str, str]:
    return {"zh": zh, "en": en or zh}


def _leaf_schema(spec: ProfileField, lang: str) -> dict[str, Any]:
    title = spec.en or spec.zh if lang == "en" else spec.zh
    help_text = spec.help_en or spec.help_zh if lang == "en" else spec.help_zh
    # a field the catalog gives no help for is described by its title
    schema: dict[str, Any] = {"title": title, "description": help_text or title}
    if spec.type == FieldType.list:
        schema["type"] = "array"
        schema["uniqueItems"] = True
        schema["items"] = {
            "type": "string",
            "enum": [v.value for v in spec.values],
            "oneOf": [
                {"const": v.value, "title": (v.en or v.zh) if lang == "en" else v.zh}
                for v in spec.values
            ],
        }
        schema["x-enum-labels"] = {v.value: _both(v.zh, v.en) for v in spec.values}
    elif spec.type == FieldType.enum:
        schema["type"] = "string"
        schema["enum"] = [v.value for v in spec.values]
        schema["oneOf"] = [
            {"const": v.value, "title": (v.en or v.zh) if lang == "en" else v.zh}
            for v in spec.values
        ]
        schema["x-enum-labels"] = {v.value: _both(v.zh, v.en) for v in spec.values}
    elif spec.type == FieldType.date:
        schema["type"] = "string"
        schema["format"] = "date"
    else:
        schema["type"] = {
            FieldType.bool: "boolean",
            FieldType.integer: "integer",
            FieldType.number: "number",
            FieldType.string: "string",
        }[spec.type]
    if spec.minimum is not None:
        schema["minimum"] = _plain(spec.minimum)
    if spec.maximum is not None:
        schema["maximum"] = _plain(spec.maximum)
    if spec.unit:
        schema["x-unit"] = spec.unit
    if spec.default is not None:
        default = spec.default
        schema["default"] = default.isoformat() if isinstance(default, dt.date) else default
    if spec.summary is not None:
        schema["x-summary"] = spec.summary
    schema["x-field-id"] = spec.id
    schema["x-title"] = _both(spec.zh, spec.en)
    if spec.help_zh or spec.help_en:
        schema["x-description"] = _both(spec.help_zh, spec.help_en)
    return schema


def _plain(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _group_schema(
    fields: Mapping[str, ProfileField], prefix: str, lang: str
) -> tuple[dict[str, Any], bool]:
    """Schema of the object holding every field under ``prefix``, and whether any is
    required."""
    depth = prefix.count(".") + 1 if prefix else 0
    children: dict[str, list[str]] = {}
    for fid in sorted(fields):
        parts = fid.split(".")
        if prefix and not fid.startswith(prefix + "."):
            continue
        children.setdefault(parts[depth], []).append(fid)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for name in sorted(children):
        full = f"{prefix}.{name}" if prefix else name
        if full in fields:
            properties[name] = _leaf_schema(fields[full], lang)
            needed = fields[full].required and fields[full].default is None
        else:
            properties[name], needed = _group_schema(fields, full, lang)
            properties[name]["title"] = name
            properties[name]["description"] = text("schema-group-help", lang, group=full)
        if needed:
            required.append(name)
    schema: dict[str, Any] = {
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
    }
    if required:
        schema["required"] = required
    return schema, bool(required)


def _record_schema(fields: Mapping[str, ProfileField], lang: str) -> dict[str, Any]:
    """One building or space: its fields by the last part of their id."""
    properties = {leaf(fid): _leaf_schema(spec, lang) for fid, spec in sorted(fields.items())}
    required = sorted(
        leaf(fid) for fid, spec in fields.items() if spec.required and spec.default is None
    )
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
        "required": required,
    }


def _buildings_schema(
    profile: dict[str, Any], scoped: Mapping[Scope, Mapping[str, ProfileField]], lang: str
) -> None:
    """Add the ``buildings`` list to the profile's schema. The project fields a building
    field sums up (``summary``) are required only when no buildings are listed: the schema
    marks them ``x-required-without: buildings`` (the loader checks it)."""
    building = _record_schema(scoped["building"], lang)
    building["properties"][SPACES] = {
        "type": "array",
        "title": text("schema-spaces", lang),
        "description": text("schema-spaces-help", lang),
        "items": _record_schema(scoped["space"], lang),
    }
    profile["properties"][BUILDINGS] = {
        "type": "array",
        "minItems": 1,
        "title": text("schema-buildings", lang),
        "description": text("schema-buildings-help", lang),
        "items": building,
    }
    summarised = {leaf(fid) for fid, spec in scoped["building"].items() if spec.summary is not None}
    project = profile["properties"].get("project")
    if project is None:
        return
    needed = [n for n in project.get("required", []) if n in summarised]
    if not needed:
        return
    project["required"] = [n for n in project["required"] if n not in summarised]
    if not project["required"]:
        del project["required"]
    for name in needed:  # the loader asks for them when no buildings are listed
        project["properties"][name]["x-required-without"] = BUILDINGS


def profile_json_schema(catalog: Catalog, lang: str = "zh") -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a profile file for this catalog, with the ``$id``
    ``urn:pathplanner:schema:profile:<catalog id>:<catalog version>:<lang>``.

    It is closed, as :func:`load_profile` is: every object says ``additionalProperties:
    false``, because an unknown key in a profile is a typo and is rejected as one. Every
    property has a title and a description (a catalog field without help text is described
    by its title). Titles and descriptions are in ``lang`` (``zh`` by default); every field
    also carries ``x-title`` / ``x-description`` in both languages, enums carry their labels
    in ``oneOf`` (``const`` + ``title``) and ``x-enum-labels``, numbers their ``minimum``,
    ``maximum`` and ``x-unit``, and ``x-field-id`` gives the dotted id. The output is
    deterministic (keys in a fixed order, fields sorted by id).
    """
    scoped = _scoped(catalog)
    profile, _ = _group_schema(scoped["project"], "", lang)
    profile["title"] = text("schema-profile", lang)
    profile["description"] = text("schema-profile-help", lang)
    if scoped["building"]:
        _buildings_schema(profile, scoped, lang)
    date = {"type": "string", "format": "date"}
    manifest = catalog.manifest
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:pathplanner:schema:profile:{manifest.id}:{manifest.version}:{lang}",
        "title": text("schema-title", lang),
        "description": text("schema-description", lang, catalog=catalog.manifest.zh),
        "type": "object",
        "additionalProperties": False,
        "required": ["name", "profile"],
        "properties": {
            "name": {
                "type": "string",
                "pattern": ID_PATTERN,
                "maxLength": 80,
                "title": text("schema-name", lang),
                "description": text("schema-name-help", lang),
            },
            "zh": {
                "type": "string",
                "title": text("schema-zh", lang),
                "description": text("schema-zh-help", lang),
            },
            "en": {
                "type": "string",
                "title": text("schema-en", lang),
                "description": text("schema-en-help", lang),
            },
            "start": {
                **date,
                "title": text("schema-start", lang),
                "description": text("schema-start-help", lang),
            },
            "as_of": {
                **date,
                "title": text("schema-as-of", lang),
                "description": text("schema-as-of-help", lang),
            },
            "profile": profile,
        },
        "x-catalog": {
            "id": manifest.id,
            "version": manifest.version,
            "content_hash": catalog.content_hash,
        },
    }
