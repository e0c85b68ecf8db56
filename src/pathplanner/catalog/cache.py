"""Tables computed once per catalog object and kept while the catalog lives."""

from __future__ import annotations

import functools
import threading
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from pathplanner.catalog.loaded import Catalog

__all__ = ["per_catalog"]

T = TypeVar("T")


def per_catalog(make: Callable[[Catalog], T]) -> Callable[[Catalog], T]:
    """``make(catalog)``, made on the first call for each catalog object and then returned
    again (held weakly: dropping the catalog drops it). Safe to call from many threads: a
    table is made once even when two threads ask for it at the same time."""
    found: weakref.WeakKeyDictionary[Catalog, T] = weakref.WeakKeyDictionary()
    lock = threading.Lock()

    @functools.wraps(make)
    def get(catalog: Catalog) -> T:
        table = found.get(catalog)
        if table is None:
            with lock:
                table = found.get(catalog)
                if table is None:
                    table = found[catalog] = make(catalog)
        return table

    return get
