"""An office's reads over HTTP on a 10,000-children database (SQLite, one server process):
16 clients for HAVEN_BENCH_SECONDS (default 60) on each route, then 64 clients, against the
floor of the same load on `/healthz` (no database, no sign-in) measured in the same run.

Targets (issue 10): 16 clients, 0 errors, p99 ≤ 150 ms, child JSON ≥ 800 req/s; 64 clients,
0 errors. Only errors are asserted: the figures depend on the machine and are printed.

Run by hand: `.venv/bin/python -m pytest tests/bench/test_bench_request_path_under_load.py -q -s`
(HAVEN_BENCH_QUICK=1 for 5 s a route; HAVEN_BENCH_DB=path keeps the generated database).
"""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys

import httpx
import pytest

from tests.bench import load
from tests.bench.bench_database import bench_database
from tests.engines.test_haven_serve_demo_serves_a_lived_in_system import free_port, wait_until_up

QUICK = os.environ.get("HAVEN_BENCH_QUICK") == "1"
SECONDS = 5.0 if QUICK else float(os.environ.get("HAVEN_BENCH_SECONDS", "60"))
MAX_REQUESTS = 200_000  # a bound besides the time
WARM_UP_SECONDS = 1.0


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bench")
    url, login = bench_database(folder)
    port = free_port()
    env = {**os.environ, "HAVEN_DATABASE_URL": url, "HAVEN_SCHEDULER": "false"}
    log = open(folder / "serve.log", "w+")
    process = subprocess.Popen([sys.executable, "-m", "service.cli", "serve", "--no-scheduler", "--port",
                                str(port)], cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(f"{base}/healthz", process)
        yield port, signed_in(base, login)
    finally:
        process.terminate()
        process.wait(timeout=60)
        log.close()


def signed_in(base: str, login: dict) -> dict:
    """A bearer token for the API and a browser session (signed in through the form) for pages."""
    token = httpx.post(f"{base}/api/v1/auth/token", json=login).json()["token"]
    with httpx.Client(base_url=base) as browser:
        csrf = re.search(r'name="_csrf_token" value="([^"]+)"', browser.get("/login").text)[1]
        browser.post("/login", data={**login, "_csrf_token": csrf, "next": "/"})
        session = browser.cookies["haven_session"]
    api = {"Authorization": f"Bearer {token}"}
    ids = [c["id"] for c in httpx.get(f"{base}/api/v1/children", headers=api).json()]
    assert ids, "the supervisor's team has no children"
    return {"api": api, "page": {"Cookie": f"haven_session={session}"}, "ids": ids}


def routes(who: dict) -> dict:
    ids = who["ids"]
    return {
        "GET /api/v1/children/{id}": (who["api"], lambda n: f"/api/v1/children/{ids[n % len(ids)]}"),
        "GET /api/v1/children": (who["api"], lambda n: "/api/v1/children"),
        "GET /children/{id} (page)": (who["page"], lambda n: f"/children/{ids[n % len(ids)]}"),
        "GET /api/v1/alerts": (who["api"], lambda n: "/api/v1/alerts"),
    }


def measure(port: int, headers: dict, paths, clients: int) -> load.Result:
    """After a second of the same load, untimed: a route's first requests compile its templates
    and statements, which in a 5 s run made a tenth of the p99 on their own."""
    asyncio.run(load.run("127.0.0.1", port, headers, paths, clients, WARM_UP_SECONDS, MAX_REQUESTS))
    return asyncio.run(load.run("127.0.0.1", port, headers, paths, clients, SECONDS, MAX_REQUESTS))


def test_sixteen_then_sixty_four_clients_on_each_route(served):
    port, who = served
    floor = measure(port, {}, lambda n: "/healthz", 16)
    print(f"\n{SECONDS:.0f} s a route, {len(who['ids'])} children in the caseload")
    print(floor.line("floor GET /healthz, 16 clients"))
    errors = {}
    for clients in (16, 64):
        for name, (headers, paths) in routes(who).items():
            result = measure(port, headers, paths, clients)
            ratio = statistics_ratio(result, floor)
            print(result.line(f"{name}, {clients} clients") + f"; p50 {ratio:.1f}x the floor's")
            errors[(name, clients)] = result.errors
    assert all(n == 0 for n in errors.values()), errors


def statistics_ratio(result: load.Result, floor: load.Result) -> float:
    return result.percentile(50) / floor.percentile(50)
