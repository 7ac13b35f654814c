"""A write to a child between the scan reading the child's facts and writing its alerts is
never lost: the scan leaves that child marked (its alerts untouched, counted as deferred) and
the next scan evaluates it again with what was written."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3

import scheduler.scan as scan_module
from tests import engine as test_engine
from tests.api.alerting import alerts, registered_days_ago, scan_at, utcnow
from tests.conftest import DATABASE_URL, ENGINE_KIND

BUMP = "UPDATE child SET revision = revision + 1, changed = true WHERE id = {}"


def write_from_outside(child_id: str) -> None:
    """Another connection's commit, as a caseworker's request would make it."""
    if ENGINE_KIND == "sqlite":
        with contextlib.closing(sqlite3.connect(DATABASE_URL.removeprefix("sqlite:///"))) as conn:
            conn.execute(BUMP.format("?"), (child_id,))
            conn.commit()
        return

    async def go():
        import asyncpg

        conn = await asyncpg.connect(DATABASE_URL)
        try:
            await conn.execute(BUMP.format("$1::uuid"), child_id)
        finally:
            await conn.close()

    test_engine.run_outside_loop(go())


def test_the_child_is_left_marked_and_evaluated_again(api, child, monkeypatch):
    registered_days_ago(child["id"], 40)  # beyond a low-risk child's 30 days and the grace
    settle = scan_module.settle

    def settle_while_someone_writes(found, ctx, table):
        settled = settle(found, ctx, table)
        write_from_outside(child["id"])
        return settled

    monkeypatch.setattr(scan_module, "settle", settle_while_someone_writes)
    at = utcnow()
    first = scan_at(at)
    monkeypatch.undo()
    assert (first["deferred"], first["children"], first["raised"]) == (1, 0, 0)
    assert alerts() == []

    again = scan_at(at + dt.timedelta(seconds=30))
    assert (again["deferred"], again["children"]) == (0, 1) and again["raised"] >= 1
    assert "missed_check_in" in {a["kind"] for a in alerts()}
