"""The id syntax every catalog, profile and scenario file shares."""

__all__ = ["FIELD_ID_PATTERN", "ID_PATTERN"]

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
"""An entity id: ``construction-permit``, ``survey-firm``."""

FIELD_ID_PATTERN = r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$"
"""A profile field id: dotted lower-case words, ``project.floor_area_m2``."""
