"""Group commit for the audit entries of reads.

A read takes no write lock, but its audit entry must be durable before the answer goes out.
Each running app has one writer: a request hands it its entries and waits; the writer takes
every entry handed over since its last commit, inserts them in one write transaction, commits,
and only then wakes the requests that were waiting. While it commits, the next group gathers,
so however many requests read at once, they share a few commits instead of queueing on the
write lock one by one.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Awaitable, Callable

log = logging.getLogger("haven")

# A busy database (SQLite's busy timeout spent, PostgreSQL out of connections or a lock) is
# tried again this many times, with a growing pause, before the waiting requests hear of it.
BUSY_RETRIES = 3
FIRST_PAUSE_SECONDS = 0.05


class AuditUnavailable(Exception):
    """The audit trail could not be written, so the read it records must not be answered."""


def is_busy(failure: BaseException) -> bool:
    """Whether trying again later may succeed: a lock or a connection, not a bad statement."""
    if isinstance(failure, sqlite3.OperationalError):
        return any(word in str(failure) for word in ("locked", "busy"))
    name = type(failure).__name__
    return name in {"TooManyConnectionsError", "LockNotAvailableError", "DeadlockDetectedError",
                    "SerializationError", "CannotConnectNowError"} or isinstance(failure, OSError)


Insert = Callable[[list[tuple]], Awaitable[None]]


class AuditWriter:
    def __init__(self, insert: Insert):
        self._insert = insert
        self._waiting: list[tuple[list[tuple], asyncio.Future]] = []
        self._wake = asyncio.Event()
        self._closing = False
        self._task: asyncio.Task | None = None
        self._committing = 0
        self.commits = 0  # groups committed: how many requests shared a commit is observable

    @property
    def waiting(self) -> int:
        """Requests waiting for their entries: in the group being committed and the next."""
        return self._committing + len(self._waiting)

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        """Commit what is waiting, then stop."""
        self._closing = True
        self._wake.set()
        if self._task is not None:
            await self._task

    async def keep(self, rows: list[tuple]) -> None:
        """Return once `rows` are committed; raise AuditUnavailable if they could not be."""
        if self._closing:
            raise AuditUnavailable("the audit writer has stopped")
        done = asyncio.get_running_loop().create_future()
        self._waiting.append((rows, done))
        self._wake.set()
        # Shielded: a request that goes away leaves its entry to be written all the same.
        await asyncio.shield(done)

    async def _run(self) -> None:
        while not (self._closing and not self._waiting):
            await self._wake.wait()
            self._wake.clear()
            group, self._waiting = self._waiting, []
            if group:
                await self._commit(group)

    async def _commit(self, group: list[tuple[list[tuple], asyncio.Future]]) -> None:
        rows = [row for rows, _ in group for row in rows]
        self._committing = len(group)
        try:
            await self._insert_retrying(rows)
        except Exception as failure:  # every waiting request hears it; none answers as if audited
            log.error("audit group of %d entries not written (%s)", len(rows), type(failure).__name__)
            for _, done in group:
                if not done.done():
                    done.set_exception(AuditUnavailable("the audit trail could not be written"))
            return
        finally:
            self._committing = 0
        self.commits += 1
        for _, done in group:
            if not done.done():
                done.set_result(None)

    async def _insert_retrying(self, rows: list[tuple]) -> None:
        pause = FIRST_PAUSE_SECONDS
        for _ in range(BUSY_RETRIES):
            try:
                return await self._insert(rows)
            except Exception as failure:
                if not is_busy(failure):
                    raise
                log.warning("audit group waits for a busy database (%s)", type(failure).__name__)
                await asyncio.sleep(pause)
                pause *= 4
        await self._insert(rows)


_running: dict[asyncio.AbstractEventLoop, AuditWriter] = {}


def running() -> AuditWriter | None:
    """The writer started in this event loop, if any (an app's lifespan starts one)."""
    try:
        return _running.get(asyncio.get_running_loop())
    except RuntimeError:
        return None


async def start(insert: Insert) -> AuditWriter:
    writer = AuditWriter(insert)
    writer.start()
    _running[asyncio.get_running_loop()] = writer
    return writer


async def stop(writer: AuditWriter) -> None:
    loop = asyncio.get_running_loop()
    if _running.get(loop) is writer:
        del _running[loop]
    await writer.stop()
