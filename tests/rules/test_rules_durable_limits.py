"""A checked catalog never hangs or crashes an engine (issue 18, sections 1 and 6).

Measured on durable-rules 2.0.28: one rule with 512 alternatives loops forever inside
``create_ruleset`` holding the interpreter lock, so every test that could meet it runs the
engine in a child process with a timeout (a regression fails instead of hanging CI).
"""

from __future__ import annotations

import json
import math
import operator
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from _rules_domain import (
    EXTREME_FLOATS,
    EXTREME_INTEGERS,
    build_extremes,
    candidates,
    make_profile,
    outcome,
)
from _rules_support import AS_OF
from hypothesis import given
from hypothesis import strategies as st

from pathplanner.catalog import Catalog
from pathplanner.catalog.loader import load_catalog
from pathplanner.rules import decide
from pathplanner.rules._durable_program import encode
from pathplanner.rules.durable_check import durable_problems

DURABLE = sys.implementation.name == "cpython" and sys.version_info < (3, 13)
TESTS = Path(__file__).parent

_ENGINES = """
import json, sys
sys.path.insert(0, {tests!r})
from _rules_domain import make_profile, outcome
from pathplanner.catalog.loader import load_catalog
catalog = load_catalog({catalog!r})
out = []
for values in {profiles!r}:
    profile = make_profile(catalog, values)
    out.append([outcome(catalog, profile, {as_of!r}, e) for e in ("reference", "durable")])
print(json.dumps(out))
"""


def _both_engines(
    catalog: Path, profiles: list[dict[str, Any]], timeout: float = 180
) -> list[list[str]]:
    """[reference, durable] outcomes per profile, decided in a child process."""
    script = _ENGINES.format(
        tests=str(TESTS), catalog=str(catalog), profiles=profiles, as_of=AS_OF
    ).replace("datetime.date", "__import__('datetime').date")
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _one_rule(when: str, rid: str = "big") -> str:
    return (
        f"  - id: {rid}\n    zh: 大\n"
        f"    when: '{when}'\n"
        "    then:\n      - require: project-filing\n    basis: 测试\n"
        "    valid_from: 2019-01-01\n"
    )


_LONG = {
    "in-511": "project.height_m in [" + ", ".join(str(i) for i in range(511)) + "]",
    "in-512": "project.height_m in [" + ", ".join(str(i) for i in range(512)) + "]",
    "in-1000": "project.budget_yuan in [" + ", ".join(str(7 * i) for i in range(1000)) + "]",
    "not-in-1000": "project.budget_yuan not in ["
    + ", ".join(str(7 * i) for i in range(1000))
    + "]",
    "or-1000": " or ".join(f"project.budget_yuan == {3 * i}" for i in range(1000)),
    "and-5000": "project.budget_yuan >= 0 and "
    + " and ".join(f"project.budget_yuan != {2 * i + 1}" for i in range(5000)),
    "100-hold-at-once": " or ".join(f"project.floor_area_m2 > {i}" for i in range(100)),
    "16-groups": " and ".join(f"(project.height_m > {i} or project.major)" for i in range(16)),
}


@pytest.mark.skipif(not DURABLE, reason="durable-rules builds on CPython < 3.13 only")
@pytest.mark.parametrize("shape", sorted(_LONG))
def test_a_long_condition_plans_on_both_engines_alike(tmp_path: Path, shape: str) -> None:
    """Before: ``in-512``, ``in-1000``, ``or-1000`` and ``and-5000`` hung durable-rules
    (512 alternatives under one node), ``100-hold-at-once`` failed with error 303 and
    ``16-groups`` with error 113."""
    root = build_extremes(tmp_path / "cat", "rules:\n" + _one_rule(_LONG[shape]))
    profiles: list[dict[str, Any]] = [
        {"project.height_m": h, "project.budget_yuan": b, "project.floor_area_m2": a}
        for h, b, a in [(7, 0, 3000), (600, 21, 50.5), (20, 6999, 0), (0, 7000, 99.5)]
    ]
    results = _both_engines(root, profiles)
    assert [r for r, d in results if r != d] == []
    fires = ['"big"' in r for r, _ in results]
    assert any(fires) and not all(fires)


