"""Writing and reading the audit trail.

`record` runs inside the caller's transaction, so an entry exists exactly when the change it
describes was committed. Names and notes never go into the trail: only ids and actions.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from service.access import Actor
from service.audit.tables import AuditEntry


@dataclass(frozen=True)
class Where:
    """Who did it and from where: carried from the edge of a request into the service."""

    actor: Actor
    source: str
    now: dt.datetime
    reason: str | None = None


def _row(where: Where, action: str, record_type: str, record_id: str, child_id: str | None):
    return AuditEntry(
        id=uuid.uuid4(),
        at=where.now,
        actor=where.actor.username,
        actor_role=where.actor.role,
        action=action,
        record_type=record_type,
        record_id=str(record_id),
        child_id=None if child_id is None else str(child_id),
        source=where.source[:64],
        reason=where.reason,
    )


async def record(
    where: Where, action: str, record_type: str, record_id, child_id=None
) -> None:
    await AuditEntry.insert(_row(where, action, record_type, record_id, child_id))


async def record_many(where: Where, action: str, record_type: str, ids: list) -> None:
    """One entry per child in a single insert: listing a caseload reads every child in it."""
    if ids:
        await AuditEntry.insert(*[_row(where, action, record_type, i, i) for i in ids])


async def entries(child_ids: list[str] | None, limit: int = 500):
    """Newest first; `child_ids` narrows to those children, None means the whole trail."""
    query = AuditEntry.select().order_by(AuditEntry.at, ascending=False).limit(limit)
    if child_ids is not None:
        query = query.where(AuditEntry.child_id.is_in(child_ids or ["-"]))
    return await query
