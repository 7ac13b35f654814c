"""A large scan spread over processes (by default one a core).

The rules are Python, so one process evaluates on one core: a first scan of a state's caseload,
or a full rescan, would leave the other cores idle. When many children are due, the scan that
holds the lease splits them into contiguous parts and starts a process for each (`spawn`: a
clean interpreter, not a copy of a server with threads and open connections). Each process
evaluates its part batch by batch exactly as a scan in one process would (the same short write
transactions, the same checks of each child's revision, on PostgreSQL the same claims), and
reports each batch and its totals back; the parent keeps the lease while they work. On SQLite
the processes take turns at the one writer, each turn after any person's write under way.

A part interrupted (its process stopped, the scan cancelled) loses at most the batch it was
writing: a batch commits whole or not at all, and its children stay due for the next scan.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import queue
import time

from service import db

PARALLEL_FROM = 4_000  # children due: below this, starting the processes costs more than it saves
RENEW_SECONDS = 5.0
HEARD_WAIT_SECONDS = 0.5


def processes(settings) -> int:
    """As set; by default one a core. On SQLite the processes take turns at the one writer, and
    people's writes go before each turn (`service.people_first`)."""
    return settings.scan_processes or os.cpu_count() or 1


def worth_it(due: int, settings) -> bool:
    return due >= PARALLEL_FROM and processes(settings) > 1


def parts(due: list, count: int) -> list[list]:
    size = -(-len(due) // count)
    return [due[i:i + size] for i in range(0, len(due), size)]


async def run(due: list, now, settings, full: bool, renew, on_batch):
    """Evaluate `due` in processes; their totals, summed."""
    from scheduler.scan import Totals

    context = multiprocessing.get_context("spawn")
    heard, writer = context.Queue(), context.Lock() if db.is_sqlite() else None
    split = parts(due, processes(settings))
    workers = [context.Process(target=_part, args=(i, ids, now, settings, full, heard, writer), daemon=True,
                               name=f"haven-scan-{i}") for i, ids in enumerate(split)]
    for worker in workers:
        worker.start()
    try:
        found = await _listen(workers, heard, writer, len(due), renew, on_batch)
    finally:
        await asyncio.to_thread(_stop, workers)
    totals = Totals()
    for part in found:
        totals.add(part)
    return totals


async def _listen(workers: list, heard, writer, total: int, renew, on_batch) -> list:
    """Each part's totals, once every part has reported them; renewing the lease meanwhile."""
    done_by, found, renewed = [0] * len(workers), {}, time.monotonic()
    while len(found) < len(workers):
        try:
            kind, index, value = await asyncio.to_thread(heard.get, True, HEARD_WAIT_SECONDS)
        except queue.Empty:
            _check_alive(workers, found)
        else:
            if kind == "failed":
                raise RuntimeError(f"scan part {index} failed: {value}")
            if kind == "batch":
                done_by[index] = value
                on_batch(sum(done_by), total)
            else:
                found[index] = value
        if time.monotonic() - renewed >= RENEW_SECONDS:
            await renew()
            renewed = time.monotonic()
    return [found[i] for i in range(len(workers))]


def _check_alive(workers: list, found: dict) -> None:
    for i, worker in enumerate(workers):
        if i not in found and worker.exitcode is not None:
            raise RuntimeError(f"scan part {i} stopped (exit code {worker.exitcode}) before it finished")


def _stop(workers: list) -> None:
    for worker in workers:
        if worker.is_alive():
            worker.terminate()
    for worker in workers:
        worker.join()


def _part(index: int, ids: list, now, settings, full: bool, heard, writer) -> None:
    """In a process of its own: evaluate `ids` and report back."""
    try:
        totals = asyncio.run(_evaluate(ids, now, settings, full,
                                       lambda done, total: heard.put(("batch", index, done)), writer))
    except BaseException as exc:
        heard.put(("failed", index, type(exc).__name__))
        raise
    heard.put(("totals", index, totals))


@contextlib.asynccontextmanager
async def _turn(writer):
    """SQLite has one writer at a time: the processes queue for it here, each let in as soon as
    the one before is done, rather than each polling the database's lock and sleeping between
    tries (SQLite's busy wait, which left both processes idle much of a scan)."""
    if writer is None:
        yield
        return
    await asyncio.to_thread(writer.acquire)
    try:
        yield
    finally:
        writer.release()


async def _evaluate(ids: list, now, settings, full: bool, on_batch, writer):
    from scheduler.scan import evaluate

    async def renew() -> None:  # the parent holds the lease
        pass

    # Two processes reading and writing by turns never leave the WAL free of readers for a
    # commit's own checkpoint to finish, so each commit tried again and took seconds: the
    # scan's passive checkpoints between batches do it instead.
    await db.start(pool_size=2, checkpoint_pages=0)
    try:
        return await evaluate(ids, now, settings, full, renew, on_batch, lambda: _turn(writer))
    finally:
        await db.stop()
