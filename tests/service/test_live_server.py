"""A real ``pathplanner serve`` (uvicorn) on loopback: it answers like the application in
process, concurrent requests get the bytes sequential ones get, and a broken catalog stops
it before it listens."""

from __future__ import annotations

import copy
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
from fastapi.testclient import TestClient

from live_server import COMMAND, free_port
from pathplanner.plan.planner import Planner

ROOT = Path(__file__).resolve().parents[2]


def test_the_live_server_answers_like_the_application(
    live_url: str, client: TestClient, project: dict[str, Any]
) -> None:
    body = {"project": project, "format": "md"}
    live = httpx.post(f"{live_url}/plans", json=body, timeout=120)
    assert live.status_code == 200
    assert live.content == client.post("/plans", json=body).content
    assert live.headers["x-catalog-hash"] == Planner.default().catalog.content_hash
    refused = httpx.post(
        f"{live_url}/plans", content=b"{", headers={"Content-Type": "application/json"}
    )
    assert refused.status_code == 400
    assert refused.headers["content-type"] == "application/problem+json"


def test_concurrent_plans_equal_sequential_ones(live_url: str, project: dict[str, Any]) -> None:
    bodies = []
    for area in (2000, 6000, 9000, 20000):
        changed = copy.deepcopy(project)
        changed["profile"]["project"]["floor_area_m2"] = area
        bodies.append({"project": changed})
    with httpx.Client(base_url=live_url, timeout=300) as http:
        sequential = [http.post("/plans", json=body).content for body in bodies]
        with ThreadPoolExecutor(max_workers=8) as pool:
            concurrent = list(pool.map(lambda b: http.post("/plans", json=b).content, bodies * 3))
    assert concurrent == sequential * 3
    assert len(set(sequential)) == len(bodies)  # the areas do change the plans


def test_serve_refuses_a_broken_catalog_before_listening() -> None:
    broken = ROOT / "tests" / "data" / "invalid" / "duplicate-id"
    result = subprocess.run(
        [
            str(COMMAND),
            "--lang",
            "en",
            "serve",
            "--port",
            str(free_port()),
            "--catalog",
            str(broken),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert "duplicate-id" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_refuses_a_wrong_port_as_a_command_line_error() -> None:
    result = subprocess.run(
        [str(COMMAND), "serve", "--port", "70000"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "--port" in result.stderr
