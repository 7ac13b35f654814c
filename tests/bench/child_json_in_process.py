"""Run as `python -m tests.bench.child_json_in_process` with HAVEN_DATABASE_URL set: times what
`getChild` does in-process (scope check, the child's record, its audit entry made durable
through the group-commit writer) beside a raw sqlite3 primary-key lookup of the same row, and
prints the medians as JSON. A separate process, so piccolo's engine is the benchmark's database
and not the test run's."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import sqlite3
import statistics
import time

CALLS, ROUNDS, CONCURRENT = 50, 15, 16


def median_per_call(samples: list[float], calls: int) -> float:
    return statistics.median(samples) / calls


def raw_lookup(path: str, child_id: str) -> float:
    conn = sqlite3.connect(path)
    try:
        samples, cpu = [], []
        for _ in range(ROUNDS):
            start, start_cpu = time.perf_counter(), time.process_time()
            for _ in range(CALLS):
                conn.execute("SELECT * FROM child WHERE id = ?", (child_id,)).fetchone()
            samples.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        return {"wall": median_per_call(samples, CALLS), "cpu": median_per_call(cpu, CALLS)}
    finally:
        conn.close()


async def through_the_service() -> dict:
    from care_plans.controllers import child_record
    from care_plans.tables import Child
    from service import db
    from service.accounts.services import actor_from_row
    from service.accounts.tables import User
    from service.audit import services as audit
    from service.audit import writer as audit_writer
    from service.audit.services import Where

    await db.start()
    writer = await audit.start_writer()
    try:
        user = await User.select(User.id, User.username, User.role, User.team).where(
            User.role == "supervisor").first()
        actor = actor_from_row(user)
        child_id = (await Child.select(Child.id).where(Child.team == user["team"]).first())["id"]
        at = Where(actor=actor, source="bench", now=dt.datetime.now(dt.timezone.utc))

        async def one():
            await child_record(actor, child_id, None, at)

        async def many():
            await asyncio.gather(*[child_record(actor, child_id, None, at) for _ in range(CONCURRENT)])

        return {"child_id": str(child_id), "one_at_a_time": await _timed(one, CALLS, CALLS),
                f"{CONCURRENT}_at_once": await _timed(many, CALLS // 5, CALLS // 5 * CONCURRENT)}
    finally:
        await audit_writer.stop(writer)
        await db.stop()


async def _timed(action, repeats: int, calls: int) -> float:
    for _ in range(3):
        await action()
    samples, cpu = [], []
    for _ in range(ROUNDS):
        start, start_cpu = time.perf_counter(), time.process_time()
        for _ in range(repeats):
            await action()
        samples.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    # CPU seconds of the whole process (its SQLite threads included): on a busy machine the
    # wall clock also counts the time other work held the cores.
    return {"wall": median_per_call(samples, calls), "cpu": median_per_call(cpu, calls)}


def main() -> None:
    import os

    path = os.environ["HAVEN_DATABASE_URL"].removeprefix("sqlite:///")
    service = asyncio.run(through_the_service())
    service["raw_lookup"] = raw_lookup(path, service["child_id"])
    print(json.dumps(service))


if __name__ == "__main__":
    main()
