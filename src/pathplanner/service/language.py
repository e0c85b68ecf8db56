"""The language of a response: Chinese unless the request's ``Accept-Language`` prefers
English."""

from __future__ import annotations

__all__ = ["LANGUAGES", "request_language"]

LANGUAGES = ("zh", "en")
"""The languages the service answers in, the default first."""


def _weight(parameters: list[str]) -> float:
    for parameter in parameters:
        name, _, value = parameter.strip().partition("=")
        if name.strip().lower() == "q":
            try:
                return float(value)
            except ValueError:
                return 0.0
    return 1.0


def request_language(accept_language: str | None) -> str:
    """``zh`` or ``en``: the supported language the header weighs highest (``en-US`` counts
    as ``en``, ``zh-CN`` as ``zh``); ``zh`` when the header is missing, names neither, or
    weighs them equally with Chinese first."""
    best, best_weight = LANGUAGES[0], 0.0
    for entry in (accept_language or "").split(","):
        tag, *parameters = entry.split(";")
        primary = tag.strip().lower().split("-")[0]
        weight = _weight(parameters)
        if primary in LANGUAGES and weight > best_weight:
            best, best_weight = primary, weight
    return best
