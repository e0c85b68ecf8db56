"""The case database: SQLAlchemy 2 tables, the engine for a URL, and Alembic migrations
shipped in ``migrations/`` (``pathplanner db upgrade``). SQLite (a file) by default,
PostgreSQL by URL."""

from pathplanner.cases.storage.database import (
    DEFAULT_URL,
    connect,
    reachable,
    transaction,
    upgrade,
)
from pathplanner.cases.storage.tables import (
    Base,
    CaseRow,
    EventRow,
    PlanRow,
    RatingRow,
    TokenRow,
    UnitRow,
    UserRow,
)

__all__ = [
    "DEFAULT_URL",
    "Base",
    "CaseRow",
    "EventRow",
    "PlanRow",
    "RatingRow",
    "TokenRow",
    "UnitRow",
    "UserRow",
    "connect",
    "reachable",
    "transaction",
    "upgrade",
]
