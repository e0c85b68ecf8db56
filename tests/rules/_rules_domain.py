"""Profiles drawn over a catalog's declared domain, and the ten-times catalog.

Numbers are drawn at and around every threshold a condition tests (t-1, t, t+1, and the
midpoints between thresholds), enums over every declared value, bools both ways, optional
fields also unset; as-of dates at and around every rule's validity bounds.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import random
import re
import shutil
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from pathplanner._input.yaml import read_yaml
from pathplanner.catalog import Catalog
from pathplanner.catalog.buildings import scope
from pathplanner.catalog.rulebook.contradictions import candidate_values, witness
from pathplanner.catalog.rulebook.expressions import has_buildings, literals
from pathplanner.catalog.rulebook.loader import rule_files
from pathplanner.errors import InputError
from pathplanner.profile import Profile, validate_profile
from pathplanner.rules import decide, fired_rules

REPO = Path(__file__).resolve().parents[2]


EXTREMES = (5e-324, 2.2250738585072014e-308, 1e-05, -0.0, 1e308, 1.7976931348623157e308)
"""Floats drawn for every number field (within its bounds): subnormal, smallest normal,
tiny, negative zero, huge, the largest."""


@lru_cache(maxsize=8)
def candidates(catalog: Catalog) -> dict[str, list[Any]]:
    """Field id → values to draw from: the domain search's candidates, plus, for number
    fields, every literal the rules compare them with exactly (the search rounds big
    integers to floats), its nearest neighbours, and :data:`EXTREMES`."""
    found = candidate_values(catalog.rules, catalog, scoped=True)
    exact: dict[str, set[Any]] = {}
    for rule in catalog.rules.compiled:
        for name, value in literals(rule.expr):
            if isinstance(value, int | float) and not isinstance(value, bool):
                exact.setdefault(name, set()).add(value)
    for fid, spec in sorted(catalog.fields.items()):
        if spec.type.value not in ("integer", "number"):
            continue
        integer = spec.type.value == "integer"
        near: set[Any] = set()
        for t in exact.get(fid, set()):
            if integer:
                near |= {t - 1, t, t + 1} if isinstance(t, int) else set()
            elif math.isfinite(t):
                near |= {math.nextafter(t, -math.inf), t, math.nextafter(t, math.inf)}
        if not integer:
            near |= set(EXTREMES)
        low, high = spec.minimum, spec.maximum
        kept = {v for v in near if (low is None or v >= low) and (high is None or v <= high)}
        have = found[fid]
        extra = sorted(v for v in kept if not any(v == h and type(v) is type(h) for h in have))
        found[fid] = [*have, *extra]
    return found


def dates(catalog: Catalog) -> list[dt.date]:
    """As-of dates at and around every rule's validity bounds, plus 2026-03-02."""
    found = {dt.date(2026, 3, 2)}
    for rule in catalog.rules.compiled:
        for day in (rule.rule.valid_from, rule.rule.valid_until):
            if day is not None:
                found |= {day - dt.timedelta(days=1), day, day + dt.timedelta(days=1)}
    return sorted(found)


def project_candidates(catalog: Catalog) -> dict[str, list[Any]]:
    """:func:`candidates` of the project's own fields (not a building's or a space's)."""
    return {f: v for f, v in candidates(catalog).items() if scope(f) == "project"}


def _plain_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return list(value) if isinstance(value, tuple) else value


def make_profile(
    catalog: Catalog, values: dict[str, Any], buildings: list[dict[str, Any]] | None = None
) -> Profile:
    """A validated profile; required fields not given take their first candidate. With
    ``buildings`` (as a profile file lists them), the project fields that follow from the
    buildings are left to them."""
    cands = candidates(catalog)
    data = {k: v for k, v in values.items() if v is not None and scope(k) == "project"}
    summarised = {
        f"project.{f.split('.', 1)[1]}"
        for f, spec in catalog.fields.items()
        if scope(f) == "building" and spec.summary in ("sum", "max")
    }
    if buildings is not None:
        data = {k: v for k, v in data.items() if k not in summarised}
    for fid, spec in catalog.fields.items():
        if scope(fid) != "project" or fid in data or not spec.required:
            continue
        if buildings is None or fid not in summarised:
            data[fid] = cands[fid][0]
    raw: dict[str, Any] = {k: _plain_value(v) for k, v in data.items()}
    if buildings is not None:
        raw["buildings"] = buildings
    return validate_profile(raw, catalog, file="sample")


