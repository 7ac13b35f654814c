"""Reads take no write lock, and their audit entries are committed in groups: while a write
holds the lock, sixteen people read a child's record; their reads are done and wait only for
their audit entries, which then go into the trail in at most two commits (the group the writer
had already started, and everyone who arrived meanwhile), not sixteen. None answers before its
entry is stored."""

from __future__ import annotations

import asyncio
import contextvars

import httpx

from service import db
from service.audit.tables import AuditEntry
from tests import conftest
from tests.conftest import ENGINE_KIND

READS = 16
PATIENCE = 3000  # polls, 10 ms apart: reads that queued on the write lock would never all wait


async def hold_the_write_lock() -> None:
    """SQLite's write lock is taken by an immediate transaction; on PostgreSQL inserts into
    the trail wait for an explicit table lock."""
    if ENGINE_KIND == "postgres":
        await AuditEntry.raw("LOCK TABLE audit_entry IN EXCLUSIVE MODE")
    else:
        await AuditEntry.raw("SELECT 1")


async def read_while_locked(app, headers: dict, path: str):
    writer = app.state.audit_writer
    outside = contextvars.copy_context()  # the reads are not part of the locking transaction
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://haven.test", headers=headers) as client:
        before = writer.commits
        async with db.writing():
            await hold_the_write_lock()
            loop = asyncio.get_running_loop()
            reads = [loop.create_task(client.get(path), context=outside.copy()) for _ in range(READS)]
            for _ in range(PATIENCE):  # until every read is done and waits for its entry
                if writer.waiting >= READS:
                    break
                await asyncio.sleep(0.01)
            waiting = writer.waiting
            stored_meanwhile = await AuditEntry.count().where(AuditEntry.action == "child.read")
            answered_meanwhile = sum(r.done() for r in reads)
        answers = await asyncio.gather(*reads)
        return answers, writer.commits - before, (waiting, stored_meanwhile, answered_meanwhile)


def test_sixteen_reads_waiting_on_a_write_share_at_most_two_commits(api, child, tokens):
    app = api.client.app
    headers = {"Authorization": f"Bearer {tokens['cw']}"}
    answers, commits, meanwhile = conftest.run(
        read_while_locked(app, headers, f"/api/v1/children/{child['id']}"))

    assert [a.status_code for a in answers] == [200] * READS
    assert meanwhile == (READS, 0, 0)  # all sixteen waiting, none stored, none answered
    assert 1 <= commits <= 2
    reads = conftest.run(AuditEntry.count().where(
        (AuditEntry.action == "child.read") & (AuditEntry.child_id == child["id"])))
    assert reads == READS
