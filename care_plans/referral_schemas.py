"""Request and response bodies for partner organisations, consent and referrals.

Fixed vocabularies:
- referral kind: early_intervention, developmental_evaluation, trauma_therapy, health, education,
  legal_advice (legal or immigration advice), anti_trafficking (specialist anti-trafficking
  support), other. Their clocks are in `referral_clocks.csv`.
- consent given by: child, parent, guardian, advocate (an independent advocate), court.
- consent purpose: services, sharing (with named organisations), research.
- referral state: drafted, sent, accepted, declined, started, closed, revoked.
- shared field: see SHARED_FIELDS; never a free copy of the record.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec
from msgspec import UNSET, UnsetType

from service.validation import VISIBLE

ReferralKind = Literal["early_intervention", "developmental_evaluation", "trauma_therapy", "health",
                       "education", "legal_advice", "anti_trafficking", "other"]
GivenBy = Literal["child", "parent", "guardian", "advocate", "court"]
Purpose = Literal["services", "sharing", "research"]
ReferralState = Literal["drafted", "sent", "accepted", "declined", "started", "closed", "revoked"]
SharedField = Literal["display_name", "birth_date", "sex", "languages", "documentation_status",
                      "case_number", "caseworker_contact", "placement_kind", "placement_location",
                      "care_plan_goals"]
Text = Annotated[str, msgspec.Meta(min_length=1, max_length=2000, pattern=VISIBLE)]
OptionalText = Annotated[str, msgspec.Meta(max_length=2000)]
OrgName = Annotated[str, msgspec.Meta(min_length=1, max_length=160, pattern=VISIBLE)]
Email = Annotated[str, msgspec.Meta(max_length=254, pattern=r"^$|^[^@\s]+@[^@\s]+\.[^@\s]+$")]
Id = Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
Instant = Annotated[dt.datetime, msgspec.Meta(tz=True)]  # with its offset: never a guess of the zone


class PartnerIn(msgspec.Struct, forbid_unknown_fields=True):
    name: OrgName
    services: Annotated[list[ReferralKind], msgspec.Meta(min_length=1, max_length=8)]
    contact: OptionalText = ""
    secure_email: Email = ""


class PartnerPatch(msgspec.Struct, forbid_unknown_fields=True):
    name: OrgName | UnsetType = UNSET
    services: Annotated[list[ReferralKind], msgspec.Meta(min_length=1, max_length=8)] | UnsetType = UNSET
    contact: OptionalText | UnsetType = UNSET
    secure_email: Email | UnsetType = UNSET
    active: bool | UnsetType = UNSET


class PartnerOut(msgspec.Struct):
    """An organisation's own details only: never which children it was sent."""

    id: str
    name: str
    services: list[str]
    contact: str
    secure_email: str
    active: bool


class ConsentIn(msgspec.Struct, forbid_unknown_fields=True):
    given_by: GivenBy
    given_on: dt.date
    purpose: Purpose
    giver_name: Annotated[str, msgspec.Meta(max_length=120)] = ""
    child_words: OptionalText = ""  # what the child said, in their own words
    partners: Annotated[list[Id], msgspec.Meta(max_length=20)] = []  # for sharing
    expires_on: dt.date | None = None


class WithdrawIn(msgspec.Struct, forbid_unknown_fields=True):
    reason: Text
    withdrawn_at: Instant | None = None


class ConsentOut(msgspec.Struct):
    id: str
    child_id: str
    given_by: str
    giver_name: str
    child_words: str
    given_on: dt.date
    purpose: str
    partners: list[str]
    expires_on: dt.date | None
    withdrawn_at: dt.datetime | None
    withdrawn_reason: str
    in_force: bool
    plain_words: str
    recorded_by: str
    recorded_at: dt.datetime


class ReferralIn(msgspec.Struct, forbid_unknown_fields=True):
    partner: Id
    kind: ReferralKind
    reason: Text
    shared_fields: Annotated[list[SharedField], msgspec.Meta(max_length=10)] = []
    lawful_basis: OptionalText = ""  # only when sharing without consent; a supervisor approves it


class StepIn(msgspec.Struct, forbid_unknown_fields=True):
    to: ReferralState
    note: OptionalText = ""
    outcome: OptionalText = ""  # required to close
    at: Instant | None = None  # when it happened, if not now


class StepOut(msgspec.Struct):
    state: str
    at: dt.datetime
    by: str
    note: str


class ReferralOut(msgspec.Struct):
    id: str
    child_id: str
    case_number: str
    partner_id: str
    partner: str
    kind: str
    reason: str
    shared_fields: list[str]
    state: str
    state_at: dt.datetime
    sent_at: dt.datetime | None
    outcome: str
    services_consent: str | None
    sharing_consent: str | None
    without_consent: bool
    lawful_basis: str
    basis_approved_by: str | None
    basis_approved_at: dt.datetime | None
    created_by: str
    created_at: dt.datetime
    stalls_at: dt.datetime | None
    steps: list[StepOut]


class SharedValue(msgspec.Struct):
    field: str
    value: str


class PackageOut(msgspec.Struct):
    """What goes to the organisation: the chosen fields as they stand now, and the reason."""

    referral_id: str
    partner: str
    secure_email: str
    reason: str
    shared: list[SharedValue]
    without_consent: bool
    lawful_basis: str
