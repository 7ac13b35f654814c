"""Delivering queued notifications through one `Channel` interface: in-app and email.

The delivery job claims each due outbox row with a conditional update (`… WHERE id = ? AND
claimed_at IS NULL`, checking the row count), sends, and marks it sent. A failure puts the row
back with its attempts counted and the next attempt after an exponential backoff, so nothing is
lost and nothing is sent twice. Emails carry the case number, the alert and a link; never a
child's name or notes, and neither do the errors kept.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import smtplib
import uuid
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

import jinja2

from scheduler import reason_words  # noqa: F401 (registers the patterns the alerts' reasons are said by)
from scheduler.rules import SEVERITIES, rank
from scheduler.tables import Alert, DigestSent, Notification
from service import clock, i18n
from service.i18n import N_, gettext
from templates import filters
from service.access import SUPERVISOR
from service.accounts.tables import User

TEMPLATES = Path(__file__).resolve().parents[1] / "templates" / "emails"
STALE_CLAIM = dt.timedelta(minutes=10)  # a sender that crashed mid-send: the row is taken again
MAX_BACKOFF = dt.timedelta(hours=6)
BATCH = 100
DIGEST_LISTS = 25  # alerts a digest names one by one; the rest are counted, and all are in the inbox
KIND_LABELS = {
    "missed_check_in": N_("check-in missed"), "overdue_review": N_("care plan review overdue"),
    "placement_change": N_("placement change"), "missing_from_care": N_("missing from care"),
    "assessment_due": N_("developmental check due"), "developmental_concern": N_("developmental concern"),
    "risk_escalation": N_("risk level raised"), "referral_stalled": N_("referral waiting"),
    "task_overdue": N_("task overdue"),
}
EVENT_LINES = {"raised": N_("a new alert"), "escalated": N_("an alert has escalated"),
               "resolved": N_("an alert is resolved")}
EVENT_SUBJECTS = {"escalated": N_("Escalated: %(subject)s"), "resolved": N_("Resolved: %(subject)s")}
CASE_CLOSED = N_("The case is closed.")
_env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=False, keep_trailing_newline=True)
filters.speak(_env)
_env.filters["words"] = filters.words
_env.filters["said"] = filters.said  # the alert's reasons, kept in English, said in the recipient's language


@dataclass(frozen=True)
class Message:
    to: str
    subject: str
    body: str


class Channel:
    """Sends one message; raises on failure (the row is retried later)."""

    name = ""

    async def send(self, message: Message) -> None:
        raise NotImplementedError


class InApp(Channel):
    """In-app notifications are the outbox rows themselves, read by the inbox: sending marks
    them delivered."""

    name = "inapp"

    async def send(self, message: Message) -> None:
        return None


class Email(Channel):
    name = "email"

    def __init__(self, settings):
        self.settings = settings

    async def send(self, message: Message) -> None:
        if not self.settings.smtp_host or not message.to:
            raise RuntimeError("email is not configured")
        await asyncio.to_thread(self._send, message)

    def _send(self, message: Message) -> None:
        s = self.settings
        mail = EmailMessage()
        mail["From"], mail["To"], mail["Subject"] = s.smtp_from, message.to, message.subject
        mail.set_content(message.body)
        with smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=20) as smtp:
            if s.smtp_starttls:
                smtp.starttls()
            if s.smtp_user:
                smtp.login(s.smtp_user, s.smtp_password)
            smtp.send_message(mail)


def channels(settings) -> dict[str, Channel]:
    return {"inapp": InApp(), "email": Email(settings)}


def backoff(attempts: int) -> dt.timedelta:
    """1, 2, 4, 8 … minutes after each failure, at most six hours."""
    return min(dt.timedelta(minutes=2 ** max(0, attempts - 1)), MAX_BACKOFF)


async def deliver(now: dt.datetime, settings, limit: int = BATCH) -> dict:
    """Send every due notification once; returns how many were sent and how many failed."""
    sent = failed = 0
    by_name = channels(settings)
    for row in await _due(now, limit):
        if not await _claim(row["id"], now):
            continue
        try:
            await by_name[row["channel"]].send(_message(row, settings))
        except Exception as exc:  # any failure: keep the row for a later attempt
            await _retry(row, now, exc)
            failed += 1
        else:
            await Notification.update({Notification.sent_at: now}).where(Notification.id == row["id"])
            sent += 1
    return {"sent": sent, "failed": failed}


async def _due(now: dt.datetime, limit: int) -> list[dict]:
    return await Notification.select(
        Notification.id, Notification.channel, Notification.event, Notification.attempts,
        Notification.recipient.email.as_alias("to"), Notification.recipient.language.as_alias("language"),
        Notification.alert.kind.as_alias("kind"),
        Notification.alert.severity.as_alias("severity"), Notification.alert.reasons.as_alias("reasons"),
        Notification.alert.child.case_number.as_alias("case_number"),
        Notification.alert.child.as_alias("child_id"), Notification.alert.resolved_note.as_alias("resolved_note"),
        Notification.alert.resolved_by.as_alias("resolved_by"),
        Notification.alert.child.status.as_alias("child_status"),
    ).where(
        Notification.sent_at.is_null() & (Notification.next_attempt_at <= now)
        & (Notification.claimed_at.is_null() | (Notification.claimed_at < now - STALE_CLAIM))
    ).order_by(Notification.created_at).limit(limit).output(load_json=True)


async def _claim(notification_id, now: dt.datetime) -> bool:
    taken = await Notification.update({Notification.claimed_at: now}).where(
        (Notification.id == notification_id) & Notification.sent_at.is_null()
        & (Notification.claimed_at.is_null() | (Notification.claimed_at < now - STALE_CLAIM))
    ).returning(Notification.id)
    return len(taken) == 1


async def _retry(row: dict, now: dt.datetime, exc: Exception) -> None:
    attempts = row["attempts"] + 1
    await Notification.update({
        Notification.claimed_at: None, Notification.attempts: attempts,
        Notification.next_attempt_at: now + backoff(attempts),
        Notification.last_error: type(exc).__name__[:100],  # never the message: it may echo content
    }).where(Notification.id == row["id"])


def _message(row: dict, settings) -> Message:
    """The alert email, in its recipient's language."""
    with i18n.speaking(row.get("language")):
        return _alert_message(row, settings)


