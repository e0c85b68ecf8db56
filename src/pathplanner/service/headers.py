"""The catalog's identity in the headers of every response.

A portal that stores a plan, or compares two answers, needs to know which catalog made
them: ``X-Catalog-Id``, ``X-Catalog-Version`` and ``X-Catalog-Hash`` (the content hash a
plan records as ``catalog_hash``) are on every response, errors included.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pathplanner.catalog import Catalog

__all__ = ["CatalogHeaders", "catalog_headers"]


def catalog_headers(catalog: Catalog) -> dict[str, str]:
    """The headers naming ``catalog`` (ASCII: the id, version and hash are)."""
    return {
        "X-Catalog-Id": catalog.manifest.id,
        "X-Catalog-Version": catalog.manifest.version,
        "X-Catalog-Hash": catalog.content_hash,
    }


class CatalogHeaders:
    """ASGI middleware adding :func:`catalog_headers` to every HTTP response."""

    def __init__(self, app: ASGIApp, catalog: Catalog) -> None:
        self.app = app
        self.headers = catalog_headers(catalog)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, with_headers)
