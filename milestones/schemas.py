"""Request and response bodies for milestones, assessments and the development summary.

An observation's status is `achieved`, `emerging` or `not_yet`: never "failed".
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec

Domain = Literal["social_emotional", "language_communication", "cognitive", "movement_physical"]
Status = Literal["achieved", "emerging", "not_yet"]
Code = Annotated[str, msgspec.Meta(min_length=1, max_length=12)]
Notes = Annotated[str, msgspec.Meta(max_length=8000)]


class MilestoneOut(msgspec.Struct):
    code: str
    domain: str
    age_months: int
    description: str
    source: str
    check_status: str


class ObservationIn(msgspec.Struct, forbid_unknown_fields=True):
    milestone: Code
    status: Status


class AssessmentIn(msgspec.Struct, forbid_unknown_fields=True):
    assessed_on: dt.date
    observations: Annotated[list[ObservationIn], msgspec.Meta(max_length=200)]
    notes: Notes = ""


DraftStatus = Literal["achieved", "emerging", "not_yet", ""]  # "": not observed this time
Step = Annotated[str, msgspec.Meta(max_length=12, pattern=r"^[a-z0-9]*$")]


class DraftIn(msgspec.Struct, forbid_unknown_fields=True):
    """One step of an assessment being filled in, merged into what was saved before:
    `observed` maps a milestone code to its status (`""` takes an answer back); `assessed_on`
    and `notes` change only when sent; `step` is where the form was, to come back to."""

    observed: Annotated[dict[Code, DraftStatus], msgspec.Meta(max_length=200)] = {}
    assessed_on: dt.date | None = None
    notes: Notes | None = None
    step: Step = ""


class DraftOut(msgspec.Struct):
    child_id: str
    author: str
    saved: bool  # false: nothing is kept for this child by the caller
    checkpoint: int | None  # the checklist age the child had reached when the draft was started
    observed: dict[str, str]
    assessed_on: dt.date | None
    notes: str
    step: str
    updated_at: dt.datetime | None


class ObservationOut(msgspec.Struct):
    milestone: str
    status: str
    domain: str
    description: str


class AssessmentOut(msgspec.Struct, omit_defaults=True):
    id: str
    child_id: str
    assessed_on: dt.date
    assessed_by: str
    created_at: dt.datetime
    observations: list[ObservationOut]
    notes: str | None = None  # only for the care team and the supervisor


class DueMilestone(msgspec.Struct):
    code: str
    description: str
    age_months: int
    status: Status | None  # the latest observation; None when never observed
    observed_on: dt.date | None  # the day of that observation
    concern: bool  # "not yet" when observed on or after the day it fell due


class DomainCounts(msgspec.Struct):
    domain: str
    due: int
    achieved: int
    emerging: int
    not_yet: int
    never_observed: int
    observed: int  # due - never_observed
    share_achieved: float | None  # achieved ÷ observed; None when nothing due was observed
    milestones: list[DueMilestone]  # the due ones, by checkpoint age


class Flagged(msgspec.Struct):
    code: str
    description: str
    domain: str
    age_months: int


class AdviceOut(msgspec.Struct):
    advice: str
    source: str


class DevelopmentOut(msgspec.Struct):
    child_id: str
    as_of: dt.date
    chronological_age_months: int
    corrected_age_months: int | None
    age_used_months: int
    birth_date_estimated: bool
    gestational_age_known: bool
    full_term_weeks: int
    corrected_age_convention: str  # "aap" or "asq": HAVEN_CORRECTED_AGE_CONVENTION
    age_rule: str  # how the age used is worked out, and why
    about_the_checklists: str  # what the CDC lists are, and are not
    age_note: str | None
    domains: list[DomainCounts]
    concerns: list[Flagged]
    regressions: list[Flagged]
    advice: AdviceOut | None
    beyond_checklist: str | None


class ChartDomainPoint(msgspec.Struct):
    domain: str
    due: int
    observed: int  # due milestones observed at least once, by then
    achieved: int
    never_observed: int  # due but never observed: unknown, so in no share
    share_achieved: float | None  # achieved ÷ observed; None when nothing due was observed
    concerns: list[str]
    regressions: list[str]


class ChartPoint(msgspec.Struct):
    assessment_id: str
    assessed_on: dt.date
    age_used_months: int
    domains: list[ChartDomainPoint]


class ChartDataOut(msgspec.Struct):
    child_id: str
    title: str
    points: list[ChartPoint]
    empty_message: str | None


# Screening results: the instrument's result, never its items (milestones/instruments.py).
Instrument = Literal["asq3", "asqse2", "mchat_rf", "sdq", "cse_it", "other"]
Zone = Literal["above_cutoff", "monitoring", "below_cutoff"]


class DomainResult(msgspec.Struct, forbid_unknown_fields=True):
    domain: Annotated[str, msgspec.Meta(min_length=1, max_length=40)]
    zone: Zone
    score: Annotated[float, msgspec.Meta(ge=0, le=1000)] | None = None


class ScreeningIn(msgspec.Struct, forbid_unknown_fields=True):
    """Per domain a score and zone (ASQ-3: communication, gross_motor, fine_motor, problem_solving,
    personal_social; ASQ:SE-2: total), or the instrument's own `result` with the zone it means
    (`below_cutoff`: the instrument says refer). The age used is worked out, corrected where it
    applies; `next_due` defaults to the next AAP screening age for the instrument."""

    instrument: Instrument
    screened_on: dt.date
    domains: Annotated[list[DomainResult], msgspec.Meta(max_length=12)] = []
    result: Annotated[str, msgspec.Meta(max_length=500)] = ""
    result_zone: Zone | None = None
    instrument_name: Annotated[str, msgspec.Meta(max_length=80)] = ""
    next_due: dt.date | None = None


class DomainResultOut(msgspec.Struct):
    domain: str
    zone: str
    score: float | None


class ScreeningOut(msgspec.Struct):
    id: str
    child_id: str
    instrument: str
    instrument_label: str
    screened_on: dt.date
    age_months_used: int
    age_corrected: bool
    domains: list[DomainResultOut]
    result: str
    result_zone: str | None
    below_cutoff: list[str]  # the domains (or `result`) below the cutoff
    referral_link: str | None  # offered when something is below the cutoff
    next_due: dt.date | None
    screened_by: str
    created_at: dt.datetime
