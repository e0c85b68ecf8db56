"""What an endpoint asks the application for: the one planner of the process, the
settings, and the language of the response (FastAPI dependencies)."""

from __future__ import annotations

from fastapi import Request

from pathplanner.plan.planner import Planner
from pathplanner.service.language import request_language
from pathplanner.service.settings import Settings

__all__ = ["current_planner", "current_settings", "response_language"]


def current_planner(request: Request) -> Planner:
    """The planner loaded at start-up, shared by every request (it is thread-safe)."""
    planner: Planner = request.app.state.planner
    return planner


def current_settings(request: Request) -> Settings:
    """The settings the application was created with."""
    settings: Settings = request.app.state.settings
    return settings


def response_language(request: Request) -> str:
    """``zh`` or ``en``, from the request's ``Accept-Language``."""
    return request_language(request.headers.get("accept-language"))