def random_profile(rng: random.Random, catalog: Catalog) -> Profile:
    cands = project_candidates(catalog)
    return make_profile(catalog, {f: rng.choice(vs) for f, vs in sorted(cands.items())})


@lru_cache(maxsize=8)
def space_areas(catalog: Catalog) -> list[float]:
    """Space areas worth drawing: at and around every threshold a sum is compared with
    (and its half, so two spaces can cross it together), plus a few plain sizes."""
    found: set[float] = {0, 50, 800}
    for rule in catalog.rules.compiled:
        for name, value in literals(rule.expr):
            if name.startswith("sum of ") and isinstance(value, int | float):
                t = float(value)
                found |= {t - 1, t, t + 1, t / 2, t / 2 + 1}
    return sorted(v for v in found if v >= 0)


def random_buildings(
    rng: random.Random, catalog: Catalog, uses: list[str] | None = None
) -> list[dict[str, Any]]:
    """One to four buildings, each with up to three spaces, as a profile file lists them:
    building fields drawn from their candidates (around every threshold a quantifier
    tests), spaces of every use (mostly of ``uses`` when given) with areas around every
    sum's threshold."""
    cands = candidates(catalog)
    building_fields = sorted(f for f in cands if scope(f) == "building")
    out = []
    for n in range(rng.randint(1, 4)):
        building: dict[str, Any] = {"name": f"b{n}"}
        for fid in building_fields:
            value = rng.choice(cands[fid])
            if value is not None and fid != "building.name":
                building[fid.split(".", 1)[1]] = _plain_value(value)
        areas = space_areas(catalog)
        spaces = [
            {
                "use": rng.choice(uses if uses and rng.random() < 0.7 else cands["space.use"]),
                "floor_area_m2": rng.choice(areas),
            }
            for _ in range(rng.randint(0, 3))
        ]
        if spaces:
            building["spaces"] = spaces
        listed = math.fsum(s["floor_area_m2"] for s in spaces)
        building["floor_area_m2"] = max(building.get("floor_area_m2", 0), listed)
        out.append(building)
    return out


def random_multi_building_profile(
    rng: random.Random, catalog: Catalog, uses: list[str] | None = None
) -> Profile:
    """A random profile with a random building list (see :func:`random_buildings`)."""
    cands = project_candidates(catalog)
    values = {f: rng.choice(vs) for f, vs in sorted(cands.items())}
    return make_profile(catalog, values, random_buildings(rng, catalog, uses))


def sample(catalog: Catalog, n: int, seed: int = 20260302) -> list[tuple[Profile, dt.date]]:
    """At least ``n`` (profile, as_of) pairs: first, until every rule that can fire has
    fired somewhere, a witness of the next rule not yet covered (alone, and over a random
    background); for rules about buildings no witness of one building fires (a venue inside
    a building of another use), drawn building lists that fire them; then random profiles
    on random as-of dates."""
    rng = random.Random(seed)
    day_pool = dates(catalog)
    cands = candidates(catalog)
    out: list[tuple[Profile, dt.date]] = []
    covered: set[str] = set()
    for rule in catalog.rules.compiled:
        if rule.id in covered:
            continue
        day = rule.rule.valid_from
        found, _ = witness(catalog.rules, catalog, [rule], day)
        if found is None:
            continue
        base = {f: rng.choice(v) for f, v in sorted(cands.items())}
        base.update(found)
        for values in (found, base):
            prof = make_profile(catalog, values)
            out.append((prof, day))
            with contextlib.suppress(InputError):
                covered |= set(fired_rules(catalog, prof, as_of=day, engine="reference"))
    waiting = {r.id for r in catalog.rules.compiled if has_buildings(r.expr)} - covered
    by_id = catalog.rules.by_id()
    space_uses = {str(v) for v in cands.get("space.use", [])}
    for _ in range(MULTI_BUILDING_DRAWS):
        if not waiting:
            break
        # spaces mostly of the uses a waiting rule names, so rare venues meet their sums
        target = by_id[rng.choice(sorted(waiting))]
        named = [u for u in re.findall(r'"([a-z_]+)"', target.rule.when) if u in space_uses]
        prof = random_multi_building_profile(rng, catalog, named or None)
        day = rng.choice(day_pool)
        with contextlib.suppress(InputError):
            ids = set(fired_rules(catalog, prof, as_of=day, engine="reference"))
            if ids & waiting:
                out.append((prof, day))
                waiting -= ids
    while len(out) < n:
        out.append((random_profile(rng, catalog), rng.choice(day_pool)))
    return out


