"""An office's load against a real server process: 64 people reading (a child's record, the
caseload, a child's page, a child's alerts) while 8 record check-ins, for a bounded time. No
answer is a server error, every acknowledged check-in is in the database, and every read that
was answered left its audit entry."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import os
import sqlite3
import time
from collections import Counter

import httpx
import pytest

from tests import engine as test_engine
from tests.engines.serving import haven, serving

PASSWORD = "office-load-test-password"
READERS, WRITERS, CHILDREN = 64, 8, 8
SECONDS = 10  # each client stops after this long, or after its share of requests
READS_EACH, WRITES_EACH = 25, 25


@pytest.fixture
def server(tmp_path):
    with serving(tmp_path, "office", PASSWORD) as served:
        yield served.base, served.headers, (served.kind, served.url), served.process


def register_children(base: str, headers: dict) -> list[str]:
    ids = []
    for i in range(CHILDREN):
        made = httpx.post(f"{base}/api/v1/children", headers=headers, timeout=60, json={
            "display_name": f"Child {i}", "birth_date": "2014-05-01"})
        assert made.status_code == 201, made.text
        ids.append(made.json()["id"])
    return ids


# What each read is, and the audit entries (action, how many) one answered read leaves.
READS = {
    "child": ("/api/v1/children/{id}", [("child.read", 1)]),
    "caseload": ("/api/v1/children", [("child.list", CHILDREN)]),
    "page": ("/children/{id}", [("child.read", 1), ("risk.read", 1)]),
    "alerts": ("/api/v1/alerts?child_id={id}", [("alert.list", 1)]),
}


async def reader(client: httpx.AsyncClient, n: int, children: list[str], until: float, seen: Counter):
    kinds = list(READS)
    for i in range(READS_EACH):
        if time.monotonic() > until:
            return
        kind = kinds[(n + i) % len(kinds)]
        answer = await client.get(READS[kind][0].format(id=children[(n + i) % len(children)]))
        seen[(kind, answer.status_code)] += 1


async def writer(client: httpx.AsyncClient, n: int, children: list[str], until: float,
                 seen: Counter, acknowledged: list[str]):
    for i in range(WRITES_EACH):
        if time.monotonic() > until:
            return
        at = dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=1 + i)
        answer = await client.post(f"/api/v1/children/{children[n % len(children)]}/check-ins", json={
            "occurred_at": at.isoformat(), "mode": "phone", "child_seen": True})
        seen[("check_in", answer.status_code)] += 1
        if answer.status_code == 201:
            acknowledged.append(answer.json()["id"])


async def office(base: str, headers: dict, children: list[str]) -> tuple[Counter, list[str]]:
    seen, acknowledged = Counter(), []
    limits = httpx.Limits(max_connections=READERS + WRITERS)
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=120, limits=limits) as client:
        until = time.monotonic() + SECONDS
        await asyncio.gather(
            *[reader(client, n, children, until, seen) for n in range(READERS)],
            *[writer(client, n, children, until, seen, acknowledged) for n in range(WRITERS)])
    return seen, acknowledged


def stored(kind: str, url: str, check_in_ids: list[str]) -> tuple[Counter, int]:
    """Audit entries by action for the office account, and how many of the check-ins exist."""
    audit = "SELECT action, count(*) AS n FROM audit_entry WHERE actor = 'office' GROUP BY action"
    if kind == "sqlite":
        with contextlib.closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as conn:
            actions = Counter(dict(conn.execute(audit).fetchall()))
            present = {row[0] for row in conn.execute("SELECT id FROM check_in")}
        return actions, len(present & set(check_in_ids))
    return test_engine.run_outside_loop(_stored_postgres(url, audit, check_in_ids))


async def _stored_postgres(url: str, audit: str, check_in_ids: list[str]) -> tuple[Counter, int]:
    import asyncpg

    conn = await asyncpg.connect(url)
    try:
        actions = Counter({r["action"]: r["n"] for r in await conn.fetch(audit)})
        present = await conn.fetchval("SELECT count(*) FROM check_in WHERE id::text = ANY($1::text[])",
                                      check_in_ids)
    finally:
        await conn.close()
    return actions, present


def expected_audit(seen: Counter, acknowledged: list[str]) -> Counter:
    expected = Counter({"child.register": CHILDREN, "check_in.create": len(acknowledged)})
    for (kind, status), count in seen.items():
        if kind in READS and status == 200:
            for action, per_read in READS[kind][1]:
                expected[action] += per_read * count
    return expected


def test_64_readers_and_8_writers_get_no_server_error_and_lose_nothing(server):
    base, headers, (kind, url), process = server
    children = register_children(base, headers)

    seen, acknowledged = test_engine.run_outside_loop(office(base, headers, children))
    process.terminate()
    process.wait(timeout=30)  # the audit writer commits what is waiting before the server stops

    statuses = Counter(status for (_, status), count in seen.items() for _ in range(count))
    assert not [s for s in statuses if s >= 500], seen
    assert set(statuses) == {200, 201}, seen  # nothing refused either: every read and write went through
    assert sum(c for (k, _), c in seen.items() if k in READS) >= READERS  # each reader was answered
    assert len(acknowledged) >= WRITERS
    actions, present = stored(kind, url, acknowledged)
    assert present == len(acknowledged)
    assert {a: actions[a] for a in expected_audit(seen, acknowledged)} == expected_audit(seen, acknowledged)
    # Writes in their transactions and reads through the group writer appended to one chain.
    verified = haven(["audit", "verify"], {**os.environ, "HAVEN_DATABASE_URL": url}, ".")
    assert '"ok": true' in verified.stdout
