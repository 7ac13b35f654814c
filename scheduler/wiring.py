"""APScheduler wiring: the periodic scan inside `haven serve`, and `haven worker`.

Every instance may run these jobs: the scan lease and the outbox's claims keep the work
exactly-once. `coalesce` and `misfire_grace_time` make a restart after downtime run one
catch-up scan, not a backlog; a scan also runs at start.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from service import db

log = logging.getLogger("haven.scheduler")
JOB_DEFAULTS = {"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


async def scan_job(settings) -> None:
    from scheduler.scan import scan

    try:
        summary = await scan(_now(), settings)
        log.info("scan %s", summary)  # counts only: no child data
    except Exception as exc:  # a failed scan is retried at the next interval
        log.error("scan failed: %s", type(exc).__name__)


async def delivery_job(settings) -> None:
    from scheduler.delivery import deliver

    try:
        await deliver(_now(), settings)
    except Exception as exc:
        log.error("delivery failed: %s", type(exc).__name__)


async def digest_job(settings) -> None:
    from scheduler.delivery import send_digests

    try:
        await send_digests(_now(), settings)
    except Exception as exc:
        log.error("digest failed: %s", type(exc).__name__)


def build(settings) -> AsyncIOScheduler:
    sched = AsyncIOScheduler(timezone=dt.timezone.utc, job_defaults=JOB_DEFAULTS)
    sched.add_job(scan_job, IntervalTrigger(minutes=settings.scan_minutes), args=[settings], id="scan",
                  next_run_time=_now())  # the catch-up scan at start
    sched.add_job(delivery_job, IntervalTrigger(minutes=1), args=[settings], id="delivery")
    sched.add_job(digest_job, CronTrigger(hour=settings.digest_hour, minute=0, timezone=dt.timezone.utc),
                  args=[settings], id="digest")
    return sched


async def start(settings):
    """Start the schedule (inside the app's lifespan); returns an async function that stops it."""
    sched = build(settings)
    sched.start()

    async def stop():
        sched.shutdown(wait=False)

    return stop


async def run_forever(settings) -> None:
    """`haven worker`: the schedule alone, until interrupted."""
    await db.start()
    stop = await start(settings)
    try:
        await asyncio.Event().wait()
    finally:
        await stop()
        await db.stop()
