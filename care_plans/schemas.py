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

from service.validation import VISIBLE

Name = Annotated[str, msgspec.Meta(min_length=1, max_length=120)]
Username = Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
Language = Annotated[str, msgspec.Meta(min_length=1, max_length=40, pattern=VISIBLE)]
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


class Created(msgspec.Struct):
    id: str


class CareTeamIn(msgspec.Struct, forbid_unknown_fields=True):
    username: Username


class CareTeamOut(msgspec.Struct):
    child_id: str
    care_team: list[str]
    # Therapists from outside the child's team, waiting for the team supervisor's approval.
    pending: list[str] = []


Text = Annotated[str, msgspec.Meta(max_length=4000)]
Instant = Annotated[dt.datetime, msgspec.Meta(tz=True)]
PlacementKind = Literal["foster", "kinship", "residential", "shelter", "hospital", "independent", "other"]
ContactMode = Literal["in_person", "phone", "video"]


class PlacementIn(msgspec.Struct, forbid_unknown_fields=True):
    """`started_at`, when known, is the moment of the move (on the local day `started_on`): the
    visit window runs from it; without it, from the start of that day."""

    kind: PlacementKind
    started_on: dt.date
    planned: bool
    reason: Text = ""
    location: Annotated[str, msgspec.Meta(max_length=500)] = ""
    started_at: Instant | None = None


class PlacementOut(msgspec.Struct, omit_defaults=True):
    """`location` is present only for the child's caseworker and their supervisor."""

    id: str
    child_id: str
    kind: str
    started_on: dt.date
    ended_on: dt.date | None
    planned: bool
    reason: str
    recorded_by: str
    recorded_at: dt.datetime
    location: str | None = None
    started_at: dt.datetime | None = None


class CheckInIn(msgspec.Struct, forbid_unknown_fields=True):
    """A contact that happened (`mode`, `child_seen`), or an excused one that could not, with
    `excused: true` and the reason why (an excused contact is not a missed one)."""

    occurred_at: Instant
    mode: ContactMode | None = None
    child_seen: bool | None = None
    seen_alone: bool | None = None
    notes: Text = ""
    excused: bool = False
    excuse_reason: Text = ""


class CheckInOut(msgspec.Struct):
    id: str
    child_id: str
    occurred_at: dt.datetime
    mode: str | None
    child_seen: bool
    seen_alone: bool | None
    notes: str
    excused: bool
    excuse_reason: str
    recorded_by: str
    recorded_at: dt.datetime


class MissingIn(msgspec.Struct, forbid_unknown_fields=True):
    went_missing_at: Instant
    notes: Text = ""


class ReturnedIn(msgspec.Struct, forbid_unknown_fields=True):
    returned_at: Instant
    notes: Text | UnsetType = UNSET


class MissingOut(msgspec.Struct):
    id: str
    child_id: str
    went_missing_at: dt.datetime
    returned_at: dt.datetime | None
    notes: str
    recorded_by: str
    recorded_at: dt.datetime


# Care plan goal domains, fixed so plans can be compared and summarised across children:
# safety, health, development (infants and young children), education, emotional_wellbeing,
# identity (documents, language, culture, faith), family_and_relationships, independence.
GoalDomain = Literal["safety", "health", "development", "education", "emotional_wellbeing",
                     "identity", "family_and_relationships", "independence"]
Views = Annotated[str, msgspec.Meta(max_length=4000)]
NotObtained = Annotated[str, msgspec.Meta(max_length=2000)]
ReviewDays = Annotated[int, msgspec.Meta(ge=7, le=366)]
CheckInDays = Annotated[int, msgspec.Meta(ge=1, le=90)]
ServiceName = Annotated[str, msgspec.Meta(min_length=1, max_length=200, pattern=VISIBLE)]
Services = Annotated[list[ServiceName], msgspec.Meta(max_length=30)]
Version = Annotated[int, msgspec.Meta(ge=1, le=2**31 - 1)]  # the column is a 32-bit integer on PostgreSQL


class GoalIn(msgspec.Struct, forbid_unknown_fields=True):
    domain: GoalDomain
    description: Annotated[str, msgspec.Meta(min_length=1, max_length=2000, pattern=VISIBLE)]
    target_date: dt.date | None = None


Goals = Annotated[list[GoalIn], msgspec.Meta(min_length=1, max_length=30)]


LeavingText = Annotated[str, msgspec.Meta(max_length=2000)]


class LeavingCare(msgspec.Struct, forbid_unknown_fields=True):
    """From 16, the plan prepares for leaving care: each part in plain words."""

    where_they_will_live: LeavingText = ""
    income: LeavingText = ""
    education_or_work: LeavingText = ""
    who_they_can_call: LeavingText = ""


class CarePlanIn(msgspec.Struct, forbid_unknown_fields=True):
    """The child's views in their own words are required, or why they could not be obtained
    (an infant, for example)."""

    goals: Goals
    review_every_days: ReviewDays | None = None
    check_in_every_days: CheckInDays | None = None
    services: Services = []
    child_views: Views = ""
    child_views_not_obtained_reason: NotObtained = ""
    leaving_care: LeavingCare | None = None  # required before a plan for a child of 16 or more is submitted


