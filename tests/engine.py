"""Choose the database for a test run before anything imports piccolo_conf.

`HAVEN_TEST_ENGINE=sqlite` (default) uses a fresh file in a temporary folder;
`HAVEN_TEST_ENGINE=postgres` creates a fresh database on the server named by
`HAVEN_TEST_POSTGRES` (default: the local trust-auth server) and drops it afterwards.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import uuid

PG_ADMIN_URL = os.environ.get("HAVEN_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")


def choose() -> tuple[str, str]:
    kind = os.environ.get("HAVEN_TEST_ENGINE", "sqlite")
    if kind == "sqlite":
        folder = tempfile.mkdtemp(prefix="haven-test-")
        return kind, f"sqlite:///{folder}/haven.db"
    if kind == "postgres":
        name = f"haven_test_{uuid.uuid4().hex[:12]}"
        asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
        return kind, PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    raise SystemExit(f"HAVEN_TEST_ENGINE must be sqlite or postgres, not {kind!r}")


def drop(kind: str, url: str) -> None:
    if kind == "postgres":
        name = url.rsplit("/", 1)[1]
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def _admin(sql: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(PG_ADMIN_URL)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()
