"""The disclosure list and material plan, on the hand-built fixture."""

from __future__ import annotations

import datetime as dt

from plan_checks import check_all, check_critical_path_float
from plan_fixtures import plan as fixture_plan

D = dt.date


def test_fixture_satisfies_the_plan_invariants() -> None:
    check_all(fixture_plan())
    check_critical_path_float(fixture_plan())
    # no calendar-day task on the fixture's chain ends on a rest day: the whole chain is at 0
    tasks = {t.id: t for t in fixture_plan().tasks}
    assert all(tasks[i].float_working_days == 0 for i in fixture_plan().critical_path)


def test_entries_in_meeting_order_with_modes() -> None:
    entries = fixture_plan().disclosure.entries
    assert [(e.item, e.mode, e.mode_kind) for e in entries] == [
        ("project-filing", "normal", "normal"),
        ("planning-permit", "tolerance", "tolerance"),
        ("construction-permit", "commitment", "commitment"),
    ]
    filing = entries[0]
    assert filing.window == "政务服务中心3号窗口"
    assert filing.time_limits.statutory is not None and filing.time_limits.statutory.value == 5
    assert filing.time_limits.committed is not None and filing.time_limits.committed.value == 1
    assert filing.time_limits.planned.value == 1
    assert [r.rule_id for r in filing.reasons] == ["r-pf"]


def test_materials_original_copies_provider_reuse_and_deferral() -> None:
    entries = {e.item: e for e in fixture_plan().disclosure.entries}
    permit = {m.material: m for m in entries["planning-permit"].materials}
    assert permit["application-form"].reused_from == "project-filing"
    assert permit["application-form"].reusable
    assert permit["drawings"].original and permit["drawings"].copies == 2
    assert permit["drawings"].provider == "designer"
    assert permit["survey-report"].secondary
    # 容缺: 5 working days after acceptance on Monday 2026-03-23
    assert permit["survey-report"].deferred_until == D(2026, 3, 30)
    construction = {m.material: m for m in entries["construction-permit"].materials}
    # the planning department keeps the original drawings: a second original is needed
    assert construction["drawings"].reused_from == "planning-permit"
    assert not construction["drawings"].reusable
    assert "commitment-letter" in construction, "a commitment mode adds its letter"


def test_obligations_of_the_commitment_mode() -> None:
    construction = fixture_plan().disclosure.entries[2]
    assert [(o.id, o.due_date) for o in construction.obligations] == [("post-check", D(2026, 5, 2))]


def test_prerequisites_name_outputs_and_issuers() -> None:
    permit = fixture_plan().disclosure.entries[1]
    assert [(p.any_of[0].output, p.any_of[0].issued_by) for p in permit.prerequisites] == [
        ("filing-notice", "project-filing"),
        ("design-done", "design"),
    ]


def test_not_applicable_lists_the_exempted_item_with_its_reason() -> None:
    [exempt] = fixture_plan().disclosure.not_applicable
    assert exempt.item == "seismic-assessment"
    assert [r.text for r in exempt.reasons] == ["区域评估已覆盖"]


def test_material_plan_dates_and_warnings() -> None:
    materials = {m.material: m for m in fixture_plan().materials}
    form = materials["application-form"]
    assert form.used_by == ["project-filing", "planning-permit", "construction-permit"]
    assert form.needed_by_earliest == D(2026, 3, 2)
    assert form.last_use == D(2026, 3, 30)
    drawings = materials["drawings"]
    assert drawings.needed_by_earliest == D(2026, 3, 23)
    assert drawings.needed_by_latest == D(2026, 3, 23)
    # the licence copy is valid 20 days from first use 03-02, but used again on 03-30
    licence = materials["licence-copy"]
    assert licence.expires == D(2026, 3, 22)
    assert [w.code for w in licence.warnings] == ["material-expires"]
    survey = materials["survey-report"]
    assert survey.ready == D(2026, 3, 20)
    assert [w.code for w in survey.warnings] == ["material-no-provider"]
    assert survey.warnings[0].breadcrumb == "Material(id='survey-report')"


def test_material_warnings_are_plan_warnings_too() -> None:
    plan = fixture_plan()
    codes = [w.code for w in plan.warnings]
    assert codes == sorted(codes)
    assert {"material-expires", "material-no-provider"} <= set(codes)
    assert all(w.message.zh and w.message.en for w in plan.warnings)
