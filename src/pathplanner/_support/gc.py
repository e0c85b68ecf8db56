"""Pausing Python's cyclic garbage collector around work that only builds live objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block (or, as ``@collector_paused()``, the function) with the cyclic
    garbage collector off, back on afterwards if it was.

    Planning allocates many small objects that all survive until the plan is returned, so
    the collector's full passes, which walk every live object, find nothing and make the
    cost grow faster than the plan. Reference counting still frees everything as usual.
    Nested and concurrent uses are safe: only the use that turned it off turns it back on.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
