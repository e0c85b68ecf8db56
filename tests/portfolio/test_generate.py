"""Issue 17: the synthetic portfolio is seeded, valid against the catalog's fields, and has
a county's mix of projects."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from pathplanner.catalog.loader import load_catalog
from pathplanner.cli import main
from pathplanner.portfolio.generate import KINDS, check_fields, generate_portfolio


def test_the_same_seed_gives_the_same_portfolio_and_another_seed_another() -> None:
    assert generate_portfolio(50, 1) == generate_portfolio(50, 1)
    assert generate_portfolio(50, 1) != generate_portfolio(50, 2)
    assert generate_portfolio(50, 1)[:10] == generate_portfolio(10, 1)


def test_500_projects_are_valid_and_mixed_like_a_county_year() -> None:
    documents = generate_portfolio(500, 11)
    check_fields(documents, load_catalog())  # raises with every problem found
    kinds = Counter(str(d["name"]).split("-", 1)[1] for d in documents)
    assert set(kinds) == {k.id for k in KINDS}
    assert kinds.most_common(1)[0][0] == "factory"
    profiles = [d["profile"] for d in documents]
    uses = {p["project"]["use"] for p in profiles}
    assert {"factory", "warehouse", "residential", "school", "office"} <= uses
    supplies = Counter(p["land"]["supply"] for p in profiles)
    assert set(supplies) == {"transfer", "allocation", "existing"}
    investments = Counter(p["project"]["investment"] for p in profiles)
    assert 0.1 < investments["government"] / 500 < 0.3
    several = [p for p in profiles if len(p.get("buildings", [])) > 1]
    assert len(several) > 50
    starts = [dt.date.fromisoformat(str(d["start"])) for d in documents]
    assert min(starts).year == max(starts).year == 2026
    assert all(day.weekday() < 5 for day in starts)
    assert len({day.month for day in starts}) >= 11


@pytest.mark.parametrize("target", ["county.jsonl", "county.csv", "county.parquet", "county"])
def test_the_command_writes_every_form_batch_reads(
    tmp_path: Path, target: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / target
    assert main(["--lang", "en", "generate-portfolio", "12", "--seed", "3", "-o", str(path)]) == 0
    assert f"12 projects generated, written to {path}" in capsys.readouterr().err
    first = sorted(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())
    assert main(["generate-portfolio", "12", "--seed", "3", "-o", str(path)]) == 0
    assert sorted(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()) == first
    if target == "county":
        assert len(list(path.glob("*.yaml"))) == 12


def test_a_target_that_cannot_be_written_is_one_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert main(["generate-portfolio", "3", "-o", str(blocker / "p.jsonl")]) == 1
    err = capsys.readouterr().err
    assert "file-unwritable" in err and "Traceback" not in err
    assert main(["generate-portfolio", "0", "-o", str(tmp_path / "p.jsonl")]) == 2
