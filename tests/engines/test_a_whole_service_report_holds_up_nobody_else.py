"""A manager's indicators for the whole service read every child's history and take seconds on a
large caseload. Meanwhile the service goes on answering everyone else (on SQLite the report's
reads once ran in the event loop's own thread, and every request waited until they ended), and
however many reports are asked for at once, they never hold every connection: a caseworker's
check-in is written without waiting for them."""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import subprocess
import sys
import time

import httpx
import pytest

from tests.bench.scale import generate
from tests.engines.test_haven_demo_fills_an_empty_database_once import query
from tests.engines.test_haven_serve_demo_serves_a_lived_in_system import free_port, wait_until_up

CHILDREN = 5_000
POOL = 4  # connections of the server: long reads may take half
PASSWORD = "a long passphrase for the reports test"
CASEWORKER = "s1r1.t001.cw001"  # one of the generated caseworkers (password synthetic-demo)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    caseload = generate(CHILDREN, folder)
    env = {**caseload.env, "HAVEN_DB_POOL_SIZE": str(POOL)}
    subprocess.run([sys.executable, "-m", "service.cli", "user", "add", "mgr", "--role", "manager",
                    "--password-stdin"], env=env, cwd=folder, input=PASSWORD + "\n", text=True, check=True,
                   capture_output=True)
    port = free_port()
    log = open(folder / "serve.log", "w+")
    process = subprocess.Popen([sys.executable, "-m", "service.cli", "serve", "--no-scheduler", "--port", str(port)],
                               cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(f"{base}/healthz", process)
        yield base, caseload
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
        caseload.drop()


def _bearer(base: str, username: str, password: str) -> dict:
    token = httpx.post(f"{base}/api/v1/auth/token", json={"username": username, "password": password})
    assert token.status_code == 201, token.text
    return {"Authorization": f"Bearer {token.json()['token']}"}


def _report(base: str, manager: dict) -> tuple[float, int]:
    """When the whole service's indicators were answered, and how."""
    answered = httpx.get(f"{base}/api/v1/indicators", headers=manager, timeout=600)
    return time.monotonic(), answered.status_code


def _a_child_of(caseload, username: str) -> str:
    return str(query(caseload.url, "SELECT c.id FROM child c JOIN haven_user u ON u.id = c.caseworker "
                                   f"WHERE u.username = '{username}' AND c.status = 'active' ORDER BY c.id")[0][0])


def test_others_are_answered_while_a_report_is_read(served):
    base, caseload = served
    manager, caseworker = _bearer(base, "mgr", PASSWORD), _bearer(base, CASEWORKER, "synthetic-demo")
    child = _a_child_of(caseload, CASEWORKER)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        report = pool.submit(_report, base, manager)
        time.sleep(0.2)  # the report's reads are under way
        answered = []
        with httpx.Client(base_url=base, headers=caseworker, timeout=600) as client:
            while not report.done():
                answered.append((client.get(f"/api/v1/children/{child}").status_code, time.monotonic()))
        report_at, report_status = report.result()
    assert report_status == 200
    during = [status for status, at in answered if at < report_at]
    assert len(during) >= 3 and set(during) == {200}, answered


def test_a_check_in_is_written_while_many_reports_are_read(served):
    base, caseload = served
    manager, caseworker = _bearer(base, "mgr", PASSWORD), _bearer(base, CASEWORKER, "synthetic-demo")
    child = _a_child_of(caseload, CASEWORKER)
    with concurrent.futures.ThreadPoolExecutor(POOL) as pool:
        asked_at = time.monotonic()
        reports = [pool.submit(_report, base, manager) for _ in range(POOL)]
        time.sleep(0.3)  # every report asked for, as many as the server has connections
        sent_at = time.monotonic()
        written = httpx.post(f"{base}/api/v1/children/{child}/check-ins", headers=caseworker, timeout=600, json={
            "occurred_at": dt.datetime.now(dt.timezone.utc).isoformat(), "mode": "phone", "child_seen": True})
        written_at = time.monotonic()
        answered = [r.result() for r in reports]
    assert written.status_code == 201, written.text
    assert {status for _, status in answered} == {200}
    # Waiting for a connection, it would have been written as the first report's reads ended.
    first_report = min(at for at, _ in answered) - asked_at
    assert written_at - sent_at < first_report / 2, (written_at - sent_at, first_report)
    assert query(caseload.url, f"SELECT COUNT(*) FROM check_in WHERE id = '{written.json()['id']}'")[0][0] == 1
