"""The service's settings: which catalog to load, where case records will be kept, and
the limits of a request. Read from the command line or from the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pathplanner._input.yaml import MAX_BYTES
from pathplanner.cases.storage import DEFAULT_URL

__all__ = ["DEFAULT_DATABASE_URL", "Settings"]

DEFAULT_DATABASE_URL = DEFAULT_URL
"""Where case records are kept unless told otherwise (a SQLite file in the working
directory)."""


@dataclass(frozen=True)
class Settings:
    """What one service process needs to know before it answers a request.

    ``catalog_dir`` is a catalog directory (``None``: the shipped catalog), loaded once at
    start-up. ``database_url`` is the SQLAlchemy URL of the case records. ``max_body_bytes``
    is the largest request body read: a larger one is refused with 413 before it is parsed
    (the default is the YAML reader's file limit, so a request holds what a file may).
    """

    catalog_dir: Path | None = None
    database_url: str = DEFAULT_DATABASE_URL
    max_body_bytes: int = MAX_BYTES

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from ``PATHPLANNER_CATALOG`` and ``PATHPLANNER_DATABASE_URL`` (each
        optional)."""
        env = os.environ if environ is None else environ
        catalog = env.get("PATHPLANNER_CATALOG")
        return cls(
            catalog_dir=Path(catalog) if catalog else None,
            database_url=env.get("PATHPLANNER_DATABASE_URL") or DEFAULT_DATABASE_URL,
        )
