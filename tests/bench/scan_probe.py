"""Run inside a benchmark's own process, against the database in HAVEN_DATABASE_URL:

    python -m tests.bench.scan_probe first        one scan; its time, CPU time, summary, longest batch write
    python -m tests.bench.scan_probe idle N       N scans with nothing due; their median
    python -m tests.bench.scan_probe floor N      the rules' due children as one indexed query
                                                  on the raw driver; its median

Prints one line of JSON.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import resource
import statistics
import sys
import time

from service import db
from service.settings import Settings

# Every probe of one run scans as of one instant (HAVEN_BENCH_AT): an idle rescan taken a
# minute after a long first scan would rightly find the children whose day counts moved on.
NOW = dt.datetime.fromisoformat(os.environ["HAVEN_BENCH_AT"]) if os.environ.get("HAVEN_BENCH_AT") \
    else dt.datetime.now(dt.timezone.utc)

# Children with anything due now, by the stored due instants: the same rules' first step,
# as one statement on the raw driver (the floor a scan is compared with).
FLOOR_SQL = """
SELECT id FROM child WHERE status = 'active' AND (check_in_due_at < {p1} OR next_review_due < {p2})
UNION SELECT child FROM missing_episode WHERE returned_at IS NULL
UNION SELECT child FROM placement WHERE ended_on IS NULL AND started_on >= {p3}
"""


async def first() -> dict:
    from scheduler.scan import scan

    await db.start()
    started, cpu = time.perf_counter(), _cpu_seconds()
    summary = await scan(NOW, Settings.from_env())
    # CPU seconds of this process and of the scan's own processes (every thread): on a shared
    # machine, wall time measures the neighbours as much as the scan.
    return {"seconds": time.perf_counter() - started, "cpu_seconds": _cpu_seconds() - cpu,
            "summary": summary, "longest_batch_write": summary["longest_write_ms"] / 1000}


def _cpu_seconds() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


async def idle(repeats: int) -> dict:
    from scheduler.scan import scan

    await db.start()
    samples, summary = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        # As of the first scan's instant: seconds later, a child's day count may rightly move on.
        summary = await scan(NOW, Settings.from_env())
        samples.append(time.perf_counter() - started)
    return {"median": statistics.median(samples), "summary": summary}


async def floor(repeats: int) -> dict:
    url = Settings.from_env().database_url
    cutoff = (NOW - dt.timedelta(days=90)).date()
    samples = []
    if url.startswith("sqlite"):
        import sqlite3

        conn = sqlite3.connect(url.removeprefix("sqlite:///"))
        sql = FLOOR_SQL.format(p1="?", p2="?", p3="?")
        args = (NOW.isoformat(), NOW.date().isoformat(), cutoff.isoformat())
        for _ in range(repeats):
            started = time.perf_counter()
            rows = conn.execute(sql, args).fetchall()
            samples.append(time.perf_counter() - started)
    else:
        import asyncpg

        conn = await asyncpg.connect(url)
        sql = FLOOR_SQL.format(p1="$1", p2="$2", p3="$3")
        for _ in range(repeats):
            started = time.perf_counter()
            rows = await conn.fetch(sql, NOW, NOW.date(), cutoff)
            samples.append(time.perf_counter() - started)
        await conn.close()
    return {"median": statistics.median(samples), "rows": len(rows)}


def main() -> None:
    what, *rest = sys.argv[1:]
    work = {"first": first, "idle": idle, "floor": floor}[what]

    async def run():
        try:
            return await work(*map(int, rest))
        finally:
            await db.stop()  # the kept connections' threads would otherwise hold the process open

    print(json.dumps(asyncio.run(run()), default=str))


if __name__ == "__main__":
    main()
