"""Each staff member's due work as an iCalendar feed (RFC 5545), at a secret URL.

The feed lists, for the children in the person's caseload (`access.caseload`), the next
check-in due, the next care-plan review and the next developmental check: therapists get the
developmental checks only, as they hold no visits or reviews. Due instants come from the stored
columns (`child.check_in_due_at`, `child.next_review_due`, kept by `care_plans.due_dates`) and
the check day from the same pure function the scan uses (`milestones.due.next_check_due`), over
one statement for all the person's children. Events carry the case number and a link to the
child's page, never a name: a calendar is synced to phones and shared more than Haven is.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid
from dataclasses import dataclass

from icalendar import Calendar, Event

from milestones.due import next_check_due
from scheduler.facts import _date, _instant, _uuid
from scheduler.tables import CalendarFeed
from service import access, db
from service.access import Actor
from service.accounts.services import actor_from_row
from service.audit.services import Where, record

KINDS = {"check_in": "Check-in due", "review": "Care-plan review due", "development": "Developmental check due"}
CHECK_IN_MINUTES = 30  # a visit shown as a half-hour slot ending at its due time


@dataclass(frozen=True)
class Due:
    child_id: uuid.UUID
    case_number: str
    kind: str
    at: dt.datetime | dt.date  # an instant (check-in) or a local day (reviews, checks)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


async def renew(where: Where) -> str:
    """A new secret for the caller's feed; the old URL stops working. Returns the secret."""
    secret = secrets.token_urlsafe(32)
    user_id, now = where.actor.id, where.now
    await CalendarFeed.insert(CalendarFeed(user=user_id, secret_digest=digest(secret), created_at=now)).on_conflict(
        target=CalendarFeed.user, action="DO UPDATE",
        values=[CalendarFeed.secret_digest, CalendarFeed.created_at, (CalendarFeed.revoked_at, None)])
    await record(where, "calendar.renew", "user", user_id)
    return secret


async def revoke(where: Where) -> bool:
    """Turn the caller's feed off; False when there was none on."""
    done = await CalendarFeed.update({CalendarFeed.revoked_at: where.now}).where(
        (CalendarFeed.user == where.actor.id) & CalendarFeed.revoked_at.is_null()).returning(CalendarFeed.id)
    if done:
        await record(where, "calendar.revoke", "user", where.actor.id)
    return bool(done)


async def state(user_id: str) -> dict | None:
    return await CalendarFeed.select(CalendarFeed.created_at, CalendarFeed.revoked_at).where(
        CalendarFeed.user == user_id).first()


async def owner(secret: str) -> Actor | None:
    """The active account whose live feed this secret opens, or None."""
    row = await CalendarFeed.select(CalendarFeed.user.id.as_alias("id"), CalendarFeed.user.username.as_alias("username"),
                                    CalendarFeed.user.role.as_alias("role"), CalendarFeed.user.team.as_alias("team")
                                    ).where((CalendarFeed.secret_digest == digest(secret)) & CalendarFeed.revoked_at.is_null()
                                            & (CalendarFeed.user.active == True)).first()  # noqa: E712
    return None if row is None else actor_from_row(row)


async def due_work(actor: Actor, today: dt.date) -> list[Due]:
    """The next due check-in, review and developmental check of each child in `actor`'s caseload."""
    load = access.caseload(actor)
    scope = {"caseworker": "c.caseworker = ?", "team": "c.team = ?",
             "care_team": 'c.id IN (SELECT child FROM care_team_member WHERE "user" = ?)'}.get(load.column)
    if scope is None:
        return []
    rows = await db.fetch(
        "SELECT c.id, c.case_number, c.check_in_due_at, c.next_review_due, c.birth_date, c.gestational_age_weeks, "
        "c.registered_at, (SELECT MAX(a.assessed_on) FROM assessment a WHERE a.child = c.id) AS last_on "
        f"FROM child c WHERE c.status = 'active' AND {scope} ORDER BY c.case_number", [_param(load.value)])
    kinds = ("development",) if actor.role == access.THERAPIST else tuple(KINDS)
    return [d for r in rows for d in _due(r, today) if d.kind in kinds]


def _param(value):
    return value if db.is_sqlite() else uuid.UUID(str(value))


def _due(r: dict, today: dt.date) -> list[Due]:
    cid, number = _uuid(r["id"]), r["case_number"]
    check = next_check_due(_date(r["birth_date"]), r["gestational_age_weeks"], _instant(r["registered_at"]),
                           _date(r["last_on"]), today)
    found = [Due(cid, number, "development", check)]
    if r["check_in_due_at"] is not None:
        found.append(Due(cid, number, "check_in", _instant(r["check_in_due_at"])))
    if r["next_review_due"] is not None:
        found.append(Due(cid, number, "review", _date(r["next_review_due"])))
    return found


def ical(items: list[Due], base_url: str, now: dt.datetime) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Haven//due work//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Haven: due work")
    for item in items:
        cal.add_component(_event(item, base_url.rstrip("/"), now))
    return cal.to_ical()


def _event(item: Due, base_url: str, now: dt.datetime) -> Event:
    link = f"{base_url}/children/{item.child_id}"
    event = Event()
    event.add("uid", f"{item.kind}-{item.child_id}@haven")
    event.add("dtstamp", now)
    event.add("summary", f"{KINDS[item.kind]}: {item.case_number}")
    event.add("description", f"{KINDS[item.kind]} for case {item.case_number}. Open the case: {link}")
    event.add("url", link)
    if isinstance(item.at, dt.datetime):
        event.add("dtstart", item.at - dt.timedelta(minutes=CHECK_IN_MINUTES))
        event.add("dtend", item.at)
    else:
        event.add("dtstart", item.at)
        event.add("dtend", item.at + dt.timedelta(days=1))
    return event
