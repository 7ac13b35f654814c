"""The scan lease on SQLite: one row, claimed with a conditional UPDATE, so one scan runs at a
time across every process. It lasts one scan interval and is renewed while the scan runs (each
renewal a commit of its own, so once a tenth of it has passed, not every batch); a scan killed
while holding it blocks the next one for at most one interval.

The lease uses the wall clock, not the instant being scanned (`haven scan --at` may scan the past).
On PostgreSQL scans share the work through per-batch claims instead (`scheduler.wakes.claim`).
"""

from __future__ import annotations

import datetime as dt

from scheduler.tables import ScanLease
from service import db

NAME = "scan"


def _hold(settings) -> dt.timedelta:
    return dt.timedelta(minutes=settings.scan_minutes)


def renew_every(settings) -> dt.timedelta:
    return _hold(settings) / 10


async def take(holder: str, wall_now: dt.datetime, settings) -> bool:
    async with db.writing():
        await ScanLease.insert(ScanLease(name=NAME, holder="", expires_at=None)).on_conflict(
            target=ScanLease.name, action="DO NOTHING")
        taken = await ScanLease.update({ScanLease.holder: holder, ScanLease.expires_at: wall_now + _hold(settings)}).where(
            (ScanLease.name == NAME) & (ScanLease.expires_at.is_null() | (ScanLease.expires_at < wall_now))
        ).returning(ScanLease.name)
    return len(taken) == 1


async def renew(holder: str, wall_now: dt.datetime, settings) -> None:
    async with db.writing():
        await ScanLease.update({ScanLease.expires_at: wall_now + _hold(settings)}).where(
            (ScanLease.name == NAME) & (ScanLease.holder == holder))


async def release(holder: str) -> None:
    async with db.writing():
        await ScanLease.update({ScanLease.expires_at: None}).where(
            (ScanLease.name == NAME) & (ScanLease.holder == holder))
