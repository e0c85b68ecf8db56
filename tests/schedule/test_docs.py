"""The worked examples of ``docs/scheduling.md`` are true: each YAML block is scheduled and
every number in the tables after it is compared with the result."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from _sched_build import catalog, cd, d, decisions, group, item, material, mode, wd, work

from pathplanner._input.yaml import parse_yaml
from pathplanner.catalog.model import DeferredMaterial, Lead, Point, Prerequisite
from pathplanner.schedule import Actuals, Schedule, schedule

DOC = Path(__file__).resolve().parents[2] / "docs" / "scheduling.md"
_BLOCK = re.compile(r"```yaml\n(example: .*?)```\n(.*?)(?=\n#|\n```|\Z)", re.S)


def _examples() -> list[tuple[str, dict[str, Any], list[list[str]]]]:
    found = []
    for match in _BLOCK.finditer(DOC.read_text(encoding="utf-8")):
        data, problems = parse_yaml(match.group(1), "docs/scheduling.md")
        assert not problems
        rows = [
            [cell.strip() for cell in line.strip().strip("|").split("|")]
            for line in match.group(2).splitlines()
            if line.startswith("|") and not line.startswith("| ---")
        ]
        found.append((str(data["example"]), data, rows))
    return found


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _needs(fields: dict[str, Any]) -> list[str | Prerequisite]:
    """``needs``: task ids, or ``{task, lead}`` for a lead in calendar days."""
    out: list[str | Prerequisite] = []
    for need in fields.get("needs", []):
        if isinstance(need, dict):
            lead = Lead(value=int(need["lead"]))
            out.append(Prerequisite(any_of=[f"{need['task']}-out"], lead=lead))
        else:
            out.append(f"{need}-out")
    return out


def _run(spec: dict[str, Any]) -> Schedule:
    items, works, materials, applicable, modes = [], [], [], [], []
    stages = [(str(k), bool(v)) for k, v in (spec.get("stages") or {"s1": False}).items()]
    points = [
        Point(id=str(k), zh=str(k), before=[str(t) for t in v], basis="test")
        for k, v in (spec.get("points") or {}).items()
    ]
    for item_id, fields in (spec.get("items") or {}).items():
        tol = fields.get("tolerance")
        extra: dict[str, Any] = {}
        for material_id, lead in (fields.get("materials") or {}).items():
            materials.append(material(material_id, int(lead)))
            extra.setdefault("materials", []).append(material_id)
        if fields.get("merged"):
            extra["modes"] = [mode("merged", "merged", replaces=list(fields["merged"]))]
            modes.append((item_id, "merged"))
        if tol:
            materials.append(material(tol["material"], int(tol["lead"])))
            extra["materials"] = [tol["material"]]
            extra["modes"] = [
                mode(
                    "tolerance",
                    "tolerance",
                    deferred_materials=[
                        DeferredMaterial(
                            material=tol["material"], deadline=cd(int(tol["deadline"]))
                        )
                    ],
                )
            ]
            modes.append((item_id, "tolerance"))
        for key in ("stage", "gated", "precedes"):
            if key in fields:
                extra[key] = fields[key]
        items.append(
            item(
                item_id,
                int(fields["limit"]),
                needs=_needs(fields),
                excluded=[cd(int(x)) for x in fields.get("excluded", [])],
                **extra,
            )
        )
        applicable.append(item_id)
    for work_id, fields in (spec.get("works") or {}).items():
        works.append(
            work(
                work_id,
                int(fields["days"]),
                needs=_needs(fields),
                legal=bool(fields.get("legal", False)),
                stage=str(fields.get("stage", "s1")),
            )
        )
        applicable.append(work_id)
    groups = [
        group(gid, list(g["members"]), cap=wd(int(g["cap"])) if "cap" in g else None)
        for gid, g in (spec.get("groups") or {}).items()
    ]
    actuals = Actuals.model_validate(_plain(spec["actuals"])) if "actuals" in spec else None
    return schedule(
        catalog(items, works, materials, stages=stages, points=points),
        decisions(applicable, modes=modes, groups=groups),
        start=d(str(spec["start"])),
        actuals=actuals,
    )


EXAMPLES = _examples()


def test_the_doc_has_its_examples() -> None:
    assert [name for name, _, _ in EXAMPLES] == [
        "merged-acceptance",
        "reform-sequencing",
        "spring-festival-2026",
        "excluded-time",
        "group-cap",
        "late-supplement",
        "late-decision",
    ]


@pytest.mark.parametrize(("name", "spec", "rows"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_worked_example(name: str, spec: dict[str, Any], rows: list[list[str]]) -> None:
    s = _run(spec)
    slip = s.slippage
    warnings = [p.code for p in s.warnings if p.code != "calendar-provisional"]
    figures = {
        "finish": s.finish.isoformat(),
        "working days": str(s.working_days),
        "government working days": str(s.government_working_days),
        "critical path": ", ".join(s.critical_path),
        "warnings": ", ".join(warnings),
        "slippage working days": str(slip.working_days if slip else ""),
        "slippage calendar days": str(slip.calendar_days if slip else ""),
    }
    checked = 0
    for row in rows:
        if row[0] in ("task", "figure"):
            continue
        if row[0] in figures:
            assert figures[row[0]] == row[1], (name, row)
        else:
            t = s.task(row[0])
            got = [t.start.isoformat(), t.finish.isoformat(), t.ready.isoformat()]
            assert [*got, str(t.float_working_days)] == row[1:], (name, row)
        checked += 1
    assert checked >= 3
