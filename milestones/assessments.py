"""Recording a child's milestone assessments and reading them back.

An assessment is refused whole (a 400 naming each bad field, nothing written) when it is
dated in the future or before the child's birth, names a milestone the catalogue does not
hold, or observes one milestone twice. Past 5 years the CDC checklists end, but checks still
fall due every 6 months: such a developmental review is recorded in words, with no milestones.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict

from care_plans.due_dates import lock_children
from care_plans.tables import Child
from milestones import catalogue
from milestones.ages import age_on
from milestones.schemas import AssessmentIn
from milestones.summary import Seen
from milestones.tables import Assessment, Observation
from service import clock, db
from service.access import Actor
from service.errors import Invalid
from service.i18n import N_
from service.ids import new_id

NOT_A_MILESTONE = N_("is not a CDC 2022 milestone code")


_FACTS = db.Prepared(lambda child_id: Child.select(
    Child.birth_date, Child.birth_date_estimated, Child.gestational_age_weeks
).where(Child.id == child_id).first(), uuid.UUID)


async def child_facts(child_id) -> dict:
    """What the age arithmetic needs to know about the child."""
    return await _FACTS.run(child_id)


def problems(data: AssessmentIn, facts: dict, today: dt.date) -> dict[str, str]:
    found, birth_date = _nothing_recorded(data, facts), facts["birth_date"]
    if data.assessed_on > today:
        found["assessed_on"] = N_("cannot be in the future")
    elif data.assessed_on < birth_date:
        found["assessed_on"] = N_("cannot be before the child's birth date")
    seen: set[str] = set()
    for n, observation in enumerate(data.observations):
        if observation.milestone not in catalogue.by_code():
            found[f"observations[{n}].milestone"] = NOT_A_MILESTONE
        elif observation.milestone in seen:
            found[f"observations[{n}].milestone"] = N_("is observed twice in this assessment")
        seen.add(observation.milestone)
    return found


def _nothing_recorded(data: AssessmentIn, facts: dict) -> dict[str, str]:
    if data.observations:
        return {}
    age = age_on(facts["birth_date"], facts["gestational_age_weeks"], data.assessed_on)
    if age.used_months <= catalogue.LAST_CHECKPOINT:
        return {"observations": N_("must observe at least one milestone")}
    if not data.notes.strip():
        return {"notes": N_("past 5 years the review is recorded in words: say what it found")}
    return {}


async def record(actor: Actor, child_id, data: AssessmentIn, now: dt.datetime) -> uuid.UUID:
    await lock_children([child_id])
    facts = await child_facts(child_id)
    found = problems(data, facts, clock.today(now))
    if found:
        raise Invalid(found)
    assessment = Assessment(id=new_id(), child=child_id, assessed_on=data.assessed_on,
                            assessed_by=actor.id, notes=data.notes.strip(), created_at=now)
    await Assessment.insert(assessment)
    if data.observations:  # a review in words has none, and an empty insert is not SQL
        await Observation.insert(*[
            Observation(id=new_id(), assessment=assessment.id, milestone=o.milestone, status=o.status)
            for o in data.observations
        ])
    return assessment.id


def _in_order(query):
    """Oldest first: by the day observed, then by when it was recorded."""
    return query.order_by(Assessment.assessed_on).order_by(Assessment.created_at)


_ASSESSMENTS = db.Prepared(lambda child_id: _in_order(Assessment.select(
    *Assessment.all_columns(exclude=[Assessment.assessed_by]),
    Assessment.assessed_by.username.as_alias("assessed_by"),
).where(Assessment.child == child_id)), uuid.UUID)
_OBSERVED = db.Prepared(lambda child_id: Observation.select(
    Observation.assessment, Observation.milestone, Observation.status
).where(Observation.assessment.child == child_id), uuid.UUID)


async def history(child_id) -> list[dict]:
    """The child's assessments, oldest first, each with its observations."""
    rows = await _ASSESSMENTS.run(child_id)
    observed = await _OBSERVED.run(child_id)
    by_assessment = defaultdict(list)
    for o in observed:
        by_assessment[o["assessment"]].append(o)
    return [{**row, "observations": by_assessment[row["id"]]} for row in rows]


def seen_in(assessments: list[dict]) -> list[Seen]:
    """Every observation of `history`, oldest first."""
    return [Seen(o["milestone"], o["status"], a["assessed_on"])
            for a in assessments for o in a["observations"]]
