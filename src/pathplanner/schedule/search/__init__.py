"""The exact choice of options: branch-and-bound over patched nets.

:mod:`~pathplanner.schedule.search.optimize` searches (:class:`Optimizer`);
:mod:`~pathplanner.schedule.search.patch` times a combination by patching one compiled net;
:mod:`~pathplanner.schedule.search.relaxed` bounds a partial choice by a relaxed graph when
the options are not separable; :mod:`~pathplanner.schedule.search.setups` keeps the graph
builds of the decisions seen last. ``docs/scheduling.md`` §9 explains the search for users.
"""

from pathplanner.schedule.search.optimize import Evaluation, Optimizer, Outcome
from pathplanner.schedule.search.setups import clear_setup_cache

__all__ = ["Evaluation", "Optimizer", "Outcome", "clear_setup_cache"]
