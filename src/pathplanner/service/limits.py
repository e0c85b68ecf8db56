"""The largest request body an application reads, for every endpoint alike.

A body whose ``Content-Length`` is over the limit is refused with 413 before a byte of it
is read; a body sent in chunks is counted as it arrives and refused as soon as it passes
the limit, so no request can make the process hold more than the limit.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pathplanner.errors import Location, Problem
from pathplanner.service.problems import REQUEST, HttpProblem, problem_response

__all__ = ["BodyLimit"]


class BodyLimit:
    """ASGI middleware refusing request bodies over ``limit`` bytes with a 413 problem."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    def _problem(self) -> Problem:
        return Problem("http-too-large", Location(REQUEST), args={"limit": str(self.limit)})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.limit:
            response = problem_response(413, [self._problem()], Request(scope))
            await response(scope, receive, send)
            return
        received = 0

        async def bounded() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise HttpProblem(413, [self._problem()])
            return message

        await self.app(scope, bounded, send)
