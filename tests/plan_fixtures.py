"""A small hand-built catalog, decisions and schedule for the output tests.

They do not need the loader, the rules or the scheduler: the renderers and the disclosure
builder are tested on these objects, built by hand with dates checked by eye.

Scenario: 备案 (1 working day) → design (20 calendar days) → planning permit under 容缺受理
(survey report supplied later) → construction permit under 告知承诺 (a check within 30
days), plus a seismic assessment excluded by the zone's regional assessment.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pathplanner.calendar import WorkCalendar
from pathplanner.catalog import Catalog
from pathplanner.catalog.model import (
    CatalogManifest,
    Department,
    Duration,
    Item,
    Material,
    Party,
    Stage,
    Work,
)
from pathplanner.catalog.rulebook.book import RuleBook
from pathplanner.decisions import (
    Decisions,
    ModeDecision,
    ObligationDecision,
    ParallelGroup,
    Reason,
    TaskDecision,
)
from pathplanner.errors import Location, Problem
from pathplanner.plan.assembly import build_plan
from pathplanner.plan.model import Inputs, Name, Plan
from pathplanner.schedule.result import (
    AlternativeFinish,
    Choice,
    Edge,
    GroupSpan,
    ObligationDue,
    Schedule,
    ScheduledTask,
)

D = dt.date
WD = Duration(value=1)


def _wd(n: int) -> Duration:
    return Duration(value=n, clock="working")


def _cd(n: int) -> Duration:
    return Duration(value=n, clock="calendar")


def _dated(n: int, basis: str, clock: str = "working") -> dict[str, Any]:
    return {"value": n, "clock": clock, "valid_from": "2020-01-01", "basis": basis}


def catalog() -> Catalog:
    stages = [
        Stage(id="s1", zh="立项用地规划许可阶段", en="Stage 1", order=1),
        Stage(id="s2", zh="工程建设许可阶段", en="Stage 2", order=2),
        Stage(id="s3", zh="施工许可阶段", en="", order=3),
    ]
    departments = [
        Department(
            id="drc", zh="发展改革局", en="Development and Reform", window="政务服务中心3号窗口"
        ),
        Department(id="nr", zh="自然资源局", en="Natural Resources"),
        Department(id="housing", zh="住房城乡建设局", en="Housing and Construction"),
    ]
    parties = [
        Party(id="investor", zh="建设单位", en="Investor", kind="investor"),
        Party(id="designer", zh="设计单位", en="Design institute"),
    ]
    materials = [
        Material(
            id="application-form",
            zh="申请表",
            en="Application form",
            provider="investor",
            template="政务服务网下载",
        ),
        Material(
            id="licence-copy",
            zh="营业执照复印件",
            en="Business licence copy",
            provider="investor",
            validity=_cd(20),
        ),
        Material(
            id="drawings",
            zh="设计图纸",
            en="Design drawings",
            provider="designer",
            original=True,
            copies=2,
            keeps_original=True,
            lead_time=_cd(20),
        ),
        Material(id="survey-report", zh="勘察报告", en=""),
        Material(
            id="commitment-letter",
            zh="告知承诺书",
            en="Commitment letter",
            provider="investor",
            original=True,
        ),
    ]
    items = [
        Item.model_validate(
            {
                "id": "project-filing",
                "zh": "企业投资项目备案",
                "en": "Project filing",
                "kind": "filing",
                "stage": "s1",
                "department": "drc",
                "basis": ["《企业投资项目核准和备案管理条例》第十三条"],
                "valid_from": "2017-02-01",
                "outputs": [{"id": "filing-notice", "zh": "备案告知书", "en": "Filing notice"}],
                "materials": ["application-form", "licence-copy"],
                "time_limits": {"statutory": [_dated(5, "条例")], "committed": [_dated(1, "承诺")]},
            }
        ),
        Item.model_validate(
            {
                "id": "planning-permit",
                "zh": "建设工程规划许可证核发",
                "en": "Planning permit",
                "kind": "approval",
                "stage": "s2",
                "department": "nr",
                "basis": ["《城乡规划法》第四十条"],
                "valid_from": "2008-01-01",
                "outputs": [{"id": "planning-licence", "zh": "建设工程规划许可证"}],
                "prerequisites": ["filing-notice", "design-done"],
                "materials": [
                    "application-form",
                    {"material": "drawings"},
                    {"material": "survey-report", "secondary": True},
                ],
                "fees": [{"zh": "不收费", "amount": "0"}],
                "time_limits": {
                    "statutory": [_dated(20, "城乡规划法")],
                    "committed": [_dated(5, "承诺")],
                },
                "modes": [
                    {
                        "id": "tolerance",
                        "kind": "tolerance",
                        "zh": "容缺受理",
                        "en": "Accept with missing secondary materials",
                        "basis": "国办发〔2019〕11号",
                        "valid_from": "2019-01-01",
                        "deferred_materials": [
                            {"material": "survey-report", "deadline": {"value": 5}}
                        ],
                    }
                ],
            }
        ),
        Item.model_validate(
            {
                "id": "construction-permit",
                "zh": "建筑工程施工许可证核发",
                "en": "Construction permit",
                "kind": "approval",
                "stage": "s3",
                "department": "housing",
                "basis": ["《建筑法》第八条"],
                "valid_from": "1998-03-01",
                "outputs": [{"id": "construction-licence", "zh": "施工许可证"}],
                "prerequisites": ["planning-licence"],
                "materials": ["application-form", "drawings", "licence-copy"],
                "time_limits": {
                    "statutory": [_dated(7, "建筑法")],
                    "committed": [_dated(3, "承诺")],
                },
                "modes": [
                    {
                        "id": "commitment",
                        "kind": "commitment",
                        "zh": "告知承诺制",
                        "basis": "建办〔2020〕1号",
                        "valid_from": "2020-01-01",
                        "adds_materials": ["commitment-letter"],
                        "obligations": [
                            {
                                "id": "post-check",
                                "zh": "事后核查",
                                "due": {"value": 30, "clock": "calendar"},
                            }
                        ],
                    }
                ],
            }
        ),
        Item.model_validate(
            {
                "id": "seismic-assessment",
                "zh": "地震安全性评价",
                "en": "Seismic assessment",
                "kind": "review",
                "stage": "s1",
                "department": "nr",
                "basis": ["《防震减灾法》"],
                "valid_from": "2009-05-01",
                "applies_by_default": True,
                "time_limits": {"committed": [_dated(10, "承诺")]},
            }
        ),
    ]
    works = [
        Work(
            id="design",
            zh="施工图设计",
            en="Design",
            stage="s2",
            provider="designer",
            duration=_cd(20),
            valid_from=D(2000, 1, 1),
            outputs=[{"id": "design-done", "zh": "施工图设计文件"}],
        ),  # type: ignore[list-item]
    ]
    return Catalog(
        root=Path("."),
        manifest=CatalogManifest(id="mini", zh="测试目录", version="0.1"),
        stages={s.id: s for s in stages},
        departments={d.id: d for d in departments},
        parties={p.id: p for p in parties},
        fields={},
        materials={m.id: m for m in materials},
        items={i.id: i for i in items},
        works={w.id: w for w in works},
        rules=RuleBook.empty(),
        calendar=WorkCalendar(),
        content_hash="0123456789abcdef0123",
    )


def _reason(rule: str, text: str) -> tuple[Reason, ...]:
    return (Reason(rule_id=rule, text=text, basis="测试依据", facts={"site.zone": True}),)


def decisions() -> Decisions:
    return Decisions(
        as_of=D(2026, 3, 2),
        catalog_hash="0123456789abcdef0123",
        engine="reference",
        facts={"site.zone": True},
        applicable=(
            TaskDecision(task="construction-permit", reasons=_reason("r-cp", "新建工程")),
            TaskDecision(task="design", reasons=_reason("r-design", "需要设计")),
            TaskDecision(task="planning-permit", reasons=_reason("r-pp", "城镇规划区内")),
            TaskDecision(task="project-filing", reasons=_reason("r-pf", "企业投资")),
        ),
        excluded=(
            TaskDecision(task="seismic-assessment", reasons=_reason("r-zone", "区域评估已覆盖")),
        ),
        modes=(
            ModeDecision(
                item="planning-permit",
                mode="tolerance",
                mandatory=True,
                reasons=_reason("r-tol", "容缺受理"),
            ),
        ),
        groups=(
            ParallelGroup(
                id="stage3-parallel",
                zh="施工许可并联",
                lead_department="housing",
                members=("construction-permit",),
                reasons=_reason("r-g", "并联"),
            ),
        ),
        obligations=(
            ObligationDecision(
                id="post-check",
                item="construction-permit",
                zh="事后核查",
                due=_cd(30),
                mode="commitment",
                reasons=_reason("r-c", "承诺"),
            ),
        ),
    )


def _task(**kw: Any) -> ScheduledTask:
    base: dict[str, Any] = {
        "ref": kw["id"],
        "en": "",
        "department": None,
        "mode": None,
        "predecessors": (),
        "critical": False,
        "provisional": False,
        "government": False,
        "float_working_days": 0,
    }
    base.update(kw)
    base.setdefault("ready", base["finish"])
    for end in ("start", "finish"):
        base.setdefault(f"earliest_{end}", base[end])
        base.setdefault(f"latest_{end}", base[end])
    return ScheduledTask(**base)


def schedule() -> Schedule:
    tasks = (
        _task(
            id="project-filing",
            type="item",
            zh="企业投资项目备案",
            en="Project filing",
            stage="s1",
            department="drc",
            start=D(2026, 3, 2),
            finish=D(2026, 3, 3),
            duration=_wd(1),
            critical=True,
            government=True,
        ),
        _task(
            id="design",
            type="work",
            zh="施工图设计",
            en="Design",
            stage="s2",
            start=D(2026, 3, 3),
            finish=D(2026, 3, 23),
            duration=_cd(20),
            critical=True,
            predecessors=(Edge(task="project-filing", source="output:filing-notice"),),
            provider="designer",
        ),
        _task(
            id="material:survey-report",
            ref="survey-report",
            type="material",
            zh="勘察报告",
            stage="s2",
            start=D(2026, 3, 3),
            finish=D(2026, 3, 20),
            duration=_cd(17),
            float_working_days=5,
            latest_start=D(2026, 3, 10),
            latest_finish=D(2026, 3, 27),
            predecessors=(Edge(task="project-filing", source="gate:s1"),),
        ),
        _task(
            id="planning-permit",
            type="item",
            zh="建设工程规划许可证核发",
            en="Planning permit",
            stage="s2",
            department="nr",
            mode="tolerance",
            start=D(2026, 3, 23),
            finish=D(2026, 3, 30),
            duration=_wd(5),
            critical=True,
            government=True,
            predecessors=(
                Edge(task="design", source="output:design-done"),
                Edge(task="project-filing", source="output:filing-notice"),
                Edge(
                    task="material:survey-report",
                    binds="decision",
                    source="mode:planning-permit:tolerance",
                ),
            ),
        ),
        _task(
            id="construction-permit",
            type="item",
            zh="建筑工程施工许可证核发",
            en="Construction permit",
            stage="s3",
            department="housing",
            mode="commitment",
            start=D(2026, 3, 30),
            finish=D(2026, 4, 2),
            duration=_wd(3),
            critical=True,
            government=True,
            group="stage3-parallel",
            predecessors=(Edge(task="planning-permit", source="output:planning-licence"),),
        ),
        _task(
            id="gate:s3",
            type="milestone",
            zh="施工许可阶段完成",
            stage="s3",
            start=D(2026, 4, 2),
            finish=D(2026, 4, 2),
            duration=_wd(0),
            critical=True,
            provisional=True,
            predecessors=(Edge(task="construction-permit", source="gate:s3"),),
        ),
    )
    return Schedule(
        start=D(2026, 3, 2),
        finish=D(2026, 4, 2),
        working_days=23,
        government_working_days=9,
        tasks=tasks,
        critical_path=(
            "project-filing",
            "design",
            "planning-permit",
            "construction-permit",
            "gate:s3",
        ),
        choices=(
            Choice(
                option="mode:construction-permit",
                subject="construction-permit",
                zh="施工许可办理方式",
                en="",
                chosen="commitment",
                alternatives=(
                    AlternativeFinish(id="normal", zh="常规", en="Normal", finish=D(2026, 4, 7)),
                    AlternativeFinish(
                        id="commitment",
                        zh="告知承诺",
                        en="Commitment",
                        finish=D(2026, 4, 2),
                        commitments=1,
                    ),
                ),
            ),
        ),
        groups=(
            GroupSpan(
                id="stage3-parallel",
                zh="施工许可并联",
                en="",
                lead_department="housing",
                members=("construction-permit",),
                start=D(2026, 3, 30),
                finish=D(2026, 4, 2),
                cap=_wd(45),
            ),
        ),
        obligations=(
            ObligationDue(
                id="post-check",
                item="construction-permit",
                zh="事后核查",
                en="",
                after="decision",
                origin=D(2026, 4, 2),
                due=D(2026, 5, 2),
                duration=_cd(30),
                mode="commitment",
            ),
        ),
        optimal=True,
        bound=None,
        provisional=False,
        warnings=(
            Problem(
                code="internal",
                location=Location("catalog/items/x.yaml", 3, 5),
                severity="warning",
                args={"detail": "测试警告"},
            ),
        ),
        calendar_versions={"2026": "国办发明电〔2025〕7号"},
    )


def plan() -> Plan:
    inputs = Inputs(
        project="mini-project",
        project_name=Name(zh="测试项目", en="Test project"),
        profile={"site.zone": True},
        start=D(2026, 3, 2),
        as_of=D(2026, 3, 10),
        pins={},
        statutory=False,
        strict_calendar=False,
        engine="reference",
        catalog_id="mini",
        catalog_version="0.1",
        calendar_versions={"2026": "国办发明电〔2025〕7号"},
        actuals=None,
    )
    return build_plan(catalog(), decisions(), schedule(), inputs)


def plan_counted_into_2027() -> Plan:
    """The fixture plan with its obligation and its other finish counted into 2027, a year
    without a holiday notice (as the scheduler flags them)."""
    base = plan()
    obligations = [
        o.model_copy(update={"due_date": D(2027, 1, 11), "provisional": True})
        for o in base.obligations
    ]
    entries = [
        e.model_copy(
            update={
                "obligations": [
                    o.model_copy(update={"due_date": D(2027, 1, 11)}) for o in e.obligations
                ]
            }
        )
        for e in base.disclosure.entries
    ]
    return base.model_copy(
        update={
            "obligations": obligations,
            "disclosure": base.disclosure.model_copy(update={"entries": entries}),
            "other_finish": D(2027, 3, 1),
            "provisional": True,
            "provisional_years": [2027],
        }
    )
