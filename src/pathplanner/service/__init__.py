"""The HTTP service behind ``pathplanner serve``: a FastAPI application for portals.

:func:`~pathplanner.service.app.create_app` builds the application from
:class:`~pathplanner.service.settings.Settings`. The stateless planning endpoints are one
router (:mod:`pathplanner.service.planning_api`), the case records another
(:mod:`pathplanner.service.cases_api`); what every endpoint shares (the loaded planner,
problem responses, the body limit, the catalog headers) lives in modules of its own. See
``docs/service.md``.
"""

from __future__ import annotations

__all__: list[str] = []
