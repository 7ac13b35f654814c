"""Choose the database for a test run before anything imports piccolo_conf.

`HAVEN_TEST_ENGINE=sqlite` (default) uses a fresh file in a temporary folder;
`HAVEN_TEST_ENGINE=postgres` creates a fresh database on the server named by
`HAVEN_TEST_POSTGRES` (default: the local trust-auth server) and drops it afterwards.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import tempfile
import uuid

PG_ADMIN_URL = os.environ.get("HAVEN_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")


def run_outside_loop(coro):
    """asyncio.run, even from a thread whose event loop is busy (Playwright's sync API keeps
    one running in the test thread): then the coroutine runs in a short-lived thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def choose() -> tuple[str, str]:
    kind = os.environ.get("HAVEN_TEST_ENGINE", "sqlite")
    if kind == "sqlite":
        folder = tempfile.mkdtemp(prefix="haven-test-")
        return kind, f"sqlite:///{folder}/haven.db"
    if kind == "postgres":
        name = f"haven_test_{uuid.uuid4().hex[:12]}"
        run_outside_loop(_admin(f'CREATE DATABASE "{name}"'))
        return kind, PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    raise SystemExit(f"HAVEN_TEST_ENGINE must be sqlite or postgres, not {kind!r}")


def drop(kind: str, url: str) -> None:
    if kind == "postgres":
        name = url.rsplit("/", 1)[1]
        run_outside_loop(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def _admin(sql: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(PG_ADMIN_URL)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()
