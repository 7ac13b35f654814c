"""The calendar feed: the secret URL a calendar app reads, and the API and account page where
each person turns theirs on (or renews it) and off.

The feed URL is public (a calendar app sends no sign-in): the secret in it is the credential.
An unknown, renewed-away or revoked secret is a 404 like any other. Each reading is audited
as the feed's owner reading each child listed, as listing a caseload is.
"""

from __future__ import annotations

from litestar import Request, Response, delete, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT

from scheduler import calendar
from scheduler.schemas import CalendarFeedOut
from service import clock, db
from service.access import ROLES_ALL
from service.audit.services import Where, record_reads
from service.web import PUBLIC, allow, client_address, utcnow, where

MEDIA_TYPE = "text/calendar; charset=utf-8"
SUFFIX = ".ics"


@get("/calendar/{name:str}", opt=PUBLIC, operation_id="calendarFeed", media_type=MEDIA_TYPE, include_in_schema=False)
async def calendar_feed(request: Request, name: FromPath[str]) -> Response[bytes]:
    now = utcnow()
    async with db.reading():
        owner = await calendar.owner(name.removesuffix(SUFFIX))
        if owner is None:
            raise NotFoundException()
        items = await calendar.due_work(owner, clock.today(now))
    await record_reads(Where(owner, client_address(request.scope), now), "calendar.read", "child",
                       sorted({str(i.child_id) for i in items}))
    return Response(calendar.ical(items, request.app.state.settings.base_url, now), media_type=MEDIA_TYPE)


def feed_url(request: Request, secret: str) -> str:
    return f"{request.app.state.settings.base_url.rstrip('/')}/calendar/{secret}{SUFFIX}"


@get("/api/v1/me/calendar", guards=[allow(*ROLES_ALL)], operation_id="getCalendarFeed", tags=["auth"])
async def get_calendar(request: Request) -> CalendarFeedOut:
    """Whether your calendar feed is on. The URL itself was shown once, when made."""
    async with db.reading():
        row = await calendar.state(request.user.id)
    return _out(row)


@post("/api/v1/me/calendar", guards=[allow(*ROLES_ALL)], status_code=HTTP_201_CREATED,
      operation_id="renewCalendarFeed", tags=["auth"])
async def renew_calendar(request: Request) -> CalendarFeedOut:
    """A new secret URL for your feed of due work; any earlier URL stops working."""
    async with db.writing():
        secret = await calendar.renew(where(request))
        row = await calendar.state(request.user.id)
    return CalendarFeedOut(active=True, created_at=row["created_at"], url=feed_url(request, secret))


@delete("/api/v1/me/calendar", guards=[allow(*ROLES_ALL)], status_code=HTTP_204_NO_CONTENT,
        operation_id="revokeCalendarFeed", tags=["auth"])
async def revoke_calendar(request: Request) -> None:
    """Turn your feed off: its URL answers 404 from now on."""
    async with db.writing():
        await calendar.revoke(where(request))


@get("/account/calendar", guards=[allow(*ROLES_ALL)], operation_id="calendarPage", include_in_schema=False)
async def calendar_page(request: Request) -> Template:
    async with db.reading():
        row = await calendar.state(request.user.id)
    return Template("accounts/calendar.html", context={"feed": _out(row), "url": None})


@post("/account/calendar", guards=[allow(*ROLES_ALL)], operation_id="calendarSubmit", include_in_schema=False)
async def calendar_submit(request: Request) -> Template | Redirect:
    action = str((await request.form()).get("action", ""))
    async with db.writing():
        if action == "revoke":
            await calendar.revoke(where(request))
        secret = await calendar.renew(where(request)) if action == "renew" else None
        row = await calendar.state(request.user.id)
    url = feed_url(request, secret) if secret else None
    return Template("accounts/calendar.html", context={"feed": _out(row), "url": url})


def _out(row: dict | None) -> CalendarFeedOut:
    if row is None:
        return CalendarFeedOut(active=False)
    return CalendarFeedOut(active=row["revoked_at"] is None, created_at=row["created_at"], revoked_at=row["revoked_at"])


ROUTES = [get_calendar, renew_calendar, revoke_calendar]
PAGES = [calendar_feed, calendar_page, calendar_submit]
