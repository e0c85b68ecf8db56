"""The default catalog's 特殊建设工程 list (令51号 art. 14, issue 13 §2), rules/fire.yaml.

Paragraph (十一) repeats the venues of (一)–(六): a policy edit that adds a venue to one
paragraph's rule and not to its (十一) rule would let that venue inside a building of another
use escape the paragraph that names it. Every rule cites its paragraph.
"""

from __future__ import annotations

import re

from pathplanner.catalog.loader import load_catalog
from pathplanner.catalog.rulebook.model import DeriveConclusion

_VENUE_SUM = re.compile(r"^sum of floor_area_m2 where use in (\[[^\]]*\]) > \d+$")
_CONTAINS = re.compile(
    r"^derived\.fire_venues_(\d) and any building: \(building\.use not in (\[[^\]]*\]) "
    r"and sum of floor_area_m2 where use in (\[[^\]]*\]) > 0\)$"
)
_PARAGRAPHS = "一二三四五六七八九十"


def _fire_rules() -> dict[str, tuple[str, str, list[str]]]:
    """Rule id → (condition, basis, derived facts) of the rules in rules/fire.yaml."""
    out: dict[str, tuple[str, str, list[str]]] = {}
    for rule in load_catalog().rules.compiled:
        if rule.location.file.endswith("fire.yaml"):
            derived = [c.derive.fact for c in rule.rule.then if isinstance(c, DeriveConclusion)]
            out[rule.id] = (" ".join(rule.rule.when.split()), rule.rule.basis, derived)
    return out


def test_each_paragraph_11_rule_names_the_venues_of_its_paragraph() -> None:
    rules = _fire_rules()
    venues: dict[str, str] = {}  # paragraph number → the venue list its own rule sums
    for when, _, derived in rules.values():
        found = _VENUE_SUM.match(when)
        for fact in derived:
            if found and fact.startswith("derived.fire_venues_"):
                venues[fact.rsplit("_", 1)[1]] = found.group(1)
    assert sorted(venues) == ["1", "2", "3", "4", "5", "6"]
    contained: dict[str, str] = {}
    for rule_id, (when, _, _) in rules.items():
        if rule_id.startswith("fire-special-contains-venue"):
            found = _CONTAINS.match(when)
            assert found, rule_id
            assert found.group(2) == found.group(3) == venues[found.group(1)], rule_id
            contained[found.group(1)] = rule_id
    assert sorted(contained) == sorted(venues)


def test_every_rule_deciding_special_status_cites_its_paragraph() -> None:
    cited: set[str] = set()
    for rule_id, (_, basis, derived) in _fire_rules().items():
        if "derived.special_fire_review" in derived:
            found = re.findall(r"第十四条第（([一二三四五六七八九十]+)）项", basis)
            assert found, rule_id
            cited.update(found)
    every = [*_PARAGRAPHS, "十一", "十二"]
    assert sorted(cited) == sorted(every)
