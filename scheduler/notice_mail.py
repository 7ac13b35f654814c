"""Emailing supervisors' notices (new team members, role changes, break-glass reads) through
the same `Email` channel as alerts, with the same claim-then-send discipline: a row is claimed
with a conditional update before it is sent, so two delivery jobs never send it twice, and a
failure is retried with the alerts' backoff."""

from __future__ import annotations

import datetime as dt

from scheduler.delivery import STALE_CLAIM, Email, Message, backoff
from service.accounts.tables import AccountNotice

BATCH = 100


async def deliver_notices(now: dt.datetime, settings, limit: int = BATCH) -> dict:
    if not settings.smtp_host:
        return {"sent": 0, "failed": 0}  # kept in the inbox; emailed once email is set up
    sent = failed = 0
    for row in await _due(now, limit):
        if not await _claim(row["id"], now):
            continue
        try:
            await Email(settings).send(_message(row, settings))
        except Exception:  # kept for a later attempt; the error's text is not stored
            attempts = row["email_attempts"] + 1
            await AccountNotice.update({
                AccountNotice.email_claimed_at: None, AccountNotice.email_attempts: attempts,
                AccountNotice.email_next_at: now + backoff(attempts),
            }).where(AccountNotice.id == row["id"])
            failed += 1
        else:
            await AccountNotice.update({AccountNotice.email_sent_at: now}).where(AccountNotice.id == row["id"])
            sent += 1
    return {"sent": sent, "failed": failed}


def _unclaimed(now: dt.datetime):
    return AccountNotice.email_claimed_at.is_null() | (AccountNotice.email_claimed_at < now - STALE_CLAIM)


async def _due(now: dt.datetime, limit: int) -> list[dict]:
    return await AccountNotice.select(
        AccountNotice.id, AccountNotice.text, AccountNotice.link, AccountNotice.email_attempts,
        AccountNotice.recipient.email.as_alias("to"),
    ).where(
        AccountNotice.email_sent_at.is_null() & (AccountNotice.email_next_at <= now) & _unclaimed(now)
    ).order_by(AccountNotice.created_at).limit(limit)


async def _claim(notice_id, now: dt.datetime) -> bool:
    taken = await AccountNotice.update({AccountNotice.email_claimed_at: now}).where(
        (AccountNotice.id == notice_id) & AccountNotice.email_sent_at.is_null() & _unclaimed(now)
    ).returning(AccountNotice.id)
    return len(taken) == 1


def _message(row: dict, settings) -> Message:
    base = settings.base_url.rstrip("/")
    link = base + (row["link"] or "/inbox")
    body = f"{row['text']}\n\nSee it in Haven: {link}\n"
    return Message(row["to"] or "", "Haven: a change in your team", body)
