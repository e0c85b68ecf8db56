"""Government working days as the targets count them (issue 14 §4).

Each example's stage sums along the approval chain, the targets that apply and, for each
target missed, the items that drive the miss; the office days (the old union measure)
still counting what the chain leaves out; targets as dated, located catalog data; and the
park factory's 拿地即开工 choice explained.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pathplanner.catalog.loader import load_catalog
from pathplanner.errors import InputError
from pathplanner.plan import Plan
from snapshots import example_paths, example_plan

EXAMPLES = {p.stem: p for p in example_paths()}
MINI = Path(__file__).parents[1] / "data" / "mini"

S1, TITLE, S2, S3, BUILD, S4 = (
    "stage1-project-land",
    "land-title",
    "stage2-planning",
    "stage3-construction-permit",
    "construction",
    "stage4-completion",
)

# issue 14 §4: the approval chain's working days per stage of each example
CHAIN_STAGES: dict[str, dict[str, int]] = {
    # issue 13 §4: land conversion before 划拨/出让 of new land, temporary connections and the
    # waste approval before 开工; §3/§5: the foreign investor's notarised papers before the
    # filing, the vehicle plant filed, the 焦作 1-WD preliminary design approval
    "factory-in-assessed-park": {S1: 9, S2: 5, S3: 13, BUILD: 5, S4: 12},
    "foreign-rd-building-fire-review": {S1: 29, S2: 9, S3: 13, BUILD: 5, S4: 12},
    "government-primary-school": {S1: 21, S2: 9, S3: 13, BUILD: 5, S4: 15},
    "low-risk-warehouse": {S2: 1, S3: 5, S4: 13},
    "major-project-green-channel": {"business": 1, S1: 19, S2: 7, S3: 6, BUILD: 20, S4: 15},
    "mixed-use-podium-tower": {S1: 9, S2: 9, S3: 13, BUILD: 5, S4: 12},
    "residential-auction-land": {S1: 9, S2: 9, S3: 11, BUILD: 5, S4: 12},
    "school-campus-buildings": {S1: 28, S2: 9, S3: 13, BUILD: 5, S4: 15},
    "small-extension-exempt": {S2: 1, S3: 5, S4: 13},
}

# issue 14 §4: every target that applies, its stage sums, and the items driving each miss
TARGETS: dict[str, dict[str, tuple[int, list[str]]]] = {
    "factory-in-assessed-park": {
        "jiangsu-2019": (44, []),
        "jiangyin-industrial": (27, ["construction-drawing-review"]),
        "national-2019": (44, []),
    },
    "foreign-rd-building-fire-review": {
        "jiangsu-2019": (68, []),
        "jiangyin-social": (
            51,
            ["land-pre-review-site-selection", "farmland-conversion-expropriation"],
        ),
        "national-2019": (68, []),
    },
    "government-primary-school": {"jiangsu-2019": (63, []), "national-2019": (63, [])},
    "low-risk-warehouse": {
        "jiangsu-2019": (19, []),
        "jiangyin-social": (6, []),
        "low-risk": (19, []),
        "national-2019": (19, []),
    },
    "major-project-green-channel": {
        "jiangsu-2019": (67, []),
        "jiangyin-industrial": (32, ["farmland-conversion-expropriation", "highway-works-permit"]),
        "national-2019": (67, []),
    },
    "mixed-use-podium-tower": {
        "jiangsu-2019": (48, []),
        "jiangyin-social": (31, ["construction-drawing-review"]),
        "national-2019": (48, []),
    },
    "residential-auction-land": {
        "jiangsu-2019": (46, []),
        "jiangyin-social": (29, ["construction-drawing-review"]),
        "national-2019": (46, []),
    },
    "school-campus-buildings": {"jiangsu-2019": (70, []), "national-2019": (70, [])},
    "small-extension-exempt": {
        "jiangsu-2019": (19, []),
        "jiangyin-social": (6, []),
        "low-risk": (19, []),
        "national-2019": (19, []),
    },
}


def _plan(example: str) -> Plan:
    return example_plan(EXAMPLES[example])


def test_every_example_is_listed() -> None:
    assert set(CHAIN_STAGES) == set(EXAMPLES) == set(TARGETS)


@pytest.mark.parametrize("example", sorted(CHAIN_STAGES))
def test_issue_14_s4_stage_sums_of_each_example(example: str) -> None:
    time = _plan(example).government_time
    assert time is not None
    found = {s.stage: s.chain_working_days for s in time.stages if s.chain_working_days}
    assert found == CHAIN_STAGES[example]
    assert time.chain_working_days == sum(CHAIN_STAGES[example].values())
    assert sum(c.working_days for c in time.chain) == time.chain_working_days


@pytest.mark.parametrize("example", sorted(TARGETS))
def test_issue_14_s4_targets_and_the_items_driving_each_miss(example: str) -> None:
    plan = _plan(example)
    assert plan.government_time is not None
    checks = {t.id: t for t in plan.government_time.targets}
    assert {k: (t.working_days, t.drivers) for k, t in checks.items()} == TARGETS[example]
    missed = sorted(k for k, t in checks.items() if not t.met)
    warned = sorted(w.breadcrumb for w in plan.warnings if w.code == "plan-target-missed")
    assert warned == [f"Target(id='{k}')" for k in missed]
    items = {t.id: t.name for t in plan.tasks}
    for warning in (w for w in plan.warnings if w.code == "plan-target-missed"):
        check = checks[warning.breadcrumb.split("'")[1]]
        # the reader sees the target and the driving items by name, in each language
        for lang in ("zh", "en"):
            text = getattr(warning.message, lang)
            assert getattr(check.name, lang) in text
            for driver in check.drivers:
                assert f"{getattr(items[driver], lang)} (" in text
                assert f"{driver} (" not in text
    for check in checks.values():
        assert check.met == (check.working_days <= check.limit)
        assert sum(s.working_days for s in check.stage_working_days) == check.working_days
        assert {s.stage for s in check.stage_working_days} <= set(check.stages)
        # the drivers are the largest contributors, and together they close the gap
        days = {c.task: c.working_days for c in check.chain}
        if check.drivers:
            assert sum(days[d] for d in check.drivers) >= check.working_days - check.limit
            rest = [n for t, n in days.items() if t not in check.drivers]
            assert all(days[d] >= max(rest, default=0) for d in check.drivers)


def test_issue_14_s4_the_chain_leaves_out_what_only_office_days_count() -> None:
    """The land reserve's dossier and items off the chain count as office days only."""
    plan = _plan("factory-in-assessed-park")
    time = plan.government_time
    assert time is not None
    assert plan.task("material:land-reserve-dossier").government
    chain = [c.task for c in time.chain]
    assert "material:land-reserve-dossier" not in chain
    assert "eia-report-form-approval" not in chain  # parallel with the drawing review
    assert time.chain_working_days < plan.government_working_days
    office = {s.stage: s.office_working_days for s in time.stages}
    # issue 13 §4: the temporary connections and the waste approval before 开工 add office
    # days in stage 3 (was 17), the ±0.000 level check during construction (was 5)
    assert office[S3] == 22 and office[S4] == 34
    assert office[TITLE] == 1 and office[BUILD] == 7


