"""A scan's batch (`db.writing(durable=False)`) commits without waiting for the disk: a crash
would lose it whole, its children's change marks with it, and the next scan would do it again.
Every other write stays durable: the connection it used is durable again before anyone else
writes on it, even when the batch failed, and what it wrote is committed like any write."""

from __future__ import annotations

import pytest

from service import db
from tests import conftest
from tests.conftest import ENGINE_KIND

# SQLite: PRAGMA synchronous (1 NORMAL: the log is synced at checkpoints, 2 FULL: at each commit).
# PostgreSQL: synchronous_commit.
UNDURABLE, DURABLE = ("1", "2") if ENGINE_KIND == "sqlite" else ("off", "on")


async def _setting() -> str:
    sql = "PRAGMA synchronous" if db.is_sqlite() else "SHOW synchronous_commit"
    row = (await db.fetch(sql))[0]
    return str(next(iter(row.values())))


async def _writes_and_settings(fail: bool) -> tuple[list, list]:
    seen = []
    try:
        async with db.writing(durable=False):
            seen.append(await _setting())
            await db.fetch("UPDATE team SET name = name || ' (batch)' WHERE name = 'north'")
            if fail:
                raise RuntimeError("the batch failed")
    except RuntimeError:
        pass
    # Every connection in the pool is asked in turn: each must be durable.
    async def one() -> str:
        async with db.writing():
            return await _setting()

    seen += [await one() for _ in range(db.DEFAULT_POOL_SIZE + 1)]
    async with db.reading(inline=False):
        names = [r["name"] for r in await db.fetch("SELECT name FROM team ORDER BY name")]
    return seen, names


@pytest.mark.parametrize("fail", [False, True], ids=["committed", "rolled back"])
def test_a_batch_is_undurable_and_every_write_after_it_is_durable(api, fail):
    try:
        seen, names = conftest.run(_writes_and_settings(fail))
        assert seen[0] == UNDURABLE
        assert set(seen[1:]) == {DURABLE}
        assert ("north (batch)" in names) is not fail
    finally:
        conftest.run(db.in_a_write_of_its_own(lambda: db.fetch(
            "UPDATE team SET name = 'north' WHERE name = 'north (batch)'")))


async def _nested_setting() -> str:
    async with db.writing():
        async with db.writing(durable=False):
            return await _setting()


def test_inside_a_durable_write_a_batch_stays_as_durable_as_it(api):
    assert conftest.run(_nested_setting()) == DURABLE
