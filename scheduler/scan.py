"""scan(now): every alert rule, as of `now`, for the children whose alerts could have changed.

A child is evaluated when its record changed since it was last evaluated (`child.changed`) or
when the instant at which any rule could next change its answer has come (`child_wake`); a
full scan (`full=True`) evaluates every child and must reach the same alerts. An idle rescan
finds no child to evaluate and writes nothing.

Children are taken in batches of `BATCH`. Each batch's facts are read without the write lock;
its risk, causes and alert changes are computed in memory; then one short write transaction
keeps only the children whose record did not change meanwhile (they stay marked and are
evaluated next time), re-reads their unresolved alerts under lock, and writes the differences:
alerts raised, updated, resolved and escalated, the outbox, risk levels, wake instants and the
cleared marks. The statements per batch are fixed, so a scan's cost is what changed.

Thousands of children due (a first scan, a full one) may be spread over processes, each running
`evaluate` over a part (`scheduler.spread`). SQLite has one writer: a lease keeps scans one at a
time. On PostgreSQL, scans in several instances share the work: each batch is claimed with
transaction-scoped advisory locks, and a child another scan holds is left to it.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import gc
import operator
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field

from care_plans.cadence import Cadence
from milestones.ages import age_on
from milestones.catalogue import LAST_CHECKPOINT
from scheduler import alerts, facts, lease, levels, notify, risk, rules, spread, wakes, weights
from service import clock, db, metrics

BATCH = 100  # children per batch: each write transaction stays short, so requests interleave


def wall_clock() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


@dataclass
class Totals:
    children: int = 0
    raised: int = 0
    updated: int = 0
    resolved: int = 0
    escalated: int = 0
    notifications: int = 0
    deferred: int = 0  # changed while being evaluated: evaluated again next time
    longest_write: float = 0.0  # seconds: the longest batch's write transaction
    changes: Counter = field(default_factory=Counter)  # (kind, raised|updated|resolved) -> alerts

    def add(self, other: "Totals") -> None:
        for name, value in other.__dict__.items():
            combine = max if name == "longest_write" else operator.add
            setattr(self, name, combine(getattr(self, name), value))

    def summary(self) -> dict:
        counts = {k: v for k, v in self.__dict__.items() if k not in ("changes", "longest_write")}
        return {**counts, "longest_write_ms": round(self.longest_write * 1000, 1)}


@dataclass
class Settled:
    """What the scan settles for each child of a batch before writing."""

    judged: dict = field(default_factory=dict)  # child id -> rules.Judged
    causes: list = field(default_factory=list)
    wake: dict = field(default_factory=dict)  # child id -> next wake instant (or None)

    def only(self, kept: dict) -> "Settled":
        return Settled({c: j for c, j in self.judged.items() if c in kept},
                       [c for c in self.causes if c.child_id in kept],
                       {c: w for c, w in self.wake.items() if c in kept})


async def scan(now: dt.datetime, settings, full: bool = False, on_batch=None) -> dict:
    """Evaluate what is due as of `now`; an idle scan reads two indexes and writes nothing
    (not even the lease, which is taken only when there is work). `on_batch(done, total)`
    hears of each batch evaluated (for a progress bar)."""
    async with db.reading(inline=False):
        due = await wakes.due_children(now, full)
    if not due:
        return {"at": now.isoformat(), "full": full, **Totals().summary()}
    holder = uuid.uuid4().hex
    if db.is_sqlite() and not await lease.take(holder, wall_clock(), settings):
        return {"at": now.isoformat(), "skipped": "another scan is running"}

    renewed = wall_clock()

    async def renew() -> None:
        nonlocal renewed
        if db.is_sqlite() and wall_clock() - renewed >= lease.renew_every(settings):
            renewed = wall_clock()
            await lease.renew(holder, renewed, settings)

    try:
        async with db.reading(inline=False):  # again, now that this scan holds the lease
            due = await wakes.due_children(now, full)
        on_batch = on_batch or (lambda done, total: None)
        if spread.worth_it(len(due), settings):
            totals = await spread.run(due, now, settings, full, renew, on_batch)
        else:
            totals = await evaluate(due, now, settings, full, renew, on_batch)
    finally:
        if db.is_sqlite():
            await lease.release(holder)
    for (kind, change), count in totals.changes.items():
        metrics.alerts_changed(kind, change, count)
    return {"at": now.isoformat(), "full": full, **totals.summary()}


async def evaluate(due: list, now: dt.datetime, settings, full: bool, renew, on_batch,
                   turn=contextlib.nullcontext) -> Totals:
    """The children `due`, batch by batch, in this process. `turn()` is entered for each
    batch's write and each checkpoint (the processes of a spread scan take turns there)."""
    async with db.reading(inline=False):
        table, supervisors = await weights.current(), await facts.supervisors()
    ctx = rules.Context(now, Cadence.from_settings(settings), settings.check_in_grace_days,
                        settings.missing_national_body.strip())
    windows, totals = alerts.Windows.from_settings(settings), Totals()
    checkpoints = _Checkpoints(turn)
    with clock.pinned():  # every rule asks the zone, many times a child
        for start in range(0, len(due), BATCH):
            await renew()
            await _batch(due[start:start + BATCH], ctx, table, windows, settings, totals, full, supervisors,
                         checkpoints.before_write)
            checkpoints.start()
            on_batch(min(start + BATCH, len(due)), len(due))
    await checkpoints.last()
    return totals


