"""A child's case: the child, care team, placements, check-ins, missing episodes, care plans.

Care records never cascade away: foreign keys restrict deletion. `Varchar` and `Date` carry
piccolo defaults ('' and today), so required values are enforced in `schemas.py`, not here.
"""

from piccolo.columns import (
    JSON,
    UUID,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.base import OnDelete
from piccolo.table import Table

from service.accounts.tables import Team, User


def _fk(table, null=False, index=False):
    return ForeignKey(references=table, null=null, on_delete=OnDelete.restrict, index=index)


class CaseNumberCounter(Table):
    """The last case number issued in each year; incremented under a row lock, so
    concurrent registrations never share a number."""

    year = Integer(unique=True)
    last_number = Integer(default=0)


class Child(Table):
    id = UUID(primary_key=True)
    case_number = Varchar(length=20, unique=True)
    display_name = Varchar(length=120)
    birth_date = Date()
    birth_date_estimated = Boolean(default=False)
    gestational_age_weeks = Integer(null=True, default=None)
    sex = Varchar(length=16, null=True, default=None)
    documentation_status = Varchar(length=24, default="unknown")
    languages = JSON(default=[])
    # Found through (caseworker | team, check_in_due_at, case_number), the caseload's order
    # (made in a migration: piccolo declares no index over several columns).
    caseworker = _fk(User)
    team = _fk(Team)
    status = Varchar(length=12, default="active")  # active | closed
    risk_level = Varchar(length=10, default="medium")  # set by the scan from the risk score
    check_in_every_days = Integer(null=True, default=None)  # a plan's own cadence, if set
    registered_at = Timestamptz()
    last_seen_at = Timestamptz(null=True, default=None)
    # Precomputed so that "who is overdue" is one indexed range query for all children.
    check_in_due_at = Timestamptz(index=True)
    next_review_due = Date(null=True, default=None, index=True)
    updated_at = Timestamptz()
    # The alert scan's change mark: every case or development write bumps `revision` and sets
    # `changed`; the scan re-evaluates changed children and clears the mark only if the revision
    # it read is still current, so a write made during a scan is never lost.
    revision = Integer(default=0)
    changed = Boolean(default=True, index=True)


class CareTeamMember(Table):
    id = UUID(primary_key=True)
    child = _fk(Child, index=True)
    user = _fk(User, index=True)
    added_at = Timestamptz()


class CareTeamRequest(Table):
    """A therapist from another team (or none) asked onto a child's care team: they see nothing
    of the child until the child's team supervisor approves, which makes them a member."""

    id = UUID(primary_key=True)
    child = _fk(Child, index=True)
    user = _fk(User, index=True)
    requested_by = _fk(User)
    requested_at = Timestamptz()


class Placement(Table):
    id = UUID(primary_key=True)
    child = _fk(Child, index=True)
    kind = Varchar(length=16)
    started_on = Date()  # the local day the placement began
    started_at = Timestamptz(null=True, default=None)  # the moment, when it was recorded
    ended_on = Date(null=True, default=None)
    planned = Boolean(default=True)
    reason = Text(default="")
    location = Text(default="")  # the most protected field: caseworker and supervisor only
    recorded_by = _fk(User)
    recorded_at = Timestamptz(index=True)


class CheckIn(Table):
    id = UUID(primary_key=True)
    child = _fk(Child, index=True)
    occurred_at = Timestamptz(index=True)
    mode = Varchar(length=12)  # in_person | phone | video
    child_seen = Boolean(default=True)
    seen_alone = Boolean(null=True, default=None)
    notes = Text(default="")
    excused = Boolean(default=False)  # a planned check-in that could not happen, with a reason
    excuse_reason = Text(default="")
    recorded_by = _fk(User)
    recorded_at = Timestamptz()


class MissingEpisode(Table):
    id = UUID(primary_key=True)
    child = _fk(Child, index=True)
    went_missing_at = Timestamptz(index=True)
    returned_at = Timestamptz(null=True, default=None)
    notes = Text(default="")
    recorded_by = _fk(User)
    recorded_at = Timestamptz()


class CarePlan(Table):
    id = UUID(primary_key=True)
    child = _fk(Child, index=True)
    version = Integer(default=1)  # bumped on every change; a stale PATCH is refused
    status = Varchar(length=12, default="draft")  # draft | submitted | returned | active | superseded
    review_every_days = Integer(null=True, default=None)  # none: the default, in calendar months
    check_in_every_days = Integer(null=True, default=None)
    child_views = Text(default="")  # in the child's own words
    child_views_not_obtained_reason = Text(default="")
    services = JSON(default=[])
    created_by = _fk(User)
    created_at = Timestamptz()
    updated_at = Timestamptz()
    submitted_at = Timestamptz(null=True, default=None)
    approved_by = _fk(User, null=True)
    approved_at = Timestamptz(null=True, default=None)
    next_review_due = Date(null=True, default=None)
    # The supervisor's last return of the plan to the caseworker, kept when it is resubmitted.
    returned_by = _fk(User, null=True)
    returned_at = Timestamptz(null=True, default=None)
    return_comment = Text(default="")
    # From 16 (a child's plan also prepares for leaving care): where they will live, income,
    # education or work, who they can call. Empty for younger children.
    leaving_care = JSON(default={})


class CarePlanGoal(Table):
    id = UUID(primary_key=True)
    plan = ForeignKey(references=CarePlan, null=False, on_delete=OnDelete.cascade, index=True)
    domain = Varchar(length=24)
    description = Text()
    target_date = Date(null=True, default=None)
    position = Integer(default=0)


class CarePlanRevision(Table):
    """The content a plan had before each change, so no earlier version is lost."""

    id = UUID(primary_key=True)
    plan = _fk(CarePlan, index=True)
    version = Integer()
    content = JSON()
    changed_by = _fk(User)
    changed_at = Timestamptz()


class Review(Table):
    id = UUID(primary_key=True)
    plan = _fk(CarePlan, index=True)
    child = _fk(Child, index=True)
    reviewed_on = Date()
    summary = Text()
    child_views = Text()
    child_views_not_obtained_reason = Text(default="")
    outcome = Varchar(length=24, default="continue")
    leaving_care = Text(default="")  # from 16: how the leaving-care section stands now
    goals = JSON(default=[])  # per goal of the plan: {position, domain, description, outcome, note}
    recorded_by = _fk(User)
    recorded_at = Timestamptz()


class Task(Table):
    """A duty with a deadline: those around a missing episode, and the safety-plan review after
    a return or a placement move. Done when `done_at` is set, with who did it and the police or
    national reference (`reference`) or what came of it (`outcome`)."""

    id = UUID(primary_key=True)
    child = _fk(Child, index=True)
    episode = _fk(MissingEpisode, null=True)  # the episode it arose from, if any
    kind = Varchar(length=32)
    due_at = Timestamptz(index=True)
    created_at = Timestamptz()
    done_at = Timestamptz(null=True, default=None)
    done_by = _fk(User, null=True)
    reference = Varchar(length=120, default="")
    outcome = Text(default="")


class SafetyPlan(Table):
    """One version of a child's safety plan, written with the child. A change is a new row one
    version up (never an update), so every earlier version is kept as it was."""

    id = UUID(primary_key=True)
    child = _fk(Child, index=True)
    version = Integer()
    child_words = Text(default="")  # the child's own words
    child_words_not_obtained_reason = Text(default="")
    warning_signs = Text(default="")
    what_helps = Text(default="")
    safe_people = Text(default="")
    safe_places = Text(default="")  # may name where the child lives: case holders only
    if_missing = Text(default="")  # what was agreed should happen if they go missing
    written_by = _fk(User)
    written_at = Timestamptz()
class PartnerOrganisation(Table):
    """An organisation children are referred to. Managed by administrators; it holds no case
    content, so an administrator may read and change it."""

    id = UUID(primary_key=True)
    name = Varchar(length=160, unique=True)
    services = JSON(default=[])  # referral kinds it offers
    contact = Text(default="")
    secure_email = Varchar(length=254, default="")
    active = Boolean(default=True)
    created_at = Timestamptz()
    updated_at = Timestamptz()


class Consent(Table):
    """Who agreed, when, to what and until when; withdrawn consent is kept, marked withdrawn."""

    id = UUID(primary_key=True)
    child = _fk(Child, index=True)
    given_by = Varchar(length=16)  # child | parent | guardian | advocate | court
    giver_name = Varchar(length=120, default="")
    child_words = Text(default="")  # the child's own words, where they can give them
    given_on = Date()
    purpose = Varchar(length=12)  # services | sharing | research
    partners = JSON(default=[])  # for sharing: the named organisations' ids
    expires_on = Date(null=True, default=None)
    withdrawn_at = Timestamptz(null=True, default=None)
    withdrawn_reason = Text(default="")
    recorded_by = _fk(User)
    recorded_at = Timestamptz()


class Referral(Table):
    id = UUID(primary_key=True)
    child = _fk(Child, index=True)
    partner = _fk(PartnerOrganisation, index=True)
    kind = Varchar(length=32)
    reason = Text()
    shared_fields = JSON(default=[])  # names from a fixed list, never a copy of the record
    services_consent = _fk(Consent, null=True)
    sharing_consent = _fk(Consent, null=True)
    # Shared without consent: the lawful basis, and the supervisor who approved it.
    lawful_basis = Text(default="")
    basis_approved_by = _fk(User, null=True)
    basis_approved_at = Timestamptz(null=True, default=None)
    state = Varchar(length=12, default="drafted", index=True)
    state_at = Timestamptz()  # when the current state began: the stall clock runs from it
    sent_at = Timestamptz(null=True, default=None)
    outcome = Text(default="")
    created_by = _fk(User)
    created_at = Timestamptz()


class ReferralStep(Table):
    """Every state a referral entered, when, by whom and why: its history."""

    id = UUID(primary_key=True)
    referral = _fk(Referral, index=True)
    state = Varchar(length=12)
    at = Timestamptz()
    by = _fk(User)
    note = Text(default="")
