"""Request and response bodies for a child's case, with their constraints in the types.

Fixed vocabularies:
- sex: female, male, intersex, unknown.
- documentation_status (identity documents): none, pending (applied for), partial, full, unknown.
- risk level (set by the scan): low, medium, high, critical.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec
from msgspec import UNSET, UnsetType

Name = Annotated[str, msgspec.Meta(min_length=1, max_length=120)]
Username = Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
Language = Annotated[str, msgspec.Meta(min_length=1, max_length=40)]
Languages = Annotated[list[Language], msgspec.Meta(max_length=12)]
GestationalWeeks = Annotated[int, msgspec.Meta(ge=22, le=44)]
Sex = Literal["female", "male", "intersex", "unknown"]
Documentation = Literal["none", "pending", "partial", "full", "unknown"]
RiskLevel = Literal["low", "medium", "high", "critical"]
ChildStatus = Literal["active", "closed"]


class ChildIn(msgspec.Struct, forbid_unknown_fields=True):
    display_name: Name
    birth_date: dt.date
    birth_date_estimated: bool = False
    gestational_age_weeks: GestationalWeeks | None = None
    sex: Sex | None = None
    documentation_status: Documentation = "unknown"
    languages: Languages = []
    caseworker: Username | None = None


class ChildPatch(msgspec.Struct, forbid_unknown_fields=True):
    """Only the fields sent are changed; `null` clears an optional one."""

    display_name: Name | UnsetType = UNSET
    birth_date: dt.date | UnsetType = UNSET
    birth_date_estimated: bool | UnsetType = UNSET
    gestational_age_weeks: GestationalWeeks | None | UnsetType = UNSET
    sex: Sex | None | UnsetType = UNSET
    documentation_status: Documentation | UnsetType = UNSET
    languages: Languages | UnsetType = UNSET
    status: ChildStatus | UnsetType = UNSET
    caseworker: Username | UnsetType = UNSET


class ChildCreated(msgspec.Struct):
    id: str
    case_number: str


class ChildOut(msgspec.Struct, omit_defaults=True):
    id: str
    case_number: str
    display_name: str
    birth_date: dt.date
    birth_date_estimated: bool
    gestational_age_weeks: int | None
    sex: str | None
    documentation_status: str
    languages: list[str]
    caseworker: str
    team: str
    status: str
    risk_level: str
    check_in_every_days: int | None
    registered_at: dt.datetime
    last_seen_at: dt.datetime | None
    check_in_due_at: dt.datetime
    next_review_due: dt.date | None
    care_team: list[str] | None = None  # on the single-child read only


class CareTeamIn(msgspec.Struct, forbid_unknown_fields=True):
    username: Username


class CareTeamOut(msgspec.Struct):
    child_id: str
    care_team: list[str]
