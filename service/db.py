"""Engine set-up: SQLite pragmas and transactions, the PostgreSQL pool, migrations.

Every unit of work runs in one transaction, so on SQLite a request uses one connection instead
of one per query, and the audit row commits or rolls back with the change it records.
"""

from __future__ import annotations

import contextlib
import io
import sqlite3
from pathlib import Path

from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine, TransactionType

SQLITE_TIMEOUT_SECONDS = 10


def engine_for(url: str) -> Engine:
    if url.startswith(("postgres://", "postgresql://")):
        return PostgresEngine(config={"dsn": url})
    path = url.removeprefix("sqlite:///")
    return SQLiteEngine(path=path, timeout=SQLITE_TIMEOUT_SECONDS)


def engine() -> Engine:
    from piccolo.engine.finder import engine_finder

    found = engine_finder()
    assert found is not None, "piccolo_conf.DB is missing"
    return found


def is_sqlite() -> bool:
    return isinstance(engine(), SQLiteEngine)


def writing():
    """A transaction for read-then-write work.

    SQLite cannot upgrade a read lock while another writer waits, so writes take the write
    lock up front (IMMEDIATE) and wait for it up to the busy timeout.
    """
    db = engine()
    if isinstance(db, SQLiteEngine):
        return db.transaction(transaction_type=TransactionType.immediate)
    return db.transaction()


def reading():
    """A transaction for reads: one connection and one consistent snapshot for the request."""
    return engine().transaction()


async def start() -> None:
    db = engine()
    if isinstance(db, PostgresEngine):
        await db.start_connection_pool(min_size=1, max_size=10)


async def stop() -> None:
    db = engine()
    if isinstance(db, PostgresEngine):
        await db.close_connection_pool()


def prepare_sqlite_file(path: str) -> None:
    """WAL is a property of the file, so it is set once when the database is created.

    `synchronous` stays at SQLite's default (FULL): each commit is on disk before the caller
    hears it was saved, so nothing acknowledged is lost to a power cut.
    """
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode=WAL")


async def migrate() -> None:
    """Create or bring the schema up to date; safe to run any number of times."""
    from piccolo.apps.migrations.commands.forwards import run_forwards

    db = engine()
    if isinstance(db, SQLiteEngine):
        prepare_sqlite_file(db.path)
    with contextlib.redirect_stdout(io.StringIO()):
        result = await run_forwards("all")
    if not result.success:
        raise RuntimeError(f"migration failed: {result.message}")


# Raw statements inside the current transaction, for the set-based hot paths (the alert scan)
# where building piccolo objects row by row would cost more than the work itself. Statements
# are written with `?` placeholders; on PostgreSQL they become `$1, $2, …`.
MAX_PARAMETERS = 30_000  # under PostgreSQL's 32,767 and SQLite's default 32,766


def _connection():
    transaction = engine().current_transaction.get()
    if transaction is None:
        raise RuntimeError("raw statements run inside db.reading() or db.writing()")
    return transaction.connection


def _numbered(sql: str) -> str:
    parts = sql.split("?")
    return parts[0] + "".join(f"${i}{part}" for i, part in enumerate(parts[1:], start=1))


def placeholders(count: int) -> str:
    return ", ".join("?" * count)


async def fetch(sql: str, params=()) -> list[dict]:
    conn = _connection()
    if is_sqlite():
        return list(await conn.execute_fetchall(sql, list(params)))
    return [dict(r) for r in await conn.fetch(_numbered(sql), *params)]


async def execute_many(sql: str, rows: list) -> None:
    if not rows:
        return
    conn = _connection()
    if is_sqlite():
        await conn.executemany(sql, rows)
    else:
        await conn.executemany(_numbered(sql), rows)


async def insert_rows(table: str, columns: tuple[str, ...], rows: list[tuple], suffix: str = "") -> list[dict]:
    """Multi-row INSERTs, as many rows per statement as the parameter limit allows; `suffix`
    may add an ON CONFLICT clause and RETURNING, whose rows are returned."""
    found, per_statement = [], max(1, MAX_PARAMETERS // len(columns))
    names = ", ".join(f'"{c}"' for c in columns)
    row_marks = f"({placeholders(len(columns))})"
    for i in range(0, len(rows), per_statement):
        batch = rows[i:i + per_statement]
        sql = f'INSERT INTO "{table}" ({names}) VALUES {", ".join([row_marks] * len(batch))} {suffix}'
        found += await fetch(sql, [v for row in batch for v in row])
    return found
