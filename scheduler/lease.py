"""The scan lease: one row, claimed with a conditional UPDATE, so one scan runs at a time
across every process and instance. An expired lease (a crashed scanner) can be taken over.

The lease uses the wall clock, not the instant being scanned (`haven scan --at` may scan the past).
"""

from __future__ import annotations

import datetime as dt

from scheduler.tables import ScanLease
from service import db

NAME = "scan"
HOLD = dt.timedelta(minutes=10)


async def take(holder: str, wall_now: dt.datetime) -> bool:
    async with db.writing():
        await ScanLease.insert(ScanLease(name=NAME, holder="", expires_at=None)).on_conflict(
            target=ScanLease.name, action="DO NOTHING")
        taken = await ScanLease.update({ScanLease.holder: holder, ScanLease.expires_at: wall_now + HOLD}).where(
            (ScanLease.name == NAME) & (ScanLease.expires_at.is_null() | (ScanLease.expires_at < wall_now))
        ).returning(ScanLease.name)
    return len(taken) == 1


async def release(holder: str) -> None:
    async with db.writing():
        await ScanLease.update({ScanLease.expires_at: None}).where(
            (ScanLease.name == NAME) & (ScanLease.holder == holder))
