"""Request and response bodies for alerts, the inbox and the risk score.

Fixed vocabularies:
- alert kind: missed_check_in, overdue_review, placement_change, missing_from_care,
  assessment_due, developmental_concern, risk_escalation, referral_stalled.
- severity: info, warning, high, critical. status: open, acknowledged, resolved.
- risk indicator codes: exploiter_contact, unexplained_items, older_companion.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec

from service.validation import VISIBLE

AlertKind = Literal["missed_check_in", "overdue_review", "placement_change", "missing_from_care",
                    "assessment_due", "developmental_concern", "risk_escalation",
                    "referral_stalled"]
AlertStatus = Literal["open", "acknowledged", "resolved"]
IndicatorCode = Literal["exploiter_contact", "unexplained_items", "older_companion"]
RiskLevel = Literal["low", "medium", "high", "critical"]
Note = Annotated[str, msgspec.Meta(min_length=1, max_length=2000, pattern=VISIBLE)]
OptionalNote = Annotated[str, msgspec.Meta(max_length=2000)]


class NoteIn(msgspec.Struct, forbid_unknown_fields=True):
    note: Note


class AlertOut(msgspec.Struct):
    id: str
    kind: str
    severity: str
    child_id: str
    case_number: str
    status: str
    reasons: list[str]
    count: int
    raised_at: dt.datetime
    last_seen_at: dt.datetime
    escalated_at: dt.datetime | None
    acknowledged_by: str | None
    acknowledged_at: dt.datetime | None
    acknowledged_note: str
    resolved_by: str | None
    resolved_at: dt.datetime | None
    resolved_note: str


class InboxItem(msgspec.Struct):
    id: str
    alert_id: str
    event: str
    kind: str
    severity: str
    status: str
    child_id: str
    case_number: str
    reasons: list[str]
    created_at: dt.datetime
    delivered: bool


class IndicatorIn(msgspec.Struct, forbid_unknown_fields=True):
    code: IndicatorCode
    note: OptionalNote = ""


class IndicatorOut(msgspec.Struct):
    id: str
    child_id: str
    code: str
    note: str
    flagged_by: str
    flagged_at: dt.datetime
    cleared_at: dt.datetime | None


class DisagreementIn(msgspec.Struct, forbid_unknown_fields=True):
    reason: Note
    level: RiskLevel | None = None


class DisagreementOut(msgspec.Struct):
    id: str
    child_id: str
    level_shown: str
    level_proposed: str | None
    reason: str
    recorded_by: str
    recorded_at: dt.datetime


class FactorOut(msgspec.Struct):
    code: str
    points: int
    detail: str
    since: dt.date  # the day the factor began to count
    source: str


class RiskOut(msgspec.Struct):
    child_id: str
    level: str
    score: int
    factors: list[FactorOut]
    note: str
    indicators: list[IndicatorOut]
    disagreements: list[DisagreementOut]


class CalendarFeedOut(msgspec.Struct):
    """Your calendar feed: on or off, since when; `url` only in the answer that made it (the
    secret in it is kept as a digest, so it cannot be shown again: renew for a new one)."""

    active: bool
    created_at: dt.datetime | None = None
    revoked_at: dt.datetime | None = None
    url: str | None = None
