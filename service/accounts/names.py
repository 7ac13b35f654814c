"""Staff as pages name them: by their full name, the username only where it is the point (the
admin's list of accounts, signing in).

A full name is set when the account is made and never changes, so each instance keeps every
name in memory and learns a new account's as it makes it. A username not yet known (an account
made on another instance) shows as itself and has the names read again before the next page,
at most once per `RELOAD`, so a page never waits on more than one small read.
"""

from __future__ import annotations

import datetime as dt

from service.accounts.tables import User

RELOAD = dt.timedelta(seconds=30)
_known: dict[str, str] = {}
_state: dict = {"read_at": None, "missed": True}


def name_of(username) -> str:
    """The person's full name, or the username while it is not known here."""
    if not username:
        return "—"
    name = _known.get(username)
    if name is None:
        _state["missed"] = True
        return str(username)
    return name


def learn(username: str, full_name: str) -> None:
    _known[username] = full_name or username


async def refresh(now: dt.datetime) -> None:
    """Read every name again if one was missed, and the last read is old enough."""
    read_at = _state["read_at"]
    if not _state["missed"] or (read_at is not None and now - read_at < RELOAD):
        return
    rows = await User.select(User.username, User.full_name)
    _known.clear()
    _known.update({r["username"]: r["full_name"] or r["username"] for r in rows})
    _state.update(read_at=now, missed=False)
