"""Explanations: an applied and a non-applied item, as Chinese, English and JSON; the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _rules_support import AS_OF, CATALOG_DIR, load_test_catalog, profile

from pathplanner.catalog import Catalog
from pathplanner.cli import main
from pathplanner.errors import InputError
from pathplanner.rules import explain


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_test_catalog()


def test_applied_item_gives_rule_condition_values_and_basis(catalog: Catalog) -> None:
    x = explain(catalog, profile(catalog), "project-filing", as_of=AS_OF)
    assert x.status == "applicable"
    assert x.render("zh") == (
        "企业投资项目备案（project-filing）在 2026-03-02 适用。\n"
        '规则 enterprise-filing 的条件 project.investment == "enterprise" 成立'
        '（project.investment = "enterprise"），依据：《企业投资项目核准和备案管理条例》第三条。\n'
    )
    assert x.render("en") == (
        "Enterprise investment project filing (project-filing) applies on 2026-03-02.\n"
        'Rule enterprise-filing: the condition project.investment == "enterprise" holds '
        '(project.investment = "enterprise"); basis: 《企业投资项目核准和备案管理条例》第三条.\n'
    )


def test_non_applied_item_names_the_failed_conditions_down_the_chain(catalog: Catalog) -> None:
    p = profile(catalog, project__use="mall", project__floor_area_m2=15000)
    x = explain(catalog, p, "fire-design-review", as_of=AS_OF)
    assert x.status == "not_required"
    (trace,) = x.requiring
    assert (trace.rule_id, trace.fired, trace.in_force) == ("fire-review", False, True)
    assert [(f.text, f.facts) for f in trace.failed] == [
        ("derived.special_fire_review", {"derived.special_fire_review": False})
    ]
    (special,) = trace.derivations
    (large,) = special.derivations
    assert [(f.text, f.facts) for f in large.failed] == [
        ("project.floor_area_m2 > 20000", {"project.floor_area_m2": 15000})
    ]
    assert x.render("en").splitlines() == [
        "Fire design review (fire-design-review) does not apply on 2026-03-02: it does not "
        "apply by default and no rule requires it.",
        "Rule fire-review (特殊建设工程办理消防设计审查) would require it when "
        "derived.special_fire_review, but derived.special_fire_review does not hold "
        "(derived.special_fire_review = false).",
        "Rule special-fire (大型公共建筑或劳动密集型厂房属于特殊建设工程) would derive it when "
        'derived.large_public or (project.use == "factory" and project.labour_intensive and '
        'project.floor_area_m2 > 2500), but derived.large_public or project.use == "factory" '
        "and project.labour_intensive and project.floor_area_m2 > 2500 does not hold "
        "(derived.large_public = false, project.floor_area_m2 = 15000, "
        'project.labour_intensive = false, project.use = "mall").',
        "Rule large-public (面积超过两万平方米的公共建筑) would derive it when "
        "derived.public_building and project.floor_area_m2 > 20000, but "
        "project.floor_area_m2 > 20000 does not hold (project.floor_area_m2 = 15000).",
    ]
    chinese = x.render("zh").splitlines()  # one line per rule, as in English (#15 §2)
    assert len(chinese) == len(x.render("en").splitlines())
    assert chinese[:2] == [
        "特殊建设工程消防设计审查（fire-design-review）在 2026-03-02 不适用：它不是默认办理的"
        "事项，也没有规则要求办理。",
        "规则 fire-review（特殊建设工程办理消防设计审查）本可要求办理，"
        "条件为 derived.special_fire_review，但 derived.special_fire_review 不成立"
        "（derived.special_fire_review = false）。",
    ]


def test_excluded_item_and_rule_out_of_force(catalog: Catalog) -> None:
    x = explain(
        catalog, profile(catalog, site__in_assessed_zone=True), "seismic-assessment", as_of=AS_OF
    )
    assert x.status == "excluded"
    assert [r.rule_id for r in x.reasons] == ["assessed-zone-seismic"]
    assert [t.rule_id for t in x.excluding] == ["assessed-zone-seismic"]


def test_json_is_data(catalog: Catalog) -> None:
    x = explain(catalog, profile(catalog), "fire-design-review", as_of=AS_OF, engine="reference")
    data = json.loads(x.to_json())
    assert data["status"] == "not_required"
    assert data["engine"] == "reference"
    assert data["requiring"][0]["failed"][0]["facts"] == {"derived.special_fire_review": False}


def test_unknown_task_suggests(catalog: Catalog) -> None:
    with pytest.raises(InputError) as info:
        explain(catalog, profile(catalog), "fire-design-reviw", as_of=AS_OF)
    assert info.value.problems[0].message("en") == (
        "ITEM_ID: error [explain-unknown-task]: the catalog has no item or work "
        "'fire-design-reviw'\n  hint: did you mean 'fire-design-review'?"
    )


def test_cli_explain_text_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "p.yaml"
    project.write_text(
        "name: p\nzh: 测试\nas_of: 2026-03-02\nprofile:\n"
        "  project: {investment: enterprise, use: factory, floor_area_m2: 3000}\n",
        encoding="utf-8",
    )
    args = ["explain", str(project), "project-filing", "--catalog", str(CATALOG_DIR)]
    assert main(["--lang", "en", *args]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "Enterprise investment project filing (project-filing) applies on 2026-03-02."
    )
    assert main([*args, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "applicable"
    assert main([*args[:2], "nothing-like-it", *args[3:]]) == 1
