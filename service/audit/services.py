"""Writing and reading the audit trail.

A write's entry (`record`) runs inside the caller's transaction, so it exists exactly when the
change it describes was committed. A read's entries (`Reads`, `record_read`) are kept after its
read transaction closes, through the running app's group-commit writer (or, outside an app,
in a write transaction of their own); the answer waits until they are durable. Names and notes
never go into the trail: only ids and actions.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from service import db
from service.ids import new_id
from service.access import Actor
from service.audit import chain, writer
from service.audit.tables import AuditEntry

COLUMNS = (*chain.FIELDS, "seq", "hash")
# Rows per INSERT statement: twelve parameters each stays under both engines' parameter limits.
ROWS_PER_STATEMENT = 1000


@dataclass(frozen=True)
class Where:
    """Who did it and from where: carried from the edge of a request into the service."""

    actor: Actor
    source: str
    now: dt.datetime
    reason: str | None = None


def entry(where: Where, action: str, record_type: str, record_id, child_id=None) -> tuple:
    """One entry as a row of values in COLUMNS order."""
    return (new_id(), where.now, where.actor.username, where.actor.role, action, record_type,
            str(record_id), None if child_id is None else str(child_id), where.source[:64],
            where.reason)


@functools.lru_cache(maxsize=64)
def _insert_sql(rows: int, engine_type: str) -> str:
    width = len(COLUMNS)
    if engine_type == "sqlite":
        values = ", ".join(["(" + ", ".join("?" * width) + ")"] * rows)
    else:
        values = ", ".join("(" + ", ".join(f"${r * width + c + 1}" for c in range(width)) + ")"
                           for r in range(rows))
    return f"INSERT INTO {AuditEntry._meta.tablename} ({', '.join(COLUMNS)}) VALUES {values}"


async def insert_entries(rows: list[tuple]) -> None:
    """Entries written in one write transaction of their own."""
    async with db.writing():
        await _append(rows)


async def _append(rows: list[tuple]) -> None:
    """Entries added to the chain, as multi-row INSERTs, in the caller's write transaction."""
    engine_type = db.engine().engine_type
    rows = await chain.sealed(rows)
    for start in range(0, len(rows), ROWS_PER_STATEMENT):
        chunk = rows[start:start + ROWS_PER_STATEMENT]
        args = [value for row in chunk for value in row]
        await db.run_compiled(_insert_sql(len(chunk), engine_type), args, AuditEntry)


def _append_on(connection, rows: list[tuple]) -> None:
    """`_append` on a plain sqlite3 connection inside its write transaction (a worker thread's)."""
    head = connection.execute(chain.HEAD).fetchone()
    rows = chain.seal((head["seq"], head["hash"]) if head else (0, chain.GENESIS), rows)
    for start in range(0, len(rows), ROWS_PER_STATEMENT):
        chunk = rows[start:start + ROWS_PER_STATEMENT]
        connection.execute(_insert_sql(len(chunk), "sqlite"), [value for row in chunk for value in row])


async def insert_group(rows: list[tuple]) -> None:
    """The audit writer's group commit: on SQLite inside the app, sealed and inserted in one
    trip to a worker thread; elsewhere as `insert_entries`."""
    engine = db.engine()
    if isinstance(engine, db.PooledSQLiteEngine) and engine.writes_in_thread():
        await engine.write_in_thread(lambda connection: _append_on(connection, rows))
    else:
        await insert_entries(rows)


async def keep_reads(rows: list[tuple]) -> None:
    """Return once `rows` are durable. Call it outside any transaction: inside the app the
    group-commit writer writes them; elsewhere (the CLI, scripts) a write transaction of
    their own. Raises `writer.AuditUnavailable` (the caller answers 503) if they cannot be."""
    if not rows:
        return
    running = writer.running()
    if running is not None:
        await running.keep(rows)
        return
    try:
        await insert_entries(rows)
    except Exception as failure:
        raise writer.AuditUnavailable("the audit trail could not be written") from failure


class Reads:
    """The audit entries of one read request, gathered while it reads and kept (`keep`) once
    its read transaction has closed."""

    def __init__(self, where: Where):
        self.where = where
        self.rows: list[tuple] = []

    def add(self, action: str, record_type: str, record_id, child_id=None) -> None:
        self.rows.append(entry(self.where, action, record_type, record_id, child_id))

    def add_many(self, action: str, record_type: str, ids) -> None:
        """One entry per child: listing a caseload reads every child in it."""
        self.rows.extend(entry(self.where, action, record_type, i, i) for i in ids)

    async def keep(self) -> None:
        await keep_reads(self.rows)


async def record_read(where: Where, action: str, record_type: str, record_id, child_id=None) -> None:
    """A read's one entry, kept through the writer (see `keep_reads`)."""
    await keep_reads([entry(where, action, record_type, record_id, child_id)])


async def record_reads(where: Where, action: str, record_type: str, ids) -> None:
    """One entry per child read, kept through the writer (see `keep_reads`)."""
    reads = Reads(where)
    reads.add_many(action, record_type, ids)
    await reads.keep()


async def start_writer() -> writer.AuditWriter:
    return await writer.start(insert_group)


async def record(
    where: Where, action: str, record_type: str, record_id, child_id=None
) -> None:
    await _append([entry(where, action, record_type, record_id, child_id)])


async def record_many(where: Where, action: str, record_type: str, ids: list) -> None:
    """One entry per child in a single insert: listing a caseload reads every child in it."""
    await record_each(where, action, record_type, [(i, i) for i in ids])


async def record_each(where: Where, action: str, record_type: str, records: list[tuple]) -> None:
    """One entry per (record id, child id), appended to the chain in a single insert: one change
    that touches several records (a bulk acknowledgement, a case closing its alerts)."""
    if records:
        await _append([entry(where, action, record_type, r, c) for r, c in records])


async def entries(child_ids: list[str] | None, limit: int = 500):
    """Newest first; `child_ids` narrows to those children, None means the whole trail."""
    query = AuditEntry.select().order_by(AuditEntry.at, ascending=False).limit(limit)
    if child_ids is not None:
        query = query.where(AuditEntry.child_id.is_in(child_ids or ["-"]))
    return await query
