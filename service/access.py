"""The one access policy: who may see or do what to which child.

Pure functions over plain values, so every decision is unit-tested without a server or a
database. Controllers ask these before calling a service; a child outside the caller's scope
is answered as not found, so its existence is not leaked.

| role       | sees                               | never                                   |
|------------|------------------------------------|-----------------------------------------|
| caseworker | children whose caseworker they are | children outside their caseload         |
| therapist  | children whose care team they join | placements' locations, placement edits  |
| supervisor | every child of their team          | other teams' children                   |
| admin      | accounts and teams                 | case content (without break-glass)      |
| manager    | indicators for the whole service   | names, notes or any single child's record |
"""

from __future__ import annotations

from dataclasses import dataclass, field

CASEWORKER, THERAPIST, SUPERVISOR, ADMIN = "caseworker", "therapist", "supervisor", "admin"
MANAGER = "manager"
STAFF = (CASEWORKER, THERAPIST, SUPERVISOR)
# The roles that may ask for a child's record (an admin only by breaking the glass). A manager
# is not among them: their routes are the indicators' and their own account's.
ROLES_ALL = (CASEWORKER, THERAPIST, SUPERVISOR, ADMIN)
EVERY_ROLE = (*ROLES_ALL, MANAGER)
REPORT_READERS = (SUPERVISOR, MANAGER)


@dataclass(frozen=True)
class Actor:
    id: str
    username: str
    role: str
    team_id: str | None
    # Given a new password by an admin: until they choose their own, nothing else is open to them.
    must_change_password: bool = False
    two_factor_on: bool = False
    language: str = ""  # their chosen language for pages and emails; empty: the browser's


@dataclass(frozen=True)
class ChildScope:
    """What the policy needs to know about a child: who holds the case."""

    caseworker_id: str
    team_id: str
    care_team_ids: frozenset[str] = field(default_factory=frozenset)
    status: str = "active"  # active | closed: a closed case is kept, read-only


def holds_case(actor: Actor, child: ChildScope) -> bool:
    """The child's own caseworker, or a supervisor of the child's team."""
    if actor.role == CASEWORKER:
        return actor.id == child.caseworker_id
    if actor.role == SUPERVISOR:
        return actor.team_id is not None and actor.team_id == child.team_id
    return False


def on_care_team(actor: Actor, child: ChildScope) -> bool:
    return actor.role == THERAPIST and actor.id in child.care_team_ids


def can_view_child(actor: Actor, child: ChildScope) -> bool:
    return holds_case(actor, child) or on_care_team(actor, child)


def can_edit_case(actor: Actor, child: ChildScope) -> bool:
    """Profile, placements, check-ins, missing episodes, care plans and the care team."""
    return holds_case(actor, child)


def is_read_only(child: ChildScope) -> bool:
    """A closed case is kept as it was: no one writes to it any more."""
    return child.status == "closed"


def can_reassign(actor: Actor, child: ChildScope) -> bool:
    """Moving a case to another caseworker is the team supervisor's decision."""
    return actor.role == SUPERVISOR and holds_case(actor, child)


def can_request_closing(actor: Actor, child: ChildScope) -> bool:
    return holds_case(actor, child)


def can_close_case(actor: Actor, child: ChildScope) -> bool:
    """The caseworker asks; the team's supervisor approves, or closes a case directly."""
    return actor.role == SUPERVISOR and holds_case(actor, child)


def can_see_location(actor: Actor, child: ChildScope) -> bool:
    return holds_case(actor, child)


def can_record_assessment(actor: Actor, child: ChildScope) -> bool:
    return on_care_team(actor, child) or (
        actor.role == SUPERVISOR and holds_case(actor, child)
    )


def can_read_therapy_notes(actor: Actor, child: ChildScope) -> bool:
    """Therapists' own notes stay with the care team and the supervisor."""
    return can_record_assessment(actor, child)


def can_approve_plan(actor: Actor, child: ChildScope) -> bool:
    return actor.role == SUPERVISOR and holds_case(actor, child)


def can_resolve_missing_alert(actor: Actor, child: ChildScope) -> bool:
    return actor.role == SUPERVISOR and holds_case(actor, child)


def can_register_child(actor: Actor, caseworker: Actor) -> bool:
    """A caseworker registers to their own caseload; a supervisor to one of their team."""
    if caseworker.role != CASEWORKER:
        return False
    if actor.role == CASEWORKER:
        return actor.id == caseworker.id
    return actor.role == SUPERVISOR and actor.team_id is not None and actor.team_id == caseworker.team_id


def can_add_to_care_team(actor: Actor, child: ChildScope, member: Actor) -> bool:
    return holds_case(actor, child) and member.role == THERAPIST


def joins_care_team_directly(actor: Actor, child: ChildScope, member: Actor) -> bool:
    """A therapist of the child's own team joins at once; one from another team, or from none,
    only once the child's team supervisor approves (a supervisor adding them approves it)."""
    same_team = member.team_id is not None and member.team_id == child.team_id
    return same_team or can_approve_care_team(actor, child)


