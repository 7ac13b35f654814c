"""Engine set-up: SQLite pragmas, pooled connections and transactions, the PostgreSQL pool,
migrations.

A write runs in one transaction with its audit row, so the row commits or rolls back with the
change it records. While the app runs, connections are kept and reused on both engines:
opening an SQLite connection costs about a millisecond, a primary-key lookup a few microseconds.
On SQLite a request's reads run in the event loop's own thread (`InlineConnection`), writes on
aiosqlite's connection threads, and the audit writer's group commits on a connection of their
own in one trip to a worker thread (`write_in_thread`).
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import datetime as dt
import functools
import io
import os
import secrets
import sqlite3
import struct
import uuid
import weakref
from pathlib import Path

import aiosqlite
from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine, SQLiteTransaction, TransactionType, dict_factory
from piccolo.columns.column_types import JSON, JSONB
from piccolo.columns.m2m import M2MSelect
from piccolo.query.methods.select import First, SelectList
from piccolo.querystring import QueryString
from piccolo.query.operators.json import JSONQueryString
from piccolo.utils.encoding import load_json

from service import people_first, sqlite_codecs

sqlite_codecs.install()

SQLITE_TIMEOUT_SECONDS = 10
DEFAULT_POOL_SIZE = 10
# WAL's shared memory has 8 read-mark slots, one of them for readers of the database file alone.
SQLITE_MAX_CONNECTIONS = 7
# Pooled connections do the batched writes (the scan's, a request's). A commit that copies the
# WAL back into the database (SQLite's default, once 1,000 pages wait) carries that work and
# its syncs inside someone's transaction: a first scan of 100,000 children spent a fifth of its
# time so. The scan copies it itself, between its batches and in a thread, once
# WAL_CHECKPOINT_PAGES wait (`checkpoint`); a pooled connection's commit does only past
# AUTO_CHECKPOINT_PAGES, which the scan never lets the WAL reach (a backstop: with that at
# 5,000, commits carried checkpoints of 60 ms). The audit writer and the read connections keep
# the default (DEFAULT_CHECKPOINT_PAGES), and a scan leaves no more than that behind it.
#
# A scan rewrites the same pages (the child indexes, the alert table's end) batch after batch,
# and a checkpoint copies each page once however often the WAL holds it: in a first scan of
# 100,000 children, checkpoints every 4,000 pages took 16 s of its 62, every 20,000 pages 7 s
# (the same 877,000 pages written to the WAL). A person's commit that meets a WAL this long
# in the middle of a scan copies it back (a fifth of a second at most); one every second or
# so keeps it short.
WAL_CHECKPOINT_PAGES = 20_000
AUTO_CHECKPOINT_PAGES = 50_000
DEFAULT_CHECKPOINT_PAGES = 1_000  # SQLite's own


class _Pool:
    """SQLite connections of one event loop: at most `size` in use at once (others wait their
    turn in the loop), kept open for reuse. WAL gives concurrent readers a few shared-memory
    slots; far more readers than slots, with commits between them, left some readers retrying
    for ten seconds and then failing ("locking protocol") under 64 clients."""

    def __init__(self, connect, size: int):
        self._connect, self._idle = connect, []
        self._free = asyncio.Semaphore(size)

    async def acquire(self) -> aiosqlite.Connection:
        await self._free.acquire()
        try:
            return self._idle.pop() if self._idle else await self._connect()
        except BaseException:
            self._free.release()
            raise

    async def release(self, connection: aiosqlite.Connection, discard: bool = False) -> None:
        try:
            # A connection left inside a transaction (a cancelled request) is not reused.
            if discard or connection.in_transaction:
                await connection.close()
            else:
                self._idle.append(connection)
        finally:
            self._free.release()

    async def close(self) -> None:
        idle, self._idle = self._idle, []
        for connection in idle:
            await connection.close()


class InlineConnection:
    """A sqlite3 connection used from the event loop's own thread, for reads. A primary-key
    lookup costs SQLite microseconds; the trip to aiosqlite's thread and back costs tens of
    them (two thread switches under the GIL per statement), so a request's few small reads
    are cheaper run in place. WAL readers never wait for the write lock, and the connection
    is read-only (`query_only`): a write slipping in fails at once instead of stalling the
    loop on the lock."""

    def __init__(self, connection_kwargs: dict):
        self._connection = sqlite3.connect(**connection_kwargs)
        self._connection.row_factory = dict_factory
        self._connection.execute("PRAGMA foreign_keys = 1")
        self._connection.execute("PRAGMA query_only = 1")

    @property
    def in_transaction(self) -> bool:
        return self._connection.in_transaction

    async def execute(self, sql: str, args=()) -> None:
        self._connection.execute(sql, args)

    async def execute_fetchall(self, sql: str, args=()) -> list:
        return self._connection.execute(sql, args).fetchall()

    async def fetch_tuples(self, sql: str, args=()) -> list:
        cursor = self._connection.cursor()
        cursor.row_factory = None  # plain rows, not the connection's dicts
        try:
            return cursor.execute(sql, args).fetchall()
        finally:
            cursor.close()

    async def close(self) -> None:
        self._connection.close()


class _InlinePool:
    """Inline connections of one event loop. Few are open at once, since a read run in place
    does not yield the loop; a handful are kept for reuse (opening one costs more than a
    request's reads)."""

    KEEP = 4

    def __init__(self, connection_kwargs: dict):
        self._kwargs, self._idle = connection_kwargs, []

    def acquire(self) -> InlineConnection:
        return self._idle.pop() if self._idle else InlineConnection(self._kwargs)

    async def release(self, connection: InlineConnection) -> None:
        if connection.in_transaction or len(self._idle) >= self.KEEP:
            await connection.close()
        else:
            self._idle.append(connection)

    async def close(self) -> None:
        idle, self._idle = self._idle, []
        for connection in idle:
            await connection.close()


class PooledTransaction(SQLiteTransaction):
    """Piccolo's transaction, on a pooled connection that goes back to the pool afterwards.
    `durable=False` commits without waiting for the disk (see `writing`)."""

    durable = True
    flagged = None  # a person's write: its flag (`service.people_first`), up until it ends

    async def get_connection(self):
        return await self.engine.acquire()

    async def begin(self):
        try:
            if not self.durable:
                await self.connection.execute("PRAGMA synchronous = NORMAL")
            elif self.transaction_type == TransactionType.immediate:
                flagged = people_first.flag(self.engine.path)
                flagged.raise_()
                self.flagged = flagged
            await super().begin()
        except BaseException:  # e.g. the busy timeout spent waiting for the write lock
            await self._give_back()
            raise

    async def _give_back(self) -> None:
        """Durable again before anyone else writes on this connection; one that cannot be made
        so is closed, not reused."""
        if self.flagged is not None:
            self.flagged, flagged = None, self.flagged
            flagged.lower()
        try:
            if not self.durable:
                await self.connection.execute("PRAGMA synchronous = FULL")
        except BaseException:
            await self.engine.release(self.connection, discard=True)
            raise
        await self.engine.release(self.connection)

    async def __aexit__(self, exception_type, exception, traceback) -> bool:
        if self._parent:
            return exception is None
        try:
            if exception and not self._rolled_back:
                await self.rollback()
            elif not exception and not self._committed and not self._rolled_back:
                await self.commit()
        finally:
            self.engine.current_transaction.reset(self.context)
            await self._give_back()
        return exception is None


def _write(connection: sqlite3.Connection, work):
    connection.execute("BEGIN IMMEDIATE")
    try:
        result = work(connection)
        connection.execute("COMMIT")
        return result
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise


class InlineReadTransaction(PooledTransaction):
    """A read transaction (deferred, one snapshot) on an inline connection."""

    async def get_connection(self):
        return self.engine.acquire_inline()


class PooledSQLiteEngine(SQLiteEngine):
    """Piccolo's SQLite engine with connections reused within the event loop that started the
    pool (the app's). Elsewhere (the CLI, scripts, another loop) it opens one per query or
    transaction as piccolo does. Each connection is set up once: foreign keys on, busy timeout."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pools: dict[asyncio.AbstractEventLoop, _Pool] = {}
        self._inline: dict[asyncio.AbstractEventLoop, _InlinePool] = {}
        self._writers: dict[asyncio.AbstractEventLoop, tuple[sqlite3.Connection, asyncio.Lock]] = {}

    def _pool(self) -> _Pool | None:
        return self._pools.get(asyncio.get_running_loop())

    async def start_pool(self, size: int, checkpoint_pages: int = AUTO_CHECKPOINT_PAGES) -> None:
        size = min(size, SQLITE_MAX_CONNECTIONS)
        self._checkpoint_pages = checkpoint_pages
        self._pools[asyncio.get_running_loop()] = _Pool(self._pooled_connection, size)
        self._inline[asyncio.get_running_loop()] = _InlinePool(self.connection_kwargs)
        writer = sqlite3.connect(**self.connection_kwargs, check_same_thread=False)
        writer.row_factory = dict_factory
        writer.execute("PRAGMA foreign_keys = 1")
        self._writers[asyncio.get_running_loop()] = (writer, asyncio.Lock())

    async def close_pool(self) -> None:
        pool = self._pools.pop(asyncio.get_running_loop(), None)
        if pool is not None:
            await pool.close()
        inline = self._inline.pop(asyncio.get_running_loop(), None)
        if inline is not None:
            await inline.close()
        writer = self._writers.pop(asyncio.get_running_loop(), None)
        if writer is not None:
            async with writer[1]:
                writer[0].close()

    def writes_in_thread(self) -> bool:
        return asyncio.get_running_loop() in self._writers

    async def write_in_thread(self, work):
        """`work(connection)` in a write transaction of its own (BEGIN IMMEDIATE … COMMIT) on
        this loop's writer connection, in one trip to a worker thread: for the audit writer's
        group commits, which otherwise take four trips (begin, chain head, insert, commit)."""
        connection, turn = self._writers[asyncio.get_running_loop()]
        async with turn:
            with people_first.person_writing(self.path):
                return await asyncio.to_thread(_write, connection, work)

    def _inline_pool(self) -> _InlinePool | None:
        return self._inline.get(asyncio.get_running_loop())

    def acquire_inline(self) -> InlineConnection:
        return self._inline[asyncio.get_running_loop()].acquire()

    async def _pooled_connection(self) -> aiosqlite.Connection:
        connection = await self.get_connection()
        cursor = await connection.cursor()
        await cursor.execute(f"PRAGMA wal_autocheckpoint = {self._checkpoint_pages}")
        await cursor.close()
        return connection

    async def acquire(self) -> aiosqlite.Connection:
        pool = self._pool()
        return await pool.acquire() if pool else await self.get_connection()

    async def release(self, connection, discard: bool = False) -> None:
        if isinstance(connection, InlineConnection):
            await self._inline[asyncio.get_running_loop()].release(connection)
            return
        pool = self._pool()
        await (pool.release(connection, discard) if pool else connection.close())

    def transaction(self, transaction_type=TransactionType.deferred, allow_nested=True, durable=True):
        transaction = PooledTransaction(engine=self, transaction_type=transaction_type,
                                        allow_nested=allow_nested)
        transaction.durable = durable or transaction._parent is not None
        return transaction

    def read_transaction(self, inline: bool = True):
        """A deferred transaction; inline (in the loop's thread) where this loop has a pool
        and the caller's reads are a request's few small ones."""
        if inline and self.current_transaction.get() is None and self._inline_pool() is not None:
            return InlineReadTransaction(engine=self)
        return self.transaction()

    async def _run_in_new_connection(self, query, args=None, query_type="generic", table=None):
        # A select outside any transaction (who is signing in) is a read like any other.
        inline = self._inline_pool() if query.lstrip()[:6].upper() == "SELECT" else None
        if inline is not None:
            connection = inline.acquire()
            try:
                return await connection.execute_fetchall(query, args or [])
            finally:
                await inline.release(connection)
        connection = await self.acquire()
        try:
            return await self._run_in_existing_connection(connection, query, args, query_type, table)
        finally:
            await self.release(connection)

    async def _run_in_existing_connection(self, connection, query, args=None, query_type="generic",
                                          table=None):
        # One trip to the connection's thread per statement: piccolo takes three (and sets
        # `foreign_keys` again each time; ours are set when a connection opens).
        return await connection.execute_fetchall(query, args or [])


class _Compiled(QueryString):
    """SQL already compiled for the engine, with its values."""

    def __init__(self, sql: str, args: list, query_type: str, table):
        super().__init__("", query_type=query_type, table=table)
        self._sql, self._args = sql, args

    def compile_string(self, engine_type: str = "postgres"):
        return self._sql, self._args


async def run_compiled(sql: str, args: list, table=None) -> list:
    """SQL written for the running engine's driver (`?` on SQLite, `$1` on PostgreSQL), run in
    the current transaction if there is one: for statements whose size piccolo would spend
    longer assembling than the database running (a multi-row insert)."""
    return await engine().run_querystring(_Compiled(sql, args, "generic", table))


async def lookup(sql: str, params=()) -> list[dict]:
    """A small raw read (`?` placeholders) as dicts, in the current transaction if there is
    one, else on a connection of its own: for the few statements every request makes, where
    one join answers what two piccolo selects would."""
    sqlite = is_sqlite()
    rows = await run_compiled(sql if sqlite else _numbered(sql), list(params))
    return rows if sqlite else [dict(r) for r in rows]


def _marker(kind: type):
    """A value no caller will pass, to find where a parameter lands in the compiled SQL."""
    if kind is uuid.UUID:
        return uuid.uuid4()
    if kind is dt.datetime:
        return dt.datetime(1901, 1, 1, tzinfo=dt.timezone.utc) + dt.timedelta(
            microseconds=secrets.randbelow(10**12))
    return f"\x00marker-{secrets.token_hex(16)}"


class Prepared:
    """A piccolo select built and compiled once, then run with new values: building a select
    with joins costs piccolo about a millisecond, more than running it. For the few queries
    every request makes (who is signing in, the child's scope and record).

    `build` receives one marker per parameter type in `kinds` and returns the query; each
    marker must appear once among the compiled values. Values are passed as piccolo would
    pass them (ids, text, instants), in the same order. Rows come back as piccolo gives them
    (the driver's types, JSON columns loaded when the query asks), without piccolo's general
    result handling, which costs more than the lookup; queries that need it (nested output,
    objects, many-to-many) still go through it."""

    def __init__(self, build, *kinds: type):
        self._build, self._kinds, self._compiled = build, kinds, {}

    def _for(self, engine_type: str):
        if engine_type not in self._compiled:
            markers = [_marker(kind) for kind in self._kinds]
            query, shape = self._build(*markers), None
            if isinstance(query, (First, SelectList)):  # wrappers of a select: a row, a column
                query, shape = query.query, type(query)
            (querystring,) = query.querystrings
            sql, args = querystring.compile_string(engine_type=engine_type)
            slots = [[i for i, a in enumerate(args) if a == m] for m in markers]
            assert all(len(s) == 1 for s in slots), "each marker must appear once"
            self._compiled[engine_type] = (query, shape, querystring, sql, args, [s[0] for s in slots],
                                           _lean_json_columns(query))
        return self._compiled[engine_type]

    def bound(self, engine_type: str, *values) -> tuple[str, list]:
        """The compiled SQL for `engine_type` and its arguments with `values` in place."""
        _, _, _, sql, args, slots, _ = self._for(engine_type)
        found = list(args)
        for slot, value in zip(slots, values, strict=True):
            found[slot] = value
        return sql, found

    async def run(self, *values):
        db = engine()
        query, shape, querystring, _, _, _, json_columns = self._for(db.engine_type)
        sql, bound = self.bound(db.engine_type, *values)
        rows = await db.run_querystring(_Compiled(sql, bound, querystring.query_type, query.table))
        if json_columns is None:
            results = await query._process_results(rows)
        else:
            results = rows if db.engine_type == "sqlite" else [dict(r) for r in rows]
            for row in results if json_columns else ():
                for name in json_columns:
                    if row.get(name) is not None:
                        row[name] = load_json(row[name])
        if shape is First:
            return results[0] if results else None
        if shape is SelectList:
            return [value for row in results for value in row.values()]
        return results


def _lean_json_columns(query) -> list[str] | None:
    """The JSON columns to load in a select's rows, or None if the select needs piccolo's
    result handling (nested or object output, many-to-many columns)."""
    output = query.output_delegate._output
    selected = query.columns_delegate.selected_columns
    if output.nested or output.as_objects or any(isinstance(c, M2MSelect) for c in selected):
        return None
    if not output.load_json:
        return []
    columns = [c for c in selected if isinstance(c, (JSON, JSONB))] if selected else query.table._meta.json_columns
    if any(isinstance(c, JSONQueryString) for c in selected):
        return None
    return [c._alias if c._alias is not None else
            c._meta.get_default_alias() if c._meta.call_chain else c._meta.name for c in columns]


def engine_for(url: str) -> Engine:
    if url.startswith(("postgres://", "postgresql://")):
        return PostgresEngine(config={"dsn": url})
    path = url.removeprefix("sqlite:///")
    return PooledSQLiteEngine(path=path, timeout=SQLITE_TIMEOUT_SECONDS)


_engine: Engine | None = None


def engine() -> Engine:
    """piccolo_conf.DB, found once (piccolo's finder imports the module on every call)."""
    global _engine
    if _engine is None:
        from piccolo.engine.finder import engine_finder

        _engine = engine_finder()
        assert _engine is not None, "piccolo_conf.DB is missing"
    return _engine


def is_sqlite() -> bool:
    return isinstance(engine(), SQLiteEngine)


def writing(durable: bool = True):
    """A transaction for read-then-write work.

    SQLite cannot upgrade a read lock while another writer waits, so writes take the write
    lock up front (IMMEDIATE) and wait for it up to the busy timeout.

    `durable=False` is for work nobody has been told is done and that a crash would simply
    redo (the scan's batches, whose marks roll back with them): its commit does not wait for
    the disk. The database stays consistent either way, and the next durable commit (anyone's)
    makes it durable too, since both engines' logs are written in order.
    """
    db = engine()
    if isinstance(db, SQLiteEngine):  # always ours (`engine_for`)
        return db.transaction(transaction_type=TransactionType.immediate, durable=durable)
    # Inside another transaction, the outer one decides.
    nested = db.current_transaction.get() is not None
    return db.transaction() if durable or nested else _undurable(db.transaction())


async def after_peoples_writes() -> None:
    """SQLite: before a write of the scan's, wait while people's writes are under way (they
    would otherwise wait behind the scan's batches, see `service.people_first`)."""
    db = engine()
    if isinstance(db, SQLiteEngine):
        await people_first.after_people(db.path)


@contextlib.asynccontextmanager
async def _undurable(transaction):
    async with transaction as entered:
        await entered.connection.execute("SET LOCAL synchronous_commit = off")
        yield entered


def reading(inline: bool = True):
    """A transaction for reads: one connection and one consistent snapshot for the request.

    It takes no write lock (on SQLite a deferred transaction, which in WAL mode reads beside a
    writer), so reads never queue behind writes. Its audit entries go through the audit
    writer once it has closed (`service.audit.services.keep_reads`).

    On SQLite inside the app, the reads run in the event loop's thread (see InlineConnection):
    right for a request's reads of a few rows. Long reads (the scan's batches) pass
    `inline=False` and run in a connection's own thread, leaving the loop free meanwhile.
    """
    db = engine()
    if isinstance(db, PooledSQLiteEngine):
        return db.read_transaction(inline)
    return db.transaction()


# Reads that take seconds (a whole service's indicators over a state's caseload) run at most
# this many at once in a process, and never more than half its connections, however many
# people ask at once: the rest wait their turn, and writes always find a connection.
LONG_READS = 2
_long_turns: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


@contextlib.asynccontextmanager
async def long_reading():
    """A read transaction for reads that take seconds, taken in turn (`LONG_READS`). On SQLite
    its statements run in a connection's own thread: run in place, as a request's few small
    reads are, they would hold up every other request until the last of them ended."""
    turns = _long_turns.setdefault(asyncio.get_running_loop(), asyncio.Semaphore(LONG_READS))
    async with turns, reading(inline=False):
        yield


async def start(pool_size: int = DEFAULT_POOL_SIZE, checkpoint_pages: int = AUTO_CHECKPOINT_PAGES) -> None:
    """`checkpoint_pages` (SQLite): how long the WAL grows before a commit on a pooled connection
    copies it back; 0 leaves that to someone else (`checkpoint`)."""
    _long_turns[asyncio.get_running_loop()] = asyncio.Semaphore(max(1, min(LONG_READS, pool_size // 2)))
    db = engine()
    if isinstance(db, PostgresEngine):
        await db.start_connection_pool(min_size=1, max_size=pool_size)
    elif isinstance(db, PooledSQLiteEngine):
        await db.start_pool(pool_size, checkpoint_pages)


async def stop() -> None:
    db = engine()
    if isinstance(db, PostgresEngine):
        await db.close_connection_pool()
    elif isinstance(db, PooledSQLiteEngine):
        await db.close_pool()


async def checkpoint(wal_pages: int = WAL_CHECKPOINT_PAGES) -> None:
    """SQLite: once the WAL holds more than `wal_pages` not yet copied back into the database,
    copy what it can without waiting for or blocking anyone (a passive checkpoint, in a
    thread): for long runs of writes (the scan's), between their transactions rather than
    inside a commit. A checkpoint that waits for readers would hold every writer back meanwhile
    (a check-in waited up to two seconds behind such checkpoints)."""
    db = engine()
    if not checkpoint_due(wal_pages):
        return

    def passive():
        with contextlib.closing(sqlite3.connect(db.path, timeout=SQLITE_TIMEOUT_SECONDS)) as connection:
            connection.execute("PRAGMA wal_checkpoint(PASSIVE)")

    await asyncio.to_thread(passive)


def checkpoint_due(wal_pages: int = WAL_CHECKPOINT_PAGES) -> bool:
    """SQLite: whether the WAL holds more than `wal_pages` not yet copied back."""
    db = engine()
    return isinstance(db, PooledSQLiteEngine) and wal_pending(db.path) >= wal_pages


def wal_pending(path: str) -> int:
    """Pages in the WAL not yet copied back, from the WAL-index in `-shm`: the last valid frame
    (`mxFrame`, offset 16 of its header) less those copied (`nBackfill`, offset 96), in the
    machine's byte order (https://www.sqlite.org/walformat.html). The WAL file itself never
    shrinks, so its size says nothing once it has grown."""
    header = _shm_header(path)
    if len(header) < 100:
        return 0
    last, copied = struct.unpack_from("=I", header, 16)[0], struct.unpack_from("=I", header, 96)[0]
    return max(0, last - copied)


_SHM_FILES: dict[str, int] = {}


def _shm_header(path: str) -> bytes:
    """The WAL-index header, read through a descriptor kept open for the life of the process.

    Closing any descriptor of a file drops every POSIX lock the process holds on it, SQLite's
    own included: had this descriptor been closed after each read, another process could find
    the WAL-index unused, reset it under this one's connections (one was killed by SIGBUS
    touching its mapping) and checkpoint over the pages its readers were reading. A descriptor
    whose file was deleted (the last connection anywhere closed) is of no use and of no lock:
    it is closed and the file opened again."""
    shm = f"{path}-shm"
    fd = _SHM_FILES.get(shm)
    if fd is not None and os.fstat(fd).st_nlink == 0:
        os.close(_SHM_FILES.pop(shm))
        fd = None
    if fd is None:
        try:
            fd = _SHM_FILES[shm] = os.open(shm, os.O_RDONLY)
        except FileNotFoundError:
            return b""
    return os.pread(fd, 100, 0)


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



async def in_a_write_of_its_own(work):
    """Run `work()` (a coroutine function) in a write transaction of its own, committed before
    this returns, even when called inside a read: a read that must leave a trace (telling a
    supervisor of a break-glass read) does not turn its read transaction into a write."""
    async def own():
        async with writing():
            return await work()

    return await asyncio.create_task(own(), context=contextvars.Context())


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


async def fetch_rows(sql: str, params=()) -> list:
    """As `fetch`, as the driver's plain rows (read by position): for statements returning
    tens of thousands of rows, where building a dict for each costs more than the query."""
    conn = _connection()
    if not is_sqlite():
        return await conn.fetch(_numbered(sql), *params)
    if isinstance(conn, InlineConnection):
        return await conn.fetch_tuples(sql, list(params))
    cursor = await conn.cursor()
    try:
        cursor.row_factory = None  # tuples, not the connection's dicts
        await cursor.execute(sql, list(params))
        return await cursor.fetchall()
    finally:
        await cursor.close()


async def execute_many(sql: str, rows: list) -> None:
    if not rows:
        return
    conn = _connection()
    if is_sqlite():
        await conn.executemany(sql, rows)
    else:
        await conn.executemany(_numbered(sql), rows)


def _inserts(table: str, columns: tuple[str, ...], rows: list[tuple], suffix: str):
    """Multi-row INSERTs as (sql, values), as many rows per statement as the parameter limit
    allows; `suffix` may add an ON CONFLICT clause and RETURNING."""
    per_statement = max(1, MAX_PARAMETERS // len(columns))
    names = ", ".join(f'"{c}"' for c in columns)
    row_marks = f"({placeholders(len(columns))})"
    for i in range(0, len(rows), per_statement):
        batch = rows[i:i + per_statement]
        yield (f'INSERT INTO "{table}" ({names}) VALUES {", ".join([row_marks] * len(batch))} {suffix}',
               [v for row in batch for v in row])


async def insert_rows(table: str, columns: tuple[str, ...], rows: list[tuple], suffix: str = "") -> list[dict]:
    """The rows inserted, as RETURNING in `suffix` gives them."""
    found = []
    for sql, values in _statements(table, columns, rows, suffix):
        found += await fetch(sql, values)
    return found


def _statements(table: str, columns: tuple[str, ...], rows: list[tuple], suffix: str) -> list:
    if not rows:
        return []
    if is_sqlite():
        return list(_inserts(table, columns, rows, suffix))
    return [_unnested(table, columns, rows[i:i + UNNESTED_ROWS], suffix)
            for i in range(0, len(rows), UNNESTED_ROWS)]


# PostgreSQL: rows go in as one array a column (`INSERT … SELECT * FROM unnest(…)`), so the
# statement is the same whatever the number of rows: prepared once, where a multi-row VALUES
# of a thousand parameters was parsed and planned afresh for each batch.
UNNESTED_ROWS = 10_000


@functools.cache
def _column_types(table: str) -> dict[str, str]:
    """Each column's type as the table's piccolo class declares it."""
    from piccolo.conf.apps import Finder

    declared = next(t for t in Finder().get_table_classes() if t._meta.tablename == table)
    return {c._meta.db_column_name: "INTEGER" if c.column_type == "SERIAL" else c.column_type
            for c in declared._meta.columns}


def _unnested(table: str, columns: tuple[str, ...], rows: list[tuple], suffix: str) -> tuple[str, list]:
    types = _column_types(table)
    names = ", ".join(f'"{c}"' for c in columns)
    arrays = ", ".join(f"CAST(? AS {types[c]}[])" for c in columns)
    return (f'INSERT INTO "{table}" ({names}) SELECT * FROM unnest({arrays}) {suffix}',
            [list(column) for column in zip(*rows)])


async def insert_counted(table: str, columns: tuple[str, ...], rows: list[tuple], suffix: str = "") -> int:
    """How many rows went in (an ON CONFLICT … DO NOTHING in `suffix` skips some), without
    returning them: the count is all a bulk insert's caller needs."""
    inserted = 0
    for sql, values in _statements(table, columns, rows, suffix):
        inserted += await _execute_counted(sql, values)
    return inserted


async def _execute_counted(sql: str, values: list) -> int:
    conn = _connection()
    if not is_sqlite():
        status = await conn.execute(_numbered(sql), *values)  # "INSERT 0 <rows>"
        return int(status.rsplit(" ", 1)[-1])
    cursor = await conn.cursor()
    try:
        await cursor.execute(sql, values)
        return cursor.rowcount
    finally:
        await cursor.close()
