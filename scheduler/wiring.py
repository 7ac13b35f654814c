"""APScheduler wiring: the periodic scan inside `haven serve`, and `haven worker`.

Every instance may run these jobs: the scan lease and the outbox's claims keep the work
exactly-once. `coalesce` and `misfire_grace_time` make a restart after downtime run one
catch-up scan, not a backlog; a scan also runs at start.
"""

from __future__ import annotations

import asyncio
import functools
import datetime as dt
import logging
import signal
import time

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from scheduler import health
from service import db, metrics

log = logging.getLogger("haven.scheduler")
JOB_DEFAULTS = {"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600}
# The digest job runs all day, not once at the digest hour: a run that meets the SMTP server
# down, or a process started after the hour, still sends that day's digest (once: it is claimed).
DIGEST_EVERY_MINUTES = 15


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


async def scan_job(settings) -> None:
    from scheduler.scan import scan

    started = time.perf_counter()
    try:
        summary = await scan(_now(), settings)
        log.info("scan %s", summary)  # counts only: no child data
    except Exception as exc:  # a failed scan is retried at the next interval
        log.error("scan failed: %s", type(exc).__name__)
        metrics.scan_finished(time.perf_counter() - started, "failed")
        return
    health.scan_succeeded(_now())
    metrics.scan_finished(time.perf_counter() - started, "skipped" if "skipped" in summary else "ok")


async def delivery_job(settings) -> None:
    from scheduler.delivery import deliver
    from scheduler.notice_mail import deliver_notices

    for send in (deliver, deliver_notices):
        try:
            await send(_now(), settings)
        except Exception as exc:
            log.error("delivery failed: %s", type(exc).__name__)


async def digest_job(settings) -> None:
    from scheduler.delivery import send_digests

    try:
        await send_digests(_now(), settings)
    except Exception as exc:
        log.error("digest failed: %s", type(exc).__name__)


def build(settings, running: set | None = None) -> AsyncIOScheduler:
    """The schedule; each job's task is kept in `running` while it runs."""
    running = set() if running is None else running
    sched = AsyncIOScheduler(timezone=dt.timezone.utc, job_defaults=JOB_DEFAULTS)
    sched.add_job(_tracked(running, scan_job), IntervalTrigger(minutes=settings.scan_minutes),
                  args=[settings], id="scan", next_run_time=_now())  # the catch-up scan at start
    sched.add_job(_tracked(running, delivery_job), IntervalTrigger(minutes=1), args=[settings], id="delivery")
    sched.add_job(_tracked(running, digest_job), IntervalTrigger(minutes=DIGEST_EVERY_MINUTES),
                  args=[settings], id="digest")
    return sched


def _tracked(running: set, job):
    async def run(settings) -> None:
        task = asyncio.current_task()
        running.add(task)
        try:
            await job(settings)
        finally:
            running.discard(task)

    return functools.wraps(job)(run)


async def start(settings):
    """Start the schedule (inside the app's lifespan); returns an async function that stops it."""
    running: set = set()
    health.started(_now())
    sched = build(settings, running)
    sched.start()

    async def stop():
        sched.shutdown(wait=False)
        # A scan in progress commits and gives back its lease before the database closes.
        await asyncio.gather(*running, return_exceptions=True)

    return stop


async def run_forever(settings) -> None:
    """`haven worker`: the schedule alone, until SIGTERM (a service manager) or SIGINT (Ctrl-C)."""
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stopping.set)
    await db.start()
    stop = await start(settings)
    try:
        await stopping.wait()
    finally:
        await stop()
        await db.stop()
