"""``create_app(settings)``: the FastAPI application of ``pathplanner serve``.

It loads the catalog once (a :class:`~pathplanner.plan.planner.Planner`, shared by every
request: it is immutable and thread-safe), includes the routers, answers every error as a
problem document, bounds request bodies, names the catalog in every response's headers,
and serves the completed OpenAPI document at ``/openapi.json``.
"""

from __future__ import annotations

from fastapi import FastAPI

import pathplanner
from pathplanner.cases import CaseBook
from pathplanner.cases.storage import connect, upgrade
from pathplanner.plan.planner import Planner
from pathplanner.service import openapi, problems
from pathplanner.service.cases_api import router as cases_router
from pathplanner.service.headers import CatalogHeaders
from pathplanner.service.limits import BodyLimit
from pathplanner.service.planning_api import router as planning_router
from pathplanner.service.settings import Settings

__all__ = ["create_app"]

DESCRIPTION = """\
Plans the approval pathway of a construction project (工程建设项目审批路径) for portals:
which items apply and in which mode, the one-time disclosure list, the material plan and
the working-day schedule. Errors are RFC 9457 problem documents
(`application/problem+json`) carrying the same located problems as the command line, in
Chinese by default or English (`Accept-Language: en`). Every response names the catalog in
`X-Catalog-Id`, `X-Catalog-Version` and `X-Catalog-Hash`.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    """The application for ``settings`` (default: :meth:`Settings.from_environment`).

    Loads the catalog now, so a broken catalog fails at start-up with an
    :class:`~pathplanner.errors.InputError`, not on the first request. Brings the case
    database to the shipped migrations (``pathplanner db upgrade``), so the service runs on
    a laptop's SQLite file with no set-up."""
    settings = settings or Settings.from_environment()
    planner = (
        Planner.from_directory(settings.catalog_dir)
        if settings.catalog_dir is not None
        else Planner.default()
    )
    app = FastAPI(
        title="pathplanner",
        version=pathplanner.__version__,
        description=DESCRIPTION,
        docs_url="/docs",
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.planner = planner
    engine = connect(settings.database_url)
    upgrade(engine)
    app.state.case_book = CaseBook(engine, planner)
    app.include_router(planning_router)
    app.include_router(cases_router)
    problems.install(app)
    openapi.install(app, planner.catalog)
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    app.add_middleware(CatalogHeaders, catalog=planner.catalog)  # outermost: on every answer
    return app
