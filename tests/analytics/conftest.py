from __future__ import annotations

import pytest

from portfolio_support import PlannedBatch, planned_batch


@pytest.fixture(scope="session")
def batch(tmp_path_factory: pytest.TempPathFactory) -> PlannedBatch:
    return planned_batch(tmp_path_factory)