def test_every_rule_of_the_extremes_catalog_compiles_for_durable_rules_in_time(
    tmp_path: Path,
) -> None:
    """The compile proof that ``check`` runs, on 600-value lists and extreme numbers."""
    catalog = load_catalog(build_extremes(tmp_path / "cat"))
    assert durable_problems(catalog, rule_seconds=30) == []


# -- extreme numbers ----------------------------------------------------------------------


def _values(field: str, catalog: Catalog) -> list[Any]:
    """The field's candidates that are extreme: zero, tiny, huge or infinite."""
    return [
        v
        for v in candidates(catalog)[field]
        if v is not None and (v == 0 or not 1e-3 < abs(v) < 1e15)
    ]


@pytest.fixture(scope="module")
def extremes(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    catalog = load_catalog(build_extremes(tmp_path_factory.mktemp("extremes") / "cat"))
    if DURABLE:
        # a regression that would hang the engine fails here, in a child process
        assert durable_problems(catalog, rule_seconds=30) == []
    return catalog


@pytest.mark.skipif(not DURABLE, reason="durable-rules builds on CPython < 3.13 only")
def test_extreme_numbers_decide_alike_on_both_engines(extremes: Catalog) -> None:
    """Every literal of the extremes catalog and its nearest floats (and integers), each
    on its own, over both engines: identical decisions. Before: error 204 for ``1e-05``,
    ``6e-05``, ``5e-324`` in a profile or a threshold; big integers
    saturated."""
    checked = 0
    for field in ("site.area_ha", "project.budget_yuan"):
        for value in _values(field, extremes):
            profile = make_profile(extremes, {field: value})
            ref = outcome(extremes, profile, AS_OF, "reference")
            assert outcome(extremes, profile, AS_OF, "durable") == ref, (field, value)
            checked += 1
    assert checked >= 40


def test_profile_values_written_with_an_exponent_plan_on_the_default_engine(
    extremes: Catalog,
) -> None:
    """``site.area_ha: 0.00006`` (JSON ``6e-05``) plans, and fires the rules it should."""
    profile = make_profile(extremes, {"site.area_ha": 0.00006})
    decisions = decide(extremes, profile, as_of=AS_OF)
    ids = decisions.rule_ids()
    # > 1e-05, == 6e-05, > 5e-324, < the largest float, > the lowest
    assert {"float-0-5", "float-1-2", "float-2-5", "float-6-0", "float-7-5"} <= ids
    assert not {"float-1-3", "float-5-5", "float-6-2"} & ids  # != 6e-05, > 1e308, == max


def test_extreme_literals_are_what_the_catalog_says() -> None:
    assert float(EXTREME_FLOATS[2]) == 5e-324 and math.copysign(1, float(EXTREME_FLOATS[4])) < 0
    assert float(EXTREME_FLOATS[7]) == -sys.float_info.max
    assert int(EXTREME_INTEGERS[0]) == 2**53 + 1 and int(EXTREME_INTEGERS[2]) == 2**63


_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    "==": operator.eq,
    "!=": operator.ne,
    ">=": operator.ge,
    ">": operator.gt,
}
_NUMBERS = st.one_of(
    st.floats(allow_nan=False, allow_subnormal=True),
    st.sampled_from([5e-324, -5e-324, 0.0, -0.0, 1e-05, 6e-05, 1e308, math.inf, -math.inf]),
    st.integers(min_value=-(10**100), max_value=10**100),
    st.integers(min_value=2**53 - 2, max_value=2**53 + 2),
    st.integers(min_value=2**63 - 2, max_value=2**63 + 2),
)


@given(scale=st.lists(_NUMBERS, min_size=1, max_size=12), value=_NUMBERS)
def test_ranks_keep_every_comparison_with_every_literal(scale: list[Any], value: Any) -> None:
    """Invariant: for every literal ``t`` a name is compared with and every value ``v``,
    ``op(rank(v), rank(t)) == op(v, t)`` for each of ``< <= == != >= >`` (subnormal, tiny,
    huge, infinite, negative zero, integers past 53 and 64 bits)."""
    literals = tuple(sorted(set(scale)))
    for t in literals:
        for name, op in _OPS.items():
            assert op(encode(literals, value), encode(literals, t)) == op(value, t), (
                value,
                name,
                t,
            )
