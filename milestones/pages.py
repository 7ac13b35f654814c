"""Development pages: the assessment form and the development part of a child's page."""

from __future__ import annotations

import datetime as dt

from service import access


async def child_section(actor: access.Actor, cid, scope: access.ChildScope, at, now: dt.datetime,
                        settings) -> dict:
    """The development part of a child's page (summary, chart, table), audited as read."""
    return {}


PAGES: list = []