def can_approve_care_team(actor: Actor, child: ChildScope) -> bool:
    return actor.role == SUPERVISOR and holds_case(actor, child)


BREAK_GLASS_REASON_CHARS = 20  # enough to name a request or a court order, not "checking"


def breaks_glass(actor: Actor, reason: str | None) -> bool:
    """An admin may read a child's record only by giving a reason, which the audit trail keeps
    and the child's team supervisor is told of.

    Locations stay hidden even then: they are for the caseworker and supervisor alone.
    """
    return actor.role == ADMIN and len((reason or "").strip()) >= BREAK_GLASS_REASON_CHARS


def break_glass_problem(actor: Actor, reason: str | None) -> str | None:
    """What is wrong with an admin's reason, when one is given and is too short to say why."""
    if actor.role != ADMIN or reason is None or breaks_glass(actor, reason):
        return None
    return f"must say why you need this record, in at least {BREAK_GLASS_REASON_CHARS} characters"


def can_manage_accounts(actor: Actor) -> bool:
    return actor.role == ADMIN


def can_read_audit(actor: Actor) -> bool:
    return actor.role in (SUPERVISOR, ADMIN)


def audit_scope(actor: Actor) -> str:
    """Admins read the whole trail (it holds no case content); supervisors their team's."""
    return "all" if actor.role == ADMIN else "team"


@dataclass(frozen=True)
class Caseload:
    """How to select the children an actor may see, in one query: by which column."""

    column: str  # "caseworker", "team" or "care_team"; "none" selects nothing
    value: str | None


def caseload(actor: Actor) -> Caseload:
    if actor.role == CASEWORKER:
        return Caseload("caseworker", actor.id)
    if actor.role == SUPERVISOR and actor.team_id:
        return Caseload("team", actor.team_id)
    if actor.role == THERAPIST:
        return Caseload("care_team", actor.id)
    return Caseload("none", None)


# Alerts. Who hears of each kind when it is raised, escalates or resolves, and which kinds each
# role sees in lists and pages. An overdue review is the supervisor's alone to hear about;
# therapists see the development alerts of children on their care team.
DEVELOPMENT_ALERTS = ("assessment_due", "developmental_concern")
ALERT_AUDIENCE = {
    "missed_check_in": ("caseworker", "supervisor"),
    "overdue_review": ("supervisor",),
    "placement_change": ("caseworker", "supervisor"),
    "missing_from_care": ("caseworker", "supervisor"),
    "risk_escalation": ("caseworker", "supervisor"),
    "assessment_due": ("caseworker", "care_team"),
    "developmental_concern": ("caseworker", "care_team", "supervisor"),
    "task_overdue": ("caseworker", "supervisor"),
    "referral_stalled": ("caseworker", "supervisor"),
}


def alert_audience(kind: str) -> tuple[str, ...]:
    """Who is notified of an alert of this kind: the child's `caseworker`, the team's
    `supervisor`, the `care_team` therapists."""
    return ALERT_AUDIENCE.get(kind, ("caseworker", "supervisor"))


def alert_kinds_seen(actor: Actor) -> tuple[str, ...] | None:
    """The alert kinds an actor may see for children in their scope; None means every kind."""
    if actor.role in (CASEWORKER, SUPERVISOR):
        return None
    if actor.role == THERAPIST:
        return DEVELOPMENT_ALERTS
    return ()


def can_see_alert(actor: Actor, child: ChildScope, kind: str) -> bool:
    kinds = alert_kinds_seen(actor)
    return can_view_child(actor, child) and (kinds is None or kind in kinds)


def can_acknowledge_alert(actor: Actor, child: ChildScope, kind: str) -> bool:
    """The case holders; therapists on the care team for the development alerts."""
    return holds_case(actor, child) or (kind in DEVELOPMENT_ALERTS and on_care_team(actor, child))


def can_resolve_alert(actor: Actor, child: ChildScope, kind: str) -> bool:
    """As acknowledging, except that a missing-from-care alert is the supervisor's to resolve."""
    if kind == "missing_from_care":
        return can_resolve_missing_alert(actor, child)
    return can_acknowledge_alert(actor, child, kind)


# Indicators: aggregate figures with small counts suppressed, never a child's record. A
# manager reads them for the whole service (or any team or caseworker in it); a supervisor for
# their own team and its caseworkers; nobody else.
def can_read_indicators(actor: Actor) -> bool:
    return actor.role == MANAGER or (actor.role == SUPERVISOR and actor.team_id is not None)


def indicator_team(actor: Actor, team_id: str | None) -> str | None:
    """The team whose indicators the actor reads when asking for `team_id` (None: the whole
    service); raises PermissionError for a team beyond them."""
    if actor.role == MANAGER:
        return team_id
    if actor.role == SUPERVISOR and actor.team_id is not None and team_id in (None, actor.team_id):
        return actor.team_id
    raise PermissionError("not your team")


def can_export_caseload(actor: Actor, team_id: str) -> bool:
    """The team's caseload with names: its supervisor only; a manager never sees names."""
    return actor.role == SUPERVISOR and actor.team_id is not None and actor.team_id == team_id