class CarePlanPatch(msgspec.Struct, forbid_unknown_fields=True):
    """`version` is the one the change was based on: a stale one is refused with 409."""

    version: Version
    goals: Goals | UnsetType = UNSET
    review_every_days: ReviewDays | None | UnsetType = UNSET  # null: back to the default
    check_in_every_days: CheckInDays | None | UnsetType = UNSET
    services: Services | UnsetType = UNSET
    child_views: Views | UnsetType = UNSET
    child_views_not_obtained_reason: NotObtained | UnsetType = UNSET
    leaving_care: LeavingCare | None | UnsetType = UNSET


class GoalOut(msgspec.Struct):
    domain: str
    description: str
    target_date: dt.date | None


class CarePlanOut(msgspec.Struct):
    id: str
    child_id: str
    status: str
    version: int
    goals: list[GoalOut]
    review_every_days: int | None  # null: the default cadence, in calendar months
    check_in_every_days: int | None
    services: list[str]
    child_views: str
    child_views_not_obtained_reason: str
    created_by: str
    created_at: dt.datetime
    updated_at: dt.datetime
    submitted_at: dt.datetime | None
    approved_by: str | None
    approved_at: dt.datetime | None
    next_review_due: dt.date | None
    returned_by: str | None  # the supervisor's last return of the plan, kept when resubmitted
    returned_at: dt.datetime | None
    return_comment: str
    leaving_care: LeavingCare | None = None  # from 16
    # Against the plan in force, for a plan in progress when there is one (read one plan to see it).
    changes_from_current: list[ChangeOut] | None = None


class ChangeOut(msgspec.Struct):
    what: str
    before: str | None  # None when added
    after: str | None  # None when removed


class ReturnIn(msgspec.Struct, forbid_unknown_fields=True):
    """Why the supervisor returns the plan: what should change before it is approved."""

    comment: Annotated[str, msgspec.Meta(max_length=4000)]


ReviewOutcome = Literal["continue", "revise", "escalate"]


GoalFinding = Literal["met", "partly", "not_yet", "no_longer_relevant"]


class GoalReviewIn(msgspec.Struct, forbid_unknown_fields=True):
    """How one goal of the plan stands: `null` when the review did not say."""

    outcome: GoalFinding | None = None
    note: Annotated[str, msgspec.Meta(max_length=2000)] = ""


class GoalReviewOut(msgspec.Struct):
    position: int  # the goal's place in the plan, from 0
    domain: str
    description: str
    outcome: str | None
    note: str


class ReviewIn(msgspec.Struct, forbid_unknown_fields=True):
    """`outcome`: continue the plan, revise it (draft a new one), or escalate concerns.
    `goals`: one entry per goal of the plan reviewed, in the plan's order."""

    reviewed_on: dt.date
    summary: Annotated[str, msgspec.Meta(min_length=1, max_length=8000, pattern=VISIBLE)]
    child_views: Views = ""
    child_views_not_obtained_reason: NotObtained = ""
    outcome: ReviewOutcome = "continue"
    leaving_care: Annotated[str, msgspec.Meta(max_length=4000)] = ""  # from 16: how leaving care is going
    goals: Annotated[list[GoalReviewIn], msgspec.Meta(max_length=30)] = []


class ReviewOut(msgspec.Struct, omit_defaults=True):
    id: str
    plan_id: str
    child_id: str
    reviewed_on: dt.date
    summary: str
    child_views: str
    child_views_not_obtained_reason: str
    outcome: str
    recorded_by: str
    recorded_at: dt.datetime
    goals: list[GoalReviewOut]  # every goal of the plan, with what the review found
    leaving_care: str = ""
    next_review_due: dt.date | None = None


# Tasks: the duties around a missing episode and the safety-plan reviews (care_plans/duties.py).
TaskKind = Literal["police_report", "national_report", "tell_supervisor", "return_interview",
                   "trafficking_screen", "safety_plan_review"]


class TaskDoneIn(msgspec.Struct, forbid_unknown_fields=True):
    """A report's `reference` (police_report, national_report), or for the others the `outcome`:
    what was done and what came of it. `done_at` defaults to now."""

    reference: Annotated[str, msgspec.Meta(max_length=120)] = ""
    outcome: Text = ""
    done_at: Instant | None = None


class TaskOut(msgspec.Struct):
    """`reference` is null for therapists, and `outcome` shows them no placement location."""

    id: str
    child_id: str
    kind: str
    title: str
    source: str  # the rule the due instant follows
    due_at: dt.datetime
    created_at: dt.datetime
    overdue: bool
    episode_id: str | None = None
    done_at: dt.datetime | None = None
    done_by: str | None = None
    reference: str | None = None
    outcome: str | None = None


SafetyText = Annotated[str, msgspec.Meta(max_length=4000)]


class SafetyPlanIn(msgspec.Struct, forbid_unknown_fields=True):
    """`version` is the version the writer started from (0 for the first plan); the child's own
    words, or why they could not be obtained this time, are required."""

    version: Annotated[int, msgspec.Meta(ge=0, le=1_000_000)]
    child_words: SafetyText = ""
    child_words_not_obtained_reason: SafetyText = ""
    warning_signs: SafetyText = ""
    what_helps: SafetyText = ""
    safe_people: SafetyText = ""
    safe_places: SafetyText = ""
    if_missing: SafetyText = ""


class SafetyPlanOut(msgspec.Struct, omit_defaults=True):
    """`safe_places` only for the child's caseworker and supervisor; no placement location
    appears in any other field for anyone else."""

    id: str
    child_id: str
    version: int
    child_words: str
    child_words_not_obtained_reason: str
    warning_signs: str
    what_helps: str
    safe_people: str
    if_missing: str
    written_by: str
    written_at: dt.datetime
    safe_places: str | None = None
