"""Which children a scan evaluates, and when each is to be looked at again.

`child.changed` is set (and `child.revision` bumped) by every write to a child's case or
development; `child_wake.wake_at` is the next instant at which any rule could change the
child's alerts without a write. A scan evaluates the children marked changed or whose instant
has come; evaluating one clears its mark and keeps its next instant, writing only what differs.
"""

from __future__ import annotations

import datetime as dt

from scheduler.facts import _instant, _uuid
from service import db

CLAIM_LOCK = 4801  # the advisory-lock namespace of scan claims on PostgreSQL


async def due_children(now: dt.datetime, full: bool) -> list:
    """The ids to evaluate, in order (two index lookups; every child when `full`)."""
    if full:
        rows = await db.fetch("SELECT id FROM child")
    else:
        rows = await db.fetch("SELECT id FROM child WHERE changed = true "
                              "UNION SELECT child AS id FROM child_wake WHERE wake_at <= ?", [now])
    return sorted(_uuid(r["id"]) for r in rows)


async def claim(ids: list, now: dt.datetime, full: bool) -> list:
    """PostgreSQL: the children of this batch that no other scan holds and that are still due
    (another scan may have just evaluated them). The locks end with the transaction."""
    held = await db.fetch(f"SELECT id FROM unnest(?::uuid[]) AS t(id) "
                          f"WHERE pg_try_advisory_xact_lock({CLAIM_LOCK}, hashtext(id::text))", [ids])
    held_ids = [r["id"] for r in held]
    if full or not held_ids:
        return held_ids
    rows = await db.fetch("SELECT c.id FROM child c LEFT JOIN child_wake w ON w.child = c.id "
                          f"WHERE c.id IN ({db.placeholders(len(held_ids))}) AND (c.changed = true OR w.wake_at <= ?)",
                          [*held_ids, now])
    return [r["id"] for r in rows]


async def lock_revisions(ids: list) -> dict:
    """Each child's revision, change mark and wake instant as they stand now, held until the
    batch commits (on SQLite the immediate transaction already holds everything)."""
    if not ids:
        return {}
    sql = ("SELECT c.id, c.revision, c.changed, w.wake_at FROM child c LEFT JOIN child_wake w ON w.child = c.id "
           f"WHERE c.id IN ({db.placeholders(len(ids))}) ORDER BY c.id")
    rows = await db.fetch(sql if db.is_sqlite() else sql + " FOR UPDATE OF c", ids)
    return {_uuid(r["id"]): {"revision": r["revision"], "changed": bool(r["changed"]),
                             "wake_at": _instant(r["wake_at"])} for r in rows}


async def keep(current: dict, found: dict, wake: dict, moved: dict, now: dt.datetime) -> None:
    """Clear the marks of the children evaluated, keep their next instants, and the risk level
    and check-in due time of those `moved` ({id: (level, due)}): only what changed, and each
    child row updated once (a second update of a row in one transaction writes it, and on
    PostgreSQL every index over it, again)."""
    woken = [(cid, wake.get(cid)) for cid in found if current[cid]["wake_at"] != wake.get(cid)]
    await db.insert_rows("child_wake", ("child", "wake_at"), woken,
                         "ON CONFLICT (child) DO UPDATE SET wake_at = excluded.wake_at")
    rows = [(cid, *moved[cid], now) if cid in moved else (cid, None, None, None)
            for cid in found if cid in moved or current[cid]["changed"]]
    if not rows:
        return
    if db.is_sqlite():  # one prepared statement, stepped in C
        await db.execute_many("UPDATE child SET risk_level = COALESCE(?, risk_level), check_in_due_at = "
                              "COALESCE(?, check_in_due_at), updated_at = COALESCE(?, updated_at), "
                              "changed = false WHERE id = ?", [(*rest, cid) for cid, *rest in rows])
        return
    # PostgreSQL runs each statement of a batch on its own: one statement for them all.
    ids, levels, dues, ats = (list(column) for column in zip(*rows))
    await db.fetch("UPDATE child AS c SET risk_level = COALESCE(v.level, c.risk_level), "
                   "check_in_due_at = COALESCE(v.due, c.check_in_due_at), updated_at = COALESCE(v.at, c.updated_at), "
                   "changed = false FROM unnest(?::uuid[], ?::text[], ?::timestamptz[], ?::timestamptz[]) "
                   "AS v(id, level, due, at) WHERE c.id = v.id", [ids, levels, dues, ats])
