"""Bodies for the case lifecycle: moving a case, closing it, the record of changes, and the
case chronology."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec

ClosingReason = Literal["returned_to_family", "moved_authority", "turned_18", "other"]
ChronologyKind = Literal["check_in", "placement", "missing", "plan", "review", "assessment", "alert"]


class ReassignIn(msgspec.Struct, forbid_unknown_fields=True):
    """The caseworker of the child's team who takes the case."""

    caseworker: Annotated[str, msgspec.Meta(min_length=1, max_length=64)]


class ChildChangeOut(msgspec.Struct):
    id: str
    field: str
    before: str
    after: str
    changed_by: str
    changed_at: dt.datetime


class ClosingIn(msgspec.Struct, forbid_unknown_fields=True):
    """`note` is required when the reason is `other`."""

    reason: ClosingReason
    note: Annotated[str, msgspec.Meta(max_length=2000)] = ""


class ClosureOut(msgspec.Struct):
    id: str
    child_id: str
    reason: str
    note: str
    status: str  # requested | approved | declined
    requested_by: str
    requested_at: dt.datetime
    decided_by: str | None
    decided_at: dt.datetime | None
    child_status: str
    resolved_alerts: list[str] = []


class EventOut(msgspec.Struct):
    """One dated event of the case. `what` says it in words; a placement's location is never
    part of it."""

    kind: str
    at: dt.datetime
    what: str
    record_id: str