MULTI_BUILDING_DRAWS = 1000
"""How many building lists :func:`sample` draws at most to fire the rules about buildings
that no one-building witness fires."""


def outcome(catalog: Catalog, profile: Profile, as_of: dt.date, engine: str) -> str:
    """The decisions as canonical JSON (engine name blanked), or the problems raised."""
    try:
        d = decide(catalog, profile, as_of=as_of, engine=engine)
    except InputError as exc:
        return "InputError:" + "\n".join(p.message("en") for p in exc.problems)
    return d.model_copy(update={"engine": "-"}).to_json()


# -- the ten-times catalog --------------------------------------------------------------

_NUMBER = re.compile(r'"[^"]*"|(?<![\w.\-])(\d+(?:\.\d+)?)(?![\w.\-])')


def _plain(data: Any) -> Any:
    if isinstance(data, dict):
        return {str(k): _plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain(v) for v in data]
    return data


def _shift(when: str, k: int) -> str:
    def repl(m: re.Match[str]) -> str:
        if m.group(1) is None:
            return m.group(0)
        text = m.group(1)
        return str(float(text) + k) if "." in text else str(int(text) + k)

    return _NUMBER.sub(repl, when)


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def build_tenfold(src: Path, dst: Path, factor: int = 10) -> int:
    """Copy catalog ``src`` to ``dst`` with ``factor`` times its rules; the rule count.

    Copy ``k`` renames rules (``<id>-x<k>``) and derived facts (``<fact>_x<k>``) and shifts
    every number in a condition by ``k`` (distinct thresholds). So that copies cannot
    contradict each other, a copy derives a marker fact instead of requiring or excluding
    a task that some rule excludes, and enables modes without making them mandatory.
    """
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(src / "catalog", dst / "catalog")
    (dst / "rules").mkdir(parents=True)
    files = []
    for path in rule_files(src / "rules"):
        data, problems = read_yaml(path, path.name)
        assert not [p for p in problems if p.severity == "error"], problems
        files.append((path.relative_to(src / "rules"), _plain(data)))
    excluded = {
        step["exclude"]
        for _, data in files
        for rule in data.get("rules", [])
        for step in rule["then"]
        if "exclude" in step
    }
    count = 0
    for rel, data in files:
        facts = data.get("facts", [])
        rules = data.get("rules", [])
        out_facts = list(facts)
        out_rules = list(rules)
        names = sorted((f["id"] for f in facts), key=len, reverse=True)
        all_facts = sorted(
            {f["id"] for _, d in files for f in d.get("facts", [])}, key=len, reverse=True
        )
        for k in range(1, factor):
            marker = f"derived.tenfold_{rel.stem.replace('-', '_')}_x{k}"
            out_facts += [dict(f, id=f"{f['id']}_x{k}") for f in facts]
            if any(
                "exclude" in s or s.get("require") in excluded for r in rules for s in r["then"]
            ):
                out_facts.append({"id": marker, "type": "bool", "zh": "十倍目录标记"})
            for rule in rules:
                when = _shift(rule["when"], k)
                for name in all_facts:
                    when = re.sub(rf"(?<![\w.]){re.escape(name)}(?![\w.])", f"{name}_x{k}", when)
                then = []
                for original in rule["then"]:
                    step = dict(original)
                    if "derive" in step:
                        d = step["derive"]
                        fact = d if isinstance(d, str) else d["fact"]
                        renamed = f"{fact}_x{k}"
                        step["derive"] = renamed if isinstance(d, str) else dict(d, fact=renamed)
                    elif step.get("require") in excluded or "exclude" in step:
                        step = {"derive": marker}
                    elif "enable_mode" in step:
                        step["enable_mode"] = dict(step["enable_mode"], mandatory=False)
                    then.append(step)
                out_rules.append(dict(rule, id=f"{rule['id']}-x{k}", when=when, then=then))
        del names
        count += len(out_rules)
        text = yaml.dump(
            {"facts": out_facts, "rules": out_rules},
            Dumper=_NoAliases,
            allow_unicode=True,
            sort_keys=False,
        )
        target = dst / "rules" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return count


CatalogFactory = Callable[[], Catalog]


# -- the extremes catalog -----------------------------------------------------------------

