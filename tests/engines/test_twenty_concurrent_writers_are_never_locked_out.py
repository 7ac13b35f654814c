"""Twenty people saving at once against a real server process: every write succeeds (no
"database is locked" on SQLite, no exhausted connections on PostgreSQL) and every row is there."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.engines.serving import serving

PASSWORD = "concurrency-test-password"
WRITERS = 20


@pytest.fixture
def server(tmp_path):
    with serving(tmp_path, "busy", PASSWORD) as served:
        yield served.base, served.headers


def all_at_once(send) -> list[int]:
    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        return list(pool.map(send, range(WRITERS)))


def test_twenty_registrations_and_twenty_check_ins_at_once(server):
    base, headers = server

    def register(i):
        return httpx.post(f"{base}/api/v1/children", headers=headers, timeout=60, json={
            "display_name": f"Child {i}", "birth_date": "2012-01-01"}).status_code

    assert all_at_once(register) == [201] * WRITERS
    children = httpx.get(f"{base}/api/v1/children", headers=headers).json()
    assert len(children) == WRITERS
    assert len({c["case_number"] for c in children}) == WRITERS
    child = children[0]["id"]

    def check_in(i):
        return httpx.post(f"{base}/api/v1/children/{child}/check-ins", headers=headers, timeout=60, json={
            "occurred_at": f"2026-02-{i + 1:02d}T10:00:00Z", "mode": "phone", "child_seen": True}).status_code

    assert all_at_once(check_in) == [201] * WRITERS
    recorded = httpx.get(f"{base}/api/v1/children/{child}/check-ins", headers=headers).json()
    assert len(recorded) == WRITERS
    last_seen = httpx.get(f"{base}/api/v1/children/{child}", headers=headers).json()["last_seen_at"]
    assert last_seen == "2026-02-20T10:00:00Z"
