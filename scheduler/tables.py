"""Alerts, the notification outbox, the scan lease, risk weights, indicators and disagreements,
and the calendar feeds of due work."""

from piccolo.columns import JSON, UUID, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.table import Table

from care_plans.tables import Child
from service.accounts.tables import User


def _fk(table, null=False, index=False, on_delete=OnDelete.restrict, unique=False):
    return ForeignKey(references=table, null=null, on_delete=on_delete, index=index, unique=unique)


class Alert(Table):
    id = UUID(primary_key=True)
    kind = Varchar(length=24)
    child = _fk(Child, index=True)
    cause_key = Varchar(length=100)
    severity = Varchar(length=10)
    status = Varchar(length=14, default="open", index=True)
    reasons = JSON(default="[]")
    # Not `count`: that name is the table's own row-count query. The column is still "count".
    occurrences = Integer(default=1, db_column_name="count")
    raised_at = Timestamptz()
    last_seen_at = Timestamptz()
    escalated_at = Timestamptz(null=True, default=None)
    seen_at = Timestamptz(null=True, default=None)  # the child's last contact when raised
    acknowledged_by = _fk(User, null=True)
    acknowledged_at = Timestamptz(null=True, default=None)
    acknowledged_note = Text(default="")
    resolved_by = _fk(User, null=True)
    resolved_at = Timestamptz(null=True, default=None)
    resolved_note = Text(default="")


class Notification(Table):
    id = UUID(primary_key=True)
    alert = _fk(Alert, on_delete=OnDelete.cascade)  # found through the unique key (notification_once)
    recipient = _fk(User, index=True)
    channel = Varchar(length=8)
    event = Varchar(length=10)
    sequence = Integer(default=0)
    created_at = Timestamptz()
    claimed_at = Timestamptz(null=True, default=None)
    sent_at = Timestamptz(null=True, default=None)
    attempts = Integer(default=0)
    next_attempt_at = Timestamptz(index=True)
    last_error = Text(default="")


class DigestSent(Table):
    id = UUID(primary_key=True)
    recipient = _fk(User)
    day = Varchar(length=10)
    sent_at = Timestamptz(null=True, default=None)


class ScanLease(Table):
    name = Varchar(length=16, unique=True)
    holder = Varchar(length=64)
    expires_at = Timestamptz(null=True, default=None)


class RiskWeight(Table, tablename="risk_weight"):
    code = Varchar(length=40, unique=True)
    points = Integer(default=0)
    description = Text()
    source = Text()


class RiskIndicator(Table):
    id = UUID(primary_key=True)
    child = _fk(Child, index=True)
    code = Varchar(length=40)
    note = Text()
    flagged_by = _fk(User)
    flagged_at = Timestamptz()
    cleared_by = _fk(User, null=True)
    cleared_at = Timestamptz(null=True, default=None)


class RiskDisagreement(Table):
    id = UUID(primary_key=True)
    child = _fk(Child, index=True)
    level_shown = Varchar(length=10)
    level_proposed = Varchar(length=10, null=True, default=None)
    reason = Text()
    recorded_by = _fk(User)
    recorded_at = Timestamptz()


class RiskState(Table):
    child = _fk(Child, on_delete=OnDelete.cascade, unique=True)
    level = Varchar(length=10)
    score = Integer(default=0)
    since = Timestamptz()
    computed_at = Timestamptz()


class RiskLevelChange(Table, tablename="risk_level_history"):
    """Each child's risk level over time: a row each time the scan finds the level changed,
    in force from `since` until the next row (the first row also stands for the time before
    it). Missed check-ins are counted against it, each period at the interval in force then."""

    child = _fk(Child, on_delete=OnDelete.cascade, index=True)
    level = Varchar(length=10)
    since = Timestamptz()


class ChildWake(Table):
    """The next instant at which any rule could change a child's alerts (a check-in falling due,
    a grace period ending, a birthday, an escalation window): the scan evaluates a child only
    when this has passed or the child's record changed. NULL: nothing is scheduled."""

    child = _fk(Child, on_delete=OnDelete.cascade, unique=True)
    wake_at = Timestamptz(null=True, default=None, index=True)


class CalendarFeed(Table):
    """A staff member's iCalendar feed of due work, at a secret URL. Only the secret's SHA-256
    digest is kept (as for tokens); renewing replaces it, so the old URL stops working, and a
    revoked feed answers 404 until it is renewed."""

    id = UUID(primary_key=True)
    user = _fk(User, unique=True)
    secret_digest = Varchar(length=64, unique=True)
    created_at = Timestamptz()
    revoked_at = Timestamptz(null=True, default=None)