async def _batch(ids: list, ctx, table: dict, windows, settings, totals: Totals, full: bool,
                 supervisors: dict, turn) -> None:
    async with db.reading(inline=False):
        await _settings_for_batch()
        found = await facts.load(ids)
    # Computed holding no lock, in a worker thread: a scan inside `haven serve` leaves the
    # event loop free to answer requests meanwhile.
    settled = await asyncio.to_thread(settle, found, ctx, table)
    # A batch lost to a crash is lost whole, its children's marks with it: the next scan
    # evaluates them again, so its commit need not wait for the disk.
    with _collector_waits():
        async with turn(), db.writing(durable=False):
            started = time.perf_counter()
            if not db.is_sqlite():
                await _settings_for_batch()
                # Claimed until the batch commits; a child another scan holds, or has just
                # evaluated, is left to it.
                claimed = set(await wakes.claim(list(found), ctx.now, full))
                found = {cid: f for cid, f in found.items() if cid in claimed}
            await _write(found, settled, ctx, windows, settings, totals, supervisors)
        totals.longest_write = max(totals.longest_write, time.perf_counter() - started)


class _Checkpoints:
    """SQLite's WAL copied back into the database beside the batches, holding nobody back: not
    inside a batch's commit (where the commit's own would run once the WAL passed its size),
    and not while any of the scan's batches writes: a checkpoint's syncs held commits up to
    70 ms, so it takes the scan's turn at the writer as a batch does (in a scan spread over two
    processes, the longest batch write at 100,000 children 55-75 ms with another process's
    checkpoints running beside it, 38-43 ms without; the scan a tenth slower). A batch then
    takes its turn among the scan's processes and lets people's writes go first."""

    def __init__(self, turn):
        self._running, self._turn = None, turn

    def start(self) -> None:
        if self._running is None and db.checkpoint_due():
            self._running = asyncio.ensure_future(self._copy_back())

    async def _copy_back(self) -> None:
        async with self._turn():
            await db.checkpoint()

    async def finished(self) -> None:
        running, self._running = self._running, None
        if running is not None:
            await running  # a failed checkpoint fails the scan, as any statement would

    async def last(self) -> None:
        """What the scan wrote, copied back before it ends: left in the WAL, it would fall to
        the next person's commit."""
        await self.finished()
        async with self._turn():
            await db.checkpoint(db.DEFAULT_CHECKPOINT_PAGES)

    @contextlib.asynccontextmanager
    async def before_write(self):
        await self.finished()
        async with self._turn():
            await db.after_peoples_writes()
            yield


