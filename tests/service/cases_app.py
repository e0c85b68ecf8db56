"""A minimal application serving the cases router, for the tests that run a real uvicorn
process: ``uvicorn --factory cases_app:build`` with ``PATHPLANNER_DATABASE_URL`` set."""

from __future__ import annotations

import os

from fastapi import FastAPI

from pathplanner.cases import CaseBook
from pathplanner.cases.storage import connect
from pathplanner.plan import Planner
from pathplanner.service.cases_api import router


def build() -> FastAPI:
    app = FastAPI()
    app.state.case_book = CaseBook(
        connect(os.environ["PATHPLANNER_DATABASE_URL"]), Planner.default()
    )
    app.include_router(router)
    return app
