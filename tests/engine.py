"""Choose the database for a test run before anything imports piccolo_conf.

`HAVEN_TEST_ENGINE=sqlite` (default) uses a fresh file in a temporary folder;
`HAVEN_TEST_ENGINE=postgres` creates a fresh database on the server named by
`HAVEN_TEST_POSTGRES` (default: the local trust-auth server) and drops it afterwards.
"""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import contextlib
import os
import sqlite3
import subprocess
import sys
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


def choose(template: str | None = None) -> tuple[str, str]:
    """(kind, url) of a new, empty database; on PostgreSQL, a copy of the database `template`
    names, when given."""
    kind = os.environ.get("HAVEN_TEST_ENGINE", "sqlite")
    if kind == "sqlite":
        folder = tempfile.mkdtemp(prefix="haven-test-")
        return kind, f"sqlite:///{folder}/haven.db"
    if kind == "postgres":
        name = f"haven_test_{uuid.uuid4().hex[:12]}"
        copied = f' TEMPLATE "{template}"' if template else ""
        run_outside_loop(_admin(f'CREATE DATABASE "{name}"{copied}'))
        return kind, PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    raise SystemExit(f"HAVEN_TEST_ENGINE must be sqlite or postgres, not {kind!r}")


_demo: dict = {}  # the session's demo template: kind, url, what `haven demo` printed


def demo_copy() -> tuple[str, str, str]:
    """(kind, url, what `haven demo` printed) of a new database holding the demo data set.
    `haven demo` runs once a test session, into a template; each caller gets a copy of its
    own (SQLite's backup API; PostgreSQL's CREATE DATABASE … TEMPLATE), at a fraction of
    the cost of filling it again."""
    if not _demo:
        _demo.update(zip(("kind", "url"), choose()))
        env = {**os.environ, "HAVEN_DATABASE_URL": _demo["url"], "HAVEN_SCHEDULER": "false"}
        _demo["printed"] = subprocess.run([sys.executable, "-m", "service.cli", "demo"], env=env,
                                          cwd=tempfile.mkdtemp(prefix="haven-demo-"), capture_output=True,
                                          text=True, check=True, timeout=300).stdout
        atexit.register(drop, _demo["kind"], _demo["url"])
    kind, template = _demo["kind"], _demo["url"]
    if kind == "sqlite":
        url = choose()[1]
        with contextlib.closing(sqlite3.connect(template.removeprefix("sqlite:///"))) as source, \
                contextlib.closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as copy:
            source.backup(copy)
        return kind, url, _demo["printed"]
    return kind, choose(template.rsplit("/", 1)[1])[1], _demo["printed"]


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
