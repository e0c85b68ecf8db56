"""A mode's drops are checked when the catalog loads (issue 14 §3).

A drop needs its basis, names exactly one prerequisite, material or obligation, and that one
must belong to the item or to an item the mode replaces; the error points at the line.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pathplanner.catalog.loader import load_catalog
from pathplanner.errors import InputError

MINI = Path(__file__).resolve().parents[1] / "data" / "mini"

COMMITMENT_DROP = (
    "        drops:\n"
    "          - {prerequisite: drawings-ready, basis: 告知承诺：以承诺书代替施工图审查合格}\n"
)
MERGED_MODE = """      - id: with-planning-permit
        kind: merged
        zh: 两证同发
        basis: 国办发〔2018〕33号第（六）项
        valid_from: 2018-05-14
        replaces: [planning-permit]
"""


def _catalog_with(tmp_path: Path, drops: str, *, merged: bool = False) -> Path:
    """The mini catalog with the commitment mode's drops replaced by ``drops`` (YAML lines
    at the mode's indentation) or, with ``merged``, a merged mode replacing the planning
    permit that has these drops."""
    root = tmp_path / "c"
    shutil.copytree(MINI, root)
    items = root / "catalog" / "items.yaml"
    text = items.read_text(encoding="utf-8")
    assert COMMITMENT_DROP in text
    if merged:
        text = text.rstrip("\n") + "\n" + MERGED_MODE + drops
    else:
        text = text.replace(COMMITMENT_DROP, drops)
    items.write_text(text, encoding="utf-8")
    return root


def _messages(root: Path) -> list[str]:
    with pytest.raises(InputError) as info:
        load_catalog(root)
    return [p.message("en") for p in info.value.problems]


def test_the_mini_catalog_drops_with_a_basis() -> None:
    catalog = load_catalog(MINI)
    [mode] = catalog.items["construction-permit"].modes
    assert mode.dropped("prerequisite") == {"drawings-ready"}
    assert mode.drops[0].basis


def test_issue_14_s3_a_drop_without_a_basis_is_refused_at_its_line(tmp_path: Path) -> None:
    root = _catalog_with(tmp_path, "        drops:\n          - {prerequisite: drawings-ready}\n")
    [message] = _messages(root)
    assert message.startswith("catalog/items.yaml:72:13: error [missing-key]")
    assert "modes[0] > drops[0]" in message and "'basis'" in message


def test_a_drop_names_one_thing(tmp_path: Path) -> None:
    drops = (
        "        drops:\n"
        "          - {prerequisite: drawings-ready, material: site-plan, basis: 某文件}\n"
    )
    [message] = _messages(_catalog_with(tmp_path, drops))
    assert message.startswith("catalog/items.yaml:72:28: error [invalid-combination]")
    assert "give exactly one of 'prerequisite', 'material' and 'obligation'" in message


def test_issue_14_s3_a_drop_must_belong_to_the_item(tmp_path: Path) -> None:
    drops = "        drops:\n          - {material: site-plan, basis: 某文件}\n"
    assert _messages(_catalog_with(tmp_path, drops)) == [
        "catalog/items.yaml:72:24: error [drop-not-needed] Item(id='construction-permit') > "
        "modes[0] > drops[0] > material: mode commitment drops material 'site-plan', which "
        "neither the item nor an item it replaces has\n"
        "  hint: only the item's or a replaced item's material can be dropped: "
        "'application-form', 'planning-permit-copy'"
    ]


def test_issue_14_s3_a_merged_mode_may_drop_what_a_replaced_item_needs(tmp_path: Path) -> None:
    drops = "        drops:\n          - {material: site-plan, basis: 出让时已附总平面图}\n"
    catalog = load_catalog(_catalog_with(tmp_path, drops, merged=True))
    merged = catalog.items["construction-permit"].modes[1]
    assert merged.dropped("material") == {"site-plan"}


def test_issue_14_s3_a_merged_mode_drops_only_what_a_replaced_item_has(tmp_path: Path) -> None:
    drops = "        drops:\n          - {prerequisite: filing-notic, basis: 某文件}\n"
    [message] = _messages(_catalog_with(tmp_path, drops, merged=True))
    assert "error [drop-not-needed]" in message
    assert "modes[1] > drops[0] > prerequisite" in message
    assert "hint: did you mean 'filing-notice'?" in message
