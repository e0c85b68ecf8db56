"""What the case records use unless told otherwise, in a module that imports nothing heavy:
the command line reads it to show its defaults without loading the storage."""

from __future__ import annotations

__all__ = ["DEFAULT_URL"]

DEFAULT_URL = "sqlite:///pathplanner-cases.db"
"""The case database unless told otherwise: a SQLite file in the working directory."""