def test_issue_14_s4_the_park_factory_says_what_keeps_pre_review_from_paying() -> None:
    plan = _plan("factory-in-assessed-park")
    notes = {
        (c.subject, a.id): a.note.en
        for c in plan.choices
        for a in c.alternatives
        if a.note is not None
    }
    assert set(notes) == {
        ("construction-permit", "pre-review"),
        ("construction-planning-permit", "pre-review"),
        ("land-use-planning-permit", "pre-review"),
    }
    assert notes[("construction-permit", "pre-review")] == (
        "pre-review (pre-review) would not let 'construction-permit' start earlier: it waits "
        "for 'construction-drawing-review' (ready 2026-06-23), later than the land contract and "
        "stage gate pre-review lifts (ready 2026-04-28); the finish would not be earlier"
    )
    assert notes[("land-use-planning-permit", "pre-review")] == (
        "'land-use-planning-permit' has 24 working days of float: deciding it earlier by "
        "pre-review (pre-review) would not move the finish"
    )


def _mini_with_targets(tmp_path: Path, text: str) -> Path:
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    (root / "catalog" / "targets.yaml").write_text(text, encoding="utf-8")
    return root


TARGET = """targets:
  - id: t
    zh: 目标
    working_days: 20
    stages: [{stage}]
    utilities: false
    when: {when}
    valid_from: 2019-03-26
    basis: 国办发〔2019〕11号
"""


def test_issue_14_s4_a_target_is_loaded_as_dated_data(tmp_path: Path) -> None:
    root = _mini_with_targets(
        tmp_path, TARGET.format(stage="approval", when="site.in_assessed_zone == true")
    )
    target = load_catalog(root).targets["t"]
    assert (target.working_days, target.stages, target.utilities) == (20, ["approval"], False)
    assert str(target.valid_from) == "2019-03-26"


def test_issue_14_s4_a_target_naming_an_unknown_stage_is_a_located_error(tmp_path: Path) -> None:
    root = _mini_with_targets(tmp_path, TARGET.format(stage="aproval", when='""'))
    with pytest.raises(InputError) as err:
        load_catalog(root)
    assert [p.message("en") for p in err.value.problems] == [
        "catalog/targets.yaml:5:14: error [unknown-reference] Target(id='t') > stages[0]: "
        "unknown stage 'aproval'\n  hint: did you mean 'approval'?"
    ]


def test_issue_14_s4_a_target_condition_is_type_checked(tmp_path: Path) -> None:
    root = _mini_with_targets(
        tmp_path, TARGET.format(stage="approval", when="site.in_assesed_zone == true")
    )
    with pytest.raises(InputError) as err:
        load_catalog(root)
    (problem,) = err.value.problems
    assert problem.code == "rule-unknown-name"
    assert str(problem.location) == "catalog/targets.yaml:7:11"
    assert problem.breadcrumb == "Target(id='t') > when"
