"""The group-commit writer, over a stand-in for the database: a busy database is tried again
and the reads waiting on it then answer; any other failure reaches every read of the group as
AuditUnavailable (answered 503), none of them hearing that its entry was stored."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest

from service.audit import writer as audit_writer
from service.audit.writer import AuditUnavailable
from tests.engine import run_outside_loop


def run_group(insert, reads: int = 5):
    """`reads` requests hand over an entry each at once; what each of them hears."""

    async def go():
        writer = await audit_writer.start(insert)
        try:
            return await asyncio.gather(*[writer.keep([("entry", n)]) for n in range(reads)],
                                        return_exceptions=True), writer.commits
        finally:
            await audit_writer.stop(writer)

    return run_outside_loop(go())


def test_a_busy_database_is_tried_again_and_every_read_is_then_answered():
    stored, attempts = [], []

    async def insert(rows):
        attempts.append(len(rows))
        if len(attempts) == 1:
            raise sqlite3.OperationalError("database is locked")
        stored.extend(rows)

    heard, commits = run_group(insert)
    assert heard == [None] * 5
    assert sorted(n for _, n in stored) == [0, 1, 2, 3, 4]
    assert commits == len(attempts) - 1


def test_any_other_failure_reaches_every_read_of_the_group():
    async def insert(rows):
        raise sqlite3.IntegrityError("CHECK constraint failed")

    heard, commits = run_group(insert)
    assert [type(h) for h in heard] == [AuditUnavailable] * 5
    assert commits == 0


def test_a_database_that_stays_busy_is_reported_after_the_last_try():
    attempts = []

    async def insert(rows):
        attempts.append(rows)
        raise sqlite3.OperationalError("database is locked")

    heard, _ = run_group(insert, reads=1)
    assert [type(h) for h in heard] == [AuditUnavailable]
    assert len(attempts) == audit_writer.BUSY_RETRIES + 1


def test_a_stopped_writer_takes_no_more_entries():
    async def go():
        async def insert(rows):
            return None

        writer = await audit_writer.start(insert)
        await audit_writer.stop(writer)
        with pytest.raises(AuditUnavailable):
            await writer.keep([("late",)])

    run_outside_loop(go())
