"""The ``serve`` command: run the HTTP API (``docs/service.md``) with uvicorn.

``pathplanner serve [--host 127.0.0.1] [--port 8000] [--catalog DIR]`` loads the catalog
once, then answers until stopped (Ctrl-C). A catalog with errors is reported like
``pathplanner check`` reports it, and the command exits with 1 before listening. Without
``--catalog``, ``PATHPLANNER_CATALOG`` names the catalog directory when set; the case
records' database comes from ``PATHPLANNER_DATABASE_URL``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

__all__ = ["serve_command"]


def serve_command(
    *,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (127.0.0.1: this machine only).")
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")
    ] = 8000,
    catalog: Annotated[
        Path | None,
        typer.Option(
            "--catalog", help="Catalog directory; default: the shipped catalog.", readable=False
        ),
    ] = None,
) -> None:
    """Serve the HTTP API for portals (POST /plans, /explain, GET /catalog …) until stopped."""
    # lazy import: FastAPI and uvicorn, only for the one command that serves
    import uvicorn

    # lazy import: the service package imports FastAPI
    from pathplanner.service.app import create_app
    from pathplanner.service.settings import Settings

    environment = Settings.from_environment()
    settings = Settings(
        catalog_dir=catalog or environment.catalog_dir, database_url=environment.database_url
    )
    app = create_app(settings)
    uvicorn.run(app, host=host, port=port, log_level="info")