def _alert_message(row: dict, settings) -> Message:
    reasons = list(row["reasons"]) + _resolution(row)
    kind_label = gettext(KIND_LABELS.get(row["kind"], row["kind"]))
    body = _env.get_template("alert.txt").render(
        event_line=gettext(EVENT_LINES[row["event"]]), case_number=row["case_number"],
        kind_label=kind_label, severity=row["severity"],
        reasons=reasons, link=f"{settings.base_url.rstrip('/')}/children/{row['child_id']}",
    )
    subject = f"Haven {filters.words(row['severity'])}: {kind_label}, {row['case_number']}"
    if row["event"] in EVENT_SUBJECTS:
        subject = gettext(EVENT_SUBJECTS[row["event"]]) % {"subject": subject}
    return Message(row["to"] or "", subject, body)


def _resolution(row: dict) -> list[str]:
    """Why a resolved alert is resolved: the scan's own words, or, when a person resolved it
    (a case closing), only that the case is closed: their note may hold what an email must not."""
    if row["event"] != "resolved":
        return []
    if row["resolved_by"] is None:
        return [row["resolved_note"]] if row["resolved_note"] else []
    return [gettext(CASE_CLOSED)] if row["child_status"] == "closed" else []


async def send_digests(now: dt.datetime, settings) -> int:
    """Each supervisor with an email gets one digest a day of their team's open alerts, at the
    first run from the digest hour (local, `HAVEN_TIMEZONE`) on that finds the SMTP server up."""
    if not settings.smtp_host or clock.local(now).hour < settings.digest_hour:
        return 0
    day, sent = clock.today(now).isoformat(), 0
    supervisors = await User.select(User.id, User.email, User.team, User.language).where(
        (User.role == SUPERVISOR) & (User.active == True) & (User.email != "") & User.team.is_not_null())  # noqa: E712
    open_alerts = await _open_by_team()
    for sup in supervisors:
        alerts = open_alerts.get(sup["team"], [])
        if alerts and await _claim_digest(sup["id"], day, now):
            sent += await _send_digest(sup, alerts, day, now, settings)
    return sent


async def _open_by_team() -> dict:
    rows = await Alert.select(
        Alert.kind, Alert.severity, Alert.status, Alert.raised_at,
        Alert.child.case_number.as_alias("case_number"), Alert.child.team.as_alias("team"),
    ).where(Alert.status != "resolved").order_by(Alert.raised_at)
    found = {}
    for r in sorted(rows, key=lambda r: -rank(r["severity"])):
        found.setdefault(r["team"], []).append(
            {**r, "kind_label": KIND_LABELS.get(r["kind"], r["kind"]), "raised_on": clock.today(r["raised_at"]).isoformat()})
    return found


async def _claim_digest(user_id, day: str, now: dt.datetime) -> bool:
    done = await DigestSent.insert(DigestSent(id=uuid.uuid4(), recipient=user_id, day=day)).on_conflict(
        target=(DigestSent.recipient, DigestSent.day), action="DO NOTHING").returning(DigestSent.id)
    return len(done) == 1


def digest(alerts: list[dict], day: str, settings) -> tuple[str, str]:
    """The subject and body of a digest: how many alerts at each severity, then the most
    urgent by case number, up to `DIGEST_LISTS` of them."""
    counts = [(s, n) for s in reversed(SEVERITIES) if (n := sum(a["severity"] == s for a in alerts))]
    named = [{**a, "kind_label": gettext(a["kind_label"])} for a in alerts[:DIGEST_LISTS]]
    body = _env.get_template("digest.txt").render(
        day=day, alerts=named, total=len(alerts), counts=counts,
        link=f"{settings.base_url.rstrip('/')}/inbox")
    subject = i18n.ngettext("Haven: %(num)d open alert for your team", "Haven: %(num)d open alerts for your team",
                            len(alerts))
    return subject % {"num": len(alerts)}, body


async def _send_digest(sup: dict, alerts: list, day: str, now: dt.datetime, settings) -> int:
    with i18n.speaking(sup.get("language")):
        subject, body = digest(alerts, day, settings)
    try:
        await Email(settings).send(Message(sup["email"], subject, body))
    except Exception:  # the day's claim is given back, so the next run tries again
        await DigestSent.delete().where((DigestSent.recipient == sup["id"]) & (DigestSent.day == day))
        return 0
    await DigestSent.update({DigestSent.sent_at: now}).where(
        (DigestSent.recipient == sup["id"]) & (DigestSent.day == day))
    return 1
