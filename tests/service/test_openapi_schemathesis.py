"""schemathesis against the OpenAPI document: every operation, with data drawn from its
schemas (valid and invalid), never gets a server error, and every response is valid
against the document (status, content type, headers, body schema).

A bounded number of examples per operation (plus the document's own examples) keeps the
whole run within about a minute on a loaded two-core machine; the database of examples is
off, so every run draws afresh from a fixed seed and a failure reproduces.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from live_server import scratch_database
from pathplanner.service.app import create_app
from pathplanner.service.settings import Settings

EXAMPLES_PER_OPERATION = 25
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


def _schema() -> Any:
    """The application's own OpenAPI document, called in process (loaded when the module
    is collected: schemathesis makes one test per operation from it)."""
    scratch = Path(tempfile.mkdtemp(prefix="pathplanner-schemathesis-"))
    app = create_app(Settings(database_url=scratch_database(scratch)))
    loaded = schemathesis.openapi.from_asgi("/openapi.json", app)
    loaded.config.generation.update(
        modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
        max_examples=EXAMPLES_PER_OPERATION,
        database="none",
        deterministic=True,
    )
    return loaded


schema = _schema()


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_no_server_error_and_every_response_matches_the_document(case: Any) -> None:
    case.call_and_validate(checks=CHECKS)
