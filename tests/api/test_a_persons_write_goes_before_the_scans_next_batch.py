"""SQLite has one writer, and a connection waiting for it sleeps between tries: a scan's batches
(from two processes taking turns) would take the lock back in those sleeps again and again, and
a caseworker's save waited seconds. So a person's write raises a flag while it waits and
writes, in any process, and a scan's batch waits until no flag is up before asking for the
lock (`service.people_first`). PostgreSQL locks rows, not the database: its batches never wait.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import textwrap
from pathlib import Path

from service import db, people_first
from tests import conftest
from tests.conftest import DATABASE_URL, ENGINE_KIND

PATH = DATABASE_URL.removeprefix("sqlite:///")
ROOT = Path(__file__).resolve().parents[2]


async def _a_batch_waits_for_a_write() -> tuple[bool, bool, bool]:
    """(waited while a person wrote, went once it ended, a scan's own write raised no flag)."""
    async with db.writing(durable=False):
        own = ENGINE_KIND != "sqlite" or people_first.nobody_writing(PATH)
    ended = asyncio.Event()

    async def person():
        async with db.writing():
            await db.fetch("UPDATE team SET name = name WHERE name = 'north'")
            await ended.wait()

    writing = asyncio.ensure_future(person())
    await asyncio.sleep(0.05)
    batch = asyncio.ensure_future(db.after_peoples_writes())
    await asyncio.sleep(0.2)
    waited = not batch.done()
    ended.set()
    await writing
    await asyncio.wait_for(batch, timeout=1)
    return waited, batch.done(), own


def test_a_batch_waits_while_a_persons_write_is_under_way(api):
    waited, went, own = conftest.run(_a_batch_waits_for_a_write())
    assert waited is (ENGINE_KIND == "sqlite")
    assert went and own


HOLDER = textwrap.dedent("""
    import sys
    from service import people_first
    with people_first.person_writing(sys.argv[1]):
        print("up", flush=True)
        sys.stdin.readline()
""")


def test_a_flag_raised_in_another_process_is_seen_and_goes_with_it(tmp_path):
    path = str(tmp_path / "haven.db")
    assert people_first.nobody_writing(path)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, path], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert holder.stdout.readline().strip() == "up"
        assert not people_first.nobody_writing(path)
        with people_first.person_writing(path):  # this process's flag beside the other's
            assert not people_first.nobody_writing(path)
        assert not people_first.nobody_writing(path)
    finally:
        holder.kill()  # a process that dies drops its flag
        holder.wait()
    assert people_first.nobody_writing(path)


def test_a_batch_waits_no_longer_than_its_patience(tmp_path):
    path = str(tmp_path / "haven.db")

    async def wait_behind_a_stuck_writer() -> bool:
        with people_first.person_writing(path):
            await asyncio.wait_for(people_first.after_people(path, patience=0.1), timeout=2)
            return people_first.nobody_writing(path)

    assert asyncio.run(wait_behind_a_stuck_writer()) is False
