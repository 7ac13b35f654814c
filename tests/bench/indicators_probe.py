"""Run inside the indicators benchmark's own process, against HAVEN_DATABASE_URL:

    python -m tests.bench.indicators_probe N

Computes every indicator for the whole service over the last twelve months N times through
Haven (`service.reports`), then runs each indicator's same SQL with the same values N times on
the raw driver (sqlite3 or asyncpg, no pool, no piccolo); prints one line of JSON with the
median seconds of each, by indicator, and of a month-by-month trend through Haven.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import sqlite3
import statistics
import sys
import time

from service import db
from service.reports import indicators, services
from service.reports.statements import Scope
from service.settings import Settings

NOW = dt.datetime.now(dt.timezone.utc)


async def through_haven(repeats: int) -> tuple[dict, list, float, float]:
    settings, w = Settings.from_env(), services.window(None, None, NOW)
    await db.start()
    timings, statements = {}, []
    for i in indicators.INDICATORS:
        if i.statement is None:
            continue
        samples = []
        for _ in range(repeats):
            statement = i.statement(Scope("service"), w, settings)
            started = time.perf_counter()
            async with db.reading():
                await statement.fetch_one(statement.sql)
            samples.append(time.perf_counter() - started)
        timings[i.code] = statistics.median(samples)
        statements.append((i.code, statement.sql, statement.params))
    started = time.perf_counter()
    async with db.reading():
        await indicators.compute(Scope("service"), w, settings)
    whole = time.perf_counter() - started
    started = time.perf_counter()
    async with db.reading():
        await indicators.trend(Scope("service"), w, settings)
    trend = time.perf_counter() - started
    await db.stop()
    return timings, statements, whole, trend


def raw_sqlite(path: str, statements: list, repeats: int) -> dict:
    timings = {}
    conn = sqlite3.connect(path)
    for code, sql, params in statements:
        values = [p.isoformat() if isinstance(p, dt.date) else p for p in params]
        samples = []
        for _ in range(repeats):
            started = time.perf_counter()
            conn.execute(sql, values).fetchall()
            samples.append(time.perf_counter() - started)
        timings[code] = statistics.median(samples)
    conn.close()
    return timings


async def raw_postgres(url: str, statements: list, repeats: int) -> dict:
    import asyncpg

    timings = {}
    conn = await asyncpg.connect(url)
    for code, sql, params in statements:
        numbered = db._numbered(sql)
        samples = []
        for _ in range(repeats):
            started = time.perf_counter()
            await conn.fetch(numbered, *params)
            samples.append(time.perf_counter() - started)
        timings[code] = statistics.median(samples)
    await conn.close()
    return timings


def main(repeats: int) -> dict:
    settings = Settings.from_env()
    haven, statements, whole, trend = asyncio.run(through_haven(repeats))
    if settings.is_postgres:
        raw = asyncio.run(raw_postgres(settings.database_url, statements, repeats))
    else:
        raw = raw_sqlite(str(settings.sqlite_path), statements, repeats)
    return {"haven": haven, "raw": raw, "all_indicators": whole, "trend_12_months": trend}


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]))))
