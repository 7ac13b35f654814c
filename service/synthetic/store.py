"""Bulk writers: rows go in as rows, many to a statement, in one transaction per chunk.

SQLite: the raw `sqlite3` module, `executemany`, with `synchronous=OFF` on this connection
while it loads (a crash mid-load loses only a data set nobody relies on yet); the last
checkpoint is made with full syncing, and the setting ends with the connection. PostgreSQL:
COPY through asyncpg.
"""

from __future__ import annotations

import contextlib
import sqlite3

from service.synthetic.shape import COLUMNS, Rows

COUNTER_UPSERT = (
    'INSERT INTO "case_number_counter" ("year", "last_number") VALUES ({p1}, {p2}) '
    'ON CONFLICT ("year") DO UPDATE SET "last_number" = '
    '{greatest}("case_number_counter"."last_number", excluded."last_number")'
)


def _quoted(names) -> str:
    return ", ".join(f'"{n}"' for n in names)


class SqliteStore:
    def __init__(self, path: str):
        self.conn = sqlite3.connect(path, isolation_level=None, timeout=30)
        # A page cache of 96 MB; sorts for the index rebuild spill to temporary files.
        for pragma in ("synchronous=OFF", "cache_size=-98304"):
            self.conn.execute(f"PRAGMA {pragma}")
        self.inserts = {t: f'INSERT INTO "{t}" ({_quoted(cols)}) VALUES ({", ".join("?" * len(cols))})'
                        for t, cols in COLUMNS.items()}

    def holds_children(self) -> bool:
        return self.conn.execute('SELECT EXISTS (SELECT 1 FROM "child")').fetchone()[0] == 1

    def usernames_starting(self, prefix: str) -> list[str]:
        return [r[0] for r in self.conn.execute(
            'SELECT "username" FROM "haven_user" WHERE substr("username", 1, ?) = ?', (len(prefix), prefix))]

    def counters(self) -> dict[int, int]:
        return dict(self.conn.execute('SELECT "year", "last_number" FROM "case_number_counter"'))

    @contextlib.contextmanager
    def loading(self):
        """Without the secondary indexes of the tables written, rebuilt at the end: one sort
        instead of millions of scattered index updates. Primary keys stay (and rows go in by
        id within each chunk, so each index page is visited once a chunk)."""
        names = ", ".join(f"'{t}'" for t in COLUMNS)
        indexes = self.conn.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({names})").fetchall()
        self.conn.execute("BEGIN IMMEDIATE")
        for name, _ in indexes:
            self.conn.execute(f'DROP INDEX "{name}"')
        self.conn.execute("COMMIT")
        try:
            yield
        finally:
            self.conn.execute("BEGIN IMMEDIATE")
            for _, sql in indexes:
                self.conn.execute(sql)
            self.conn.execute("COMMIT")

    def write(self, rows: Rows, counters: dict[int, int] | None = None) -> None:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            for table, values in rows.items():
                if values:
                    values.sort()
                    self.conn.executemany(self.inserts[table], values)
            if counters:
                self.conn.executemany(COUNTER_UPSERT.format(p1="?", p2="?", greatest="MAX"),
                                      sorted(counters.items()))
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        with contextlib.closing(self.conn):
            self.conn.execute("PRAGMA synchronous=FULL")
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


class PostgresStore:
    @classmethod
    async def open(cls, dsn: str) -> "PostgresStore":
        import asyncpg

        store = cls()
        store.conn = await asyncpg.connect(dsn)
        try:  # foreign keys unchecked row by row while loading, where the role may (superuser)
            await store.conn.execute("SET session_replication_role = replica")
        except asyncpg.InsufficientPrivilegeError:
            pass
        return store

    async def holds_children(self) -> bool:
        return await self.conn.fetchval('SELECT EXISTS (SELECT 1 FROM "child")')

    async def usernames_starting(self, prefix: str) -> list[str]:
        return [r[0] for r in await self.conn.fetch(
            'SELECT "username" FROM "haven_user" WHERE left("username", $1) = $2', len(prefix), prefix)]

    async def counters(self) -> dict[int, int]:
        return {r[0]: r[1] for r in await self.conn.fetch(
            'SELECT "year", "last_number" FROM "case_number_counter"')}

    async def write(self, rows: Rows, counters: dict[int, int] | None = None) -> None:
        async with self.conn.transaction():
            for table, values in rows.items():
                if values:
                    await self.conn.copy_records_to_table(table, records=values, columns=COLUMNS[table])
            if counters:
                await self.conn.executemany(COUNTER_UPSERT.format(p1="$1", p2="$2", greatest="GREATEST"),
                                            sorted(counters.items()))

    async def close(self) -> None:
        try:
            await self.conn.execute("ANALYZE " + ", ".join(f'"{t}"' for t in COLUMNS))
        finally:
            await self.conn.close()