@contextlib.contextmanager
def _collector_waits():
    """The cyclic garbage collector's full passes took up to 270 ms in a scan of 100,000
    children; one inside a batch's write held every other writer back as long. Reference
    counting still frees the batch's objects; the collector runs once the batch commits."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


async def _settings_for_batch() -> None:
    """PostgreSQL, for this transaction only.

    Every statement of a batch names its hundred children, but the planner, costing random
    reads as if from disk (and, during a first scan, knowing the alert table from before it
    filled), chose to read whole tables and hash them (14 ms a batch at 10,000 children,
    growing with the caseload) over index scans (under 2 ms)."""
    if not db.is_sqlite():
        await db.fetch("SELECT set_config('enable_seqscan', 'off', true)")


async def _write(found: dict, settled: "Settled", ctx, windows, settings, totals: Totals,
                 supervisors: dict) -> None:
    """Under the write lock: keep the children that did not change since they were read, and
    write what differs for them. `supervisors`: team -> its supervisors, read once a scan."""
    current = await wakes.lock_revisions(list(found))
    found = {cid: f for cid, f in found.items() if current[cid]["revision"] == f.revision}
    totals.deferred += len(current) - len(found)
    settled = settled.only(found)
    existing = [_with_child_facts(a, settled.judged, ctx.now) for a in await alerts.unresolved(list(found))]
    plan = alerts.reconcile(settled.causes, existing, set(rules.KINDS), ctx.now, windows)
    await alerts.write(plan)
    queued = await notify.queue(plan.notices(), ctx.now, settings, found, supervisors)
    moved = await _write_risk(settled, found, ctx.now)
    await wakes.keep(current, found, _with_escalations(settled.wake, plan, existing, windows), moved, ctx.now)
    _count(totals, found, plan, queued)


def settle(found: dict, ctx: rules.Context, table: dict) -> Settled:
    """Risk, causes and the next wake instant of each child: pure, in memory."""
    settled = Settled()
    for cid, f in found.items():
        judged = _judge(f, ctx, table)
        causes, wake = rules.evaluate(judged, ctx)
        settled.judged[cid] = judged
        settled.causes.extend(causes)
        settled.wake[cid] = _earliest(wake, risk.changes_after(f, ctx.now)
                                      if f.status == "active" else None)
    return settled


def _judge(f, ctx: rules.Context, table: dict) -> rules.Judged:
    assessed = risk.assess(f, table, ctx.now, ctx.cadence, ctx.grace_days)
    before = f.risk_state
    since = before["since"] if before and before["level"] == assessed.level else ctx.now
    periods = levels.periods(f, assessed.level, since, ctx.cadence, ctx.now)  # the interval follows the level
    return rules.Judged(f, assessed.level, assessed.score, since, periods.first_due, periods)


def _with_child_facts(alert: dict, judged: dict, now: dt.datetime) -> dict:
    """Resolution notes say why a cause went, from the child's facts as now settled."""
    j = judged[alert["child"]]
    f = j.facts
    return {**alert, "child_status": f.status, "child_sex": f.sex, "child_last_seen_at": f.last_seen_at,
            "child_check_in_due_at": j.check_in_due_at, "child_next_review_due": f.next_review_due,
            "child_risk_level": j.level, "child_missing": rules.is_missing(f, now),
            "child_last_assessed_on": f.last_assessed_on,
            "child_past_checklists": age_on(f.birth_date, f.gestational_age_weeks, clock.today(now)).used_months
            > LAST_CHECKPOINT}


def _with_escalations(wake: dict, plan: alerts.Plan, existing: list, windows) -> dict:
    """An open alert waiting for acknowledgement wakes its child when its window ends."""
    latest = {str(a["id"]): a for a in existing}
    latest.update({str(c.row["id"]): c.row for c in plan.raised + plan.updated + plan.resolved})
    found = dict(wake)
    for row in latest.values():
        found[row["child"]] = _earliest(found.get(row["child"]), alerts.next_escalation(row, windows))
    return found


async def _write_risk(settled: Settled, found: dict, now: dt.datetime) -> dict:
    """Risk states and level history; the children whose level or check-in due time moved,
    with the new ones (written with their marks, `wakes.keep`)."""
    states, moved, history = [], {}, []
    for cid, j in settled.judged.items():
        f, before = found[cid], found[cid].risk_state
        if before is None or (before["level"], before["score"], before["since"]) != (j.level, j.score, j.since):
            states.append((cid, j.level, j.score, j.since, now))
        if (j.level, j.check_in_due_at) != (f.risk_level, f.check_in_due_at):
            moved[cid] = (j.level, j.check_in_due_at)
        if levels.changed(f, j.level):
            history.append((cid, j.level, j.since))
    await db.insert_rows("risk_state", ("child", "level", "score", "since", "computed_at"), states,
                         "ON CONFLICT (child) DO UPDATE SET level = excluded.level, score = excluded.score, "
                         "since = excluded.since, computed_at = excluded.computed_at")
    await db.insert_rows("risk_level_history", ("child", "level", "since"), history,
                         "ON CONFLICT (child, since) DO NOTHING")
    return moved


def _earliest(*instants):
    return min((i for i in instants if i is not None), default=None)


def _count(totals: Totals, found: dict, plan: alerts.Plan, queued: int) -> None:
    totals.children += len(found)
    totals.raised += len(plan.raised)
    totals.updated += len(plan.updated)
    totals.resolved += len(plan.resolved)
    totals.escalated += plan.escalated
    totals.notifications += queued
    for change, made in (("raised", plan.raised), ("updated", plan.updated), ("resolved", plan.resolved)):
        totals.changes.update((c.row.get("kind", "unknown"), change) for c in made)
