"""The catalog: items, materials, modes and the rest of a catalog directory, checked.

:mod:`~pathplanner.catalog.model` holds the entity models that mirror the YAML files;
:mod:`~pathplanner.catalog.checks` cross-checks them; :mod:`~pathplanner.catalog.loaded`
holds the loaded :class:`Catalog`; :mod:`~pathplanner.catalog.cache` keeps tables made once
per catalog; :mod:`~pathplanner.catalog.needs` says what an item in a mode needs (merged
items included). Reading a whole catalog directory (entities, calendars and rules) is
:func:`pathplanner.catalog.loader.load_catalog`.
"""

from pathplanner.catalog.loaded import Catalog, default_catalog_dir

__all__ = ["Catalog", "default_catalog_dir"]
