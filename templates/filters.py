"""Jinja filters: dates and times as people read them (on the deployment's clock,
`HAVEN_TIMEZONE`), and stored codes as words."""

from __future__ import annotations

import datetime as dt

from service import clock
from service.accounts import names

WORDS = {
    "in_person": "in person", "not_yet": "not yet", "missed_check_in": "missed check-in",
    "overdue_review": "overdue review", "placement_change": "placement change",
    "missing_from_care": "missing from care", "assessment_due": "assessment due",
    "developmental_concern": "developmental concern", "risk_escalation": "risk rising",
    "task_overdue": "task overdue",
    "referral_stalled": "referral stalled", "early_intervention": "early intervention",
    "developmental_evaluation": "developmental evaluation", "trauma_therapy": "trauma-focused therapy",
    "legal_advice": "legal or immigration advice", "anti_trafficking": "specialist anti-trafficking support",
}


def day(value) -> str:
    """3 May 2026 (an instant's local date)."""
    if value is None:
        return "—"
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.datetime):
        value = clock.today(value)
    return f"{value.day} {value:%b %Y}"


def when(value) -> str:
    """3 May 2026, 10:30 BST: local time, with the zone's abbreviation."""
    if value is None:
        return "—"
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    value = clock.local(value)
    return f"{day(value.date())}, {value:%H:%M %Z}"


def relative(value, now: dt.datetime) -> str:
    """`in 3 days`, `today`, `2 days ago`, counted in whole calendar days."""
    if value is None:
        return ""
    target = clock.today(value) if isinstance(value, dt.datetime) else value
    days = (target - clock.today(now)).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    return f"in {days} days" if days > 0 else f"{-days} days ago"


def words(value) -> str:
    """A stored code (`in_person`) as words (`in person`)."""
    if value is None:
        return "—"
    return WORDS.get(str(value), str(value).replace("_", " "))


# What an alert's count counts, by kind: only a missed check-in's alert counts more than one
# thing (the check-in periods missed in one stretch); every other kind stands for one cause.
COUNTED = {"missed_check_in": ("check-in missed", "check-ins missed")}


def counted(count, kind: str) -> str:
    """`3 check-ins missed`: what an alert counts, in plain words; nothing for a kind that
    counts nothing."""
    if kind not in COUNTED or not count:
        return ""
    one, many = COUNTED[kind]
    return f"{count} {one if count == 1 else many}"


def choices(codes) -> list[tuple[str, str]]:
    """Stored codes as (value, label) pairs for a select or radio group."""
    return [(code, words(code).capitalize()) for code in codes]


def local_input(value) -> str:
    """A datetime as a `datetime-local` input value, in local time."""
    return clock.local(value).strftime("%Y-%m-%dT%H:%M") if value else ""


def local_date(value) -> str:
    """An instant's local date as a `date` input value."""
    return clock.today(value).isoformat() if value else ""


def install(engine) -> None:
    env = engine.engine
    env.filters.update(day=day, when=when, relative=relative, words=words, local_input=local_input,
                       local_date=local_date, choices=choices, staff=names.name_of, counted=counted)
    env.globals["time_zone"] = lambda: clock.zone().key
