"""The development half of the demo: a few assessments over time for each demo child under 5,
and 6-monthly developmental reviews in words for the older ones, recorded through the same
service the API uses, as the therapist on the care team (or, with none, the team's
supervisor), each with its audit entry.

Deterministic: a seeded random generator, dates relative to `now`. Preterm infants are
observed against their corrected age; one child in three with several assessments loses a
skill they had, so the demo shows a regression. Older children are reviewed shortly after
each 6-monthly check falls due, except that one in eight still has the latest one to do, so
the inbox shows a few checks due rather than one for every child.
"""

from __future__ import annotations

import datetime as dt
import random

from care_plans.cadence import add_months
from care_plans.tables import CareTeamMember, Child
from milestones import assessments, catalogue, demo_screens
from milestones.ages import age_on, reaches
from milestones.due import check_ages
from milestones.schemas import AssessmentIn, ObservationIn
from service import db
from service.access import SUPERVISOR, THERAPIST
from service.accounts.services import actor_from_row
from service.accounts.tables import User
from service.audit.services import Where, record

SEED = 20221
FIRST_AFTER_DAYS = 14  # the therapist's first visit after registration
EVERY_DAYS = 90
NOTES = ("Observed during play at the placement; settled quickly with a familiar carer.",
         "Seen with the foster carer present; enjoyed the picture book.",
         "Tired after a clinic visit; worth looking again at the next check.")
REVIEW_NOTES = ("Enjoys school and has made a friend in class; reading is coming on well.",
                "Sleeping better since the move; concentrates well on practical tasks.",
                "Talks more freely about what they like; speech therapy referral still helpful.",
                "Keen on football; fine motor skills and handwriting at the level expected.")
REVIEW_AFTER_DAYS = 10  # at most this long after a 6-monthly check falls due
LATEST_STILL_DUE_EVERY = 8  # one older child in this many has the latest review still to do


async def fill(now: dt.datetime) -> None:
    rng = random.Random(SEED)
    async with db.reading():
        children = await _children()
    young = [c for c in children if c["birth_date"] > add_months(now.date(), -60)]
    older = [c for c in children if c not in young]
    for n, child in enumerate(young):
        async with db.writing():
            await _history(child, now, rng, regress=n % 3 == 0)
    for n, child in enumerate(older):
        async with db.writing():
            await _reviews_in_words(child, now, rng, latest_due=n % LATEST_STILL_DUE_EVERY == 1)
    async with db.writing():
        await demo_screens.fill(young, now)


async def _children() -> list[dict]:
    """Active children, oldest case first, each with who records their assessments; those
    with nobody to record them are left out."""
    children = await Child.select(
        Child.id, Child.birth_date, Child.gestational_age_weeks, Child.registered_at, Child.team,
    ).where(Child.status == "active").order_by(Child.case_number)
    therapists, supervisors = await _therapists_by_child(), await _supervisors_by_team()
    for child in children:
        child["recorder"] = therapists.get(child["id"]) or supervisors.get(child["team"])
    return [c for c in children if c["recorder"] is not None]


async def _therapists_by_child() -> dict:
    rows = await CareTeamMember.select(
        CareTeamMember.child, *_actor_columns(CareTeamMember.user),
    ).where(CareTeamMember.user.role == THERAPIST).order_by(CareTeamMember.added_at)
    found = {}
    for row in rows:
        found.setdefault(row["child"], _actor(row))
    return found


async def _supervisors_by_team() -> dict:
    rows = await User.select(*_actor_columns(User)).where(
        (User.role == SUPERVISOR) & (User.active == True)  # noqa: E712 (piccolo builds SQL)
    ).order_by(User.created_at)
    found = {}
    for row in rows:
        found.setdefault(row["team"], _actor(row))
    return found


def _actor_columns(user) -> list:
    return [user.id.as_alias("user_id"), user.username.as_alias("username"),
            user.role.as_alias("role"), user.team.as_alias("team")]


def _actor(row: dict):
    return actor_from_row({**row, "id": row["user_id"]})


def visit_days(registered_on: dt.date, today: dt.date) -> list[dt.date]:
    day, days = registered_on + dt.timedelta(days=FIRST_AFTER_DAYS), []
    while day <= today:
        days.append(day)
        day += dt.timedelta(days=EVERY_DAYS)
    return days[-4:]


async def _history(child: dict, now: dt.datetime, rng: random.Random, regress: bool) -> None:
    status: dict[str, str] = {}
    days = visit_days(child["registered_at"].date(), now.date())
    for k, day in enumerate(days):
        observed = _observe(child, day, status, rng)
        if regress and k == len(days) - 1 and k > 0:
            observed.update(_lose_a_skill(status, observed))
        status.update(observed)
        await _record(child, AssessmentIn(assessed_on=day, notes=rng.choice(NOTES), observations=[
            ObservationIn(milestone=code, status=s) for code, s in observed.items()]))


def review_days(child: dict, today: dt.date, rng: random.Random) -> list[dt.date]:
    """A first review soon after registration, then one shortly after each 6-monthly check
    that falls due later; the last three, all past 5 years (before, the checklists apply)."""
    born, weeks = child["birth_date"], child["gestational_age_weeks"]
    first = child["registered_at"].date() + dt.timedelta(days=FIRST_AFTER_DAYS)
    days = [first]
    for months in check_ages():
        due = reaches(born, weeks, months)
        if due > today:
            break
        if due > first:
            days.append(due + dt.timedelta(days=rng.randint(0, REVIEW_AFTER_DAYS)))
    return [d for d in days if d <= today
            and age_on(born, weeks, d).used_months > catalogue.LAST_CHECKPOINT][-3:]


async def _reviews_in_words(child: dict, now: dt.datetime, rng: random.Random, latest_due: bool) -> None:
    days = review_days(child, now.date(), rng)
    for day in days[:-1] if latest_due else days:
        await _record(child, AssessmentIn(assessed_on=day, notes=rng.choice(REVIEW_NOTES), observations=[]))


async def _record(child: dict, data: AssessmentIn) -> None:
    recorder = child["recorder"]
    at = dt.datetime.combine(data.assessed_on, dt.time(10, 30), tzinfo=dt.timezone.utc)
    aid = await assessments.record(recorder, child["id"], data, at)
    await record(Where(actor=recorder, source="demo", now=at), "assessment.create",
                 "assessment", aid, child["id"])


def _observe(child: dict, day: dt.date, status: dict[str, str], rng: random.Random) -> dict[str, str]:
    """The items of the latest checkpoint reached (the first, for the youngest) not seen
    before, and any earlier item not yet achieved, looked at again."""
    age = age_on(child["birth_date"], child["gestational_age_weeks"], day).used_months
    reached = [c for c in catalogue.CHECKPOINTS if c <= age] or catalogue.CHECKPOINTS[:1]
    fresh = {i.code: _fresh(rng) for i in catalogue.items()
             if i.age_months == reached[-1] and i.code not in status}
    again = {code: rng.choice(("achieved", "achieved", "emerging"))
             for code, s in status.items() if s != "achieved"}
    return {**again, **fresh}


def _fresh(rng: random.Random) -> str:
    roll = rng.random()
    return "achieved" if roll < 0.75 else "emerging" if roll < 0.9 else "not_yet"


def _lose_a_skill(status: dict[str, str], observed: dict[str, str]) -> dict[str, str]:
    achieved = sorted(code for code, s in status.items() if s == "achieved" and code not in observed)
    return {achieved[0]: "not_yet"} if achieved else {}