EXTREME_FIELDS = """
  - id: site.area_ha
    type: number
    zh: 用地面积
    en: Site area
  - id: project.budget_yuan
    type: integer
    zh: 总投资
    en: Budget
"""

EXTREME_FLOATS = (
    "0.00001",
    "0.00006",
    "5e-324",
    "2.2250738585072014e-308",
    "-0.0",
    "1e308",
    "1.7976931348623157e308",
    "-1.7976931348623157e308",
)
"""Thresholds that durable-rules cannot read as written by Python's JSON (``1e-05``,
``5e-324``): tiny, subnormal, the smallest normal, negative zero, huge, the largest and
the lowest float (``check`` refuses an infinite one, ``1e999``)."""

EXTREME_INTEGERS = (
    "9007199254740993",
    "9223372036854775807",
    "9223372036854775808",
    "100000000000000000000000000000",
)
"""Integers past a double's 53 bits and past 64 bits (durable-rules saturates those)."""


def _rule(rid: str, when: str) -> str:
    return (
        f"  - id: {rid}\n    zh: 极端\n    when: '{when}'\n    then:\n"
        "      - require: project-filing\n    basis: 测试\n    valid_from: 2019-01-01\n"
    )


def extremes_rules(long: int = 600) -> str:
    """Rules over extreme numbers and long conditions: one comparison per extreme threshold
    and operator, an ``in`` list and a ``not in`` list of ``long`` values, an ``or`` of
    ``long`` equalities, an ``or`` of 100 comparisons that all hold at once, an ``and`` of
    16 ``or`` groups and an ``and`` of ``long`` comparisons."""
    rules = []
    for n, t in enumerate(EXTREME_FLOATS):
        for k, op in enumerate(("<", "<=", "==", "!=", ">=", ">")):
            rules.append(_rule(f"float-{n}-{k}", f"site.area_ha {op} {t}"))
    for n, t in enumerate(EXTREME_INTEGERS):
        for k, op in enumerate(("<", "==", ">")):
            rules.append(_rule(f"int-{n}-{k}", f"project.budget_yuan {op} {t}"))
    values = ", ".join(str(3 * i) for i in range(long))
    rules.append(_rule("long-in", f"project.budget_yuan in [{values}]"))
    rules.append(_rule("long-not-in", f"not project.budget_yuan not in [{values}]"))
    rules.append(_rule("long-or", " or ".join(f"site.area_ha == {i}.5" for i in range(long))))
    rules.append(_rule("all-hold", " or ".join(f"project.floor_area_m2 > {i}" for i in range(100))))
    groups = " and ".join(f"(project.height_m > {i} or project.major)" for i in range(16))
    rules.append(_rule("many-groups", groups))
    chain = " and ".join(f"project.budget_yuan != {2 * i + 1}" for i in range(long))
    rules.append(_rule("long-and", f"project.budget_yuan >= 0 and {chain}"))
    return "rules:\n" + "".join(rules)


def build_extremes(dst: Path, rules: str | None = None) -> Path:
    """The rules test catalog with two unbounded number fields and :func:`extremes_rules`
    (or ``rules``) as its only rules."""
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(REPO / "tests" / "rules" / "data" / "catalog", dst)
    fields = dst / "catalog" / "fields.yaml"
    fields.write_text(fields.read_text(encoding="utf-8") + EXTREME_FIELDS, encoding="utf-8")
    for path in (dst / "rules").glob("*.yaml"):
        path.unlink()
    text = extremes_rules() if rules is None else rules
    (dst / "rules" / "extremes.yaml").write_text(text, encoding="utf-8")
    return dst


def chain_rules(n: int) -> str:
    """Rules file text: ``n`` rules, each deriving the fact the next one tests; the last
    requires ``project-filing`` (the rules test catalog's item)."""
    facts = "".join(f"  - id: derived.c{i}\n    type: bool\n    zh: 链{i}\n" for i in range(n))
    rules = []
    for i in range(n):
        when = "project.floor_area_m2 > 10" if i == 0 else f"derived.c{i - 1}"
        then = f"      - derive: derived.c{i}\n"
        if i == n - 1:
            then += "      - require: project-filing\n"
        rules.append(
            f"  - id: c{i:05d}\n    zh: 链{i}\n    when: {when}\n    then:\n{then}"
            "    basis: 测试\n    valid_from: 2019-01-01\n"
        )
    return "facts:\n" + facts + "rules:\n" + "".join(rules)
