"""Slowing down password guessing, with the count kept in the database so that every instance
behind a load balancer sees the same one.

Two counters: one per account (`account:NAME`), cleared by a successful sign-in, and one per
client address (`address:IP`), which a success does not clear (an attacker with one account of
their own could otherwise reset it). After `allowed` failures in a row the next attempt must
wait, twice as long after each further failure, up to `MAX_DELAY`. A counter left alone for
`FORGET_AFTER` starts again. While a wait lasts no password is checked at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from service.accounts.tables import SignInFailure

MAX_DELAY = dt.timedelta(hours=1)
FORGET_AFTER = dt.timedelta(hours=1)


@dataclass(frozen=True)
class Policy:
    account_failures: int
    address_failures: int
    first_delay: dt.timedelta


def keys(username: str, address: str) -> tuple[str, str]:
    return f"account:{username.strip().casefold()[:100]}", f"address:{address[:100]}"


def delay(over: int, first: dt.timedelta) -> dt.timedelta:
    """The wait after the `over`-th failure beyond those allowed (0 for the first)."""
    return min(first * (2 ** min(over, 20)), MAX_DELAY)


async def wait_left(username: str, address: str, now: dt.datetime) -> dt.timedelta | None:
    """How long before this account may be tried from this address again, if at all."""
    rows = await SignInFailure.select(SignInFailure.blocked_until).where(
        SignInFailure.key.is_in(list(keys(username, address))) & (SignInFailure.blocked_until > now))
    return max((r["blocked_until"] - now for r in rows), default=None)


async def failed(username: str, address: str, now: dt.datetime, policy: Policy) -> None:
    account, place = keys(username, address)
    await _count(account, now, policy.account_failures, policy.first_delay)
    await _count(place, now, policy.address_failures, policy.first_delay)


async def succeeded(username: str) -> None:
    account, _ = keys(username, "")
    await SignInFailure.delete().where(SignInFailure.key == account)


async def _count(key: str, now: dt.datetime, allowed: int, first: dt.timedelta) -> None:
    await SignInFailure.insert(SignInFailure(key=key, failures=0, last_failure_at=now)).on_conflict(
        target=SignInFailure.key, action="DO NOTHING")
    row = await SignInFailure.select().where(SignInFailure.key == key).first()
    failures = 1 if now - row["last_failure_at"] > FORGET_AFTER else row["failures"] + 1
    blocked = now + delay(failures - allowed, first) if failures >= allowed else None
    await SignInFailure.update({SignInFailure.failures: failures, SignInFailure.last_failure_at: now,
                                SignInFailure.blocked_until: blocked}).where(SignInFailure.key == key)
